# pl_vocab task runner. Two commands do everything on a fresh machine (Python 3.11+, git, make):
#   make demo   set up, then run the tour on the bundled examples
#   make test   set up, then lint, type-check and run the whole test suite
SHELL := /bin/bash
.DEFAULT_GOAL := help
UV_VERSION := 0.13.9
# use uv from PATH if present, else install it into .tools/ from the package registry
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
RUN := $(UV) run --locked
# use the platform certificate store (a proxy or mirror may use its own certificate authority)
export UV_SYSTEM_CERTS ?= 1

.PHONY: help setup demo test pytest lint typecheck generate check-generated lint-schema wheel-check clean

help:
	@echo "make demo             set up and run the tour on the bundled examples"
	@echo "make test             set up and run lint, type checks and the whole test suite"
	@echo "make generate         regenerate src/pl_vocab/_generated and docs/schema from schema/"
	@echo "make check-generated  fail if the committed generated files differ from the schema's output"
	@echo "make wheel-check      build the wheel, install it in a clean venv outside the tree, import it"

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

test: setup lint typecheck pytest

pytest:
	$(RUN) pytest -n auto -q tests src/pl_vocab --doctest-modules

lint:
	$(RUN) ruff check .
	$(RUN) ruff format --check src tests tools benchmarks

typecheck:
	$(RUN) mypy

lint-schema:
	$(RUN) linkml lint --config .linkmllint.yaml schema/pl_vocab.yaml

generate: setup
	$(RUN) python -m tools.generate

check-generated:
	$(RUN) python -m tools.generate --check

wheel-check: setup
	bash tools/wheel_check.sh "$(UV)"

clean:
	rm -rf dist build .pytest_cache .mypy_cache .ruff_cache .hypothesis
