"""Properties of the glossary checker as a whole: read -> match -> check -> report.

(a) Generated glossaries (comma, semicolon or tab; any Unicode in the cells, quoted line breaks,
    empty cells, duplicates, national and deficit-based labels) never raise; every finding points
    at a real row or at none, and every mapping at a concept of the vocabulary.
(b) Malformed inputs either raise a :class:`~pl_vocab.core.errors.PlVocabError` whose message names
    the file, or give a report; never another exception.
(c) The command line turns malformed files into exit code 2 and one line naming the file.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import NamedTuple

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pl_vocab.core.errors import PlVocabError
from pl_vocab.core.model import Report
from pl_vocab.glossary.check import check_table
from pl_vocab.glossary.read import GlossaryTable, read_glossary_bytes
from pl_vocab.report.render import FORMATS, render
from pl_vocab.vocabulary import Vocabulary, load_vocabulary

from .conftest import ROOT

# Strategies ---------------------------------------------------------------------------------------


@cache
def _labels() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(every label of every concept, labels of deprecated or flagged concepts, the English
    preferred labels of deprecated concepts)."""
    every: list[str] = []
    deficit: list[str] = []
    deprecated_pref: list[str] = []
    for c in load_vocabulary():
        advisory = c.language_advisory
        status = str(getattr(advisory.status, "value", advisory.status)) if advisory else ""
        bad = bool(c.deprecated) or status in ("deprecated", "flagged")
        for lt in [*(c.pref_label or ()), *(c.alt_label or ()), *(c.hidden_label or ())]:
            every.append(lt.value)
            if bad:
                deficit.append(lt.value)
        if c.deprecated:
            deprecated_pref.extend(lt.value for lt in c.pref_label if lt.language == "en")
    return tuple(sorted(set(every))), tuple(sorted(set(deficit))), tuple(deprecated_pref)


_PIECES = (
    "é",
    "ñ",
    "Ü",
    "e\u0301",  # decomposed é
    "🎓",
    "👩🏽‍🏫",
    '"',
    "“",
    "”",
    "'",
    "\n",
    "\r\n",
    ",",
    ";",
    "\t",
    " ",
    "=SUM(A1)",
    "-",
    "(UDL)",
    "\u200b",
    "\u00a0",
)
_unicode = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters="\x00"),
    max_size=20,
)
_messy = st.lists(st.one_of(_unicode, st.sampled_from(_PIECES)), max_size=5).map("".join)


def _vary(label: str, how: int) -> str:
    return (
        label,
        label.lower(),
        label.upper(),
        label.title(),
        label.replace("-", " "),
        label + "s",
    )[how]


@st.composite
def national_terms(draw: st.DrawFn) -> str:
    every, _, _ = _labels()
    return _vary(draw(st.sampled_from(every)), draw(st.integers(0, 5)))


@st.composite
def deficit_terms(draw: st.DrawFn) -> str:
    _, deficit, _ = _labels()
    label = draw(st.sampled_from(deficit))
    frame = draw(st.sampled_from(["{}", "{} interventions", "Supports for {}", "“{}”", "{}\n"]))
    return frame.format(_vary(label, draw(st.integers(0, 5))))


_terms = st.one_of(national_terms(), deficit_terms(), _messy, st.just(""))
_definitions = st.one_of(
    _messy,
    st.just(""),
    deficit_terms().map(lambda t: f"Help for {t} in every school."),
    st.text(st.sampled_from("abcdefgh ñé"), min_size=8, max_size=60),
)

_HEADERS = {
    "term": "Term",
    "definition": "Definition",
    "synonyms": "Synonyms",
    "notes": "Notes",
    "term_es": "Término",
    "definition_es": "Definición",
}


class Generated(NamedTuple):
    """A generated glossary: its bytes and name, and what was written into it."""

    data: bytes
    name: str
    delimiter: str
    header: list[str]
    rows: list[list[str]]

    @property
    def records(self) -> int:
        return len(self.rows)


