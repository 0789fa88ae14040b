# Two commands do all the set-up on a fresh machine:
#   make serve   install the runtime into .venv and start the service on http://127.0.0.1:8000
#   make test    add the test tools to .venv and run lint, type checks and the whole test suite
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
CHROMIUM := /usr/bin/chromium

# The runtime alone: what serving needs (torch, FastAPI, uvicorn, ...), no test or lint tools.
$(VENV)/.runtime: pyproject.toml constraints.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install -q -c constraints.txt -e .
	touch $@

# The dev extras on top: pytest, ruff, mypy, hypothesis, schemathesis, playwright, ray.
$(VENV)/.dev: $(VENV)/.runtime
	$(PY) -m pip install -q -c constraints.txt -e '.[dev]'
	touch $@

.PHONY: install runtime serve test lint browser mutants
runtime: $(VENV)/.runtime
install: $(VENV)/.dev

serve: runtime
	$(PY) -m service --host $(HOST) --port $(PORT)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

# The browser tests (tests/web) drive Debian's chromium; Playwright never downloads a browser here.
# Installed only where it can be (root with apt), and said so first; elsewhere they skip, except
# under CI=true, where a missing browser fails them.
browser:
	@if [ -x $(CHROMIUM) ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "make test: installing Debian's chromium (apt-get, --no-install-recommends) for the browser tests in tests/web"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; \
	else \
	  echo "make test: no $(CHROMIUM), so the browser tests skip; to run them: sudo apt-get install --no-install-recommends chromium"; \
	fi

# The JavaScript client's tests: node's own runner against a real server from .venv. Without
# node and npm they skip with a line saying so, except under CI=true, where they must run.
.PHONY: js-test test-process
js-test: install
	@if command -v node >/dev/null && command -v npm >/dev/null; then \
	  cd clients/js && npm ci --no-audit --no-fund && node --test; \
	elif [ "$$CI" = true ]; then \
	  echo "make test: CI=true and no node/npm: the JavaScript client's tests must run"; exit 1; \
	else \
	  echo "make test: no node/npm, so the JavaScript client's tests skip; to run them: install node >= 20 and npm"; \
	fi

test: lint browser js-test
	$(PY) -m pytest

# The suite again with every app and server on host processes (AGS_BACKEND=process; `make test` keeps
# them in-process, tests/conftest.py). Not in CI: each app starts its hosts (~2 s), so it takes longer.
test-process: install
	AGS_BACKEND=process $(PY) -m pytest tests/service tests/e2e tests/client -p no:cacheprovider

# Mutation testing over the modules that hold the semantics (not in CI: tens of minutes). Each group runs in a
# scratch copy under MUTANTS_DIR against only the tests that cover it; survivors land in MUTANTS_DIR/<group>.txt.
# docs/testing.md lists them and what was done about each. `make mutants GROUPS="session auth"` runs some.
MUTANTS_DIR ?= /tmp/ags-mutants
mutants: install
	$(PY) -m pip install -q -c constraints.txt -e '.[mutants]'
	$(PY) tests/mutation/run_mutants.py $(MUTANTS_DIR) $(GROUPS)
