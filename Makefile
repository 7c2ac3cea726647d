# Fazhi — two commands matter: `make run` and `make test` (see README.md).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
export FAZHI_HOME ?= $(CURDIR)/var
PG_URL ?= postgres://postgres@127.0.0.1:5432/fazhi
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install lint unit test-sqlite test-postgres browser bench load clean

$(BIN)/fazhi: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(BIN)/fazhi

node_modules/.installed: package.json
	npm install --no-audit --no-fund --omit=dev --silent
	touch node_modules/.installed

install: $(BIN)/fazhi node_modules/.installed

## make run: install, migrate, load the 少海街道 demo (idempotent), serve at http://127.0.0.1:8000
run: install
	$(BIN)/fazhi setup
	$(BIN)/fazhi demo $(if $(DEMO_PASSWORD),--password '$(DEMO_PASSWORD)')
	$(BIN)/fazhi serve --host $(HOST) --port $(PORT)

## make test: lint, then the whole suite on SQLite and (when it answers) PostgreSQL
test: install lint test-sqlite test-postgres

lint: install
	$(BIN)/ruff check fazhi conftest.py bench
	$(BIN)/ruff format --check fazhi conftest.py bench
	$(BIN)/mypy fazhi
	$(BIN)/lint-imports
	FAZHI_HOME=$$(mktemp -d) $(BIN)/python -m django makemigrations --check --dry-run --settings=fazhi.settings

test-sqlite: install
	@echo "== 测试：SQLite =="
	FAZHI_HOME=$$(mktemp -d) $(BIN)/pytest

test-postgres: install
	@if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null || $(BIN)/python -c "import socket,sys; s=socket.socket(); s.settimeout(1); sys.exit(s.connect_ex(('127.0.0.1',5432)))"; then \
		echo "== 测试：PostgreSQL ($(PG_URL)) =="; \
		FAZHI_HOME=$$(mktemp -d) DATABASE_URL=$(PG_URL) $(BIN)/pytest; \
	else \
		echo "== PostgreSQL 测试跳过：127.0.0.1:5432 无 PostgreSQL 服务（CI 中有；本机安装后再运行 make test-postgres）=="; \
	fi

## make bench: the issue #8 §2 scenarios on SQLite and PostgreSQL (needs wrk: apt-get install -y wrk)
BENCH_ARGS ?= --db both --readme
bench: install
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev,bench]'
	$(BIN)/python -m bench $(BENCH_ARGS)

## make load: 200 locust users for 5 minutes against fazhi serve (LOAD_ARGS=--topology production …)
LOAD_ARGS ?=
load: install
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev,bench]'
	$(BIN)/python -m bench.load $(LOAD_ARGS)

clean:
	rm -rf $(VENV) node_modules var