def _csv(
    delimiter: str, header: list[str], rows: list[list[str]], codec: str = "utf-8", sep: str = ""
) -> bytes:
    buffer = io.StringIO(sep, newline="")
    buffer.seek(len(sep))
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(codec)


@st.composite
def glossaries(draw: st.DrawFn) -> Generated:
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    roles = ["term", "definition"]
    roles += [r for r in ("synonyms", "notes") if draw(st.booleans())]
    if draw(st.booleans()):
        roles += ["term_es", "definition_es"]
    cell = {
        "term": _terms,
        "definition": _definitions,
        "synonyms": st.one_of(st.just(""), national_terms(), _messy),
        "notes": st.one_of(st.just(""), _definitions),
        "term_es": _terms,
        "definition_es": _definitions,
    }
    rows = draw(st.lists(st.tuples(*(cell[r] for r in roles)).map(list), min_size=0, max_size=10))
    for index in draw(st.lists(st.integers(0, 50), max_size=3)) if rows else ():
        copy = list(rows[index % len(rows)])
        if draw(st.booleans()):
            copy[1] = draw(_definitions)  # the same term with another definition
        rows.insert(draw(st.integers(0, len(rows))), copy)
    if rows and draw(st.booleans()):  # ragged rows: a cell short, or one too many
        for index in draw(st.lists(st.integers(0, len(rows) - 1), max_size=2)):
            row = rows[index]
            rows[index] = row[:-1] if draw(st.booleans()) else [*row, draw(_messy)]
    header = [_HEADERS[r] for r in roles]
    codec = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
    name = "glossary.tsv" if delimiter == "\t" and draw(st.booleans()) else "glossary.csv"
    sep = f"sep={delimiter}\r\n" if draw(st.integers(0, 4)) == 0 else ""  # Excel's hint line
    data = _csv(delimiter, header, rows, codec, sep)
    return Generated(data, name, delimiter, header, rows)


# (a) Generated glossaries -------------------------------------------------------------------------


def _assert_sound(report: Report, table: GlossaryTable, records: int, vocab: Vocabulary) -> None:
    data_rows = {r.row for r in table.rows}
    assert data_rows <= set(range(2, records + 2))
    for f in report.findings:
        row = f.location.row
        if row is None:
            continue
        # the reader (family A) may point at the header or at a skipped blank row
        assert 1 <= row <= records + 1, f
        if not f.id.startswith("A"):
            assert row in data_rows, f
    by_row = {r.row: r for r in table.rows}
    for m in report.mappings:
        assert vocab.get(m.concept) is not None, m
        assert m.row in by_row and m.term in (by_row[m.row].term, by_row[m.row].term_es), m
        assert 0.0 < m.confidence <= 1.0
    counts = report.counts()
    assert {k: report.stats[f"findings_{k}"] for k in counts} == counts
    assert report.valid == (counts["error"] == 0)
    assert 0 <= report.stats["unmapped"] <= report.stats["terms"] <= len(table.rows)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(glossaries())
def test_generated_glossaries_never_raise_and_point_at_real_rows(glossary: Generated) -> None:
    table = read_glossary_bytes(glossary.data, glossary.name)
    report = check_table(table)
    _assert_sound(report, table, glossary.records, load_vocabulary())
    assert report.stats["rows"] == len(table.rows)
    assert report.input.file == glossary.name


@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(glossaries(), st.data())
def test_an_exact_deprecated_label_is_always_flagged_e001(
    glossary: Generated, data: st.DataObject
) -> None:
    _, _, deprecated = _labels()
    label = data.draw(st.sampled_from(deprecated))
    extra = [label, "A term a district still uses.", *[""] * (len(glossary.header) - 2)]
    rows = [*glossary.rows, extra]
    table = read_glossary_bytes(_csv(glossary.delimiter, glossary.header, rows), glossary.name)
    report = check_table(table)
    last = len(rows) + 1
    assert last in {f.location.row for f in report.findings if f.id == "E001"}, label


