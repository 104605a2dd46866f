"""Shared fixtures. The suite runs with sockets disabled (pytest-socket, see pyproject.toml)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SCHEMA_DIR = ROOT / "schema"
SHARED = ROOT.parent / "shared"

settings.register_profile(
    "ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=200, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture(scope="session")
def vocab():  # type: ignore[no-untyped-def]
    from pl_vocab import load_vocabulary

    return load_vocabulary()


@pytest.fixture(scope="session")
def schema_index():  # type: ignore[no-untyped-def]
    from pl_vocab._resources import generated_json

    return generated_json("schema_index.json")
