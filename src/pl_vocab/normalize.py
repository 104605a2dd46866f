"""Spelling-level normalization of glossary terms and vocabulary labels, for matching.

This module imports nothing from pl_vocab: the vocabulary (:meth:`Vocabulary.lookup
<pl_vocab.vocabulary.Vocabulary.lookup>`), the label index (:mod:`pl_vocab.labels`) and the
glossary checker all fold text with the functions here, so a label found by one is found by all.

:func:`normalize_label` is the light fold of the vocabulary's own label index and of the
glossary checks' word searches: NFC, case-folded, punctuation and hyphens as spaces.

Two further forms are used by :mod:`pl_vocab.labels` (and so by :mod:`pl_vocab.glossary.match`):

* :func:`clean` is what "exact" means: Unicode NFC and whitespace collapsed, nothing else.
* :func:`fold` is what "normalized" means: compatibility forms (NFKC), invisible characters
  removed, case-folded, diacritics removed, ``&`` read as *and*/*y*, apostrophes dropped,
  other punctuation and hyphens turned into spaces, plural/singular folded per language, leading
  articles dropped and, optionally, the learner variants (*student*, *learner*, *pupil*;
  *estudiante*, *alumno*, *alumna*, *aprendiz*) folded into one token.

Only changes of **spelling** live here. Changes of **meaning** (education/learning,
mastery/competency, an acronym for a name) belong in the vocabulary as alternative or hidden
labels, never in code (``research/glossary-validation.md`` §2.5).

Every function is idempotent: applying it twice gives the same text as applying it once.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

__all__ = [
    "FOLD_LANGUAGES",
    "FoldLanguage",
    "clean",
    "compact",
    "fold",
    "fold_forms",
    "fold_language",
    "normalize_label",
    "phrases",
    "prefold",
    "refold",
    "split_acronym",
]

FoldLanguage = Literal["en", "es"]
FOLD_LANGUAGES: tuple[FoldLanguage, ...] = ("en", "es")

_ARTICLES: dict[FoldLanguage, frozenset[str]] = {
    "en": frozenset({"the", "a", "an"}),
    "es": frozenset({"el", "la", "los", "las"}),
}
_AND: dict[FoldLanguage, str] = {"en": "and", "es": "y"}
# Spelling variants of "a person who learns" that districts use interchangeably. These are the
# only word-level substitutions in code; anything that changes meaning is vocabulary data.
# ("aprendice" is what the plural "aprendices" becomes once its "-s" is folded.)
_LEARNER_TOKEN = "learner"
_LEARNER_VARIANTS: dict[FoldLanguage, frozenset[str]] = {
    "en": frozenset({"student", "learner", "pupil"}),
    "es": frozenset({"estudiante", "alumno", "alumna", "aprendiz", "aprendice"}),
}
_APOSTROPHES = re.compile(r"['’‘ʼ`´]")
_NON_WORD = re.compile(r"(?:[^\w&]|_)+")
_ASCII_INVISIBLE = re.compile(r"[\x00-\x08\x0e-\x1b\x7f]")  # controls that are not whitespace
# A trailing "(UDL)", "(P.B.L.)" or "[CBE]": letters (at least one capital), digits, dots,
# hyphens, ampersands; no spaces. Lower-case words in parentheses are not acronyms.
_TRAILING_ACRONYM = re.compile(r"^(?P<name>.*\S)\s*[(\[](?P<acronym>[A-Za-z0-9.&\-]{2,12})[)\]]$")
_MAX_FIXPOINT = 4
_PUNCT = re.compile(r"[\s\-‐‑‒–—_/.,;:!?¿¡'\"“”‘’()\[\]]+")


def normalize_label(text: str) -> str:
    """Fold a label for comparison: Unicode NFC, case-folded, punctuation and hyphens as spaces.

    >>> normalize_label("  Well-Being ")
    'well being'
    >>> normalize_label("¿Aprendizaje  inconcluso?")
    'aprendizaje inconcluso'
    """
    text = unicodedata.normalize("NFC", text).casefold()
    return _PUNCT.sub(" ", text).strip()


def _ascii_prefold_table() -> dict[int, str | None]:
    """:func:`prefold` of each ASCII character: letters and digits lowered, ``&`` as a word of
    its own, invisible controls and apostrophes dropped, anything else (punctuation, ``_``,
    whitespace) a space; runs of spaces become one afterwards."""
    table: dict[int, str | None] = {}
    for code in range(128):
        ch = chr(code)
        if _ASCII_INVISIBLE.match(ch) or _APOSTROPHES.match(ch):
            table[code] = None
        elif ch == "&":
            table[code] = " & "
        elif _NON_WORD.match(ch):
            table[code] = " "
        else:
            table[code] = ch.lower()
    return table


_ASCII_PREFOLD = _ascii_prefold_table()


def clean(text: str) -> str:
    """Unicode NFC, surrounding whitespace stripped, inner whitespace collapsed to one space.

    This is the form in which an "exact" label match is compared (case-sensitive).

    >>> clean("  Learner\u00a0 Agency ")
    'Learner Agency'
    """
    return " ".join(unicodedata.normalize("NFC", text).split())


def fold_language(language: str | None) -> FoldLanguage | None:
    """The folding rules that apply to a BCP 47 tag: ``"en"``, ``"es"``, or None if neither.

    >>> fold_language("es-MX"), fold_language("EN"), fold_language("fr"), fold_language(None)
    ('es', 'en', None, None)
    """
    if not language:
        return None
    primary = language.split("-", 1)[0].split("_", 1)[0].casefold()
    return primary if primary in ("en", "es") else None  # type: ignore[return-value]


def prefold(text: str) -> str:
    """The character-level, language-independent part of :func:`fold`.

    Compatibility forms (NFKC), case folding, diacritics and invisible characters (zero-width
    spaces, soft hyphens, bidi marks, control characters) removed, apostrophes dropped, every
    other run of punctuation, hyphens or spaces turned into one space. ``&`` stays a word of
    its own, read by :func:`refold` as *and* or *y*. Compute it once per term and derive every
    key from it with :func:`refold`.

    >>> prefold("  Learner​’s  Well-Being & Ágency ")
    'learners well being & agency'
    """
    if text.isascii():
        # every step below, for ASCII, is a mapping of single characters: one translate
        return " ".join(text.translate(_ASCII_PREFOLD).split())
    text = unicodedata.normalize("NFKC", text).casefold()
    text = "".join(
        ch
        for ch in unicodedata.normalize("NFKD", text)
        if not (
            unicodedata.category(ch) in ("Mn", "Me", "Cf")
            or (unicodedata.category(ch) == "Cc" and not ch.isspace())
        )
    )
    text = _APOSTROPHES.sub("", text).replace("&", " & ")
    return _NON_WORD.sub(" ", text).strip()


def _singular_en(token: str) -> str:
    if len(token) < 4 or not token.endswith("s") or token.endswith(("ss", "us", "is")):
        return token
    if token.endswith("ies") and len(token) > 4:
        return token[:-3] + "y"
    if token.endswith(("sses", "xes", "ches", "shes", "zes")):
        return token[:-2]
    return token[:-1]


def _singular_es(token: str) -> str:
    if len(token) < 4 or not token.endswith("s") or token.endswith("ss"):
        return token
    # Words that end in a consonant take "-es" (nivel/niveles, estándar/estándares, red/redes);
    # words that end in a vowel take "-s" (clase/clases, alumno/alumnos, pobre/pobres: after a
    # consonant cluster such as "br" or "nd" the "e" belongs to the word).
    if token.endswith("es") and token[-3] in "lrndjy" and token[-4] in "aeiou":
        return token[:-2]
    return token[:-1]


_SINGULAR = {"en": _singular_en, "es": _singular_es}


def _tokens(chars: str, language: FoldLanguage, learner_variants: bool, articles: bool) -> str:
    singular = _SINGULAR[language]
    tokens = [_AND[language] if t == "&" else singular(t) for t in chars.split()]
    if learner_variants:
        variants = _LEARNER_VARIANTS[language]
        tokens = [_LEARNER_TOKEN if t in variants else t for t in tokens]
    if articles:
        tokens = _drop_articles(tokens, language)
    return " ".join(tokens)


def _drop_articles(tokens: list[str], language: FoldLanguage) -> list[str]:
    start = 0
    while start < len(tokens) - 1 and tokens[start] in _ARTICLES[language]:
        start += 1
    return tokens[start:]


def refold(
    chars: str,
    language: FoldLanguage = "en",
    *,
    learner_variants: bool = True,
    articles: bool = True,
) -> str:
    """:func:`fold` for text already put through :func:`prefold` (the word-level part).

    >>> refold(prefold("Los Alumnos & Las Familias"), "es")
    'learner y las familia'
    """
    result = _tokens(chars, language, learner_variants, articles)
    # An ASCII result is stable: prefold leaves it as it is, and every word-level step is
    # idempotent. Otherwise case folding and compatibility normalization may not commute (a
    # few characters need a second round), so repeat until nothing changes.
    if result.isascii():
        return result
    for _ in range(_MAX_FIXPOINT):
        again = _tokens(prefold(result), language, learner_variants, articles)
        if again == result:
            break
        result = again
    return result


def fold_forms(chars: str, language: FoldLanguage = "en") -> tuple[str, str, str, str]:
    """All four :func:`refold` keys of prefolded text at once, in the order
    (plain, plain without leading article, learner variants folded, both).

    >>> fold_forms(prefold("The Students"))
    ('the student', 'student', 'the learner', 'learner')
    """
    singular, conjunction = _SINGULAR[language], _AND[language]
    words = [conjunction if t == "&" else singular(t) for t in chars.split()]
    plain = " ".join(words)
    # Learner variants and articles are ASCII words: the four forms are ASCII when the plain
    # one is. Most terms have neither a leading article nor a learner variant, so the forms
    # are shared rather than joined again.
    if plain.isascii():
        articles = _ARTICLES[language]
        bare = (
            " ".join(_drop_articles(words, language))
            if words[:1] and words[0] in articles
            else plain
        )
        variants = _LEARNER_VARIANTS[language]
        if variants.isdisjoint(words):
            return plain, bare, plain, bare
        learners = [_LEARNER_TOKEN if t in variants else t for t in words]
        return (
            plain,
            bare,
            " ".join(learners),
            " ".join(_drop_articles(learners, language)),
        )
    return (
        refold(chars, language, learner_variants=False, articles=False),
        refold(chars, language, learner_variants=False),
        refold(chars, language, articles=False),
        refold(chars, language),
    )


def fold(
    text: str,
    language: FoldLanguage = "en",
    *,
    learner_variants: bool = True,
    articles: bool = True,
) -> str:
    """The normalized matching key of a term or label, under the rules of ``language``.

    ``learner_variants=False`` keeps *student*/*learner*/*pupil* apart (to tell a plain
    normalized match from a variant match); ``articles=False`` keeps a leading article (a label
    such as "the poor" keeps its article, so a bare "poor" does not match it).

    >>> fold("Students' Voice")
    'learner voice'
    >>> fold("The Personalized-Learning Policies", learner_variants=False)
    'personalized learning policy'
    >>> fold("Las Evaluaciones Narrativas", "es")
    'evaluacion narrativa'
    """
    return refold(prefold(text), language, learner_variants=learner_variants, articles=articles)


def compact(key: str) -> str:
    """A folded key with its spaces removed, so "well being" and "wellbeing" meet.

    >>> compact(fold("E-Portfolio"))
    'eportfolio'
    """
    return key.replace(" ", "")


def split_acronym(text: str) -> tuple[str, str] | None:
    """Split "Name (ACRONYM)" into the name and the acronym; None if there is no such ending.

    >>> split_acronym("Universal Design for Learning (UDL)")
    ('Universal Design for Learning', 'UDL')
    >>> split_acronym("Advisory (homeroom)") is None
    True
    """
    m = _TRAILING_ACRONYM.match(clean(text))
    if m is None:
        return None
    acronym = m.group("acronym")
    if not any(ch.isupper() for ch in acronym) or not any(ch.isalpha() for ch in acronym):
        return None
    return m.group("name"), acronym


def phrases(key: str, max_words: int) -> list[str]:
    """Every run of 1 to ``max_words`` consecutive words of a folded key (whole words only).

    Used to find which vocabulary labels a term contains, with one dictionary look-up per run.

    >>> phrases("learning loss recovery", 2)
    ['learning', 'learning loss', 'loss', 'loss recovery', 'recovery']
    """
    words = key.split()
    return [
        " ".join(words[i:j])
        for i in range(len(words))
        for j in range(i + 1, min(len(words), i + max_words) + 1)
    ]
