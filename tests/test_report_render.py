"""The report renderers: JSON, terminal text, Markdown, HTML, SSSOM, and the cell neutralizer."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser

import jsonschema
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from pl_vocab.core.errors import PlVocabError
from pl_vocab.core.model import (
    Coverage,
    FacetCoverage,
    Finding,
    InputInfo,
    Location,
    MappingRow,
    Report,
    Severity,
    VocabularyInfo,
)
from pl_vocab.report.cells import DANGEROUS_FIRST, safe_cell
from pl_vocab.report.layout import FAMILY_NAMES
from pl_vocab.report.render import FORMATS, render
from pl_vocab.report.render_html import render_html
from pl_vocab.report.render_json import render_json
from pl_vocab.report.render_markdown import render_markdown
from pl_vocab.report.render_sssom import COLUMNS, LICENSE, render_sssom
from pl_vocab.report.render_text import render_text
from pl_vocab.report.schema import report_json_schema

FILE = "glosario-distrito.xlsx"
HOSTILE = "Término <script>alert('x')</script> | línea uno\nlínea dos"


def _finding(
    id: str, severity: Severity, message: str, suggestion: str | None = None, **where: object
) -> Finding:
    return Finding(
        id=id,
        name={"A": "input", "B": "term", "C": "definition", "D": "mapping"}.get(id[0], "check"),
        severity=severity,
        message=message,
        location=Location(file=FILE, **where),  # type: ignore[arg-type]
        suggestion=suggestion,
    )


FINDINGS = [
    _finding(
        "A005",
        Severity.WARNING,
        "Read as Windows-1252, not UTF-8.",
        "Re-save as CSV UTF-8.",
    ),
    _finding(
        "B002",
        Severity.ERROR,
        "“Aprendizaje personalizado” appears twice with different definitions.",
        "Keep one definition.",
        sheet="Términos",
        row=14,
        column="A",
        field="Término",
    ),
    _finding(
        "C001",
        Severity.WARNING,
        HOSTILE,
        "=cmd|' /C calc'!A0",
        sheet="Términos",
        row=9,
        column="C",
        field="Definición",
    ),
    _finding(
        "D004",
        Severity.ERROR,
        "“Equality” is not plvc:equity (false friend).",
        "Keep it local, or map it skos:relatedMatch.",
        row=21,
        column="B",
    ),
    _finding(
        "D002", Severity.INFO, "“Flexible pace” may be plvc:flexible-pacing (score 88).", row=5
    ),
    _finding(
        "E001",
        Severity.WARNING,
        "“Learning Loss” is a deficit-based term.",
        "Use “Unfinished learning”.",
        row=27,
        column="B",
        field="Term",
    ),
    _finding(
        "H003",
        Severity.ERROR,
        "Two preferred labels in one language.",
        subject="https://district.example/c/1",
        predicate="skos:prefLabel",
    ),
    _finding("F001", Severity.INFO, "No term covers the well-being facet."),
    _finding("Z901", Severity.INFO, "A check of an unknown family.", line=3),
]

MAPPINGS = [
    MappingRow(
        row=2,
        term="Voz del estudiante",
        concept="plvc:learner-voice",
        predicate="skos:exactMatch",
        justification="lexical_match",
        confidence=1.0,
    ),
    MappingRow(
        row=5,
        term="Flexible pace",
        concept="https://w3id.org/pl-vocab/concept/flexible-pacing",
        predicate="http://www.w3.org/2004/02/skos/core#closeMatch",
        justification="lexical_similarity",
        confidence=0.88,
        comment="review: score 88 | margin 7",
    ),
    MappingRow(
        row=8,
        term="=cmd|' /C calc'!A0",
        concept="plvc:competency-based-education",
        predicate="skos:broadMatch",
        justification="manual_curation",
        confidence=0.9,
        comment="-2 points",
    ),
    MappingRow(
        row=11,
        term="Evaluación “auténtica”",
        concept="plvc:authentic-assessment",
        predicate="skos:relatedMatch",
        justification="unspecified",
        confidence=0.5,
    ),
]

FACETS = [
    FacetCoverage(facet="plvc:learner-agency", label="Learner agency", covered=3, total=5),
    FacetCoverage(facet="plvc:pacing", label="Pacing and progression", covered=4, total=4),
    FacetCoverage(facet="plvc:well-being", label="Bienestar y pertenencia", covered=0, total=3),
    FacetCoverage(
        facet="plvc:assessment",
        label="Assessment, evidence and demonstrations of mastery",
        covered=7,
        total=13,
    ),
]


def _report(**changes: object) -> Report:
    base = Report(
        valid=False,
        tool_version="0.1.0",
        input=InputInfo(
            file=FILE,
            sha256="0f" * 32,
            format="xlsx",
            sheet="Términos",
            columns={"term": "Término", "definition": "Definición"},
        ),
        vocabulary=VocabularyInfo(iri="https://w3id.org/pl-vocab/vocabulary", version="0.1.0"),
        stats={"terms": 141, "mapped": 106, "unmapped": 24},
        findings=FINDINGS,
        mappings=MAPPINGS,
        coverage=Coverage(
            core_covered=14, core_total=25, missing_core=["plvc:learner-voice"], facets=FACETS
        ),
    )
    return base.model_copy(update=changes)


@pytest.fixture
def report() -> Report:
    return _report()


# ----------------------------------------------------------------------------- JSON


def test_json_round_trips_and_keeps_text_as_written(report: Report) -> None:
    text = render_json(report)
    assert Report.model_validate_json(text) == report
    data = json.loads(text)
    assert list(data)[:3] == ["valid", "tool", "tool_version"]
    assert data["input"]["sheet"] == "Términos"
    assert "Términos" in text  # UTF-8, not \u escapes
    assert data["findings"][3]["location"] == {
        "file": FILE,
        "sheet": None,
        "row": 21,
        "column": "B",
        "field": None,
        "line": None,
        "record_index": None,
        "record_id": None,
        "json_path": None,
        "subject": None,
        "predicate": None,
    }
    assert render_json(report) == text  # stable
    assert text.endswith("}\n") and text.count("\n  ") > 10


def test_json_validates_against_published_schema(report: Report) -> None:
    schema = report_json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    validator.validate(json.loads(render_json(report)))
    bad = json.loads(render_json(report))
    bad["findings"][0]["severity"] = "fatal"
    assert not validator.is_valid(bad)


# ----------------------------------------------------------------------------- text


def _sections(text: str) -> dict[str, str]:
    """Family heading -> the text under it, up to the next heading or the verdict."""
    heading = re.compile(r"^([A-Z?](?: [A-Z][A-Za-z]+)?) \((\d+) findings?\)$", re.MULTILINE)
    marks = list(heading.finditer(text))
    out = {}
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else text.index("Not valid")
        out[m.group(1)] = text[m.end() : end]
    return out


def test_text_summary_comes_first_with_the_numbers(report: Report) -> None:
    text = render_text(report)
    summary = text[: text.index("Coverage of the national core")]
    for expected in (
        FILE,
        "format xlsx",
        "sheet Términos",
        "read 141",
        "mapped 106",
        "unmapped 24",
        "14/25 (56%)",
        "3 errors",
        "3 warnings",
        "3 info",
    ):
        assert expected in summary, expected
    assert "\x1b[" not in text
    last = text.rstrip().splitlines()[-1]
    assert last == "Not valid: 3 errors, 3 warnings, 3 info."


def test_text_groups_every_finding_under_its_family(report: Report) -> None:
    text = render_text(report, width=140)
    sections = _sections(text)
    assert list(sections) == [
        "A Input",
        "B Terms",
        "C Definitions",
        "D Mapping",
        "E Language",
        "F Coverage",
        "H SKOS",
        "Z",
    ]
    for f in FINDINGS:
        letter = f.id[0]
        title = f"{letter} {FAMILY_NAMES[letter]}" if letter in FAMILY_NAMES else letter
        assert f.id in sections[title], f.id
        others = [body for name, body in sections.items() if name != title]
        assert all(f.id not in body for body in others)
    assert "sheet Términos, row 14, column A (Término)" in sections["B Terms"]
    assert "https://district.example/c/1 skos:prefLabel" in sections["H SKOS"]
    assert "→ Use “Unfinished learning”." in sections["E Language"]
    # D findings in row order, whatever the input order
    assert sections["D Mapping"].index("D002") < sections["D Mapping"].index("D004")


def test_text_prints_user_text_literally_and_colors_on_request(report: Report) -> None:
    odd = _report(findings=[_finding("B001", Severity.ERROR, "[bold]Tag[/bold] <script>", row=2)])
    plain = render_text(odd)
    assert "[bold]Tag[/bold] <script>" in plain
    colored = render_text(odd, color=True)
    assert "\x1b[" in colored and "[bold]Tag[/bold]" in colored
    narrow = render_text(report, width=60)
    assert max(len(line) for line in narrow.splitlines()) <= 60


# ----------------------------------------------------------------------------- Markdown


def _table_after(md: str, heading: str) -> list[str]:
    lines = md.splitlines()
    start = lines.index(heading)
    rows: list[str] = []
    for line in lines[start + 1 :]:
        if line.startswith("|"):
            rows.append(line)
        elif rows or line.startswith("#"):
            break
    return rows


def _cells(row: str) -> list[str]:
    return [c.strip() for c in re.split(r"(?<!\\)\|", row)[1:-1]]


def test_markdown_tables_have_one_row_per_item_and_escaped_cells(report: Report) -> None:
    md = render_markdown(report)
    assert md.startswith(f"# pl-vocab report: {FILE}\n")
    assert "**Not valid: 3 errors, 3 warnings, 3 info.**" in md
    summary = _table_after(md, "## Summary")
    assert ["Core coverage", "14/25 (56%)"] in [_cells(r) for r in summary]
    assert ["Terms read", "141"] in [_cells(r) for r in summary]
    coverage = _table_after(md, "## Coverage of the national core")
    assert len(coverage) == 2 + len(FACETS)
    assert _cells(coverage[2]) == ["Learner agency", "3", "5", "60%"]
    for letter, count in (("A", 1), ("B", 1), ("C", 1), ("D", 2), ("E", 1), ("H", 1)):
        rows = _table_after(md, f"### {letter} {FAMILY_NAMES[letter]} ({count})")
        assert len(rows) == 2 + count
        assert all(len(_cells(r)) == 5 for r in rows)
    assert len(_table_after(md, "### Z (1)")) == 3
    c001 = _table_after(md, "### C Definitions (1)")[2]
    assert _cells(c001)[3] == (
        "Término &lt;script&gt;alert('x')&lt;/script&gt; \\| línea uno<br>línea dos"
    )
    assert "<script" not in md
    mappings = _table_after(md, "## Mappings")
    assert len(mappings) == 2 + len(MAPPINGS)
    assert all(len(_cells(r)) == 7 for r in mappings)
    assert "review: score 88 \\| margin 7" in mappings[3]


# ----------------------------------------------------------------------------- HTML


class _Checker(HTMLParser):
    """Tag balance, plus every tag and attribute seen."""

    VOID = frozenset({"meta", "br", "col", "rect", "link", "img", "hr", "input", "wbr", "source"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(page: str) -> _Checker:
    checker = _Checker()
    checker.feed(page)
    checker.close()
    assert checker.errors == [] and checker.stack == [], (checker.errors, checker.stack)
    return checker


def test_html_is_balanced_self_contained_and_escaped(report: Report) -> None:
    page = render_html(report)
    checker = _parse(page)
    names = [t for t, _ in checker.tags]
    assert "script" not in names and "link" not in names and "img" not in names
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    for _, attrs in checker.tags:
        for key in ("src", "href", "xlink:href"):
            assert not (attrs.get(key) or "").startswith(("http:", "https:", "//")), attrs
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", page)
    assert "@import" not in page
    html_tag = next(a for t, a in checker.tags if t == "html")
    assert html_tag["lang"] == "en"
    metas = [a for t, a in checker.tags if t == "meta"]
    assert any(m.get("name") == "color-scheme" for m in metas)
    assert "@media print" in page
    text = " ".join(checker.text)
    assert HOSTILE.split("\n")[0] in text  # the user's text, shown as text
    assert "=cmd|' /C calc'!A0" in text


def test_html_summary_comes_first_then_coverage_chart(report: Report) -> None:
    page = render_html(report)
    order = [page.index(s) for s in ("Not valid", "terms read", 'id="coverage"', 'id="mappings"')]
    assert order == sorted(order)
    assert "141 terms checked: 106 match national concepts, 24 have no national match." in page
    chart = page[page.index('aria-labelledby="facet-title facet-desc"') :]
    chart = chart[: chart.index("</svg>")]
    assert chart.count('<g class="bar">') == len(FACETS)
    assert '<title id="facet-title">' in chart and '<desc id="facet-desc">' in chart
    assert "Learner agency: 3 of 5 core concepts covered" in chart
    assert ">Assessment, evidence and demo…</text>" in chart  # long labels shortened, 30 chars
    for f in FACETS:
        assert re.search(rf">{f.covered}/{f.total}( \(\d+%\))?</text>", chart), f.label
    svgs = re.findall(r"<svg [^>]*>", page)
    assert svgs and all('role="img"' in s for s in svgs)


def test_html_tables_have_badges_and_one_row_per_item(report: Report) -> None:
    page = render_html(report)
    assert page.count('<td class="sev"><span class="badge error">') == 3
    assert page.count('<td class="sev"><span class="badge warning">') == 3
    assert page.count('<td class="sev"><span class="badge info">') == 3
    assert page.count('<tr><td class="sev">') == len(FINDINGS)
    mappings = page[page.index('id="mappings"') :]
    mappings = mappings[: mappings.index("</table>")]
    assert mappings.count("<tr><td") == len(MAPPINGS)
    assert "narrower than" in mappings and "same meaning as" in mappings
    assert "row 27, column B (Term)" in page


def test_html_of_an_empty_report_still_parses() -> None:
    empty = Report(valid=True, tool_version="0.1.0", input=InputInfo(file="g.csv"))
    page = render_html(empty)
    _parse(page)
    assert "Valid: no findings." in page and "<svg" not in page


# ----------------------------------------------------------------------------- SSSOM


def _sssom(text: str) -> tuple[dict[str, object], list[dict[str, str]], list[str]]:
    lines = text.splitlines(keepends=True)
    meta = [line[1:] for line in lines if line.startswith("#")]
    body = [line for line in lines if not line.startswith("#")]
    reader = csv.DictReader(io.StringIO("".join(body)), delimiter="\t")
    rows = list(reader)
    return yaml.safe_load("".join(meta)), rows, list(reader.fieldnames or [])


def test_sssom_metadata_header_and_rows(report: Report) -> None:
    metadata, rows, header = _sssom(render_sssom(report))
    assert header == list(COLUMNS)
    assert metadata["license"] == LICENSE
    assert metadata["mapping_tool"] == "pl-vocab"
    assert metadata["mapping_tool_version"] == "0.1.0"
    assert metadata["mapping_set_id"] == "urn:pl-vocab:glossary:" + "0f" * 32
    curie_map = metadata["curie_map"]
    assert isinstance(curie_map, dict)
    assert curie_map["district"] == "urn:pl-vocab:glossary:" + "0f" * 32 + "#"
    assert curie_map["plvc"] == "https://w3id.org/pl-vocab/concept/"
    assert curie_map["skos"] == "http://www.w3.org/2004/02/skos/core#"
    assert curie_map["semapv"] == "https://w3id.org/semapv/vocab/"
    assert len(rows) == len(MAPPINGS)
    assert [r["predicate_id"] for r in rows] == [
        "skos:exactMatch",
        "skos:closeMatch",
        "skos:broadMatch",
        "skos:relatedMatch",
    ]
    assert [r["mapping_justification"] for r in rows] == [
        "semapv:LexicalMatching",
        "semapv:LexicalSimilarityThresholdMatching",
        "semapv:ManualMappingCuration",
        "semapv:UnspecifiedMatching",
    ]
    assert rows[1]["object_id"] == "plvc:flexible-pacing"
    assert rows[0]["subject_id"] == "district:Voz%20del%20estudiante"
    assert rows[3]["subject_label"] == "Evaluación “auténtica”"
    assert [float(r["confidence"]) for r in rows] == [m.confidence for m in MAPPINGS]
    assert all(r["object_label"] == "" for r in rows)
    # neutralized cells
    assert rows[2]["subject_label"] == "'=cmd|' /C calc'!A0"
    assert rows[2]["comment"] == "'-2 points"
    assert rows[2]["subject_id"].startswith("district:%3Dcmd")
    for row in rows:
        assert all(cell[:1] not in DANGEROUS_FIRST for cell in row.values())


def test_sssom_with_a_set_id_and_awkward_terms() -> None:
    odd = [
        MAPPINGS[0].model_copy(update={"term": "\tTabbed\nterm"}),
        MAPPINGS[0].model_copy(update={"term": '"Quoted" pacing', "comment": "+1"}),
        MAPPINGS[0].model_copy(update={"term": "@home learning", "comment": "\rCR"}),
    ]
    text = render_sssom(
        _report(mappings=odd), mapping_set_id="https://district.example/glossary/map"
    )
    metadata, rows, _ = _sssom(text)
    assert metadata["mapping_set_id"] == "https://district.example/glossary/map"
    assert metadata["curie_map"]["district"] == "https://district.example/glossary/map#"  # type: ignore[index]
    assert [r["subject_label"] for r in rows] == [
        "' Tabbed term",
        '"Quoted" pacing',
        "'@home learning",
    ]
    assert [r["comment"] for r in rows] == ["", "'+1", "' CR"]
    assert rows[0]["subject_id"] == "district:%09Tabbed%0Aterm"
    body = [line for line in text.splitlines() if not line.startswith("#")]
    assert len(body) == 1 + len(odd)
    assert all(line.count("\t") == len(COLUMNS) - 1 for line in body)


def test_sssom_default_set_id_without_a_fingerprint() -> None:
    bare = _report(input=InputInfo(file="mi glosario.csv"))
    metadata, _, _ = _sssom(render_sssom(bare))
    assert metadata["mapping_set_id"] == "urn:pl-vocab:glossary:mi%20glosario.csv"


# ----------------------------------------------------------------------------- cells, dispatch


@given(st.sampled_from(sorted(DANGEROUS_FIRST)), st.text())
def test_safe_cell_prefixes_every_dangerous_start(first: str, rest: str) -> None:
    assert safe_cell(first + rest) == "'" + first + rest


@given(st.text().filter(lambda s: s[:1] not in DANGEROUS_FIRST))
def test_safe_cell_leaves_everything_else_alone(text: str) -> None:
    assert safe_cell(text) == text


def test_render_dispatches_every_format(report: Report) -> None:
    assert render(report, "json") == render_json(report)
    assert render(report, "text") == render_text(report)
    assert render(report, "markdown") == render_markdown(report)
    assert render(report, "HTML") == render_html(report)
    assert render(report, "sssom") == render_sssom(report)
    assert list(FORMATS) == ["text", "json", "markdown", "html", "sssom"]


def test_render_names_the_formats_for_an_unknown_one(report: Report) -> None:
    with pytest.raises(
        PlVocabError, match=r"'pdf'\. Use one of: text, json, markdown, html, sssom"
    ):
        render(report, "pdf")
