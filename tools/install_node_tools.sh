#!/usr/bin/env bash
# Install the npm packages the contract tests use (ajv 8 and ajv-formats 3, to check the shipped
# JSON Schema and pl_vocab's own output in strict mode) into .tools/node/, outside the source tree.
# tests/test_contract.py finds them there, or in $PL_VOCAB_NODE_MODULES; without them (or without
# node) those tests skip. Needs node and npm on PATH and the npm registry.
set -euo pipefail
cd "$(dirname "$0")/.."
npm install --prefix .tools/node --no-audit --no-fund --no-save ajv@8 ajv-formats@3
