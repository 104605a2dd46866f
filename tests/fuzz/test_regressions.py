"""Minimal reproductions of the crashes the fuzz targets found. A new one is added as a strict
xfail naming what fails and who owns the fix; when the fix is merged the strict mark fails the
suite, the mark is removed, and the reproduction then holds the fix (every one below is fixed)."""

from __future__ import annotations

import pytest

from tests.fuzz.props import library_call


def _loads(data: bytes, fmt: str) -> None:
    import pl_vocab

    library_call(pl_vocab.loads, data, fmt)


def _glossary(data: bytes, name: str) -> None:
    from pl_vocab.glossary.read import read_glossary_bytes

    library_call(read_glossary_bytes, data, name)


@pytest.mark.parametrize("data", [b"- " * 1200 + b"x", b"[" * 1200 + b"]" * 1200])
def test_yaml_deep_nesting_is_input_error(data: bytes) -> None:
    _loads(data, "yaml")


def test_yaml_glossary_tagged_key_is_input_error() -> None:
    _glossary(b"!!bool district: Lakeshore\nterms:\n- term: Equity\n", "g.yaml")


_RDFXML_TEXT_OUTSIDE = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:ns1="https://w3id.org/pl-vocab/"
  xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="https://x.example.org/j">
    <rdf:type rdf:resource="https://w3id.org/pl-vocab/CriterionJudgement"/>
    ns1:reasons>Zqxj Sentinel</ns1:reasons>
  </rdf:Description>
</rdf:RDF>
"""


def test_rdfxml_parse_error_quotes_no_content() -> None:
    _loads(_RDFXML_TEXT_OUTSIDE, "rdfxml")


_ABORT_PROGRAM = """
import sys
from tests.fuzz import seeds
from tests.fuzz.props import library_call
from pl_vocab.glossary.read import read_glossary_bytes

parts = seeds.unzip(seeds.xlsx_bytes([["Term", "Definition"], ["Equity", "x"]]))
sheet = "xl/worksheets/sheet1.xml"
parts[sheet] = parts[sheet].replace(b'r="B2"', b'r="A99999999999"')
library_call(read_glossary_bytes, seeds.zip_parts(parts), "g.xlsx")
"""


def test_xlsx_far_cell_reference_is_input_error() -> None:
    """Run in a child process: the abort would end the test worker."""
    import os
    import subprocess
    import sys

    from tests.fuzz.seeds import ROOT

    env = {**os.environ, "PYTHONPATH": str(ROOT), "RUST_BACKTRACE": "0"}
    proc = subprocess.run(
        [sys.executable, "-c", _ABORT_PROGRAM], cwd=ROOT, env=env, capture_output=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")[-300:]


def test_skos_turtle_error_quotes_no_literal() -> None:
    data = b'@prefix ex: <https://x.example.org/> .\nex:a ex:b ex:c "Zqxj Sentinel" .\n'
    _glossary(data, "g.ttl")


@pytest.mark.parametrize(
    "data",
    [
        b'<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
        b' xmlns:skos="http://www.w3.org/2004/02/skos/core#">\n'
        b'<rdf:Description rdf:about="https://x.example.org/a">'
        b'<skos:prefLabel xml:lang="en">/skos:prefLabel>'
        b'<skos:definition xml:lang="en">Zqxj Sentinel</skos:definition>'
        b"</rdf:Description>\n</rdf:RDF>\n",
    ],
)
def test_skos_rdfxml_error_quotes_no_content(data: bytes) -> None:
    _glossary(data, "g.rdf")


def _workbook(name: str, part: str, xml: bytes, mimetype: bytes | None) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if mimetype is not None:
            archive.writestr("mimetype", mimetype)
        archive.writestr(part, xml)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "part", "mimetype"),
    [
        ("g.ods", "content.xml", b"application/vnd.oasis.opendocument.spreadsheet"),
        ("g.xlsx", "xl/worksheets/sheet1.xml", None),
    ],
)
def test_an_xml_part_with_an_unknown_encoding_is_input_error(
    name: str, part: str, mimetype: bytes | None
) -> None:
    """Found by ods_parts (seed 20261225): expat raised LookupError for encoding="TTF-8"."""
    xml = b'<?xml version="1.0" encoding="TTF-8"?><a><b>x</b></a>'
    _glossary(_workbook(name, part, xml, mimetype), name)
