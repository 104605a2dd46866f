"""Match a district's glossary terms to national concepts.

The pipeline for one term, first hit wins (``research/glossary-validation.md`` §2.5):

Stages 1 to 3 are :class:`pl_vocab.labels.LabelIndex` (shared with :meth:`Vocabulary.lookup`).

1. **exact** preferred or alternative label (NFC, whitespace collapsed, case-sensitive), in the
   term's language first, then in any language: ``exact_match``, confidence 1.0 (preferred)
   or 0.95 (alternative).
2. **hidden** label (an ambiguous acronym such as "PBL", or a misspelling): if it belongs to
   several concepts there is no mapping and :attr:`TermMatch.ambiguous` lists them all (D003);
   if it belongs to one concept only, ``exact_match`` with confidence 0.9.
3. **normalized** (case, punctuation, hyphens, diacritics, plural/singular, leading articles;
   see :mod:`pl_vocab.normalize`), then the learner **variants** (student/learner/
   pupil), then a trailing **acronym** ("Universal Design for Learning (UDL)": the name
   without it, then the acronym alone): ``exact_match``, confidence 0.9.
4. A match on a deprecated or flagged concept still maps to it (``DECISIONS.md``: E001 names
   the replacement) and sets :attr:`TermMatch.deprecated_hit`; a contested or
   context-dependent advisory sets :attr:`TermMatch.advisory_hit`.
5. Only when nothing matched: **fuzzy** candidates for a person to review, never a mapping.
   Before they are proposed, the deny-list runs: a candidate that is "not the same"
   (:meth:`Vocabulary.distinct_from`) as a concept whose label the term contains is dropped
   ("Equality in education" is never offered "equity in education"), and a term that contains
   a deprecated or flagged label gets no fuzzy candidate at all ("learning loss interventions"
   is never offered "personalized learning"). Dropped candidates are kept in
   :attr:`TermMatch.blocked` with the reason.

Meaning-level synonyms are the vocabulary's alternative labels; nothing here names a concept.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Literal

from rapidfuzz import fuzz, process

from pl_vocab.labels import (
    Keys,
    Label,
    LabelIndex,
    LabelKind,
    LexicalHit,
    MatchMethod,
    language_order,
)
from pl_vocab.normalize import FOLD_LANGUAGES, FoldLanguage
from pl_vocab.vocabulary import Vocabulary, load_vocabulary

__all__ = [
    "Candidate",
    "JustificationName",
    "Mapping",
    "MatchMethod",
    "Matcher",
    "PredicateName",
    "TermMatch",
    "shared_matcher",
]

PredicateName = Literal[
    "exact_match", "close_match", "broad_match", "narrow_match", "related_match"
]
JustificationName = Literal["lexical_match", "lexical_similarity", "manual_curation", "unspecified"]

CONFIDENCE_PREF = 1.0
CONFIDENCE_ALT = 0.95
CONFIDENCE_HIDDEN = 0.9
CONFIDENCE_NORMALIZED = 0.9

# The fuzzy scorer: rapidfuzz ``fuzz.ratio`` (normalized Indel similarity) on folded strings.
# Measured in research/glossary-validation.md §2.5 (RapidFuzz 3.14.6): token_set_ratio and
# partial_ratio give 100 to any subset ("Learning" vs "Personalized Learning", "Equity" vs
# "Equity and Inclusion") and WRatio blends them in (90 for subsets, 86 for "Learning Loss" vs
# "Personalized Learning", above the right replacement at 72). ``ratio`` keeps subsets at 55-59
# and the damaging near misses at or below 79; the only false friend above that is "Equality"
# vs "Equity" (86), which the deny-list and the default cutoff of 0.88 both keep out. Spelling
# variants score 95-100 after folding ("personalised lerning" vs "personalised learning": 97.6).
# It is also the cheapest scorer (10,000 x 150 in about 30 ms in C).
_SCORER = fuzz.ratio
_KIND_RANK: dict[str, int] = {"pref": 0, "alt": 1, "hidden": 2}
_DEFICIT_STATUSES = frozenset({"deprecated", "flagged"})
_ADVISORY_STATUSES = frozenset({"contested", "context_dependent"})


@dataclass(frozen=True, slots=True)
class Candidate:
    """A national concept a term may mean, with the label that made it a candidate.

    ``score`` is the similarity of the compared strings, 0..1: 1.0 for an exact, normalized,
    variant or acronym hit, ``fuzz.ratio / 100`` of the folded strings for a fuzzy one.
    """

    concept: str
    label: str
    label_kind: LabelKind
    language: str
    method: MatchMethod
    score: float


@dataclass(frozen=True, slots=True)
class Mapping:
    """An accepted mapping; ``predicate`` and ``justification`` are the schema's enum names
    (``MappingPredicateEnum``, ``MappingJustificationEnum``)."""

    concept: str
    predicate: PredicateName
    justification: JustificationName
    confidence: float
    comment: str


@dataclass(frozen=True, slots=True)
class TermMatch:
    """What one district term matched.

    ``mapping`` is set only by the lexical stages (exact, hidden, normalized, variant,
    acronym). ``candidates`` lists the hits (for a mapping, the label that made it; for an
    ambiguous label, one per concept; otherwise the fuzzy candidates for review, best first).
    ``blocked`` lists ``(concept, reason)`` for fuzzy candidates the deny-list removed.
    """

    term: str
    language: str | None
    mapping: Mapping | None
    candidates: tuple[Candidate, ...]
    ambiguous: tuple[str, ...]
    deprecated_hit: str | None
    advisory_hit: str | None
    blocked: tuple[tuple[str, str], ...]

    @property
    def concept(self) -> str | None:
        """The CURIE of the mapped concept, or None."""
        return self.mapping.concept if self.mapping else None


_Index = dict[str, list[Label]]


def _whole_words_apart(a: set[str], b: set[str]) -> bool:
    """True when one word set strictly contains the other ("learning" and "e learning").

    Fuzzy matching is for spelling variants; adding or removing whole words changes the
    meaning (a part is not the whole), so such pairs are never proposed, however close.
    """
    return a != b and (a <= b or b <= a)


class Matcher:
    """Match terms against a vocabulary; every index is built once, here.

    >>> m = Matcher()
    >>> m.match("Student Voice").mapping.concept
    'plvc:learner-voice'
    """

    def __init__(
        self,
        vocabulary: Vocabulary | None = None,
        *,
        fuzzy_cutoff: float = 0.88,
        max_candidates: int = 3,
    ) -> None:
        if not 0.0 < fuzzy_cutoff <= 1.0:
            raise ValueError(f"fuzzy_cutoff must be in (0, 1], not {fuzzy_cutoff!r}")
        if max_candidates < 1:
            raise ValueError(f"max_candidates must be at least 1, not {max_candidates!r}")
        self.vocabulary = vocabulary if vocabulary is not None else load_vocabulary()
        self.fuzzy_cutoff = fuzzy_cutoff
        self.max_candidates = max_candidates

        self._deficit: set[str] = set()
        self._advisory: set[str] = set()
        self._replaced_by: dict[str, tuple[str, ...]] = {}
        self._distinct: dict[str, frozenset[str]] = {}
        for concept in self.vocabulary.concepts:
            cid = concept.id
            advisory = concept.language_advisory
            status = str(getattr(advisory.status, "value", advisory.status)) if advisory else ""
            if concept.deprecated or status in _DEFICIT_STATUSES:
                self._deficit.add(cid)
            elif status in _ADVISORY_STATUSES:
                self._advisory.add(cid)
            self._replaced_by[cid] = tuple(concept.replaced_by or ())
            self._distinct[cid] = frozenset(
                c.id for c in self.vocabulary.distinct_from(cid) if c.id != cid
            )
        # the lexical stages' index, shared with Vocabulary.lookup (built once per vocabulary)
        self._labels: LabelIndex = self.vocabulary.label_index
        self._variant: dict[FoldLanguage, _Index] = self._labels.variant
        # For the whole-word search of labels inside a term: the first word of every variant
        # key, with the most words of a key that starts with it (only runs of words that start
        # like a label are looked up).
        self._first_words: dict[FoldLanguage, dict[str, int]] = {}
        for lang in FOLD_LANGUAGES:
            firsts: dict[str, int] = {}
            for k in self._variant[lang]:
                words = k.split()
                if words:
                    firsts[words[0]] = max(firsts.get(words[0], 0), len(words))
            self._first_words[lang] = firsts
        # Fuzzy choices: the distinct folded labels of each language, sorted by length so that
        # only labels whose length can reach the cutoff are scored (ratio <= 1 - |la-lb|/(la+lb)).
        self._choices: dict[FoldLanguage, list[str]] = {}
        self._lengths: dict[FoldLanguage, list[int]] = {}
        for lang in FOLD_LANGUAGES:
            keys = sorted(self._variant[lang], key=lambda k: (len(k), k))
            self._choices[lang] = keys
            self._lengths[lang] = [len(k) for k in keys]
        self._windows: dict[tuple[FoldLanguage, int], list[str]] = {}

    # ------------------------------------------------------------------ public API
    def match(self, term: str, language: str | None = None) -> TermMatch:
        """Match one term (``language`` is a BCP 47 tag such as ``"es"``, or None for any).

        >>> Matcher().match("evaluación narrativa", "es").mapping.concept
        'plvc:narrative-assessment'
        """
        return self.match_many([(term, language)])[0]

    def match_many(self, terms: Sequence[tuple[str, str | None]]) -> list[TermMatch]:
        """Match many ``(term, language)`` pairs; repeated pairs are matched once.

        The lexical stages are dictionary look-ups; the fuzzy stage scores each distinct folded
        term once with :func:`rapidfuzz.process.extract` over the precomputed labels, so the
        work grows linearly with the number of terms.

        >>> [t.concept for t in Matcher().match_many([("Equality", "en"), ("Genius Hour", None)])]
        ['plvc:equality', None]
        """
        done: dict[tuple[str, str | None], TermMatch] = {}
        pending: dict[tuple[str, str | None], tuple[tuple[FoldLanguage, ...], Keys]] = {}
        for term, language in terms:
            slot = (term, language)
            if slot in done or slot in pending:
                continue
            order = self._order(language)
            keys = Keys(term)
            hit = self._lexical(term, keys, order)
            if hit is not None:
                done[slot] = self._from_hit(term, language, hit)
            else:
                pending[slot] = (order, keys)
        scores = self._fuzzy_scores(
            {(lang, keys.get(lang)) for order, keys in pending.values() for lang in order}
        )
        for (term, language), (order, keys) in pending.items():
            done[(term, language)] = self._from_fuzzy(term, language, keys, order, scores)
        return [done[slot] for slot in terms]

    # ------------------------------------------------------------------ lexical stages
    @staticmethod
    def _order(language: str | None) -> tuple[FoldLanguage, ...]:
        return language_order(language)

    def _lexical(self, term: str, keys: Keys, order: tuple[FoldLanguage, ...]) -> LexicalHit | None:
        """The lexical stages (:meth:`pl_vocab.labels.LabelIndex.lexical`)."""
        return self._labels.lexical(term, order, keys)

    # ------------------------------------------------------------------ building results
    @staticmethod
    def _best_per_concept(labels: Iterable[Label]) -> dict[str, Label]:
        best: dict[str, Label] = {}
        for lb in labels:
            old = best.get(lb.concept)
            if old is None or _KIND_RANK[lb.kind] < _KIND_RANK[old.kind]:
                best[lb.concept] = lb
        return best

    def _from_hit(self, term: str, language: str | None, hit: LexicalHit) -> TermMatch:
        best = self._best_per_concept(hit.labels)
        chosen: list[str] = sorted(best)
        if len(chosen) > 1:
            # A preferred or alternative label outranks an ambiguous hidden one.
            shown = [c for c in chosen if best[c].kind != "hidden"]
            if len(shown) == 1:
                chosen = shown
        candidates = tuple(
            Candidate(c, best[c].text, best[c].kind, best[c].language, hit.method, 1.0)
            for c in chosen
        )
        if len(chosen) > 1:
            return TermMatch(term, language, None, candidates, tuple(chosen), None, None, ())
        cid = chosen[0]
        label = best[cid]
        if hit.method == "exact":
            confidence = {"pref": CONFIDENCE_PREF, "alt": CONFIDENCE_ALT}.get(
                label.kind, CONFIDENCE_HIDDEN
            )
        else:
            confidence = CONFIDENCE_NORMALIZED
        comment = f"{hit.note}: {label.kind} label '{label.text}'@{label.language}"
        if cid in self._deficit:
            use = ", ".join(self._replaced_by.get(cid, ())) or "be specific"
            comment += f"; deprecated or flagged concept, use instead: {use}"
        mapping = Mapping(cid, "exact_match", "lexical_match", confidence, comment)
        return TermMatch(
            term,
            language,
            mapping,
            candidates,
            (),
            cid if cid in self._deficit else None,
            cid if cid in self._advisory else None,
            (),
        )

    # ------------------------------------------------------------------ fuzzy stage
    def _window(self, lang: FoldLanguage, length: int) -> list[str]:
        """The labels whose length allows a ratio at or above the cutoff."""
        found = self._windows.get((lang, length))
        if found is None:
            c = self.fuzzy_cutoff
            lo = math.floor(length * c / (2.0 - c))
            hi = math.ceil(length * (2.0 - c) / c)
            lengths = self._lengths[lang]
            found = self._choices[lang][bisect_left(lengths, lo) : bisect_right(lengths, hi)]
            self._windows[(lang, length)] = found
        return found

    def _fuzzy_scores(
        self, queries: Iterable[tuple[FoldLanguage, str]]
    ) -> dict[tuple[FoldLanguage, str], list[tuple[str, float]]]:
        """Score each distinct folded query once against the labels of its language."""
        cutoff = self.fuzzy_cutoff * 100.0
        out: dict[tuple[FoldLanguage, str], list[tuple[str, float]]] = {}
        for lang, key in queries:
            if not key:
                out[(lang, key)] = []
                continue
            found = process.extract(
                key,
                self._window(lang, len(key)),
                scorer=_SCORER,
                processor=None,
                score_cutoff=cutoff,
                limit=None,
            )
            out[(lang, key)] = [(choice, float(score)) for choice, score, _ in found]
        return out

    def _contained(self, keys: Keys, order: tuple[FoldLanguage, ...]) -> list[Label]:
        """Labels (any kind) that occur as whole words in the folded term: the longest phrase
        first and, among labels that fold to the same phrase, the preferred one first."""
        seen: dict[tuple[str, str], tuple[int, int, Label]] = {}
        for lang in order:
            index, firsts = self._variant[lang], self._first_words[lang]
            words = keys.forms(lang)[2].split()
            n = len(words)
            # the runs of phrases(key, max_words) that can be a label, in the same order
            for i, word in enumerate(words):
                most = firsts.get(word)
                if most is None:
                    continue
                for j in range(i + 1, min(n, i + most) + 1):
                    phrase = " ".join(words[i:j])
                    for lb in index.get(phrase, ()):
                        seen.setdefault(
                            (lb.concept, lb.text), (-len(phrase), _KIND_RANK[lb.kind], lb)
                        )
        ranked = sorted(seen.values(), key=lambda e: (e[0], e[1], e[2].concept, e[2].text))
        return [lb for _, _, lb in ranked]

    def _from_fuzzy(
        self,
        term: str,
        language: str | None,
        keys: Keys,
        order: tuple[FoldLanguage, ...],
        scores: dict[tuple[FoldLanguage, str], list[tuple[str, float]]],
    ) -> TermMatch:
        ranked: dict[str, tuple[float, int, int, Label]] = {}
        for rank, lang in enumerate(order):
            key = keys.get(lang)
            words = set(key.split())
            for choice, score in scores.get((lang, key), ()):
                if _whole_words_apart(words, set(choice.split())):
                    continue
                for lb in self._variant[lang][choice]:
                    entry = (-score, rank, _KIND_RANK[lb.kind], lb)
                    old = ranked.get(lb.concept)
                    if old is None or entry[:3] < old[:3]:
                        ranked[lb.concept] = entry
        contained = self._contained(keys, order)
        deficit = next((lb for lb in contained if lb.concept in self._deficit), None)
        distinct: dict[str, Label] = {}
        for lb in contained:
            for other in self._distinct.get(lb.concept, ()):
                distinct.setdefault(other, lb)
        candidates: list[Candidate] = []
        blocked: list[tuple[str, str]] = []
        for cid, (neg, _, _, lb) in sorted(ranked.items(), key=lambda kv: (kv[1][:3], kv[0])):
            if deficit is not None:
                blocked.append(
                    (
                        cid,
                        f"the term contains '{deficit.text}', a label of deprecated or "
                        f"flagged {deficit.concept}",
                    )
                )
            elif cid in distinct:
                why = distinct[cid]
                blocked.append(
                    (
                        cid,
                        f"not the same as {why.concept}, whose label '{why.text}' the term contains",
                    )
                )
            elif len(candidates) < self.max_candidates:
                candidates.append(
                    Candidate(cid, lb.text, lb.kind, lb.language, "fuzzy", round(-neg / 100.0, 4))
                )
        return TermMatch(
            term,
            language,
            None,
            tuple(candidates),
            (),
            deficit.concept if deficit is not None else None,
            None,
            tuple(blocked),
        )


@cache
def shared_matcher(vocabulary: Vocabulary) -> Matcher:
    """The :class:`Matcher` of ``vocabulary`` with the default settings, built once per
    vocabulary (its indexes depend on the vocabulary only; a matcher is never changed after it
    is built, except for its cache of fuzzy-candidate windows, which depends on nothing else).

    >>> shared_matcher(load_vocabulary()) is shared_matcher(load_vocabulary())
    True
    """
    return Matcher(vocabulary)
