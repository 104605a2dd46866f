# pl_vocab task runner. Two commands do everything on a fresh machine (Python 3.11+, git, make):
#   make demo   set up, then run the tour on the bundled examples
#   make test   set up, then lint, type-check and run the whole test suite
# Neither needs uv on your PATH: setup installs it into .tools/ if it is missing, and the locked
# environment into .venv/. Afterwards `source .venv/bin/activate` puts pl-vocab on your PATH.
# Every target has a line in `make help` (tests/test_readme.py checks that none is missing).
SHELL := /bin/bash
.DEFAULT_GOAL := help
UV_VERSION := 0.13.9
# use uv from PATH if present, else install it into .tools/ from the package registry
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
RUN := $(UV) run --locked
# use the platform certificate store (a proxy or mirror may use its own certificate authority)
export UV_SYSTEM_CERTS ?= 1

.PHONY: help setup demo test test-fast pytest lint typecheck generate check-generated node-tools fuzz lint-schema wheel-check clean

help:
	@echo "make demo             set up and run the tour on the bundled examples"
	@echo "make test             set up and run lint, type checks and the whole test suite"
	@echo "make test-fast        the test suite without the tests marked slow (the inner loop)"
	@echo "make setup            install uv into .tools/ if it is not on PATH, and the locked env into .venv/"
	@echo "make pytest           the whole test suite only (no lint, no type checks)"
	@echo "make lint             ruff check (complexity at most 15), ruff format --check, import-layer contracts"
	@echo "make typecheck        mypy (strict) on src/pl_vocab"
	@echo "make lint-schema      linkml lint on the schema"
	@echo "make generate         regenerate src/pl_vocab/_generated, docs/schema and the language-subtag tables"
	@echo "make node-tools       install ajv (npm) into .tools/node for the strict JSON Schema tests"
	@echo "make fuzz             every reader's fuzz target for a bounded time (FUZZ_SECONDS, FUZZ_SEED)"
	@echo "make check-generated  fail if the committed generated files differ from the schema's output"
	@echo "make wheel-check      build the wheel, install it in a clean venv outside the tree, run it"
	@echo "make clean            remove build outputs and tool caches"
	@echo "make help             this list"
	@echo
	@echo "After make setup (or make demo): source .venv/bin/activate, then run pl-vocab directly."

.tools/bin/uv:
	python3 -m venv .tools
	.tools/bin/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

setup: $(if $(filter .tools/bin/uv,$(UV)),.tools/bin/uv)
	$(UV) sync --locked --quiet

demo: setup
	$(RUN) pl-vocab tour --examples examples/records
	@echo
	@# the example glossary has deliberate mistakes: exit 1 (findings) is the expected outcome
	$(RUN) pl-vocab check examples/glossaries/riverbend-usd-glossary.csv; test $$? -le 1
	@echo
	@echo "Next: run 'source .venv/bin/activate' in this folder; then pl-vocab is on your PATH"
	@echo "(no uv needed) and the README's commands run as written: pl-vocab --help"

test: setup lint typecheck pytest

test-fast: setup
	$(RUN) pytest -n auto -q -m "not slow" tests src/pl_vocab --doctest-modules

pytest:
	$(RUN) pytest -n auto -q tests src/pl_vocab --doctest-modules

lint:
	$(RUN) ruff check .
	$(RUN) ruff format --check src tests tools benchmarks
	$(RUN) lint-imports --no-logo --no-cache

typecheck:
	$(RUN) mypy

lint-schema:
	$(RUN) linkml lint --config .linkmllint.yaml schema/pl_vocab.yaml

generate: setup
	$(RUN) python -m tools.generate
	$(RUN) python -m tools.language_tags

check-generated:
	$(RUN) python -m tools.generate --check
	$(RUN) python -m tools.language_tags --check

# the fuzz targets of tests/fuzz (docs/fuzzing.md); CI uses the fixed seed, so a run is repeatable
FUZZ_SECONDS ?= 120
FUZZ_SEED ?= 20261209
fuzz: setup
	$(RUN) python -m tools.fuzz --seconds $(FUZZ_SECONDS) --seed $(FUZZ_SEED)

# ajv and ajv-formats from npm, for tests/test_contract.py (skipped without them)
node-tools:
	bash tools/install_node_tools.sh

wheel-check: setup
	bash tools/wheel_check.sh "$(UV)"

clean:
	rm -rf dist build .pytest_cache .mypy_cache .ruff_cache .hypothesis
