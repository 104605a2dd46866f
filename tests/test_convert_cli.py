"""``pl-vocab convert`` as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from pl_vocab import exchange

from .conftest import ROOT
from .test_rdf_roundtrip import dump_canonical

if TYPE_CHECKING:
    from click.testing import Result

EXAMPLE = ROOT / "examples" / "records" / "lincoln-middle-school-records.yaml"
FORMATS = ["json", "yaml", "ndjson", "jsonld", "turtle", "ntriples", "nquads"]


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


# ------------------------------------------------------------------------------------ --redact
def _sensitive_values(data: dict[str, Any], cls: str) -> list[str]:
    """Every string in a sensitive slot of a JSON-mode dump, at every depth."""
    from .test_redact import INDEX

    found: list[str] = []
    for name, value in data.items():
        slot = INDEX["classes"][cls]["slots"][name]
        if slot["sensitive"]:
            found += [v for v in (value if isinstance(value, list) else [value]) if str(v)]
        elif slot["kind"] == "inlined" and value is not None:
            for item in value if slot["multivalued"] else [value]:
                found += _sensitive_values(item, slot["range"])
    return found


def _readable(text: str, fmt: str) -> str:
    """The text with YAML's folded lines joined, so that a whole value can be looked for."""
    if fmt != "yaml":
        return text
    import yaml

    return json.dumps(yaml.safe_load(text), ensure_ascii=False)


def invoke(*args: str) -> Result:
    from typer.testing import CliRunner

    from pl_vocab.cli import app

    return CliRunner().invoke(app, ["convert", *args])


@pytest.mark.parametrize("fmt", FORMATS)
def test_redact_takes_every_sensitive_value_out_of_the_example(tmp_path: Path, fmt: str) -> None:
    from pl_vocab.redact import REDACTED, redact

    (original,) = exchange.load(EXAMPLE)
    secrets = _sensitive_values(original.model_dump(mode="json", exclude_none=True), "RecordSet")
    assert len(secrets) > 10
    plain = invoke(str(EXAMPLE), "--to", fmt)
    assert plain.exit_code == 0, plain.output
    assert all(s in _readable(plain.stdout, fmt) for s in secrets if s.isascii())  # all there

    target = tmp_path / f"out.{fmt}"
    result = invoke(str(EXAMPLE), "--to", fmt, "--redact", "-o", str(target))
    assert result.exit_code == 0, result.output
    text = _readable(target.read_text(encoding="utf-8"), fmt)
    assert [s for s in secrets if s in text] == []
    assert REDACTED in text
    back = exchange.load(target, fmt)
    (again,) = [o for o in back if type(o) is type(original)]
    assert dump_canonical(again) == dump_canonical(redact(original))


def _learner_lines(n: int) -> list[str]:
    return [
        json.dumps(
            {
                "type": "Learner",
                "id": f"https://d.example.org/l/{i}",
                "name": f"zzNAME{i}zz",
                "birth_date": "2013-04-05",
                "local_identifier": f"zzLOCAL{i}zz",
                "grade_level": "5",
            }
        )
        for i in range(n)
    ] + [
        json.dumps(
            {
                "type": "Reflection",
                "id": "https://d.example.org/r/1",
                "learner": "https://d.example.org/l/1",
                "reflection_type": "reflection",
                "text": "zzTEXTzz",
                "language": "en",
                "asserter_role": "learner",
            }
        )
    ]


@pytest.mark.parametrize("fmt", ["ndjson", "ntriples", "nquads", "json", "turtle"])
def test_redact_on_ndjson_input(tmp_path: Path, fmt: str) -> None:
    src = tmp_path / "learners.ndjson"
    src.write_text("\n".join(_learner_lines(40)) + "\n", encoding="utf-8")
    result = invoke(str(src), "--to", fmt, "--redact")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "zzNAME" not in out and "zzLOCAL" not in out and "zzTEXTzz" not in out
    assert "2013-04-05" not in out
    back = exchange.loads(out, fmt)
    learners = [o for o in back if type(o).__name__ == "Learner"]
    assert len(learners) == 40
    assert all(o.name is None and o.birth_date is None for o in learners)  # type: ignore[attr-defined]
    assert all(o.grade_level == "5" for o in learners)  # type: ignore[attr-defined]
    (reflection,) = [o for o in back if type(o).__name__ == "Reflection"]
    assert reflection.text == "[redacted]"  # type: ignore[attr-defined]


