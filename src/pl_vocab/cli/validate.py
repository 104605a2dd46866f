"""``pl-vocab validate``: options checked, :func:`validate_files` run, the report shown or written.

Exit codes as for ``check`` (:mod:`pl_vocab.cli.output`): 0 clean at the ``--fail-on``
threshold, 1 findings at or above it, 2 unreadable or unsafe input, an output that cannot be
written, or a usage error (one line saying why), 3 internal error.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pl_vocab.cli import options, output

__all__ = ["run_validate"]


def _show_progress() -> bool:
    """A progress bar only for a person at a terminal: not when piped, not in CI logs."""
    return sys.stderr.isatty() and not os.environ.get("CI") and os.environ.get("TERM") != "dumb"


def _when(now: str | None) -> dt.datetime | None:
    """The ``--now`` value as an aware date-time; one line and exit 2 if it is not one."""
    if not now:
        return None
    try:
        when = dt.datetime.fromisoformat(now)
    except ValueError:
        output.fail(f"--now takes an ISO date-time such as 2026-06-01T12:00:00Z, not {now!r}.")
    if when.tzinfo is None:
        output.fail("--now needs a timezone offset, such as 2026-06-01T12:00:00Z.")
    try:  # the date rules compare in UTC, a year either side: that must stay within 1-9999
        when.astimezone(dt.UTC) + dt.timedelta(days=400)
        when.astimezone(dt.UTC) - dt.timedelta(days=400)
    except OverflowError:
        output.fail(
            "--now is too close to year 1 or 9999 to compare dates; use a later or earlier one."
        )
    return when


def run_validate(
    files: list[Path],
    *,
    class_name: str | None,
    from_: str | None,
    known: list[Path],
    format: str,
    output_path: Path | None,
    fail_on: str,
    select: str | None,
    ignore: str | None,
    jobs: int,
    now: str | None,
    max_findings: int,
    console: Callable[[], Any],
) -> int:
    """Validate and render; return the exit code.

    :raises pl_vocab.core.errors.PlVocabError: for unreadable input, an unknown class or rule,
        or an output that cannot be written (the command turns it into one line and exit 2).
        Any other exception is a bug, and stays one (exit 3).
    """
    fmt = options.choose(format, options.VALIDATE_FORMATS)
    threshold = options.severity(fail_on)
    when = _when(now)
    if jobs < 0:
        output.fail("--jobs takes 0 (all cores) or a positive number.")
    if max_findings < 0:
        output.fail("--max-findings takes 0 (no limit) or a positive number.")

    from pl_vocab.validation.files import validate_files

    progress, stop = _progress_bar() if _show_progress() else (None, None)
    try:
        report = validate_files(
            files,
            cls=class_name,
            format=from_,
            known=known,
            select=options.split_list(select),
            ignore=options.split_list(ignore),
            now=when,
            jobs=jobs,
            max_per_rule=max_findings,
            progress=progress,
        )
    finally:
        if stop is not None:
            stop()
    return output.emit_report(report, fmt, output_path, threshold, console)


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
