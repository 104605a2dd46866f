"""The glossary input layer: encodings, dialects, workbooks, YAML/JSON, columns, limits, errors.

Every fixture is written here, into ``tmp_path`` or memory, so that what is tested is visible.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import io
import json
import re
import time
import unicodedata
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pl_vocab.core.errors import InputError
from pl_vocab.glossary.columns import (
    GlossaryInputError,
    map_columns,
    parse_columns_option,
    role_of,
)
from pl_vocab.glossary.read import (
    GlossaryTable,
    read_glossary,
    read_glossary_bytes,
    split_synonyms,
)
from pl_vocab.io.excel import read_workbook
from pl_vocab.io.tables import column_letter, read_delimited
from pl_vocab.io.text import decode_text

SPANISH_CSV = (
    "Término;Definition;Definición (ES);Notes\r\n"
    "Learner’s “voice”;What learners say – and how;La voz del niño en su aprendizaje;\r\n"
    "Equity;Fair, just: each gets what they need;Equidad: señal de justicia;café\r\n"
)


def ids(table: GlossaryTable) -> list[str]:
    return [f.id for f in table.findings]


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# Encodings --------------------------------------------------------------------------------------


def test_windows_1252_with_curly_quotes_and_accents_reads_correctly_with_a_warning(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, "glosario.csv", SPANISH_CSV.encode("cp1252"))
    g = read_glossary(path)
    assert g.encoding == "cp1252"
    assert g.rows[0].term == "Learner’s “voice”"
    assert g.rows[0].definition == "What learners say – and how"
    assert g.rows[0].definition_es == "La voz del niño en su aprendizaje"
    assert g.rows[1].notes == "café"
    fallback = next(f for f in g.findings if f.id == "A001")
    assert fallback.severity == "warning"
    assert fallback.location.line == 1
    assert "CSV UTF-8" in (fallback.suggestion or "")


def test_utf8_with_bom_strips_the_mark_from_the_first_header() -> None:
    g = read_glossary_bytes(codecs.BOM_UTF8 + SPANISH_CSV.encode(), "g.csv")
    assert g.encoding == "utf-8-sig"
    assert g.header[0] == "Término"
    assert g.column_map["term"] == "Término"
    assert "A004" in ids(g) and "A001" not in ids(g)


@pytest.mark.parametrize(
    ("codec", "bom"), [("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE)]
)
def test_utf16_with_bom(codec: str, bom: bytes) -> None:
    g = read_glossary_bytes(bom + SPANISH_CSV.encode(codec), "g.csv")
    assert g.encoding == codec
    assert [r.term for r in g.rows] == ["Learner’s “voice”", "Equity"]
    assert "A004" in ids(g)


def test_plain_utf8_has_no_encoding_finding() -> None:
    g = read_glossary_bytes(SPANISH_CSV.encode(), "g.csv")
    assert g.encoding == "utf-8"
    assert not {"A001", "A002", "A003", "A004"} & set(ids(g))


def test_utf16_without_bom_and_undecodable_bytes_are_refused_with_a_location() -> None:
    with pytest.raises(GlossaryInputError, match="UTF-16 without a byte-order mark") as err:
        read_glossary_bytes(SPANISH_CSV.encode("utf-16-le"), "g.csv")
    assert err.value.check_id == "A002"
    data = b"Term,Definition\nA,b\nC,\x81\x8d\n"
    with pytest.raises(GlossaryInputError, match=r"g\.csv, line 3: .*0x81.*Windows-1252") as err:
        read_glossary_bytes(data, "g.csv")
    assert "re-save" in str(err.value).lower()


def test_named_encoding_is_used_strictly() -> None:
    data = "Term\nniño\n".encode("latin-1")
    assert read_glossary_bytes(data, "g.csv", encoding="latin-1").rows[0].term == "niño"
    with pytest.raises(GlossaryInputError, match="not valid utf-8"):
        read_glossary_bytes(data, "g.csv", encoding="utf-8")
    with pytest.raises(GlossaryInputError, match="unknown encoding"):
        read_glossary_bytes(data, "g.csv", encoding="klingon")


def test_mojibake_is_reported() -> None:
    g = read_glossary_bytes("Term\nlearnerâ€™s voice\nEvaluaciÃ³n\n".encode(), "g.csv")
    (finding,) = [f for f in g.findings if f.id == "A003"]
    assert finding.location.line == 2


def test_latin1_is_never_guessed() -> None:
    # 0x81 is undefined in cp1252; latin-1 would accept it silently as a control character
    assert decode_text(b"ok").encoding == "utf-8"
    with pytest.raises(InputError) as err:
        decode_text(b"caf\xe9 \x81", source="x.csv")
    assert err.value.check_id == "A002"


# Delimiters and rows --------------------------------------------------------------------------


def test_semicolon_csv_from_excel_with_trailing_empty_rows() -> None:
    text = SPANISH_CSV + ";;;\r\n;;;\r\n"
    g = read_glossary_bytes(text.encode("cp1252"), "g.csv")
    assert g.delimiter == ";"
    assert g.blank_rows == 2
    assert "A011" not in ids(g)  # trailing blank rows are counted, not reported
    (chosen,) = [f for f in g.findings if f.id == "A005"]
    assert "semicolon" in chosen.message


def test_tab_separated_with_commas_and_semicolons_in_cells() -> None:
    text = "Term\tDefinition\tSynonyms\nEquity\tFair, just; right\tFairness, Justice\n"
    g = read_glossary_bytes(text.encode(), "g.tsv")
    assert g.delimiter == "\t"
    assert g.rows[0].definition == "Fair, just; right"
    assert g.rows[0].synonyms == ["Fairness", "Justice"]
    assert read_glossary_bytes(text.encode(), "g.txt").delimiter == "\t"


def test_pipe_and_comma_detection_and_excel_sep_line() -> None:
    assert read_glossary_bytes(b"Term|Definition\nA|b, c, d\n", "g.csv").delimiter == "|"
    assert read_glossary_bytes(b'Term,Definition\nA,"b; c; d"\n', "g.csv").delimiter == ","
    # both parse consistently: the header's count, then the semicolon, decide
    assert read_glossary_bytes(b"Term;Definition, English\nA;b, c\n", "g.csv").delimiter == ";"
    assert read_glossary_bytes(b"Term,Definition;x,Notes\nA,b;c,d\n", "g.csv").delimiter == ","
    g = read_glossary_bytes(b"sep=;\r\nTerm;Definition\r\nA;b, c\r\n", "g.csv")
    assert g.delimiter == ";"
    assert (g.rows[0].row, g.rows[0].line) == (2, 3)


def test_quoted_multiline_cells_keep_excel_row_numbers() -> None:
    text = (
        "Term,Definition\r\n"
        '"Learner agency","Learners set goals\r\nand choose\r\nhow to reach them"\r\n'
        "\r\n"
        '"Voice","One line"\r\n'
        '"Equity","Two\nlines"\r\n'
        "Last,x\r\n"
    )
    g = read_glossary_bytes(text.encode(), "g.csv")
    assert [(r.row, r.line) for r in g.rows] == [(2, 2), (4, 6), (5, 7), (6, 9)]
    assert g.rows[0].definition == "Learners set goals\r\nand choose\r\nhow to reach them"
    (blank,) = [f for f in g.findings if f.id == "A011"]
    assert blank.location.row == 3


def test_ragged_rows_are_reported_and_kept() -> None:
    text = "Term;Definition;Notes\nA;one; two;note\nB;only\nC;x;y\n"
    g = read_glossary_bytes(text.encode(), "g.csv")
    assert [r.term for r in g.rows] == ["A", "B", "C"]
    assert g.rows[0].extra == {"(column D)": "note"}
    ragged = [f for f in g.findings if f.id == "A012"]
    assert [(f.location.row, f.location.column) for f in ragged] == [(2, "D"), (3, "C")]


def test_unclosed_quote_is_refused_with_row_and_line() -> None:
    text = 'Term,Definition\nA,b\nB,"never closed\nC,d\n'
    with pytest.raises(GlossaryInputError, match=r"row 3 \(line 3\).*never closed"):
        read_glossary_bytes(text.encode(), "g.csv")


def test_stray_quotes_are_read_as_excel_reads_them() -> None:
    g = read_glossary_bytes(b'Term,Definition\n"Learner" agency,x\n', "g.csv")
    assert g.rows[0].term == "Learner agency"


def test_single_quoted_header_with_delimiters_is_a006() -> None:
    with pytest.raises(GlossaryInputError) as err:
        read_glossary_bytes(b'"Term;Definition"\n"A;b"\n', "g.csv")
    assert err.value.check_id == "A006"


def test_column_letters() -> None:
    assert [column_letter(i) for i in (0, 1, 25, 26, 27, 51, 52, 701, 702)] == [
        "A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"
    ]  # fmt: skip


# Columns ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("Term", "term"), ("WORD", "term"), ("Name", "term"), ("Concept", "term"),
        ("Label", "term"), ("Vocabulary", "term"), ("término", "term"), ("Termino", "term"),
        ("Palabra", "term"), ("Concepto", "term"), ("Definition", "definition"),
        ("meaning", "definition"), ("Description:", "definition"), ("Definición", "definition"),
        ("SIGNIFICADO", "definition"), ("Descripción", "definition"), ("Synonyms", "synonyms"),
        ("a.k.a.", "synonyms"), ("Also known as", "synonyms"), ("Alternative terms", "synonyms"),
        ("Sinónimos", "synonyms"), ("También conocido como", "synonyms"), ("Notes", "notes"),
        ("Comments", "notes"), ("Notas", "notes"), ("Comentarios", "notes"),
        ("Broader", "broader"), ("Parent", "broader"), ("Category", "broader"),
        ("Término general", "broader"), ("Padre", "broader"), ("Categoría", "broader"),
        ("Language", "language"), ("lang", "language"), ("Idioma", "language"),
        ("Lengua", "language"), ("Término (español)", "term_es"), ("term_es", "term_es"),
        ("Spanish term", "term_es"), ("Definición (español)", "definition_es"),
        ("definition_es", "definition_es"), ("Definition (ES)", "definition_es"),
        ("Term (English)", "term"), ("prefLabel", "term"), ("skos:altLabel", "synonyms"),
        ("Owner", None), ("Spanish", None), ("", None),
    ],
)  # fmt: skip
def test_header_recognition_in_english_and_spanish(header: str, role: str | None) -> None:
    assert role_of(header) == role


def test_term_and_termino_side_by_side_make_a_spanish_pair() -> None:
    m = map_columns(["Término", "Definición", "Term", "Definition", "Notas"])
    assert m.roles == {"term": 2, "definition": 3, "notes": 4, "term_es": 0, "definition_es": 1}


def test_spanish_only_pair_fills_term_and_says_spanish() -> None:
    text = "Término (español);Definición (español)\nAgencia;Actuar con propósito\n"
    g = read_glossary_bytes(text.encode(), "g.csv")
    assert g.column_map == {"term": "Término (español)", "definition": "Definición (español)"}
    assert g.term_language == "es"
    assert (g.rows[0].term, g.rows[0].definition) == ("Agencia", "Actuar con propósito")


def test_unknown_columns_are_kept_and_reported() -> None:
    text = "Term,Owner,Definition,Word,Definition,\nA,Ana,d,w,d2,orphan\nB,,,,,\n"
    g = read_glossary_bytes(text.encode(), "g.csv")
    row = g.rows[0]
    assert row.extra == {
        "Owner": "Ana",
        "Word": "w",
        "Definition (column E)": "d2",
        "(column F)": "orphan",
    }
    by_id = {(f.id, f.location.column) for f in g.findings}
    assert {("A008", "B"), ("A008", "D"), ("A009", "E"), ("A010", "F")} <= by_id
    owner = next(f for f in g.findings if f.id == "A008" and f.location.column == "B")
    assert owner.severity == "info" and owner.location.field == "Owner"
    assert owner.location.row == 1


def test_columns_override_and_its_errors() -> None:
    text = "Vocabulary,Meaning,Word\nAgency,Acting,x\n"
    g = read_glossary_bytes(text.encode(), "g.csv", columns="term=Vocabulary,definition=Meaning")
    assert g.column_map == {"term": "Vocabulary", "definition": "Meaning"}
    assert g.rows[0].extra == {"Word": "x"}
    g = read_glossary_bytes(text.encode(), "g.csv", columns={"term": "word"})
    assert g.column_map["term"] == "Word" and g.rows[0].term == "x"
    with pytest.raises(
        GlossaryInputError, match=r"unknown role 'defintion'.*Did you mean 'definition'"
    ):
        read_glossary_bytes(text.encode(), "g.csv", columns="term=Vocabulary,defintion=Meaning")
    with pytest.raises(
        GlossaryInputError,
        match=r"no column with this header.*Did you mean 'Meaning'.*'Vocabulary', 'Meaning', 'Word'",
    ):
        read_glossary_bytes(text.encode(), "g.csv", columns="definition=Meanig")
    with pytest.raises(GlossaryInputError, match="ROLE=HEADER"):
        parse_columns_option("term")
    with pytest.raises(GlossaryInputError, match="given twice"):
        parse_columns_option("term=a,term=b")
    with pytest.raises(GlossaryInputError, match="both name the column"):
        read_glossary_bytes(text.encode(), "g.csv", columns="term=Word,definition=Word")


def test_no_term_column_is_a007_with_the_headers_and_the_fix() -> None:
    with pytest.raises(GlossaryInputError) as err:
        read_glossary_bytes(b"Palabra clave,Significado\nx,y\n", "g.csv")
    assert err.value.check_id == "A007"
    assert "'Palabra clave'" in str(err.value) and "--columns term=" in str(err.value)


def test_values_are_stripped_and_nfc_with_the_original_kept() -> None:
    decomposed = unicodedata.normalize("NFD", "Niño")
    g = read_glossary_bytes(f"Term,Definition\n  {decomposed} ,x\n".encode(), "g.csv")
    assert g.rows[0].term == "Niño"
    assert g.rows[0].original == {"term": f"  {decomposed} "}


def test_synonym_splitting() -> None:
    assert split_synonyms("a; b | c\nd") == ["a", "b", "c", "d"]
    assert split_synonyms("Learning, personalized; PL") == ["Learning, personalized", "PL"]
    assert split_synonyms("x, y ,") == ["x", "y"]
    assert split_synonyms("  ") == []


def test_formula_like_cells_are_flagged() -> None:
    g = read_glossary_bytes(b'Term,Definition\nA,"=HYPERLINK(""http://x"",""y"")"\n', "g.csv")
    (f,) = [f for f in g.findings if f.id == "A015"]
    assert (f.location.row, f.location.column, f.location.field) == (2, "B", "Definition")


# Workbooks ----------------------------------------------------------------------------------------


def make_xlsx(path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Intro"
    ws["A1"] = "About this glossary"
    terms = wb.create_sheet("Glosario")
    terms["B3"] = "Term"  # data starts at B3: rows and letters must still be Excel's
    terms["C3"] = "Definition"
    terms["D3"] = "Término (español)"
    terms["E3"] = "Definición (español)"
    terms.append(
        [None, "Learner agency", "Learners act with purpose", "Agencia del estudiante", "Actuar"]
    )
    terms.append([None, "Equity", "Each gets what they need", "Equidad", None])
    terms.append([])
    terms.append([None, "Unit", 3, dt.date(2024, 1, 2), None])
    terms.merge_cells("D8:E8")
    terms["D8"] = "merged"
    terms["B8"] = "Merge"
    hidden = wb.create_sheet("Notes")
    hidden.sheet_state = "hidden"
    wb.save(path)


def test_xlsx_with_english_and_spanish_columns_and_a_named_sheet(tmp_path: Path) -> None:
    path = tmp_path / "glosario.xlsx"
    make_xlsx(path)
    g = read_glossary(path, sheet="Glosario")
    assert g.sheet == "Glosario" and g.encoding is None and g.delimiter is None
    assert g.column_map == {
        "term": "Term",
        "definition": "Definition",
        "term_es": "Término (español)",
        "definition_es": "Definición (español)",
    }
    first = g.rows[0]
    assert (first.row, first.line, first.term, first.term_es) == (
        4,
        None,
        "Learner agency",
        "Agencia del estudiante",
    )
    unit = next(r for r in g.rows if r.term == "Unit")
    assert (unit.row, unit.definition, unit.term_es) == (7, "3", "2024-01-02")
    non_text = {(f.location.row, f.location.column) for f in g.findings if f.id == "A014"}
    assert non_text == {(7, "C"), (7, "D")}
    assert any(f.id == "A011" and f.location.row == 6 for f in g.findings)
    merged = next(f for f in g.findings if f.id == "A016")
    assert (merged.location.row, merged.location.column) == (8, "D")
    assert "D8:E8" in merged.message
    sheets = next(f for f in g.findings if f.id == "A017")
    assert "'Notes' (hidden)" in sheets.message
    # case-insensitive sheet name, default sheet, unknown sheet
    assert read_glossary(path, sheet="glosario").sheet == "Glosario"
    with pytest.raises(GlossaryInputError, match="no column is recognized"):
        read_glossary(path)  # first visible sheet "Intro" is not a glossary
    with pytest.raises(
        GlossaryInputError,
        match=r"no sheet named 'Glossary'.*Did you mean 'Glosario'.*'Intro', 'Glosario', 'Notes'",
    ):
        read_glossary(path, sheet="Glossary")


def test_sheet_option_is_only_for_workbooks() -> None:
    with pytest.raises(GlossaryInputError, match="have no sheets"):
        read_glossary_bytes(b"Term\nA\n", "g.csv", sheet="Terms")


def make_ods(sheets: dict[str, list[list[object]]]) -> bytes:
    """A minimal OpenDocument spreadsheet: mimetype, manifest and content.xml."""
    body = []
    for name, rows in sheets.items():
        body.append(f'<table:table table:name="{escape(name)}">')
        for row in rows:
            body.append("<table:table-row>")
            for cell in row:
                if isinstance(cell, int | float):
                    body.append(
                        f'<table:table-cell office:value-type="float" office:value="{cell}">'
                        f"<text:p>{cell}</text:p></table:table-cell>"
                    )
                else:
                    body.append(
                        '<table:table-cell office:value-type="string">'
                        f"<text:p>{escape(str(cell))}</text:p></table:table-cell>"
                    )
            body.append("</table:table-row>")
        body.append("</table:table>")
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} office:version="1.2">'
        f"<office:body><office:spreadsheet>{''.join(body)}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
        '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type='
        '"application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr("content.xml", content)
    return buffer.getvalue()


def test_ods_with_two_sheets() -> None:
    data = make_ods(
        {
            "Hoja1": [
                ["Término", "Definición", "Sinónimos"],
                ["Agencia", "Actuar", "Voz; Elección"],
            ],
            "Hoja2": [["Term", "Meaning"], ["Unit", 3]],
        }
    )
    g = read_glossary_bytes(data, "g.ods")
    assert (g.sheet, g.rows[0].term, g.rows[0].synonyms) == (
        "Hoja1",
        "Agencia",
        ["Voz", "Elección"],
    )
    assert g.term_language == "es"
    g = read_glossary_bytes(data, "g.ods", sheet="Hoja2")
    assert (g.rows[0].row, g.rows[0].definition) == (2, "3")


@pytest.mark.parametrize("name", ["g.xlsx", "g.ods", "g.xls"])
def test_broken_workbooks_are_input_errors_with_the_file(tmp_path: Path, name: str) -> None:
    good = tmp_path / "good.xlsx"
    make_xlsx(good)
    data = good.read_bytes()
    for broken in (data[: len(data) // 2], b"\x00garbage" * 50, b"", b"PK\x03\x04" + b"\x00" * 40):
        with pytest.raises(GlossaryInputError) as err:
            read_glossary_bytes(broken, name)
        assert str(err.value).startswith(f"{name}: ")
        assert "Traceback" not in str(err.value)


def test_workbook_that_unpacks_too_large_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * 2_000_000)
    with pytest.raises(InputError) as err:
        read_workbook(buffer.getvalue(), source="bomb.xlsx", max_uncompressed=1_000_000)
    assert err.value.check_id == "A018"


def test_workbook_renamed_csv_is_explained() -> None:
    with pytest.raises(GlossaryInputError, match=r"workbook \(\.xlsx or \.ods\) with a \.csv name"):
        read_glossary_bytes(make_ods({"S": [["Term"]]}), "g.csv")


# YAML and JSON --------------------------------------------------------------------------------


def test_yaml_glossary_keeps_text_as_written_and_lines() -> None:
    text = (
        "terms:\n"
        "  - Término: Agencia\n"
        "    Definición: No\n"
        "    Sinónimos: [Voz, Elección]\n"
        "  - Término: '0012'\n"
        "    Definición: 0012\n"
        "    Owner: Ana\n"
    )
    g = read_glossary_bytes(text.encode(), "g.yaml")
    assert g.column_map == {"term": "Término", "definition": "Definición", "synonyms": "Sinónimos"}
    assert [(r.row, r.line) for r in g.rows] == [(1, 2), (2, 5)]
    assert g.rows[0].definition == "No"  # not False
    assert g.rows[0].synonyms == ["Voz", "Elección"]
    assert g.rows[1].definition == "0012"
    assert g.rows[1].extra == {"Owner": "Ana"}
    unknown = next(f for f in g.findings if f.id == "A008")
    assert unknown.location.field == "Owner" and unknown.location.row is None


def test_yaml_alias_bomb_is_refused_quickly() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(9)
    )
    start = time.perf_counter()
    with pytest.raises(GlossaryInputError, match=r"g\.yaml, line 2: YAML aliases") as err:
        read_glossary_bytes(bomb.encode(), "g.yaml")
    assert err.value.check_id == "A018"
    assert time.perf_counter() - start < 1.0


def test_json_glossary_with_lines_and_non_text_values() -> None:
    data = {
        "name": "District glossary",
        "terms": [
            {"term": "Equity", "aka": ["Fairness", "Justice"], "definition": "Fair"},
            "Agency",
            {"term": "Unit", "definition": 3},
        ],
    }
    g = read_glossary_bytes(json.dumps(data, indent=2).encode(), "g.json")
    assert [r.term for r in g.rows] == ["Equity", "Agency", "Unit"]
    assert [r.line for r in g.rows] == [4, 12, 13]
    assert g.rows[0].synonyms == ["Fairness", "Justice"]
    (non_text,) = [f for f in g.findings if f.id == "A014"]
    assert (non_text.location.record_index, non_text.location.field) == (2, "definition")


@pytest.mark.parametrize(
    ("text", "name", "message"),
    [
        ("[1, 2", "g.json", r"g\.json, line 1: this is not valid JSON"),
        ('{"a": 1}', "g.json", "found a mapping with keys 'a'"),
        ("[[1]]", "g.json", "this entry is a list"),
        ("- a\n- [b\n", "g.yaml", r"g\.yaml, line \d: this is not valid YAML"),
        ("[" * 5000, "g.json", "nested too deeply"),
        ("- [" * 5000, "g.yaml", "(nested too deeply|not valid YAML)"),
        ("x: !!int 1" + "1" * 5000, "g.yaml", "not valid YAML"),
        ("[" + "1" * 5000 + "]", "g.json", "more than 4,300 digits; write it as text"),
    ],
)
def test_malformed_yaml_and_json(text: str, name: str, message: str) -> None:
    with pytest.raises(GlossaryInputError, match=message):
        read_glossary_bytes(text.encode(), name)


# Limits and refusals ----------------------------------------------------------------------------


def test_size_cap(tmp_path: Path) -> None:
    path = write(tmp_path, "big.csv", b"Term\n" + b"x\n" * 1000)
    with pytest.raises(
        GlossaryInputError, match=r"2,005 bytes, more than the limit of 1,000"
    ) as err:
        read_glossary(path, max_bytes=1000)
    assert err.value.check_id == "A018"
    with pytest.raises(GlossaryInputError, match="more than the limit"):
        read_glossary_bytes(b"Term\n" + b"x\n" * 1000, "big.csv", max_bytes=1000)


def test_row_caps(tmp_path: Path) -> None:
    with pytest.raises(GlossaryInputError, match=r"row 12 \(line 12\): more than 10 rows") as err:
        read_glossary_bytes(b"Term\n" + b"x\n" * 11, "g.csv", max_rows=10)
    assert err.value.check_id == "A018"
    assert len(read_glossary_bytes(b"Term\n" + b"x\n" * 10, "g.csv", max_rows=10).rows) == 10
    with pytest.raises(GlossaryInputError, match="more than 2 entries"):
        read_glossary_bytes(b'["a", "b", "c"]', "g.json", max_rows=2)
    path = tmp_path / "g.xlsx"
    make_xlsx(path)
    with pytest.raises(GlossaryInputError, match="more than 2 rows"):
        read_glossary(path, sheet="Glosario", max_rows=2)


def test_unsupported_extensions_list_the_supported_ones(tmp_path: Path) -> None:
    for name in ("g.pdf", "g.docx", "glossary"):  # SKOS files are read by glossary.skos_input
        with pytest.raises(GlossaryInputError, match=r"\.csv \.tsv \.txt \.xlsx .*\.ttl"):
            read_glossary(tmp_path / name)


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(GlossaryInputError, match="cannot be read"):
        read_glossary(tmp_path / "nope.csv")


def test_binary_garbage_in_a_csv_is_refused_with_a_location() -> None:
    with pytest.raises(GlossaryInputError) as err:
        read_glossary_bytes(bytes(range(256)) * 4, "g.csv")
    assert err.value.location is not None and err.value.location.file == "g.csv"
    assert err.value.location.line is not None
    assert "Traceback" not in str(err.value)


def test_input_error_converts_to_a_finding() -> None:
    with pytest.raises(GlossaryInputError) as err:
        read_glossary_bytes(b"Term\n" + b"x\n" * 3, "g.csv", max_rows=1)
    finding = err.value.to_finding()
    assert (finding.id, finding.name, finding.severity) == ("A018", "input-refused", "error")


# Properties ---------------------------------------------------------------------------------------

_OTHER_DELIMITERS = ",;\t|"


def _cells(delimiter: str) -> st.SearchStrategy[str]:
    excluded = "\x00\ufeff" + _OTHER_DELIMITERS.replace(delimiter, "")
    return st.text(
        st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters=excluded),
        max_size=12,
    )


@st.composite
def delimited_tables(draw: st.DrawFn) -> tuple[str, list[list[str]]]:
    delimiter = draw(st.sampled_from(list(_OTHER_DELIMITERS)))
    width = draw(st.integers(2, 4))
    row = st.lists(_cells(delimiter), min_size=width, max_size=width).filter(
        lambda r: any(c.strip() for c in r)
    )
    return delimiter, draw(st.lists(row, min_size=1, max_size=6))


@given(delimited_tables(), st.sampled_from(["\r\n", "\n"]))
def test_any_unicode_table_round_trips_through_csv(
    table: tuple[str, list[list[str]]], newline: str
) -> None:
    delimiter, rows = table
    buffer = io.StringIO()
    # csv.writer leaves a lone CR unquoted when the line ends are LF: quote everything then
    quoting = csv.QUOTE_MINIMAL if newline == "\r\n" else csv.QUOTE_ALL
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=newline, quoting=quoting)
    writer.writerows(rows)
    decoded = decode_text(buffer.getvalue().encode("utf-8"), source="t.csv")
    read = read_delimited(decoded.text, source="t.csv")
    assert read.delimiter == delimiter
    assert [list(read.header.cells), *(list(r.cells) for r in read.records)] == rows


@given(delimited_tables(), st.sampled_from(["utf-8", "utf-16", "utf-8-sig"]))
def test_any_glossary_reads_back_as_written(table: tuple[str, list[list[str]]], codec: str) -> None:
    delimiter, rows = table
    header = ["Term", "Definition", "Notes", "Extra"][: len(rows[0])]
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows([header, *rows])
    g = read_glossary_bytes(buffer.getvalue().encode(codec), "t.csv")
    clean = [[unicodedata.normalize("NFC", c.strip()) for c in r] for r in rows]
    kept = [r for r in clean if any(r)]
    assert [r.term for r in g.rows] == [r[0] for r in kept]
    assert [r.definition for r in g.rows] == [r[1] or None for r in kept]


@given(
    st.binary(max_size=600),
    st.sampled_from([".csv", ".tsv", ".txt", ".json", ".yaml", ".xlsx", ".ods", ".xls"]),
)
def test_arbitrary_bytes_raise_nothing_but_glossary_input_error(data: bytes, ext: str) -> None:
    try:
        read_glossary_bytes(data, f"g{ext}")
    except GlossaryInputError as exc:
        assert str(exc).startswith(f"g{ext}")


@given(st.binary(max_size=300))
def test_arbitrary_bytes_inside_a_zip_raise_nothing_but_glossary_input_error(data: bytes) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", data)
        archive.writestr("xl/workbook.xml", data)
    for name in ("g.xlsx", "g.ods"):
        with contextlib.suppress(GlossaryInputError):
            read_glossary_bytes(buffer.getvalue(), name)


@pytest.mark.parametrize(
    ("name", "text", "line", "message"),
    [
        (
            "g.yaml",
            "terms:\n  - term: Equity\n    definition: Each learner gets what they need.\n"
            "    definition: Everyone gets the same.\n",
            4,
            "the key 'definition' appears twice in one mapping (column 5)",
        ),
        (
            "g.json",
            '[{"term": "Equity", "definition": "a",\n  "definition": "b"}]',
            2,
            "the key 'definition' appears twice in one object at column 3",
        ),
        ("g.json", '[{"term": "Equity",\n "definition": NaN}]', 2, "NaN is not a JSON value"),
        ("g.json", '[{"term": "Equity", "n": ' + "9" * 5000 + "}]", 1, "more than 4,300 digits"),
    ],
)
def test_a_field_written_twice_or_a_value_json_has_not_is_refused_with_its_line(
    name: str, text: str, line: int, message: str
) -> None:
    """Reading it anyway would keep one value and silently lose the other."""
    with pytest.raises(GlossaryInputError) as err:
        read_glossary_bytes(text.encode("utf-8"), name)
    assert err.value.location is not None and err.value.location.line == line
    assert message in str(err.value)
    assert str(err.value).startswith(f"{name}, line {line}: ")


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            "g.yaml",
            "terms:\n  - Equity\nglossary:\n  - Voice\n",
            "2 lists of terms ('terms', 'glossary')",
        ),
        (
            "g.yaml",
            "Terms:\n  - Equity\nterms:\n  - Voice\n",
            "2 lists of terms ('Terms', 'terms')",
        ),
        ("g.json", '{"terms": ["Equity"], "Glossary": ["Voice"]}', "2 lists of terms"),
        ("g.yaml", "- term: Equity\n  ~: first note\n  null: second note\n", "appears twice"),
        ("g.yaml", "- term: Equity\n  ~: first note\n  None: second note\n", "both read as 'None'"),
        ("g.yaml", "- term: Equity\n  !!int 1: a\n  '1': b\n", "both read as '1'"),
    ],
)
def test_nothing_in_a_structured_glossary_is_silently_left_out(
    name: str, text: str, message: str
) -> None:
    with pytest.raises(GlossaryInputError, match=re.escape(message)):
        read_glossary_bytes(text.encode("utf-8"), name)
