"""``pl-vocab`` run in process for tests that call it many times: an uncaught exception fails the
test (``main`` would turn it into exit 3). typer's runner rebuilds the click command on every
call, most of the cost of a call: here it is built once."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any


@cache
def _command() -> Any:
    import typer.main

    from pl_vocab.cli import app

    return typer.main.get_command(app)


def invoke_validate(now: str, *args: str | Path) -> Any:
    """``pl-vocab validate --now NOW ARGS...``; the click result (exit code, stdout, stderr)."""
    from unittest import mock

    import typer.testing

    from pl_vocab.cli import app

    with mock.patch.object(typer.testing, "_get_command", lambda _app: _command()):
        return typer.testing.CliRunner().invoke(
            app, ["validate", "--now", now, *map(str, args)], catch_exceptions=False
        )
