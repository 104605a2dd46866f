"""Family I: relations and hierarchy in tabular glossaries (broader, related and synonyms cells).

A broader cell may name several parents, separated by ``;``, ``|`` or line breaks (by commas
only when every part is a term of the glossary). A related column is recognized by its header
("Related terms", "See also", "Términos relacionados"). Names are compared after
:func:`~pl_vocab.vocabulary.normalize_label`; a name that is the term of several rows means the
first of them. Every check here is linear in the rows and the names they hold.

I007 and I008 go beyond the research catalogue (its family I has six checks): synonyms are the
other relation a table states, and a synonym that is another row's term, or that is a label of
a different national concept, is the same kind of defect as a broken broader link.
SKOS input is checked by family H (its own hierarchy checks), so family I skips it. I004 runs
only when the table has a related column. I005 fires only where the national hierarchy says the
opposite (or both terms are one concept): a district hierarchy that the national one merely
lacks is not a defect (the national scheme is shallow).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from pl_vocab.core.model import Finding, Severity
from pl_vocab.glossary.checks.base import (
    CheckContext,
    at_column,
    check,
    extra_columns,
    memo,
    normalized,
    snippet,
)
from pl_vocab.glossary.checks.mapping import concept_of_name, term_rows
from pl_vocab.glossary.read import split_synonyms
from pl_vocab.vocabulary import Vocabulary

_SEPARATORS = re.compile(r"[;|\r\n\u2028\u2029\x85]")
_SKOS_SUFFIXES = frozenset({".ttl", ".nt", ".rdf", ".owl", ".jsonld"})


def _alternatives(text: str) -> frozenset[str]:
    return frozenset(text.split("|"))


_RELATED_HEADERS = _alternatives(
    "related|related term|related terms|related concept|related concepts|see also|see|"
    "terminos relacionados|termino relacionado|relacionados|vease tambien|ver tambien"
)


def _tabular(ctx: CheckContext) -> bool:
    return Path(ctx.table.source).suffix.lower() not in _SKOS_SUFFIXES


def _names(ctx: CheckContext, cell: str | None) -> list[str]:
    """The names in a broader or related cell."""
    if not cell:
        return []
    parts = split_synonyms(cell)
    if len(parts) > 1 and not _SEPARATORS.search(cell):  # split on commas only
        terms = term_rows(ctx)
        if not all(normalized(ctx, p) in terms for p in parts):
            return [" ".join(cell.split())]  # one name that holds a comma
    return parts


def _loose(ctx: CheckContext, text: str) -> str:
    """A cheap spelling key for did-you-mean: normalized, no accents, no plural "s"."""
    plain = unicodedata.normalize("NFKD", normalized(ctx, text))
    return " ".join(w.rstrip("s") for w in "".join(c for c in plain if c.isascii()).split())


def _related_column(ctx: CheckContext) -> str | None:
    found = extra_columns(ctx, lambda h: h in _RELATED_HEADERS)
    return found[0] if found else None


def _links(ctx: CheckContext) -> dict[int, tuple[list[str], list[str]]]:
    """Row -> (broader names, related names)."""

    def compute() -> dict[int, tuple[list[str], list[str]]]:
        related = _related_column(ctx)
        out = {}
        for r in ctx.table.rows:
            up = _names(ctx, r.broader)
            side = _names(ctx, r.extra.get(related)) if related else []
            if up or side:
                out[r.row] = (up, side)
        return out

    return memo(ctx, "relation_links", compute)


def _parents(ctx: CheckContext) -> dict[str, dict[str, int]]:
    """Normalized term -> {normalized parent term: first row that says so}, glossary terms only
    and no self-links."""

    def compute() -> dict[str, dict[str, int]]:
        terms = term_rows(ctx)
        rows = {r.row: r for r in ctx.table.rows}
        out: dict[str, dict[str, int]] = defaultdict(dict)
        for row, (up, _) in _links(ctx).items():
            own = normalized(ctx, rows[row].term)
            for name in up:
                key = normalized(ctx, name)
                if own and key in terms and key != own:
                    out[own].setdefault(key, row)
        return out

    return memo(ctx, "relation_parents", compute)


@cache
def _ancestors(vocab: Vocabulary) -> dict[str, frozenset[str]]:
    """Concept -> every concept above it in the national hierarchy (cycles tolerated)."""
    up = {c.id: [vocab.concept(b).id for b in c.broader or () if b in vocab] for c in vocab}
    out: dict[str, frozenset[str]] = {}
    for start in up:
        seen: set[str] = set()
        todo = list(up[start])
        while todo:
            cid = todo.pop()
            if cid not in seen:
                seen.add(cid)
                todo.extend(up.get(cid, ()))
        out[start] = frozenset(seen - {start})
    return out


def _accepted(ctx: CheckContext, row: int) -> str | None:
    m = ctx.matches.get(row)
    return m.mapping.concept if m and m.mapping and not m.deprecated_hit else None


@check("I001")
def broader_not_found(ctx: CheckContext) -> Iterator[Finding]:
    if not _tabular(ctx):
        return
    terms = term_rows(ctx)
    synonyms = {normalized(ctx, s) for r in ctx.table.rows for s in r.synonyms}
    rows = {r.row: r for r in ctx.table.rows}
    unknown: dict[int, list[str]] = {}
    for row, (up, _) in _links(ctx).items():
        own = normalized(ctx, rows[row].term)
        for name in up:
            key = normalized(ctx, name)
            if key == own or key in terms or key in synonyms or ctx.vocabulary.lookup(name):
                continue
            unknown.setdefault(row, []).append(name)
    if not unknown:
        return
    names = sorted({n for found in unknown.values() for n in found})
    national = dict(zip(names, ctx.matcher.match_many([(n, None) for n in names]), strict=True))
    loose = {_loose(ctx, r.term): r for r in reversed(ctx.table.rows) if r.term}
    for row, found in sorted(unknown.items()):
        for name in found:
            if national[name].mapping or national[name].ambiguous:
                continue  # a national label once spelling is normalized
            key = _loose(ctx, name)
            near = loose.get(key) if key else None
            hint = f"Did you mean '{near.term}' (row {near.row})?" if near else None
            yield ctx.finding(
                "I001",
                f"The broader term '{snippet(name, 40)}' of '{snippet(rows[row].term)}' is "
                "neither a term of this glossary nor a national concept.",
                rows[row],
                "broader",
                hint or f"Add a row for '{snippet(name, 40)}', or correct the name.",
            )


@check("I002")
def parent_cycle(ctx: CheckContext) -> Iterator[Finding]:
    if not _tabular(ctx):
        return
    parents = _parents(ctx)
    terms = term_rows(ctx)
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    cycles: dict[frozenset[str], list[str]] = {}
    for start in sorted(parents):
        if start in state:
            continue
        path, stack = [start], [iter(sorted(parents.get(start, {})))]
        position = {start: 0}
        state[start] = 1
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                state[path[-1]] = 2
                position.pop(path.pop())
                stack.pop()
            elif nxt not in state:
                state[nxt] = 1
                position[nxt] = len(path)
                path.append(nxt)
                stack.append(iter(sorted(parents.get(nxt, {}))))
            elif state[nxt] == 1:
                loop = path[position[nxt] :]
                cycles.setdefault(frozenset(loop), loop)
    for loop in cycles.values():
        first = min(loop, key=lambda k: terms[k].row)
        i = loop.index(first)
        ordered = loop[i:] + loop[:i] + [first]
        chain = " → ".join(f"'{snippet(terms[k].term, 30)}'" for k in ordered)
        yield ctx.finding(
            "I002",
            f"The broader terms go round in a circle: {chain}.",
            terms[first],
            "broader",
            "Remove one of the broader links so the hierarchy has a top.",
        )


@check("I003")
def self_reference(ctx: CheckContext) -> Iterator[Finding]:
    if not _tabular(ctx):
        return
    rows = {r.row: r for r in ctx.table.rows}
    related = _related_column(ctx)
    for row, (up, side) in _links(ctx).items():
        r = rows[row]
        own = normalized(ctx, r.term)
        for kind, names in (("broader", up), ("related", side)):
            if own and any(normalized(ctx, n) == own for n in names):
                f = ctx.finding(
                    "I003",
                    f"'{snippet(r.term)}' names itself as its own {kind} term.",
                    r,
                    "broader" if kind == "broader" else None,
                    f"Give the {kind} term of '{snippet(r.term)}', or leave the cell empty.",
                )
                yield at_column(ctx, f, related) if kind == "related" and related else f


@check("I004")
def related_and_broader(ctx: CheckContext) -> Iterator[Finding]:
    related = _related_column(ctx)
    if not _tabular(ctx) or related is None:
        return
    parents, terms = _parents(ctx), term_rows(ctx)
    rows = {r.row: r for r in ctx.table.rows}
    seen: set[frozenset[str]] = set()
    for row, (_, side) in _links(ctx).items():
        own = normalized(ctx, rows[row].term)
        for name in side:
            other = normalized(ctx, name)
            pair = frozenset({own, other})
            if other not in terms or other == own or pair in seen:
                continue
            if other in parents.get(own, {}) or own in parents.get(other, {}):
                seen.add(pair)
                f = ctx.finding(
                    "I004",
                    f"'{snippet(rows[row].term)}' lists '{snippet(name)}' as related, but one is "
                    "the broader term of the other.",
                    rows[row],
                    suggestion="Keep the broader link and remove the related one.",
                )
                yield at_column(ctx, f, related)


@check("I005")
def inverted_vs_national(ctx: CheckContext) -> Iterator[Finding]:
    if not _tabular(ctx):
        return
    above = _ancestors(ctx.vocabulary)
    rows = {r.row: r for r in ctx.table.rows}
    for row, (up, _) in _links(ctx).items():
        r, child = rows[row], _accepted(ctx, row)
        if child is None:
            continue
        for name in up:
            parent = concept_of_name(ctx, name)
            if parent is None or normalized(ctx, name) == normalized(ctx, r.term):
                continue
            if parent == child:
                yield ctx.finding(
                    "I005",
                    f"'{snippet(r.term)}' and its broader term '{snippet(name, 40)}' both mean "
                    f"{ctx.describe(child)}; one concept cannot be broader than itself.",
                    r,
                    "broader",
                    "Make one of them a synonym of the other.",
                    Severity.INFO,
                )
            elif child in above.get(parent, frozenset()):
                yield ctx.finding(
                    "I005",
                    f"'{snippet(r.term)}' has the broader term '{snippet(name, 40)}', but "
                    f"nationally {ctx.describe(child)} is broader than {ctx.describe(parent)}.",
                    r,
                    "broader",
                    "Swap the two, or check that both terms mean the national concepts.",
                )


@check("I006")
def multiple_parents(ctx: CheckContext) -> Iterator[Finding]:
    if not _tabular(ctx):
        return
    named: dict[str, dict[str, tuple[str, int]]] = defaultdict(dict)
    rows = {r.row: r for r in ctx.table.rows}
    for row, (up, _) in _links(ctx).items():
        own = normalized(ctx, rows[row].term)
        for name in up:
            if own and normalized(ctx, name) != own:
                named[own].setdefault(normalized(ctx, name), (name, row))
    for parents in named.values():
        if len(parents) > 1:
            listed = list(parents.values())
            where = rows[listed[1][1]]
            names = " and ".join(f"'{snippet(n, 30)}'" for n, _ in listed)
            yield ctx.finding(
                "I006",
                f"'{snippet(where.term)}' has {len(listed)} broader terms: {names}.",
                where,
                "broader",
                "Allowed; check that each is intended (and merge duplicate rows of the term).",
            )


@check("I007")
def synonym_is_term(ctx: CheckContext) -> Iterator[Finding]:
    terms = term_rows(ctx)
    seen: set[frozenset[int]] = set()
    for r in ctx.table.rows:
        own = normalized(ctx, r.term)
        for s in r.synonyms:
            other = terms.get(normalized(ctx, s))
            if not own or other is None or normalized(ctx, other.term) == own:
                continue
            pair = frozenset({r.row, other.row})
            if pair not in seen:
                seen.add(pair)
                yield ctx.finding(
                    "I007",
                    f"'{snippet(r.term)}' lists '{snippet(s, 40)}' as a synonym, but "
                    f"'{snippet(other.term, 40)}' has its own row {other.row}.",
                    r,
                    "synonyms",
                    "Merge the two rows, or remove the synonym if they mean different things.",
                )


@check("I008")
def synonym_elsewhere(ctx: CheckContext) -> Iterator[Finding]:
    vocab, above = ctx.vocabulary, _ancestors(ctx.vocabulary)
    for r in ctx.table.rows:
        own = _accepted(ctx, r.row)
        if own is None or not r.synonyms:
            continue
        distinct = {c.id for c in vocab.distinct_from(own)}
        for s in r.synonyms:
            found = vocab.get(s)
            if found is None or found.deprecated or found.id == own:
                continue
            other = found.id
            if other in distinct:
                how = "which the national vocabulary records as not the same"
            elif other in above.get(own, frozenset()):
                how = "a broader concept: put it in the broader column"
            elif own in above.get(other, frozenset()):
                how = "a narrower concept, not a synonym"
            else:
                how = "a different concept"
            yield ctx.finding(
                "I008",
                f"'{snippet(r.term)}' means {ctx.describe(own)}, but its synonym "
                f"'{snippet(s, 40)}' is {ctx.describe(other)}, {how}.",
                r,
                "synonyms",
                "Remove the synonym, or give it its own row.",
            )
