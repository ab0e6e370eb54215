# The README's commands. Each sets up .venv on first use, so a fresh machine needs only
# Python 3.11 and make.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
PORT ?= 8000
# The checkers the browser tests use, from the npm registry (skipped with a message without npm).
TOOLS := .cache/tools
TOOL_PACKAGES := axe-core@4.14.1 vnu-jar@26.9.27
TOOLS_STAMP := $(TOOLS)/.installed-$(shell echo $(TOOL_PACKAGES) | cksum | cut -d' ' -f1)

.PHONY: serve build check test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

serve: $(STAMP)  ## preview content/ at http://127.0.0.1:8000, rebuilt on every change (never writes public/)
	$(BIN)/python build.py serve --port $(PORT)

build: $(STAMP)  ## build content/ into public/
	$(BIN)/python build.py build

check: $(STAMP)  ## validate content/ without building
	$(BIN)/python build.py check

$(TOOLS_STAMP):
	@if command -v npm >/dev/null; then \
	  npm install --silent --prefix $(TOOLS) --no-save --ignore-scripts --no-audit --no-fund $(TOOL_PACKAGES) \
	  && rm -f $(TOOLS)/.installed-* && touch $(TOOLS_STAMP); \
	else echo "npm not found: the accessibility and HTML checks will be skipped"; fi

test: $(STAMP) $(TOOLS_STAMP)  ## run the type check, the formatting check and the test suite
	$(BIN)/python -m mypy
	$(BIN)/python -m ruff format --check minutebook tests bench build.py
	$(BIN)/python -m pytest

lint: $(STAMP)  ## only the type check and the formatting check
	$(BIN)/python -m mypy
	$(BIN)/python -m ruff format --check minutebook tests bench build.py

bench: $(STAMP)  ## time minutebook against Hugo + Pagefind on small, medium, large and county councils
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python bench/run.py $(if $(SIZES),--sizes $(SIZES),)

clean:
	rm -rf public .public.building .public.old .public.indexing .pytest_cache .cache
