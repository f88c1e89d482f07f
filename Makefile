# Two commands: `make run` (app and HTTP API on the demo workspace) and `make test` (the whole suite).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test demo install install-dev chromium lint typecheck format clean bench catalogs

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime-installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.runtime-installed

install-dev: $(VENV)/.dev-installed

demo: install
	$(BIN)/python -m journeymap demo

# The HTTP API (JOURNEYMAP_API_PORT, docs at /api/docs) and the alert dispatcher run
# beside the app and stop with it.
run: demo
	$(BIN)/python -m journeymap api & api=$$!; \
	$(BIN)/python -m journeymap alerts run & alerts=$$!; \
	trap 'kill $$api $$alerts 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python -m streamlit run streamlit_app.py

# The browser tests drive Debian's Chromium; Playwright cannot download its own here.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Debian's chromium for the browser tests"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; }

# One test worker per core (a module's tests stay on one worker, with its fixtures).
TEST_WORKERS ?= 2

test: install-dev chromium
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile

# Bank-scale figures against DuckDB/pandas references (benchmarks/RESULTS.md); data in bench-data/.
bench: install-dev chromium
	$(BIN)/python -m benchmarks.run

# The translation catalogs brought up to date with the source (new texts added
# untranslated, removed ones dropped); `make test` checks that none is left untranslated.
catalogs: install
	$(BIN)/python -m journeymap.i18n.catalog_tool update
	$(BIN)/python -m journeymap.i18n.catalog_tool check || true

lint: install-dev
	$(BIN)/ruff check journeymap tests benchmarks streamlit_app.py
	$(BIN)/ruff format --check journeymap tests benchmarks streamlit_app.py

# mypy over what [tool.mypy] in pyproject.toml names: model, analytics, services, settings.
typecheck: install-dev
	$(BIN)/mypy

format: install-dev
	$(BIN)/ruff format journeymap tests benchmarks streamlit_app.py
	$(BIN)/ruff check --fix journeymap tests benchmarks streamlit_app.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache .hypothesis test-artifacts
