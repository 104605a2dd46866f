"""Family C: the definitions.

C008 (definition-contradicts-mapping) is conservative on purpose: district definitions are
paraphrases, and their lexical similarity to national definitions is too low to compare
(IDF-weighted cosine 0.00-0.13 on the example glossaries; for Riverbend's "Equality", defined as
equity, 0.01 to equality against 0.02 to equity, which is noise). It fires only on evidence that
does not depend on paraphrase: the definition is (nearly) the national definition of another
concept, or it opens by naming a concept the vocabulary records as "not the same" as the
mapped one ("Equality: equity for every student...").

C006 and C009 never compare all pairs: see :func:`_near_duplicates` and :func:`_copied_from`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import cache
from itertools import chain, pairwise
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from pl_vocab.core.model import Finding
from pl_vocab.glossary.checks.base import CheckContext, check, memo, normalized, snippet
from pl_vocab.glossary.checks.mapping_user import user_concept
from pl_vocab.vocabulary import Vocabulary, normalize_label

if TYPE_CHECKING:
    from pl_vocab.glossary.read import GlossaryRow

_PLACEHOLDER = re.compile(
    r"^(tbd|tba|n/?a|todo|pending|pendiente|por definir|see (above|below|handbook|district handbook|policy)|same as .{1,60}|https?://\S+)\.?$",
    re.IGNORECASE,
)


@check("C001")
def missing_definition(ctx: CheckContext) -> Iterator[Finding]:
    for r in ctx.table.rows:
        if r.term and not r.definition and not r.definition_es:
            yield ctx.finding(
                "C001",
                f"'{snippet(r.term)}' has no definition.",
                r,
                "definition",
                "Write one plain-language sentence that says what it is.",
            )


@check("C002")
def circular(ctx: CheckContext) -> Iterator[Finding]:
    for r in ctx.table.rows:
        if not (r.term and r.definition):
            continue
        term, definition = normalized(ctx, r.term), normalized(ctx, r.definition)
        if len(term) < 4 or term not in definition:
            continue
        rest = definition.replace(term, " ").split()
        stems = {w[:6] for w in term.split() if len(w) > 3}
        content = [w for w in rest if len(w) > 3 and w[:6] not in stems]
        if len(content) <= 3:
            yield ctx.finding(
                "C002",
                f"The definition of '{snippet(r.term)}' mostly repeats the term.",
                r,
                "definition",
                "Say what kind of thing it is and what sets it apart, without the term itself.",
            )


@check("C003")
def too_short(ctx: CheckContext) -> Iterator[Finding]:
    for r in ctx.table.rows:
        if (
            r.term
            and r.definition
            and len(r.definition.split()) < 5
            and not _PLACEHOLDER.match(r.definition.strip())
        ):
            yield ctx.finding(
                "C003",
                f"The definition of '{snippet(r.term)}' has {len(r.definition.split())} word(s).",
                r,
                "definition",
                "A useful definition names the kind of thing and what sets it apart.",
            )


@check("C004")
def too_long(ctx: CheckContext) -> Iterator[Finding]:
    for r in ctx.table.rows:
        if r.definition and len(r.definition.split()) > 120:
            yield ctx.finding(
                "C004",
                f"The definition of '{snippet(r.term or '')}' has {len(r.definition.split())} words.",
                r,
                "definition",
                "Keep the definition to a sentence or two; move the rest to notes.",
            )


@check("C005")
def duplicate_definition(ctx: CheckContext) -> Iterator[Finding]:
    seen: dict[str, tuple[int, str]] = {}
    for r in ctx.table.rows:
        if not (r.term and r.definition) or len(r.definition.split()) < 3:
            continue
        key = normalized(ctx, r.definition)
        if key in seen and normalized(ctx, seen[key][1]) != normalized(ctx, r.term):
            yield ctx.finding(
                "C005",
                f"'{snippet(r.term)}' has the same definition as '{snippet(seen[key][1])}' at row {seen[key][0]}.",
                r,
                "definition",
                "Two different terms need two different definitions, or one of them is a synonym.",
            )
        else:
            seen.setdefault(key, (r.row, r.term))


@check("C007")
def placeholder_definition(ctx: CheckContext) -> Iterator[Finding]:
    for r in ctx.table.rows:
        if r.definition and _PLACEHOLDER.match(r.definition.strip()):
            yield ctx.finding(
                "C007",
                f"The definition of '{snippet(r.term or '')}' is a placeholder ('{snippet(r.definition, 30)}').",
                r,
                "definition",
                "Write the definition itself.",
            )


# ---------------------------------------------------------------- C006: near duplicates
_NEAR = 95.0  # fuzz.ratio on normalized definitions
_MIN_WORDS = 5
_MAX_POSTING = 32  # a blocking token shared by more definitions than this is not rare


def _half_keys(words: list[str]) -> set[int]:
    """Keys of the first and of the last half of the words (two lengths each, so that texts
    one word longer or shorter still meet): two definitions whose differences all lie in one
    half, such as one word changed, added or dropped, share a key. A key is the hash of the
    half (one int, not the words: 100,000 definitions hold 400,000 keys); a collision only adds
    a candidate, which is then scored like any other."""
    n = len(words)
    every = tuple(words)
    keys = set()
    for k in {n // 2, (n - 1) // 2}:
        keys.add(hash(("head", k, every[:k])))
        keys.add(hash(("tail", k, every[n - k :])))
    return keys


def _near_duplicates(
    ctx: CheckContext, role: str
) -> Iterator[tuple[GlossaryRow, GlossaryRow, float]]:
    """(row, earlier row, score) for definitions of different terms with ratio >= 95.

    Candidates come from two blocks, never from all pairs: the first definition with the same
    first or last half (:func:`_half_keys`), and the definitions that share one of its two
    rarest words (words in at most 32 definitions). The words of a definition are split again
    where they are needed rather than kept for every row (memory: 100,000 definitions).
    """
    entries: list[tuple[GlossaryRow, str]] = []
    for r in ctx.table.rows:
        text = getattr(r, role)
        if r.term and text:
            norm = normalized(ctx, text)
            if norm.count(" ") + 1 >= _MIN_WORDS:  # as many words (single spaces, no edges)
                entries.append((r, norm))
    df = Counter(chain.from_iterable(set(norm.split()) for _, norm in entries))
    rare_words = {w for w, n in df.items() if 2 <= n <= _MAX_POSTING}
    first: dict[int, int] = {}
    postings: dict[str, list[int]] = {}
    for i, (r, norm) in enumerate(entries):
        words = norm.split()
        candidates: set[int] = set()
        for key in _half_keys(words):
            j = first.setdefault(key, i)
            if j != i:
                candidates.add(j)
        shared = rare_words.intersection(words)
        for _, w in sorted((df[w], w) for w in shared)[:2] if shared else ():
            posting = postings.setdefault(w, [])
            candidates.update(posting)
            posting.append(i)
        term = normalized(ctx, r.term)
        for j in sorted(candidates):
            other, other_norm = entries[j]
            if other_norm == norm or normalized(ctx, other.term) == term:
                continue  # identical definitions are C005; the same term is family B
            score = fuzz.ratio(norm, other_norm, score_cutoff=_NEAR)
            if score:
                yield r, other, float(score)
                break


@check("C006")
def near_duplicate_definition(ctx: CheckContext) -> Iterator[Finding]:
    for role in ("definition", "definition_es"):
        for r, other, score in _near_duplicates(ctx, role):
            yield ctx.finding(
                "C006",
                f"The definition of '{snippet(r.term)}' is almost the same as that of "
                f"'{snippet(other.term)}' at row {other.row} (similarity {score:.0f}).",
                r,
                role,
                "If the two terms mean the same thing, keep one and list the other as a "
                "synonym; if not, say in each definition what sets it apart.",
            )


# ---------------------------------------------------------------- C008, C009: national text
_VERBATIM = 90.0  # fuzz.ratio to a national definition that counts as "copied"


@cache
def _national_definitions(
    vocab: Vocabulary,
) -> tuple[list[str], list[str], dict[tuple[str, str], list[int]], list[int]]:
    """Normalized national definitions (both languages), their concepts, an index of their
    distinctive word pairs (in at most 8 definitions) and how many each definition has."""
    texts, concepts = [], []
    for c in vocab.concepts:
        for lt in c.definition or ():
            if lt.value.strip():
                texts.append(normalize_label(lt.value))
                concepts.append(c.id)
    pairs: dict[tuple[str, str], list[int]] = {}
    for i, text in enumerate(texts):
        words = text.split()
        for pair in set(pairwise(words)):
            pairs.setdefault(pair, []).append(i)
    pairs = {k: v for k, v in pairs.items() if len(v) <= 8}
    counts = Counter(i for v in pairs.values() for i in v)
    return texts, concepts, pairs, [counts[i] for i in range(len(texts))]


def _copied_from(vocab: Vocabulary, norm: str) -> tuple[str, float] | None:
    """The concept whose national definition ``text`` (nearly) is, with the score. Only the
    national definitions with a third of their distinctive word pairs in ``norm`` are scored."""
    texts, concepts, pairs, sizes = _national_definitions(vocab)
    # the distinctive pairs of ``norm``: one set intersection (in C), then only those counted
    found = pairs.keys() & pairwise(norm.split())
    if len(found) < 2:
        return None  # every candidate needs two pairs at least
    hits: dict[int, int] = {}
    for pair in found:
        for i in pairs[pair]:
            hits[i] = hits.get(i, 0) + 1
    best: tuple[str, float] | None = None
    for i, n in hits.items():
        if n >= max(2, sizes[i] // 3):
            score = float(fuzz.ratio(norm, texts[i], score_cutoff=_VERBATIM))
            if score and (best is None or score > best[1]):
                best = (concepts[i], score)
    return best


def _mapped(ctx: CheckContext, row: int) -> set[str]:
    out = {
        m.mapping.concept
        for m in (ctx.matches.get(row), ctx.matches_es.get(row))
        if m and m.mapping
    }
    own = user_concept(ctx, row)
    return out | {own} if own else out


def _copies(ctx: CheckContext) -> list[tuple[GlossaryRow, str, str, float]]:
    """(row, role, concept, score) for definitions that are national definitions."""

    def compute() -> list[tuple[GlossaryRow, str, str, float]]:
        out = []
        for r in ctx.table.rows:
            for role in ("definition", "definition_es"):
                text = getattr(r, role)
                norm = normalized(ctx, text) if r.term and text else ""
                if norm.count(" ") + 1 >= _MIN_WORDS:
                    hit = _copied_from(ctx.vocabulary, norm)
                    if hit is not None:
                        out.append((r, role, *hit))
        return out

    return memo(ctx, "national_copies", compute)


@check("C009")
def matches_national(ctx: CheckContext) -> Iterator[Finding]:
    for r, role, cid, score in _copies(ctx):
        mapped = _mapped(ctx, r.row)
        if mapped and cid not in mapped:
            continue  # C008
        how = "word for word" if score >= 99.5 else f"nearly (similarity {score:.0f})"
        claim = (
            "strong evidence for the mapping"
            if mapped
            else f"the term probably means {ctx.describe(cid)}"
        )
        yield ctx.finding(
            "C009",
            f"The {role.replace('_es', ' (Spanish)')} of '{snippet(r.term)}' is the national "
            f"definition of {ctx.describe(cid)}, {how}: {claim}.",
            r,
            role,
            'The national text is CC BY 4.0: credit "pl_vocab national vocabulary" and link '
            "the licence, or write the district's own wording.",
        )


_COPULA = re.compile(
    r"^(?:is|are|means|refers to|es|son|significa|se refiere a)\s+|^(?:a|an|the|el|la|los|las|un|una)\s+"
)


@cache
def _distinct_ids(vocab: Vocabulary, concept: str) -> frozenset[str]:
    """The CURIEs of :meth:`Vocabulary.distinct_from`, once per concept."""
    return frozenset(c.id for c in vocab.distinct_from(concept))


@cache
def _opening_index(vocab: Vocabulary) -> tuple[dict[str, frozenset[str]], dict[str, int]]:
    """:meth:`Vocabulary.lookup` without hidden labels, as one dictionary: normalized preferred
    or alternative label -> concepts; and the first word of each label with the most words of
    a label that starts with it."""
    index: dict[str, set[str]] = {}
    for c in vocab.concepts:
        for lt in [*(c.pref_label or ()), *(c.alt_label or ())]:
            index.setdefault(normalize_label(lt.value), set()).add(c.id)
    firsts: dict[str, int] = {}
    for key in index:
        words = key.split()
        if words:
            firsts[words[0]] = max(firsts.get(words[0], 0), len(words))
    return {k: frozenset(v) for k, v in index.items()}, firsts


def _opening_concepts(vocab: Vocabulary, own: str, norm: str) -> set[str]:
    """Concepts whose preferred or alternative label opens the (normalized) definition, its
    genus, after the term itself (``own``, normalized), a copula and an article."""
    if own and norm.startswith(own + " "):
        norm = norm[len(own) + 1 :]
    for _ in range(2):
        norm = _COPULA.sub("", norm)
    words = norm.split()
    index, firsts = _opening_index(vocab)
    if norm.isascii():
        # the runs of words of a normalized ASCII text are normalized already, and only a run
        # that starts like a label can be one
        most = firsts.get(words[0], 0) if words else 0
        for k in range(min(len(words), 8, most), 0, -1):
            hits = index.get(" ".join(words[:k]))
            if hits:
                return set(hits)
        return set()
    for k in range(min(len(words), 8), 0, -1):
        hits = index.get(normalize_label(" ".join(words[:k])))
        if hits:
            return set(hits)
    return set()


@check("C008")
def contradicts_mapping(ctx: CheckContext) -> Iterator[Finding]:
    reported: set[int] = set()
    for r, role, cid, score in _copies(ctx):
        mapped = _mapped(ctx, r.row)
        if mapped and cid not in mapped:
            reported.add(r.row)
            names = " and ".join(ctx.describe(c) for c in sorted(mapped))
            yield ctx.finding(
                "C008",
                f"'{snippet(r.term)}' maps to {names}, but its definition is the national "
                f"definition of {ctx.describe(cid)} (similarity {score:.0f}).",
                r,
                role,
                "Decide which concept the district means, then fix the term or the definition.",
            )
    for r in ctx.table.rows:
        m = ctx.matches.get(r.row)
        if r.row in reported or m is None or m.mapping is None or not r.definition:
            continue
        own = m.mapping.concept
        opening = _opening_concepts(
            ctx.vocabulary, normalized(ctx, r.term), normalized(ctx, r.definition)
        )
        distinct = _distinct_ids(ctx.vocabulary, own) & opening
        if distinct and own not in opening:
            other = sorted(distinct)[0]
            yield ctx.finding(
                "C008",
                f"'{snippet(r.term)}' maps to {ctx.describe(own)}, but its definition opens by "
                f"calling it '{ctx.label(other)}', which the national vocabulary records as not "
                "the same.",
                r,
                "definition",
                "Decide which concept the district means, then fix the term or the definition.",
            )
