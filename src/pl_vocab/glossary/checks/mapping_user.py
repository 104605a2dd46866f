"""Family D, the district's own statements: its mapping column (D011, D012) and local flags.

A district may add a column naming the national concept of each row ("National concept",
"Maps to", "Concepto nacional"; a CURIE, an IRI or a label), optionally with a predicate column
("Predicate", "Match type": exactMatch, broadMatch...). A "Local" column, a scope/type column
saying "local", a note such as "Local term" or a mapping cell saying "local" marks a row local.
Importing :mod:`pl_vocab.glossary.checks.mapping` imports this module too.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pl_vocab.core.errors import UnknownConceptError
from pl_vocab.core.model import Finding
from pl_vocab.glossary.checks.base import (
    CheckContext,
    at_column,
    check,
    extra_columns,
    memo,
    snippet,
)
from pl_vocab.glossary.columns import normalize_header
from pl_vocab.vocabulary import normalize_label

if TYPE_CHECKING:
    from pl_vocab.glossary.read import GlossaryRow


def _alternatives(text: str) -> frozenset[str]:
    return frozenset(text.split("|"))


_MAPPING_HEADERS = _alternatives(
    "national concept|national term|national label|national vocabulary|national equivalent|"
    "national vocabulary concept|maps to|mapped to|map to|mapping|concept iri|concept id|"
    "concept curie|pl vocab|pl vocab concept|plvc|plv concept|object id|skos match|"
    "exact match|concepto nacional|termino nacional|equivalente nacional|corresponde a|"
    "concepto pl vocab"
)
_PREDICATE_HEADERS = _alternatives(
    "predicate|predicate id|mapping predicate|match type|mapping type|relation|relationship|"
    "relacion|tipo de relacion|tipo de correspondencia"
)
_PREDICATES = {
    word: predicate
    for predicate, words in (
        ("exact_match", "exact same equivalent exacta exacto equivalente"),
        ("close_match", "close cercana cercano"),
        ("broad_match", "broad broader general"),
        ("narrow_match", "narrow narrower especifica especifico"),
        ("related_match", "related relacionada relacionado"),
    )
    for word in words.split()
}
_NO_CONCEPT = re.compile(
    r"^(?:none|n ?a|no|nothing|unmapped|not mapped|tbd|tba|pending|ninguno|ninguna|pendiente|"
    r"(?:no|sin) (?:national )?equivalen(?:t|te)(?: nacional)?|local(?: term| only| extension)?|"
    r"termino local|(?:none|ninguno) local)$"
)


def _is_mapping_header(header: str) -> bool:
    words = header.split()
    return header in _MAPPING_HEADERS or (
        "national" in words and ("concept" in words or "term" in words)
    )


@dataclass(frozen=True)
class UserMapping:
    """What the district's own mapping column says about one row.

    ``concept`` is the CURIE it names (deprecated ones included), ``predicate`` the schema's
    predicate name or None when no predicate column says; ``problem`` and ``suggestion`` are
    the D011 message when the cell cannot be used; ``local`` when it says "local"/"none".
    """

    header: str
    value: str
    concept: str | None
    predicate: str | None
    problem: str | None = None
    suggestion: str | None = None
    local: bool = False

    @property
    def valid(self) -> bool:
        return self.concept is not None and self.problem is None


def _predicate(raw: str) -> str | None:
    """'skos:exactMatch', 'exact_match', 'Exact' -> 'exact_match'; None if unknown."""
    key = re.sub(r"[^a-z]", "", normalize_header(raw).removeprefix("skos "))
    return _PREDICATES.get(key.removesuffix("match"))


def _parse_mapping(
    ctx: CheckContext, header: str, value: str, predicate_raw: str | None
) -> UserMapping:
    vocab = ctx.vocabulary
    predicate = _predicate(predicate_raw) if predicate_raw else None
    if predicate_raw and predicate is None:
        return UserMapping(
            header,
            value,
            None,
            None,
            f"the predicate '{snippet(predicate_raw, 30)}' is not a SKOS mapping predicate",
            "Use exactMatch, closeMatch, broadMatch, narrowMatch or relatedMatch.",
        )
    plain = normalize_label(value)
    if _NO_CONCEPT.match(plain):
        return UserMapping(header, value, None, predicate, local="local" in plain)
    found = vocab.get(value)
    if found is None:
        hits = sorted({c.id for c, _, _ in vocab.lookup(value)})
        if len(hits) == 1:
            found = vocab.concept(hits[0])
        elif hits:
            options = " or ".join(f"'{vocab.label(h)}' ({h})" for h in hits)
            return UserMapping(
                header,
                value,
                None,
                predicate,
                f"'{snippet(value, 40)}' may mean {options}",
                "Write the concept's CURIE (plvc:...) instead.",
            )
    if found is None:
        if ":" in value or "/" in value:
            ids = [c.id for c in vocab.concepts]
            near = difflib.get_close_matches(vocab.compress(value.strip()), ids, n=1, cutoff=0.8)
            hint = near[0] if near else None
        else:
            try:
                vocab.concept(value)
            except UnknownConceptError as exc:
                hint = exc.suggestion
            else:  # pragma: no cover - get() and concept() agree
                hint = None
        return UserMapping(
            header,
            value,
            None,
            predicate,
            f"'{snippet(value, 40)}' is not a concept of the national vocabulary",
            f"Did you mean '{hint}'?" if hint else "Check the spelling with `pl-vocab search`.",
        )
    cid = found.id
    if found.deprecated:
        repl = " or ".join(f"'{c.id}'" for c in vocab.replacements(cid))
        return UserMapping(
            header,
            value,
            cid,
            predicate,
            f"{ctx.describe(cid)} is deprecated (deficit-based language)",
            f"Map the row to {repl} instead." if repl else "Map the row to an active concept.",
        )
    return UserMapping(header, value, cid, predicate)


def user_mappings(ctx: CheckContext) -> dict[int, UserMapping]:
    """The district's mapping column, parsed, by row (rows with an empty cell are absent)."""
    done: dict[int, UserMapping] | None = vars(ctx).get("_memo_user_mappings")
    if done is not None:
        return done  # asked once per row by several checks

    def compute() -> dict[int, UserMapping]:
        concept_cols = extra_columns(ctx, _is_mapping_header)
        if not concept_cols:
            return {}
        header = concept_cols[0]
        predicate_cols = extra_columns(ctx, lambda h: h in _PREDICATE_HEADERS)
        pcol = predicate_cols[0] if predicate_cols else None
        out: dict[int, UserMapping] = {}
        for r in ctx.table.rows:
            value = (r.extra.get(header) or "").strip()
            if value:
                raw = (r.extra.get(pcol) or "").strip() if pcol else ""
                out[r.row] = _parse_mapping(ctx, header, value, raw or None)
        return out

    return memo(ctx, "user_mappings", compute)


