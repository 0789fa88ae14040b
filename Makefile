# Two commands do all the set-up on a fresh machine:
#   make serve   install the runtime into .venv and start the service on http://127.0.0.1:8000
#   make test    add the test tools to .venv and run lint, type checks and the whole test suite
# Every package comes from lock/ (pinned, hash-checked); torch is the CPU build that pip finds
# through PIP_FIND_LINKS on these machines (elsewhere: PIP_EXTRA_INDEX_URL=<PyTorch's CPU index>).
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
CHROMIUM := /usr/bin/chromium
# pip from the lock: every package pinned with its hashes, nothing else resolved.
LOCKED := $(PY) -m pip install --require-hashes --disable-pip-version-check
# The project itself (and the client), editable, on the packages the lock installed.
EDITABLE := $(PY) -m pip install --no-deps --no-build-isolation --disable-pip-version-check

# A set-up step, quietly: its output goes to a log that is shown only when the step fails.
# $(1): what the step is, $(2): the command.
quietly = log=$$(mktemp -t ags-make.XXXXXX); \
	if $(2) >"$$log" 2>&1; then rm -f "$$log"; \
	else status=$$?; cat "$$log"; echo "make: $(1) failed (exit $$status; its log: $$log)"; exit $$status; fi

# The runtime alone: what serving needs (torch, FastAPI, uvicorn, ...), no test or lint tools.
$(VENV)/.runtime: pyproject.toml lock/torch.txt lock/serve.txt
	@echo "make: installing the runtime into $(VENV) from lock/torch.txt and lock/serve.txt (pinned, hashes checked)"
	@test -x $(PY) || python3 -m venv $(VENV)
	@$(call quietly,installing the runtime,$(LOCKED) -r lock/torch.txt -r lock/serve.txt)
	@$(call quietly,installing the project,$(EDITABLE) -e .)
	@touch $@

# On top: the extras dev (pytest, ruff, mypy, Hypothesis, schemathesis), ray (Ray, for tests/ray) and
# browser (Playwright, for tests/web), and the Python client (./autograd_client), which the tests drive.
$(VENV)/.dev: $(VENV)/.runtime lock/ray.txt lock/test.txt autograd_client/pyproject.toml
	@echo "make test: adding the test tools (extra dev), Ray (extra ray, for tests/ray) and Playwright (extra browser, for tests/web) from lock/ray.txt and lock/test.txt, and the Python client from ./autograd_client"
	@$(call quietly,installing the test tools,$(LOCKED) -r lock/torch.txt -r lock/serve.txt -r lock/ray.txt -r lock/test.txt)
	@$(call quietly,installing the client,$(EDITABLE) -e . -e ./autograd_client)
	@touch $@

.PHONY: install runtime serve test lint browser mutants lock bench
runtime: $(VENV)/.runtime
install: $(VENV)/.dev

serve: runtime
	$(PY) -m service --host $(HOST) --port $(PORT)

# The three headline figures on the default server, each against its baseline in the same run (bench/).
bench: install
	@command -v wrk >/dev/null || { echo "make bench: wrk is needed for the small calls: apt-get install -y wrk"; exit 1; }
	$(PY) -m bench.default_path

lint: install
	@echo "make test: ruff (lint, format) and mypy"
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
	  $(call quietly,installing chromium,sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium'); \
	else \
	  echo "make test: no $(CHROMIUM), so the browser tests skip; to run them: sudo apt-get install --no-install-recommends chromium"; \
	fi

# The JavaScript client's tests: node's own runner against a real server from .venv. Without
# node and npm they skip with a line saying so, except under CI=true, where they must run.
.PHONY: js-test
js-test: install
	@if command -v node >/dev/null && command -v npm >/dev/null; then \
	  echo "make test: npm ci in clients/js (TypeScript and openapi-typescript, from its package-lock.json)"; \
	  $(call quietly,npm ci,npm ci --prefix clients/js --no-audit --no-fund); \
	  echo "make test: the JavaScript client's tests (node --test in clients/js, against a real server)"; \
	  cd clients/js && node --test; \
	elif [ "$$CI" = true ]; then \
	  echo "make test: CI=true and no node/npm: the JavaScript client's tests must run"; exit 1; \
	else \
	  echo "make test: no node/npm, so the JavaScript client's tests skip; to run them: install node >= 20 and npm"; \
	fi

test: lint browser js-test
	@echo "make test: pytest (tests/; the Ray tests start a local cluster and take minutes: pytest -m 'not ray' leaves them out)"
	$(PY) -m pytest

# lock/ again from the ranges in pyproject.toml (pip-tools, in a venv of its own; a few minutes).
LOCK_TOOLS ?= .venv-lock
lock:
	@test -x $(LOCK_TOOLS)/bin/pip-compile || { python3 -m venv $(LOCK_TOOLS) && $(LOCK_TOOLS)/bin/pip install -q pip-tools==7.7.0; }
	$(LOCK_TOOLS)/bin/python scripts/lock.py

# Mutation testing over the modules that hold the semantics (not in CI: tens of minutes). Each group runs in a
# scratch copy under MUTANTS_DIR against only the tests that cover it; survivors land in MUTANTS_DIR/<group>.txt.
# docs/testing.md lists them and what was done about each. `make mutants GROUPS="session auth"` runs some.
MUTANTS_DIR ?= /tmp/ags-mutants
mutants: install
	$(PY) -m pip install -q -c constraints.txt -e '.[mutants]'
	$(PY) tests/mutation/run_mutants.py $(MUTANTS_DIR) $(GROUPS)
