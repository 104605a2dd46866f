"""A district glossary sent as SKOS: read safely, checked with family H and the other families."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pl_vocab.glossary.check import check_glossary
from pl_vocab.glossary.columns import GlossaryInputError
from pl_vocab.glossary.read import read_glossary_bytes
from pl_vocab.rdf.jsonld import CONTEXT_IRI

from .conftest import ROOT

TTL = """@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix ex: <https://district.example.org/glossary/> .
ex:s a skos:ConceptScheme ; skos:hasTopConcept ex:voice .
ex:voice a skos:Concept ; skos:inScheme ex:s ; skos:prefLabel "Student Voice"@en, "Voz del estudiante"@es ;
  skos:definition "Learners say what they think about their learning and are heard."@en .
ex:loss a skos:Concept ; skos:inScheme ex:s ; skos:prefLabel "Learning Loss"@en ; skos:broader ex:voice .
ex:pride a skos:Concept ; skos:inScheme ex:s ; skos:prefLabel "Panther Pride Hour"@en ; skos:prefLabel "Hora Pantera"@en .
"""


def test_skos_glossary_rows_mappings_and_h_findings(tmp_path: Path) -> None:
    table = read_glossary_bytes(TTL.encode(), "district.ttl")
    terms = {r.term for r in table.rows}
    assert "Learning Loss" in terms and "Voz del estudiante" in {r.term_es for r in table.rows}
    assert any(f.id == "H004" for f in table.findings)  # two English prefLabels on ex:pride
    source = tmp_path / "district.ttl"
    source.write_text(TTL, encoding="utf-8")
    report = check_glossary(source)
    e001 = [f for f in report.findings if f.id == "E001"]
    assert e001 and e001[0].location.subject == "https://district.example.org/glossary/loss"
    assert {m.concept for m in report.mappings} >= {"plvc:learner-voice", "plvc:learning-loss"}
    assert not report.valid  # H004 is an error


def test_the_national_vocabulary_covers_its_own_core(tmp_path: Path) -> None:
    out = tmp_path / "vocabulary.ttl"
    subprocess.run(
        [sys.executable, "-m", "pl_vocab", "export", "-o", str(out)],
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    report = check_glossary(out)
    assert report.coverage is not None
    assert report.coverage.core_covered == report.coverage.core_total
    assert not [f for f in report.findings if f.severity.value == "error"]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("bad.ttl", b'@prefix e: <http://e/> .\ne:s e:p "x" ;\n e:q .\n', "not valid RDF"),
        (
            "lol.rdf",
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>',
            "DOCTYPE",
        ),
        (
            "remote.jsonld",
            json.dumps({"@context": "https://evil.example.org/c.jsonld", "@id": "x"}).encode(),
            "evil.example.org",
        ),
    ],
)
def test_unsafe_or_broken_skos_is_refused(name: str, data: bytes, message: str) -> None:
    with pytest.raises(GlossaryInputError, match=message):
        read_glossary_bytes(data, name)


def test_jsonld_with_the_bundled_context_is_read() -> None:
    doc = {
        "@context": [CONTEXT_IRI, {"skos": "http://www.w3.org/2004/02/skos/core#"}],
        "@id": "https://district.example.org/g/equity",
        "@type": "skos:Concept",
        "skos:prefLabel": {"@value": "Equity", "@language": "en"},
    }
    table = read_glossary_bytes(json.dumps(doc).encode(), "g.jsonld")
    assert [r.term for r in table.rows] == ["Equity"]


def test_cli_exit_2_for_broken_skos(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix e: <http://e/> .\ne:s e:p "x" ;\n e:q .\n', encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "pl_vocab", "check", str(bad)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert (
        out.returncode == 2
        and "bad.ttl" in out.stderr
        and "line 3" in out.stderr
        and "Traceback" not in out.stderr
    )


def test_malformed_jsonld_names_line_and_column() -> None:
    with pytest.raises(GlossaryInputError) as err:
        read_glossary_bytes(b'{"@id": "x",\n "@type": }', "g.jsonld")
    assert err.value.location is not None
    assert (err.value.location.line, err.value.location.column) == (2, "11")
    assert err.value.check_id == "H001" and "not valid JSON" in str(err.value)
