"""Issue 12, class 4: output cannot attack its reader.

The rule: data shown in a report (terms, identifiers, field names, file names, messages quoting
them) carries no control of its own. The property fills every data field of a report with hostile
text (ANSI/OSC sequences, C0/C1 controls, bidi overrides, rich markup, Markdown links and images,
HTML, autolinks) and checks each renderer:

- text (plain and coloured): no control, format, surrogate or separator character from data, and
  no escape sequence beyond the colours rich writes itself;
- Markdown, parsed by markdown-it-py (CommonMark + GFM tables and strikethrough): the same
  token structure as the same report with plain data (so no link, image, HTML, emphasis, code
  span or table cell comes from data), and no URL or e-mail autolink text;
- HTML: the same tags as with plain data, and no control or bidi character;
- SSSOM: one row per mapping, no cell starting a formula, no control or bidi character.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections import Counter
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

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
from pl_vocab.core.text import is_unsafe_char, markdown_text, printable
from pl_vocab.report.cells import DANGEROUS_FIRST
from pl_vocab.report.render_html import render_html
from pl_vocab.report.render_markdown import render_markdown
from pl_vocab.report.render_sssom import render_sssom
from pl_vocab.report.render_text import render_text

_HOSTILE = [
    "\x1b[2J\x1b[H",
    "\x1b]8;;http://evil.example\x07click\x1b]8;;\x07",
    "\x1b]52;c;SGVsbG8=\x07",
    "\x9b31m",
    "\x9d0;title\x9c",
    "\u202eevil\u202c",
    "\u2066\u2069\u200f\u061c",
    "\u200b\u2028\u2029",
    "\x00\x07\x08\x7f\r",
    "[bold red]x[/bold red]",
    "![x](http://evil.example/a.png)",
    "[click](javascript:alert(1))",
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "<https://evil.example>",
    "www.evil.example",
    "mail@evil.example",
    "`code`",
    "*em* _em_ **strong** ~~gone~~",
    "| cell | break |",
    "\\",
    "&amp; &#60;b&#62; &lt;",
    "# heading",
    "- item",
    "1. item",
    "> quote",
    "=HYPERLINK(1)",
    "\ud800",
]
_DATA = st.lists(
    st.one_of(st.sampled_from(_HOSTILE), st.text(max_size=4)), min_size=1, max_size=4
).map(lambda parts: "".join(parts) or "x")  # an empty field is left out: not the point


def _report(d: list[str]) -> Report:
    """A report whose every data field is taken from ``d`` (cycled)."""
    it = iter(d * 3)

    def nxt() -> str:
        return next(it)

    finding = Finding(
        id="B001",
        name="term",
        severity=Severity.ERROR,
        message=f"The term '{nxt()}' is wrong.",
        suggestion=nxt(),
        location=Location(file=nxt(), sheet=nxt(), row=2, column="B", field=nxt(), record_id=nxt()),
    )
    other = Finding(
        id="R001",
        name="structure",
        severity=Severity.WARNING,
        message=nxt(),
        location=Location(json_path=nxt(), subject=nxt(), predicate=nxt(), line=3),
    )
    return Report(
        valid=False,
        tool_version="0.1.0",
        input=InputInfo(file=nxt(), sheet=nxt(), format="csv", columns={"term": nxt()}),
        vocabulary=VocabularyInfo(iri="https://w3id.org/pl-vocab/vocabulary", version="0.1.0"),
        stats={"terms": 2, "mapped": 1, "unmapped": 1},
        findings=[finding, other],
        mappings=[
            MappingRow(
                row=2,
                term=nxt(),
                concept=nxt(),
                predicate="http://www.w3.org/2004/02/skos/core#closeMatch",
                justification=nxt(),
                confidence=0.5,
                comment=nxt(),
            )
        ],
        coverage=Coverage(
            core_covered=1,
            core_total=2,
            missing_core=[nxt()],
            facets=[FacetCoverage(facet="plvc:x", label=nxt(), covered=1, total=2)],
        ),
    )


_PLAIN = ["plain"] * 20
_SGR = re.compile(r"\x1b\[[0-9;]*m")


def _unsafe(text: str, *, allowed: str = "\n") -> list[str]:
    return [c for c in text if c not in allowed and is_unsafe_char(c)]


@settings(max_examples=20, deadline=None)
@given(st.lists(_DATA, min_size=20, max_size=20))
def test_text_report_holds_no_control_from_data(data: list[str]) -> None:
    report = _report(data)
    plain = render_text(report)
    assert not _unsafe(plain), plain
    coloured = _SGR.sub("", render_text(report, color=True))
    assert not _unsafe(coloured), coloured


def test_rich_markup_in_data_prints_literally() -> None:
    report = _report(["[bold red]x[/bold red] [link=http://e.x]y[/link]"] * 20)
    assert "[bold red]x[/bold red] [link=http://e.x]y[/link]" in render_text(report, width=200)


_MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def _structure(markdown: str) -> Counter[str]:
    kinds: Counter[str] = Counter()
    for token in _MD.parse(markdown):
        kinds[token.type] += 1
        for child in token.children or []:
            if child.type == "html_inline" and child.content == "<br>":
                continue  # a line break inside a cell, the one HTML the report writes
            if child.type == "html_inline":
                kinds[f"html:{child.content}"] += 1
            elif child.type != "text":
                kinds[child.type] += 1
    return kinds


@settings(max_examples=60, deadline=None)
@given(st.lists(_DATA, min_size=20, max_size=20))
def test_markdown_report_takes_no_structure_from_data(data: list[str]) -> None:
    hostile, plain = render_markdown(_report(data)), render_markdown(_report(_PLAIN))
    assert _structure(hostile) == _structure(plain)
    assert not _unsafe(hostile)
    for autolink in ("://", "www.", "@"):
        assert hostile.lower().count(autolink) == plain.lower().count(autolink)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: Counter[str] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1


def _tags(html: str) -> Counter[str]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


@settings(max_examples=40, deadline=None)
@given(st.lists(_DATA, min_size=20, max_size=20))
def test_html_report_takes_no_tag_or_control_from_data(data: list[str]) -> None:
    hostile = render_html(_report(data))
    assert _tags(hostile) == _tags(render_html(_report(_PLAIN)))
    assert not _unsafe(hostile)


@settings(max_examples=40, deadline=None)
@given(st.lists(_DATA, min_size=20, max_size=20))
def test_sssom_cells_hold_no_formula_or_control(data: list[str]) -> None:
    text = render_sssom(_report(data))
    body = [line for line in text.splitlines() if not line.startswith("#")]
    rows = list(csv.reader(io.StringIO("\n".join(body)), delimiter="\t"))
    assert len(rows) == 2  # the header and the one mapping
    assert all(not cell[:1] or cell[:1] not in DANGEROUS_FIRST for cell in rows[1])
    assert not _unsafe(text, allowed="\n\t")


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\x1b[31mred", "\\x1b[31mred"),
        ("a\u202eb", "a\\u202eb"),
        ("\x85next", "\\x85next"),
        ("line\nbreak", "line\\nbreak"),
        ("\ud800", "\\ud800"),
        ("Término ✓ 東京", "Término ✓ 東京"),
    ],
)
def test_printable_shows_controls_as_escapes(text: str, shown: str) -> None:
    assert printable(text) == shown


@given(st.text(max_size=30))
@settings(max_examples=200, deadline=None)
def test_printable_is_free_of_controls_and_idempotent_on_safe_text(text: str) -> None:
    shown = printable(text)
    assert not _unsafe(shown, allowed="")
    assert printable(shown) == shown
    if not any(is_unsafe_char(c) for c in text):
        assert shown == text


@given(st.text(max_size=30))
@settings(max_examples=200, deadline=None)
def test_markdown_text_renders_as_inline_text_only(text: str) -> None:
    tokens = _MD.parseInline(markdown_text(text))
    children = [c.type for t in tokens for c in t.children or []]
    assert set(children) <= {"text", "softbreak"}, children


def test_categories_escaped() -> None:
    assert {unicodedata.category(c) for c in "\x1b\u202e\ud800\u2028\u2029"} <= {
        "Cc",
        "Cf",
        "Cs",
        "Zl",
        "Zp",
    }
    assert all(is_unsafe_char(c) for c in "\x1b\u202e\ud800\u2028\u2029\x9b")
