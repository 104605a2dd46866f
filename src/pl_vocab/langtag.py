"""A small, dependency-free checker for BCP 47 language tags (RFC 5646).

Education records carry a ``language`` field (``en``, ``es``, ``es-MX``, ``es-419``,
``zh-Hant-TW``, ``nv``, ``haw``...). :func:`check_language_tag` returns ``None`` for a good tag
and a :class:`LanguageTagProblem` (a short message and, where one can be derived, a suggested
fix) for a bad one. Results are cached, since the same few tags repeat across records.

    >>> check_language_tag("es-MX") is None
    True
    >>> check_language_tag("es_MX").suggestion
    'es-MX'
    >>> check_language_tag("sp").suggestion
    'es'
    >>> check_language_tag("eng").suggestion
    'en'
    >>> canonical_case("zh-hant-tw")
    'zh-Hant-TW'

What is checked
---------------
1. **Well-formedness**, following the RFC 5646 grammar: a language subtag (2-3 letters with up to
   three 3-letter extended language subtags, or 4 or 5-8 letters), then an optional script
   (4 letters), an optional region (2 letters or 3 digits), variants (5-8 letters or digits, or a
   digit and 3 letters or digits), extensions (a singleton other than ``x`` and one or more
   subtags of 2-8 letters or digits) and a private-use part (``x`` and subtags of 1-8). Also
   rejected: repeated variants, repeated extension singletons, empty subtags, underscores,
   whitespace and characters other than ASCII letters, digits and hyphens. The 26 grandfathered
   tags of RFC 5646 (``i-klingon``, ``en-GB-oed``, ``zh-min-nan``...) are accepted as written, as
   are private-use tags (``x-private``).
2. **Known codes**, beyond well-formedness, from the IANA Language Subtag Registry (the tables
   of :mod:`pl_vocab.language_subtags`, generated at build time by ``tools/language_tags.py``;
   their registry File-Date is :data:`REGISTRY_FILE_DATE`):

   - A 2-letter primary language must be a 2-letter language subtag of the registry (the ISO
     639-1 codes, ``bh``, and ``sh``, which the registry keeps after its withdrawal from ISO
     639-1). Common mistakes get a suggestion (``sp`` -> ``es``, ``jp`` -> ``ja``).
     **Deprecated** 2-letter subtags (``iw``, ``in``, ``ji``, ``jw``, ``mo``) are rejected as
     ``deprecated-language`` with the registry's Preferred-Value as the suggestion
     (``iw`` -> ``he``).
   - A 3-letter primary language is accepted unless it is the ISO 639-2 code of a language that
     has a 2-letter code (``eng``, ``spa``, ``fra``/``fre``, ``zho``/``chi``, ``tgl``...): RFC
     5646 registers only the 2-letter code for those, so the 3-letter one is rejected and the
     2-letter one suggested. **Other 3-letter codes are accepted without lookup** (the registry
     holds about 8,000, deprecated ones included; they are not embedded), so ``abc`` passes
     although no such language exists.
   - A 4-letter primary language is reserved by RFC 5646 for future use and a 5-8 letter one
     must be registered individually; the registry holds none of either, so both are rejected
     (this also catches language *names* such as ``English``, for which the code is suggested).
   - A 2-letter region must be a region subtag of the registry in use: the ISO 3166-1 alpha-2
     codes, the exceptionally reserved ones (``EU``, ``UN``, ``IC``, ``CQ`` for Sark...) and the
     private-use ones (``AA``, ``QM``-``QZ``, ``XA``-``XZ``, ``ZZ``). **Deprecated** regions are
     rejected as ``unknown-region``, with the registry's Preferred-Value as the suggestion where
     it gives one (``BU`` -> ``MM``; ``YU`` has none); ``UK`` suggests ``GB`` and ``EL`` ``GR``.
     3-digit UN M.49 regions (``419``) are accepted without lookup.

   Scripts, variants, extended language subtags and extensions are checked for form only.

Case
----
Tags are case-insensitive, so ``es-mx`` is valid and :func:`check_language_tag` accepts it.
:func:`canonical_case` gives the form RFC 5646 recommends (language lowercase, script in title
case, region uppercase) and :func:`check_canonical_case` reports the difference as a problem of
severity ``"warning"``; whether to report it at all is the caller's choice.

Messages name only the tag and its own subtags, never anything else from the record.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Final, Literal

from pl_vocab.language_codes import (
    _GRANDFATHERED,
    _LANGUAGE_NAMES,
    ISO_639_1,
    ISO_3166_1_ALPHA2,
    REGISTRY_FILE_DATE,
    CodeProblemKind,
    language_code_issue,
    region_issue,
)

__all__ = [
    "ISO_639_1",
    "ISO_3166_1_ALPHA2",
    "REGISTRY_FILE_DATE",
    "LanguageTagProblem",
    "ProblemKind",
    "canonical_case",
    "check_canonical_case",
    "check_language_tag",
    "is_valid_language_tag",
]

ProblemKind = Literal[
    "empty",
    "whitespace",
    "underscore",
    "invalid-character",
    "empty-subtag",
    "subtag-too-long",
    "syntax",
    "duplicate-variant",
    "duplicate-extension",
    CodeProblemKind,  # the problems of a language or region code (language_codes)
    "not-canonical-case",
]


@dataclass(frozen=True, slots=True)
class LanguageTagProblem:
    """What is wrong with a language tag, and a suggested replacement when one can be derived.

    ``message`` is a short phrase (``"uses underscores; subtags are separated by hyphens"``),
    meant to follow something like ``"'es_MX' is not a valid language tag: "``. A
    ``suggestion`` is always itself a valid tag in canonical case.

        >>> p = check_language_tag("en_us")
        >>> (p.kind, p.suggestion, p.severity)
        ('underscore', 'en-US', 'error')
    """

    tag: str
    kind: ProblemKind
    message: str
    suggestion: str | None = None

    @property
    def severity(self) -> Literal["error", "warning"]:
        """``"warning"`` for a tag that is valid but not in canonical case, else ``"error"``."""
        return "warning" if self.kind == "not-canonical-case" else "error"


_TO_LOWER: Final = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_TO_UPPER: Final = str.maketrans(string.ascii_lowercase, string.ascii_uppercase)
_ALLOWED: Final = re.compile(r"[A-Za-z0-9-]+")
_SEPARATORS: Final = re.compile(r"[\s_-]+")


def _alpha(s: str) -> bool:
    return s.isascii() and s.isalpha()


def _digits(s: str) -> bool:
    return s.isascii() and s.isdigit()


def _is_variant(s: str) -> bool:
    return 5 <= len(s) <= 8 or (len(s) == 4 and s[0].isdigit())


# --- Case ----------------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def canonical_case(tag: str) -> str:
    """The tag in the case RFC 5646 recommends; only ASCII letters change, nothing is checked.

    Everything is lowercase except, before any singleton, 2-letter subtags after the first
    (regions, uppercase) and 4-letter ones (scripts, title case).

        >>> canonical_case("EN")
        'en'
        >>> canonical_case("es-mx")
        'es-MX'
        >>> canonical_case("ZH-HANT-TW")
        'zh-Hant-TW'
        >>> canonical_case("en-ca-X-CA")
        'en-CA-x-ca'
        >>> canonical_case("SGN-be-fr")
        'sgn-BE-FR'
    """
    parts = tag.translate(_TO_LOWER).split("-")
    after_singleton = len(parts[0]) == 1
    for i in range(1, len(parts)):
        part = parts[i]
        if len(part) == 1:
            after_singleton = True
        elif after_singleton or not _alpha(part):
            continue
        elif len(part) == 2:
            parts[i] = part.translate(_TO_UPPER)
        elif len(part) == 4:
            parts[i] = part[0].translate(_TO_UPPER) + part[1:]
    return "-".join(parts)


def check_canonical_case(tag: str) -> LanguageTagProblem | None:
    """A ``"not-canonical-case"`` problem (severity ``"warning"``) for a valid tag whose case
    differs from :func:`canonical_case`; ``None`` otherwise, including for an invalid tag.

        >>> check_canonical_case("es-mx").suggestion
        'es-MX'
        >>> check_canonical_case("es-MX") is None
        True
    """
    canonical = canonical_case(tag)
    if canonical == tag or check_language_tag(tag) is not None:
        return None
    return LanguageTagProblem(
        tag, "not-canonical-case", f"is usually written '{canonical}'", canonical
    )


# --- Checking ------------------------------------------------------------------------------------


def is_valid_language_tag(tag: str) -> bool:
    """Whether :func:`check_language_tag` finds no problem.

    >>> is_valid_language_tag("zh-Hant-TW"), is_valid_language_tag("zh_TW")
    (True, False)
    """
    return check_language_tag(tag) is None


@lru_cache(maxsize=4096)
def check_language_tag(tag: str) -> LanguageTagProblem | None:
    """``None`` if ``tag`` is a valid BCP 47 language tag, else what is wrong with it.

    Case is ignored (see :func:`check_canonical_case`). Well-formedness follows RFC 5646; the
    primary language and the region are also checked against ISO 639-1 and ISO 3166-1 (see the
    module documentation for what is and is not looked up).

        >>> [check_language_tag(t) for t in ("en", "es-419", "haw", "en-US-x-twain", "i-klingon")]
        [None, None, None, None, None]
        >>> p = check_language_tag("en-US-US")
        >>> p.kind, p.message
        ('syntax', "region subtag 'US' is out of place: there is at most one region, after the language and script")
        >>> check_language_tag("spa-MX").message
        "use the two-letter code 'es' instead of 'spa'"
        >>> check_language_tag("spa-MX").suggestion
        'es-MX'
        >>> check_language_tag("en-UK").suggestion
        'en-GB'
        >>> print(check_language_tag("xx").suggestion)
        None
    """
    return _check_form(tag) or _check_grammar(tag)


def _problem(
    tag: str, kind: ProblemKind, message: str, fix: str | None = None
) -> LanguageTagProblem:
    return LanguageTagProblem(tag, kind, message, _suggest(tag, fix))


def _suggest(tag: str, candidate: str | None) -> str | None:
    """``candidate`` in canonical case if it is valid, else the suggestion its own check makes."""
    if candidate is None:
        return None
    candidate = canonical_case(candidate)
    if candidate.translate(_TO_LOWER) == tag.translate(_TO_LOWER):
        return None  # no progress: never suggest the tag itself
    problem = check_language_tag(candidate)
    return candidate if problem is None else problem.suggestion


def _repaired(tag: str) -> str:
    """Whitespace and underscores turned into hyphens, and empty subtags dropped."""
    return _SEPARATORS.sub("-", tag.strip()).strip("-")


def _check_form(tag: str) -> LanguageTagProblem | None:
    """Problems of the string as a whole: characters, separators, subtag lengths."""
    if not tag or tag.isspace():
        return LanguageTagProblem(tag, "empty", "is empty")
    name = " ".join(tag.split()).lower()
    if name in _LANGUAGE_NAMES:
        return _problem(
            tag, "language-name", "is a language name, not a code", _LANGUAGE_NAMES[name]
        )
    if any(c.isspace() for c in tag):
        where = "leading or trailing " if tag.strip() == "".join(tag.split()) else ""
        return _problem(tag, "whitespace", f"contains {where}whitespace", _repaired(tag))
    if "_" in tag:
        return _problem(
            tag, "underscore", "uses underscores; subtags are separated by hyphens", _repaired(tag)
        )
    if not _ALLOWED.fullmatch(tag):
        return _problem(
            tag, "invalid-character", "may contain only ASCII letters, digits and hyphens"
        )
    subtags = tag.split("-")
    if "" in subtags:
        return _problem(
            tag,
            "empty-subtag",
            "has an empty subtag (a leading, trailing or doubled hyphen)",
            _repaired(tag),
        )
    for subtag in subtags:
        if len(subtag) > 8:
            return _problem(
                tag, "subtag-too-long", f"subtag '{subtag}' is longer than 8 characters"
            )
    return None


def _check_grammar(tag: str) -> LanguageTagProblem | None:
    """The RFC 5646 grammar, then the code lists, for a tag that passed :func:`_check_form`."""
    low = tag.translate(_TO_LOWER)
    if low in _GRANDFATHERED:
        return None
    orig = tag.split("-")
    parts = low.split("-")
    first = parts[0]
    if len(first) == 1:
        return _check_singleton_start(tag, orig, parts)
    if not _alpha(first):
        return _problem(tag, "syntax", f"the language subtag '{orig[0]}' must consist of letters")
    # langtag = language ["-" script] ["-" region] *("-" variant) *("-" extension) ["-" privateuse]
    scan = _Scan()
    i = 1
    while i < len(parts) and len(parts[i]) > 1:
        problem = _place(tag, orig, parts, i, scan)
        if problem is not None:
            return problem
        i += 1
    return (
        _check_extensions(tag, orig, parts, i)
        or _check_language_code(tag, orig, first)
        or _check_region(tag, orig, scan.region_at)
    )


def _check_singleton_start(
    tag: str, orig: list[str], parts: list[str]
) -> LanguageTagProblem | None:
    """A tag that starts with a singleton: only ``x-`` (private use) is valid here."""
    if parts[0] != "x":
        if parts[0] == "i":
            message = (
                "'i-' tags are valid only as the grandfathered tags of RFC 5646 (such as i-klingon)"
            )
        else:
            message = f"cannot start with the singleton '{orig[0]}'"
        return _problem(tag, "syntax", message)
    if len(parts) == 1:
        return _problem(tag, "syntax", "'x' must be followed by at least one private-use subtag")
    return None


@dataclass(slots=True)
class _Scan:
    """What the subtags after the language have been so far."""

    extlangs: int = 0
    script: bool = False
    region_at: int = -1
    variants: set[str] = field(default_factory=set)

    @property
    def past_language(self) -> bool:
        """Whether a script, region or variant has been seen (no extended language after)."""
        return self.script or self.region_at >= 0 or bool(self.variants)


def _place(
    tag: str, orig: list[str], parts: list[str], i: int, scan: _Scan
) -> LanguageTagProblem | None:
    """Check that subtag ``i`` (before any singleton) is in its place, and record it."""
    part, shown = parts[i], orig[i]
    if len(part) == 3 and _alpha(part):
        return _extlang(tag, shown, len(parts[0]), scan)
    if len(part) == 4 and _alpha(part):
        if scan.past_language:
            return _problem(
                tag,
                "syntax",
                f"script subtag '{shown}' is out of place: there is at most one script, directly after the language",
            )
        scan.script = True
        return None
    if (len(part) == 2 and _alpha(part)) or (len(part) == 3 and _digits(part)):
        if scan.region_at >= 0 or scan.variants:
            return _problem(
                tag,
                "syntax",
                f"region subtag '{shown}' is out of place: there is at most one region, after the language and script",
            )
        scan.region_at = i
        return None
    if _is_variant(part):
        if part in scan.variants:
            return _problem(
                tag,
                "duplicate-variant",
                f"repeats the variant '{shown}'",
                "-".join(orig[:i] + orig[i + 1 :]),
            )
        scan.variants.add(part)
        return None
    return _problem(
        tag, "syntax", f"subtag '{shown}' is not a valid script, region or variant subtag"
    )


def _extlang(tag: str, shown: str, language_length: int, scan: _Scan) -> LanguageTagProblem | None:
    if language_length > 3:
        return _problem(
            tag,
            "syntax",
            f"extended language subtag '{shown}' can only follow a 2- or 3-letter language",
        )
    if scan.past_language:
        return _problem(
            tag,
            "syntax",
            f"subtag '{shown}' is out of place: extended language subtags come directly after the language",
        )
    scan.extlangs += 1
    if scan.extlangs > 3:
        return _problem(tag, "syntax", "has more than three extended language subtags")
    return None


def _check_extensions(
    tag: str, orig: list[str], parts: list[str], i: int
) -> LanguageTagProblem | None:
    """``*("-" extension) ["-" privateuse]`` from subtag ``i``: every run starts with a
    singleton."""
    n = len(parts)
    singletons: set[str] = set()
    while i < n:
        singleton = parts[i]
        if singleton == "x":
            if i == n - 1:
                return _problem(
                    tag, "syntax", "'x' must be followed by at least one private-use subtag"
                )
            return None
        if singleton in singletons:
            return _problem(
                tag, "duplicate-extension", f"repeats the extension singleton '{orig[i]}'"
            )
        singletons.add(singleton)
        j = i + 1
        while j < n and len(parts[j]) > 1:
            j += 1
        if j == i + 1:
            return _problem(
                tag,
                "syntax",
                f"extension singleton '{orig[i]}' must be followed by at least one subtag of 2-8 letters or digits",
            )
        i = j
    return None


def _check_language_code(tag: str, orig: list[str], first: str) -> LanguageTagProblem | None:
    issue = language_code_issue(orig, first)
    return None if issue is None else _problem(tag, *issue)


def _check_region(tag: str, orig: list[str], at: int) -> LanguageTagProblem | None:
    issue = region_issue(orig, at)
    return None if issue is None else _problem(tag, *issue)