@pytest.mark.parametrize("fmt", ["ndjson", "ntriples", "nquads"])
def test_redact_keeps_ndjson_streaming(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    """Records are read, redacted and written a batch at a time, never loaded whole."""
    events: list[str] = []
    real_iter, real_dumps = exchange.iter_ndjson, exchange.dumps
    real_write_stream = exchange.write_stream

    def iter_ndjson(*args: Any, **kwargs: Any) -> Iterator[Any]:
        for obj in real_iter(*args, **kwargs):
            events.append("read")
            yield obj

    def dumps(*args: Any, **kwargs: Any) -> str:
        events.append("write")
        return real_dumps(*args, **kwargs)

    def no_load(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the streamed path must not load the whole file")

    monkeypatch.setattr(exchange, "iter_ndjson", iter_ndjson)
    monkeypatch.setattr(exchange, "dumps", dumps)
    monkeypatch.setattr(exchange, "load", no_load)
    monkeypatch.setattr(
        exchange, "write_stream", lambda objs, out, f: real_write_stream(objs, out, f, chunk=5)
    )
    src = tmp_path / "learners.ndjson"
    src.write_text("\n".join(_learner_lines(30)) + "\n", encoding="utf-8")
    target = tmp_path / f"out.{fmt}"
    result = invoke(str(src), "--to", fmt, "--redact", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert "wrote 31 record(s)" in result.stderr
    assert events.index("write") < len(events) - 1 - events[::-1].index("read")
    text = target.read_text(encoding="utf-8")
    assert "zzNAME" not in text and "zzLOCAL" not in text and "zzTEXTzz" not in text


def test_redact_with_shacl_checks_the_redacted_records(tmp_path: Path) -> None:
    pytest.importorskip("pyshacl")
    src = tmp_path / "learners.ndjson"
    src.write_text("\n".join(_learner_lines(3)) + "\n", encoding="utf-8")
    result = invoke(str(src), "--to", "turtle", "--redact", "--shacl")
    assert result.exit_code == 0, result.output
    assert "zzNAME" not in result.stdout and "zzTEXTzz" not in result.stdout
    assert "[redacted]" in result.stdout


def test_without_redact_nothing_is_removed(tmp_path: Path) -> None:
    src = tmp_path / "learners.ndjson"
    src.write_text("\n".join(_learner_lines(2)) + "\n", encoding="utf-8")
    result = invoke(str(src), "--to", "ndjson")
    assert result.exit_code == 0, result.output
    assert "zzNAME1zz" in result.stdout and "zzTEXTzz" in result.stdout


# ------------------------------------------------------------------- the output, all or nothing
def test_converting_a_file_onto_itself_keeps_its_records(tmp_path: Path) -> None:
    """The output used to be opened (emptied) before the input was read."""
    target = tmp_path / "records.json"
    target.write_text(exchange.dumps(exchange.load(EXAMPLE), "json"), encoding="utf-8")
    result = invoke(str(target), "--to", "json", "-o", str(target))
    assert result.exit_code == 0, result.output
    (again,) = exchange.load(target)
    (original,) = exchange.load(EXAMPLE)
    assert dump_canonical(again) == dump_canonical(original)


@pytest.mark.parametrize("to", ["json", "ndjson"])  # whole-file and streamed paths
def test_a_failed_convert_leaves_the_output_as_it_was(tmp_path: Path, to: str) -> None:
    source = tmp_path / "broken.ndjson"
    source.write_text(_learner_lines(3)[0] + "\n{not json\n", encoding="utf-8")
    target = tmp_path / f"out.{to}"
    target.write_text("keep me\n", encoding="utf-8")
    result = invoke(str(source), "--to", to, "-o", str(target))
    assert result.exit_code == 2, result.output
    assert "line 2" in result.stderr
    assert target.read_text(encoding="utf-8") == "keep me\n"
    # and no temporary file is left behind
    assert {p.name for p in tmp_path.iterdir()} == {"broken.ndjson", f"out.{to}"}


def test_an_output_that_cannot_be_written_is_exit_2_with_one_line(tmp_path: Path) -> None:
    result = invoke(str(EXAMPLE), "--to", "json", "-o", str(tmp_path / "no" / "such" / "x.json"))
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot be written" in lines[0], result.stderr


def test_ndjson_with_a_byte_order_mark_streams(tmp_path: Path) -> None:
    """The streamed path read NDJSON as plain UTF-8, so a BOM made line 1 invalid JSON."""
    source = tmp_path / "bom.ndjson"
    source.write_bytes(b"\xef\xbb\xbf" + "\n".join(_learner_lines(2)).encode("utf-8") + b"\n")
    result = invoke(str(source), "--to", "ntriples", "-o", str(tmp_path / "out.nt"))
    assert result.exit_code == 0, result.output
    assert f"wrote {len(_learner_lines(2))} record(s)" in result.stderr


def test_the_library_holds_the_conversion(tmp_path: Path) -> None:
    from pl_vocab.convert import convert

    target = tmp_path / "out.ttl"
    result = convert(EXAMPLE, "ttl", target, redact=True)
    assert (result.source_format, result.target, result.count, result.written) == (
        "yaml",
        "turtle",
        1,
        True,
    )
    assert exchange.load(target)
