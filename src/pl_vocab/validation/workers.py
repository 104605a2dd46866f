"""Record validation in worker processes (``validate_files(..., jobs=N)``).

A worker checks a run of records exactly as the parent would, except for the batch rules: its
:class:`RecordingState` records the identifiers and references it saw as events, which the parent
replays in file order (:meth:`pl_vocab.validation.engine.Validator.merge`), so the findings are
the same as with one job. What a worker needs travels as a small picklable :class:`Job`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pl_vocab.core.model import Finding
from pl_vocab.validation.batch import BatchState, Event
from pl_vocab.validation.engine import Validator, item_findings
from pl_vocab.validation.index import class_info
from pl_vocab.validation.layers import Where
from pl_vocab.validation.sources import Item, iter_items, ndjson_item

__all__ = [
    "Job",
    "RecordingState",
    "WorkerResult",
    "make_job",
    "run_file",
    "run_ndjson_chunk",
    "start_pool",
]


class RecordingState(BatchState):
    """Batch state in a worker process: records what it saw, for the parent to replay in order."""

    def __init__(self, now: dt.datetime) -> None:
        super().__init__(now=now)
        self.events: list[Event] = []
        self.position = 0

    def see_id(self, iri: str, where: Where, path: str, name: str = "") -> Finding | None:
        self.events.append(("id", iri, "", path, name, -1, self.position))
        return None

    def see_reference(
        self, iri: str, target: str, where: Where, path: str, name: str = "", index: int = -1
    ) -> None:
        self.events.append(("ref", iri, target, path, name, index, self.position))


@dataclass(frozen=True)
class Job:
    """What a worker needs to check records as the parent would: the class, rules and now."""

    class_name: str | None
    selected: frozenset[str]
    now: dt.datetime


WorkerResult = tuple[
    list[list[Finding]], list[Event], list[Where], list[str | None], list[dict[str, int] | None]
]


def _record_id(item: Item, default: str | None) -> str | None:
    data = item.data
    if not isinstance(data, dict):
        return None
    name = data.get("type") if isinstance(data.get("type"), str) else item.class_name or default
    try:
        slot = class_info(name).identifier if name else None
    except KeyError:
        return None
    ident = data.get(slot) if slot else None
    return ident if isinstance(ident, str) else None


def _run_items(job: Job, items: Iterable[Item]) -> WorkerResult:
    state = RecordingState(job.now)
    out = []
    places: list[Where] = []
    record_ids: list[str | None] = []
    record_lines: list[dict[str, int] | None] = []  # YAML: the line of each field
    for position, item in enumerate(items):
        state.position = position
        places.append(item.where)
        record_ids.append(_record_id(item, job.class_name))
        record_lines.append(item.lines)
        out.append(item_findings(item, job.class_name, job.selected, state))
    return out, state.events, places, record_ids, record_lines


def run_ndjson_chunk(
    job: Job, source: str, first_index: int, lines: list[tuple[int, bytes]]
) -> WorkerResult:
    """Parse and check a chunk of NDJSON lines in a worker process."""
    items = [ndjson_item(raw, source, n, first_index + i) for i, (n, raw) in enumerate(lines)]
    return _run_items(job, items)


def run_file(job: Job, path: str, fmt: str | None) -> WorkerResult:
    """Read and check one whole file in a worker process."""
    return _run_items(job, iter_items(Path(path), fmt, job.class_name))


def make_job(v: Validator) -> Job:
    """What a worker needs to check records exactly as ``v`` would."""
    return Job(v.class_name, v.selected, v.state.now)


def _ignore_interrupts() -> None:
    """Worker start-up: Ctrl-C is the parent's to handle (it reaches the whole process group)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def start_pool(jobs: int) -> Any:
    """A pool of ``jobs`` worker processes that ignore Ctrl-C, all started now.

    Ctrl-C reaches every process of the group: the parent stops (exit 130) and shuts the pool
    down, and no worker prints a traceback. The workers are started with SIGINT ignored (an
    ignored signal stays ignored across ``exec``, so even a worker still importing is quiet),
    then the parent's own handler is restored.
    """
    import multiprocessing
    import signal
    import threading
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("spawn")
    if threading.current_thread() is not threading.main_thread():
        return ProcessPoolExecutor(jobs, mp_context=context, initializer=_ignore_interrupts)
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_ignore_interrupts)
        for _ in range(jobs):  # each submit starts one more worker, up to ``jobs``
            pool.submit(int)
    finally:
        signal.signal(signal.SIGINT, previous)
    return pool
