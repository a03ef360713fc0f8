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

.PHONY: site docs test check serve bench corpus fuzz clean system-deps golden

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

golden: $(STAMP)
	$(PY) -m pytest -q tests/test_golden.py --update-golden

clean:
	rm -rf site docs/*/ docs/*.md docs/.sources-fingerprint
