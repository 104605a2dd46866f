"""``pl-vocab check``: options checked, :func:`check_glossary` run, the report shown or written.

Exit codes (:mod:`pl_vocab.cli.output`): 0 clean at the ``--fail-on`` threshold, 1 findings at or
above it, 2 unreadable or unsafe input, an output that cannot be written, or a usage error (one
line saying why), 3 internal error.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from pl_vocab.cli import options, output

__all__ = ["run_check"]


def run_check(
    glossary: Path,
    format: str,
    output_path: Path | None,
    fail_on: str,
    select: str | None,
    ignore: str | None,
    columns: str | None,
    sheet: str | None,
    console: Callable[[], Any],
) -> int:
    """Check and render; return the exit code.

    :raises pl_vocab.core.errors.PlVocabError: for an unreadable glossary or an output that
        cannot be written (the command turns it into one line and exit 2).
    """
    fmt = options.choose(format, options.CHECK_FORMATS)
    threshold = options.severity(fail_on)
    from pl_vocab.glossary.check import check_glossary

    report = check_glossary(
        glossary,
        sheet=sheet,
        columns=columns,
        select=options.split_list(select),
        ignore=options.split_list(ignore),
    )
    return output.emit_report(report, fmt, output_path, threshold, console)
