# Two commands, on a fresh clone with Python 3.11+ and make:
#   make run    set up and serve the unknot web app on http://127.0.0.1:8000/
#   make test   set up and run every check and test (the web tests and journeys also on PostgreSQL)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: run test lint typecheck contracts pytest bench clean

run: $(VENV)/.installed
	$(BIN)/unknot serve

test: $(VENV)/.installed-dev lint typecheck contracts pytest

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

# mypy's Django plugin imports the settings, which make a development key in UNKNOT_HOME:
# give it a throwaway one, never the user's home.
typecheck: $(VENV)/.installed-dev
	@home="$$(mktemp -d)"; UNKNOT_HOME="$$home" $(BIN)/mypy; status=$$?; rm -rf "$$home"; exit $$status

contracts: $(VENV)/.installed-dev
	$(BIN)/lint-imports

pytest: $(VENV)/.installed-dev
	$(BIN)/pytest
	scripts/with-postgres.sh $(BIN)/pytest tests/web -q -m 'not browser or journey'

# By hand, never in CI: `make bench` (a few minutes), `make bench QUICK=1` (about two).
bench: $(VENV)/.installed-dev
	$(BIN)/python bench/run_all.py $(if $(QUICK),--quick,)

$(VENV)/bin/python:
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "unknot needs Python 3.11 or newer (set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
