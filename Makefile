# The two commands of the README: `make run` and `make test`. Everything they need is
# installed or started here; nothing else is set up by hand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-runtime
TEST_STAMP := $(VENV)/.installed-test
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-test serve lint bench clean chromium messages

# Links in e-mails and the printed addresses point at the server being started.
run: export ZEMSTVO_SITE_URL ?= http://$(HOST):$(PORT)
run: install
	$(BIN)/zemstvo migrate --noinput --verbosity 0
	$(BIN)/zemstvo seed-demo
	$(BIN)/zemstvo runserver $(HOST):$(PORT)

install: $(STAMP)

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Нужен Python 3.11 или новее")'
	$(PYTHON) -m venv $(VENV)

$(STAMP): requirements.lock pyproject.toml package.json | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@# htmx comes from the npm registry, pinned in package-lock.json; without npm the
	@# pages work as they are (plain forms and links).
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --silent --no-audit --no-fund || echo "npm ci не удалось: страницы работают без htmx"; \
	else echo "npm не найден: htmx не установлен, страницы работают без него"; fi
	@touch $@

install-test: $(TEST_STAMP)

$(TEST_STAMP): $(STAMP) requirements-test.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.lock
	@touch $@

chromium:
	@sh scripts/ensure-chromium.sh

test: install-test chromium
	$(BIN)/python -m pytest tests --ignore=tests/e2e -q
	$(BIN)/python scripts/with_postgres.py $(BIN)/python -m pytest tests --ignore=tests/e2e -q
	$(BIN)/python -m pytest tests/e2e -q

lint: install-test
	$(BIN)/ruff check zemstvo tests bench scripts

bench: install-test
	$(BIN)/python bench/pages.py

messages:
	cd zemstvo && ../$(BIN)/zemstvo makemessages -l en --ignore '*/migrations/*' --ignore 'data/*' && ../$(BIN)/zemstvo compilemessages -l en

clean:
	rm -rf $(VENV) var node_modules
