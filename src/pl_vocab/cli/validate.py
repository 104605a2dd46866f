"""``pl-vocab validate``: argument handling around :func:`validate_files` and the renderers.

Exit codes as for ``check``: 0 clean at the ``--fail-on`` threshold, 1 findings at or above it,
2 unreadable or unsafe input or a usage error (one line saying why), 3 internal error.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["run_validate"]

_FORMATS = ("text", "json", "markdown", "html")


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def _usage(message: str) -> int:
    print(f"pl-vocab: {message}", file=sys.stderr)
    return 2


def _show_progress() -> bool:
    """A progress bar only for a person at a terminal: not when piped, not in CI logs."""
    return sys.stderr.isatty() and not os.environ.get("CI") and os.environ.get("TERM") != "dumb"


def run_validate(
    files: list[Path],
    *,
    class_name: str | None,
    from_: str | None,
    known: list[Path],
    format: str,
    output: Path | None,
    fail_on: str,
    select: str | None,
    ignore: str | None,
    jobs: int,
    now: str | None,
    max_findings: int,
    console: Callable[[], Any],
) -> int:
    """Validate and render; return the exit code."""
    from pl_vocab.core.errors import PlVocabError
    from pl_vocab.core.model import Severity

    fmt = format.lower()
    if fmt not in _FORMATS:
        return _usage(f"unknown --format {format!r}; use one of {', '.join(_FORMATS)}.")
    try:
        threshold = Severity(fail_on.lower())
    except ValueError:
        return _usage(f"--fail-on takes error, warning or info, not {fail_on!r}.")
    when = None
    if now:
        try:
            when = dt.datetime.fromisoformat(now)
        except ValueError:
            return _usage(
                f"--now takes an ISO date-time such as 2026-06-01T12:00:00Z, not {now!r}."
            )
        if when.tzinfo is None:
            return _usage("--now needs a timezone offset, such as 2026-06-01T12:00:00Z.")
    if jobs < 0:
        return _usage("--jobs takes 0 (all cores) or a positive number.")
    if max_findings < 0:
        return _usage("--max-findings takes 0 (no limit) or a positive number.")

    from pl_vocab.validation.files import validate_files

    progress, stop = _progress_bar() if _show_progress() else (None, None)
    try:
        report = validate_files(
            files,
            cls=class_name,
            format=from_,
            known=known,
            select=_split(select),
            ignore=_split(ignore),
            now=when,
            jobs=jobs,
            max_per_rule=max_findings,
            progress=progress,
        )
    except KeyError as exc:
        return _usage(str(exc.args[0]) if exc.args else str(exc))
    except PlVocabError as exc:
        return _usage(str(exc))
    finally:
        if stop is not None:
            stop()
    from pl_vocab.report.render import render

    if fmt == "text" and output is None:
        from pl_vocab.report.render_text import render_text

        con = console()
        text = render_text(report, color=con.is_terminal, width=con.width)
        sys.stdout.write(text)
    else:
        text = render(report, fmt)
        if output is None:
            sys.stdout.write(text)
        else:
            try:
                output.write_text(text, encoding="utf-8")
            except OSError as exc:
                return _usage(f"{output}: cannot be written ({exc.strerror}).")
            print(f"pl-vocab: wrote {output} ({report.stats['records']} records)", file=sys.stderr)
    return report.exit_code(threshold)


def _progress_bar() -> tuple[Callable[[int, int], None], Callable[[], None]]:
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn

    bar = Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    task = bar.add_task("validating", total=None)
    bar.start()

    def update(done: int, total: int) -> None:
        bar.update(task, completed=done, total=total)

    return update, bar.stop
