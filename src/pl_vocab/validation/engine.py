"""Record validation: the three layers over one record, a batch, a stream or files.

    >>> from pl_vocab.validation import validate
    >>> goal = {"type": "LearnerGoal", "id": "https://example.org/goals/1",
    ...         "learner": "https://example.org/learners/1", "statement": "Read two novels",
    ...         "asserter_role": "learner", "language": "en", "colour": "red"}
    >>> [(f.id, f.location.json_path) for f in validate(goal)]
    [('R002', '$.colour'), ('V001', '$.learner')]
    >>> [f.id for f in validate(goal, known_ids=["https://example.org/learners/1"])]
    ['R002']

Every finding carries its rule ID (R structure and types, S formats, V vocabulary rules), the
file, the line where known, the record's index and identifier, and the JSON path. Messages are
built from rule, slot and path, never from a value, so a sensitive value never reaches a report.
"""

from __future__ import annotations

import datetime as dt
import difflib
import gc
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from pl_vocab.core.errors import PlVocabError
from pl_vocab.core.model import Finding, InputInfo, Report
from pl_vocab.prefixes import expand
from pl_vocab.validation.batch import BatchState, Event
from pl_vocab.validation.catalogue import RULES
from pl_vocab.validation.index import class_info, is_known_class, known_classes
from pl_vocab.validation.layers import Place, Where, _typed_validator, check_structure, finding
from pl_vocab.validation.rules import check_rules
from pl_vocab.validation.sources import Item

__all__ = [
    "UnknownClassError",
    "Validator",
    "fewer_collections",
    "item_findings",
    "iter_findings",
    "validate",
]


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Run the cyclic garbage collector less often while a batch is checked.

    Checking a record makes many small objects and no reference cycles, and the batch state
    (identifiers, pending references) grows as it goes: with the default threshold the collector
    rescans everything alive every few hundred records, which doubled the time of a batch. The
    young-generation threshold is raised for the duration and restored afterwards (objects in
    cycles are still collected, only less often).
    """
    old = gc.get_threshold()
    gc.set_threshold(max(old[0], 50_000), *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)


DEFAULT_MAX_PER_RULE = 1000
_BATCH_RULES = frozenset({"V001", "V011"})


@dataclass
class Validator:
    """Validates records one at a time and remembers what the batch rules need.

    Use :meth:`check` for each record (dicts as read from JSON or YAML, or model objects), then
    :meth:`finish` for the findings only the whole batch can give (unresolved references).

    ``max_per_rule`` keeps the first findings of each rule (all are counted); 0 keeps all.
    """

    class_name: str | None = None
    select: Iterable[str] = ()
    ignore: Iterable[str] = ()
    now: dt.datetime | None = None
    known_ids: Iterable[str] = ()
    max_per_rule: int = DEFAULT_MAX_PER_RULE
    findings: list[Finding] = field(default_factory=list, init=False)
    counts: Counter[str] = field(default_factory=Counter, init=False)
    records: int = field(default=0, init=False)
    invalid_records: int = field(default=0, init=False)

    def __post_init__(self) -> None:
        from pl_vocab.core.selection import resolve_selection

        self.selected = frozenset(resolve_selection(RULES, self.select, self.ignore))
        now = self.now or dt.datetime.now(dt.UTC)
        if now.tzinfo is None:
            raise ValueError("now must carry a timezone")
        self.state = BatchState(now=now, known={expand(k) for k in self.known_ids})
        if self.class_name is not None and self.class_name not in known_classes():
            raise UnknownClassError(self.class_name)

    # ------------------------------------------------------------------------- one record
    def check(self, record: Any, where: Where | None = None) -> list[Finding]:
        """Findings for one record (and remember it for the batch rules)."""
        if record.__class__ is dict:  # nearly always: no model to dump
            quick = self.class_name is None
            if quick:
                found = _fast_check(record, where or Place(), None, self.selected, self.state)
                if found is not None:
                    self.records += 1
                    return self._counted(found) if found else found
            # the quick path was tried (or does not apply): not again inside item_findings
            item = Item(record, self.class_name, where or Place())
            found = item_findings(item, self.class_name, self.selected, self.state, quick=False)
            self.records += 1
            return self._counted(found) if found else found
        if isinstance(record, BaseModel):
            item = Item(
                record.model_dump(mode="json", exclude_none=True),
                type(record).__name__,
                where or Place(),
                model=record,
            )
        else:
            item = Item(record, self.class_name, where or Place())
        return self.check_item(item)

    def check_item(self, item: Item, state: BatchState | None = None) -> list[Finding]:
        """Findings for one item read from a file, kept (up to the cap) and returned."""
        found = item_findings(item, self.class_name, self.selected, state or self.state)
        self.records += 1
        return self._counted(found) if found else found

    def _counted(self, found: list[Finding]) -> list[Finding]:
        if any(f.severity == "error" for f in found):
            self.invalid_records += 1
        return self._keep(found)

    def _keep(self, found: list[Finding]) -> list[Finding]:
        kept = []
        for f in found:
            if f.id not in self.selected:
                continue
            self.counts[f.id] += 1
            if not self.max_per_rule or self.counts[f.id] <= self.max_per_rule:
                kept.append(f)
        self.findings.extend(kept)
        return kept

    def merge(
        self,
        found: list[list[Finding]],
        events: list[Event],
        places: Sequence[Where],
        record_ids: Sequence[str | None],
        record_lines: Sequence[dict[str, int] | None] = (),
    ) -> None:
        """Fold in what a worker process found for a run of records, as if checked here: the
        per-record findings, then the identifiers and references it saw, replayed in order
        against the batch state (a duplicate found now marks its record invalid, once)."""
        invalid = [any(f.severity == "error" for f in record) for record in found]
        self.records += len(found)
        self.invalid_records += sum(invalid)
        for record in found:
            self._keep(record)
        out = []
        see_reference, see_id, ids = self.state.see_reference, self.state.see_id, self.state.ids
        for kind, iri, target, path, name, index, position in events:
            if kind == "ref":
                if iri not in ids:
                    see_reference(iri, target, places[position], path, name, index)
                continue
            dup = see_id(iri, places[position], path, name)
            if dup is None:
                continue
            record_id = record_ids[position]
            lines = record_lines[position] if record_lines else None
            if lines:
                dup = _with_line(dup, lines)
            if record_id is not None:
                dup = dup.model_copy(
                    update={"location": dup.location.model_copy(update={"record_id": record_id})}
                )
            out.append(dup)
            if not invalid[position]:
                invalid[position] = True
                self.invalid_records += 1
        self._keep(out)

    def finish(self) -> list[Finding]:
        """The batch findings (references that nothing in the batch resolved)."""
        if "V001" not in self.selected:
            return []
        return self._keep(list(self.state.unresolved()))

    def report(self, input: InputInfo, stats: dict[str, int] | None = None) -> Report:
        """Everything found so far as a :class:`Report` (call :meth:`finish` first)."""
        from pl_vocab import __version__

        shown = len(self.findings)
        total = sum(self.counts.values())
        all_stats = {
            "records": self.records,
            "valid_records": self.records - self.invalid_records,
            "invalid_records": self.invalid_records,
            "findings": total,
            "findings_not_listed": total - shown,
            **(stats or {}),
        }
        return Report(
            valid=not any(f.severity == "error" for f in self.findings),
            tool_version=__version__,
            input=input,
            stats=all_stats,
            findings=self.findings,
        )


class UnknownClassError(PlVocabError, KeyError):
    """The class given for records that carry no ``type`` (``cls``, ``--class``) is not one of
    the schema's. A :class:`KeyError` too, as it was before it had its own type."""

    def __init__(self, name: str) -> None:
        near = difflib.get_close_matches(name, known_classes(), n=1)
        hint = f"; did you mean {near[0]!r}?" if near else "."
        super().__init__(
            f"unknown class {name!r}{hint} The classes are listed in docs/schema/index.md; "
            "`pl-vocab validate --help` shows how to name one (--class)."
        )
        self.name = name
        self.suggestion = near[0] if near else None

    def __str__(self) -> str:  # KeyError would otherwise quote the message
        return str(self.args[0])