@settings(max_examples=15, suppress_health_check=[HealthCheck.too_slow])
@given(glossaries())
def test_every_format_renders_a_generated_glossary(glossary: Generated) -> None:
    report = check_table(read_glossary_bytes(glossary.data, glossary.name))
    for fmt in FORMATS:
        assert isinstance(render(report, fmt), str)
    assert Report.model_validate_json(report.model_dump_json()) == report
    assert json.loads(render(report, "json"))["valid"] == report.valid


# (b) Malformed inputs -----------------------------------------------------------------------------


def _check_bytes(data: bytes, name: str) -> Report | None:
    """Read and check; a PlVocabError must name the file. Any other exception fails the test."""
    try:
        return check_table(read_glossary_bytes(data, name))
    except PlVocabError as exc:
        message = str(exc)
        assert name in message, message
        assert "Traceback" not in message
        return None


_EXTENSIONS = [".csv", ".tsv", ".txt", ".json", ".yaml", ".yml", ".xlsx", ".ods", ".xls"]


@settings(max_examples=40)
@given(st.binary(max_size=400), st.sampled_from(_EXTENSIONS))
def test_random_bytes_give_a_report_or_an_input_error_naming_the_file(
    data: bytes, ext: str
) -> None:
    _check_bytes(data, f"district glossary{ext}")


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(glossaries(), st.data())
def test_truncated_glossaries_give_a_report_or_an_input_error(
    glossary: Generated, data: st.DataObject
) -> None:
    cut = data.draw(st.integers(0, max(len(glossary.data) - 1, 0)))
    _check_bytes(glossary.data[:cut], glossary.name)


# 0x81 0x8D 0x8F 0x90 0x9D: a lone continuation byte in UTF-8, and undefined in Windows-1252
_NEITHER = st.sampled_from([b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d"])


@settings(max_examples=30)
@given(
    st.lists(st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=15)),
    _NEITHER,
    st.data(),
)
def test_bytes_neither_utf8_nor_cp1252_are_refused_with_the_file_and_line(
    cells: list[str], bad: bytes, data: st.DataObject
) -> None:
    text = "Term;Definition\r\n" + "".join(f"{c};x\r\n" for c in cells)
    raw = text.encode("utf-8")
    at = data.draw(st.integers(0, len(raw)))
    broken = raw[:at] + bad + raw[at:]
    with pytest.raises(PlVocabError) as err:
        read_glossary_bytes(broken, "g.csv")
    assert str(err.value).startswith("g.csv, line ")
    assert "Windows-1252" in str(err.value)


@st.composite
def zips_that_are_not_workbooks(draw: st.DrawFn) -> bytes:
    names = draw(
        st.lists(
            st.one_of(
                st.sampled_from(
                    [
                        "[Content_Types].xml",
                        "xl/workbook.xml",
                        "xl/worksheets/sheet1.xml",
                        "xl/_rels/workbook.xml.rels",
                        "_rels/.rels",
                        "readme.txt",
                        "mimetype",
                        "content.xml",
                    ]
                ),
                st.from_regex(r"[a-z]{1,8}(/[a-z]{1,8})?\.(xml|txt|bin)", fullmatch=True),
            ),
            max_size=5,
            unique=True,
        )
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for member in names:
            content = draw(
                st.one_of(
                    st.binary(max_size=80),
                    st.sampled_from(
                        [
                            b'<?xml version="1.0"?><workbook/>',
                            b"<worksheet><sheetData><row><c><v>1</v></c></row>",
                            b"not xml at all",
                        ]
                    ),
                )
            )
            archive.writestr(member, content)
    return buffer.getvalue()


@settings(max_examples=40)
@given(zips_that_are_not_workbooks(), st.sampled_from([".xlsx", ".ods", ".xls"]))
def test_a_zip_that_is_not_a_workbook_gives_an_input_error_or_a_report(
    data: bytes, ext: str
) -> None:
    _check_bytes(data, f"upload{ext}")


def _alias_bomb(width: int, depth: int) -> bytes:
    names = [f"n{i}" for i in range(depth + 1)]
    lines = [f"{names[0]}: &{names[0]} [{', '.join(['lol'] * width)}]"]
    for prev, name in itertools.pairwise(names):
        lines.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * width)}]")
    lines.append(f"terms: [{{term: *{names[-1]}}}]")
    return ("\n".join(lines) + "\n").encode()


