# Two commands do all the set-up on a fresh machine:
#   make serve   install into .venv and start the service on http://127.0.0.1:8000
#   make test    install the test tools into .venv and run the whole test suite (lint included)
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

$(VENV)/.installed: pyproject.toml constraints.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install -q -c constraints.txt -e '.[dev]'
	touch $@

.PHONY: install serve test lint browser mutants
install: $(VENV)/.installed

serve: install
	$(PY) -m service --host $(HOST) --port $(PORT)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

# The browser tests drive Debian's chromium (Playwright never downloads a browser here).
browser:
	@test -x /usr/bin/chromium || (apt-get update && apt-get install -y chromium)

test: lint browser
	$(PY) -m pytest

# Mutation testing over the modules that hold the semantics (not in CI: tens of minutes). Each group runs in a
# scratch copy under MUTANTS_DIR against only the tests that cover it; survivors land in MUTANTS_DIR/<group>.txt.
# docs/testing.md lists them and what was done about each. `make mutants GROUPS="session auth"` runs some.
MUTANTS_DIR ?= /tmp/ags-mutants
mutants: install
	$(PY) -m pip install -q -c constraints.txt -e '.[mutants]'
	$(PY) tests/mutation/run_mutants.py $(MUTANTS_DIR) $(GROUPS)
