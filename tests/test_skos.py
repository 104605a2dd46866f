"""SKOS export of the vocabulary and glossaries; SHACL shapes; SKOS integrity checks (family H)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from pl_vocab import exchange
from pl_vocab.models import DistrictGlossary
from pl_vocab.rdf.export import to_triples
from pl_vocab.shacl import validate_shacl
from pl_vocab.skos import H_CHECKS, check_skos, glossary_to_skos, vocabulary_to_skos
from pl_vocab.vocabulary import Vocabulary

from .conftest import DATA, ROOT, SHARED

SKOS = "http://www.w3.org/2004/02/skos/core#"
SKOSIFY = SHARED / "conformance" / "skos" / "skosify"


def _ttl(text: str) -> list[ox.Triple]:
    prefixes = "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n@prefix ex: <http://example.org/> .\n"
    return [
        ox.Triple(q.subject, q.predicate, q.object)
        for q in ox.parse(prefixes + text, format=ox.RdfFormat.TURTLE)
    ]


def test_vocabulary_export_has_no_integrity_errors_or_warnings() -> None:
    findings = [f for f in check_skos(vocabulary_to_skos()) if f.severity.value != "info"]
    assert findings == []


def test_vocabulary_export_conforms_to_the_shacl_shapes() -> None:
    assert validate_shacl(vocabulary_to_skos(), variant="graph") == []


def test_vocabulary_export_is_skos(vocab: Vocabulary) -> None:
    triples = vocabulary_to_skos()
    concepts = {t.subject.value for t in triples if t.object == ox.NamedNode(SKOS + "Concept")}
    assert len(concepts) == len(vocab.concepts)
    preds = {t.predicate.value for t in triples}
    for p in (
        "prefLabel",
        "altLabel",
        "hiddenLabel",
        "definition",
        "broader",
        "narrower",
        "related",
        "inScheme",
        "hasTopConcept",
        "topConceptOf",
        "notation",
    ):
        assert SKOS + p in preds, p
    assert "http://www.w3.org/2002/07/owl#deprecated" in preds
    assert "http://purl.org/dc/terms/isReplacedBy" in preds
    spanish = [
        t
        for t in triples
        if t.subject.value in concepts
        and t.predicate.value == SKOS + "prefLabel"
        and t.object.language == "es"
    ]
    assert len(spanish) == len(vocab.concepts)


def test_shacl_catches_a_broken_concept() -> None:
    triples = [
        t
        for t in vocabulary_to_skos()
        if not (t.predicate.value == SKOS + "prefLabel" and t.subject.value.endswith("/equity"))
    ]
    findings = validate_shacl(triples, variant="graph")
    assert any(
        f.location.subject.endswith("/equity") and f.location.predicate == SKOS + "prefLabel"
        for f in findings
    )


def test_record_shapes_accept_references_to_other_files() -> None:
    from pl_vocab.io import load_yaml
    from pl_vocab.models import NarrativeAssessment

    obj = NarrativeAssessment.model_validate(
        load_yaml(DATA / "valid" / "NarrativeAssessment-001.yaml")
    )
    assert validate_shacl(to_triples(obj), variant="record") == []
    assert validate_shacl(to_triples(obj), variant="graph"), "graph shapes require typed references"


def test_glossary_exports_as_skos_with_mappings() -> None:
    from pl_vocab.io import load_yaml

    g = DistrictGlossary.model_validate(load_yaml(DATA / "valid" / "DistrictGlossary-001.yaml"))
    triples = list(glossary_to_skos(g))
    assert [f for f in check_skos(triples) if f.severity.value == "error"] == []
    mapped = [
        t
        for t in triples
        if t.predicate.value.startswith(SKOS) and t.predicate.value.endswith("Match")
    ]
    assert len(mapped) == sum(len(t.mappings or []) for t in g.terms or [])
    ttl = ox.serialize(triples, format=ox.RdfFormat.TURTLE)
    assert ttl and b"skos:ConceptScheme" in ox.serialize(
        triples, format=ox.RdfFormat.TURTLE, prefixes={"skos": SKOS}
    )


@pytest.mark.parametrize(
    ("check", "ttl"),
    [
        (
            "H002",
            "ex:a a skos:Concept, skos:ConceptScheme ; skos:prefLabel 'a'@en ; skos:definition 'd'@en .",
        ),
        ("H003", "ex:a a skos:Concept ; skos:definition 'd'@en ."),
        ("H004", "ex:a a skos:Concept ; skos:prefLabel 'a'@en, 'b'@en ."),
        ("H005", "ex:a a skos:Concept ; skos:prefLabel 'a'@en ; skos:altLabel 'a'@en ."),
        ("H006", "ex:a a skos:Concept ; skos:prefLabel ' '@en ."),
        ("H007", "ex:a a skos:Concept ; skos:prefLabel 'a' ."),
        (
            "H009",
            "ex:a a skos:Concept ; skos:prefLabel 'Agency'@en . ex:b a skos:Concept ; skos:altLabel 'agency'@en .",
        ),
        (
            "H010",
            "ex:a a skos:Concept ; skos:broader ex:b . ex:b a skos:Concept ; skos:broader ex:c . ex:c a skos:Concept ; skos:broader ex:a .",
        ),
        (
            "H011",
            "ex:a a skos:Concept ; skos:broader ex:b ; skos:related ex:b . ex:b a skos:Concept .",
        ),
        ("H012", "ex:a a skos:Concept ; skos:exactMatch ex:z ; skos:broadMatch ex:z ."),
        ("H013", "ex:a a skos:Concept ; skos:related ex:a ."),
        ("H014", "ex:a a skos:Concept ; skos:prefLable 'a'@en ."),
        (
            "H015",
            "ex:s a skos:ConceptScheme . ex:a a skos:Concept ; skos:inScheme ex:s ; skos:closeMatch ex:b . ex:b a skos:Concept ; skos:inScheme ex:s .",
        ),
        ("H016", "ex:a a skos:Concept ; <http://www.w3.org/2002/07/owl#deprecated> true ."),
        ("H017", "ex:a a skos:Concept ; skos:prefLabel 'a'@en ."),
        (
            "H018",
            "ex:a a skos:Concept ; skos:prefLabel 'a'@en, 'a'@es . ex:b a skos:Concept ; skos:prefLabel 'b'@en .",
        ),
        ("H019", "ex:a a skos:Concept ; skos:prefLabel 'a'@en ."),
        (
            "H020",
            "ex:a a skos:Concept ; skos:broader ex:b, ex:c . ex:b a skos:Concept ; skos:broader ex:c . ex:c a skos:Concept .",
        ),
    ],
)
def test_each_h_check_detects_its_defect(check: str, ttl: str) -> None:
    ids = {f.id for f in check_skos(_ttl(ttl))}
    assert check in ids


def test_invalid_language_tag_is_detected() -> None:
    # pyoxigraph refuses malformed tags while parsing; the check guards other sources of triples
    lit = ox.Literal("a", language="en")
    triple = ox.Triple(ox.NamedNode("http://example.org/a"), ox.NamedNode(SKOS + "prefLabel"), lit)
    typed = ox.Triple(
        ox.NamedNode("http://example.org/a"),
        ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
        ox.NamedNode(SKOS + "Concept"),
    )
    assert "H008" not in {f.id for f in check_skos([typed, triple])}
    with pytest.raises(ValueError):
        ox.Literal("a", language="e_")


def test_every_h_check_is_declared_once() -> None:
    ids = [c.id for c in H_CHECKS]
    assert ids == sorted(set(ids)) and ids[0] == "H002" and ids[-1] == "H020"


@pytest.mark.skipif(not SKOSIFY.is_dir(), reason="../shared/conformance is not present")
def test_skosify_milk_problems_are_each_reported_and_repaired_file_is_clean() -> None:
    before = check_skos(ox.parse(path=str(SKOSIFY / "milk.in.ttl"), format=ox.RdfFormat.TURTLE))
    messages = [f.message for f in before if f.id == "H020"]
    assert any("names no top concepts" in m for m in messages)
    assert sum("is in no concept scheme" in m for m in messages) == 3
    assert any("is not related back" in m for m in messages)
    assert any("does not list it as narrower" in m for m in messages)
    after = check_skos(ox.parse(path=str(SKOSIFY / "milk.out.ttl"), format=ox.RdfFormat.TURTLE))
    assert [f for f in after if f.id != "H017"] == []


@pytest.mark.skipif(not SKOSIFY.is_dir(), reason="../shared/conformance is not present")
def test_skosify_dctype_is_a_clean_scheme() -> None:
    found = check_skos(ox.parse(path=str(SKOSIFY / "dctype.out.ttl"), format=ox.RdfFormat.TURTLE))
    assert [f for f in found if f.severity.value == "error"] == []


def test_export_command_writes_turtle_that_reads_back(tmp_path: Path, vocab: Vocabulary) -> None:
    out = tmp_path / "vocabulary.ttl"
    run = subprocess.run(
        [sys.executable, "-m", "pl_vocab", "export", "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stderr
    (scheme,) = exchange.load(out)
    assert len(scheme.concepts) == len(vocab.concepts)  # type: ignore[attr-defined]
    jsonld = subprocess.run(
        [sys.executable, "-m", "pl_vocab", "export", "--to", "jsonld"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert jsonld.returncode == 0
    (again,) = exchange.loads(jsonld.stdout, "jsonld")
    assert len(again.concepts) == len(vocab.concepts)  # type: ignore[attr-defined]
