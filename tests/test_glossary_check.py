"""The glossary checker end to end, on the example glossaries, as the API and as a command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pl_vocab.core.model import Report, Severity
from pl_vocab.glossary.check import check_glossary, known_check_ids

from .conftest import ROOT

EXAMPLES = ROOT / "examples" / "glossaries"
RIVERBEND = EXAMPLES / "riverbend-usd-glossary.csv"
MESA = EXAMPLES / "mesa-verde-sd-glossary.xlsx"
LAKESHORE = EXAMPLES / "lakeshore-district-glossary.yaml"


def _at(report: Report, check_id: str) -> set[int | None]:
    return {f.location.row for f in report.findings if f.id == check_id}


@pytest.fixture(scope="module")
def riverbend() -> Report:
    return check_glossary(RIVERBEND)


def test_riverbend_typical_mistakes_are_found_at_their_rows(riverbend: Report) -> None:
    assert riverbend.input.encoding == "cp1252" and riverbend.input.delimiter == ";"
    assert "A001" in {f.id for f in riverbend.findings}  # the Windows-1252 fallback warning
    assert 37 in _at(riverbend, "B002")  # "Competency" again, different definition
    assert 40 in _at(riverbend, "B003")  # "Formative assessment" vs "Formative Assessment"
    assert {27, 29} <= _at(riverbend, "C001")  # missing definitions
    assert 25 in _at(riverbend, "C002")  # "Personalized learning is learning that is personalized."
    assert {2, 4, 17, 19, 28} <= _at(riverbend, "E001")  # deficit-based terms
    assert 23 in _at(riverbend, "D003")  # PBL is ambiguous
    assert {22, 39} <= _at(riverbend, "D001")  # local terms with no national equivalent
    assert {20, 26, 34, 35} <= _at(riverbend, "D005")  # synonyms of national concepts


def test_riverbend_mappings_and_coverage(riverbend: Report) -> None:
    by_row = {m.row: m for m in riverbend.mappings}
    assert by_row[34].concept == "plvc:learner-voice"
    assert by_row[20].concept == "plvc:competency-based-education"
    assert (
        by_row[17].concept == "plvc:learning-loss"
    )  # deprecated concept, E001 names the replacement
    assert by_row[10].concept == "plvc:equality"  # never equity
    assert all(m.predicate == "exact_match" and 0 < m.confidence <= 1 for m in riverbend.mappings)
    cov = riverbend.coverage
    assert cov is not None and cov.core_total == 26 and 0 < cov.core_covered < 26
    assert len(cov.missing_core) == cov.core_total - cov.core_covered
    assert sum(f.total for f in cov.facets) == cov.core_total
    learning_loss = next(f for f in riverbend.findings if f.id == "E001" and f.location.row == 17)
    assert learning_loss.suggestion and "unfinished learning" in learning_loss.suggestion


def test_spanish_workbook_checks_both_languages() -> None:
    report = check_glossary(MESA)
    assert report.input.sheet == "Glosario"
    assert report.input.columns.get("term_es") == "Término (español)"
    assert 16 in _at(report, "G002")  # Spanish term without a Spanish definition
    ids = {f.id for f in report.findings}
    assert "E001" in ids and "B002" in ids


def test_yaml_glossary_is_checked() -> None:
    report = check_glossary(LAKESHORE)
    assert 12 in _at(report, "C001")
    assert 17 in _at(report, "E001")  # Struggling Learners
    assert 18 in _at(report, "E004")  # Learning Acceleration is contested, not banned


def test_select_and_ignore(riverbend: Report) -> None:
    only_e = check_glossary(RIVERBEND, select=["E"])
    assert {f.id[0] for f in only_e.findings} == {"E"}
    no_f = check_glossary(RIVERBEND, ignore=["F", "D005"])
    assert not any(f.id.startswith("F") or f.id == "D005" for f in no_f.findings)
    assert len(no_f.findings) < len(riverbend.findings)


def test_every_check_id_is_unique_and_well_formed() -> None:
    ids = known_check_ids()
    assert len(ids) == len(set(ids)) and all(len(i) == 4 and i[0].isalpha() for i in ids)
    assert {"A001", "B002", "C001", "D003", "E001", "F001", "G002", "H003"} <= set(ids)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pl_vocab", "check", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "COLUMNS": "100", "PYTHONIOENCODING": "utf-8"},
    )


def test_command_text_report_and_exit_codes() -> None:
    out = run(str(RIVERBEND))
    assert out.returncode == 1  # errors at the default --fail-on error
    assert "Core coverage" in out.stdout and "B002" in out.stdout
    assert run(str(RIVERBEND), "--select", "D005").returncode == 0  # infos only
    assert run(str(RIVERBEND), "--select", "D005", "--fail-on", "info").returncode == 1


def test_command_json_contract(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    out = run(str(RIVERBEND), "--format", "json", "-o", str(target))
    assert out.returncode == 1
    data = json.loads(target.read_text(encoding="utf-8"))
    for key in ("valid", "input", "vocabulary", "stats", "findings", "mappings", "coverage"):
        assert key in data
    assert data["input"]["sha256"] and data["vocabulary"]["version"]
    f = data["findings"][0]
    assert set(f) >= {"id", "severity", "message", "location", "suggestion"}
    m = data["mappings"][0]
    assert set(m) >= {"row", "term", "concept", "predicate", "justification", "confidence"}


@pytest.mark.parametrize("fmt", ["markdown", "html", "sssom"])
def test_command_other_formats(fmt: str) -> None:
    out = run(str(LAKESHORE), "--format", fmt)
    assert out.returncode in (0, 1), out.stderr
    assert len(out.stdout) > 500


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("nope.csv",), "nope.csv"),
        ((str(RIVERBEND), "--select", "Q9"), "Unknown check"),
        ((str(RIVERBEND), "--fail-on", "sometimes"), "--fail-on"),
        ((str(RIVERBEND), "--format", "pdf"), "--format"),
        ((str(RIVERBEND), "--columns", "tern=Term"), "tern"),
    ],
)
def test_unusable_input_or_options_exit_2_in_one_line(args: tuple[str, ...], message: str) -> None:
    out = run(*args)
    assert out.returncode == 2, out.stdout
    assert message in out.stderr and "Traceback" not in out.stderr


def test_malformed_file_exits_2_with_a_location(tmp_path: Path) -> None:
    bad = tmp_path / "broken.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a workbook")
    out = run(str(bad))
    assert out.returncode == 2 and "broken.xlsx" in out.stderr and "Traceback" not in out.stderr


def test_severity_threshold_matches_report(riverbend: Report) -> None:
    assert riverbend.exit_code(Severity.ERROR) == 1
    assert not riverbend.valid
