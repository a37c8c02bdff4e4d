# Two commands for a newcomer: `make run` (set up and serve) and `make test` (set up and test).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
TOOLS  := .tools
BUN    := $(TOOLS)/node_modules/.bin/bun
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Reflex's own bun installer downloads from the internet; we use bun from the npm registry.
export PATH := $(CURDIR)/$(TOOLS)/node_modules/.bin:$(PATH)
export REFLEX_USE_SYSTEM_BUN := 1

.PHONY: run test test-quick setup migrate chromium mailtools nginx clean

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

$(BUN):
	npm install --prefix $(TOOLS) --no-audit --no-fund --loglevel=error bun@1.4.4

setup: $(VENV)/.installed $(BUN)

migrate: setup
	$(BIN)/alembic upgrade head

## make run: install into the project folder, migrate, serve http://localhost:3000
## (this machine only; PORTAL_LISTEN_HOST=0.0.0.0 make run to reach it from the network)
run: migrate
	$(BIN)/reflex run --env prod

chromium:
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; }

mailtools:
	@command -v spamassassin >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq spamassassin; }

# tests/production/test_behind_nginx.py runs deploy/nginx/portal.conf in a real nginx.
nginx:
	@[ -x /usr/sbin/nginx ] || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq nginx; }

## make test: install what the tests need and run the whole suite, browser tests included
test: setup $(VENV)/.installed-dev chromium mailtools nginx
	$(BIN)/python -m pytest

## make test-quick: unit, service and property tests on SQLite, for the inner loop (no browser,
## no PostgreSQL, no production apps); `make test` before committing
test-quick: setup $(VENV)/.installed-dev mailtools
	$(BIN)/python -m pytest tests/unit tests/services tests/properties -m "not postgres" -q

clean:
	rm -rf $(VENV) $(TOOLS) .web .states