def _class_of(item: Item, default: str | None) -> tuple[str | None, Any, Finding | None, bool]:
    """The record's class, its data, the problem that leaves it unchecked, and whether the data
    still holds the ``type`` key that named the class (checked as read, not copied without it)."""
    data = item.data
    if not isinstance(data, dict):
        what = type(data).__name__ if data is not None else "null"
        return (
            None,
            data,
            finding("R009", f"a record must be an object, found {what}", item.where, "$"),
            False,
        )
    declared = data.get("type")
    if item.class_name and item.model is not None:
        return item.class_name, data, None, False
    if isinstance(declared, str):
        if is_known_class(declared):
            return declared, data, None, True
        near = difflib.get_close_matches(declared, known_classes(), n=1)
        return (
            None,
            {k: v for k, v in data.items() if k != "type"},
            finding(
                "R008",
                f"'type' names no pl_vocab class ({declared!r})",
                item.where,
                "$.type",
                f"did you mean {near[0]}?"
                if near
                else "use a class name from docs/schema/index.md",
                "type",
            ),
            False,
        )
    if default:
        return default, data, None, False
    record_set = class_info("RecordSet").slots
    if data and all(k in record_set for k in data):
        return "RecordSet", data, None, False
    return (
        None,
        data,
        finding(
            "R008",
            "the record has no 'type' and no class was given",
            item.where,
            "$",
            'add "type": "<Class>" to the record, or give the class with --class',
        ),
        False,
    )


