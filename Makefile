# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export MOTCUA_VAR_DIR ?= $(CURDIR)/var
export MOTCUA_PUBLIC_URL ?= http://127.0.0.1:$(PORT)
# The national portal's pages (all 2,642 of the crawl) beside the clone; without it, the 56 curated.
PORTAL_PAGES ?= ../shared/data/sources/chatbot_tthc/raw

.PHONY: run test lint setup install install-dev clean messages test-tools bench-assistant bench-load

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

setup: export MOTCUA_LOG_LEVEL ?= WARNING
setup: install
	mkdir -p $(MOTCUA_VAR_DIR)
	$(BIN)/motcua migrate --no-input -v 0
	$(BIN)/motcua createcachetable
	$(BIN)/motcua load_reference_data
	$(BIN)/motcua catalog load $(if $(wildcard $(PORTAL_PAGES)/*/*.json),--portal $(PORTAL_PAGES))
	$(BIN)/motcua pki init
	$(BIN)/motcua load_demo
	$(BIN)/motcua demo payments
	$(BIN)/motcua demo integrity
	$(BIN)/motcua monitoring rebuild
	$(BIN)/motcua demo directives
	$(BIN)/motcua demo readiness
	$(BIN)/motcua collectstatic --no-input -v 0

run: setup
	@$(BIN)/motcua banner --port $(PORT)
	rm -rf $(MOTCUA_VAR_DIR)/metrics  # request counters start afresh with the server (/metrics)
	$(BIN)/motcua worker & trap 'kill %1' EXIT; \
	MOTCUA_BANNER_PORT=$(PORT) $(BIN)/gunicorn -c python:motcua.gunicorn_conf motcua.wsgi:application --bind 127.0.0.1:$(PORT) --workers 2 \
		--no-control-socket --access-logfile - --graceful-timeout 5 \
		--logger-class motcua.core.access_log.AccessLogger

# Independent checkers of our PDFs: poppler (pdfsig, pdftotext, pdftoppm) and NSS's certutil;
# Debian's Chromium for the browser tests (never a downloaded browser build) and axe-core from
# npm (tests/browser/package-lock.json), the accessibility checker they inject into pages.
APT_TOOLS := poppler-utils libnss3-tools chromium
test-tools:
	@command -v pdfsig >/dev/null && command -v certutil >/dev/null && test -x /usr/bin/chromium || { \
		echo "installing poppler-utils, libnss3-tools and chromium (PDF checks, browser tests)"; \
		apt="$$( [ "$$(id -u)" = 0 ] || echo sudo ) apt-get -y -q"; \
		$$apt install --no-install-recommends $(APT_TOOLS) >/dev/null \
		|| { $$apt update >/dev/null && \
			$$apt install --no-install-recommends $(APT_TOOLS) >/dev/null; }; }
	@test -f tests/browser/node_modules/axe-core/axe.min.js || \
		(cd tests/browser && npm ci --no-audit --no-fund --silent)

test: install-dev test-tools
	$(BIN)/pytest -n 2

# The OpenAPI description as served, validated (openapi-spec-validator) and linted (Redocly CLI
# from npm, scripts/openapi/package-lock.json; its rules and the one switched off: redocly.yaml).
OPENAPI_LINT := scripts/openapi/node_modules/.bin/redocly
$(OPENAPI_LINT): scripts/openapi/package-lock.json
	cd scripts/openapi && npm ci --no-audit --no-fund --silent
	touch $@

lint: install-dev $(OPENAPI_LINT)
	mkdir -p $(MOTCUA_VAR_DIR)
	$(BIN)/ruff format --check src tests
	$(BIN)/ruff check src tests
	$(BIN)/lint-imports  # the apps' layers and no cycle between apps (pyproject.toml)
	$(BIN)/python scripts/app_cycles.py
	$(BIN)/python scripts/mypy_baseline.py  # mypy: no error beyond scripts/mypy-baseline.txt
	$(BIN)/motcua makemigrations --check --dry-run
	$(BIN)/motcua spectacular --format openapi-json --file $(MOTCUA_VAR_DIR)/openapi.json --fail-on-warn
	$(BIN)/openapi-spec-validator $(MOTCUA_VAR_DIR)/openapi.json
	REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
		$(OPENAPI_LINT) lint --config scripts/openapi/redocly.yaml $(MOTCUA_VAR_DIR)/openapi.json

# The assistant's evaluation (docs/benchmarks.md): a throwaway SQLite database, the packaged catalog.
bench-assistant: install
	$(BIN)/python bench/assistant_eval.py

# The load test (docs/benchmarks.md): a throwaway PostgreSQL database with the demo data, gunicorn
# on 127.0.0.1 and locust headless, bounded in users and time. LOAD_ARGS="--users 150 --run-time 60".
LOAD_ARGS ?=
bench-load: install-dev
	$(BIN)/python bench/load/run.py $(LOAD_ARGS)

clean:
	rm -rf $(VENV) var

# Refresh the translation catalogs after changing user-facing strings (needs GNU gettext), then
# write the Vietnamese of each new entry in src/motcua/locale/vi/LC_MESSAGES/django.po (the one
# place it lives; tests/core/test_translations.py fails on an empty or fuzzy entry) and run
# `make messages` again to compile it.
messages: install-dev
	cd src/motcua && ../../$(BIN)/motcua makemessages -l vi -l en --ignore "*/migrations/*" --no-obsolete --no-location
	cd src/motcua && ../../$(BIN)/motcua compilemessages
