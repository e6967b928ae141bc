# Two entry points: `make serve` (build and serve the versioned site on localhost) and `make test` (every test).
# Both create .venv and install what they need on first use. `make dev` serves the current docs with live reload.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
ADDR   ?= 127.0.0.1:8000
export NO_MKDOCS_2_WARNING := 1

.PHONY: install test lint test-fast site serve dev bench bench-build bench-check bench-properties bench-untrusted bench-segmentation bench-search bench-plugin bench-hugo bench-all content clean

CHROMIUM := /usr/bin/chromium
SUDO   := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

install: $(STAMP)

# The browser tests drive Debian's Chromium (Playwright never downloads a browser here); CJK fonts for zh pages.
$(CHROMIUM):
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk

# Every test: lint and types first (ruff and mypy, configured in pyproject.toml), then the whole suite.
test: lint $(CHROMIUM)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tools benchmarks tests
	$(BIN)/mypy
	$(BIN)/zizmor --offline .github/workflows/

# While editing: lint, types and the tests that need neither a browser nor a real build (seconds, not minutes).
test-fast: lint
	$(BIN)/python -m pytest -m "not slow and not browser"

# Every version × locale (versions.yml), published with mike to the local gh-pages branch and written to site/.
site: $(STAMP)
	$(BIN)/locdocs build --site-dir site

# As GitHub Pages serves it: a missing page answers 404 with the site's root 404.html (in the reader's language).
serve: site
	$(BIN)/locdocs serve --site-dir site --addr $(ADDR)

dev: $(STAMP)
	$(BIN)/mkdocs serve --strict --dev-addr $(ADDR)

# Re-ingest the site's translations from the handoffs listed in content/handoffs.tsv.
content: $(STAMP)
	$(BIN)/python tools/ingest_content.py

# Measurements, not tests: each prints its figures and ratios against a baseline measured in the same run.
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_normalize.py

bench-build: $(STAMP)
	$(BIN)/python benchmarks/bench_build.py

bench-check: $(STAMP)
	$(BIN)/python benchmarks/bench_check.py

bench-untrusted: $(STAMP)
	$(BIN)/python benchmarks/bench_untrusted.py

bench-properties: $(STAMP)
	$(BIN)/python benchmarks/bench_properties.py

bench-segmentation: $(STAMP)
	$(BIN)/python benchmarks/bench_segmentation.py --results benchmarks/bench_segmentation_results.md

bench-search: $(STAMP)
	$(BIN)/python benchmarks/bench_search_index.py

bench-plugin: $(STAMP)
	$(BIN)/python benchmarks/bench_plugin.py

# Hugo's time for the same pages, when hugo is installed (Debian: apt-get install hugo); not part of bench-all.
bench-hugo: $(STAMP)
	$(BIN)/python benchmarks/bench_hugo.py

bench-all: bench bench-properties bench-build bench-check bench-untrusted bench-segmentation bench-search bench-plugin

clean:
	rm -rf $(VENV) site .cache .pytest_cache
