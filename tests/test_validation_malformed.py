"""Malformed input of every format gives findings or exit 2 with a location, never a crash.

Valid records (from ``tests/strategies.py``, written by :func:`pl_vocab.exchange.dumps`) are
broken by hypothesis: truncated at a byte, bytes inserted (invalid UTF-8, NUL, BOMs, brackets),
a value of the wrong type, duplicate keys, deep nesting. Hand-made cases add a 5 MB string, a YAML
alias bomb, DOCTYPE/ENTITY declarations, remote and ``file:`` JSON-LD contexts, numbers Python
will not read, lone surrogates and YAML keys and tags that are not JSON.

The command runs in process with ``catch_exceptions=False``: an uncaught exception fails the test
(``main`` would turn it into exit 3). Exit 2 must be one ``pl-vocab:`` line naming the file, with a
line (or byte) where a syntax error is locatable; exit 0 or 1 must come with a JSON report whose
findings all name the file. :func:`validate_files` must return a report or raise ``InputError``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from pl_vocab import exchange
from pl_vocab.core.errors import PlVocabError
from pl_vocab.core.model import Report
from pl_vocab.exchange import InputError
from pl_vocab.io.yaml_safe import dump_yaml
from pl_vocab.models import model_class
from pl_vocab.report.render import render
from pl_vocab.validation import validate, validate_files

from .cli_in_process import invoke_validate
from .strategies import _uniquify, concrete_classes, record

NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)
NOW_ISO = "2026-11-23T12:00:00+00:00"
EXT = {
    "json": "json",
    "yaml": "yaml",
    "ndjson": "ndjson",
    "jsonld": "jsonld",
    "turtle": "ttl",
    "ntriples": "nt",
    "nquads": "nq",
}
JSON_LIKE = ("json", "ndjson", "jsonld")
RDF = ("turtle", "ntriples", "nquads")
CONTEXT = "https://w3id.org/pl-vocab/context/v0.jsonld"
LOCATION = re.compile(r"\b(line \d+|byte \d+|position \d+)")
XSD = "http://www.w3.org/2001/XMLSchema#"
LEARNER = {"type": "Learner", "id": "https://example.org/learners/1"}
GOAL = {
    "type": "LearnerGoal",
    "id": "https://example.org/goals/1",
    "learner": "https://example.org/learners/1",
    "statement": "Read two novels",
    "asserter_role": "learner",
}

# no shrinking: an example here is a whole file through the command, and shrinking one takes
# minutes; the failing example is printed as drawn (the hand-made cases below are minimal)
MALFORMED_SETTINGS = settings(
    max_examples=15,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    derandomize=True,  # the same files on every run: a failure is a bug, not bad luck
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


# ------------------------------------------------------------------------------- running
def invoke(*args: str | Path) -> Any:
    """``pl-vocab validate`` in process (see ``tests/cli_in_process.py``)."""
    return invoke_validate(NOW_ISO, *args)


def outcome(path: Path, *, locatable: bool | None = None, jobs: int = 1) -> tuple[int, Any]:
    """Validate ``path`` with the command (JSON report) and the API; check the contract.

    ``locatable``: a syntax error whose line can be told; None: decide from the message (an
    "invalid JSON" message must have one). Returns the exit code and the JSON report or the
    one line of the error.
    """
    result = invoke(path, "--format", "json", "--jobs", str(jobs))
    code = result.exit_code
    assert code in (0, 1, 2), f"exit {code}: {result.output}"
    assert "Traceback" not in result.output
    if code == 2:
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, f"not one line: {result.stderr!r}"
        (line,) = lines
        assert line.startswith("pl-vocab: ") and str(path) in line, line
        if locatable or (locatable is None and "invalid JSON" in line):
            assert LOCATION.search(line), f"no line or byte in {line!r}"
        assert result.stdout == ""
        api_error(path, line)
        return code, line
    report = json.loads(result.stdout)
    for f in report["findings"]:
        assert f["location"].get("file") == str(path), f
    assert (code == 1) == any(f["severity"] == "error" for f in report["findings"])
    api_report(path, report)
    return code, report


def api_error(path: Path, line: str) -> None:
    """:func:`validate_files` raises the error the command showed (that it is an InputError is
    checked by ``test_validate_files_raises_only_input_error``)."""
    with pytest.raises(PlVocabError) as caught:
        validate_files([path], now=NOW)
    assert f"pl-vocab: {caught.value}" == line


def api_report(path: Path, expected: dict[str, Any]) -> None:
    """:func:`validate_files` gives the same report; every renderer renders it."""
    report = validate_files([path], now=NOW)
    assert isinstance(report, Report)
    assert report.stats == expected["stats"]
    assert [f.id for f in report.findings] == [f["id"] for f in expected["findings"]]
    for fmt in ("text", "markdown", "html"):
        assert render(report, fmt)


# ------------------------------------------------------------------------------- inputs
def serialize(fmt: str, cls: str, records: list[dict[str, Any]]) -> bytes:
    objects = [model_class(cls).model_validate(r) for r in records]
    return exchange.dumps(objects, fmt).encode("utf-8")


@st.composite
def valid_records(draw: st.DrawFn) -> tuple[str, list[dict[str, Any]]]:
    """A class and one or two valid records of it, identifiers distinct across records."""
    cls = draw(st.sampled_from(concrete_classes()), label="class")
    n = draw(st.integers(1, 2))
    records = [_uniquify(draw(record(cls)), cls, [1000 * i]) for i in range(n)]
    return cls, records


_SPECIAL_BYTES = [
    b"\xff\xfe",
    b"\xfe\xff",
    b"\x00",
    b"\xc3",
    b"\xed\xa0\x80",  # a UTF-8 encoded surrogate
    b"\xef\xbb\xbf",
    b"\x1b[31m",
    b'"',
    b"{",
    b"}",
    b"[",
    b"]",
    b",",
    b":",
    b"\n",
    b"\r",
    b"\\",
    b"\\u",
    b"<",
    b">",
    b" .",
    b"@",
    b"&a",
    b"*a",
    b"- ",
    b"\t",
]
_inserted = st.one_of(st.sampled_from(_SPECIAL_BYTES), st.binary(min_size=1, max_size=6))
_TYPE_SWAPS = [None, 0, -1.5, True, [], {}, "", "x", [["x"]], {"@id": "urn:x:1"}, 10**30, 1e308]


_PLACEHOLDER = "NESTED-VALUE-GOES-HERE"


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path] if path else []
    if isinstance(value, dict):
        for k, v in value.items():
            out.extend(_paths(v, (*path, k)))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out.extend(_paths(v, (*path, i)))
    return out


def _replace(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(value, dict):
        return {k: (_replace(v, rest, new) if k == head else v) for k, v in value.items()}
    return [(_replace(v, rest, new) if i == head else v) for i, v in enumerate(value)]


def _json_doc(fmt: str, text: bytes) -> Any:
    if fmt == "ndjson":
        lines = text.decode("utf-8").split("\n")  # not splitlines(): U+2028 is in values
        return [json.loads(line) for line in lines if line.strip()]
    if fmt == "yaml":
        from pl_vocab.io import load_yaml

        return load_yaml(text.decode("utf-8"))
    return json.loads(text)


def _write_doc(fmt: str, doc: Any) -> bytes:
    if fmt == "ndjson":
        return "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in doc).encode("utf-8")
    if fmt == "yaml":
        return dump_yaml(doc).encode("utf-8")
    return json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8")


_LITERAL = re.compile(rb'"(?:[^"\\\n]|\\.)*"(?:\^\^<[^>]*>|@[A-Za-z0-9-]+)?')


@st.composite
def mutated(draw: st.DrawFn, fmt: str) -> tuple[bytes, str]:
    """Valid records in ``fmt``, then one mutation; returns the bytes and the mutation's name."""
    cls, records = draw(valid_records())
    text = serialize(fmt, cls, records)
    kinds = ["truncate", "insert", "overwrite", "swap", "duplicate", "nest", "wrap"]
    if fmt == "yaml":  # a second a time in PyYAML: test_ten_thousand_levels_of_nesting has it
        kinds.remove("wrap")
    kind = draw(st.sampled_from(kinds))
    if kind == "truncate":
        cut = draw(st.integers(0, len(text) - 1))
        return text[:cut], kind
    if kind in ("insert", "overwrite"):
        pos = draw(st.integers(0, len(text) - 1))
        junk = draw(_inserted, label="bytes")
        end = pos + (len(junk) if kind == "overwrite" else 0)
        return text[:pos] + junk + text[end:], kind
    if kind == "wrap":  # the whole file nested 10,000 levels deep
        return b"[" * 10_000 + text + b"]" * 10_000, kind
    if fmt in RDF:
        literals = list(_LITERAL.finditer(text))
        if not literals:
            return text + b"<urn:x:a> <urn:x:b> <urn:x:c>", kind
        m = draw(st.sampled_from(literals))
        new = draw(
            st.sampled_from(
                [
                    b"<urn:x:1>",
                    b"_:b0",
                    f'"42"^^<{XSD}integer>'.encode(),
                    f'"not a date"^^<{XSD}date>'.encode(),
                    b'"x"@not-a-tag-at-all',
                    b"(" * 300 + b'"x"' + b")" * 300,
                ]
            )
        )
        return text[: m.start()] + new + text[m.end() :], kind
    doc = _json_doc(fmt, text)
    paths = _paths(doc)
    target = draw(st.sampled_from(paths)) if paths else ()
    if kind == "swap":
        return _write_doc(fmt, _replace(doc, target, draw(st.sampled_from(_TYPE_SWAPS)))), kind
    if kind == "nest":
        # 256 to ~1000 levels crash today: test_a_deeply_nested_value_inside_a_record
        depth = draw(st.sampled_from([20, 100, 255, 10_000]), label="depth")
        written = _write_doc(fmt, _replace(doc, target, _PLACEHOLDER))
        quoted = b'"' + _PLACEHOLDER.encode() + b'"'
        spot = quoted if quoted in written else _PLACEHOLDER.encode()
        nested = b"[" * depth + b'"x"' + b"]" * depth
        return written.replace(spot, nested, 1), f"nest {depth}"
    # duplicate a key of the first object that has one, in the text itself
    raw = text.decode("utf-8")
    m = re.search(r'\n?(\s*)("[^"]+"\s*:\s*[^,\n{}\[\]]+,?)', raw)
    if fmt == "yaml" or m is None:
        return text + text, kind  # a second document / the records twice
    dup = m.group(2) if m.group(2).endswith(",") else m.group(2) + ","
    return (raw[: m.start(2)] + dup + " " + raw[m.start(2) :]).encode("utf-8"), kind


