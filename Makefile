# The two commands of the README, and what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DIR ?= demo

.PHONY: demo screenshots test test-fast lint install test-tools

$(BIN)/copier: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(BIN)/copier

demo: install
	COPIER=$(BIN)/copier scripts/demo.sh $(DEMO_DIR)

# The README's pictures of the demo's frontend, in docs/screenshots/ (needs Node 20 and Chromium).
screenshots: install
	COPIER=$(abspath $(BIN)/copier) scripts/screenshots.sh

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Chromium, PostgreSQL and redis-server: installed when missing (root, apt), else named.
test-tools:
	scripts/test-tools.sh

# The tests in TEST_WORKERS processes (pytest-xdist), one test file each at a time (a
# file's project is built once); then, alone, the speed guard, whose CPU ratios want a
# quiet machine. TEST_WORKERS=0: everything in one process.
TEST_WORKERS ?= 2
PYTEST_WORKERS = $(if $(filter 0,$(TEST_WORKERS)),,-n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder)

test: lint test-tools
	$(BIN)/python -m pytest $(PYTEST_WORKERS) -m 'not serial'
	$(BIN)/python -m pytest -m serial

test-fast: lint
	$(BIN)/python -m pytest $(PYTEST_WORKERS) -m 'not slow'
