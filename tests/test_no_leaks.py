"""Issue 12, class 3: no sensitive value in any message, on any stream.

The rule: a parser error is turned into a message built from its position and its kind, never from
the parser's text (which quotes tokens, IRIs, keys, tags or whole text content). The property
plants a sentinel "secret" in a value of a well-formed document of every input format, breaks the
document in one of many ways near it, runs ``validate``, ``convert`` and ``check`` in process with
every report format, and asserts the sentinel is on no stream, in any letter case.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pl_vocab.io.rdf import _GENERIC_REASON, _REASONS, RdfSyntaxError, parse_triples, syntax_reason
from pl_vocab.io.yaml_safe import YamlInputError, load_yaml

from .cli_in_process import _command

NOW = "2026-01-01T00:00:00+00:00"

# a well-formed document per format, with {S} where a name goes
_RECORD = {
    "json": '[{"type": "Learner", "id": "urn:x:1", "name": "{S}"}]',
    "ndjson": '{"type": "Learner", "id": "urn:x:1", "name": "{S}"}\n',
    "jsonld": '{"@type": "Learner", "@id": "urn:x:1", "name": "{S}"}',
    "yaml": "type: Learner\nid: urn:x:1\nname: {S}\n",
    "ttl": '@prefix plv: <https://w3id.org/pl-vocab/> .\n<urn:x:1> a plv:Learner ; plv:name "{S}" .\n',
    "nt": '<urn:x:1> <https://w3id.org/pl-vocab/name> "{S}" .\n',
    "rdf": (
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:plv="https://w3id.org/pl-vocab/"><rdf:Description rdf:about="urn:x:1">'
        "<plv:name>{S}</plv:name></rdf:Description></rdf:RDF>"
    ),
}
_GLOSSARY = {
    "csv": 'term,definition\nEquity,"{S} is a narrative"\n',
    "yaml": "terms:\n  - term: Equity\n    definition: {S}\n",
    "json": '{"terms": [{"term": "Equity", "definition": "{S}"}]}',
    "ttl": (
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        '<urn:x:c> a skos:Concept ; skos:prefLabel "{S}"@en .\n'
    ),
}


def _breaks(ext: str) -> list[str]:
    """Ways to break a document near ``{S}`` (each a template of the broken text around it)."""
    common = [
        "{S}",  # the value bare (a token where a string or IRI belongs)
        '{S}"\x01',
        "\x00{S}",
        "{S}\ufffe",
        "{S}\x1b[2J",
        '"{S}',
        "{S} {S}:{S} <{S} x> }",
        "{S}\\q",
    ]
    if ext == "yaml":
        tags = ["!!bool", "!!float", "!!int", "!!binary", "!!timestamp", "!!set", "!!omap"]
        tags += ["!!python/object:os.system", "!{S}", "!!{S}", "!<tag:{S}>", "&{S}", "*{S}"]
        return common + [f"{tag} {{S}}" for tag in tags] + ["[{S}", "{{{S}: 1, {S}: 2}}"]
    if ext in ("ttl", "nt"):
        return [*common, '"x"@{S}-!', '"x"^^<{S} y>', "{S}:x", "<urn:{S}\tb>", "_:{S}!"]
    if ext == "rdf":
        return [*common, "</plv:name>{S}", "<{S}>", '<x rdf:about="{S} x"/>']
    return common


def _documents(table: dict[str, str]) -> st.SearchStrategy[tuple[str, str]]:
    return st.sampled_from(
        sorted(table)
    ).flatmap(
        lambda ext: st.tuples(
            st.just(ext),
            st.sampled_from(_breaks(ext)).flatmap(
                lambda brk: st.sampled_from(
                    [
                        table[ext].replace("{S}", brk),  # broken where the value is
                        table[ext].replace("{S}", "{S}")[: table[ext].index("{S}")] + brk,
                        table[ext].replace('"{S}"', brk).replace("{S}", brk),
                    ]
                )
            ),
        )
    )


_SECRET = st.text(alphabet="BCDFGHJKLMNPQRSTVWXZ", min_size=8, max_size=12).map(lambda s: "Q" + s)


def _invoke(*args: str) -> Any:
    from unittest import mock

    import typer.testing

    from pl_vocab.cli import app

    with mock.patch.object(typer.testing, "_get_command", lambda _app: _command()):
        return typer.testing.CliRunner().invoke(app, list(args), catch_exceptions=False)


def _assert_quiet(secret: str, result: Any, what: str) -> None:
    out = (result.stdout + result.stderr).lower()
    assert secret.lower() not in out, f"{what}: {result.stdout}{result.stderr}"
    assert "Traceback" not in result.stdout + result.stderr
    assert result.exit_code in (0, 1, 2), f"{what}: exit {result.exit_code}: {result.stderr}"


_SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)


@_SETTINGS
@given(doc=_documents(_RECORD), secret=_SECRET, fmt=st.sampled_from(["text", "json", "markdown"]))
def test_no_sentinel_from_validate_or_convert(doc: tuple[str, str], secret: str, fmt: str) -> None:
    ext, text = doc
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"in.{ext}"
        path.write_bytes(text.replace("{S}", secret).encode("utf-8", "surrogatepass"))
        result = _invoke("validate", "--now", NOW, "--format", fmt, str(path))
        _assert_quiet(secret, result, f"validate {ext}")
        out = Path(tmp) / "out.json"
        result = _invoke("convert", str(path), "--to", "json", "-o", str(out))
        if result.exit_code == 0:  # read as written: the sentinel is data, in the output only
            return
        _assert_quiet(secret, result, f"convert {ext}")


@_SETTINGS
@given(
    doc=_documents(_GLOSSARY),
    secret=_SECRET,
    fmt=st.sampled_from(["text", "json", "markdown", "html", "sssom"]),
)
def test_no_sentinel_from_check(doc: tuple[str, str], secret: str, fmt: str) -> None:
    ext, text = doc
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"glossary.{ext}"
        path.write_bytes(text.replace("{S}", secret).encode("utf-8", "surrogatepass"))
        result = _invoke("check", "--format", fmt, str(path))
        if result.exit_code == 2:  # refused: the one line names no value
            _assert_quiet(secret, result, f"check {ext}")
        else:  # read: the sentinel may be reported as data, but never by an error's text
            assert result.exit_code in (0, 1), result.stderr
            assert secret.lower() not in result.stderr.lower()


@pytest.mark.parametrize(
    ("data", "fmt"),
    [
        (b'{"name": "QSECRETNARRATIVE of a child"}', "rdfxml"),  # JSON read as RDF/XML
        (b"<a>QSECRETNARRATIVE</b>", "rdfxml"),
        (
            b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">QSECRETNARRATIVE',
            "rdfxml",
        ),
        (b"<urn:x:s> <urn:x:p> QSECRETNARRATIVE .", "turtle"),
        (b"<urn:x:s> <urn:x:p> QSECRETNARRATIVE:x .", "turtle"),
        (b"<urn:x:s QSECRETNARRATIVE> <urn:x:p> 1 .", "turtle"),
        (b'<urn:x:s> <urn:x:p> "x"@QSECRETNARRATIVE-! .', "turtle"),
        (b"<urn:x:s> <urn:x:p> QSECRETNARRATIVE", "ntriples"),
        (b'<urn:x:s> <urn:x:p> "o" <QSECRETNARRATIVE x> .', "nquads"),
    ],
)
def test_rdf_parser_text_never_reaches_the_message(data: bytes, fmt: str) -> None:
    with pytest.raises(RdfSyntaxError) as err:
        parse_triples(data, fmt, source="f")
    assert "secretnarrative" not in str(err.value).lower()


@given(st.text(max_size=80))
@settings(max_examples=100, deadline=None)
def test_rdf_reason_is_one_of_the_fixed_texts(message: str) -> None:
    """Whatever pyoxigraph says, the reason is pl_vocab's own words: nothing of it is kept."""
    fixed = {reason for _, reason in _REASONS} | {_GENERIC_REASON}
    assert syntax_reason(message) in fixed