def _tmp(name: str, data: bytes) -> tuple[tempfile.TemporaryDirectory[str], Path]:
    folder = tempfile.TemporaryDirectory()
    path = Path(folder.name) / name
    path.write_bytes(data)
    return folder, path


# ------------------------------------------------------------------------------- generated
@pytest.mark.parametrize("fmt", list(EXT))
@MALFORMED_SETTINGS
@given(data=st.data())
def test_mutated_files_give_findings_or_exit_2_never_a_crash(fmt: str, data: st.DataObject) -> None:
    text, kind = data.draw(mutated(fmt), label="mutated")
    folder, path = _tmp(f"records.{EXT[fmt]}", text)
    with folder:
        # a syntax error in a text format can be located; JSON-LD only for its JSON syntax, YAML
        # nested too deeply (the parser's recursion) has no position
        code, result = outcome(path, locatable=None if fmt in ("jsonld", "yaml") else True)
        if code == 2 and fmt == "yaml" and "nested too deeply" not in result:
            assert LOCATION.search(result), (kind, result)
        if fmt == "ndjson":
            assert code != 2, f"{kind}: a line of NDJSON is a finding, not the end: {result}"


@MALFORMED_SETTINGS
@given(data=st.data())
def test_a_bad_ndjson_line_is_a_finding_and_the_others_are_checked(data: st.DataObject) -> None:
    cls, records = data.draw(valid_records())
    lines = serialize("ndjson", cls, records).decode("utf-8").splitlines()
    bad = data.draw(st.integers(0, len(lines) - 1), label="bad line")
    line = lines[bad]
    breakage: list[Callable[[str], str]] = [
        lambda s: s[: len(s) // 2],
        lambda s: s[:-1],
        lambda s: s.replace("{", "{\u0000", 1),  # a control character outside a string
        lambda s: s.replace("{", '{"type": "Learner", ', 1),  # a duplicate key
        lambda s: "[" * 10_000 + "]" * 10_000,
        lambda s: s + "}",
        lambda s: s.replace(":", "=", 1),
    ]
    broken = data.draw(st.sampled_from(breakage), label="breakage")(line)
    raw = [s.encode("utf-8") for s in lines]
    raw[bad] = broken.encode("utf-8")
    if data.draw(st.booleans(), label="invalid UTF-8 too"):
        raw[bad] = raw[bad][:1] + b"\xff\xfe" + raw[bad][1:]
    last = json.dumps({**LEARNER, "id": "https://example.org/learners/last", "colour": "red"})
    raw.append(last.encode("utf-8"))
    folder, path = _tmp("records.ndjson", b"\n".join(raw) + b"\n")
    with folder:
        code, report = outcome(path)
    assert code == 1
    found = [(f["id"], f["location"].get("line")) for f in report["findings"]]
    assert ("R000", bad + 1) in found, found
    assert ("R002", len(raw)) in found, "the lines after a bad one are still checked"
    assert report["stats"]["records"] == len(raw)
    assert report["stats"]["invalid_records"] >= 2


def test_a_bad_ndjson_line_in_worker_processes(tmp_path: Path) -> None:
    path = tmp_path / "records.ndjson"
    path.write_bytes(
        json.dumps(LEARNER).encode()
        + b'\n{"type": "Learner", "id": \xff}\n'
        + b"[" * 10_000
        + b"\n"
        + json.dumps({**GOAL, "colour": "red"}).encode()
        + b"\n"
    )
    code, report = outcome(path, jobs=2)
    assert code == 1
    found = [(f["id"], f["location"].get("line")) for f in report["findings"]]
    assert found == [("R000", 2), ("R000", 3), ("R002", 4)]
    assert report["stats"]["records"] == 4 and report["stats"]["valid_records"] == 1


# ------------------------------------------------------------------------------- by hand
def _learner(fmt: str, **fields: Any) -> bytes:
    return exchange.dumps(
        model_class("Learner").model_validate({"id": LEARNER["id"], **fields}), fmt
    ).encode("utf-8")


@pytest.mark.parametrize("fmt", list(EXT))
def test_a_five_megabyte_string(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"big.{EXT[fmt]}"
    path.write_bytes(_learner(fmt, name="a" * 5_000_000))
    code, report = outcome(path)
    assert code == 0 and report["stats"]["records"] == 1


@pytest.mark.parametrize("fmt", list(EXT))
def test_ten_thousand_levels_of_nesting(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"deep.{EXT[fmt]}"
    if fmt in ("turtle",):
        text = b"@prefix x: <urn:x:> .\nx:a x:b " + b"[ x:c " * 10_000 + b"]" * 10_000 + b" .\n"
    else:
        text = b"[" * 10_000 + b"]" * 10_000 + b"\n"
    path.write_bytes(text)
    code, result = outcome(path, locatable=fmt in RDF)
    if fmt == "ndjson":
        assert code == 1 and result["findings"][0]["id"] == "R000"
    else:
        assert code == 2


@pytest.mark.parametrize("depth", [100, 256, 600])
@pytest.mark.parametrize("fmt", ["json", "ndjson", "jsonld", "yaml"])
def test_a_deeply_nested_value_inside_a_record(tmp_path: Path, fmt: str, depth: int) -> None:
    """Nesting the JSON reader accepts must not crash a later layer (the JSON Schema validator
    or the JSON-LD context walk): a finding, or exit 2 saying it is nested too deeply."""
    value = "[" * depth + "]" * depth
    head = f'"@context": "{CONTEXT}", ' if fmt == "jsonld" else ""
    text = f'{{{head}"type": "Learner", "id": "urn:x:1", "name": {value}}}'
    if fmt == "yaml":
        text = f"type: Learner\nid: urn:x:1\nname: {value}\n"
    path = tmp_path / f"deep.{EXT[fmt]}"
    path.write_text(text + "\n", encoding="utf-8")
    code, _ = outcome(path)
    # JSON-LD flattens nested arrays (and these hold nothing): no value, a valid record
    assert code in ((0, 1, 2) if fmt == "jsonld" else (1, 2))


def test_an_error_message_is_one_line_whatever_the_input_holds(tmp_path: Path) -> None:
    """A parser's message may quote a character of the input: a line break must not split the
    one line the command prints (tools read the first line, or grep for the file name)."""
    path = tmp_path / "iri.ttl"
    path.write_text("@prefix x: <https://exa\nmple.org/> .\nx:a a x:B .\n", encoding="utf-8")
    outcome(path, locatable=True)


def test_a_deeply_nested_value_through_the_api() -> None:
    value: Any = []
    for _ in range(300):
        value = [value]
    found = validate({**LEARNER, "name": value}, now=NOW)
    assert [(f.id, f.location.json_path) for f in found][:1] == [("R005", "$.name")]


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        ("object.json", '{"type": "Learner",\n "id": "urn:x:1",\n "id": "urn:x:2"}', 3),
        ("array.json", '[{"type": "Learner", "id": "urn:x:1"},\n {"id": "a", "id": "b"}]', 2),
        (
            "doc.jsonld",
            f'{{"@context": "{CONTEXT}",\n "id": "urn:x:1",\n "id": "urn:x:2"}}',
            3,
        ),
    ],
)
def test_duplicate_keys_exit_2_with_their_line(
    tmp_path: Path, name: str, text: str, line: int
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    code, message = outcome(path, locatable=True)
    assert code == 2 and "appears twice" in message
    assert f"line {line}" in message, message


def test_duplicate_keys_in_ndjson_are_a_finding_on_their_line(tmp_path: Path) -> None:
    path = tmp_path / "dup.ndjson"
    path.write_text(
        json.dumps(LEARNER) + '\n{"type": "Learner", "id": "urn:x:1", "id": "urn:x:2"}\n',
        encoding="utf-8",
    )
    code, report = outcome(path)
    assert code == 1
    assert [(f["id"], f["location"]["line"]) for f in report["findings"]] == [("R000", 2)]


def test_duplicate_keys_in_yaml_are_not_silently_dropped(tmp_path: Path) -> None:
    """YAML forbids duplicate keys; the JSON readers refuse them. The first value must not be
    silently dropped."""
    path = tmp_path / "dup.yaml"
    path.write_text("type: Learner\nid: urn:x:1\nid: urn:x:2\n", encoding="utf-8")
    code, _ = outcome(path)
    assert code in (1, 2)


def test_a_yaml_alias_bomb_is_refused(tmp_path: Path) -> None:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, message = outcome(path, locatable=True)
    assert code == 2 and "alias" in message and "line 2" in message


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("int-key.yaml", "type: Learner\nid: urn:x:1\n1: one\n"),
        ("null-key.yaml", "type: Learner\nid: urn:x:1\n~: nothing\n"),
        ("bool-key.yaml", "type: Learner\nid: urn:x:1\ntrue: yes\n"),
        ("binary.yaml", "type: Learner\nid: urn:x:1\nname: !!binary aGVsbG8=\n"),
        ("set.yaml", "type: Learner\nid: urn:x:1\nname: !!set {a, b}\n"),
        ("timestamp.yaml", "type: Learner\nid: urn:x:1\nbirth_date: !!timestamp 2001-12-14\n"),
        (
            "nested-int-key.yaml",
            "- type: LearnerIdentity\n  id: urn:x:1\n  attributes:\n  - 7: x\n",
        ),
        ("nan.yaml", "type: Learner\nid: urn:x:1\ngrade_level: .nan\n"),
        ("python.yaml", "type: Learner\nid: !!python/object:os.system urn:x:1\n"),
    ],
)
def test_yaml_that_is_not_json_data(tmp_path: Path, name: str, text: str) -> None:
    """Keys that are not text and explicit tags for values JSON has no type for (bytes, sets,
    dates): a finding or exit 2, not a crash in the JSON Schema layer."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    code, _ = outcome(path)
    assert code in (1, 2)


@pytest.mark.parametrize("fmt", ["json", "ndjson", "yaml", "jsonld"])
@pytest.mark.parametrize(
    ("what", "value"),
    [
        ("lone surrogate", '"\\ud800 and more"'),
        ("5,000 digits", "9" * 5000),
        ("NaN", "NaN"),
        ("huge float", "1e400"),
    ],
)
def test_values_python_reads_but_json_has_not(
    tmp_path: Path, fmt: str, what: str, value: str
) -> None:
    """A lone surrogate escape, an integer beyond Python's digit limit, NaN and an overflowing
    float: a finding (or exit 2 / R000), not an internal error."""
    if fmt == "yaml":
        if what in ("NaN", "huge float"):
            pytest.skip("YAML has its own spellings, covered elsewhere")
        text = f"type: Learner\nid: urn:x:1\nname: {value}\ngrade_level: {value}\n"
    else:
        head = f'"@context": "{CONTEXT}", ' if fmt == "jsonld" else ""
        text = f'{{{head}"type": "Learner", "id": "urn:x:1", "name": {value}}}'
        if fmt == "ndjson":
            text = json.dumps(LEARNER) + "\n" + text + "\n" + json.dumps(GOAL)
    path = tmp_path / f"value.{EXT[fmt]}"
    path.write_text(text + "\n", encoding="utf-8")
    code, result = outcome(path)
    if fmt == "ndjson":
        assert code == 1 and result["stats"]["records"] == 3


@pytest.mark.parametrize("fmt", list(EXT))
@pytest.mark.parametrize("junk", [b"\xff\xfe", b"\x00", b"\xed\xa0\x80", b"\xc3"])
def test_invalid_utf8_and_nul(tmp_path: Path, fmt: str, junk: bytes) -> None:
    text = _learner(fmt, name="Ana María")
    at = text.index(b"Ana")
    path = tmp_path / f"bad.{EXT[fmt]}"
    path.write_bytes(text[:at] + junk + text[at:])
    code, result = outcome(path, locatable=fmt != "jsonld")
    if fmt == "ndjson":
        assert code == 1 and result["findings"][0]["id"] == "R000"
    elif junk != b"\x00":  # NUL is valid UTF-8 (and a valid character in a JSON string)
        assert code == 2


@pytest.mark.parametrize("fmt", list(EXT))
def test_truncated_to_nothing_or_one_byte(tmp_path: Path, fmt: str) -> None:
    text = _learner(fmt, name="Ana")
    for n, data in enumerate((b"", text[:1], text[:-2])):
        path = tmp_path / f"cut{n}.{EXT[fmt]}"
        path.write_bytes(data)
        outcome(path)


# ------------------------------------------------------------------------------- unsafe input
@pytest.mark.parametrize(
    ("name", "text"),
    [
        (
            "entity.rdf",
            '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
            '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>\n',
        ),
        (
            "system.rdf",
            '<?xml version="1.0"?>\n<!DOCTYPE r SYSTEM "file:///etc/passwd">\n'
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>\n',
        ),
        ("entity.ttl", '<!DOCTYPE r [<!ENTITY a "aaaa">]>\n@prefix x: <urn:x:> .\n'),
    ],
)
def test_doctype_and_entity_declarations_are_refused(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    code, message = outcome(path, locatable=name.endswith(".ttl"))
    assert code == 2, message


@pytest.mark.parametrize(
    ("context", "iri"),
    [
        ('"https://example.org/ctx.jsonld"', "https://example.org/ctx.jsonld"),
        ('"file:///etc/passwd"', "file:///etc/passwd"),
        ('["https://example.org/ctx.jsonld"]', "https://example.org/ctx.jsonld"),
        ('{"@import": "https://example.org/ctx.jsonld"}', "https://example.org/ctx.jsonld"),
        ('{"p": {"@id": "urn:p", "@context": "file:///tmp/c.jsonld"}}', "file:///tmp/c.jsonld"),
        (f'["{CONTEXT}", "https://example.org/ctx.jsonld"]', "https://example.org/ctx.jsonld"),
    ],
)
def test_remote_and_file_contexts_are_refused_without_the_network(
    tmp_path: Path, context: str, iri: str
) -> None:
    path = tmp_path / "remote.jsonld"
    path.write_text(
        f'{{"@context": {context}, "id": "urn:x:1", "type": "Learner",'
        f' "@graph": [{{"@context": "https://example.org/nested.jsonld", "id": "urn:x:2"}}]}}',
        encoding="utf-8",
    )
    code, message = outcome(path)
    assert code == 2 and "context" in message and iri in message


def test_a_nested_remote_context_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "nested.jsonld"
    path.write_text(
        json.dumps(
            {
                "@context": CONTEXT,
                "@graph": [{"@context": "https://example.org/ctx.jsonld", "id": "urn:x:2"}],
            }
        ),
        encoding="utf-8",
    )
    code, message = outcome(path)
    assert code == 2 and "https://example.org/ctx.jsonld" in message


# ------------------------------------------------------------------------------- the API
@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("truncated.json", b'[{"type": "Learner", "id": '),
        ("latin1.json", '{"type": "Learner", "id": "urn:x:é"}'.encode("latin-1")),
        ("tab.yaml", b"type: Learner\n\tid: urn:x:1\n"),
        ("bomb.yaml", b"a: &a [1, 2]\nb: [*a, *a]\n"),
        ("entity.rdf", b'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY a "a">]>\n<r/>\n'),
        ("bad.ttl", b"@prefix x: <urn:x:> .\nx:a x:b .\n"),
        ("bad.nt", b"<urn:x:a> <urn:x:b> .\n"),
        ("remote.jsonld", b'{"@context": "https://example.org/ctx.jsonld"}'),
        ("file.jsonld", b'{"@context": "file:///etc/passwd"}'),
        ("unknown.dat", b"\x00\x01 not a record format"),
    ],
)
def test_validate_files_raises_only_input_error(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(PlVocabError) as caught:
        validate_files([path], now=NOW)
    assert isinstance(caught.value, InputError), (
        f"{type(caught.value).__module__}.{type(caught.value).__name__} is not an InputError"
    )
    assert str(path) in str(caught.value) and "\n" not in str(caught.value)


def test_validate_files_on_missing_paths_and_empty_folders(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        validate_files([tmp_path / "missing.json"])
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="no record files"):
        validate_files([tmp_path / "empty"])
