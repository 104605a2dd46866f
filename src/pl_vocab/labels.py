"""The lexical label index: which concept labels a term names, by the matcher's own rules.

One index, one set of rules, two users: :meth:`Vocabulary.lookup
<pl_vocab.vocabulary.Vocabulary.lookup>` (and so ``pl-vocab concept``) and the glossary
matcher (:mod:`pl_vocab.glossary.match`, and so ``pl-vocab check``). A term that ``check``
maps by a lexical stage is therefore found by ``lookup`` too. The stages, first hit wins:

1. **exact** preferred or alternative label (NFC, whitespace collapsed, case-sensitive), in the
   term's language first, then in any language; then an exact **hidden** label;
2. **normalized** (:func:`~pl_vocab.normalize.fold`: case, punctuation, hyphens, diacritics,
   plural/singular, leading articles), then the learner **variants** (student/learner/pupil),
   then with spaces ignored;
3. a trailing **acronym** ("Universal Design for Learning (UDL)"): the name without it, then
   the acronym alone.

    >>> index = LabelIndex([Label("plvc:learner-voice", "Student Voice", "alt", "en", "en")])
    >>> hit = index.lexical("Student Voices", ("en", "es"))
    >>> hit.method, [lb.concept for lb in hit.labels]
    ('normalized', ['plvc:learner-voice'])

This module imports nothing from pl_vocab but :mod:`pl_vocab.normalize`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from pl_vocab.normalize import (
    FOLD_LANGUAGES,
    FoldLanguage,
    clean,
    compact,
    fold,
    fold_forms,
    fold_language,
    prefold,
    split_acronym,
)

__all__ = [
    "Keys",
    "Label",
    "LabelIndex",
    "LabelKind",
    "LexicalHit",
    "MatchMethod",
    "language_order",
    "prefer_language",
]

LabelKind = Literal["pref", "alt", "hidden"]
MatchMethod = Literal["exact", "normalized", "variant", "acronym", "fuzzy"]

_Index = dict[str, list["Label"]]


@dataclass(frozen=True, slots=True)
class Label:
    """One label of one concept: the concept's CURIE, the text, its kind and language, and the
    folding rules that apply to it (:func:`~pl_vocab.normalize.fold_language`)."""

    concept: str
    text: str
    kind: LabelKind
    language: str
    fold_language: FoldLanguage

    @classmethod
    def of(cls, concept: str, text: str, kind: LabelKind, language: str) -> Label:
        """A label whose folding rules follow its language (English rules for neither en/es).

        >>> Label.of("plvc:equity", "equidad", "pref", "es-MX").fold_language
        'es'
        """
        return cls(concept, text, kind, language, fold_language(language) or "en")


@dataclass(frozen=True, slots=True)
class LexicalHit:
    """The outcome of a lexical stage for one term: the labels hit, the stage, and a note that
    says how (``"normalized (en), learner variants folded"``)."""

    labels: tuple[Label, ...]
    method: MatchMethod
    note: str


class Keys:
    """The folded keys of one text, computed on demand from one character-level pass."""

    __slots__ = ("_forms", "chars")

    def __init__(self, text: str) -> None:
        self.chars = prefold(text)
        self._forms: dict[FoldLanguage, tuple[str, str, str, str]] = {}

    def forms(self, language: FoldLanguage) -> tuple[str, str, str, str]:
        """The four keys of :func:`~pl_vocab.normalize.fold_forms` (plain, without a leading
        article, learner variants folded, both)."""
        forms = self._forms.get(language)
        if forms is None:
            forms = self._forms[language] = fold_forms(self.chars, language)
        return forms

    def get(self, language: FoldLanguage, *, variants: bool = True, articles: bool = True) -> str:
        """The key of :func:`fold` with ``learner_variants=variants``, ``articles=articles``."""
        return self.forms(language)[2 * variants + articles]


def language_order(language: str | None) -> tuple[FoldLanguage, ...]:
    """The folding languages to try for a term in ``language``: its own first, then the other.

    >>> language_order("es-MX"), language_order(None)
    (('es', 'en'), ('en', 'es'))
    """
    first = fold_language(language)
    if first is None:
        return FOLD_LANGUAGES
    return (first, *(lang for lang in FOLD_LANGUAGES if lang != first))


def _add(index: _Index, key: str, label: Label) -> None:
    if key:
        index.setdefault(key, []).append(label)


class LabelIndex:
    """Every label by its exact and folded keys (built once per vocabulary)."""

    def __init__(self, labels: Iterable[Label]) -> None:
        self.exact: _Index = {}
        self.base: dict[FoldLanguage, _Index] = {lang: {} for lang in FOLD_LANGUAGES}
        self.variant: dict[FoldLanguage, _Index] = {lang: {} for lang in FOLD_LANGUAGES}
        self.compact: dict[FoldLanguage, _Index] = {lang: {} for lang in FOLD_LANGUAGES}
        for label in labels:
            lang = label.fold_language
            _add(self.exact, clean(label.text), label)
            # Labels keep a leading article ("the poor"): only a term that has it too
            # matches, so a bare "poor" or "projects" does not.
            base = fold(label.text, lang, learner_variants=False, articles=False)
            variant = fold(label.text, lang, articles=False)
            _add(self.base[lang], base, label)
            _add(self.variant[lang], variant, label)
            _add(self.compact[lang], compact(variant), label)

    def lexical(
        self, term: str, order: tuple[FoldLanguage, ...], keys: Keys | None = None
    ) -> LexicalHit | None:
        """The first lexical stage that ``term`` hits (see the module documentation), else
        None. ``keys`` may pass the term's :class:`Keys` when the caller has them already."""
        text = clean(term)
        if not text:
            return None
        exact = self.exact.get(text)
        if exact:
            for kinds in (("pref", "alt"), ("hidden",)):
                hits = prefer_language([lb for lb in exact if lb.kind in kinds], order)
                if hits:
                    return LexicalHit(hits, "exact", "exact")
        hit = self.normalized(keys or Keys(term), order, "normalized", "variant")
        if hit is not None:
            return hit
        # (a trailing acronym ends the text with a bracket: no pattern match otherwise)
        parts = split_acronym(text) if text.endswith((")", "]")) else None
        return None if parts is None else self._acronym(*parts, order)

    def _acronym(
        self, name: str, acronym: str, order: tuple[FoldLanguage, ...]
    ) -> LexicalHit | None:
        hit = self.normalized(Keys(name), order, "acronym", "acronym")
        if hit is not None:
            return LexicalHit(hit.labels, "acronym", f"{hit.note}, ignoring '({acronym})'")
        hits = prefer_language(list(self.exact.get(acronym, ())), order)
        if hits:
            return LexicalHit(hits, "acronym", f"the acronym '{acronym}'")
        hit = self.normalized(Keys(acronym), order, "acronym", "acronym")
        if hit is not None:
            return LexicalHit(hit.labels, "acronym", f"the acronym '{acronym}', {hit.note}")
        return None

    def normalized(
        self,
        keys: Keys,
        order: tuple[FoldLanguage, ...],
        plain: MatchMethod,
        variant: MatchMethod,
    ) -> LexicalHit | None:
        """The folded key in the first language of ``order``, then the next."""
        if not keys.chars:
            return None
        for lang in order:
            base, var, squeezed = self.base[lang], self.variant[lang], self.compact[lang]
            # (plain, article dropped, learner variants folded, both): see Keys.forms
            forms = keys.forms(lang)
            found = base.get(forms[0])
            if found:
                return LexicalHit(tuple(found), plain, f"normalized ({lang})")
            found = base.get(forms[1])
            if found:
                return LexicalHit(
                    tuple(found), plain, f"normalized ({lang}), leading article dropped"
                )
            found = var.get(forms[2]) or var.get(forms[3])
            if found:
                return LexicalHit(
                    tuple(found), variant, f"normalized ({lang}), learner variants folded"
                )
            found = squeezed.get(compact(forms[3]))
            if found:
                return LexicalHit(tuple(found), plain, f"normalized ({lang}), spaces ignored")
        return None


def prefer_language(labels: list[Label], order: tuple[FoldLanguage, ...]) -> tuple[Label, ...]:
    """The labels in the first language of ``order`` if there are any, else all of them."""
    if len(order) == 1 or not labels:
        return tuple(labels)
    first = [lb for lb in labels if lb.fold_language == order[0]]
    return tuple(first or labels)
