"""The fuzz targets: one per reader, each a hypothesis strategy of inputs and a call that
checks the property of :mod:`tests.fuzz.props` on one input.

=================  ==============================================================================
target             reader
=================  ==============================================================================
glossary_csv/tsv   ``read_glossary_bytes`` on delimited text
glossary_yaml/json ``read_glossary_bytes`` on structured glossaries
xlsx_cells/ods_*   workbooks built from fuzzed cells and sheet names
xlsx_parts/ods_*   a valid workbook with one XML part mutated (or the zip bytes themselves)
glossary_skos      SKOS glossaries (Turtle, N-Triples, RDF/XML, JSON-LD)
records_<fmt>      ``pl_vocab.loads`` and ``validate_files`` on a temporary file, per format
cli                ``pl-vocab check / validate / convert`` end to end, in process
=================  ==============================================================================
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from tests.fuzz import seeds
from tests.fuzz.mutate import mutated, odd_text
from tests.fuzz.props import cli_call, library_call

NOW = "2026-06-01T00:00:00+00:00"
RECORD_EXT = {
    "json": ".json",
    "yaml": ".yaml",
    "ndjson": ".ndjson",
    "jsonld": ".jsonld",
    "turtle": ".ttl",
    "ntriples": ".nt",
    "nquads": ".nq",
    "rdfxml": ".rdf",
}
WRITABLE = ("json", "yaml", "ndjson", "jsonld", "turtle", "ntriples", "nquads")
_XML_TOKENS = (
    b' r="A99999999999"',
    b' ref="A1:XFD1048576"',
    b'<c r="B2" t="s"><v>999999</v></c>',
    b'<c r="C3" t="e"><v>#REF!</v></c>',
    b"<f>1/0</f>",
    b' t="inlineStr"><is><t>x</t></is>',
    b' table:number-columns-repeated="16384"',
    b' table:number-rows-repeated="1048576"',
    b' office:value-type="date" office:date-value="99999-01-01"',
)


@dataclass(frozen=True)
class Target:
    """A fuzz target: a name, the inputs, and the call that checks one input."""

    name: str
    inputs: st.SearchStrategy[Any]
    check: Callable[[Any], None]


def _glossary(ext: str) -> Callable[[bytes], None]:
    from pl_vocab.glossary.read import read_glossary_bytes

    def check(data: bytes) -> None:
        library_call(read_glossary_bytes, data, f"glossary{ext}", secret=_secret(data, ext))

    return check


def _secret(data: bytes, ext: str) -> str | None:
    """The sentinel, unless a mutation may have moved it into a header (headers are named in
    messages, rightly): in a delimited file, a sentinel on the first non-blank line."""
    if ext not in (".csv", ".tsv", ".txt"):
        return seeds.SENTINEL
    text = data.decode("latin-1")
    lines = [ln for ln in re.split(r"\r\n|\r|\n", text) if ln.strip(" \t,;\ufeff\x00")]
    first = lines[0] if lines else ""
    before = text.split(seeds.SENTINEL, 1)[0]
    if seeds.SENTINEL in first or before.count('"') % 2:  # an open quote: the header runs on
        return None
    return seeds.SENTINEL


def _records(fmt: str) -> Callable[[bytes], None]:
    def check(data: bytes) -> None:
        import pl_vocab
        from pl_vocab.validation.files import validate_files

        library_call(pl_vocab.loads, data, fmt, source=f"records{RECORD_EXT[fmt]}")
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"records{RECORD_EXT[fmt]}"
            path.write_bytes(data)
            library_call(validate_files, [path], now=dt.datetime.fromisoformat(NOW))

    return check


_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # what openpyxl refuses to write
_cells = st.one_of(
    odd_text,
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(9999, 1, 1)),
    st.none(),
)
_rows = st.lists(st.lists(_cells, max_size=6), max_size=8)
_sheet = st.text(
    alphabet=st.characters(
        codec="utf-8", exclude_characters="[]:*?/\\'", exclude_categories=("Cs", "Cc")
    ),
    min_size=1,
    max_size=31,
)


def _xlsx_cell(value: Any) -> Any:
    if isinstance(value, str):
        return _ILLEGAL.sub("", value)
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 2**53:
        return float(value)
    if (isinstance(value, float) and value != value) or value in (float("inf"), float("-inf")):
        return str(value)
    return value


@st.composite
def _xlsx_from_cells(draw: st.DrawFn) -> bytes:
    rows = [[_xlsx_cell(c) for c in row] for row in draw(_rows)]
    return seeds.xlsx_bytes(rows, draw(_sheet))


@st.composite
def _ods_from_cells(draw: st.DrawFn) -> bytes:
    rows = [[_ILLEGAL.sub("", c) if isinstance(c, str) else c for c in r] for r in draw(_rows)]
    return seeds.ods_bytes(rows, _ILLEGAL.sub("", draw(_sheet)))


@st.composite
def _workbook_parts(draw: st.DrawFn, ext: str) -> bytes:
    """A valid workbook with one XML part mutated, or (one time in five) its zip bytes."""
    base = draw(st.sampled_from(seeds.workbook_seeds(ext)))
    if draw(st.integers(0, 4)) == 0:
        return draw(mutated([base], max_ops=3))
    parts = seeds.unzip(base)
    names = [n for n in parts if n.endswith((".xml", ".rels"))]
    name = draw(st.sampled_from(names))
    parts[name] = draw(mutated([parts[name]], max_ops=4, extra=_XML_TOKENS))
    return seeds.zip_parts(parts)


@st.composite
def _skos_input(draw: st.DrawFn) -> tuple[str, bytes]:
    by_ext = seeds.skos_seeds()
    ext = draw(st.sampled_from(sorted(by_ext)))
    return ext, draw(mutated(by_ext[ext]))


def _skos(pair: tuple[str, bytes]) -> None:
    _glossary(pair[0])(pair[1])


@st.composite
def _cli_input(draw: st.DrawFn) -> tuple[list[str], str, bytes]:
    """A command, the input file's extension, and its bytes."""
    command = draw(st.sampled_from(["check", "validate", "convert"]))
    if command == "check":
        ext = draw(st.sampled_from([".csv", ".tsv", ".yaml", ".json", ".ttl", ".xlsx"]))
        pool = (
            seeds.workbook_seeds(ext)
            if ext == ".xlsx"
            else seeds.table_seeds(ext)
            if ext != ".ttl"
            else seeds.skos_seeds()[ext]
        )
        extra = draw(st.sampled_from([[], ["--format", "json"], ["--format", "markdown"]]))
        return [command, *extra], ext, draw(mutated(pool, max_ops=3))
    fmt = draw(st.sampled_from(sorted(RECORD_EXT)))
    data = draw(mutated(seeds.record_seeds(fmt), max_ops=3))
    if command == "validate":
        return [command, "--now", NOW], RECORD_EXT[fmt], data
    return [command, "--to", draw(st.sampled_from(WRITABLE))], RECORD_EXT[fmt], data


