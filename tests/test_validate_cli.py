"""``pl-vocab validate`` as a user runs it: formats, lines, exit codes, reports, workers."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from pl_vocab import exchange
from pl_vocab.models import model_class

from .conftest import ROOT

EXAMPLE = ROOT / "examples" / "records" / "lincoln-middle-school-records.yaml"
NOW = "2026-11-23T00:00:00Z"
LEARNER = {"type": "Learner", "id": "https://example.org/learners/1"}
GOAL = {
    "type": "LearnerGoal",
    "id": "https://example.org/goals/1",
    "learner": "https://example.org/learners/1",
    "statement": "Read two novels by Latin American authors",
    "asserter_role": "learner",
}


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pl_vocab", "validate", "--now", NOW, *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )


def report(*args: str | Path) -> tuple[int, dict[str, Any]]:
    done = run(*args, "--format", "json")
    assert done.returncode in (0, 1), done.stderr
    return done.returncode, json.loads(done.stdout)


def test_the_example_records_are_valid() -> None:
    done = run(EXAMPLE)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Valid: no findings." in done.stdout
    assert "1 records read" in done.stdout or "records read" in done.stdout


@pytest.mark.parametrize(
    "fmt", ["json", "yaml", "ndjson", "jsonld", "turtle", "ntriples", "nquads"]
)
def test_every_format_validates(tmp_path: Path, fmt: str) -> None:
    objs = [
        model_class(r["type"]).model_validate({k: v for k, v in r.items() if k != "type"})
        for r in (LEARNER, GOAL)
    ]
    ext = {"turtle": "ttl", "ntriples": "nt", "nquads": "nq"}.get(fmt, fmt)
    path = tmp_path / f"records.{ext}"
    path.write_text(exchange.dumps(objs, fmt), encoding="utf-8")
    code, rep = report(path)
    assert code == 0 and rep["valid"] is True
    assert rep["stats"]["records"] == 2
    assert rep["input"]["sha256"] and rep["input"]["format"] == fmt


def test_ndjson_findings_have_lines_and_a_bad_line_does_not_stop_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "goals.ndjson"
    lines = [
        json.dumps(LEARNER),
        "",
        json.dumps({**GOAL, "colour": "red"}),
        '{"type": "Learner", "id": ',
        json.dumps({**GOAL, "id": "https://example.org/goals/2", "asserter_role": "boss"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, rep = report(path)
    assert code == 1 and rep["valid"] is False
    got = [
        (f["id"], f["location"]["line"], f["location"].get("json_path")) for f in rep["findings"]
    ]
    assert got == [("R002", 3, "$.colour"), ("R000", 4, None), ("R003", 5, "$.asserter_role")]
    first = rep["findings"][0]["location"]
    assert first["file"] == str(path) and first["record_index"] == 2
    assert first["record_id"] == "https://example.org/goals/1"
    assert rep["stats"]["records"] == 4 and rep["stats"]["invalid_records"] == 3


def test_yaml_findings_point_at_the_line_of_the_field(tmp_path: Path) -> None:
    path = tmp_path / "records.yaml"
    path.write_text(
        "- type: Learner\n"
        "  id: https://example.org/learners/1\n"
        "- type: LearnerGoal\n"
        "  id: https://example.org/goals/1\n"
        "  learner: https://example.org/learners/1\n"
        "  statement: Read two novels\n"
        "  asserter_role: learner\n"
        "  target_date: 2026-02-30\n",
        encoding="utf-8",
    )
    _, rep = report(path)
    assert [(f["id"], f["location"]["line"]) for f in rep["findings"]] == [("R006", 8)]


def test_json_array_findings_carry_the_line_where_the_record_starts(tmp_path: Path) -> None:
    path = tmp_path / "records.json"
    path.write_text(json.dumps([LEARNER, GOAL, {**GOAL, "id": "x y"}], indent=2), encoding="utf-8")
    _, rep = report(path)
    (finding,) = rep["findings"]
    assert finding["id"] == "R004" and finding["location"]["record_index"] == 3
    text = path.read_text(encoding="utf-8").splitlines()
    assert text[finding["location"]["line"] - 1].strip() == "{"
    assert '"x y"' in "".join(text[finding["location"]["line"] :])


def test_a_directory_and_known_files(tmp_path: Path) -> None:
    (tmp_path / "batch").mkdir()
    (tmp_path / "batch" / "goals.ndjson").write_text(json.dumps(GOAL) + "\n", encoding="utf-8")
    (tmp_path / "batch" / ".hidden.json").write_text("not json", encoding="utf-8")
    (tmp_path / "batch" / "notes.txt").write_text("ignored", encoding="utf-8")
    roster = tmp_path / "roster.ndjson"
    roster.write_text(json.dumps(LEARNER) + "\n", encoding="utf-8")
    code, rep = report(tmp_path / "batch")
    assert code == 0 and [f["id"] for f in rep["findings"]] == ["V001"]
    assert run(tmp_path / "batch", "--fail-on", "warning").returncode == 1
    code, rep = report(tmp_path / "batch", "--known", roster)
    assert code == 0 and rep["findings"] == []


def test_class_option_for_records_without_type(tmp_path: Path) -> None:
    path = tmp_path / "learners.ndjson"
    path.write_text(json.dumps({"id": "https://example.org/learners/1"}) + "\n", encoding="utf-8")
    code, rep = report(path)
    assert code == 1 and rep["findings"][0]["id"] == "R008"
    assert report(path, "--class", "Learner")[0] == 0
    done = run(path, "--class", "Lerner")
    assert done.returncode == 2
    assert "did you mean 'Learner'?" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "pdf"], "unknown --format"),
        (["--fail-on", "never"], "--fail-on"),
        (["--now", "yesterday"], "--now"),
        (["--now", "2026-01-01T00:00:00"], "timezone"),
        (["--select", "Q"], "Unknown check"),
        (["--jobs", "-1"], "--jobs"),
    ],
)
def test_usage_errors_exit_2_with_one_line(args: list[str], message: str) -> None:
    done = run(EXAMPLE, *args)
    assert done.returncode == 2
    assert message in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_unreadable_files_exit_2_with_a_location(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('[{"type": "Learner",\n  "id": }]', encoding="utf-8")
    done = run(bad)
    assert done.returncode == 2 and "line 2" in done.stderr and str(bad) in done.stderr
    missing = run(tmp_path / "missing.json")
    assert missing.returncode == 2 and "no such file" in missing.stderr
    latin1 = tmp_path / "latin1.json"
    latin1.write_bytes('{"type": "Learner", "id": "urn:x:é"}'.encode("latin-1"))
    done = run(latin1)
    assert done.returncode == 2 and "not UTF-8" in done.stderr


@pytest.mark.parametrize("fmt", ["json", "markdown", "html", "text"])
def test_every_report_format_and_output_file(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / "goals.ndjson"
    path.write_text(json.dumps({**GOAL, "colour": "red"}) + "\n", encoding="utf-8")
    out = tmp_path / f"report.{fmt}"
    done = run(path, "--format", fmt, "-o", out)
    assert done.returncode == 1
    text = out.read_text(encoding="utf-8")
    assert "R002" in text and "colour" in text
    if fmt == "json":
        import jsonschema

        from pl_vocab.report.schema import report_json_schema

        jsonschema.validate(json.loads(text), report_json_schema())


def test_jobs_give_the_same_findings(tmp_path: Path) -> None:
    path = tmp_path / "many.ndjson"
    rows = [LEARNER] + [
        {
            **GOAL,
            "id": f"https://example.org/goals/{i}",
            **({"colour": "red"} if i % 997 == 0 else {}),
        }
        for i in range(5000)
    ]
    rows.append({**GOAL, "id": "https://example.org/goals/7"})  # a duplicate, far from the first
    # references to records not in the batch, one in a list (its index is in the JSON path)
    rows.append(
        {
            **GOAL,
            "id": "https://example.org/goals/x",
            "learner": "https://example.org/learners/missing",
            "related_competencies": ["https://example.org/c/1", "https://example.org/c/2"],
        }
    )
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    _, one = report(path, "--jobs", "1")
    _, two = report(path, "--jobs", "2")

    def key(f: dict[str, Any]) -> str:
        return json.dumps(f, sort_keys=True)

    assert sorted(map(key, one["findings"])) == sorted(map(key, two["findings"]))
    assert one["stats"] == two["stats"]
    assert {f["id"] for f in one["findings"]} == {"R002", "V001", "V011"}
    dup = next(f for f in two["findings"] if f["id"] == "V011")
    assert dup["location"]["record_id"] == "https://example.org/goals/7"
    paths = {f["location"]["json_path"] for f in two["findings"] if f["id"] == "V001"}
    assert paths == {"$.learner", "$.related_competencies[0]", "$.related_competencies[1]"}


def test_max_findings_keeps_counts_exact(tmp_path: Path) -> None:
    path = tmp_path / "many.ndjson"
    rows = [LEARNER] + [
        {**GOAL, "id": f"https://example.org/goals/{i}", "colour": "red"} for i in range(30)
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    _, rep = report(path, "--max-findings", "5")
    assert len(rep["findings"]) == 5
    assert rep["stats"]["findings"] == 30 and rep["stats"]["findings_not_listed"] == 25


def test_jobs_give_the_same_lines_for_yaml(tmp_path: Path) -> None:
    """A duplicate identifier found while the parent replays a worker's run still points at the
    line of its ``id`` field."""
    import yaml

    path = tmp_path / "goals.yaml"
    goals = [{**GOAL, "id": f"https://example.org/goals/{i}"} for i in range(50)]
    goals.append({**GOAL, "id": "https://example.org/goals/7"})
    path.write_text(yaml.safe_dump([LEARNER, *goals], sort_keys=False), encoding="utf-8")
    _, one = report(path, "--jobs", "1")
    _, two = report(path, "--jobs", "2")
    assert one["findings"] == two["findings"]
    [dup] = [f for f in two["findings"] if f["id"] == "V011"]
    line = path.read_text(encoding="utf-8").splitlines()[dup["location"]["line"] - 1]
    assert "https://example.org/goals/7" in line
