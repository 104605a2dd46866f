"""The one registry of file formats: names, aliases, extensions, detection, and what each can do.

Every reader and writer asks here: :mod:`pl_vocab.exchange` (``load``/``dump``), record
validation (:mod:`pl_vocab.validation.sources`), ``convert``, ``export`` and the glossary reader.

Record formats (``--from``/``--to``): ``json yaml ndjson jsonld turtle ntriples nquads``, with
the aliases ``json-ld ttl nt nq yml jsonl``, plus ``rdfxml`` (aliases ``xml rdf``) which is read
but never written. Glossary formats (``pl-vocab check``) are tables (``csv tsv txt``),
workbooks (``xlsx xls ods``), structured lists (``yaml json``) and SKOS (``ttl nt rdf owl
jsonld``).

    >>> normalize_format("TTL"), detect_format("a.jsonl"), detect_format("x", b'{"@context": 1}')
    ('turtle', 'ndjson', 'jsonld')
    >>> [f.name for f in RECORD_FORMATS if f.streams_out]
    ['ndjson', 'ntriples', 'nquads']
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pl_vocab.core.errors import InputError

__all__ = [
    "FORMAT_NAMES",
    "GLOSSARY_EXTENSIONS",
    "RECORD_FORMATS",
    "Format",
    "GlossaryReader",
    "detect_format",
    "format_info",
    "glossary_reader",
    "is_rdf",
    "normalize_format",
    "record_extensions",
    "writable_formats",
]

GlossaryReader = Literal["delimited", "workbook", "structured", "skos"]


@dataclass(frozen=True, slots=True)
class Format:
    """One record format and what pl_vocab can do with it.

    :ivar extensions: file name endings (lower case, with the dot); the first is the usual one.
    :ivar rdf: parsed into triples (JSON-LD too: it is RDF, read after its contexts are resolved).
    :ivar streams_in: read record by record, in flat memory, whatever the file size.
    :ivar streams_out: written record by record.
    :ivar scanned: collected when a directory is given (``.xml`` is too generic to be).
    """

    name: str
    extensions: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    rdf: bool = False
    streams_in: bool = False
    streams_out: bool = False
    readable: bool = True
    writable: bool = True
    scanned_extensions: tuple[str, ...] | None = None

    @property
    def scanned(self) -> tuple[str, ...]:
        """The extensions collected from a directory."""
        return self.extensions if self.scanned_extensions is None else self.scanned_extensions


RECORD_FORMATS: tuple[Format, ...] = (
    Format("json", (".json",)),
    Format("yaml", (".yaml", ".yml"), aliases=("yml",)),
    Format("ndjson", (".ndjson", ".jsonl"), aliases=("jsonl",), streams_in=True, streams_out=True),
    Format("jsonld", (".jsonld",), aliases=("json-ld",), rdf=True),
    Format("turtle", (".ttl",), aliases=("ttl",), rdf=True),
    Format("ntriples", (".nt",), aliases=("nt",), rdf=True, streams_out=True),
    Format("nquads", (".nq",), aliases=("nq",), rdf=True, streams_out=True),
    Format(
        "rdfxml",
        (".rdf", ".owl", ".xml"),
        aliases=("xml", "rdf"),
        rdf=True,
        writable=False,
        scanned_extensions=(".rdf", ".owl"),
    ),
)
#: The record format names, in the order they are shown.
FORMAT_NAMES: tuple[str, ...] = tuple(f.name for f in RECORD_FORMATS)

_BY_NAME = {f.name: f for f in RECORD_FORMATS}
_BY_ALIAS = {a: f.name for f in RECORD_FORMATS for a in f.aliases}
_BY_EXTENSION = {e: f.name for f in RECORD_FORMATS for e in f.extensions}

#: Glossary file extensions and the reader each goes to (``pl-vocab check``).
GLOSSARY_EXTENSIONS: dict[str, GlossaryReader] = {
    ".csv": "delimited",
    ".tsv": "delimited",
    ".txt": "delimited",
    ".xlsx": "workbook",
    ".xls": "workbook",
    ".ods": "workbook",
    ".yaml": "structured",
    ".yml": "structured",
    ".json": "structured",
    ".ttl": "skos",
    ".nt": "skos",
    ".rdf": "skos",
    ".owl": "skos",
    ".jsonld": "skos",
}


def glossary_reader(path: str | Path) -> GlossaryReader | None:
    """Which glossary reader a file goes to, by its extension (None: not a glossary format).

    >>> glossary_reader("g.CSV"), glossary_reader("g.ttl"), glossary_reader("g.docx")
    ('delimited', 'skos', None)
    """
    return GLOSSARY_EXTENSIONS.get(Path(path).suffix.lower())


def _unknown(name: str) -> InputError:
    writable = ", ".join(f.name for f in RECORD_FORMATS if f.writable)
    read_only = " or ".join(f.name for f in RECORD_FORMATS if not f.writable)
    return InputError(f"Unknown format {name!r}. Use one of: {writable} (or {read_only} to read).")


def normalize_format(name: str) -> str:
    """The format's name for a name or an alias (``"ttl"`` -> ``"turtle"``, ``".nt"`` too).

    :raises InputError: for an unknown format name.
    """
    key = name.strip().lower().lstrip(".")
    key = _BY_ALIAS.get(key, key)
    if key not in _BY_NAME:
        raise _unknown(name)
    return key


def format_info(name: str) -> Format:
    """The :class:`Format` of a format name or alias."""
    return _BY_NAME[normalize_format(name)]


def is_rdf(name: str) -> bool:
    """Whether the format is an RDF syntax (JSON-LD included)."""
    return format_info(name).rdf


def writable_formats() -> tuple[str, ...]:
    """The names of the formats pl_vocab writes."""
    return tuple(f.name for f in RECORD_FORMATS if f.writable)


def record_extensions(*, scanned: bool = False) -> dict[str, str]:
    """Extension -> format name; with ``scanned``, only those collected from a directory."""
    if not scanned:
        return dict(_BY_EXTENSION)
    return {e: f.name for f in RECORD_FORMATS for e in f.scanned}


def _sniff(head: bytes) -> str | None:
    head = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if head.startswith((b"{", b"[")):
        return "jsonld" if b'"@context"' in head else "json"
    if head.startswith((b"<?xml", b"<rdf:RDF")):
        return "rdfxml"
    if head.startswith((b"@prefix", b"PREFIX", b"@base")):
        return "turtle"
    if head.startswith(b"<"):
        return "ntriples"
    return None


def detect_format(path: str | Path, data: bytes | None = None) -> str:
    """The format of a file from its extension, else from its first bytes.

    :raises InputError: when neither tells.
    """
    found = _BY_EXTENSION.get(Path(path).suffix.lower()) or _sniff((data or b"")[:2048])
    if found is None:
        raise InputError(
            f"{path}: cannot tell the format from the name or the content; give it with --from."
        )
    return found
