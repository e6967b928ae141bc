# Two entry points: `make serve` (build and serve the site on localhost) and `make test` (every test).
# Both create .venv and install what they need on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
ADDR   ?= 127.0.0.1:8000
export NO_MKDOCS_2_WARNING := 1

.PHONY: install test site serve bench content clean

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

test: $(STAMP) $(CHROMIUM)
	$(BIN)/python -m pytest

site: $(STAMP)
	$(BIN)/mkdocs build --strict --site-dir site

serve: $(STAMP)
	$(BIN)/mkdocs serve --strict --dev-addr $(ADDR)

# Re-ingest the site's translations from the handoffs listed in content/handoffs.tsv.
content: $(STAMP)
	$(BIN)/python tools/ingest_content.py

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_normalize.py

clean:
	rm -rf $(VENV) site .pytest_cache
