# The two commands a newcomer needs:
#   make demo   set up, then draw the bundled Belarus ledger to who-said-what.svg
#   make test   set up, then run ruff, mypy --strict and the test suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint typecheck pytest graphviz docs bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

graphviz:
	@sh scripts/ensure-graphviz.sh

demo: $(STAMP) graphviz
	$(BIN)/provenance --ledger claims check
	$(BIN)/provenance --ledger claims graph -o who-said-what.svg

lint: $(STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts

typecheck: $(STAMP)
	$(BIN)/mypy src

pytest: $(STAMP) graphviz
	$(BIN)/pytest

test: lint typecheck pytest

docs: $(STAMP)
	$(BIN)/python scripts/gen_docs.py

bench: $(STAMP)
	$(BIN)/python bench/ledger_scale.py

clean:
	rm -rf $(VENV) who-said-what.svg .pytest_cache .mypy_cache .ruff_cache
