"""The one output helper: written files, confirmation lines, error lines and exit codes, the
same for every command; options with one meaning across commands."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from pl_vocab.cli import app, main, options, output
from pl_vocab.io.output import OutputError

from .conftest import ROOT

EXAMPLE = ROOT / "examples" / "records" / "lincoln-middle-school-records.yaml"
GLOSSARY = "term,definition\nstudent voice,What learners say and how it is heard.\n"
LEARNER = {"type": "Learner", "id": "https://example.org/learners/1"}


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pl_vocab", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "COLUMNS": "100", "PYTHONIOENCODING": "utf-8"},
    )


@pytest.fixture
def inputs(tmp_path: Path) -> dict[str, Path]:
    glossary = tmp_path / "g.csv"
    glossary.write_text(GLOSSARY, encoding="utf-8")
    records = tmp_path / "r.ndjson"
    records.write_text(json.dumps(LEARNER) + "\n", encoding="utf-8")
    return {"glossary": glossary, "records": records}


def _command(name: str, inputs: dict[str, Path], target: Path) -> list[str | Path]:
    return {
        "check": ["check", inputs["glossary"], "--format", "html", "-o", target],
        "validate": ["validate", inputs["records"], "--format", "json", "-o", target],
        "convert": ["convert", inputs["records"], "--to", "turtle", "-o", target],
        "export": ["export", "--to", "ntriples", "-o", target],
    }[name]


WRITERS = ["check", "validate", "convert", "export"]


# ------------------------------------------------------------------ bug: unwritable output
@pytest.mark.parametrize("command", WRITERS)
def test_an_output_that_cannot_be_written_is_exit_2_in_one_line(
    tmp_path: Path, inputs: dict[str, Path], command: str
) -> None:
    """Before: ``check`` (and ``convert``, ``export``) said "internal error" and exited 3."""
    target = tmp_path / "no" / "such" / "dir" / "x.html"
    out = run(*_command(command, inputs, target))
    assert out.returncode == 2, out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("pl-vocab: "), out.stderr
    assert str(target) in lines[0] and "cannot be written" in lines[0]
    assert f"no folder {target.parent}" in lines[0]
    assert "Traceback" not in out.stderr and "internal error" not in out.stderr


@pytest.mark.parametrize("command", WRITERS)
def test_an_output_that_is_a_folder_is_exit_2_and_leaves_nothing(
    tmp_path: Path, inputs: dict[str, Path], command: str
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    out = run(*_command(command, inputs, folder))
    assert out.returncode == 2, out.stderr
    assert out.stderr.strip() == f"pl-vocab: {folder}: cannot be written (it is a folder)."
    assert list(folder.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.csv", "out", "r.ndjson"]


@pytest.mark.parametrize("command", WRITERS)
def test_every_command_confirms_a_written_file_the_same_way(
    tmp_path: Path, inputs: dict[str, Path], command: str
) -> None:
    target = tmp_path / "out.txt"
    out = run(*_command(command, inputs, target))
    assert out.returncode in (0, 1), out.stderr
    (line,) = out.stderr.strip().splitlines()
    assert line.startswith("pl-vocab: wrote ") and line.endswith(f" to {target}"), line
    assert target.stat().st_size > 0 and out.stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.csv", "out.txt", "r.ndjson"]


# ------------------------------------------------------------------ atomic write
def test_atomic_writer_keeps_the_old_file_and_leaves_nothing_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), output.atomic_writer(target) as out:
        out.write("half of the new")
        raise RuntimeError("the run failed")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_atomic_writer_replaces_and_keeps_normal_permissions(tmp_path: Path) -> None:
    target = tmp_path / "new.txt"
    output.write_text(target, "ça va\n")
    assert target.read_bytes() == "ça va\n".encode()
    mask = os.umask(0o22)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask
    target.chmod(0o640)
    output.write_text(target, "again\n")
    assert target.stat().st_mode & 0o777 == 0o640 and target.read_text(encoding="utf-8") == (
        "again\n"
    )


def test_a_write_error_names_the_final_path(tmp_path: Path, monkeypatch: Any) -> None:
    """A full disk (the error comes when the text reaches the file) is an output error."""
    import io

    class Full(io.RawIOBase):
        def writable(self) -> bool:
            return True

        def write(self, b: Any) -> int:
            raise OSError(28, "No space left on device")

    real = os.fdopen

    def fdopen(fd: int, mode: str) -> Any:
        os.close(fd)
        return Full()

    target = tmp_path / "full.txt"
    monkeypatch.setattr(os, "fdopen", fdopen)
    with pytest.raises(OutputError) as caught, output.atomic_writer(target) as out:
        out.write("x" * 100_000)
    monkeypatch.setattr(os, "fdopen", real)
    assert str(caught.value) == f"{target}: cannot be written (No space left on device)."
    assert list(tmp_path.iterdir()) == []


# ------------------------------------------------------------------ bug: KeyError is not usage
def _main(monkeypatch: Any, *args: str) -> int:
    monkeypatch.setattr(sys, "argv", ["pl-vocab", *args])
    with pytest.raises(SystemExit) as done:
        main()
    return int(done.value.code or 0)


def test_a_key_error_inside_validate_is_an_internal_error(
    inputs: dict[str, Path], monkeypatch: Any, capsys: Any
) -> None:
    """Before: any ``KeyError`` became a usage error (exit 2), hiding a real bug."""
    import pl_vocab.validation.files as files

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise KeyError("a bug")

    monkeypatch.setattr(files, "validate_files", broken)
    monkeypatch.delenv("PL_VOCAB_DEBUG", raising=False)
    monkeypatch.setattr(output, "_state", {"debug": False})
    assert _main(monkeypatch, "validate", str(inputs["records"])) == 3
    err = capsys.readouterr().err
    assert err == "pl-vocab: internal error (KeyError). Run again with --debug and report it.\n"


def test_debug_after_the_command_shows_the_traceback(
    inputs: dict[str, Path], monkeypatch: Any
) -> None:
    """Before: ``--debug`` was refused after the command name ("No such option")."""
    import pl_vocab.validation.files as files

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise KeyError("a bug")

    monkeypatch.setattr(files, "validate_files", broken)
    monkeypatch.setattr(output, "_state", {"debug": False})
    monkeypatch.setattr(sys, "argv", ["pl-vocab", "validate", str(inputs["records"]), "--debug"])
    with pytest.raises(KeyError, match="a bug"):
        main()


@pytest.mark.parametrize("command", ["check", "validate", "concept", "rules", "concepts"])
def test_debug_works_before_and_after_every_command(inputs: dict[str, Path], command: str) -> None:
    args: list[str | Path] = {
        "check": ["check", inputs["glossary"]],
        "validate": ["validate", inputs["records"]],
        "concept": ["concept", "equity"],
        "rules": ["rules", "E001"],
        "concepts": ["concepts", "--core"],
    }[command]
    after, before = run(*args, "--debug"), run("--debug", *args)
    assert after.returncode == before.returncode == 0, after.stderr
    assert after.stdout == before.stdout


# ------------------------------------------------------------------ bug: -f has one meaning
def test_short_f_is_format_in_every_command() -> None:
    """Before: ``-f`` was ``--from`` in ``convert``."""
    import typer.main

    group: Any = typer.main.get_command(app)
    seen = []
    for name, command in group.commands.items():
        for param in command.params:
            if "-f" in param.opts:
                assert param.opts == ["--format", "-f"], (name, param.opts)
                seen.append(name)
            if "--from" in param.opts:
                assert param.opts == ["--from"], (name, param.opts)
    assert sorted(seen) == ["check", "rules", "validate"]


def test_convert_takes_from_and_refuses_f(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    done = run("convert", EXAMPLE, "--from", "yaml", "--to", "json", "-o", target)
    assert done.returncode == 0, done.stderr
    refused = run("convert", EXAMPLE, "-f", "yaml", "--to", "json")
    assert refused.returncode == 2
    assert refused.stderr.strip().splitlines() == ["pl-vocab: No such option: -f"]


@pytest.mark.parametrize(
    "args",
    [
        ["check", "-f", "json"],
        ["validate", "-f", "json"],
    ],
)
def test_short_f_picks_the_report_format(inputs: dict[str, Path], args: list[str]) -> None:
    target = inputs["glossary"] if args[0] == "check" else inputs["records"]
    done = run(args[0], target, *args[1:])
    assert done.returncode in (0, 1), done.stderr
    assert json.loads(done.stdout)["tool"] == "pl-vocab"


# ------------------------------------------------------------------ usage errors, choices
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["concept", "equity", "--lang", "fr"], "pl-vocab: --lang takes en or es, not 'fr'."),
        (["concepts", "-l", "de"], "pl-vocab: --lang takes en or es, not 'de'."),
        (["rules", "-f", "pdf"], "pl-vocab: unknown --format 'pdf'; use one of text, markdown."),
        (["nonsense"], "pl-vocab: No such command 'nonsense'."),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(args: list[str], message: str) -> None:
    done = run(*args)
    assert done.returncode == 2
    assert done.stderr.strip() == message


def test_the_declared_choices_are_the_librarys() -> None:
    from pl_vocab.core.model import Severity
    from pl_vocab.exchange import normalize_format
    from pl_vocab.report.render import FORMATS
    from pl_vocab.skos import SKOS_FORMATS

    assert tuple(FORMATS) == options.CHECK_FORMATS
    assert set(options.VALIDATE_FORMATS) == set(FORMATS) - {"sssom"}
    assert [normalize_format(f) for f in options.RECORD_FORMATS] == list(options.RECORD_FORMATS)
    assert options.EXPORT_FORMATS == SKOS_FORMATS
    assert set(options.SEVERITIES) == {s.value for s in Severity}


def test_a_user_error_in_process_is_exit_2_too(inputs: dict[str, Path]) -> None:
    """typer's test runner (no ``main``) gives the same one line and exit code."""
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, ["validate", str(inputs["records"]), "--class", "Lerner"])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("pl-vocab: unknown class 'Lerner'; did you mean 'Learner'?")
    assert result.stderr.count("\n") == 1


def test_a_user_error_of_several_lines_is_said_on_one(
    inputs: dict[str, Path], monkeypatch: Any
) -> None:
    from typer.testing import CliRunner

    import pl_vocab.glossary.check as checker
    from pl_vocab.core.errors import PlVocabError

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise PlVocabError("g.csv: cannot be read.\n  Save it as CSV UTF-8.")

    monkeypatch.setattr(checker, "check_glossary", refuse)
    result = CliRunner().invoke(app, ["check", str(inputs["glossary"])])
    assert result.exit_code == 2
    assert result.stderr == "pl-vocab: g.csv: cannot be read. Save it as CSV UTF-8.\n"
