"""One reader per format: the registry, the strict JSON and NDJSON readers, the safe RDF entry,
and the one structured InputError they all raise."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pl_vocab import exchange
from pl_vocab.core.errors import InputError, ParseError
from pl_vocab.core.model import Location
from pl_vocab.io import formats
from pl_vocab.io.json_safe import JsonInputError, read_json
from pl_vocab.io.rdf import RdfSyntaxError, parse_triples
from pl_vocab.io.records import iter_json_records, ndjson_lines
from pl_vocab.io.text import NotUtf8Error, decode_utf8
from pl_vocab.io.yaml_safe import YamlInputError, load_yaml

from .conftest import ROOT


# ------------------------------------------------------------------------------- the registry
def test_every_alias_and_extension_names_a_registered_format() -> None:
    for f in formats.RECORD_FORMATS:
        assert formats.normalize_format(f.name) == f.name
        for alias in f.aliases:
            assert formats.normalize_format(alias) == f.name
        for ext in f.extensions:
            assert formats.detect_format(f"x{ext}") == f.name
    for alias in ("json-ld", "ttl", "nt", "nq", "yml", "jsonl", "xml", "rdf"):
        formats.normalize_format(alias)


def test_exchange_and_record_validation_share_one_extension_map() -> None:
    from pl_vocab.validation import sources

    for ext, name in formats.record_extensions().items():
        assert exchange.detect_format(f"r{ext}") == name
        assert sources._format_of(Path(f"r{ext}"), None) == name
    # a directory is searched for the specific extensions only: .xml is too generic
    assert ".xml" not in sources._EXTENSIONS and ".rdf" in sources._EXTENSIONS


def test_what_each_format_can_do() -> None:
    assert [f.name for f in formats.RECORD_FORMATS if f.streams_in] == ["ndjson"]
    assert "rdfxml" not in formats.writable_formats()
    assert formats.is_rdf("ttl") and formats.is_rdf("json-ld") and not formats.is_rdf("yaml")
    assert formats.glossary_reader("g.XLSX") == "workbook"
    with pytest.raises(InputError, match=r"Unknown format 'pdf'.*rdfxml to read"):
        formats.normalize_format("pdf")


def test_content_detection_skips_a_byte_order_mark() -> None:
    assert formats.detect_format("upload", b"\xef\xbb\xbf@prefix ex: <x:> .") == "turtle"
    with pytest.raises(InputError, match="give it with --from"):
        formats.detect_format("upload", b"plain words")


def test_rdfxml_is_read_but_never_written() -> None:
    with pytest.raises(InputError, match="can be read but not written"):
        exchange.dumps([], "rdfxml")


# ------------------------------------------------------------------------- the one InputError
def test_one_input_error_class_everywhere() -> None:
    from pl_vocab.glossary.columns import GlossaryInputError
    from pl_vocab.io import text
    from pl_vocab.rdf.jsonld import UnsafeJsonLdError

    assert exchange.InputError is InputError is text.InputError
    for sub in (GlossaryInputError, YamlInputError, UnsafeJsonLdError, JsonInputError):
        assert issubclass(sub, InputError)


def test_input_error_is_structured() -> None:
    err = InputError(
        "this is not valid",
        Location(file="g.csv", line=4),
        "Fix it.",
        "A002",
    )
    assert (err.message, err.suggestion, err.check_id, err.line) == (
        "this is not valid",
        "Fix it.",
        "A002",
        4,
    )
    assert str(err) == "g.csv, line 4: this is not valid. Fix it. (A002)"
    assert err.to_finding().name == "encoding-undecodable"
    assert str(InputError("g.json: no such file.")) == "g.json: no such file."


def test_json_errors_carry_line_and_column_as_attributes() -> None:
    with pytest.raises(JsonInputError) as err:
        exchange.loads('[{"id": "a"},\n {"id": 1,}]', "json", source="r.json")
    assert (err.value.line, err.value.column) == (2, 11)
    assert str(err.value).startswith("r.json, line 2, column 11: invalid JSON")
    with pytest.raises(JsonInputError) as err:
        read_json('{"a":\n 1,}\n', "r.ndjson", line_offset=6)
    assert (err.value.line, err.value.column) == (8, 4)
    # an NDJSON line is placed in the file, not in the line
    with pytest.raises(JsonInputError) as err:
        list(exchange.iter_ndjson(["{}", "", '{"a": NaN}'], source="r.ndjson"))
    assert (err.value.line, err.value.column) == (3, 7)


def test_yaml_errors_carry_line_and_column_as_attributes() -> None:
    with pytest.raises(YamlInputError) as err:
        load_yaml("a: 1\nb: &x 2\nc: *x\n", name="r.yaml")
    assert (err.value.line, err.value.column, err.value.kind) == (3, 4, "alias")
    assert str(err.value).startswith("r.yaml, line 3, column 4: YAML aliases")
    with pytest.raises(YamlInputError) as err:
        load_yaml("a: 1\n  b: [\n", name="r.yaml")
    assert isinstance(err.value, ParseError) and err.value.line is not None


def test_the_structured_glossary_reader_uses_the_attributes_not_the_message() -> None:
    from pl_vocab.glossary.columns import GlossaryInputError
    from pl_vocab.glossary.structured import read_structured

    with pytest.raises(GlossaryInputError) as err:
        read_structured("- term: A\n  term: B\n", source="g.yaml", json_format=False, max_rows=10)
    assert err.value.location is not None and err.value.location.line == 2
    assert "(column 3)" in str(err.value) and err.value.check_id is None
    assert (err.value.line, err.value.column) == (2, 3)
    with pytest.raises(GlossaryInputError) as err:
        read_structured(
            '[{"term": "A",\n  "term": "B"}]', source="g.json", json_format=True, max_rows=9
        )
    assert (err.value.line, err.value.column) == (2, 3)


def test_utf8_decoder_names_line_and_byte() -> None:
    assert decode_utf8(b"\xef\xbb\xbf{}", "r.json") == "{}"
    with pytest.raises(NotUtf8Error) as err:
        decode_utf8(b"{}\n{\xff}", "r.json")
    assert (err.value.line, err.value.offset) == (2, 4)


# ---------------------------------------------------------------------------- JSON and NDJSON
def test_ndjson_lines_skip_blanks_and_a_byte_order_mark() -> None:
    assert list(ndjson_lines([b"\xef\xbb\xbf{}\n", b"\n", b"{}\r\n"])) == [
        (1, b"{}\n"),
        (3, b"{}\r\n"),
    ]


def test_json_array_records_know_their_lines() -> None:
    records = list(iter_json_records('\n[\n {"a": 1},\n\n {"a": 2}\n]\n', "r.json"))
    assert [(r.line, r.index, r.text) for r in records] == [
        (3, 1, '{"a": 1}'),
        (5, 2, '{"a": 2}'),
    ]
    with pytest.raises(InputError, match=r"r.json, line 2: a ',' or ']' is missing"):
        list(iter_json_records('[{"a": 1}\n {"a": 2}]', "r.json"))
    with pytest.raises(InputError, match=r"line 1, column 11 \(record 2\): invalid JSON"):
        list(iter_json_records('[{}, {"a" 1}]', "r.json"))


# -------------------------------------------------------------------------- the safe RDF entry
def test_base_iri_resolves_relative_iris() -> None:
    (t,) = parse_triples(b'<s> <p> "o" .', "turtle", source="x.ttl", base_iri="https://ex.org/")
    assert t.subject.value == "https://ex.org/s"
    with pytest.raises(RdfSyntaxError):
        parse_triples(b'<s> <p> "o" .', "turtle", source="x.ttl")


_BAD_TURTLE = b"@prefix ex: <http://example.org/> .\nex:a ex:b <http://ex.org/a\tb> .\n"


def test_one_rdf_error_text_for_records_and_glossaries() -> None:
    from pl_vocab.glossary.columns import GlossaryInputError
    from pl_vocab.glossary.read import read_glossary_bytes

    with pytest.raises(RdfSyntaxError) as records:
        exchange.loads(_BAD_TURTLE, "turtle", source="g.ttl")
    with pytest.raises(GlossaryInputError) as glossary:
        read_glossary_bytes(_BAD_TURTLE, "g.ttl")
    reason = records.value.reason
    assert "\t" not in reason and "IRI" in reason  # the kind of problem, never the parser's quote
    assert not reason.startswith("Parser error")
    assert f"is not valid RDF: {reason}" in str(glossary.value)
    assert "\t" not in str(glossary.value)
    assert glossary.value.location is not None
    assert glossary.value.location.line == records.value.line == 2


def test_doctype_is_refused_by_the_one_entry() -> None:
    lol = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "a">]><rdf:RDF/>'
    with pytest.raises(RdfSyntaxError) as err:
        parse_triples(lol, "rdfxml", source="x.rdf")
    assert err.value.unsafe and "DOCTYPE" in str(err.value)


# ------------------------------------------------------------------------------- the layering
def test_exchange_does_not_import_redact() -> None:
    code = (
        "import sys; from pl_vocab import exchange; from pl_vocab.models import Learner;"
        "exchange.loads(exchange.dumps([Learner(id='plv:learner/1')], 'turtle'), 'turtle');"
        "assert 'pl_vocab.redact' not in sys.modules, 'redact imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_io_imports_only_core() -> None:
    import ast

    for path in (ROOT / "src" / "pl_vocab" / "io").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("pl_vocab"):
                assert node.module.startswith(("pl_vocab.io", "pl_vocab.core")), (
                    f"{path.name} imports {node.module}"
                )


def test_top_level_dumps_still_redacts() -> None:
    import pl_vocab
    from pl_vocab.models import Learner

    learner = Learner(id="plv:learner/1", grade_level="7")
    assert pl_vocab.dumps(learner, "json", redact=True) == pl_vocab.dumps(
        pl_vocab.redact.redact(learner), "json"
    )


def test_exchange_has_one_loader_and_one_dumper_per_registered_format() -> None:
    for f in formats.RECORD_FORMATS:
        assert callable(exchange.loader(f.name))
        if f.writable:
            assert callable(exchange.dumper(f.name))
    assert exchange.FORMATS == formats.FORMAT_NAMES
