"""Hostile shapes against same-sized ordinary inputs (issue 12, class 5): time and peak memory.

    uv run python benchmarks/bench_hostile.py
    uv run python benchmarks/bench_hostile.py --scale 0.25   # smaller inputs, a quicker run

Each pair is run in a fresh subprocess (peak memory from ``VmHWM`` in /proc/self/status; the
time is that of the operation alone, imports excluded):

- **far cell**: an .xlsx whose sheet has a value in ``A99999999999`` (refused, A018) against an
  .xlsx of ordinary rows of the same size, both through ``read_glossary``;
- **shared strings**: one 1 MB shared string referenced by 3,000 cells (refused) against the
  same cells referring to 3,000 short strings;
- **one-line CSV**: one line of millions of cells (refused at the record-length limit) against
  ordinary rows of the same size;
- **unknown keys** / **long list**: one record with 20,000 unknown keys, or a 20,000-item list
  in a slot, through ``validate``, against 20,000 / 200 ordinary records of the same size;
- **broader chain**: a 24,000-concept ``skos:broader`` chain through ``check_skos`` against
  24,000 concepts that all sit under one top concept (the same number of triples).

The ratio is hostile / ordinary; the goal is at most 10x. Printed as a Markdown table.
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

_STATUS = (
    "int(next(l for l in open('/proc/self/status') if l.startswith('VmHWM')).split()[1]) / 1024"
)

_READ = """
import time
from pl_vocab.core.errors import InputError
from pl_vocab.glossary.read import read_glossary
t = time.perf_counter()
try:
    read_glossary({path!r})
    outcome = "read"
except InputError:
    outcome = "refused"
