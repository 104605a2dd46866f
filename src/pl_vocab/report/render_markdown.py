"""``--format markdown``: the report for a board memo or a GitHub issue (GFM tables, no HTML
beyond ``<br>`` for line breaks inside cells).

Every piece of data (terms, identifiers, messages quoting them, file names) passes through
:func:`~pl_vocab.core.text.markdown_text`: no link, image, autolink, emphasis, code span, HTML or
control character can come from the input."""

from __future__ import annotations

from pl_vocab.core.model import Report
from pl_vocab.core.text import markdown_text
from pl_vocab.report.layout import (
    RECORD_STATS,
    compact,
    family_title,
    group_by_family,
    relationship,
    share,
    verdict,
    where,
)

__all__ = ["render_markdown"]

_SEVERITY_WORD = {"error": "✖ error", "warning": "⚠ warning", "info": "ℹ info"}


def _cell(value: object) -> str:
    """One table cell (or inline text): each line escaped by
    :func:`~pl_vocab.core.text.markdown_text`, line breaks as ``<br>``."""
    text = "" if value is None else str(value)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<br>".join(markdown_text(line.strip()) for line in lines)


def _percent(covered: int, total: int) -> str:
    return f"{round(100 * covered / total)}%" if total > 0 else "—"


def _table(header: list[str], rows: list[list[object]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return out


def _summary(report: Report) -> list[list[object]]:
    info = report.input
    rows: list[list[object]] = [["File", info.file]]
    for label, value in (
        ("Format", info.format),
        ("Encoding", info.encoding),
        ("Delimiter", repr(info.delimiter) if info.delimiter else None),
        ("Sheet", info.sheet),
        ("SHA-256", info.sha256),
    ):
        if value:
            rows.append([label, value])
    if info.columns:
        rows.append(["Columns", ", ".join(f"{k} = {v}" for k, v in info.columns.items())])
    if report.vocabulary:
        rows.append(
            ["Vocabulary", f"{report.vocabulary.iri} (version {report.vocabulary.version})"]
        )
    for key, label in (("terms", "Terms read"), ("mapped", "Mapped"), ("unmapped", "Unmapped")):
        if key in report.stats:
            rows.append([label, report.stats[key]])
    for key, label in RECORD_STATS:
        if key in report.stats and (report.stats[key] or key in ("records", "valid_records")):
            rows.append([label[:1].upper() + label[1:], report.stats[key]])
    if report.coverage:
        rows.append(
            ["Core coverage", share(report.coverage.core_covered, report.coverage.core_total)]
        )
    counts = report.counts()
    rows += [["Errors", counts["error"]], ["Warnings", counts["warning"]], ["Info", counts["info"]]]
    rows.append(["Tool", f"{report.tool} {report.tool_version}"])
    return rows


def render_markdown(report: Report) -> str:
    """The report as GitHub-flavoured Markdown: verdict, summary, coverage, findings per
    family, mappings. Every cell is escaped, so user text cannot break a table.

    >>> from pl_vocab.core.model import InputInfo
    >>> r = Report(valid=True, tool_version="0.1.0", input=InputInfo(file="a|b.csv"))
    >>> print(render_markdown(r).splitlines()[8])
    | File | a\\|b.csv |
    """
    lines = [f"# {report.tool} report: {_cell(report.input.file)}", "", f"**{verdict(report)}**"]
    lines += ["", "## Summary", ""]
    lines += _table(["Item", "Value"], _summary(report))
    coverage = report.coverage
    if coverage:
        lines += ["", "## Coverage of the national core", ""]
        lines.append(f"Core concepts covered: {share(coverage.core_covered, coverage.core_total)}.")
        if coverage.facets:
            lines.append("")
            lines += _table(
                ["Facet", "Covered", "Total", "Share"],
                [
                    [f.label, f.covered, f.total, _percent(f.covered, f.total)]
                    for f in coverage.facets
                ],
            )
        if coverage.missing_core:
            missing = ", ".join(_cell(c) for c in coverage.missing_core)
            lines += ["", f"Missing core concepts: {missing}."]
    if report.findings:
        lines += ["", "## Findings"]
        for letter, findings in group_by_family(report.findings):
            lines += ["", f"### {_cell(family_title(letter))} ({len(findings)})", ""]
            lines += _table(
                ["Where", "ID", "Severity", "Message", "Suggestion"],
                [
                    [
                        where(f.location, report.input.file),
                        f"{f.id} {f.name}",
                        _SEVERITY_WORD[f.severity.value],
                        f.message,
                        f.suggestion,
                    ]
                    for f in findings
                ],
            )
    if report.mappings:
        lines += ["", "## Mappings", ""]
        lines.append("Read each row as: district term, relationship, national concept.")
        lines.append("")
        lines += _table(
            [
                "Row",
                "District term",
                "Relationship",
                "National concept",
                "How",
                "Confidence",
                "Comment",
            ],
            [
                [
                    m.row,
                    m.term,
                    f"{relationship(m.predicate)} ({compact(m.predicate)})",
                    compact(m.concept),
                    m.justification,
                    f"{m.confidence:.2f}",
                    m.comment,
                ]
                for m in report.mappings
            ],
        )
    return "\n".join(lines) + "\n"
