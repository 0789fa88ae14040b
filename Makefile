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

.PHONY: install serve test lint browser
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

# The JavaScript client's tests: node's own runner against a real server from .venv.
.PHONY: js-test
js-test: install
	cd clients/js && npm ci --no-audit --no-fund && node --test

test: lint browser js-test
	$(PY) -m pytest
