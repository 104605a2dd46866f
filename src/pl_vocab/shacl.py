"""Check RDF against the generated SHACL shapes, on request (needs the ``shacl`` extra: pyshacl).

Two variants of the shapes ship: ``graph`` (every referenced node must be typed in the same graph:
for complete exports such as the vocabulary) and ``record`` (references are IRIs whose targets may
live elsewhere: for single records and batches).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

from pl_vocab.core.errors import PlVocabError
from pl_vocab.core.model import Finding, Location, Severity

__all__ = ["MissingExtraError", "validate_shacl"]

Variant = Literal["graph", "record"]


class MissingExtraError(PlVocabError):
    """An optional dependency is needed for the feature asked for."""


def validate_shacl(triples: Iterable[Any], variant: Variant = "record") -> list[Finding]:
    """Validate pyoxigraph triples (or quads) against the shapes; one Finding per violation.

    Findings name the focus node and the path; they never quote a value.
    """
    try:
        import pyshacl
        import rdflib
    except ImportError:
        raise MissingExtraError(
            "SHACL checks need pyshacl: pip install 'pl-vocab[shacl]'"
        ) from None
    import pyoxigraph as ox

    from pl_vocab._resources import generated_text

    shapes_file = "shapes.ttl" if variant == "graph" else "shapes-record.ttl"
    shapes = rdflib.Graph().parse(data=generated_text(shapes_file), format="turtle")
    nt = ox.serialize(
        (ox.Triple(t.subject, t.predicate, t.object) for t in triples),
        format=ox.RdfFormat.N_TRIPLES,
    )
    data = rdflib.Graph().parse(data=(nt or b"").decode("utf-8"), format="nt")
    conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    if conforms:
        return []
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    findings = []
    for result in report.subjects(rdflib.RDF.type, sh.ValidationResult):
        focus = report.value(result, sh.focusNode)
        path = report.value(result, sh.resultPath)
        component = report.value(result, sh.sourceConstraintComponent)
        kind = (
            str(component).rsplit("#", 1)[-1].removesuffix("ConstraintComponent")
            if component
            else "Shape"
        )
        findings.append(
            Finding(
                id="S001",
                name="shacl-violation",
                severity=Severity.ERROR,
                message=f"violates the {kind} constraint of the pl_vocab shapes",
                location=Location(
                    subject=str(focus) if isinstance(focus, rdflib.URIRef) else f"_:{focus}",
                    predicate=str(path) if isinstance(path, rdflib.URIRef) else None,
                ),
            )
        )
    return sorted(findings, key=lambda f: (f.location.subject or "", f.location.predicate or ""))