def item_findings(
    item: Item,
    default: str | None,
    selected: frozenset[str],
    state: BatchState,
    *,
    quick: bool = True,
) -> list[Finding]:
    read = item.findings  # found while reading the record
    data = item.data
    if quick and read is None and item.class_name is None:
        fast = _fast_check(data, item.where, item.lines, selected, state)
        if fast is not None:
            return fast
    if data is None and read:
        return list(read)
    class_name, data, problem, typed = _class_of(item, default)
    where = item.where
    found: list[Finding]
    if problem is not None:
        found = [problem]
    else:
        assert class_name is not None
        found = check_structure(data, class_name, where, typed=typed)
        if not found:
            found = check_rules(data, class_name, where, state, selected=selected)
        else:
            # a record with structural errors still has identifiers and references: keep track
            # of them, or every reference to it would be reported as unresolved
            batch_only = selected & _BATCH_RULES
            if batch_only:
                found.extend(check_rules(data, class_name, where, state, selected=batch_only))
    if read:
        found = [*read, *found]
    if not found:
        return found
    if read and len(found) > len(read):
        # what reading found (a lone surrogate) may be found again by a layer: keep it once
        seen: set[tuple[str, str | None]] = set()
        unique = []
        for f in found:
            key = (f.id, f.location.json_path)
            if key not in seen:
                seen.add(key)
                unique.append(f)
        found = unique
    return _annotated(found, class_name, data, where, item.lines)


def _fast_check(
    data: Any,
    where: Where,
    lines: dict[str, int] | None,
    selected: frozenset[str],
    state: BatchState,
) -> list[Finding] | None:
    """The findings of the usual record, a plain dict that names its class and is structurally
    valid: the rules run at once, without the general path's bookkeeping. None for any other
    record (nothing has been remembered of it then: the general path checks it from scratch)."""
    if data.__class__ is not dict:
        return None
    declared = data.get("type")
    if declared.__class__ is not str or not is_known_class(declared):
        return None
    try:
        if not _typed_validator(declared).is_valid(data):
            return None
    except ValueError:  # not JSON data: the general path explains it
        return None
    found = check_rules(data, declared, where, state, selected=selected)
    return _annotated(found, declared, data, where, lines) if found else found


def _annotated(
    found: list[Finding],
    class_name: str | None,
    data: Any,
    where: Where,
    lines: dict[str, int] | None,
) -> list[Finding]:
    """The findings with the record's identifier and the lines of their fields added: only
    now, since most records have none and a location is an object worth not copying for
    nothing."""
    ident_slot = class_info(class_name).identifier if class_name else None
    ident = data.get(ident_slot) if ident_slot and isinstance(data, dict) else None
    if isinstance(ident, str) and where.record_id is None:
        found = [
            f.model_copy(update={"location": f.location.model_copy(update={"record_id": ident})})
            for f in found
        ]
    if lines:
        found = [_with_line(f, lines) for f in found]
    return found


def _with_line(f: Finding, lines: dict[str, int]) -> Finding:
    path = f.location.json_path
    while path:
        line = lines.get(path)
        if line is not None:
            return f.model_copy(update={"location": f.location.model_copy(update={"line": line})})
        cut = max(path.rfind("."), path.rfind("["))
        path = path[:cut] if cut > 0 else ""
    return f


# ------------------------------------------------------------------------------ public API
def _as_items(records: Any) -> Iterable[tuple[Any, Place]]:
    if isinstance(records, (BaseModel, dict)):
        return [(records, Place(record_index=1))]
    return ((r, Place(record_index=i)) for i, r in enumerate(records, 1))


def iter_findings(
    records: Any,
    *,
    cls: str | None = None,
    now: dt.datetime | None = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    known_ids: Iterable[str] = (),
) -> Iterator[Finding]:
    """Findings for a stream of records (dicts or model objects), as each record is checked;
    the batch findings (unresolved references) come last. Memory stays flat: nothing is kept but
    identifiers and pending references.

    :raises UnknownClassError: ``cls`` names no class (at the call, before any record is read).
    """
    return _stream(Validator(cls, select, ignore, now, known_ids, max_per_rule=0), records)


def _stream(v: Validator, records: Any) -> Iterator[Finding]:
    check, findings = v.check, v.findings
    with fewer_collections():
        for record, where in _as_items(records):
            found = check(record, where)
            if found:
                yield from found
                findings.clear()
        yield from v.finish()


def validate(
    records: Any,
    *,
    cls: str | None = None,
    now: dt.datetime | None = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    known_ids: Iterable[str] = (),
) -> list[Finding]:
    """Findings for one record, a list or any iterable of records (dicts or model objects).

    ``cls`` is the class of dicts that carry no ``type``; ``now`` fixes "now" for the date rules
    (reproducible runs); ``select``/``ignore`` take rule IDs, prefixes or families (R, S, V).

    :raises UnknownClassError: ``cls`` names no class.
    """
    return list(
        iter_findings(records, cls=cls, now=now, select=select, ignore=ignore, known_ids=known_ids)
    )
