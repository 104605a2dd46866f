"""The terminal report (rich): summary first, findings by family, a one-line verdict last.

User text (terms, messages) is put in :class:`rich.text.Text` objects, never parsed as rich
markup, so a glossary cell like ``[bold]`` prints as written; and every piece of it passes
through :func:`~pl_vocab.core.text.printable` first, so no control character (ANSI/OSC escape
sequences, C0/C1, bidi overrides) reaches the terminal.
"""

from __future__ import annotations

import io

from rich.console import Console, Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from pl_vocab.core.model import Finding, Report, Severity
from pl_vocab.core.text import printable
from pl_vocab.report.layout import (
    RECORD_STATS,
    family_title,
    group_by_family,
    share,
    verdict,
    where,
)

__all__ = ["render_text"]

_SEVERITY_STYLE = {
    Severity.ERROR: "bold red",
    Severity.WARNING: "yellow",
    Severity.INFO: "cyan",
}
_BAR_CELLS = 20


def _t(text: str, style: str = "") -> Text:
    """Data as a rich Text: controls escaped, never parsed as markup."""
    return Text(printable(text), style=style)


def _summary(report: Report) -> Table:
    info = report.input
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row("File", _t(info.file))
    read_as = [
        (label, value)
        for label, value in (
            ("format", info.format),
            ("encoding", info.encoding),
            ("delimiter", repr(info.delimiter) if info.delimiter else None),
            ("sheet", info.sheet),
        )
        if value
    ]
    if read_as:
        grid.add_row("Read as", _t(" · ".join(f"{k} {v}" for k, v in read_as)))
    if info.columns:
        grid.add_row("Columns", _t(", ".join(f"{k} = {v}" for k, v in info.columns.items())))
    if report.vocabulary:
        vocab = report.vocabulary
        grid.add_row("Vocabulary", _t(f"{vocab.iri} (version {vocab.version})"))
    terms = [
        f"{label} {report.stats[key]}"
        for key, label in (("terms", "read"), ("mapped", "mapped"), ("unmapped", "unmapped"))
        if key in report.stats
    ]
    if terms:
        grid.add_row("Terms", Text(" · ".join(terms)))
    records = [
        f"{report.stats[key]} {label}"
        for key, label in RECORD_STATS
        if key in report.stats and (report.stats[key] or key in ("records", "valid_records"))
    ]
    if records:
        grid.add_row("Records", Text(" · ".join(records)))
    if report.coverage:
        grid.add_row(
            "Core coverage", Text(share(report.coverage.core_covered, report.coverage.core_total))
        )
    counts = report.counts()
    line = Text()
    for i, severity in enumerate(Severity):
        if i:
            line.append(" · ")
        n = counts[severity.value]
        word = severity.value if n == 1 or severity is Severity.INFO else f"{severity.value}s"
        line.append(f"{n} {word}", style=_SEVERITY_STYLE[severity] if n else "dim")
    grid.add_row("Findings", line)
    return grid


def _coverage(report: Report) -> Table | None:
    if not report.coverage or not report.coverage.facets:
        return None
    table = Table(box=None, show_header=False, padding=(0, 1), pad_edge=False)
    table.add_column("facet", overflow="fold", max_width=40)
    table.add_column("bar", no_wrap=True)
    table.add_column("share", no_wrap=True, justify="right")
    for facet in report.coverage.facets:
        filled = round(_BAR_CELLS * facet.covered / facet.total) if facet.total > 0 else 0
        filled = max(0, min(_BAR_CELLS, filled))
        bar = Text("█" * filled, style="green")
        bar.append("░" * (_BAR_CELLS - filled), style="dim")
        table.add_row(_t(facet.label), bar, share(facet.covered, facet.total))
    return table


def _findings_block(findings: list[Finding], input_file: str) -> Group:
    """One finding: ``ID severity where`` on a line, then the message and the suggestion."""
    lines: list[Padding] = []
    for f in findings:
        head = Text()
        head.append(printable(f.id), style="bold")
        head.append("  ")
        head.append(f"{f.severity.value:<8}", style=_SEVERITY_STYLE[f.severity])
        head.append(" ")
        head.append(printable(where(f.location, input_file)) or "(whole file)")
        body = _t(f.message)
        if f.suggestion:
            body.append("\n→ ", style="green")
            body.append(printable(f.suggestion), style="green")
        lines += [Padding(head, (0, 0, 0, 2)), Padding(body, (0, 0, 0, 8))]
    return Group(*lines)


def render_text(report: Report, *, color: bool = False, width: int = 100) -> str:
    """The report for a terminal: summary, coverage per facet, findings by family, verdict.

    :param color: write ANSI colours (for a terminal); off for files and pipes.
    :param width: the line width to wrap to.

    >>> from pl_vocab.core.model import InputInfo
    >>> r = Report(valid=True, tool_version="0.1.0", input=InputInfo(file="g.csv"), stats={"terms": 3})
    >>> print(render_text(r, width=60))
    pl-vocab 0.1.0 report
    File      g.csv
    Terms     read 3
    Findings  0 errors · 0 warnings · 0 info
    <BLANKLINE>
    Valid: no findings.
    <BLANKLINE>
    """
    out = io.StringIO()
    console = Console(
        file=out,
        width=width,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        highlight=False,
        emoji=False,
        markup=False,
        legacy_windows=False,
    )
    parts: list[Text | Table | Group] = [
        _t(f"{report.tool} {report.tool_version} report", style="bold"),
        _summary(report),
    ]
    facets = _coverage(report)
    if facets is not None:
        parts += [Text(""), Text("Coverage of the national core by facet", style="bold"), facets]
    for letter, findings in group_by_family(report.findings):
        n = len(findings)
        heading = f"{family_title(letter)} ({n} finding{'s' if n != 1 else ''})"
        parts += [
            Text(""),
            _t(heading, style="bold underline"),
            _findings_block(findings, report.input.file),
        ]
    style = "bold green" if report.valid else "bold red"
    parts += [Text(""), Text(verdict(report), style=style)]
    for part in parts:
        console.print(part)
    return "".join(line.rstrip() + "\n" for line in out.getvalue().splitlines())
