# One entry point for people and CI. `make run` starts everything; `make test` runs the suite on the real stack.
PYTHON ?= python3
UV_VERSION := 0.13.8
UV := .tools/bin/uv
VENV := .venv
CODE := network jobs graph_schema bench
export UV_PYTHON_DOWNLOADS := never

.PHONY: setup run test lint hooks bench stack-start stack-stop stack-status schema clean-stack

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --python $(PYTHON) --quiet
	touch $@

## setup: the locked virtual environment, the Neo4j jars and redis-server (each only when missing)
setup: $(VENV)/.synced
	$(VENV)/bin/network stack install

## run: local Neo4j and Redis, migrations, catalogue, demo data, API and worker in the foreground (Ctrl-C stops all)
run: setup
	$(VENV)/bin/network run

## test: the whole suite against a real Neo4j and Redis that the suite starts (or reuses) once
test: setup
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

## schema: write the GraphQL schema as SDL to schema.graphql, which web clients generate code from
schema: $(VENV)/.synced
	$(VENV)/bin/network schema-sdl

clean-stack: stack-stop
	rm -rf .local/stack .local/test-stack
