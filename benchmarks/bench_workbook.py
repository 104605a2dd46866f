"""Workbook reading benchmark: what finding formula cells (A013) adds to python-calamine.

    uv run python benchmarks/bench_workbook.py
    uv run python benchmarks/bench_workbook.py --rows 1000 10000 --repeat 3

For each size, two .xlsx glossaries written by openpyxl (``write_only``): one of plain text, one
where every row's third cell is a formula (``=ROW()``), the worst case for the scan. In the same
run, on the same bytes, best of ``--repeat``, the tools taking turns:

- **calamine**: python-calamine alone, the peer: open the workbook, read the first sheet with
  ``to_python`` (what any calamine user pays, values only, no formulas);
- **read_workbook**: pl_vocab's reader: the zip checks (sizes, DOCTYPE refusal), calamine, the
  formula scan of the sheet's XML, and the conversion of every cell to text;
- **scan**: ``find_formulas`` alone (listing at most 50 cells, as the reader does, and counting
  the rest).

The results are printed as a Markdown section for docs/performance.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import io
import platform
import sys
import time
import zipfile
from collections.abc import Callable
from functools import partial
from importlib.metadata import version
from typing import Any

from pl_vocab.io.excel import FORMULAS_LISTED, read_workbook
from pl_vocab.io.workbook_formulas import find_formulas


def workbook(rows: int, formulas: bool) -> bytes:
    import openpyxl  # type: ignore[import-untyped]

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Glossary")
    sheet.append(["Term", "Definition", "Notes"])
    for i in range(rows):
        note = "=ROW()" if formulas else f"Reviewed by the committee, item {i}"
        sheet.append([f"Term {i}", f"What term {i} means for learners and families.", note])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def calamine(data: bytes) -> int:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    with book:
        return len(book.get_sheet_by_index(0).to_python(skip_empty_area=False))


def scan(data: bytes) -> int:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return find_formulas(archive, "Glossary", limit=FORMULAS_LISTED).total


def best_of(fns: dict[str, Callable[[], Any]], repeat: int) -> dict[str, float]:
    times: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(repeat):
        for name, fn in fns.items():
            gc.collect()
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
    return {name: min(ts) for name, ts in times.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    command = "uv run python benchmarks/bench_workbook.py" + (
        "" if argv is None and len(sys.argv) == 1 else " " + " ".join(sys.argv[1:])
    )
    lines = [
        "## Workbook reading (`benchmarks/bench_workbook.py`)",
        "",
        f"Command: `{command}`",
        f"({dt.date.today()}, Python {platform.python_version()}, python-calamine "
        f"{version('python-calamine')}, openpyxl {version('openpyxl')} to write the files).",
        "",
        "| rows | formulas | file | calamine alone | `read_workbook` | of which the formula scan "
        "| `read_workbook` / calamine |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for rows in args.rows:
        for formulas in (False, True):
            data = workbook(rows, formulas)
            found = scan(data)
            assert found == (rows if formulas else 0), found
            table = read_workbook(data, max_rows=rows + 1)
            assert len(table.records) == rows or formulas  # formulas without results read empty
            t = best_of(
                {
                    "calamine": partial(calamine, data),
                    "read": partial(read_workbook, data, max_rows=rows + 1),
                    "scan": partial(scan, data),
                },
                args.repeat,
            )
            lines.append(
                f"| {rows:,} | {'every row' if formulas else 'none'} | {len(data) / 1e6:.1f} MB "
                f"| {t['calamine']:.3f} s | {t['read']:.3f} s | {t['scan']:.3f} s "
                f"| **{t['read'] / t['calamine']:.2f}x** |"
            )
            print(f"  {rows:,} rows, formulas={formulas}: done", file=sys.stderr)
    lines += [
        "",
        "A sheet without formulas costs the scan one pass of decompression over the raw bytes. A "
        f"sheet with formulas is parsed with expat until {FORMULAS_LISTED} formula cells are "
        "listed; the rest are counted on the raw bytes.",
    ]
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
