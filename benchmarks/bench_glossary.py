"""Glossary checker benchmark: ``check_glossary`` against reading the file and fuzzy scoring alone.

    uv run python benchmarks/bench_glossary.py
    uv run python benchmarks/bench_glossary.py --sizes 1000 10000 --repeat 3 --memory 0
    uv run python benchmarks/bench_glossary.py --profile 10000   # cProfile of one full check

For each size, in the same run on the same file (``benchmarks/synthetic_glossary.py``), best of
``--repeat``:

- **check**: ``check_glossary(path)``: read, match, every check, the report built, nothing
  rendered;
- **baseline** (the one issue 4 names): ``csv.reader`` over the same file, and for every term
  ``rapidfuzz.process.extractOne(term, labels, scorer=fuzz.ratio)`` over all preferred and
  alternative labels of all concepts (plain lowercased strings, built once beforehand);
- for context, **read** (``read_glossary``) and **match** (``Matcher.match_many`` on the terms,
  the indexes built inside the timing) on their own.

Peak memory of the full check is measured at ``--memory`` terms in a fresh subprocess, from
``VmHWM`` in /proc/self/status (``ru_maxrss`` survives exec and would report the parent's peak).

The results are printed as a Markdown section, ready to paste into docs/performance.md (the
progress lines go to stderr).

Goals (issue 4, "Fast"): check / baseline at most 3x at 10,000 terms; 10x the terms costs at
most 12x the time; peak memory under 500 MB at 100,000 terms. Ratios within one run are what we
compare (the machine is a shared VM, see docs/performance.md).
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import datetime as dt
import gc
import io
import os
import platform
import pstats
import shlex
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from importlib.metadata import version
from typing import Any

sys.path.insert(0, os.path.dirname(__file__))

from rapidfuzz import fuzz, process
from synthetic_glossary import write_glossary

from pl_vocab import load_vocabulary
from pl_vocab.glossary.check import check_glossary
from pl_vocab.glossary.match import Matcher
from pl_vocab.glossary.read import read_glossary

GOAL_RATIO = 3.0
GOAL_GROWTH = 12.0
GOAL_MEMORY_MB = 500.0


def best(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        result = None
        gc.collect()
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return min(times), result


def baseline_labels() -> list[str]:
    """All preferred and alternative labels of all concepts, as plain lowercased strings."""
    return [
        lt.value.lower()
        for concept in load_vocabulary()
        for lt in [*(concept.pref_label or ()), *(concept.alt_label or ())]
    ]


def baseline(path: str, labels: list[str]) -> int:
    """Read the file with the csv module and score every term with rapidfuzz alone."""
    scored = 0
    with open(path, encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle)
        next(rows)
        for row in rows:
            if row and row[0]:
                process.extractOne(row[0].lower(), labels, scorer=fuzz.ratio)
                scored += 1
    return scored


def match_only(path: str) -> int:
    table = read_glossary(path)
    matcher = Matcher(load_vocabulary())
    return len(matcher.match_many([(r.term, table.term_language) for r in table.rows if r.term]))


def run_size(path: str, n: int, repeat: int, labels: list[str]) -> dict[str, Any]:
    size = write_glossary(path, n)
    with open(path, encoding="utf-8", newline="") as handle:
        terms = [row[0] for row in list(csv.reader(handle))[1:]]
    t_check, report = best(lambda: check_glossary(path), repeat)
    t_base, scored = best(lambda: baseline(path, labels), repeat)
    t_read, _ = best(lambda: read_glossary(path), repeat)
    t_match, _ = best(lambda: match_only(path), repeat)
    return {
        "n": n,
        "repeat": repeat,
        "bytes": size,
        "check": t_check,
        "baseline": t_base,
        "read": t_read,
        "match": t_match,
        "scored": scored,
        "distinct": len(set(terms)),
        "findings": len(report.findings),
        "mappings": len(report.mappings),
    }


def peak_memory(path: str, n: int) -> tuple[float, float, float]:
    """Peak RSS (MB) of a fresh process running the full check on ``n`` terms, of one that only
    loads the vocabulary (the floor), and the check's time there."""
    write_glossary(path, n)
    status = (
        "int(next(l for l in open('/proc/self/status') if l.startswith('VmHWM')).split()[1]) / 1024"
    )
    check = (
        "import time\n"
        "from pl_vocab.glossary.check import check_glossary\n"
        "t = time.perf_counter()\n"
        f"report = check_glossary({path!r})\n"
        "t = time.perf_counter() - t\n"
        # VmHWM, not ru_maxrss: ru_maxrss survives exec and would report the parent's peak
        f"print({status}, t)\n"
    )
    floor = f"from pl_vocab import load_vocabulary\nload_vocabulary()\nprint({status})\n"
    out = subprocess.run(
        [sys.executable, "-c", check], check=True, capture_output=True, text=True
    ).stdout.split()
    base = subprocess.run(
        [sys.executable, "-c", floor], check=True, capture_output=True, text=True
    ).stdout.split()
    return float(out[0]), float(base[0]), float(out[1])


