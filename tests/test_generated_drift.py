"""The committed artifacts are exactly what the pinned generator makes from the schema."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .conftest import ROOT


@pytest.mark.slow
# urllib3 (imported by linkml) probes for IPv6 support at import time by creating a socket it
# never connects; pytest-socket blocks it and warns. Any real network use would still be blocked.
@pytest.mark.filterwarnings("ignore:A test tried to use socket.socket")
def test_committed_artifacts_match_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    from tools import generate

    cwd = Path.cwd()
    try:
        os.chdir(ROOT)
        status = generate.check()
    finally:
        os.chdir(cwd)
    err = capsys.readouterr().err
    assert status == 0, f"generated files are out of date (run `make generate`):\n{err}"


def test_generator_is_pinned_exactly() -> None:
    import tomllib

    from tools.generate import LINKML_VERSION

    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert f"linkml=={LINKML_VERSION}" in pyproject["dependency-groups"]["dev"]
    runtime = " ".join(pyproject["project"]["dependencies"])
    assert "linkml" not in runtime