def user_concept(ctx: CheckContext, row: int) -> str | None:
    """The concept the mapping column validly names for ``row``, else None."""
    um = user_mappings(ctx).get(row)
    return um.concept if um is not None and um.valid else None


# ---------------------------------------------------------------- rows marked local
_LOCAL_NOTE = re.compile(
    r"^\W*local\b|\blocal (?:term|name|program|programme|initiative|schedule|usage|use|word|"
    r"label|concept|extension|practice|only)\b|\b(?:district|school)[- ]specific\b|"
    r"\b(?:termino|término|nombre|programa|uso|concepto) local\b",
    re.IGNORECASE,
)
_NOT_LOCAL = re.compile(
    r"\b(?:not|no es|no)\s+(?:a\s+|un\s+)?local\b|\blocal\s+(?:control|education|educational|"
    r"agency|board|government|law|policy|funding|school|schools|district|districts)\b",
    re.IGNORECASE,
)
_YES = frozenset({"yes", "y", "x", "true", "1", "si", "sí", "local", "✓", "✔", "district"})
_LOCAL_VALUES = frozenset(
    {"local", "local term", "district", "district term", "district specific", "local extension"}
    | {"termino local", "término local", "distrito", "local only"}
)
_SCOPE_HEADERS = frozenset(
    {"scope", "type", "source", "origin", "status", "kind", "ambito", "alcance", "tipo", "origen"}
)


def is_local(ctx: CheckContext, r: GlossaryRow) -> str | None:
    """Why the row counts as marked local (the column that says so), or None."""
    flags: tuple[list[str], list[str]] | None = vars(ctx).get("_memo_local_columns")
    if flags is None:
        flags = memo(
            ctx,
            "local_columns",
            lambda: (
                extra_columns(ctx, lambda h: "local" in h.split()),
                extra_columns(ctx, lambda h: h in _SCOPE_HEADERS),
            ),
        )
    if r.notes and _LOCAL_NOTE.search(r.notes) and not _NOT_LOCAL.search(r.notes):
        return ctx.table.column_map.get("notes", "notes")
    for h in flags[0]:
        if normalize_label(r.extra.get(h, "")) in _YES:
            return h
    for h in flags[1]:
        if normalize_label(r.extra.get(h, "")) in _LOCAL_VALUES:
            return h
    um = user_mappings(ctx).get(r.row)
    if um is not None and um.local:
        return um.header
    return None


@check("D011")
def invalid_user_mapping(ctx: CheckContext) -> Iterator[Finding]:
    rows = {r.row: r for r in ctx.table.rows}
    for row, um in user_mappings(ctx).items():
        if um.problem is not None:
            f = ctx.finding(
                "D011",
                f"The mapping of '{snippet(rows[row].term)}' cannot be used: {um.problem}.",
                rows[row],
                suggestion=um.suggestion,
            )
            yield at_column(ctx, f, um.header)


@check("D012")
def disputed_user_mapping(ctx: CheckContext) -> Iterator[Finding]:
    vocab = ctx.vocabulary
    for r in ctx.table.rows:
        um = user_mappings(ctx).get(r.row)
        m = ctx.matches.get(r.row)
        if um is None or not um.valid or m is None or um.concept is None:
            continue
        said, exactish = um.concept, um.predicate in (None, "exact_match", "close_match")
        own = m.mapping.concept if m.mapping else None
        blocked = dict(m.blocked)
        why = None
        dep = m.deprecated_hit
        if dep is not None and said in {c.id for c in vocab.replacements(dep)}:
            continue  # a deficit term mapped to its replacement: E007's note
        if own is not None and said in {c.id for c in vocab.distinct_from(own)}:
            why = f"the term is {ctx.describe(own)}, which the national vocabulary records as not the same as it"
        elif own is None and said in blocked and exactish:
            why = f"it is on the deny-list for this term ({blocked[said]})"
        elif own is not None and own != said and exactish:
            why = f"the term itself is a label of {ctx.describe(own)}"
        elif own == said and not exactish:
            why = f"the term is a label of that concept, so the match is exact, not {um.predicate}"
        if why is None:
            continue
        f = ctx.finding(
            "D012",
            f"The mapping column says '{snippet(r.term)}' is {ctx.describe(said)}, but {why}.",
            r,
            suggestion=f"Check the mapping; the lexical evidence points to {ctx.describe(own)}."
            if own and own != said
            else "Check the mapping and its predicate.",
        )
        yield at_column(ctx, f, um.header)