@settings(max_examples=10, deadline=None)
@given(st.integers(2, 10), st.integers(3, 9), st.sampled_from([".yaml", ".yml"]))
def test_a_yaml_alias_bomb_is_refused_naming_the_file(width: int, depth: int, ext: str) -> None:
    name = f"bomb{ext}"
    with pytest.raises(PlVocabError) as err:
        read_glossary_bytes(_alias_bomb(width, depth), name)
    assert name in str(err.value)


_SHEET = (
    '<?xml version="1.0" encoding="UTF-8"?>{doctype}'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Term</t></is></c></row>'
    '<row r="2"><c r="A2" t="inlineStr"><is><t>{cell}</t></is></c></row></sheetData></worksheet>'
)
_DOCTYPES = [
    '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]>',
    '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    '<!DOCTYPE x SYSTEM "http://example.org/evil.dtd">',
]


def _xlsx_with(doctype: str, cell: str, where: str) -> bytes:
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        "</Types>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    )
    workbook = (
        '<?xml version="1.0" encoding="UTF-8"?>{doctype}'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    workbook_rels = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        "</Relationships>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", rels)
        archive.writestr(
            "xl/workbook.xml", workbook.format(doctype=doctype if where == "workbook" else "")
        )
        archive.writestr("xl/_rels/workbook.xml.rels", workbook_rels)
        archive.writestr(
            "xl/worksheets/sheet1.xml",
            _SHEET.format(doctype=doctype if where == "sheet" else "", cell=cell),
        )
    return buffer.getvalue()


def test_the_doctype_fixture_is_a_readable_workbook_without_the_doctype() -> None:
    report = _check_bytes(_xlsx_with("", "Equity", "sheet"), "plain.xlsx")
    assert report is not None and report.mappings[0].concept == "plvc:equity"


@settings(max_examples=20, deadline=None)
@given(
    st.sampled_from(_DOCTYPES),
    st.sampled_from(["Equity", "&lol2;", "&xxe;"]),
    st.sampled_from(["sheet", "workbook"]),
)
def test_a_doctype_in_an_xlsx_is_refused_or_never_expanded(
    doctype: str, cell: str, where: str
) -> None:
    report = _check_bytes(_xlsx_with(doctype, cell, where), "doctype.xlsx")
    if report is not None:  # read anyway: no entity may have been expanded
        for m in report.mappings:
            assert "lollol" not in m.term and "root:" not in m.term


@pytest.mark.parametrize("where", ["sheet", "workbook"])
def test_a_doctype_in_an_xlsx_is_refused_as_a018(where: str) -> None:
    data = _xlsx_with(_DOCTYPES[0], "Equity", where)
    start = time.perf_counter()
    with pytest.raises(PlVocabError) as err:
        read_glossary_bytes(data, "doctype.xlsx")
    assert time.perf_counter() - start < 1.0
    assert getattr(err.value, "check_id", None) == "A018"
    part = "xl/worksheets/sheet1.xml" if where == "sheet" else "xl/workbook.xml"
    assert str(err.value).startswith("doctype.xlsx: ") and repr(part) in str(err.value)


