"""Validating files and directories: streaming, optionally on every core, with progress.

NDJSON is streamed line by line: memory holds one chunk of lines per worker plus the batch state
(identifiers and pending references), whatever the file size. Other formats are read whole, one
file at a time. With ``jobs > 1``, NDJSON chunks (and whole files of the other formats) go to
worker processes; identifiers and references they saw are replayed in the parent in file order,
so the findings are the same as with one job (a duplicate identifier may be listed a few
records later).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from pl_vocab.core.model import InputInfo, Report
from pl_vocab.validation.engine import DEFAULT_MAX_PER_RULE, Validator, fewer_collections
from pl_vocab.validation.sources import (
    _format_of,
    expand_paths,
    iter_items,
    ndjson_item,
    ndjson_lines,
)
from pl_vocab.validation.workers import make_job, run_file, run_ndjson_chunk, start_pool

__all__ = ["known_identifiers", "validate_files"]

_CHUNK = 2000  # NDJSON lines per worker task


def known_identifiers(paths: Iterable[Path], fmt: str | None = None) -> set[str]:
    """Identifiers of every record (and nested object) in reference files (``--known``).

    The files are read, not validated: they only resolve references.
    """
    from pl_vocab.prefixes import expand
    from pl_vocab.validation.batch import BatchState
    from pl_vocab.validation.rules import check_rules

    ids: set[str] = set()
    state = BatchState(now=dt.datetime.now(dt.UTC))
    for path in expand_paths(paths):
        for item in iter_items(path, fmt):
            data = item.data
            if not isinstance(data, dict):
                continue
            cls = item.class_name or data.get("type")
            if not isinstance(cls, str):
                continue
            body = {k: v for k, v in data.items() if k != "type"}
            try:
                check_rules(body, cls, item.where, state, selected=frozenset({"V011"}))
            except KeyError:
                continue
            ids.update(expand(i) for i in state.ids)
    return ids


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _chunks(lines: Iterator[tuple[int, bytes]], size: int) -> Iterator[list[tuple[int, bytes]]]:
    chunk: list[tuple[int, bytes]] = []
    for line in lines:
        chunk.append(line)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def validate_files(
    paths: Iterable[str | Path],
    *,
    cls: str | None = None,
    format: str | None = None,
    known: Iterable[str | Path] = (),
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    now: dt.datetime | None = None,
    jobs: int = 1,
    max_per_rule: int = DEFAULT_MAX_PER_RULE,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """Validate files and directories of records; one :class:`Report` for all of them.

    ``progress(done_bytes, total_bytes)`` is called as the files are read.

    :raises pl_vocab.core.errors.InputError: a file cannot be read at all (exit 2).
    :raises pl_vocab.validation.engine.UnknownClassError: ``cls`` names no class (a
        :class:`~pl_vocab.core.errors.PlVocabError`).
    """
    files = expand_paths(Path(p) for p in paths)
    known_ids = known_identifiers([Path(k) for k in known], None) if known else set()
    v = Validator(cls, select, ignore, now, known_ids, max_per_rule)
    total = sum(f.stat().st_size for f in files)
    done = 0
    jobs = max(1, min(jobs, os.cpu_count() or 1)) if jobs else os.cpu_count() or 1
    pool: Any = None
    stack = ExitStack()
    if jobs > 1:
        pool = start_pool(jobs)
    try:
        stack.enter_context(fewer_collections())
        job = make_job(v)
        for path in files:
            fmt = _format_of(path, format)
            if fmt == "ndjson":
                tick = None if progress is None else (lambda n, d=done: progress(d + n, total))
                if pool is None:
                    _serial_ndjson(v, path, cls, tick)
                else:
                    _parallel_ndjson(v, pool, job, path, jobs, tick)
            elif pool is None:
                for item in iter_items(path, fmt, cls):
                    v.check_item(item)
            else:
                v.merge(*pool.submit(run_file, job, str(path), fmt).result())
            done += path.stat().st_size
            if progress is not None:
                progress(done, total)
    finally:
        stack.close()
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    v.finish()
    if len(files) == 1:
        info = InputInfo(
            file=str(files[0]), sha256=_sha256(files[0]), format=_format_of(files[0], format)
        )
    else:
        info = InputInfo(
            file=f"{len(files)} files: "
            + ", ".join(str(f) for f in files[:5])
            + (", ..." if len(files) > 5 else "")
        )
    return v.report(info, {"files": len(files)})


def _serial_ndjson(
    v: Validator, path: Path, cls: str | None, tick: Callable[[int], None] | None
) -> None:
    source, read = str(path), 0
    for index, (n, raw) in enumerate(ndjson_lines(path), 1):
        item = ndjson_item(raw, source, n, index)
        item.class_name = cls
        v.check_item(item)
        read += len(raw)
        if tick is not None and index % _CHUNK == 0:
            tick(read)


def _parallel_ndjson(
    v: Validator,
    pool: Any,
    job: Any,
    path: Path,
    jobs: int,
    tick: Callable[[int], None] | None,
) -> None:
    from collections import deque

    source = str(path)
    pending: deque[tuple[Any, int]] = deque()
    index, read, merged = 1, 0, 0
    for chunk in _chunks(ndjson_lines(path), _CHUNK):
        pending.append((pool.submit(run_ndjson_chunk, job, source, index, chunk), read))
        index += len(chunk)
        read += sum(len(raw) for _, raw in chunk)
        # keep a bounded number of chunks in flight: memory stays flat on any file size
        while len(pending) > 2 * jobs:
            future, merged = pending.popleft()
            v.merge(*future.result())
            if tick is not None:
                tick(merged)
    while pending:
        future, merged = pending.popleft()
        v.merge(*future.result())
    if tick is not None:
        tick(read)
