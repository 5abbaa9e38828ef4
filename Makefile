# Two commands for a newcomer: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
CATALOGUE ?= disclosure/data/catalogue.json
DOCUMENTS ?= disclosure/data/documents.json
MANAGE := $(BIN)/python manage.py

.PHONY: run test test-browser lint format demo install install-test messages search-engine clean

# The development server and, beside it, the background worker that runs
# imports and other long jobs (docs/background-tasks.md); Ctrl-C stops both.
run: demo
	@echo ""
	@echo "  Site:  http://$(HOST):$(PORT)/      Admin: http://$(HOST):$(PORT)/admin/"
	@echo "  Background jobs: manage.py run_jobs runs beside the server."
	@echo ""
	@$(MANAGE) run_jobs --verbosity 1 & worker=$$!; \
		trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
		$(MANAGE) runserver $(HOST):$(PORT)

# Migrate and load the demo content; safe to run any number of times.
# load_demo_zones imports catchment/data/demo-zones.csv through the zone
# importer (import_catchments), creating only the zones that are missing.
demo: install
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo --demo-admin
	$(MANAGE) load_catalogue $(CATALOGUE)
	$(MANAGE) import_documents $(DOCUMENTS)
	$(MANAGE) load_demo_zones
	$(MANAGE) setup_roles --demo-accounts
	$(MANAGE) load_demo_applications
	$(MANAGE) update_index --verbosity 0

# The suite runs in random order (pytest-randomly prints its seed at the top)
# and in TEST_WORKERS pytest-xdist processes; the browser gate and the
# journeys each stay in one worker (--dist loadgroup). TEST_WORKERS=0 runs
# everything in this one process. See docs/testing.md.
TEST_WORKERS ?= 2
test: install-test
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

# The lint gate of CI: ruff (rules and formatting), djhtml (template
# indentation), import-linter (the apps' layers) and no function over 60
# lines (scripts/function-lengths). `make format` fixes
# what the first three can.
TEMPLATE_DIRS := templates $(wildcard */templates)

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check $(TEMPLATE_DIRS)
	$(BIN)/lint-imports
	$(BIN)/python scripts/function-lengths

format: install-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml $(TEMPLATE_DIRS)

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else 1)' || \
		{ echo "Python 3.11 is required (found: $$($(PYTHON) --version 2>&1)). Set PYTHON=/path/to/python3.11."; exit 1; }
	@$(PYTHON) -m venv $(VENV) || \
		{ echo "Could not create a virtualenv. On Debian: sudo apt-get install python3-venv"; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml package.json package-lock.json | $(VENV)/bin/python
	$(BIN)/pip install --quiet -e '.[test]'
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error; \
		else echo "npm not found: the browser quality gate will be skipped (CI installs it)."; fi
	@touch $(VENV)/.installed $@

# Regenerate the translation catalogues after changing UI strings (needs gettext).
messages: install
	$(MANAGE) makemessages --locale zh_Hans --locale en --ignore '$(VENV)/*' --ignore 'var/*' --ignore 'node_modules/*' --no-obsolete --add-location file
	$(MANAGE) compilemessages --ignore '$(VENV)/*' --ignore 'node_modules/*'

# The browser quality gate alone (axe-core, Nu HTML Checker, mobile, keyboard, screenshots).
test-browser: install-test
	$(BIN)/pytest -m browser $(PYTEST_ARGS)

# Elasticsearch on 127.0.0.1:9200 for `SEARCH_URL=http://127.0.0.1:9200 make run` or `make test`.
search-engine:
	scripts/search-engine start

clean:
	rm -rf $(VENV) var node_modules test-artifacts
