"""The command line as a user runs it: output, exit codes, and a light start-up."""

from __future__ import annotations

import subprocess
import sys

import pytest

import pl_vocab

from .conftest import ROOT


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pl_vocab", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "COLUMNS": "120", "PYTHONIOENCODING": "utf-8"},
    )


def test_version() -> None:
    out = run("--version")
    assert out.returncode == 0 and out.stdout.startswith("pl-vocab ")


def test_concept_in_spanish() -> None:
    out = run("concept", "learning loss", "--lang", "es")
    assert out.returncode == 0, out.stderr
    assert "aprendizaje inconcluso" in out.stdout
    assert "plvc:unfinished-learning" in out.stdout


def test_ambiguous_acronym_lists_candidates() -> None:
    out = run("concept", "PBL")
    assert out.returncode == 0
    assert "plvc:project-based-learning" in out.stdout
    assert "plvc:competency-based-education" in out.stdout


def test_unknown_concept_exit_1_with_suggestion() -> None:
    out = run("concept", "equitty")
    assert out.returncode == 1
    assert "Did you mean 'equity'" in out.stderr
    assert "Traceback" not in out.stderr


@pytest.mark.parametrize("args", [("bogus",), ("concepts", "--facet", "nope"), ("concept",)])
def test_usage_errors_exit_2_in_one_line(args: tuple[str, ...]) -> None:
    out = run(*args)
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    assert out.stderr.startswith("pl-vocab: ")


def test_core_concepts_listing() -> None:
    out = run("concepts", "--core")
    assert out.returncode == 0
    assert "[core]" in out.stdout and "plvc:narrative-assessment" in out.stdout


def test_tour_on_the_bundled_examples_passes() -> None:
    out = run("tour", "--examples", "examples/records")
    assert out.returncode == 0, out.stdout + out.stderr
    assert "example files valid" in out.stdout
    assert "unfinished learning" in out.stdout


def test_tour_reports_invalid_records_without_values(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "Learner-1.yaml").write_text(
        "id: plv:learner/1\nname: SENTINEL-NAME-7731\nbirth_date: not-a-date\n", encoding="utf-8"
    )
    out = run("tour", "--examples", str(tmp_path))
    assert out.returncode == 1
    assert "$.birth_date" in out.stdout
    assert "SENTINEL" not in out.stdout and "not-a-date" not in out.stdout


def test_start_up_imports_no_heavy_modules() -> None:
    code = (
        "import sys, pl_vocab.cli.app\n"
        "names = ('linkml', 'linkml_runtime', 'rdflib', 'pydantic', 'rich', 'pl_vocab.glossary',\n"
        "         'pl_vocab.report', 'pl_vocab.validation', 'pl_vocab.vocabulary', 'tempfile')\n"
        "heavy = [m for m in names if m in sys.modules]\n"
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_version_loads_no_command_line_framework() -> None:
    """``pl-vocab --version`` answers before typer (most of a call's time) is even imported."""
    code = (
        "import sys\nsys.argv = ['pl-vocab', '--version']\nfrom pl_vocab.cli import main\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    assert exc.code == 0\n"
        "print([m for m in ('typer', 'rich', 'pydantic', 'pl_vocab.cli.app') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines() == [f"pl-vocab {pl_vocab.__version__}", "[]"]


def test_app_is_the_application_whatever_was_imported_first() -> None:
    code = (
        "import pl_vocab.cli.app, pl_vocab.cli.options\n"
        "from pl_vocab.cli import app\nimport typer\n"
        "print(isinstance(app, typer.Typer), isinstance(pl_vocab.cli.app, typer.Typer))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True True"


def test_library_import_stays_light() -> None:
    code = (
        "import sys, pl_vocab\nv = pl_vocab.load_vocabulary()\n"
        "print([m for m in ('linkml', 'linkml_runtime', 'rdflib') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
