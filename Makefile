# Every target sets up what it needs: a fresh clone needs only python3 (and make).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: report test lint typecheck format bench notebooks fixtures examples clean

# The main job: the HTML report of the bundled demo user (no key, no network).
# It prints where the file is; open it in any browser. With a watch history (the demo users
# have one) it ends with a year in review of 2025.
report: $(STAMP)
	$(BIN)/trakt-analysis report -o reports/report.html --year 2025

# The whole test suite: lint, format check, type check, unit tests, notebooks under nbval,
# browser test.
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	bash scripts/ensure-chromium
	bash scripts/ensure-fonts $(BIN)/python
	env -u MPLBACKEND $(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The type checker over the whole package (config in pyproject.toml, [tool.mypy]).
typecheck: $(STAMP)
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Speed and memory figures; prints them, asserts nothing.
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

# Re-execute every notebook and save it in place (after a change to outputs), in this venv's
# kernel, with byte-stable outputs (scripts/execute_notebooks.py says what it normalizes).
notebooks: $(STAMP)
	env -u MPLBACKEND $(BIN)/python scripts/execute_notebooks.py notebooks/*.ipynb

# Rewrite data/fixtures/users/ and the demo account export from the generator.
fixtures: $(STAMP)
	$(BIN)/python -m trakt_analysis.demo.users data/fixtures/users
	$(BIN)/python -m trakt_analysis.demo.export data/fixtures/export/demo-export.zip

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv 2>/dev/null
	# --compile-bytecode: the .pyc files pip writes for users; without them every run
	# compiles pandas and matplotlib again where PYTHONDONTWRITEBYTECODE is set (seconds).
	$(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python -e '.[test]'
	touch $@

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build dist test-artifacts

# Rewrite docs/images/*.png, the README's example charts, from the demo data.
examples: $(STAMP)
	$(BIN)/python scripts/make_examples.py
