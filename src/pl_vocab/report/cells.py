"""Spreadsheet-safe cells: text that Excel, LibreOffice or Sheets would not run as a formula.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return can be taken as
a formula (CSV/formula injection, OWASP). Every CSV, TSV or XLSX writer in pl_vocab passes its
text cells through :func:`safe_cell`, which prefixes such a cell with a single quote, the
character spreadsheets themselves use to mark "this is text".
"""

from __future__ import annotations

__all__ = ["DANGEROUS_FIRST", "safe_cell"]

DANGEROUS_FIRST: frozenset[str] = frozenset("=+-@\t\r")


def safe_cell(text: str) -> str:
    """``text`` with a single quote in front when its first character could start a formula.

    >>> safe_cell("=HYPERLINK(\\"http://x\\")"), safe_cell("-1"), safe_cell("Equity"), safe_cell("")
    ('\\'=HYPERLINK("http://x")', "'-1", 'Equity', '')
    """
    return "'" + text if text[:1] in DANGEROUS_FIRST else text
