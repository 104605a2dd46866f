"""``--format html``: one self-contained page for curriculum and data staff.

Order (research note 5.4): the verdict and the big numbers, core coverage (a grid and a bar
per facet, inline SVG), language to reconsider (family E), mapping decisions (family D), the
mapping table, file problems (the other families), technical details. No script, no external
stylesheet, font or image: the file works offline, from e-mail, and on paper (print CSS).
Every value goes through :func:`html.escape`, because findings quote the user's own text.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from pl_vocab.core.model import Coverage, Finding, Report, Severity
from pl_vocab.core.text import printable
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

__all__ = ["render_html"]

_ICON = {Severity.ERROR: "×", Severity.WARNING: "▲", Severity.INFO: "ℹ"}
_LABEL_CHARS = 30
_CSS = """
:root { --bg: #ffffff; --text: #1b1f24; --muted: #57606a; --line: #d0d7de; --panel: #f6f8fa;
  --accent: #0b5cad; --track: #e3e8ee; --fill: #1a7f37; --miss: #eaeef2; --ok: #1a7f37;
  --bad: #b3261e; --err-bg: #b3261e; --err-fg: #ffffff; --warn-bg: #ffe8a3; --warn-fg: #4d3800;
  --info-bg: #dcebff; --info-fg: #0a3069; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #0d1117; --text: #e6edf3; --muted: #9ea7b3; --line: #30363d; --panel: #161b22;
    --accent: #58a6ff; --track: #30363d; --fill: #3fb950; --miss: #21262d; --ok: #3fb950;
    --bad: #ff7b72; --err-bg: #da3633; --err-fg: #ffffff; --warn-bg: #5c4400; --warn-fg: #ffe8a3;
    --info-bg: #0c2d6b; --info-fg: #dcebff; } }
* { box-sizing: border-box; }
html { background: var(--bg); color: var(--text); }
body { margin: 0 auto; max-width: 72rem; padding: 1.5rem 2rem 3rem;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
h1 { font-size: 1.6rem; margin: 0 0 .5rem; overflow-wrap: anywhere; }
h2 { font-size: 1.3rem; margin: 2rem 0 .75rem; padding-bottom: .25rem;
  border-bottom: 2px solid var(--line); break-after: avoid; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .5rem; break-after: avoid; }
.eyebrow { color: var(--muted); margin: 0; text-transform: uppercase; letter-spacing: .05em;
  font-size: .8rem; }
.verdict { font-size: 1.15rem; font-weight: 600; margin: .25rem 0; }
.verdict.ok { color: var(--ok); } .verdict.bad { color: var(--bad); }
.lead { margin: .25rem 0 1rem; }
.numbers { display: grid; grid-template-columns: repeat(auto-fit, minmax(9.5rem, 1fr));
  gap: .75rem; margin: 1rem 0; padding: 0; list-style: none; }
.numbers li { background: var(--panel); border: 1px solid var(--line); border-radius: 8px;
  padding: .6rem .9rem; }
.numbers b { display: block; font-size: 1.9rem; line-height: 1.2; }
.numbers li > span { color: var(--muted); font-size: .9rem; }
.numbers p { margin: .35rem 0 0; font-size: .85rem; line-height: 1.7; }
.numbers .line { display: block; white-space: nowrap; }
.note { color: var(--muted); font-size: .95rem; break-after: avoid; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .95rem; }
th, td { text-align: left; vertical-align: top; padding: .4rem .6rem;
  border-bottom: 1px solid var(--line); }
td { overflow-wrap: anywhere; }
th { background: var(--panel); font-weight: 600; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
td.num { text-align: right; white-space: nowrap; }
table.findings { table-layout: fixed; }
col.c-sev { width: 14%; } col.c-where { width: 22%; } col.c-id { width: 12%; }
th { white-space: nowrap; }
.msg { white-space: pre-line; }
.fix { display: block; margin-top: .25rem; color: var(--muted); white-space: pre-line; }
code { font: .9em ui-monospace, "DejaVu Sans Mono", monospace; overflow-wrap: anywhere; }
.badge { display: inline-block; border-radius: 999px; padding: .05rem .55rem; font-size: .85rem;
  font-weight: 600; white-space: nowrap; }
.badge.error { background: var(--err-bg); color: var(--err-fg); }
.badge.warning { background: var(--warn-bg); color: var(--warn-fg); }
.badge.info { background: var(--info-bg); color: var(--info-fg); }
figure { margin: 1rem 0; }
figcaption { color: var(--muted); font-size: .9rem; }
svg { display: block; max-width: 100%; height: auto; }
svg text { fill: var(--text); font: 14px system-ui, "DejaVu Sans", sans-serif; }
svg .track { fill: var(--track); } svg .fill { fill: var(--fill); }
svg .cell-miss { fill: var(--miss); stroke: var(--line); }
.legend { font-size: .9rem; color: var(--muted); }
.swatch { display: inline-block; width: .9em; height: .9em; vertical-align: -.1em;
  border: 1px solid var(--line); margin-right: .25em; }
dl.details { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
dl.details dt { font-weight: 600; } dl.details dd { margin: 0; overflow-wrap: anywhere; }
footer { margin-top: 2.5rem; color: var(--muted); font-size: .85rem; }
.scroll { overflow-x: auto; }
@media (max-width: 40rem) {
  body { padding: 1rem; }
  table.findings, table.findings tbody, table.findings tr, table.findings td { display: block; }
  table.findings thead { display: none; }
  table.findings tr { padding: .5rem 0; border-bottom: 1px solid var(--line); }
  table.findings td { border: 0; padding: .1rem 0; }
  table.findings td.sev, table.findings td.where, table.findings td.id { display: inline-block;
    margin-right: .75rem; }
}
@media print {
  :root { --bg: #ffffff; --text: #000000; --muted: #333333; --line: #999999; --panel: #f2f2f2; }
  body { max-width: none; padding: 0; font-size: 11pt; }
  .numbers { grid-template-columns: repeat(auto-fit, minmax(6.5rem, 1fr)); gap: .5rem; }
  .numbers b { font-size: 1.5rem; }
  table { font-size: 9pt; } th, td { padding: .3rem .4rem; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  section { break-inside: auto; } figure, .numbers { break-inside: avoid; }
  @page { margin: 15mm; }
}
"""


def _e(value: object) -> str:
    """Data as HTML text: controls and bidi overrides shown as escapes, then HTML-escaped."""
    return escape(printable("" if value is None else str(value)), quote=True)


def _numbers(report: Report) -> str:
    cards: list[tuple[str, str]] = []
    for key, label in (
        ("terms", "terms read"),
        ("mapped", "matched to national concepts"),
        ("unmapped", "with no national match"),
    ):
        if key in report.stats:
            cards.append((str(report.stats[key]), label))
    for key, label in RECORD_STATS:
        if key in report.stats and (report.stats[key] or key in ("records", "valid_records")):
            cards.append((str(report.stats[key]), label))
    if report.coverage:
        c = report.coverage
        cards.append((f"{c.core_covered}/{c.core_total}", "core concepts covered"))
    counts = report.counts()
    items = "".join(f"<li><b>{_e(n)}</b><span>{_e(label)}</span></li>" for n, label in cards)
    by_severity = "".join(
        f'<span class="line">{_badge(sev)} {counts[sev.value]}</span>' for sev in Severity
    )
    items += f"<li><b>{len(report.findings)}</b><span>findings</span><p>{by_severity}</p></li>"
    return f'<ul class="numbers">{items}</ul>'


def _lead(report: Report) -> str:
    stats = report.stats
    if "terms" not in stats:
        return ""
    rest = [
        f"{stats[key]} {words}"
        for key, words in (
            ("mapped", "match national concepts"),
            ("unmapped", "have no national match"),
        )
        if key in stats
    ]
    sentence = f"{stats['terms']} terms checked" + (": " + ", ".join(rest) if rest else "") + "."
    return f'<p class="lead">{_e(sentence)}</p>'


def _core_grid(coverage: Coverage) -> str:
    total, covered = coverage.core_total, max(0, min(coverage.core_covered, coverage.core_total))
    if not 0 < total <= 200:
        return ""
    per_row, size, gap = min(total, 25), 22, 4
    rows = -(-total // per_row)
    width, height = per_row * (size + gap), rows * (size + gap)
    cells = []
    for i in range(total):
        x, y = (i % per_row) * (size + gap), (i // per_row) * (size + gap)
        cls = "fill" if i < covered else "cell-miss"
        cells.append(f'<rect class="{cls}" x="{x}" y="{y}" width="{size}" height="{size}" rx="3"/>')
    title = f"{covered} of {total} core concepts covered"
    return (
        f'<svg role="img" aria-labelledby="grid-title" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}"><title id="grid-title">{_e(title)}</title>'
        + "".join(cells)
        + "</svg>"
        '<p class="legend"><span class="swatch" style="background:var(--fill)"></span>covered '
        '<span class="swatch" style="background:var(--miss)"></span>not covered</p>'
    )


def _facet_chart(coverage: Coverage) -> str:
    facets = coverage.facets
    if not facets:
        return ""
    label_w, bar_x, bar_w, row_h, bar_h = 250, 260, 330, 34, 20
    width, height = 720, len(facets) * row_h + 4
    bars, described = [], []
    for i, f in enumerate(facets):
        y = i * row_h + 4
        frac = f.covered / f.total if f.total > 0 else 0.0
        frac = max(0.0, min(1.0, frac))
        label = f.label if len(f.label) <= _LABEL_CHARS else f.label[: _LABEL_CHARS - 1] + "…"
        words = f"{f.label}: {f.covered} of {f.total} core concepts covered"
        described.append(words)
        bars.append(
            f'<g class="bar"><title>{_e(words)}</title>'
            f'<text x="{label_w}" y="{y + bar_h - 5}" text-anchor="end">{_e(label)}</text>'
            f'<rect class="track" x="{bar_x}" y="{y}" width="{bar_w}" height="{bar_h}" rx="3"/>'
            f'<rect class="fill" x="{bar_x}" y="{y}" width="{round(bar_w * frac, 1)}" '
            f'height="{bar_h}" rx="3"/>'
            f'<text x="{bar_x + bar_w + 10}" y="{y + bar_h - 5}">'
            f"{_e(share(f.covered, f.total))}</text></g>"
        )
    return (
        f'<figure><svg role="img" aria-labelledby="facet-title facet-desc" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">'
        '<title id="facet-title">Core coverage per facet</title>'
        f'<desc id="facet-desc">{_e("; ".join(described))}.</desc>'
        + "".join(bars)
        + "</svg><figcaption>Each bar: the core concepts of one facet that the glossary "
        "covers, out of all core concepts of that facet.</figcaption></figure>"
    )


def _coverage(report: Report, findings: list[Finding]) -> str:
    c = report.coverage
    if c is None and not findings:
        return ""
    parts = ['<section id="coverage"><h2>Coverage of the national core</h2>']
    if c is not None:
        parts.append(
            f"<p><b>{_e(share(c.core_covered, c.core_total))}</b> of the national core concepts "
            "are covered by this glossary.</p>"
        )
        parts.append(_core_grid(c))
        parts.append(_facet_chart(c))
        if c.missing_core:
            missing = ", ".join(f"<code>{_e(m)}</code>" for m in c.missing_core)
            parts.append(f"<p>Core concepts not covered: {missing}.</p>")
    if findings:
        parts.append(_findings_table(findings, report.input.file))
    parts.append("</section>")
    return "".join(parts)


def _badge(severity: Severity) -> str:
    return (
        f'<span class="badge {severity.value}"><span aria-hidden="true">{_ICON[severity]}</span> '
        f"{severity.value}</span>"
    )


def _findings_table(findings: Iterable[Finding], input_file: str) -> str:
    rows = []
    for f in findings:
        fix = (
            f'<span class="fix"><b>Suggestion:</b> {_e(f.suggestion)}</span>'
            if f.suggestion
            else ""
        )
        rows.append(
            f'<tr><td class="sev">{_badge(f.severity)}</td>'
            f'<td class="where">{_e(where(f.location, input_file)) or "—"}</td>'
            f'<td class="id"><code>{_e(f.id)}</code> <small>{_e(f.name)}</small></td>'
            f'<td><span class="msg">{_e(f.message)}</span>{fix}</td></tr>'
        )
    return (
        '<table class="findings"><colgroup><col class="c-sev"><col class="c-where">'
        '<col class="c-id"><col></colgroup><thead><tr><th>Severity</th><th>Where</th>'
        "<th>Check</th><th>Finding</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
    )


def _family_section(
    section_id: str, title: str, intro: str, findings: list[Finding], f: str
) -> str:
    if not findings:
        return ""
    return (
        f'<section id="{section_id}"><h2>{_e(title)} ({len(findings)})</h2>'
        f'<p class="note">{_e(intro)}</p>{_findings_table(findings, f)}</section>'
    )


def _mappings(report: Report) -> str:
    if not report.mappings:
        return ""
    rows = "".join(
        f'<tr><td class="num">{_e(m.row)}</td><td>{_e(m.term)}</td>'
        f"<td>{_e(relationship(m.predicate))}</td><td><code>{_e(compact(m.concept))}</code></td>"
        f'<td class="num">{m.confidence:.2f}</td>'
        f"<td><small><code>{_e(compact(m.predicate))}</code><br>{_e(m.justification)}</small>"
        f"{'<br>' + _e(m.comment) if m.comment else ''}</td></tr>"
        for m in report.mappings
    )
    return (
        f'<section id="mappings"><h2>Mappings ({len(report.mappings)})</h2>'
        '<p class="note">Read each row as a sentence: the district term is <i>the relationship</i> '
        "the national concept. “Narrower than” means the national concept is the broader "
        'one.</p><div class="scroll"><table><thead><tr><th>Row</th><th>District term</th>'
        "<th>Relationship</th>"
        "<th>National concept</th><th>Confidence</th><th>Details</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></div></section>"
    )


def _details(report: Report) -> str:
    info = report.input
    items: list[tuple[str, object]] = [
        ("File", info.file),
        ("SHA-256", info.sha256),
        ("Format", info.format),
        ("Encoding", info.encoding),
        ("Delimiter", repr(info.delimiter) if info.delimiter else None),
        ("Sheet", info.sheet),
        ("Columns", ", ".join(f"{k} = {v}" for k, v in info.columns.items())),
    ]
    if report.vocabulary:
        items += [("Vocabulary", report.vocabulary.iri), ("Version", report.vocabulary.version)]
    items += [(f"stats: {k}", v) for k, v in report.stats.items()]
    items.append(("Tool", f"{report.tool} {report.tool_version}"))
    rows = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in items if v not in (None, ""))
    return (
        f'<section id="details"><h2>Technical details</h2><dl class="details">{rows}</dl></section>'
    )


def render_html(report: Report) -> str:
    """The report as one self-contained HTML page (no script, no external resource).

    >>> from pl_vocab.core.model import InputInfo
    >>> page = render_html(Report(valid=True, tool_version="0.1.0", input=InputInfo(file="<g>.csv")))
    >>> page.startswith("<!DOCTYPE html>"), "&lt;g&gt;.csv" in page, "<g>" in page
    (True, True, False)
    """
    groups = dict(group_by_family(report.findings))
    file_name = report.input.file
    others = [(k, v) for k, v in groups.items() if k not in ("D", "E", "F")]
    problems = "".join(
        f"<h3>{_e(family_title(letter))} ({len(fs)})</h3>{_findings_table(fs, file_name)}"
        for letter, fs in others
    )
    body = [
        '<header><p class="eyebrow">pl-vocab glossary report</p>',
        f"<h1>{_e(file_name)}</h1>",
        f'<p class="verdict {"ok" if report.valid else "bad"}">{_e(verdict(report))}</p>',
        _lead(report),
        _numbers(report),
        "</header><main>",
        _coverage(report, groups.get("F", [])),
        _family_section(
            "language",
            "Language to reconsider",
            "Consider the suggested wording; each finding says why.",
            groups.get("E", []),
            file_name,
        ),
        _family_section(
            "decisions",
            "Mapping: needs your decision",
            "Check each proposed match: same meaning, related, or not the same.",
            groups.get("D", []),
            file_name,
        ),
        _mappings(report),
        (
            f'<section id="problems"><h2>File problems ({sum(len(fs) for _, fs in others)})</h2>'
            f"{problems}</section>"
            if others
            else ""
        ),
        _details(report),
        f"</main><footer>Made by {_e(report.tool)} {_e(report.tool_version)}.</footer>",
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light dark">\n'
        f"<title>{_e(report.tool)} report: {_e(file_name)}</title>\n"
        f"<style>{_CSS}</style>\n</head>\n<body>\n"
        + "\n".join(p for p in body if p)
        + "\n</body>\n</html>\n"
    )
