"""Formula cells in workbooks (A013): found in the sheet XML of .xlsx and .ods files, reported
with the formula, the value that was read, the sheet, row and column."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from pl_vocab.cli import app
from pl_vocab.core.model import Finding
from pl_vocab.glossary.check import check_table
from pl_vocab.glossary.columns import GlossaryInputError
from pl_vocab.glossary.read import read_glossary_bytes
from pl_vocab.io.excel import FORMULAS_LISTED
from pl_vocab.io.tables import column_letter
from pl_vocab.io.workbook_formulas import FormulaScanError, find_formulas

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
STRICT_REL = "http://purl.oclc.org/ooxml/officeDocument/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def text_cell(ref: str | None, value: str) -> str:
    r = f' r="{ref}"' if ref else ""
    return f'<c{r} t="inlineStr"><is><t>{escape(value)}</t></is></c>'


def formula_cell(
    ref: str | None, formula: str, cached: str | None = None, *, number: bool = False
) -> str:
    r = f' r="{ref}"' if ref else ""
    kind = "" if number else ' t="str"'
    value = "" if cached is None else f"<v>{escape(cached)}</v>"
    return f"<c{r}{kind}><f>{escape(formula)}</f>{value}</c>"


def sheet_xml(rows: list[str], *, ns: str = MAIN, prefix: str = "") -> str:
    """A worksheet part; each row is the XML of its cells (with ``r`` on the row when the first
    cell has one)."""
    p = f"{prefix}:" if prefix else ""
    xmlns = f"xmlns:{prefix}" if prefix else "xmlns"
    body = "".join(f"<{p}row>{cells}</{p}row>" for cells in rows)
    if p:
        body = body.replace("<c", f"<{p}c").replace("</c>", f"</{p}c>")
        for tag in ("f", "v", "is", "t"):
            body = body.replace(f"<{tag}>", f"<{p}{tag}>").replace(f"</{tag}>", f"</{p}{tag}>")
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<{p}worksheet {xmlns}="{ns}"><{p}sheetData>{body}</{p}sheetData></{p}worksheet>'
    )


def xlsx(
    sheets: list[tuple[str, str]],
    *,
    workbook: str = "xl/workbook.xml",
    absolute: bool = False,
    strict: bool = False,
) -> bytes:
    """A workbook from (sheet name, worksheet XML) pairs, built part by part."""
    ns, rel = (STRICT, STRICT_REL) if strict else (MAIN, REL)
    folder = workbook.rpartition("/")[0]
    entries = "".join(
        f'<sheet name={quoteattr(name)} sheetId="{i + 1}" r:id="rId{i + 1}"/>'
        for i, (name, _) in enumerate(sheets)
    )
    targets = "".join(
        f'<Relationship Id="rId{i + 1}" Type="{rel}/worksheet" Target="'
        + (f"/{folder}/sheets/s{i + 1}.xml" if absolute else f"sheets/s{i + 1}.xml")
        + '"/>'
        for i in range(len(sheets))
    )
    overrides = "".join(
        f'<Override PartName="/{folder}/sheets/s{i + 1}.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(len(sheets))
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/{workbook}" ContentType="application/vnd.openxmlformats-'
            f'officedocument.spreadsheetml.sheet.main+xml"/>{overrides}</Types>',
        )
        archive.writestr(
            "_rels/.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="{workbook}"/>'
            "</Relationships>",
        )
        archive.writestr(
            workbook,
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{ns}" xmlns:r="{rel}">'
            f"<sheets>{entries}</sheets></workbook>",
        )
        archive.writestr(
            f"{folder}/_rels/{workbook.rpartition('/')[2]}.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">{targets}'
            "</Relationships>",
        )
        for i, (_, xml) in enumerate(sheets):
            archive.writestr(f"{folder}/sheets/s{i + 1}.xml", xml)
    return buffer.getvalue()


def a013(findings: tuple[Finding, ...] | list[Finding]) -> dict[str, Finding]:
    return {
        f"{f.location.column}{f.location.row}": f
        for f in findings
        if f.id == "A013" and f.location.row is not None
    }


GLOSSARY_ROWS = [
    text_cell("A1", "Term") + text_cell("B1", "Definition") + text_cell("C1", "Row"),
    text_cell("A2", "Equity")
    + text_cell("B2", "Each learner gets what they need to thrive.")
    + formula_cell("C2", "ROW()", "2", number=True),
    formula_cell("A3", 'UPPER("voice")', "VOICE")
    + formula_cell("B3", "VLOOKUP(A3,Terms!A:B,2,FALSE)", "")
    + formula_cell("C3", "ROW()", "3", number=True),
]


def test_formula_cells_are_reported_with_the_formula_the_value_and_the_place() -> None:
    data = xlsx([("Glossary", sheet_xml(GLOSSARY_ROWS))])
    table = read_glossary_bytes(data, "district.xlsx")
    found = a013(table.findings)
    assert sorted(found) == ["A3", "B3", "C2", "C3"]
    assert all(f.location.sheet == "Glossary" for f in found.values())
    assert all(f.location.file == "district.xlsx" for f in found.values())
    assert found["A3"].message == (
        "Cell A3 holds the formula =UPPER(\"voice\"); the value it last showed, 'VOICE', was read."
    )
    assert "Paste Special > Values" in (found["A3"].suggestion or "")
    assert found["B3"].message.startswith(
        "Cell B3 holds the formula =VLOOKUP(A3,Terms!A:B,2,FALSE)"
    )
    assert found["B3"].message.endswith("with no saved result, so it reads as empty.")
    assert "'2', was read" in found["C2"].message
    assert found["C2"].severity.value == "warning"
    # the cached values are what the glossary holds
    assert [(r.row, r.term) for r in table.rows] == [(2, "Equity"), (3, "VOICE")]
    # a formula's number is reported once, as a formula, not also as a non-text cell (A014)
    assert not [f for f in table.findings if f.id == "A014"]


def test_the_check_report_carries_a013_and_it_can_be_ignored() -> None:
    table = read_glossary_bytes(xlsx([("Glossary", sheet_xml(GLOSSARY_ROWS))]), "g.xlsx")
    report = check_table(table)
    assert sum(f.id == "A013" for f in report.findings) == 4
    assert not [f for f in check_table(table, ignore=["A013"]).findings if f.id == "A013"]


def test_shared_formulas_and_cells_without_references() -> None:
    rows = [
        text_cell(None, "Term") + text_cell(None, "Note"),
        text_cell(None, "Equity") + '<c t="str"><f t="shared" ref="B2:B3" si="0">A2&amp;"!"</f>'
        "<v>Equity!</v></c>",
        text_cell(None, "Voice") + '<c t="str"><f t="shared" si="0"/><v>Voice!</v></c>',
    ]
    found = a013(read_glossary_bytes(xlsx([("S", sheet_xml(rows))]), "g.xlsx").findings)
    assert sorted(found) == ["B2", "B3"]
    assert '=A2&"!"' in found["B2"].message
    assert found["B3"].message == (
        "Cell B3 holds a formula shared with the cells near it; the value it last showed, "
        "'Voice!', was read."
    )


@pytest.mark.parametrize(
    ("layout", "options"),
    [
        ("prefixed elements", {"prefix": "x"}),
        ("strict OOXML", {"strict": True}),
        ("workbook elsewhere, absolute targets", {"workbook": "book/main.xml", "absolute": True}),
    ],
)
def test_the_sheet_part_is_found_the_way_excel_finds_it(
    layout: str, options: dict[str, object]
) -> None:
    strict = bool(options.get("strict"))
    prefix = str(options.get("prefix", ""))
    ns = STRICT if strict else MAIN
    other = sheet_xml([text_cell("A1", "Intro"), formula_cell("A2", "NOW()", "x")], ns=ns)
    wanted = sheet_xml(
        [text_cell("A1", "Term"), formula_cell("A4", 'LOWER("Equity")', "equity")],
        ns=ns,
        prefix=prefix,
    )
    data = xlsx(
        [("Intro", other), ("Términos", wanted)],
        workbook=str(options.get("workbook", "xl/workbook.xml")),
        absolute=bool(options.get("absolute")),
        strict=strict,
    )
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert find_formulas(archive, "Términos").cells == {(4, 0): 'LOWER("Equity")'}
        assert find_formulas(archive, "Intro").cells == {(2, 0): "NOW()"}, layout
        with pytest.raises(FormulaScanError, match="does not list sheet 'Nope'"):
            find_formulas(archive, "Nope")


def test_many_formulas_are_listed_up_to_a_limit_then_counted() -> None:
    rows = [text_cell("A1", "Term") + text_cell("B1", "Definition")]
    rows += [
        text_cell(f"A{n}", f"Term {n}") + formula_cell(f"B{n}", f'"Meaning "&A{n}', f"Meaning {n}")
        for n in range(2, 122)
    ]
    findings = read_glossary_bytes(xlsx([("G", sheet_xml(rows))]), "g.xlsx").findings
    listed = a013(findings)
    assert len(listed) == FORMULAS_LISTED
    assert min(f.location.row or 0 for f in listed.values()) == 2
    summary = [f for f in findings if f.id == "A013" and f.location.row is None]
    assert len(summary) == 1
    assert summary[0].message.startswith(f"{120 - FORMULAS_LISTED:,} more cells hold a formula")


def test_a_workbook_without_formulas_has_no_a013() -> None:
    rows = [
        text_cell("A1", "Term") + text_cell("B1", "Definition"),
        text_cell("A2", "=not a formula, typed as text") + text_cell("B2", "f"),
    ]
    findings = check_table(read_glossary_bytes(xlsx([("G", sheet_xml(rows))]), "g.xlsx")).findings
    assert not [f for f in findings if f.id == "A013"]
    # text that starts with "=" is not a formula: it is the injection warning's business
    assert [(f.location.row, f.location.column) for f in findings if f.id == "A015"] == [(2, "A")]


def test_a_sheet_part_that_cannot_be_scanned_gives_a_finding_not_a_crash(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import pl_vocab.io.excel as excel

    def broken(*_: object, **__: object) -> None:
        raise FormulaScanError("part 'xl/sheets/s1.xml' is not well-formed XML at line 1, column 9")

    monkeypatch.setattr(excel, "find_formulas", broken)
    findings = read_glossary_bytes(xlsx([("G", sheet_xml(GLOSSARY_ROWS))]), "g.xlsx").findings
    [finding] = [f for f in findings if f.id == "A013"]
    assert finding.message.startswith(
        "Formula cells could not be looked for: the workbook part 'xl/sheets/s1.xml' is not "
        "well-formed XML at line 1, column 9."
    )
    assert finding.location.sheet == "G"


def test_find_formulas_names_a_part_that_is_not_well_formed() -> None:
    data = xlsx([("G", sheet_xml(GLOSSARY_ROWS).replace("</sheetData>", "</sheetDat>"))])
    with (
        zipfile.ZipFile(io.BytesIO(data)) as archive,
        pytest.raises(
            FormulaScanError, match=r"part 'xl/sheets/s1.xml' is not well-formed XML at line 1"
        ),
    ):
        find_formulas(archive, "G")


def test_a_workbook_written_by_openpyxl(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Glossary"
    sheet.append(["Term", "Definition", "Notes"])
    sheet.append(["Equity", "Each learner gets what they need.", "=ROW()"])
    sheet["A4"] = '="Learner"&" agency"'
    path = tmp_path / "g.xlsx"
    book.save(path)
    found = a013(read_glossary_bytes(path.read_bytes(), "g.xlsx").findings)
    assert sorted(found) == ["A4", "C2"]
    assert "no saved result" in found["A4"].message  # openpyxl stores no cached values


def test_cli_json_report_has_a013_with_row_and_column(tmp_path: Path) -> None:
    path = tmp_path / "district.xlsx"
    path.write_bytes(xlsx([("Glossary", sheet_xml(GLOSSARY_ROWS))]))
    result = CliRunner().invoke(app, ["check", str(path), "--format", "json", "--fail-on", "error"])
    report = json.loads(result.stdout)
    places = sorted(
        (f["location"]["row"], f["location"]["column"])
        for f in report["findings"]
        if f["id"] == "A013"
    )
    assert places == [(2, "C"), (3, "A"), (3, "B"), (3, "C")]
    assert report["input"]["sheet"] == "Glossary"


# .ods ---------------------------------------------------------------------------------------------

ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


def ods(tables: str) -> bytes:
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODS_NS} '
        f'office:version="1.2"><office:body><office:spreadsheet>{tables}</office:spreadsheet>'
        "</office:body></office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
            '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
            '<manifest:file-entry manifest:full-path="/" manifest:media-type='
            '"application/vnd.oasis.opendocument.spreadsheet"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type='
            '"text/xml"/></manifest:manifest>',
        )
        archive.writestr("content.xml", content)
    return buffer.getvalue()


def ods_cell(value: str, formula: str | None = None, repeat: int = 1) -> str:
    f = f" table:formula={quoteattr(formula)}" if formula else ""
    r = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    return (
        f'<table:table-cell office:value-type="string" office:string-value={quoteattr(value)}'
        f"{f}{r}><text:p>{escape(value)}</text:p></table:table-cell>"
    )


def test_ods_formulas_with_repeated_rows_and_cells() -> None:
    hoja = (
        '<table:table table:name="Glosario"><table:table-row>'
        + ods_cell("Término")
        + ods_cell("Definición")
        + "</table:table-row><table:table-row>"
        + ods_cell("Equidad")
        + ods_cell("Cada quien", 'of:=[.A2]&" recibe"')
        + '</table:table-row><table:table-row table:number-rows-repeated="2">'
        + '<table:covered-table-cell table:number-columns-repeated="2"/>'
        + ods_cell("x", "of:=1", repeat=2)
        + "</table:table-row><table:table-row>"
        + ods_cell("Voz", 'of:=LOWER("VOZ")')
        + "</table:table-row></table:table>"
    )
    otra = (
        '<table:table table:name="Otra"><table:table-row>'
        + ods_cell("1", "of:=1")
        + ("</table:table-row></table:table>")
    )
    data = ods(otra + hoja)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        found = find_formulas(archive, "Glosario")
    assert found.cells == {
        (2, 1): '=[.A2]&" recibe"',
        (3, 2): "=1",
        (3, 3): "=1",
        (4, 2): "=1",
        (4, 3): "=1",
        (5, 0): '=LOWER("VOZ")',
    }
    assert found.total == 6
    table = read_glossary_bytes(data, "glosario.ods", sheet="Glosario")
    places = {key for key in a013(table.findings)}
    assert places == {"B2", "C3", "D3", "C4", "D4", "A5"}
    assert "the formula =LOWER(\"VOZ\"); the value it last showed, 'Voz', was read" in (
        a013(table.findings)["A5"].message
    )


def test_a_cell_repeated_a_million_times_is_counted_not_listed() -> None:
    table = (
        '<table:table table:name="T"><table:table-row>'
        + ods_cell("Term")
        + '</table:table-row><table:table-row table:number-rows-repeated="1000000">'
        + ods_cell("x", "of:=1", repeat=1000)
        + "</table:table-row></table:table>"
    )
    with zipfile.ZipFile(io.BytesIO(ods(table))) as archive:
        found = find_formulas(archive, "T", limit=5)
    assert found.total == 1_000_000_000
    assert len(found.cells) == 5


# properties ---------------------------------------------------------------------------------------

_grid = st.lists(
    st.lists(st.sampled_from(["", "text", "formula"]), min_size=1, max_size=6),
    min_size=1,
    max_size=12,
)


@settings(max_examples=60, deadline=None)
@given(_grid, st.booleans(), st.booleans())
def test_every_formula_cell_is_found_where_it_is(
    grid: list[list[str]], with_refs: bool, skip_rows: bool
) -> None:
    """A random sheet, with or without cell references, with gaps between rows: the formula
    cells found are exactly the ones written, at the right row and column."""
    rows_xml = []
    expected = {}
    for r, kinds in enumerate(grid):
        row = r * 2 + 1 if skip_rows else r + 1
        cells = []
        for c, kind in enumerate(kinds):
            ref = f"{column_letter(c)}{row}"
            if kind == "formula":
                expected[(row, c)] = f"ROW()+{c}"
                cells.append(formula_cell(ref if with_refs else None, f"ROW()+{c}", "1"))
            elif kind == "text" or not with_refs:
                cells.append(text_cell(ref if with_refs else None, "t"))
        row_attr = f' r="{row}"' if with_refs or skip_rows else ""
        rows_xml.append(f"<row{row_attr}>{''.join(cells)}</row>")
    xml = (
        f'<?xml version="1.0"?><worksheet xmlns="{MAIN}"><sheetData>{"".join(rows_xml)}'
        "</sheetData></worksheet>"
    )
    with zipfile.ZipFile(io.BytesIO(xlsx([("S", xml)]))) as archive:
        found = find_formulas(archive, "S")
    assert found.cells == expected
    assert found.total == len(expected)


@pytest.mark.parametrize("chunk", [5, 17, 64, 256 * 1024])
@pytest.mark.parametrize("prefix", ["", "x"])
def test_formulas_past_the_limit_are_counted_exactly_across_chunk_boundaries(
    monkeypatch: pytest.MonkeyPatch, chunk: int, prefix: str
) -> None:
    """After the cells it may list, the scan only counts formulas on the raw bytes; every
    chunk size must give the same total as parsing would."""
    import pl_vocab.io.workbook_formulas as scan

    monkeypatch.setattr(scan, "_CHUNK", chunk)
    rows = [text_cell("A1", "Term")]
    last = 3000 if chunk > 1000 else 300
    rows += [
        text_cell(f"A{n}", "<f> is text here")
        + (formula_cell(f"B{n}", "ROW()", "1") if n % 3 else text_cell(f"B{n}", "plain"))
        + '<c t="str"><f t="shared" si="0"/><v>x</v></c>'
        for n in range(2, last)
    ]
    xml = sheet_xml(rows, prefix=prefix)
    expected = sum(1 for n in range(2, last) if n % 3) + (last - 2)
    with zipfile.ZipFile(io.BytesIO(xlsx([("S", xml)]))) as archive:
        limited = find_formulas(archive, "S", limit=7)
        everything = find_formulas(archive, "S", limit=10**6)
    assert len(limited.cells) == 7
    assert limited.total == everything.total == len(everything.cells) == expected


def test_f_elements_outside_cells_are_not_formula_cells() -> None:
    """Excel writes the source of a drop-down list as ``<xm:f>`` in ``extLst``, after the cells:
    not a cell's formula, and neither listed nor counted."""
    rows = [
        text_cell("A1", "Term") + text_cell("B1", "Definition"),
        text_cell("A2", "Equity") + text_cell("B2", "Fair"),
        text_cell("A3", "Voice") + formula_cell("B3", '"x"', "x"),
    ]
    xml = sheet_xml(rows).replace(
        "</sheetData>",
        '</sheetData><extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
        'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" '
        'xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:dataValidations>'
        '<x14:dataValidation type="list"><x14:formula1><xm:f>Lists!$A$1:$A$5</xm:f>'
        "</x14:formula1><xm:sqref>C2:C100</xm:sqref></x14:dataValidation>"
        "</x14:dataValidations></ext></extLst>",
    )
    data = xlsx([("Glossary", xml)])
    assert sorted(a013(read_glossary_bytes(data, "g.xlsx").findings)) == ["B3"]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert find_formulas(archive, "Glossary", limit=0).total == 1  # counted on raw bytes