def _rezip(data: bytes, part: str, content: bytes) -> bytes:
    """The workbook ``data`` with one part's bytes replaced."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(buffer, "w") as new:
        for info in old.infolist():
            new.writestr(info.filename, content if info.filename == part else old.read(info))
    return buffer.getvalue()


@pytest.mark.parametrize(
    "prolog",
    [
        # UTF-16 (the byte order mark, or none), which an XML reader must accept
        pytest.param("utf-16", id="utf-16"),
        pytest.param("utf-16-be", id="utf-16-be-no-bom"),
        # a DOCTYPE after a long comment, past the first read of a part
        pytest.param("comment", id="after-a-long-comment"),
        # no element before the size cap: refused rather than read on
        pytest.param("endless", id="endless-comment"),
    ],
)
def test_a_doctype_anywhere_in_the_prolog_of_an_xlsx_part_is_refused(prolog: str) -> None:
    plain = _xlsx_with("", "Equity", "sheet")
    sheet = _SHEET.format(doctype=_DOCTYPES[0], cell="Equity")
    if prolog == "utf-16":
        content = sheet.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")
    elif prolog == "utf-16-be":
        content = sheet.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16-be")
    elif prolog == "comment":
        content = sheet.replace("?>", "?><!--" + "x" * 100_000 + "-->", 1).encode()
    else:
        content = ('<?xml version="1.0"?><!--' + "x" * 2_000_000).encode()
    start = time.perf_counter()
    with pytest.raises(PlVocabError) as err:
        read_glossary_bytes(_rezip(plain, "xl/worksheets/sheet1.xml", content), "g.xlsx")
    assert time.perf_counter() - start < 1.0
    assert getattr(err.value, "check_id", None) == "A018"
    assert "'xl/worksheets/sheet1.xml'" in str(err.value)


def test_doctype_text_in_a_cell_or_a_comment_after_the_root_is_not_a_declaration() -> None:
    plain = _xlsx_with("", "Equity", "sheet")
    sheet = _SHEET.format(doctype="", cell="&lt;!DOCTYPE x&gt; Equity").replace(
        "</worksheet>", "<!-- <!DOCTYPE y> --></worksheet>"
    )
    report = _check_bytes(_rezip(plain, "xl/worksheets/sheet1.xml", sheet.encode()), "g.xlsx")
    assert report is not None and report.stats["terms"] == 1


def test_a_doctype_in_an_ods_part_is_refused_as_a018() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", f'<?xml version="1.0"?>{_DOCTYPES[1]}<x/>')
    with pytest.raises(PlVocabError) as err:
        read_glossary_bytes(buffer.getvalue(), "g.ods")
    assert getattr(err.value, "check_id", None) == "A018"


@pytest.mark.parametrize(
    "data",
    [
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><lolz>&lol;</lolz>',
        b"<!DOCTYPE html><html></html>",
    ],
)
def test_a_doctype_text_file_named_xlsx_is_an_input_error(data: bytes) -> None:
    assert _check_bytes(data, "not-a-workbook.xlsx") is None


# (c) Through the command line ---------------------------------------------------------------------


def _unclosed_quote() -> bytes:
    return b'Term,Definition\r\nEquity,"Fair access\r\nAgency,Acting\r\n'


def _neither_encoding() -> bytes:
    return "Término;Definición\r\nVoz;Lo que dice\r\n".encode() + b"Agency;\x81\x9d\r\n"


def _zip_not_xlsx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "make", "where"),
    [
        ("broken quote.csv", _unclosed_quote, "line 2"),
        ("mixed-encoding.csv", _neither_encoding, "line 3"),
        ("archive.xlsx", _zip_not_xlsx, None),
        ("bomb.yaml", lambda: _alias_bomb(9, 9), "line"),
    ],
)
def test_malformed_files_exit_2_with_one_line_naming_the_file(
    tmp_path: Path, name: str, make: Callable[[], bytes], where: str | None
) -> None:
    path = tmp_path / name
    path.write_bytes(make())
    out = subprocess.run(
        [sys.executable, "-m", "pl_vocab", "check", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "COLUMNS": "120", "PYTHONIOENCODING": "utf-8"},
    )
    assert out.returncode == 2, (out.returncode, out.stderr)
    assert "Traceback" not in out.stderr + out.stdout
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    assert lines[0].startswith("pl-vocab: ") and str(path) in lines[0]
    if where is not None:
        assert where in lines[0], lines[0]
