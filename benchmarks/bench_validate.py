"""Record validation benchmark: pl_vocab against plain Pydantic and LinkML's own validator.

    uv run python benchmarks/bench_validate.py --sizes 10000 100000 --memory 1000000
    uv run python benchmarks/bench_validate.py --sizes 2000 --memory 0     # quick check
    uv run python benchmarks/bench_validate.py --profile 10000             # cProfile of validate

Records: ``benchmarks/synthetic.py`` (70% NarrativeAssessment with two inlined Evidence, 10% each
Learner, Competency, LearnerGoal), all valid. "Now" is fixed (``NOW``) so the date rules are
deterministic. pl_vocab must report no error on them: if it does, the errors are printed and the
run stops (a bug to fix, not to time).

Side by side in one run, on the same records, best of ``--repeat``:

1. **In process**, records already in memory as dicts with a ``type`` key:
   - pl_vocab ``validate(records, now=NOW)``: all three layers (R structure, S formats,
     V vocabulary rules, unresolved references included);
   - plain Pydantic: ``model_class(type).model_validate(body)`` per record (``body`` = the record
     without ``type``, prepared outside the timing);
   - LinkML: ``linkml.validator.Validator(schema, [JsonschemaValidationPlugin(closed=True)])`` and
     ``.validate(body, class)`` per record. It is slow, so it runs on the first ``--linkml-sample``
     records (the same records at every size, timed beside the others at each size) and the
     ratio is one of **throughput** (records/s). Building the validator (and its first call per
     class, which generates and compiles the JSON Schema) is outside the timing and reported on
     its own.

   The three take turns, one run each per round, best of ``--repeat`` rounds (so the load of a
   shared machine falls on all of them alike).

   From files: the same records as NDJSON, ``validate_files([path], now=NOW, jobs=1)`` and
   ``jobs=2`` (reading and JSON parsing included; ``jobs=2`` starts its worker processes inside the
   timing), against plain Pydantic reading the same file: one ``validate_json(line)`` per line on
   a ``TypeAdapter`` of a union of the four classes tagged by ``type`` (each class extended with a
   ``type: Literal[...]`` field, so the line is parsed once, by pydantic-core).

2. **Whole process** (start-up included), wall clock of a subprocess, best of
   ``--process-repeat``: ``pl-vocab validate small.json`` against ``linkml-validate -s
   schema/pl_vocab.yaml -C LearnerGoal small.json`` on one LearnerGoal (pl-vocab's file carries
   ``"type": "LearnerGoal"``, linkml-validate's is the bare object; otherwise the same). At sizes up
   to ``--linkml-cli-max``, also both commands on one RecordSet JSON file holding all the records
   (the same file for both; linkml-validate with ``-C RecordSet``, run once: it takes seconds), and
   ``pl-vocab validate`` on the NDJSON file.

3. **Memory**: ``pl-vocab validate`` on ``--memory`` NDJSON records in a fresh process (one job,
   the default), peak resident memory from ``VmHWM`` in /proc/self/status (``ru_maxrss`` survives
   exec and would report the parent's peak), against a process that only validates one record.

Goals (issue 5): pl_vocab at least 50x LinkML's in-process throughput and at least 0.5x plain
Pydantic's; ``pl-vocab validate`` at least 4x faster than ``linkml-validate`` on one small file;
under 500 MB on 1,000,000 records. Ratios within one run are what we compare (the machine is a
shared VM, see docs/performance.md).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import gc
import io
import json
import os
import platform
import pstats
import shlex
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable
from importlib.metadata import version
from pathlib import Path
from typing import Annotated, Any, Literal, Union

sys.path.insert(0, os.path.dirname(__file__))

from pydantic import Field, TypeAdapter, ValidationError, create_model
from synthetic import records, write_ndjson

from pl_vocab.core.model import Finding
from pl_vocab.models import model_class
from pl_vocab.validation import validate, validate_files

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "schema" / "pl_vocab.yaml"
BIN = Path(sys.executable).parent
NOW_ISO = "2026-11-23T00:00:00+00:00"
NOW = dt.datetime.fromisoformat(NOW_ISO)
CLASSES = ("NarrativeAssessment", "Learner", "Competency", "LearnerGoal")
RECORD_SET_SLOTS = {
    "NarrativeAssessment": "narrative_assessments",
    "Learner": "learners",
    "Competency": "competencies",
    "LearnerGoal": "learner_goals",
}

GOAL_LINKML = 50.0
GOAL_PYDANTIC = 0.5
GOAL_PROCESS = 4.0
GOAL_MEMORY_MB = 500.0

_VMHWM = (
    "int(next(l for l in open('/proc/self/status') if l.startswith('VmHWM')).split()[1]) / 1024"
)


class BenchmarkBug(SystemExit):
    """pl_vocab reported errors on valid records: stop, this is a bug to report."""


def best_of(
    fns: dict[str, Callable[[], Any]], repeat: int
) -> tuple[dict[str, float], dict[str, Any]]:
    """Best time of each function, run in turns (one of each per round), and its last result.

    Taking turns rather than running each ``repeat`` times in a row spreads the load of a shared
    machine over all of them alike."""
    times: dict[str, list[float]] = {name: [] for name in fns}
    results: dict[str, Any] = {}
    for _ in range(repeat):
        for name, fn in fns.items():
            results[name] = None
            gc.collect()
            t = time.perf_counter()
            results[name] = fn()
            times[name].append(time.perf_counter() - t)
    return {name: min(ts) for name, ts in times.items()}, results


def best_process(cmd: list[str], repeat: int, ok: Iterable[int] = (0,)) -> float:
    """Best wall clock of ``cmd`` run ``repeat`` times as a fresh process."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, text=True)
        times.append(time.perf_counter() - t)
        if done.returncode not in tuple(ok):
            print(done.stdout[-3000:], done.stderr[-3000:], sep="\n")
            raise SystemExit(f"{shlex.join(cmd)} exited {done.returncode}")
    return min(times)


