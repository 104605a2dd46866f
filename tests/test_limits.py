"""Bounded time and memory for any input (issue 12, class 5): the readers' limits and the
near-linear checks. Sizes are small; the limits are parameters set low here."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pl_vocab.core.errors import InputError
from pl_vocab.io.excel import read_workbook
from pl_vocab.io.tables import read_delimited
from pl_vocab.skos import integrity
from pl_vocab.validation.layers import _covered

sys.path.insert(0, str(Path(__file__).parent))
from test_workbook_formulas import sheet_xml, text_cell, xlsx

# --- workbooks: the area and the shared strings are measured before calamine allocates -------

_READER = """
import sys
from pl_vocab.core.errors import InputError
from pl_vocab.io.excel import read_workbook
for path in sys.argv[1:]:
    data = open(path, "rb").read()
    try:
        read_workbook(data, source="g.xlsx", max_rows=1_000, max_cells=20_000)
        print("read")
    except InputError as exc:
        assert "\\n" not in str(exc) and "panicked" not in str(exc), str(exc)
        print("refused")
"""


def _read_in_subprocess(tmp_path: Path, books: list[bytes]) -> list[str]:
    """Read each workbook in a child process, so an abort in native code is a failing test."""
    paths = []
    for i, book in enumerate(books):
        path = tmp_path / f"b{i}.xlsx"
        path.write_bytes(book)
        paths.append(str(path))
    done = subprocess.run(
        [sys.executable, "-c", _READER, *paths], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.split()


def _cell(ref: str, quote: str, spacing: str, content: bool) -> str:
    body = "<is><t>x</t></is>" if content else ""
    attr = f"r{spacing}={spacing}{quote}{ref}{quote}"
    return f'<c t="inlineStr" {attr}>{body}</c>' if content else f'<c {attr} s="1"/>'


_letters = st.text("ABCXYZFDabxfd", min_size=1, max_size=5)
_digits = st.one_of(
    st.integers(1, 2_000).map(str),
    st.integers(10**6, 10**14).map(str),
    st.sampled_from(["1048576", "4294967295", "4294967296", "99999999999", "0"]),
)
_refs = st.builds(
    lambda a, b, dollar: f"{dollar}{a}{dollar}{b}", _letters, _digits, st.sampled_from(["", "$"])
)
_hostile_cell = st.builds(
    _cell, _refs, st.sampled_from(['"', "'"]), st.sampled_from(["", " "]), st.booleans()
)
_hostile_sheet = st.builds(
    lambda cells, row, dim: (
        sheet_xml([text_cell("A1", "Term") + "".join(cells[:2]), "".join(cells[2:])])
        .replace("<row>", f'<row r="{row}">', 1 if row else 0)
        .replace("<sheetData>", f'<dimension ref="A1:{dim}"/><sheetData>')
    ),
    st.lists(_hostile_cell, min_size=1, max_size=4),
    st.sampled_from(["", "1", "99999999999"]),
    _refs,
)


@settings(max_examples=2, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(_hostile_sheet, min_size=12, max_size=12))
def test_generated_hostile_sheets_are_read_or_refused_never_abort(
    tmp_path_factory: pytest.TempPathFactory, sheets: list[str]
) -> None:
    books = [xlsx([("G", xml)]) for xml in sheets]
    outcomes = _read_in_subprocess(tmp_path_factory.mktemp("hostile"), books)
    assert len(outcomes) == len(books)


@pytest.mark.parametrize(
    "cell",
    [
        text_cell("A99999999999", "x"),  # the reported one: more digits than a row can have
        text_cell("xfd1048576", "x"),  # lower case
        text_cell("ZZZZZZZ1", "x"),  # a column far past XFD
        "<c r='XFD1048576' t='inlineStr'><is><t>x</t></is></c>",  # single quotes
        '<c r = "XFD1048576" t="inlineStr"><is><t>x</t></is></c>',  # spaces around =
        '<c r="A&#57;9999999999" t="inlineStr"><is><t>x</t></is></c>',  # a character reference
        '<c\tr="A99999999999"><v>1</v></c>',  # a tab before the attribute, a number
        '</row><row r="99999999999"><c t="inlineStr"><is><t>x</t></is></c>',  # a far row
    ],
)
def test_far_cells_in_any_spelling_are_refused_in_process(cell: str) -> None:
    book = xlsx([("G", sheet_xml([text_cell("A1", "Term"), cell]))])
    with pytest.raises(InputError) as err:
        read_workbook(book, source="g.xlsx")
    assert err.value.check_id == "A018"
    assert "limit" in str(err.value) or "measured" in str(err.value)


def _with_shared_strings(book: bytes, strings: list[str]) -> bytes:
    items = "".join(f"<si><t>{s}</t></si>" for s in strings)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(book)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr(
            "xl/sharedStrings.xml",
            f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{items}</sst>',
        )
    return out.getvalue()


def _shared_sheet(cells: int) -> bytes:
    refs = "".join(f'<c r="B{i + 2}" t="s"><v>1</v></c>' for i in range(cells))
    xml = sheet_xml([text_cell("A1", "Term") + text_cell("B1", "Definition"), refs])
    return _with_shared_strings(xlsx([("G", xml)]), ["short", "y" * 1_000])


def test_one_long_shared_string_in_many_cells_is_refused_naming_the_limit() -> None:
    with pytest.raises(InputError) as err:
        read_workbook(_shared_sheet(50), source="g.xlsx", max_shared_text=10_000)
    message = str(err.value)
    assert "50,000 characters of shared text" in message and "max_shared_text" in message
    assert "y" * 20 not in message  # no cell content in the message
    assert err.value.check_id == "A018"


def test_a_few_references_to_a_long_shared_string_are_read() -> None:
    read_workbook(_shared_sheet(5), source="g.xlsx", max_shared_text=10_000)


def test_a_panic_in_the_reader_is_one_line_without_its_text(
    monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    import python_calamine

    class PanicException(BaseException):  # what pyo3 raises for a Rust panic
        pass

    def panic(*_: Any, **__: Any) -> Any:
        os.write(2, b"thread '<unnamed>' panicked at src/secret.rs\n")  # as Rust's hook does
        raise PanicException("thread panicked at src/secret.rs: capacity overflow")

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_filelike", panic)
    with pytest.raises(InputError) as err:
        read_workbook(xlsx([("G", sheet_xml([text_cell("A1", "Term")]))]), source="g.xlsx")
    assert "panicked" not in str(err.value) and "\n" not in str(err.value)
    assert "panicked" not in capfd.readouterr().err


# --- CSV: one record's length is bounded before it is split ----------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Term,Definition\n" + "a," * 600 + "\n",  # one long line of cells
        'Term,Definition\nx,"' + "long\n" * 300 + '"\n',  # a quoted cell over many lines
        "Term,Definition\n" + "b" * 2_000,  # no line break at all
    ],
)
def test_a_record_over_the_length_limit_is_refused_with_its_row(text: str) -> None:
    with pytest.raises(InputError) as err:
        read_delimited(text, source="g.csv", max_record_chars=1_000)
    assert err.value.check_id == "A018" and "max_record_chars" in str(err.value)
    assert err.value.location is not None and err.value.location.row == 2


@given(st.lists(st.text("ab ,;", max_size=30), min_size=1, max_size=30))
@settings(max_examples=30, deadline=None)
def test_records_under_the_limit_read_as_without_it(lines: list[str]) -> None:
    text = "Term,Definition\n" + "\n".join(lines) + "\n"
    try:
        plain = read_delimited(text, delimiter=",")
    except InputError:
        return
    bounded = read_delimited(text, delimiter=",", max_record_chars=40)
    assert bounded.records == plain.records


# --- near-linear checks: same findings as the plain definitions -------------------------------


@given(
    st.sets(st.text("ab[].", min_size=1, max_size=6).map(lambda s: "$" + s), max_size=8),
    st.text("ab[].", max_size=8).map(lambda s: "$" + s),
)
@settings(max_examples=100, deadline=None)
def test_covered_paths_match_the_plain_scan(seen: set[str], path: str) -> None:
    plain = any(path == s or path.startswith((s + ".", s + "[")) for s in seen)
    assert _covered(path, seen) is plain


def test_a_record_with_many_unknown_keys_has_one_finding_each() -> None:
    from pl_vocab.validation import validate

    goal: dict[str, Any] = {
        "type": "LearnerGoal",
        "id": "https://example.org/goals/1",
        "learner": "https://example.org/learners/1",
        "statement": "Read two novels",
        "asserter_role": "learner",
        "language": "en",
    }
    goal.update({f"k{i}": i for i in range(2_000)})
    found = [f for f in validate(goal, known_ids=[goal["learner"]]) if f.id == "R002"]
    assert len(found) == 2_000


SKOS = "http://www.w3.org/2004/02/skos/core#"
_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def _plain_cycles(up: dict[str, set[str]]) -> list[str]:
    return sorted(c for c in up if c in integrity._ancestors(up, c))


def _plain_related(g: Any) -> list[tuple[str, str]]:
    up = g.broader_map()
    return [
        (c, r)
        for c in g.concepts()
        for r in g.refs(c, SKOS + "related")
        if r in integrity._ancestors(up, c) or c in integrity._ancestors(up, r)
    ]


def _plain_redundant(g: Any) -> list[tuple[str, str]]:
    up = g.broader_map()
    out = []
    for c in g.concepts():
        direct = set(g.refs(c, SKOS + "broader"))
        for b in sorted(direct):
            if b in set().union(*(integrity._ancestors(up, d) for d in direct - {b})):
                out.append((c, b))
    return out


_edges = st.lists(
    st.tuples(
        st.integers(0, 6), st.sampled_from(["broader", "narrower", "related"]), st.integers(0, 6)
    ),
    max_size=16,
)


@given(_edges)
@settings(max_examples=150, deadline=None)
def test_the_hierarchy_checks_find_what_the_plain_definitions_find(
    edges: list[tuple[int, str, int]],
) -> None:
    node = [ox.NamedNode(f"https://example.org/c{i}") for i in range(7)]
    triples = [ox.Triple(n, _TYPE, ox.NamedNode(SKOS + "Concept")) for n in node]
    triples += [ox.Triple(node[a], ox.NamedNode(SKOS + p), node[b]) for a, p, b in edges]
    g = integrity._Graph.build(triples)
    assert [c for c, _, _ in integrity._h010(g)] == _plain_cycles(g.broader_map())
    related = [(c, m.split()[3].rstrip(",")) for c, _, m in integrity._h011(g)]
    assert related == _plain_related(g)
    redundant = [
        (c, m.split(": ")[1].split(" ")[0]) for c, _, m in integrity._h020(g) if "redundancy" in m
    ]
    assert redundant == _plain_redundant(g)


def test_a_long_broader_chain_is_checked_with_one_finding_per_concept_kind() -> None:
    n = 3_000
    node = [ox.NamedNode(f"https://example.org/c{i}") for i in range(n)]
    triples = [ox.Triple(x, _TYPE, ox.NamedNode(SKOS + "Concept")) for x in node]
    triples += [
        ox.Triple(node[i], ox.NamedNode(SKOS + "broader"), node[i - 1]) for i in range(1, n)
    ]
    triples.append(ox.Triple(node[0], ox.NamedNode(SKOS + "broader"), node[n - 1]))  # a cycle
    findings = integrity.check_skos(triples)
    assert sum(f.id == "H010" for f in findings) == n
    assert json.dumps([f.id for f in findings])  # the report is built


def test_an_ods_cell_repeated_over_a_huge_area_is_refused_before_calamine_opens_it() -> None:
    from test_workbook_formulas import ods, ods_cell

    rows = (
        f"<table:table-row>{ods_cell('Term')}</table:table-row>"
        '<table:table-row table:number-rows-repeated="5000">'
        f"{ods_cell('x', repeat=16_384)}</table:table-row>"
    )
    book = ods(f'<table:table table:name="Other">{rows}</table:table>')
    with pytest.raises(InputError) as err:
        read_workbook(book, source="g.ods")
    assert "5,001 rows by 16,384 columns" in str(err.value) and err.value.check_id == "A018"
    small = ods(f'<table:table table:name="G">{rows.replace("5000", "3")}</table:table>')
    read_workbook(small, source="g.ods", max_cells=100_000)
