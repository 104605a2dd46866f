"""``pl-vocab --help`` as a user reads it, at a fixed width, in process and as a real command."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from pl_vocab.cli import app
from pl_vocab.glossary.columns import ROLES

from .conftest import ROOT

COMMANDS = ["check", "validate", "rules", "concept", "concepts", "convert", "export", "tour"]
ENV = {"PATH": "/usr/bin:/bin", "COLUMNS": "100", "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1"}
#: What typer shows for a parameter when nothing better is given: <bool>, <str>, <list[Path]>...
TYPE_NAME = re.compile(r"<[A-Za-z_]+(\[[^\]]*\])?>")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pl_vocab", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env=ENV,
    )


def help_in_process(*args: str) -> str:
    result = CliRunner().invoke(app, [*args, "--help"], env={"COLUMNS": "100", "NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    return str(result.stdout)


def words(help_text: str) -> str:
    """The help as one line of words: box borders gone, wrapped lines joined."""
    return " ".join(help_text.replace("│", " ").split())


@pytest.mark.parametrize("command", COMMANDS)
def test_help_shows_no_type_names(command: str) -> None:
    text = help_in_process(command)
    assert "--help" in text
    assert TYPE_NAME.search(text) is None, text


def test_help_shows_placeholders_for_values_and_nothing_for_flags() -> None:
    text = words(help_in_process("validate"))
    assert "--format -f FORMAT text, json, markdown or html." in text
    assert "--output -o FILE" in text and "--jobs -j N" in text
    assert "--debug Show the traceback" in text
    assert "FILES Record files or folders to validate. [required]" in text
    convert = words(help_in_process("convert"))
    assert "--shacl Also check" in convert and "--redact Remove" in convert


def test_convert_help_keeps_the_redacted_placeholder() -> None:
    for text in (help_in_process("convert"), run("convert", "--help").stdout):
        assert "required ones are kept as [redacted]." in words(text)


def test_columns_help_lists_every_role() -> None:
    for text in (help_in_process("check"), run("check", "--help").stdout):
        assert f"Roles: {', '.join(ROLES)}." in words(text)


def test_every_command_takes_debug_after_its_name() -> None:
    for command in COMMANDS:
        assert "--debug Show the traceback" in words(help_in_process(command)), command
    root = words(help_in_process())
    assert "--debug Show the traceback" in root and "--version Show the version." in root


def test_bare_command_shows_help_without_an_empty_error_line() -> None:
    out = run()
    assert out.returncode == 2
    assert "Usage: pl-vocab [OPTIONS] COMMAND" in out.stdout
    assert "check" in out.stdout and "validate" in out.stdout
    assert out.stderr.strip() == "", out.stderr


def test_help_as_a_real_command_names_pl_vocab() -> None:
    out = run("validate", "--help")
    assert out.returncode == 0
    assert "Usage: pl-vocab validate [OPTIONS]" in out.stdout
    assert TYPE_NAME.search(out.stdout) is None