def bodies(recs: list[dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    return [(r["type"], {k: v for k, v in r.items() if k != "type"}) for r in recs]


def require_no_errors(found: list[Finding], what: str) -> Counter[str]:
    """Counts of findings by rule; stop the run if any is an error."""
    errors = [f for f in found if f.severity == "error"]
    if errors:
        print(f"\nBUG: {what} reported {len(errors)} errors on valid synthetic records:")
        for f in errors[:20]:
            print(f"  {f}")
        raise BenchmarkBug(1)
    return Counter(f"{f.id} {f.severity}" for f in found)


# ---------------------------------------------------------------------------- baselines
def pydantic_all(pairs: list[tuple[str, dict[str, Any]]]) -> int:
    for cls, body in pairs:
        model_class(cls).model_validate(body)
    return len(pairs)


def tagged_adapter() -> TypeAdapter[Any]:
    """A union of the four classes, each with a ``type`` field, chosen by that field."""
    typed = tuple(
        create_model(f"{name}Line", __base__=model_class(name), type=(Literal[name], ...))  # type: ignore[arg-type]
        for name in CLASSES
    )
    union: Any = Annotated[Union[typed], Field(discriminator="type")]  # noqa: UP007
    return TypeAdapter(union)


def pydantic_file(path: str, adapter: TypeAdapter[Any]) -> int:
    n = 0
    with open(path, "rb") as handle:
        for line in handle:
            if line.strip():
                adapter.validate_json(line)
                n += 1
    return n


def linkml_validator() -> tuple[Any, float]:
    from linkml.validator import Validator as LinkMLValidator
    from linkml.validator.plugins import JsonschemaValidationPlugin

    t = time.perf_counter()
    validator = LinkMLValidator(str(SCHEMA), [JsonschemaValidationPlugin(closed=True)])
    return validator, time.perf_counter() - t


def linkml_all(validator: Any, pairs: list[tuple[str, dict[str, Any]]]) -> int:
    problems = 0
    for cls, body in pairs:
        problems += len(validator.validate(body, cls).results)
    return problems


def sanity(validator: Any, pairs: list[tuple[str, dict[str, Any]]]) -> None:
    """Each validator refuses a broken record (so none of them is timed doing nothing)."""
    cls, body = next(p for p in pairs if p[0] == "LearnerGoal")
    broken = {**body, "colour": "red", "asserted_at": "yesterday"}
    plv = [f.id for f in validate({"type": cls, **broken}, now=NOW) if f.severity == "error"]
    try:
        model_class(cls).model_validate(broken)
        pyd = "accepted"
    except ValidationError as exc:
        pyd = f"{exc.error_count()} errors"
    lm = len(validator.validate(broken, cls).results)
    print(
        f"sanity, a LearnerGoal with an unknown field and a bad date: pl_vocab {sorted(plv)}, "
        f"Pydantic {pyd}, LinkML {lm} results"
    )
    if not plv or pyd == "accepted" or not lm:
        raise SystemExit("a validator accepted a broken record")


# ---------------------------------------------------------------------------- measurements
def in_process(
    n: int,
    repeat: int,
    tmp: str,
    adapter: TypeAdapter[Any],
    linkml: Any,
    sample: int,
) -> dict[str, Any]:
    recs = list(records(n))
    pairs = bodies(recs)
    lm_pairs = pairs[:sample]
    res: dict[str, Any] = {"n": n, "lm_n": len(lm_pairs)}

    validate(recs[:50], now=NOW)  # warm: compiled schemas and rule plans, as after one call
    pydantic_all(pairs[:50])
    times, out = best_of(
        {
            "plv": lambda: validate(recs, now=NOW),
            "pyd": lambda: pydantic_all(pairs),
            "lm": lambda: linkml_all(linkml, lm_pairs),
        },
        repeat,
    )
    res.update(times)
    res["counts"] = require_no_errors(out["plv"], f"validate() on {n:,} records")
    if out["lm"]:
        raise SystemExit(f"LinkML reported {out['lm']} problems on the valid synthetic records")
    print(
        f"  {n:>9,} records: pl_vocab validate {res['plv']:.3f} s, Pydantic model_validate "
        f"{res['pyd']:.3f} s; LinkML on the first {len(lm_pairs):,}: {res['lm']:.3f} s",
        flush=True,
    )

    path = os.path.join(tmp, f"records-{n}.ndjson")
    write_ndjson(path, n)
    res["ndjson_bytes"] = os.path.getsize(path)
    pydantic_file(path, adapter)
    times, out = best_of(
        {
            "files_j1": lambda: validate_files([path], now=NOW, jobs=1),
            "files_j2": lambda: validate_files([path], now=NOW, jobs=2),
            "pyd_file": lambda: pydantic_file(path, adapter),
        },
        repeat,
    )
    res.update(times)
    assert out["pyd_file"] == n
    for key in ("files_j1", "files_j2"):
        stats = out[key].stats
        if stats["records"] != n or stats["invalid_records"]:
            require_no_errors(out[key].findings, f"validate_files ({key}) on {n:,} records")
            raise SystemExit(f"validate_files ({key}) on {n:,} records: {stats}")
    if out["files_j1"].stats != out["files_j2"].stats:
        raise SystemExit(
            f"BUG: jobs=1 and jobs=2 differ: {out['files_j1'].stats} != {out['files_j2'].stats}"
        )
    res["file_findings"] = out["files_j1"].stats["findings"]
    print(
        f"  {n:>9,} records: validate_files jobs=1 {res['files_j1']:.3f} s, jobs=2 "
        f"{res['files_j2']:.3f} s; Pydantic validate_json per line {res['pyd_file']:.3f} s",
        flush=True,
    )
    return res


def linkml_setup(sample: int) -> tuple[Any, dict[str, Any]]:
    """LinkML's validator, built and called once per class (outside any timing)."""
    pairs = bodies(list(records(sample)))
    validator, built = linkml_validator()
    first = 0.0
    for cls in CLASSES:  # the first call per class generates and compiles its JSON Schema
        body = next(b for c, b in pairs if c == cls)
        t = time.perf_counter()
        validator.validate(body, cls)
        first += time.perf_counter() - t
    sanity(validator, pairs)
    print(
        f"  LinkML Validator built in {built:.3f} s; first call on each class {first:.3f} s",
        flush=True,
    )
    return validator, {"built": built, "first": first}


def write_small(tmp: str) -> tuple[str, str]:
    rec = next(r for r in records(10) if r["type"] == "LearnerGoal")
    typed = os.path.join(tmp, "small-typed.json")
    bare = os.path.join(tmp, "small.json")
    with open(typed, "w", encoding="utf-8") as f:
        json.dump(rec, f)
    with open(bare, "w", encoding="utf-8") as f:
        json.dump({k: v for k, v in rec.items() if k != "type"}, f)
    return typed, bare


def write_record_set(path: str, n: int) -> None:
    grouped: dict[str, list[dict[str, Any]]] = {}
    for r in records(n):
        body = {k: v for k, v in r.items() if k != "type"}
        grouped.setdefault(RECORD_SET_SLOTS[r["type"]], []).append(body)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(grouped, f)


def pl_vocab_cmd(path: str) -> list[str]:
    return [str(BIN / "pl-vocab"), "validate", path, "--now", NOW_ISO]


def linkml_cmd(path: str, cls: str) -> list[str]:
    return [str(BIN / "linkml-validate"), "-s", str(SCHEMA), "-C", cls, path]


def whole_process(
    tmp: str, sizes: list[int], repeat: int, cli_max: int
) -> list[tuple[str, float, float | None, str]]:
    """Rows: (input, pl-vocab seconds, linkml-validate seconds or None, note)."""
    rows: list[tuple[str, float, float | None, str]] = []
    typed, bare = write_small(tmp)
    best_process(pl_vocab_cmd(typed), 1)  # warm the file cache and .pyc files for both
    best_process(linkml_cmd(bare, "LearnerGoal"), 1)
    plv = best_process(pl_vocab_cmd(typed), repeat)
    lm = best_process(linkml_cmd(bare, "LearnerGoal"), repeat)
    rows.append(("one LearnerGoal, a small JSON file", plv, lm, f"best of {repeat} each"))
    print(f"  one LearnerGoal: pl-vocab {plv:.2f} s, linkml-validate {lm:.2f} s", flush=True)
    for n in sizes:
        if n > cli_max:
            continue
        rs = os.path.join(tmp, f"record-set-{n}.json")
        write_record_set(rs, n)
        plv = best_process(pl_vocab_cmd(rs), repeat)
        lm = best_process(linkml_cmd(rs, "RecordSet"), 1)
        rows.append(
            (
                f"{n:,} records, one RecordSet JSON file (the same file for both)",
                plv,
                lm,
                f"pl-vocab best of {repeat}, linkml-validate 1 run",
            )
        )
        nd = os.path.join(tmp, f"records-{n}.ndjson")
        if not os.path.exists(nd):
            write_ndjson(nd, n)
        plv_nd = best_process(pl_vocab_cmd(nd), repeat)
        rows.append(
            (
                f"{n:,} records, NDJSON (pl-vocab) vs the RecordSet file (linkml-validate)",
                plv_nd,
                lm,
                f"pl-vocab best of {repeat}",
            )
        )
        print(
            f"  {n:,} records: pl-vocab RecordSet {plv:.2f} s, NDJSON {plv_nd:.2f} s; "
            f"linkml-validate RecordSet {lm:.2f} s",
            flush=True,
        )
    return rows


def peak_memory(tmp: str, n: int) -> dict[str, Any]:
    src = os.path.join(tmp, "memory.ndjson")
    out = os.path.join(tmp, "memory-report.json")
    t = time.perf_counter()
    write_ndjson(src, n)
    size = os.path.getsize(src)
    print(
        f"  wrote {n:,} NDJSON records ({size / 1e6:,.0f} MB) in {time.perf_counter() - t:.0f} s",
        flush=True,
    )
    try:
        argv = ["pl-vocab", "validate", src, "--now", NOW_ISO, "--format", "json", "-o", out]
        code = (
            "import sys, time\n"
            "from pl_vocab.cli import main\n"
            f"sys.argv = {argv!r}\n"
            "t = time.perf_counter()\n"
            "try:\n"
            "    main()\n"
            "except SystemExit as exc:\n"
            "    rc = exc.code\n"
            f"print({_VMHWM}, time.perf_counter() - t, rc)\n"
        )
        floor = (
            "import datetime as dt\n"
            "from pl_vocab.validation import validate\n"
            "validate({'type': 'Learner', 'id': 'https://example.org/l/1'}, "
            "now=dt.datetime.now(dt.UTC))\n"
            f"print({_VMHWM})\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", code], check=True, capture_output=True, text=True
        )
        peak, seconds, rc = done.stdout.split()
        base = subprocess.run(
            [sys.executable, "-c", floor], check=True, capture_output=True, text=True
        )
        with open(out, encoding="utf-8") as f:
            stats = json.load(f)["stats"]
    finally:
        for p in (src, out):
            if os.path.exists(p):
                os.remove(p)
    if rc != "0" or stats["records"] != n or stats["invalid_records"]:
        raise SystemExit(f"pl-vocab validate exited {rc} on the memory file: {stats}")
    print(f"  {n:,} records: peak {float(peak):.0f} MB in {float(seconds):.0f} s", flush=True)
    return {
        "n": n,
        "bytes": size,
        "peak": float(peak),
        "floor": float(base.stdout.split()[0]),
        "seconds": float(seconds),
        "findings": stats["findings"],
    }


def profile(n: int, top: int) -> None:
    recs = list(records(n))
    validate(recs[:50], now=NOW)
    prof = cProfile.Profile()
    prof.enable()
    found = validate(recs, now=NOW)
    prof.disable()
    require_no_errors(found, f"validate() on {n:,} records")
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(top)
    print(f"\ncProfile of validate() on {n:,} records, top {top} by own time (tottime):")
    print(out.getvalue())


# ---------------------------------------------------------------------------- report
def ok(flag: bool) -> str:
    return "met" if flag else "MISSED"


def rate(n: int, seconds: float) -> str:
    return f"{n / seconds:,.0f}/s"


def report(
    command: str,
    header: str,
    results: list[dict[str, Any]],
    lm: dict[str, Any],
    process: list[tuple[str, float, float | None, str]],
    memory: dict[str, Any] | None,
) -> None:
    print("\n" + "=" * 100 + "\n")
    print("## Record validation (`benchmarks/bench_validate.py`)\n")
    print(f"Command: `{command}`")
    print(f"({header}).\n")
    counts = results[0]["counts"] if results else Counter()
    listed = ", ".join(f"{v:,} {k}" for k, v in sorted(counts.items())) or "none"
    print(
        "Records: `benchmarks/synthetic.py` (70% NarrativeAssessment with two inlined Evidence, "
        "10% each Learner, Competency, LearnerGoal), all valid; `now` fixed at "
        f"{NOW_ISO}. pl_vocab's findings on them at {results[0]['n']:,} records: {listed} "
        "(references to records not in the batch), no errors. Best of the repeats, the tools "
        "taking turns. LinkML's in-process validator runs on the first "
        f"{results[0]['lm_n']:,} records only (it is slow), so the ratio against it is one of "
        "**throughput** (records per second). Pydantic gets the records without `type`, "
        "prepared outside its timing; pl_vocab gets them as they are.\n"
    )
    print("### In process (records already in memory)\n")
    print(
        "| records | pl_vocab `validate` (R, S, V) | Pydantic `model_validate` "
        "| pl_vocab / Pydantic throughput | LinkML `Validator` (closed JSON Schema) "
        "| pl_vocab / LinkML throughput |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in results:
        n, lm_n = r["n"], r["lm_n"]
        print(
            f"| {n:,} | {r['plv']:.3f} s ({rate(n, r['plv'])}) | {r['pyd']:.3f} s "
            f"({rate(n, r['pyd'])}) | **{r['pyd'] / r['plv']:.2f}x** "
            f"| {r['lm']:.3f} s for the first {lm_n:,} ({rate(lm_n, r['lm'])}) "
            f"| **{(n / r['plv']) / (lm_n / r['lm']):.1f}x** |"
        )
    print(
        f"\nLinkML's validator was built in {lm['built']:.3f} s, and its first call on each of "
        f"the {len(CLASSES)} classes (JSON Schema generation and compilation) took "
        f"{lm['first']:.2f} s in all; neither is in the timing above.\n"
    )
    print("### From an NDJSON file (reading and JSON parsing included)\n")
    print(
        "| records | file | `validate_files`, 1 job | `validate_files`, 2 jobs "
        "| Pydantic `validate_json` per line | 1 job / Pydantic throughput "
        "| 2 jobs / Pydantic throughput |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in results:
        n = r["n"]
        print(
            f"| {n:,} | {r['ndjson_bytes'] / 1e6:.1f} MB | {r['files_j1']:.3f} s "
            f"({rate(n, r['files_j1'])}) | {r['files_j2']:.3f} s ({rate(n, r['files_j2'])}) "
            f"| {r['pyd_file']:.3f} s ({rate(n, r['pyd_file'])}) "
            f"| **{r['pyd_file'] / r['files_j1']:.2f}x** "
            f"| **{r['pyd_file'] / r['files_j2']:.2f}x** |"
        )
    print(
        "\nPydantic here: a `TypeAdapter` over the four classes tagged by `type`, "
        "`validate_json` on each line. `validate_files` with 2 jobs starts its worker processes "
        "inside the timing; both report the same findings.\n"
    )
    print("### Whole process (start-up included, wall clock)\n")
    print("| input | `pl-vocab validate` | `linkml-validate` | pl-vocab faster by | runs |")
    print("| --- | ---: | ---: | ---: | --- |")
    for what, plv, lmc, note in process:
        ratio = f"**{lmc / plv:.1f}x**" if lmc is not None else "–"
        lms = f"{lmc:.2f} s" if lmc is not None else "–"
        print(f"| {what} | {plv:.2f} s | {lms} | {ratio} | {note} |")
    if memory is not None:
        print(
            f"\n### Memory\n\n`pl-vocab validate` (1 job) on {memory['n']:,} NDJSON records "
            f"({memory['bytes'] / 1e6:,.0f} MB, {memory['findings']:,} findings, all warnings): "
            f"peak **{memory['peak']:.0f} MB** resident (VmHWM, fresh process; validating one "
            f"record: {memory['floor']:.0f} MB), in {memory['seconds']:.0f} s "
            f"({memory['n'] / memory['seconds']:,.0f} records/s)."
        )
    print("\n### Goals\n")
    for r in results:
        n = r["n"]
        vs_lm = (n / r["plv"]) / (r["lm_n"] / r["lm"])
        vs_pyd = r["pyd"] / r["plv"]
        print(
            f"- {n:,} records: pl_vocab / LinkML throughput {vs_lm:.1f}x (goal: at least "
            f"{GOAL_LINKML:g}x) -> {ok(vs_lm >= GOAL_LINKML)}; pl_vocab / Pydantic throughput "
            f"{vs_pyd:.2f}x (goal: at least {GOAL_PYDANTIC:g}x) -> {ok(vs_pyd >= GOAL_PYDANTIC)}"
        )
    small = process[0]
    assert small[2] is not None
    print(
        f"- one small file: pl-vocab {small[2] / small[1]:.1f}x faster than linkml-validate "
        f"(goal: at least {GOAL_PROCESS:g}x) -> {ok(small[2] / small[1] >= GOAL_PROCESS)}"
    )
    if memory is not None:
        print(
            f"- peak memory at {memory['n']:,} records: {memory['peak']:.0f} MB (goal: under "
            f"{GOAL_MEMORY_MB:g} MB) -> {ok(memory['peak'] < GOAL_MEMORY_MB)}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--linkml-sample", type=int, default=2_000, help="records for LinkML in process"
    )
    parser.add_argument(
        "--process-repeat", type=int, default=5, help="runs of each whole-process command"
    )
    parser.add_argument(
        "--linkml-cli-max",
        type=int,
        default=10_000,
        help="largest size that linkml-validate also runs on as a whole file",
    )
    parser.add_argument(
        "--memory", type=int, default=0, help="NDJSON records for the peak-memory run (0: skip)"
    )
    parser.add_argument("--profile", type=int, default=0, help="cProfile validate() on N records")
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()

    command = "uv run python benchmarks/bench_validate.py " + shlex.join(sys.argv[1:])
    header = (
        f"{dt.date.today().isoformat()}, Python {platform.python_version()}, "
        f"pydantic {version('pydantic')} (pydantic-core {version('pydantic-core')}), "
        f"jsonschema-rs {version('jsonschema-rs')}, linkml {version('linkml')}, "
        f"pl_vocab {version('pl_vocab')}, {os.cpu_count()} cores"
    )
    print(f"command: {command}\n{header}", flush=True)
    if args.profile:
        profile(args.profile, args.top)
        return
    adapter = tagged_adapter()
    with tempfile.TemporaryDirectory() as tmp:
        print("\nLinkML's validator:", flush=True)
        linkml, lm = linkml_setup(args.linkml_sample)
        print("\nin process and from files:", flush=True)
        results = [
            in_process(n, args.repeat, tmp, adapter, linkml, args.linkml_sample) for n in args.sizes
        ]
        print("\nwhole process:", flush=True)
        process = whole_process(tmp, args.sizes, args.process_repeat, args.linkml_cli_max)
        memory = None
        if args.memory:
            print("\nmemory:", flush=True)
            memory = peak_memory(tmp, args.memory)
    report(command, header, results, lm, process, memory)


if __name__ == "__main__":
    main()
