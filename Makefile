# Krav og mestring — the two commands a newcomer needs:
#   make serve   install everything, build both languages, serve on http://127.0.0.1:8000/
#   make test    install everything (incl. Chromium when missing) and run every test
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

.PHONY: install site serve site-zensical serve-zensical test check lint bench clean browser stdlib-list

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,zensical]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

install: $(VENV)/.installed node_modules/.installed

# Debian's Chromium for the browser tests (Playwright's own browser download is not used).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

site: install
	$(PY) -m mkdocs build -f mkdocs.yml
	$(PY) -m mkdocs build -f mkdocs.en.yml

serve: site
	$(PY) scripts/serve.py site --port $${PORT:-8000}

# The same handbook built by Zensical (Material's successor), which runs no hooks: the engine
# prepares each language's pages, nav and assets (build/zensical/<lang>/), then Zensical builds
# them into site-zensical/ (nb at /, en at /en/: nb first, as it clears the folder).
site-zensical: install
	$(PY) -m handbook prepare --out build/zensical/nb --lang nb
	$(VENV)/bin/zensical build -f zensical.yml
	$(PY) -m handbook prepare --out build/zensical/en --lang en
	$(VENV)/bin/zensical build -f zensical.en.yml

serve-zensical: site-zensical
	$(PY) scripts/serve.py site-zensical --port $${PORT:-8000}

check: install
	$(PY) -m handbook check

lint: install
	$(VENV)/bin/ruff check handbook hooks scripts tests
	$(VENV)/bin/ruff format --check handbook hooks scripts tests
	npx --no-install eslint site_overrides/assets/km handbook/serviceworker tests scripts

test: install browser lint
	$(PY) -m pytest

bench: install browser
	$(PY) scripts/bench.py

clean:
	rm -rf site site-zensical build/zensical .pytest_cache .hypothesis

# After upgrading Pyodide: list the stdlib files the scoring module needs (see handbook/runtime.py).
stdlib-list: install
	node scripts/pyodide_stdlib.mjs > handbook/pyodide_stdlib.txt