@pytest.mark.parametrize("chunk", [64, 256 * 1024])
def test_a_formula_split_by_the_read_where_listing_stops_is_still_counted(
    monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    import pl_vocab.io.workbook_formulas as scan

    monkeypatch.setattr(scan, "_CHUNK", chunk)
    rows = [text_cell("A1", "Term")]
    rows += [formula_cell(f"B{i}", f'"d{i}"', f"d{i}") for i in range(2, 12)]  # 10 formulas
    xml = sheet_xml(rows)
    # pad so that the 4th formula's <f> is in one read and its </f> in the next
    start = xml.index("<f>", xml.index('<c r="B5"'))
    pad = (chunk - (start + 3) - 2) % chunk
    k = xml.index('<c r="B5"')
    xml = xml[:k] + "<!--" + "p" * max(pad - 7, 0) + "-->" + xml[k:]
    data = xlsx([("S", xml)])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for limit in range(0, 11):
            assert find_formulas(archive, "S", limit=limit).total == 10, limit


def test_a_sheet_name_with_a_tab_is_found() -> None:
    rows = [text_cell("A1", "Term"), formula_cell("A2", 'LOWER("FAIR")', "fair")]
    data = xlsx([("tab\there", sheet_xml(rows))])
    assert sorted(a013(read_glossary_bytes(data, "g.xlsx").findings)) == ["A2"]


# the area a sheet's values span -------------------------------------------------------------


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        # one stray value in Excel's last cell: python-calamine would ask for 17 billion cells
        ([text_cell("A1", "Term"), text_cell("XFD1048576", "x")], "cell XFD1048576"),
        # a row number far beyond Excel's, with a cell written without a reference
        (
            [
                text_cell("A1", "Term"),
                '</row><row r="4294967295"><c t="inlineStr"><is><t>x</t></is></c>',
            ],
            "values down to row 4,294,967,295",
        ),
        ([text_cell("A1", "Term"), text_cell("A300000", "x")], "values down to row 300,000"),
    ],
)
def test_a_sheet_whose_values_span_too_large_an_area_is_refused_before_reading(
    cells: list[str], message: str
) -> None:
    with pytest.raises(GlossaryInputError) as err:
        read_glossary_bytes(xlsx([("G", sheet_xml(cells))]), "g.xlsx")
    assert message in str(err.value) and err.value.check_id == "A018"
    assert "Ctrl+End" in str(err.value)