print(time.perf_counter() - t, {status}, outcome)
"""

_VALIDATE = """
import json, time
from pl_vocab.validation import validate
data = json.load(open({path!r}))
t = time.perf_counter()
found = validate(data, known_ids=["https://example.org/learners/1"])
print(time.perf_counter() - t, {status}, f"{{len(found)}} findings")
"""

_SKOS = """
import time
import pyoxigraph as ox
from pl_vocab.skos.integrity import check_skos
triples = list(ox.parse(path={path!r}, format=ox.RdfFormat.N_TRIPLES))
t = time.perf_counter()
found = check_skos(triples)
print(time.perf_counter() - t, {status}, f"{{len(found)}} findings")
"""

SKOS = "http://www.w3.org/2004/02/skos/core#"
GOAL = {
    "type": "LearnerGoal",
    "id": "https://example.org/goals/1",
    "learner": "https://example.org/learners/1",
    "statement": "Read two novels",
    "asserter_role": "learner",
    "language": "en",
}


def _xlsx(rows: list[str], shared: list[str] | None = None) -> bytes:
    from test_workbook_formulas import sheet_xml, xlsx

    book = xlsx([("G", sheet_xml(rows))])
    if shared is None:
        return book
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(book)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        items = "".join(f"<si><t>{s}</t></si>" for s in shared)
        dst.writestr(
            "xl/sharedStrings.xml",
            f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{items}</sst>',
        )
    return out.getvalue()


def _cells(n: int, row: int) -> str:
    from test_workbook_formulas import text_cell

    return text_cell(f"A{row}", f"term {n}") + text_cell(f"B{row}", f"definition {n}")


def _pairs(scale: float, folder: Path) -> list[tuple[str, str, Path, Path]]:
    """(name, script, hostile file, ordinary file) for each shape."""
    from test_workbook_formulas import text_cell

    n = max(int(20_000 * scale), 100)
    out = []
    header = text_cell("A1", "Term") + text_cell("B1", "Definition")
    far = _xlsx([header] + [_cells(i, i + 2) for i in range(n)] + [text_cell("A99999999999", "x")])
    plain = _xlsx([header] + [_cells(i, i + 2) for i in range(n + 1)])
    out.append(
        (
            "far cell (xlsx)",
            _READ,
            _write(folder / "far.xlsx", far),
            _write(folder / "plain.xlsx", plain),
        )
    )
    cells = int(3_000 * scale) or 1
    refs = "".join(f'<c r="B{i + 2}" t="s"><v>0</v></c>' for i in range(cells))
    each = "".join(f'<c r="B{i + 2}" t="s"><v>{i}</v></c>' for i in range(cells))
    head = text_cell("A1", "Term") + text_cell("B1", "Definition")
    bomb = _xlsx([head, refs], ["y" * int(1_000_000 * scale)])
    short = _xlsx([head, each], [f"definition {i}" for i in range(cells)])
    out.append(
        (
            "shared strings (xlsx)",
            _READ,
            _write(folder / "bomb.xlsx", bomb),
            _write(folder / "short.xlsx", short),
        )
    )
    size = int(40_000_000 * scale)
    line = "Term,Definition\n" + "a," * (size // 2) + "\n"
    pad = "d" * 180
    rows = "Term,Definition\n" + "".join(f"t{i},{pad}{i}\n" for i in range(size // 190))
    out.append(
        (
            "one-line CSV",
            _READ,
            _write(folder / "line.csv", line),
            _write(folder / "rows.csv", rows),
        )
    )
    keys = {**GOAL, **{f"k{i}": i for i in range(n)}}
    same = len(json.dumps(keys)) // len(json.dumps(GOAL)) + 1
    many = [{**GOAL, "id": f"https://example.org/goals/{i}"} for i in range(same)]
    out.append(
        (
            "unknown keys (validate)",
            _VALIDATE,
            _write(folder / "keys.json", json.dumps(keys)),
            _write(folder / "many.json", json.dumps(many)),
        )
    )
    items = {**GOAL, "statement": ["x"] * n}
    alike = len(json.dumps(items)) // len(json.dumps(GOAL)) + 1
    few = [{**GOAL, "id": f"https://example.org/goals/{i}"} for i in range(alike)]
    out.append(
        (
            "long list (validate)",
            _VALIDATE,
            _write(folder / "list.json", json.dumps(items)),
            _write(folder / "few.json", json.dumps(few)),
        )
    )
    k = int(24_000 * scale)
    chain, flat = _skos(k, chained=True), _skos(k, chained=False)
    out.append(
        (
            "broader chain (SKOS)",
            _SKOS,
            _write(folder / "chain.nt", chain),
            _write(folder / "flat.nt", flat),
        )
    )
    return out


def _skos(k: int, *, chained: bool) -> str:
    lines = []
    for i in range(k):
        c = f"<https://example.org/c{i}>"
        lines.append(f"{c} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{SKOS}Concept> .")
        lines.append(f'{c} <{SKOS}prefLabel> "c{i}"@en .')
        if i:
            up = f"<https://example.org/c{i - 1 if chained else 0}>"
            lines.append(f"{c} <{SKOS}broader> {up} .")
    return "\n".join(lines) + "\n"


def _write(path: Path, data: bytes | str) -> Path:
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def _run(script: str, path: Path) -> tuple[float, float, str]:
    code = script.format(path=str(path), status=_STATUS)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=900)
    if done.returncode != 0:
        return float("nan"), float("nan"), f"exit {done.returncode}"
    seconds, peak, *outcome = done.stdout.split()
    return float(seconds), float(peak), " ".join(outcome)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="input sizes x this")
    args = parser.parse_args()
    print(
        "| shape | size (hostile / ordinary) | hostile s, MB | ordinary s, MB | time ratio | outcome |"
    )
    print("| --- | --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as tmp:
        for name, script, hostile, ordinary in _pairs(args.scale, Path(tmp)):
            print(f"running {name}", file=sys.stderr)
            h, o = _run(script, hostile), _run(script, ordinary)
            ratio = h[0] / o[0] if o[0] else float("inf")
            sizes = f"{hostile.stat().st_size:,} / {ordinary.stat().st_size:,} B"
            print(
                f"| {name} | {sizes} | {h[0]:.3f} s, {h[1]:.0f} MB | {o[0]:.3f} s, {o[1]:.0f} MB "
                f"| {ratio:.2f}x | {h[2]} / {o[2]} |"
            )


if __name__ == "__main__":
    main()
