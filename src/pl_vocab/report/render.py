"""One entry point for every output format: ``render(report, "html")``.

Each format lives in its own module and is imported only when asked for, so ``--format json``
never loads rich.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import cast

from pl_vocab.core.errors import PlVocabError
from pl_vocab.core.model import Report

__all__ = ["FORMATS", "UnknownFormatError", "render"]

FORMATS: dict[str, tuple[str, str]] = {
    "text": ("pl_vocab.report.render_text", "render_text"),
    "json": ("pl_vocab.report.render_json", "render_json"),
    "markdown": ("pl_vocab.report.render_markdown", "render_markdown"),
    "html": ("pl_vocab.report.render_html", "render_html"),
    "sssom": ("pl_vocab.report.render_sssom", "render_sssom"),
}


class UnknownFormatError(PlVocabError):
    """``--format`` names no renderer."""

    def __init__(self, name: str) -> None:
        super().__init__(f"Unknown report format {name!r}. Use one of: {', '.join(FORMATS)}.")


def render(report: Report, format: str) -> str:
    """The report in one of :data:`FORMATS` (``text``, ``json``, ``markdown``, ``html``, ``sssom``).

    :raises UnknownFormatError: (a :class:`PlVocabError`) for any other name.

    >>> from pl_vocab.core.model import InputInfo
    >>> r = Report(valid=True, tool_version="0.1.0", input=InputInfo(file="g.csv"))
    >>> render(r, "json").splitlines()[1]
    '  "valid": true,'
    >>> try:
    ...     render(r, "pdf")
    ... except PlVocabError as exc:
    ...     print(exc)
    Unknown report format 'pdf'. Use one of: text, json, markdown, html, sssom.
    """
    try:
        module_name, function_name = FORMATS[format.strip().lower()]
    except KeyError:
        raise UnknownFormatError(format) from None
    function = getattr(importlib.import_module(module_name), function_name)
    return cast(Callable[[Report], str], function)(report)