@pytest.mark.parametrize(
    "value",
    [
        "!!bool QSECRET",
        "!!float QSECRET",
        "!!int QSECRET",
        "!!timestamp QSECRET",
        "!!binary QSECRET",
        "!!set {QSECRET}",
        "!!python/object:QSECRET x",
        "!QSECRET x",
        "!!QSECRET x",
        "!<tag:QSECRET> x",
        '"\\q QSECRET"',
        "{QSECRET",
        "!!map [QSECRET]",
        "!!seq QSECRET",
    ],
)
def test_yaml_tags_are_exit_2_with_place_never_the_value(value: str, tmp_path: Path) -> None:
    with pytest.raises(YamlInputError) as err:
        load_yaml(f"id: urn:x:1\nname: {value}\n", name="r.yaml")
    assert "qsecret" not in str(err.value).lower()
    assert err.value.line is not None and err.value.column is not None
    path = tmp_path / "r.yaml"
    path.write_text(f"type: Learner\nid: urn:x:1\nname: {value}\n", encoding="utf-8")
    result = _invoke("validate", "--now", NOW, str(path))
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "qsecret" not in (result.stdout + result.stderr).lower()
    assert re.search(r", line [34], column \d+: ", result.stderr), result.stderr


def test_yaml_keeps_the_tags_it_reads() -> None:
    text = "a: !!str 1\nb: !!int 0x1F\nc: !!float 1\nd: !!bool yes\ne: !!null x\nf: !!seq [1]\n"
    assert load_yaml(text) == {"a": "1", "b": 31, "c": 1.0, "d": True, "e": None, "f": [1]}


def test_a_key_is_named_only_when_it_reads_as_a_field_name() -> None:
    with pytest.raises(YamlInputError, match="'first_name' appears twice"):
        load_yaml("first_name: a\nfirst_name: b\n")
    with pytest.raises(YamlInputError) as err:
        load_yaml("Ana QSECRET Ruiz: a\nAna QSECRET Ruiz: b\n")
    assert "QSECRET" not in str(err.value) and err.value.kind == "duplicate-key"
