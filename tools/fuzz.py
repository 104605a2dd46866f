"""Run every fuzz target of ``tests/fuzz`` for a bounded total time.

    python -m tools.fuzz --seconds 120            # all targets, the time shared between them
    python -m tools.fuzz --seconds 60 --target cli --seed 1234

Each target runs in its own process (a reader that aborts the process, say a native crash, is
reported as such instead of ending the run), in rounds of derandomized examples seeded from the
run seed, which is printed: the same ``--seed`` replays the same inputs. The hypothesis database
is off. A failure prints hypothesis's shrunk reproducer and the command that replays it; the
exit status is 1 when any target failed. A failing round does not end its target: the next
rounds look for other failures (each distinct one is printed once).
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Examples per round; a round is the unit a target's time budget is counted in.
ROUND = 25


def _print_reproducers(exc: BaseException) -> None:
    """Hypothesis's falsifying examples (its notes), for each failure in a group too."""
    for sub in getattr(exc, "exceptions", ()):
        print(f"- {type(sub).__name__}: {str(sub)[:2000]}")
        _print_reproducers(sub)
    for note in getattr(exc, "__notes__", []):
        print(note[:4000])


def _run_one(name: str, seconds: float, seed: int) -> int:
    """Run target ``name`` for ``seconds`` in this process; 1 if any round failed (each
    distinct failure is printed once, with its reproducer)."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import seed as hseed

    from tests.fuzz import props
    from tests.fuzz.targets import target

    fuzz = target(name)
    props.LIMITS.seconds = max(5.0, min(30.0, seconds / 4))
    deadline_ms = props.LIMITS.seconds * 1000 / 2
    end = time.monotonic() + seconds
    rounds = failures = 0
    seen: set[str] = set()
    while time.monotonic() < end:
        round_seed = seed + rounds

        @hseed(round_seed)
        @settings(
            max_examples=ROUND,
            database=None,
            deadline=deadline_ms,
            print_blob=True,
            suppress_health_check=list(HealthCheck),
        )
        @given(fuzz.inputs)
        def run(value: object) -> None:
            fuzz.check(value)

        try:
            run()
        except Exception as exc:
            failures += 1
            kind = f"{type(exc).__name__}: {str(exc).splitlines()[0][:100]}"
            if kind not in seen:  # each distinct failure once; the run goes on to find more
                seen.add(kind)
                print(f"FAIL {name} (round seed {round_seed}): {type(exc).__name__}: {exc}")
                _print_reproducers(exc)
                print(
                    f"replay: python -m tools.fuzz --target {name} --seed {round_seed} --seconds 1"
                )
        rounds += 1
    if failures:
        print(f"FAIL {name}: {failures} failing round(s) of {rounds}, {len(seen)} distinct")
        return 1
    print(f"ok   {name}: {rounds * ROUND} examples in {rounds} rounds", flush=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Parse the options; run the targets (each in a child process) and sum up."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=120.0, help="total time (default 120)")
    parser.add_argument("--seed", type=int, default=None, help="run seed (default: random)")
    parser.add_argument("--target", action="append", help="run only this target (repeatable)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.randrange(2**31)
    sys.path.insert(0, str(ROOT))
    if args.child:
        return _run_one(args.target[0], args.seconds, seed)
    from tests.fuzz.targets import all_targets

    names = args.target or [t.name for t in all_targets()]
    share = args.seconds / len(names)
    print(f"fuzz: {len(names)} target(s), {share:.1f} s each, run seed {seed}", flush=True)
    failed = []
    for name in names:
        cmd = [sys.executable, "-m", "tools.fuzz", "--child", "--target", name]
        cmd += ["--seconds", str(share), "--seed", str(seed)]
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        try:
            proc = subprocess.run(cmd, cwd=ROOT, env=env, timeout=share + 120, check=False)
            code = proc.returncode
        except subprocess.TimeoutExpired:
            code = -1
            print(f"FAIL {name}: no end within {share + 120:.0f} s (seed {seed})")
        if code < 0 or code > 1:
            print(
                f"FAIL {name}: the process ended with status {code} (seed {seed}; a native crash?)"
            )
        if code != 0:
            failed.append(name)
    print(f"fuzz: {len(names) - len(failed)} passed, {len(failed)} failed (run seed {seed})")
    if failed:
        print("failed: " + ", ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
