"""``--format sssom``: the report's mappings as an SSSOM TSV table (https://w3id.org/sssom/).

The metadata block is YAML in ``#`` comment lines (``curie_map``, ``mapping_set_id``,
``license``, ``mapping_tool``...), then one row per :class:`MappingRow`: the district term is
the subject, the national concept the object. District terms have no IRIs of their own, so
each gets a CURIE ``district:<URL-quoted term>`` whose prefix is built from the mapping set ID.
Every cell goes through :func:`~pl_vocab.report.cells.safe_cell`, so no cell can start a
spreadsheet formula; tabs and line breaks inside a cell become spaces.
"""

from __future__ import annotations

import csv
import io
from urllib.parse import quote

import yaml

from pl_vocab.core.model import MappingRow, Report
from pl_vocab.core.text import printable
from pl_vocab.report.cells import safe_cell
from pl_vocab.report.layout import compact
from pl_vocab.vocabulary import CONCEPT_NAMESPACE, PLV_NAMESPACE, Vocabulary

__all__ = ["COLUMNS", "DEFAULT_SET_PREFIX", "LICENSE", "render_sssom"]

LICENSE = "https://creativecommons.org/licenses/by/4.0/"
DEFAULT_SET_PREFIX = "urn:pl-vocab:glossary:"
COLUMNS = (
    "subject_id",
    "subject_label",
    "predicate_id",
    "object_id",
    "object_label",
    "mapping_justification",
    "confidence",
    "comment",
)
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_SEMAPV = "https://w3id.org/semapv/vocab/"
_JUSTIFICATIONS = {
    "lexical_match": "semapv:LexicalMatching",
    "lexical_similarity": "semapv:LexicalSimilarityThresholdMatching",
    "manual_curation": "semapv:ManualMappingCuration",
    "unspecified": "semapv:UnspecifiedMatching",
}


def _justification(name: str) -> str:
    if name.startswith("semapv:"):
        return name
    if name.startswith(_SEMAPV):
        return "semapv:" + name[len(_SEMAPV) :]
    return _JUSTIFICATIONS.get(name, "semapv:UnspecifiedMatching")


def _flat(text: str) -> str:
    """A cell: neutralized first (a leading tab or CR counts), then on one line, then any
    control or bidi character left shown as a visible escape (the file may be printed)."""
    safe = safe_cell(text)
    return printable(" ".join(safe.replace("\t", " ").splitlines())) if safe else ""


def _row(mapping: MappingRow) -> list[str]:
    return [
        "district:" + quote(mapping.term, safe="", errors="backslashreplace"),
        mapping.term,
        compact(mapping.predicate),
        compact(mapping.concept),
        "",
        _justification(mapping.justification),
        repr(round(mapping.confidence, 4)),
        mapping.comment or "",
    ]


def _district_prefix(mapping_set_id: str) -> str:
    return mapping_set_id if mapping_set_id.endswith(("/", "#", ":")) else mapping_set_id + "#"


def render_sssom(report: Report, *, mapping_set_id: str | None = None) -> str:
    """The mappings as SSSOM TSV with its YAML metadata header.

    :param mapping_set_id: the URI that names this mapping set; by default
        ``urn:pl-vocab:glossary:<sha256 of the input>`` (or of its quoted file name).
    :returns: the TSV text, ``\\n`` line ends, one row per mapping.

    >>> from pl_vocab.core.model import InputInfo
    >>> m = MappingRow(row=2, term="Voz del estudiante", concept="plvc:learner-voice",
    ...                predicate="skos:exactMatch", justification="lexical_match", confidence=1.0)
    >>> r = Report(valid=True, tool_version="0.1.0", input=InputInfo(file="g.csv"), mappings=[m])
    >>> render_sssom(r, mapping_set_id="https://example.org/g").splitlines()[-1].split("\\t")
    ['district:Voz%20del%20estudiante', 'Voz del estudiante', 'skos:exactMatch', 'plvc:learner-voice', '', 'semapv:LexicalMatching', '1.0', '']
    """
    set_id = mapping_set_id or DEFAULT_SET_PREFIX + (
        report.input.sha256 or quote(report.input.file, safe="", errors="backslashreplace")
    )
    metadata: dict[str, object] = {
        "curie_map": {
            "district": _district_prefix(set_id),
            "plv": PLV_NAMESPACE,
            "plvc": CONCEPT_NAMESPACE,
            "semapv": _SEMAPV,
            "skos": _SKOS,
        },
        "mapping_set_id": set_id,
        "mapping_set_title": f"{printable(report.input.file)} mapped to the pl_vocab national "
        "vocabulary",
        "license": LICENSE,
        "mapping_tool": report.tool,
        "mapping_tool_version": report.tool_version,
    }
    if report.vocabulary:
        metadata["object_source"] = Vocabulary.compress(report.vocabulary.iri)
        metadata["object_source_version"] = report.vocabulary.version
    header = yaml.safe_dump(metadata, sort_keys=False, allow_unicode=True, width=1000)
    out = io.StringIO()
    out.writelines(f"#{line}\n" for line in header.splitlines())
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    writer.writerows([_flat(cell) for cell in _row(m)] for m in report.mappings)
    return out.getvalue()