def test_a_wide_sheet_and_far_empty_styled_cells_are_read() -> None:
    cells = [
        text_cell("A1", "Term") + text_cell("XFD1", "last column"),
        text_cell("A2", "Equity") + '<c r="XFD1048576" s="1"/>',  # styled, empty: not a value
    ]
    table = read_glossary_bytes(xlsx([("G", sheet_xml(cells))]), "g.xlsx")
    assert [r.term for r in table.rows] == ["Equity"]


def test_the_area_of_many_cells_is_refused() -> None:
    import pl_vocab.io.excel as excel

    cells = [text_cell("A1", "Term"), text_cell("J2000", "far")]  # 2,000 rows x 10 columns
    data = xlsx([("G", sheet_xml(cells))])
    read_glossary_bytes(data, "g.xlsx")  # 20,000 cells: fine
    original = excel.MAX_CELLS
    try:
        excel.MAX_CELLS = 19_999
        with pytest.raises(
            GlossaryInputError, match=r"from A1 to J2000, an area of 2,000 rows by 10"
        ):
            read_glossary_bytes(data, "g.xlsx")
    finally:
        excel.MAX_CELLS = original


@pytest.mark.parametrize("chunk", [7, 64, 256 * 1024])
@pytest.mark.parametrize(
    ("cells", "small"),
    [
        ([text_cell(f"A{n}", "t") + text_cell(f"Z{n}", "d") for n in range(1, 100)], True),
        ([text_cell("A1", "t"), text_cell("A100", "t")], False),  # row 100: at the bound
        ([text_cell("A1", "t"), text_cell("AA2", "t")], False),  # a column past Z
        ([text_cell("A1", "t"), '<c t="inlineStr"><is><t>x</t></is></c>'], False),  # no r
        ([text_cell("A1", "t"), '<c t="s" r="B1"><v>0</v></c>'], False),  # r not first
    ],
)
def test_the_quick_screen_never_passes_a_sheet_it_cannot_bound(
    monkeypatch: pytest.MonkeyPatch, chunk: int, cells: list[str], small: bool
) -> None:
    import pl_vocab.io.workbook_limits as scan

    monkeypatch.setattr(scan, "_CHUNK", chunk)
    with zipfile.ZipFile(io.BytesIO(xlsx([("G", sheet_xml(cells))]))) as archive:
        (part,) = scan.sheet_parts(archive, "G")
        assert scan.xlsx_is_small(archive, part, 100) is small
