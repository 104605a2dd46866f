"""``pl-vocab check``: argument handling around :func:`check_glossary` and the renderers."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["run_check"]

_FORMATS = ("text", "json", "markdown", "html", "sssom")


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def run_check(
    glossary: Path,
    format: str,
    output: Path | None,
    fail_on: str,
    select: str | None,
    ignore: str | None,
    columns: str | None,
    sheet: str | None,
    console: Callable[[], Any],
) -> int:
    """Check and render; return the exit code (0 clean at the threshold, 1 findings, 2 unreadable)."""
    from pl_vocab.core.errors import PlVocabError
    from pl_vocab.core.model import Severity
    from pl_vocab.glossary.check import check_glossary

    fmt = format.lower()
    if fmt not in _FORMATS:
        print(
            f"pl-vocab: unknown --format {format!r}; use one of {', '.join(_FORMATS)}.",
            file=sys.stderr,
        )
        return 2
    try:
        threshold = Severity(fail_on.lower())
    except ValueError:
        print(
            f"pl-vocab: --fail-on takes error, warning or info, not {fail_on!r}.", file=sys.stderr
        )
        return 2
    try:
        report = check_glossary(
            glossary, sheet=sheet, columns=columns, select=_split(select), ignore=_split(ignore)
        )
    except PlVocabError as exc:
        print(f"pl-vocab: {exc}", file=sys.stderr)
        return 2
    from pl_vocab.report.render import render

    if fmt == "text" and output is None:
        from pl_vocab.report.render_text import render_text

        sys.stdout.write(render_text(report, color=sys.stdout.isatty()))
    else:
        text = render(report, fmt)
        if output is not None:
            output.write_text(text, encoding="utf-8")
            print(f"wrote the {fmt} report to {output}", file=sys.stderr)
        else:
            sys.stdout.write(text)
    return report.exit_code(threshold)
