# One entry point for people and CI. `make run` starts everything; `make test` runs the suite on the real stack.
PYTHON ?= python3
UV_VERSION := 0.13.8
UV := .tools/bin/uv
VENV := .venv
CODE := network jobs graph_schema bench
export UV_PYTHON_DOWNLOADS := never

.PHONY: setup web run test lint hooks bench fuzz stack-start stack-stop stack-status schema clean-stack

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --python $(PYTHON) --quiet
	touch $@

## setup: the locked virtual environment, the Neo4j jars and redis-server (each only when missing)
setup: $(VENV)/.synced
	$(VENV)/bin/network stack install

# What the web client's build reads: its sources, its lock file and the API's schema (not its generated code).
WEB_SOURCES := $(shell find web -type f -not -path 'web/node_modules/*' -not -path 'web/dist/*' \
	-not -path 'web/src/gql/*' 2>/dev/null) schema.graphql

web/node_modules/.installed: web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

## web: build the web client into web/dist, which the API serves at / (only when its sources changed)
web: web/dist/index.html

web/dist/index.html: web/node_modules/.installed $(WEB_SOURCES)
	cd web && npm run build
	@touch $@

## run: local Neo4j and Redis, migrations, catalogue, demo data, API (and web client) and worker (Ctrl-C stops all)
run: setup web
	$(VENV)/bin/network run

## test: the whole suite against a real Neo4j and Redis that the suite starts (or reuses) once, and Chromium
test: setup web
	$(VENV)/bin/network stack install --browser
	$(VENV)/bin/pytest

stack-start: setup
	$(VENV)/bin/network stack start

stack-stop: $(VENV)/.synced
	$(VENV)/bin/network stack stop

stack-status: $(VENV)/.synced
	$(VENV)/bin/network stack status

## lint: style, formatting, types (mypy --strict) and the module contract (import layers, Cypher only in repositories)
lint: $(VENV)/.synced
	$(VENV)/bin/ruff check $(CODE) tests
	$(VENV)/bin/ruff format --check $(CODE) tests
	$(VENV)/bin/mypy $(CODE)
	$(VENV)/bin/lint-imports
	$(VENV)/bin/pytest -q -p no:cacheprovider tests/architecture

## hooks: run ruff and mypy before every commit (pre-commit, configured in .pre-commit-config.yaml)
hooks: $(VENV)/.synced
	$(VENV)/bin/pre-commit install

## bench: the benchmark suites, e.g. make bench ARGS="run --scale 10k" (python -m bench --help lists them)
bench: setup
	$(VENV)/bin/python -m bench $(ARGS)

## fuzz: a deeper run of the fuzz stage (make test runs 800 cases), e.g. make fuzz FUZZ_CASES=20000 FUZZ_SEED=7
FUZZ_CASES ?= 5000
fuzz: setup web
	FUZZ_CASES=$(FUZZ_CASES) $(VENV)/bin/pytest -m fuzz --timeout 0 tests/fuzz

## schema: write the GraphQL schema as SDL to schema.graphql, which web clients generate code from
schema: $(VENV)/.synced
	$(VENV)/bin/network schema-sdl

clean-stack: stack-stop
	rm -rf .local/stack .local/test-stack
