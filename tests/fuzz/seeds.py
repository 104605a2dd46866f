"""Realistic seed inputs for the fuzz targets, built once from ``examples/`` and ``tests/data/``.

Every value of a sensitive slot (and every glossary cell) is replaced by :data:`SENTINEL`, so a
target can check that no message quotes input content.
"""

from __future__ import annotations

import io
import json
import zipfile
from functools import cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
DATA = ROOT / "tests" / "data"

#: A value that must never appear in a message (it stands for a name, a narrative, a cell).
SENTINEL = "Zqxj Sentinel"
#: How many record files are used as seeds (spread over the sizes, small to large).
MAX_RECORD_SEEDS = 24
RDF_FORMATS = ("jsonld", "turtle", "ntriples", "nquads", "rdfxml")


def _blank_sensitive(value: Any, sensitive: frozenset[str], key: str = "") -> Any:
    """``value`` with every string under a sensitive key replaced by the sentinel."""
    if isinstance(value, dict):
        return {k: _blank_sensitive(v, sensitive, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_blank_sensitive(v, sensitive, key) for v in value]
    if isinstance(value, str) and key in sensitive:
        return SENTINEL
    return value


@cache
def records() -> tuple[tuple[str, dict[str, Any]], ...]:
    """``(class, record)`` pairs from the valid test records, sensitive values blanked."""
    from pl_vocab.schema_index import schema_index

    sensitive = schema_index().sensitive_slots
    files = sorted((DATA / "valid").glob("*.yaml"), key=lambda p: (p.stat().st_size, p.name))
    out = []
    step = max(1, len(files) // MAX_RECORD_SEEDS)
    for path in files[::step][:MAX_RECORD_SEEDS]:
        data = yaml.safe_load(path.read_text("utf-8"))
        if isinstance(data, dict):
            out.append((path.stem.split("-")[0], _blank_sensitive(data, sensitive)))
    return tuple(out)


def _typed(cls: str, data: dict[str, Any]) -> dict[str, Any]:
    return {"type": cls, **data}


@cache
def record_seeds(fmt: str) -> tuple[bytes, ...]:
    """Seed documents of records in ``fmt`` (json, yaml, ndjson or an RDF format)."""
    if fmt == "json":
        return tuple(json.dumps(_typed(c, d), ensure_ascii=False).encode() for c, d in records())
    if fmt == "yaml":
        return tuple(
            yaml.safe_dump(_typed(c, d), allow_unicode=True, sort_keys=False).encode()
            for c, d in records()
        ) + tuple(p.read_bytes() for p in sorted((EXAMPLES / "records").glob("*.yaml")))
    if fmt == "ndjson":
        lines = [json.dumps(_typed(c, d), ensure_ascii=False) for c, d in records()]
        return tuple("\n".join(lines[i : i + 3]).encode() + b"\n" for i in range(0, 12, 3))
    return _rdf_seeds(fmt)


@cache
def _models() -> tuple[Any, ...]:
    import pl_vocab

    out = []
    for cls, data in records():
        try:
            out.append(tuple(pl_vocab.loads(json.dumps(data), "json", cls=cls)))
        except pl_vocab.PlVocabError:
            continue
    return tuple(out)


@cache
def _rdf_seeds(fmt: str) -> tuple[bytes, ...]:
    import pl_vocab

    out = []
    for models in _models()[:12]:
        if fmt == "rdfxml":
            text = pl_vocab.to_rdflib_graph(list(models)).serialize(format="xml")
        else:
            text = pl_vocab.dumps(list(models), fmt)
        out.append(text.encode("utf-8"))
    return tuple(out)


_SKOS_TTL = f"""@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix ex: <https://district.example.org/glossary/> .
ex:scheme a skos:ConceptScheme ; skos:prefLabel "District glossary"@en .
ex:agency a skos:Concept ; skos:inScheme ex:scheme ; skos:prefLabel "Learner Agency"@en ;
  skos:definition "{SENTINEL}"@en ; skos:altLabel "Student agency"@en ; skos:broader ex:pl .
ex:pl a skos:Concept ; skos:inScheme ex:scheme ; skos:prefLabel "Personalized Learning"@en ;
  skos:prefLabel "Aprendizaje personalizado"@es ; skos:definition "Learning for each one."@en ;
  skos:topConceptOf ex:scheme .
"""


@cache
def skos_seeds() -> dict[str, tuple[bytes, ...]]:
    """A small SKOS glossary, by glossary extension (.ttl, .nt, .rdf, .jsonld)."""
    import rdflib

    graph = rdflib.Graph().parse(data=_SKOS_TTL, format="turtle")
    return {
        ".ttl": (_SKOS_TTL.encode(),),
        ".nt": (graph.serialize(format="nt").encode(),),
        ".rdf": (graph.serialize(format="xml").encode(),),
        ".jsonld": (graph.serialize(format="json-ld").encode(),),
    }


def _glossary_rows() -> list[list[str]]:
    return [
        ["Term", "Definition", "Also known as", "Notes"],
        ["Learner Agency", SENTINEL, "Student agency", SENTINEL],
        ["Advisory", "A group of students who meet with one adult.", "Homeroom", ""],
        ["Equity", "Each student gets what they need.", "", SENTINEL],
    ]


@cache
def table_seeds(ext: str) -> tuple[bytes, ...]:
    """Seed glossaries for a text extension (.csv, .tsv, .yaml, .json)."""
    rows = _glossary_rows()
    if ext in (".csv", ".tsv"):
        sep = "," if ext == ".csv" else "\t"
        own = "\r\n".join(sep.join(r) for r in rows).encode()
        shipped = tuple(
            p.read_bytes()[:4000] for p in sorted((EXAMPLES / "glossaries").glob("*.csv"))
        )
        return (own, *shipped) if ext == ".csv" else (own,)
    entries = [
        {"term": r[0], "definition": r[1], "synonyms": [r[2]] if r[2] else [], "notes": r[3]}
        for r in rows[1:]
    ]
    doc = {"district": "Lakeshore", "terms": entries}
    if ext == ".json":
        return (json.dumps(doc, ensure_ascii=False).encode(), json.dumps(entries).encode())
    shipped = tuple(p.read_bytes()[:4000] for p in sorted((EXAMPLES / "glossaries").glob("*.yaml")))
    return (yaml.safe_dump(doc, allow_unicode=True).encode(), *shipped)


def xlsx_bytes(rows: list[list[Any]], sheet: str = "Glossary") -> bytes:
    """A workbook with ``rows`` on one sheet, written by openpyxl."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = sheet
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _ods_cell(value: Any) -> str:
    from xml.sax.saxutils import escape

    if isinstance(value, bool):
        v = "true" if value else "false"
        return f'<table:table-cell office:value-type="boolean" office:boolean-value="{v}"/>'
    if isinstance(value, (int, float)):
        return f'<table:table-cell office:value-type="float" office:value="{value}"/>'
    text = escape(str(value))
    return (
        f'<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>'
    )


_ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"'
)
_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
    '<manifest:file-entry manifest:full-path="/" '
    'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)


def ods_content(rows: list[list[Any]], sheet: str = "Glossary") -> bytes:
    """The ``content.xml`` of an OpenDocument spreadsheet with ``rows`` on one sheet."""
    from xml.sax.saxutils import quoteattr

    body = "".join(
        "<table:table-row>" + "".join(_ods_cell(c) for c in row) + "</table:table-row>"
        for row in rows
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {_ODS_NS}>'
        f"<office:body><office:spreadsheet><table:table table:name={quoteattr(sheet)}>"
        f"{body}</table:table></office:spreadsheet></office:body></office:document-content>"
    ).encode()


def zip_parts(parts: dict[str, bytes]) -> bytes:
    """A zip archive of ``parts`` (a ``mimetype`` part first and stored, as ODF wants)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        if "mimetype" in parts:
            zf.writestr("mimetype", parts["mimetype"], compress_type=zipfile.ZIP_STORED)
        for name, data in parts.items():
            if name != "mimetype":
                zf.writestr(name, data)
    return buf.getvalue()


def ods_bytes(rows: list[list[Any]], sheet: str = "Glossary") -> bytes:
    """An OpenDocument spreadsheet with ``rows`` on one sheet."""
    return zip_parts(
        {
            "mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
            "content.xml": ods_content(rows, sheet),
            "META-INF/manifest.xml": _MANIFEST.encode(),
        }
    )


def unzip(data: bytes) -> dict[str, bytes]:
    """The parts of a zip archive, in order."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


@cache
def workbook_seeds(ext: str) -> tuple[bytes, ...]:
    """Valid workbooks for ``.xlsx`` (the shipped example and one of ours) or ``.ods``."""
    rows: list[list[Any]] = [list(r) for r in _glossary_rows()]
    if ext == ".xlsx":
        shipped = (EXAMPLES / "glossaries" / "mesa-verde-sd-glossary.xlsx").read_bytes()
        return (xlsx_bytes(rows), shipped)
    return (ods_bytes(rows),)