def _cli(case: tuple[list[str], str, bytes]) -> None:
    args, ext, data = case
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{ext}"
        path.write_bytes(data)
        tail = ["-o", str(Path(tmp) / "out.txt")] if args[0] == "convert" else []
        secret = _secret(data, ext) if args[0] == "check" else seeds.SENTINEL
        cli_call([args[0], str(path), *args[1:], *tail], secret)


def all_targets() -> list[Target]:
    """Every fuzz target, in a fixed order."""
    targets = [
        Target(f"glossary_{ext[1:]}", mutated(seeds.table_seeds(ext)), _glossary(ext))
        for ext in (".csv", ".tsv", ".yaml", ".json")
    ]
    targets += [
        Target("xlsx_cells", _xlsx_from_cells(), _glossary(".xlsx")),
        Target("xlsx_parts", _workbook_parts(".xlsx"), _glossary(".xlsx")),
        Target("ods_cells", _ods_from_cells(), _glossary(".ods")),
        Target("ods_parts", _workbook_parts(".ods"), _glossary(".ods")),
        Target("glossary_skos", _skos_input(), _skos),
    ]
    targets += [
        Target(f"records_{fmt}", mutated(seeds.record_seeds(fmt)), _records(fmt))
        for fmt in RECORD_EXT
    ]
    targets.append(Target("cli", _cli_input(), _cli))
    return targets


def target(name: str) -> Target:
    """The target called ``name``."""
    for t in all_targets():
        if t.name == name:
            return t
    raise KeyError(name)