def profile(path: str, n: int, top: int) -> None:
    write_glossary(path, n)
    check_glossary(path)  # warm: imports and the vocabulary, as in the timed runs
    prof = cProfile.Profile()
    prof.enable()
    check_glossary(path)
    prof.disable()
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(top)
    print(f"\ncProfile of check_glossary on {n:,} terms, top {top} by cumulative time:")
    print(out.getvalue())


def ok(flag: bool) -> str:
    return "met" if flag else "MISSED"


def report(
    results: list[dict[str, Any]],
    memory: tuple[int, float, float, float] | None,
    command: str,
    setting: str,
) -> None:
    """Print the results as a Markdown section, ready to paste into docs/performance.md."""
    repeat = results[0]["repeat"] if results else 1
    lines = [
        "## Glossary checker (`benchmarks/bench_glossary.py`)",
        "",
        "Glossaries from `benchmarks/synthetic_glossary.py` (30% national labels as districts "
        "write them, 10% deficit-based terms, 5% repeated terms, 5% missing definitions, 50% "
        "local terms), checked against the whole national vocabulary. **check** is "
        "`check_glossary(path)` (read, match, every check, the report built; nothing rendered); "
        "the **baseline** reads the same file with `csv.reader` and scores every term with "
        "`rapidfuzz.process.extractOne(term, labels, scorer=fuzz.ratio)` over all preferred and "
        "alternative labels. **read** (`read_glossary`) and **match** (`Matcher.match_many`, "
        "its indexes built inside the timing) are parts of the check, timed alone. Best of "
        f"{repeat} run{'s' if repeat > 1 else ''}.",
        "",
        f"Command: `{command}` ({setting}).",
        "",
        "| terms | file | check | baseline (csv + rapidfuzz) | check / baseline "
        "| read | match | distinct terms | findings | mappings |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        lines.append(
            f"| {r['n']:,} | {r['bytes'] / 1e6:.1f} MB | {r['check']:.3f} s | {r['baseline']:.3f} s "
            f"| **{r['check'] / r['baseline']:.2f}x** | {r['read']:.3f} s | {r['match']:.3f} s "
            f"| {r['distinct']:,} | {r['findings']:,} | {r['mappings']:,} |"
        )
    by_n = {r["n"]: r for r in results}
    goals = []
    if 10_000 in by_n:
        ratio = by_n[10_000]["check"] / by_n[10_000]["baseline"]
        goals.append(
            f"check / baseline at 10,000 terms: **{ratio:.2f}x** "
            f"(goal: at most {GOAL_RATIO:g}x): {ok(ratio <= GOAL_RATIO)}"
        )
    for small, big in ((1_000, 10_000), (10_000, 100_000)):
        if small in by_n and big in by_n:
            growth = by_n[big]["check"] / by_n[small]["check"]
            base = by_n[big]["baseline"] / by_n[small]["baseline"]
            goals.append(
                f"{big // small}x the terms ({small:,} to {big:,}): check **{growth:.2f}x** the "
                f"time, baseline {base:.2f}x (goal: check at most {GOAL_GROWTH:g}x): "
                f"{ok(growth <= GOAL_GROWTH)}"
            )
    if memory is not None:
        n, peak, floor, seconds = memory
        goals.append(
            f"peak memory of the full check of {n:,} terms, in a fresh process (VmHWM): "
            f"**{peak:.0f} MB** (the vocabulary alone: {floor:.0f} MB; that check took "
            f"{seconds:.2f} s) (goal: under {GOAL_MEMORY_MB:g} MB): {ok(peak < GOAL_MEMORY_MB)}"
        )
    if goals:
        lines += ["", 'Goals (issue 4, "Fast"):', "", *(f"- {g}" for g in goals)]
    print("\n".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1_000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--memory", type=int, default=100_000, help="terms for the peak-memory run (0: skip)"
    )
    parser.add_argument("--profile", type=int, default=0, help="cProfile one check of N terms")
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()

    command = "uv run python benchmarks/bench_glossary.py " + shlex.join(sys.argv[1:])
    labels = baseline_labels()
    setting = (
        f"{dt.date.today().isoformat()}, Python {platform.python_version()}, rapidfuzz "
        f"{version('rapidfuzz')}, pydantic {version('pydantic')}, pl_vocab {version('pl_vocab')}, "
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, load average "
        f"{os.getloadavg()[0]:.1f} at the start; vocabulary: {len(load_vocabulary())} concepts, "
        f"{len(labels)} preferred and alternative labels"
    )
    print(f"{command}\n{setting}", file=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "glossary.csv")
        if args.profile:
            profile(path, args.profile, args.top)
            return
        results = []
        for n in args.sizes:
            results.append(run_size(path, n, args.repeat, labels))
            r = results[-1]
            print(
                f"  {n:>7,} terms: check {r['check']:.3f} s, baseline {r['baseline']:.3f} s",
                file=sys.stderr,
                flush=True,
            )
        memory = None
        if args.memory:
            memory = (args.memory, *peak_memory(path, args.memory))
    report(results, memory, command, setting)


if __name__ == "__main__":
    main()
