"""``pl-vocab convert`` as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pl_vocab import exchange

from .conftest import ROOT
from .test_rdf_roundtrip import dump_canonical

EXAMPLE = ROOT / "examples" / "records" / "lincoln-middle-school-records.yaml"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pl_vocab", "convert", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )


@pytest.mark.parametrize(
    "fmt", ["json", "yaml", "ndjson", "jsonld", "turtle", "ntriples", "nquads"]
)
def test_example_converts_to_every_format_and_back(tmp_path: Path, fmt: str) -> None:
    ext = {
        "json": "json",
        "yaml": "yaml",
        "ndjson": "ndjson",
        "jsonld": "jsonld",
        "turtle": "ttl",
        "ntriples": "nt",
        "nquads": "nq",
    }[fmt]
    first = tmp_path / f"out.{ext}"
    assert run(str(EXAMPLE), "--to", fmt, "-o", str(first)).returncode == 0
    back = tmp_path / "back.json"
    result = run(str(first), "--to", "json", "-o", str(back))
    assert result.returncode == 0, result.stderr
    (original,) = exchange.load(EXAMPLE)
    (again,) = exchange.load(back)
    assert dump_canonical(again) == dump_canonical(original)


def test_ndjson_streams_to_ntriples(tmp_path: Path) -> None:
    lines = [
        json.dumps({"type": "Learner", "id": f"https://d.example.org/l/{i}", "grade_level": "5"})
        for i in range(50)
    ]
    src = tmp_path / "learners.ndjson"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = run(str(src), "--to", "nt")
    assert out.returncode == 0, out.stderr
    assert len(out.stdout.splitlines()) == 100


def test_unreadable_input_exits_2_with_location(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix e: <http://e/> .\ne:s e:p "x" ;\n e:q .\n', encoding="utf-8")
    out = run(str(bad), "--to", "json")
    assert out.returncode == 2
    assert "bad.ttl, line 3, column 6" in out.stderr and "Traceback" not in out.stderr


def test_data_that_does_not_fit_exits_1(tmp_path: Path) -> None:
    ttl = tmp_path / "odd.ttl"
    ttl.write_text(
        '@prefix plv: <https://w3id.org/pl-vocab/> .\n<https://d.example.org/l/1> a plv:Learner ; plv:shoe_size "40" .\n',
        encoding="utf-8",
    )
    out = run(str(ttl), "--to", "json")
    assert out.returncode == 1
    assert "shoe_size" in out.stderr


@pytest.mark.parametrize("args", [("--to", "pdf"), ("--to", "rdfxml")])
def test_bad_target_is_a_usage_error(args: tuple[str, ...]) -> None:
    out = run(str(EXAMPLE), *args)
    assert out.returncode == 2 and out.stderr.startswith("pl-vocab: ")


def test_missing_file_is_a_usage_error() -> None:
    out = run("nope.json", "--to", "turtle")
    assert out.returncode == 2 and "no such file" in out.stderr
