# The README's commands. Each sets up .venv on first use, so a fresh machine needs only
# Python 3.11 and make.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
PORT ?= 8000

.PHONY: serve build check test clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

serve: $(STAMP)  ## build content/ into public/ and serve it at http://127.0.0.1:8000
	$(BIN)/python build.py serve --port $(PORT)

build: $(STAMP)  ## build content/ into public/
	$(BIN)/python build.py build

check: $(STAMP)  ## validate content/ without building
	$(BIN)/python build.py check

test: $(STAMP)  ## run the test suite
	$(BIN)/python -m pytest

clean:
	rm -rf public .public.building .public.old .pytest_cache
