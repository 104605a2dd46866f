"""RDF exchange benchmark: pl_vocab against rdflib and against pyoxigraph used directly.

    uv run python benchmarks/bench_rdf.py --sizes 10000 100000
    uv run python benchmarks/bench_rdf.py --memory 1000000   # streaming NDJSON -> N-Triples, peak RSS

Each size is measured side by side in one run on the same records, best of ``--repeat`` runs, and
reported as ratios (machines are noisy; ratios are what we compare). Results go to
docs/performance.md by hand, with the command.
"""

from __future__ import annotations

import argparse
import gc
import io
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any

sys.path.insert(0, os.path.dirname(__file__))

import pyoxigraph as ox
import rdflib
from synthetic import records, write_ndjson

from pl_vocab import exchange
from pl_vocab.models import model_class
from pl_vocab.rdf.export import to_triples


def best(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        gc.collect()
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return min(times), result


def build_objects(n: int) -> list[Any]:
    out = []
    for r in records(n):
        cls = r.pop("type")
        out.append(model_class(cls).model_validate(r))
    return out


def as_plain(triples: list[ox.Triple]) -> list[tuple[Any, ...]]:
    """The same triples as plain tuples, so the direct baseline can rebuild them from scratch."""

    def term(t: Any) -> tuple[Any, ...]:
        if isinstance(t, ox.NamedNode):
            return ("iri", t.value)
        if isinstance(t, ox.BlankNode):
            return ("bnode", t.value)
        return ("lit", t.value, t.language, t.datatype.value)

    return [(term(t.subject), t.predicate.value, term(t.object)) for t in triples]


def direct_build(plain: list[tuple[Any, ...]]) -> list[ox.Triple]:
    def term(x: tuple[Any, ...]) -> Any:
        if x[0] == "iri":
            return ox.NamedNode(x[1])
        if x[0] == "bnode":
            return ox.BlankNode(x[1])
        return (
            ox.Literal(x[1], language=x[2])
            if x[2]
            else ox.Literal(x[1], datatype=ox.NamedNode(x[3]))
        )

    return [ox.Triple(term(s), ox.NamedNode(p), term(o)) for s, p, o in plain]


def run_size(n: int, repeat: int) -> dict[str, float]:
    objs = build_objects(n)
    triples = list(to_triples(objs))
    plain = as_plain(triples)
    res: dict[str, float] = {"records": n, "triples": len(triples)}
    for fmt, oxfmt, rdfname in (
        ("ntriples", ox.RdfFormat.N_TRIPLES, "nt"),
        ("turtle", ox.RdfFormat.TURTLE, "turtle"),
    ):
        t_plv, text = best(lambda fmt=fmt: exchange.dumps(objs, fmt), repeat)
        t_direct, _ = best(
            lambda oxfmt=oxfmt: ox.serialize(direct_build(plain), format=oxfmt), repeat
        )
        t_rdflib, _ = best(
            lambda rdfname=rdfname: exchange.to_rdflib_graph(objs).serialize(format=rdfname), 1
        )
        res[f"export_{fmt}_plv"], res[f"export_{fmt}_direct"], res[f"export_{fmt}_rdflib"] = (
            t_plv,
            t_direct,
            t_rdflib,
        )
        t_load, back = best(lambda text=text, fmt=fmt: exchange.loads(text, fmt), repeat)
        assert len(back) == n
        t_rdflib_parse, _ = best(
            lambda text=text, rdfname=rdfname: rdflib.Graph().parse(data=text, format=rdfname), 1
        )
        res[f"import_{fmt}_plv"], res[f"import_{fmt}_rdflib"] = t_load, t_rdflib_parse
    return res


def report(res: dict[str, float]) -> None:
    n = int(res["records"])
    print(f"\n{n:,} records, {int(res['triples']):,} triples")
    for fmt in ("ntriples", "turtle"):
        plv, direct, rl = (
            res[f"export_{fmt}_plv"],
            res[f"export_{fmt}_direct"],
            res[f"export_{fmt}_rdflib"],
        )
        print(
            f"  export {fmt:9}: pl_vocab {plv:7.2f} s ({n / plv:9,.0f} rec/s) | rdflib {rl:7.2f} s -> {rl / plv:5.1f}x faster | pyoxigraph direct {direct:6.2f} s -> pl_vocab takes {plv / direct:4.2f}x"
        )
        lp, lr = res[f"import_{fmt}_plv"], res[f"import_{fmt}_rdflib"]
        print(
            f"  import {fmt:9}: pl_vocab to validated objects {lp:7.2f} s ({n / lp:9,.0f} rec/s) | rdflib parse alone {lr:7.2f} s -> {lr / lp:5.1f}x faster"
        )


class _Counter(io.TextIOBase):
    def __init__(self) -> None:
        self.chars = 0

    def write(self, s: str) -> int:
        self.chars += len(s)
        return len(s)


def memory(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "records.ndjson")
        t = time.perf_counter()
        write_ndjson(src, n)
        print(
            f"\nwrote {n:,} NDJSON records ({os.path.getsize(src) / 1e6:,.0f} MB) in {time.perf_counter() - t:.0f} s"
        )
        code = (
            "import sys, resource, time\n"
            "from pl_vocab.exchange import iter_ndjson, write_stream\n"
            "class Sink:\n"
            "    n = 0\n"
            "    def write(self, s):\n"
            "        self.n += s.count('\\n')\n"
            "t = time.perf_counter(); sink = Sink()\n"
            f"with open({src!r}, encoding='utf-8', newline='\\n') as f:\n"
            "    count = write_stream(iter_ndjson(f, source='records.ndjson'), sink, 'ntriples')\n"
            # VmHWM, not ru_maxrss: ru_maxrss survives exec and would report the parent's peak
            "peak = int(next(l for l in open('/proc/self/status') if l.startswith('VmHWM')).split()[1]) / 1024\n"
            "print(f'{count:,} records -> {sink.n:,} triples in {time.perf_counter() - t:.0f} s; peak RSS {peak:.0f} MB')\n"
        )
        subprocess.run([sys.executable, "-c", code], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--memory", type=int, default=0, help="records for the streaming memory run"
    )
    args = parser.parse_args()
    for n in args.sizes:
        report(run_size(n, args.repeat))
    if args.memory:
        memory(args.memory)
    print(
        f"\npeak RSS of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )


if __name__ == "__main__":
    main()
