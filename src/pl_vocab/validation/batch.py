"""What the batch rules remember between records: identifiers seen (V011), references pending (V001).

A reference may point at a record further on in the batch, so it stays pending until an
identifier resolves it or the batch ends. Both are keyed by the expanded IRI, so ``plv:x`` and
``https://w3id.org/pl-vocab/x`` are the same record. Identifiers and references are not sensitive
(the schema marks none of them), so unresolved references are named in findings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from pl_vocab.core.model import Finding
from pl_vocab.validation.layers import Place, Where, finding

__all__ = ["FUTURE_TOLERANCE", "BatchState", "Event"]

FUTURE_TOLERANCE = dt.timedelta(minutes=5)

# what a worker saw: kind ("id" or "ref"), IRI, target class, the JSON path in parts (the object's
# path, the slot and the index in it, joined by the parent only if a finding needs it), and the
# record's position in the worker's run. Where each record is, and its identifier, travel once per
# record beside the events; the path parts are the same few objects again and again, which pickle
# sends once.
Event = tuple[str, str, str, str, str, int, int]


def _join(path: str, name: str, index: int) -> str:
    """``$.evidence[1]`` from ``("$", "evidence", 1)``; ``index`` -1 for a single value.

    >>> _join("$", "evidence", 1), _join("$", "learner", -1), _join("$.x", "", 0)
    ('$.evidence[1]', '$.learner', '$.x')
    """
    if not name:
        return path
    return f"{path}.{name}[{index}]" if index >= 0 else f"{path}.{name}"


@dataclass
class BatchState:
    """What the batch rules remember between records: identifiers seen, references pending.

    ``known`` holds identifiers from reference files (``--known``): they resolve references but are
    not themselves checked. Memory grows with the number of distinct identifiers, not records.
    """

    now: dt.datetime
    known: set[str] = field(default_factory=set)
    # identifier -> where it was first seen, packed into one int (see _pack): a million records
    # keep a million of these, where a Location each would cost a kilobyte
    ids: dict[str, int] = field(default_factory=dict)
    pending: dict[str, tuple[Where, str, str, int]] = field(default_factory=dict)
    _files: list[str | None] = field(default_factory=list)
    _file_index: dict[str | None, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._token = object()  # marks the Places whose packed form this batch computed
        self.limit = self.now + FUTURE_TOLERANCE
        # a date is "in the future" only once that day has begun everywhere on Earth (UTC+14)
        self.date_limit = self.limit + dt.timedelta(hours=14)
        self.surely_past = (self.now - dt.timedelta(days=2)).date().isoformat()

    def _pack(self, where: Where) -> int:
        """File, line and record index in one int (computed once per record's Place)."""
        place = where if isinstance(where, Place) else None
        if place is not None and place.packed_by is self._token:
            return place.packed  # type: ignore[return-value]
        index = self._file_index.get(where.file) if self._files else None
        if index is None:
            index = self._file_index[where.file] = len(self._files)
            self._files.append(where.file)
        packed = (index << 64) | ((where.line or 0) << 32) | (where.record_index or 0)
        if place is not None:  # for this batch only: another batch numbers files its own way
            place.packed, place.packed_by = packed, self._token
        return packed

    def _describe(self, packed: int) -> str:
        file = self._files[packed >> 64]
        line = (packed >> 32) & 0xFFFFFFFF
        record = packed & 0xFFFFFFFF
        return ", ".join(
            p
            for p in (file, f"line {line}" if line else "", f"record {record}" if record else "")
            if p
        )

    def see_id(self, iri: str, where: Where, path: str, name: str = "") -> Finding | None:
        """Remember an identifier; V011 if it was seen before. The JSON path is ``path``, or
        ``path.name`` when ``name`` is given (joined only when a finding needs it)."""
        first = self.ids.get(iri)
        if first is None:
            self.ids[iri] = self._pack(where)
            if self.pending:
                self.pending.pop(iri, None)
            return None
        return finding(
            "V011",
            f"the identifier <{iri}> is used again (first at {self._describe(first)})",
            where,
            f"{path}.{name}" if name else path,
            "give each record its own identifier; if both describe one thing, merge them",
        )

    def see_reference(
        self, iri: str, target: str, where: Where, path: str, name: str = "", index: int = -1
    ) -> None:
        """Remember a reference until an identifier resolves it. The JSON path is ``path``, or
        ``path.name`` / ``path.name[index]`` (joined only when the reference stays pending)."""
        if iri in self.ids or (self.known and iri in self.known):
            return
        seen = self.pending.get(iri)
        if seen is None:
            self.pending[iri] = (where, _join(path, name, index), target, 1)
        else:
            self.pending[iri] = (seen[0], seen[1], seen[2], seen[3] + 1)

    def unresolved(self) -> Iterator[Finding]:
        """One finding per reference that no record of the batch (or known file) resolved."""
        for iri, (where, path, target, count) in self.pending.items():
            if iri in self.ids or iri in self.known:
                continue
            more = f" ({count} references in all)" if count > 1 else ""
            yield finding(
                "V001",
                f"the {target} <{iri}> is not in the batch{more}",
                where,
                path,
                f"add the {target} record to the batch, or name the file that has it with --known",
            )
