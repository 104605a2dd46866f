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
2. **Known codes**, beyond well-formedness:

   - A 2-letter primary language must be one of the 184 ISO 639-1 codes embedded here (or
     ``sh``, which the IANA registry keeps after its withdrawal from ISO 639-1). Common
     mistakes get a suggestion (``sp`` -> ``es``, ``jp`` -> ``ja``), as do the withdrawn codes the
     IANA registry keeps as deprecated (``iw`` -> ``he``, ``in`` -> ``id``).
   - A 3-letter primary language is accepted unless it is the ISO 639-2 code of a language that
     has a 2-letter code (``eng``, ``spa``, ``fra``/``fre``, ``zho``/``chi``, ``tgl``...): RFC
     5646 registers only the 2-letter code for those, so the 3-letter one is rejected and the
     2-letter one suggested. **Other 3-letter codes are accepted without lookup**: there are about
     8,000 ISO 639-3 codes (``haw``, ``yue``, ``fil``, ``sgn``, ``qaa``...) and embedding them
     is out of scope for this module, so ``abc`` passes although no such language exists.
   - A 4-letter primary language is reserved by RFC 5646 for future use and a 5-8 letter one
     must be registered individually; the IANA registry holds none of either, so both are
     rejected (this also catches language *names* such as ``English``, for which the code is
     suggested).
   - A 2-letter region must be an ISO 3166-1 alpha-2 code (249 embedded), one of the few
     further region subtags the IANA registry holds (``EU``, ``UN``, ``IC``...) or a private-use
     region (``AA``, ``QM``-``QZ``, ``XA``-``XZ``, ``ZZ``); ``UK`` suggests ``GB``. 3-digit
     UN M.49 regions (``419``) are accepted without lookup.

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
from dataclasses import dataclass
from functools import lru_cache
from typing import Final, Literal

__all__ = [
    "ISO_639_1",
    "ISO_3166_1_ALPHA2",
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
    "language-name",
    "unknown-language",
    "deprecated-language",
    "use-two-letter-code",
    "reserved-language",
    "unknown-region",
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


# --- Code lists ----------------------------------------------------------------------------------

# ISO 639-1 code, then its ISO 639-2 code(s): terminology code first, bibliographic code after a
# slash where the two differ. 184 codes: the 183 current ones and ``bh`` (Bihari languages,
# withdrawn from ISO 639-1 in 2021, still a subtag of the IANA registry); the 639-2 code ``bih``
# is a separate registry subtag, so it is not mapped.
_ISO_639: Final = """
aa:aar ab:abk ae:ave af:afr ak:aka am:amh an:arg ar:ara as:asm av:ava ay:aym az:aze
ba:bak be:bel bg:bul bh bi:bis bm:bam bn:ben bo:bod/tib br:bre bs:bos
ca:cat ce:che ch:cha co:cos cr:cre cs:ces/cze cu:chu cv:chv cy:cym/wel
da:dan de:deu/ger dv:div dz:dzo ee:ewe el:ell/gre en:eng eo:epo es:spa et:est eu:eus/baq
fa:fas/per ff:ful fi:fin fj:fij fo:fao fr:fra/fre fy:fry
ga:gle gd:gla gl:glg gn:grn gu:guj gv:glv
ha:hau he:heb hi:hin ho:hmo hr:hrv ht:hat hu:hun hy:hye/arm hz:her
ia:ina id:ind ie:ile ig:ibo ii:iii ik:ipk io:ido is:isl/ice it:ita iu:iku
ja:jpn jv:jav
ka:kat/geo kg:kon ki:kik kj:kua kk:kaz kl:kal km:khm kn:kan ko:kor kr:kau ks:kas ku:kur kv:kom
kw:cor ky:kir
la:lat lb:ltz lg:lug li:lim ln:lin lo:lao lt:lit lu:lub lv:lav
mg:mlg mh:mah mi:mri/mao mk:mkd/mac ml:mal mn:mon mr:mar ms:msa/may mt:mlt my:mya/bur
na:nau nb:nob nd:nde ne:nep ng:ndo nl:nld/dut nn:nno no:nor nr:nbl nv:nav ny:nya
oc:oci oj:oji om:orm or:ori os:oss
pa:pan pi:pli pl:pol ps:pus pt:por
qu:que
rm:roh rn:run ro:ron/rum ru:rus rw:kin
sa:san sc:srd sd:snd se:sme sg:sag si:sin sk:slk/slo sl:slv sm:smo sn:sna so:som sq:sqi/alb
sr:srp ss:ssw st:sot su:sun sv:swe sw:swa
ta:tam te:tel tg:tgk th:tha ti:tir tk:tuk tl:tgl tn:tsn to:ton tr:tur ts:tso tt:tat tw:twi
ty:tah
ug:uig uk:ukr ur:urd uz:uzb
ve:ven vi:vie vo:vol
wa:wln wo:wol
xh:xho
yi:yid yo:yor
za:zha zh:zho/chi zu:zul
"""


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _parse_639(text: str) -> tuple[frozenset[str], dict[str, str]]:
    two: set[str] = set()
    three_to_two: dict[str, str] = {}
    for item in text.split():
        code, _, longer = item.partition(":")
        two.add(code)
        for three in filter(None, longer.split("/")):
            three_to_two[three] = code
    return frozenset(two), three_to_two


ISO_639_1, _ISO_639_2_TO_1 = _parse_639(_ISO_639)
"""The ISO 639-1 two-letter language codes, lowercase."""

# Two-letter language subtags of the IANA registry outside ISO 639-1: ``sh`` (Serbo-Croatian),
# withdrawn from ISO 639-1 but kept by the registry as a macrolanguage.
_EXTRA_LANGUAGES: Final = frozenset({"sh"})

ISO_3166_1_ALPHA2: Final = _words(
    """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR
    BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ
    EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW
    GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY
    KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV
    MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY
    QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG
    TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM
    ZW
    """
)
"""The ISO 3166-1 alpha-2 country codes, uppercase."""

# Region subtags of the IANA registry that are not ISO 3166-1 codes: exceptionally reserved
# codes (Ascension, Clipperton, Diego Garcia, Ceuta and Melilla, European Union, Eurozone, Canary
# Islands, Tristan da Cunha, United Nations) and the private-use codes.
_EXTRA_REGIONS: Final = frozenset(
    ["AC", "CP", "DG", "EA", "EU", "EZ", "IC", "TA", "UN", "AA", "ZZ"]
    + [f"Q{c}" for c in "MNOPQRSTUVWXYZ"]
    + [f"X{c}" for c in string.ascii_uppercase]
)
_KNOWN_REGIONS: Final = ISO_3166_1_ALPHA2 | _EXTRA_REGIONS

# Region codes that are not (or no longer) valid, with their replacement: withdrawn ISO codes
# the IANA registry keeps as deprecated, and reserved codes often used by mistake.
_REGION_FIXES: Final = {
    "UK": "GB",
    "EL": "GR",
    "BU": "MM",
    "DD": "DE",
    "FX": "FR",
    "TP": "TL",
    "YD": "YE",
    "ZR": "CD",
}

# Withdrawn ISO 639-1 codes the IANA registry keeps as deprecated, with their replacement.
_DEPRECATED_LANGUAGES: Final = {"in": "id", "iw": "he", "ji": "yi", "jw": "jv", "mo": "ro"}

# Country codes often written for a language (only those that are not ISO 639-1 codes themselves:
# ``kr`` is Kanuri, not Korean, and ``se`` Northern Sami, not Swedish).
_LANGUAGE_TYPOS: Final = {
    "sp": "es",
    "jp": "ja",
    "cn": "zh",
    "dk": "da",
    "gr": "el",
    "cz": "cs",
    "ua": "uk",
    "vn": "vi",
}

# Language names (English and Spanish, lowercase) written where a code belongs.
_LANGUAGE_NAMES: Final = {
    "english": "en",
    "inglés": "en",
    "ingles": "en",
    "spanish": "es",
    "español": "es",
    "espanol": "es",
    "castellano": "es",
    "french": "fr",
    "français": "fr",
    "francais": "fr",
    "francés": "fr",
    "frances": "fr",
    "german": "de",
    "deutsch": "de",
    "alemán": "de",
    "aleman": "de",
    "chinese": "zh",
    "chino": "zh",
    "mandarin": "zh",
    "cantonese": "yue",
    "portuguese": "pt",
    "portugués": "pt",
    "portugues": "pt",
    "arabic": "ar",
    "árabe": "ar",
    "arabe": "ar",
    "vietnamese": "vi",
    "vietnamita": "vi",
    "korean": "ko",
    "coreano": "ko",
    "russian": "ru",
    "ruso": "ru",
    "japanese": "ja",
    "japonés": "ja",
    "japones": "ja",
    "italian": "it",
    "italiano": "it",
    "hindi": "hi",
    "urdu": "ur",
    "bengali": "bn",
    "bangla": "bn",
    "punjabi": "pa",
    "gujarati": "gu",
    "tamil": "ta",
    "telugu": "te",
    "tagalog": "tl",
    "filipino": "fil",
    "navajo": "nv",
    "hawaiian": "haw",
    "haitian": "ht",
    "haitian creole": "ht",
    "somali": "so",
    "polish": "pl",
    "ukrainian": "uk",
    "hmong": "hmn",
    "persian": "fa",
    "farsi": "fa",
    "turkish": "tr",
    "greek": "el",
    "hebrew": "he",
    "dutch": "nl",
    "swahili": "sw",
    "amharic": "am",
    "nepali": "ne",
    "burmese": "my",
    "khmer": "km",
    "thai": "th",
    "indonesian": "id",
    "american sign language": "ase",
}

# RFC 5646 section 2.2.8: irregular and regular grandfathered tags, valid as whole tags only.
_GRANDFATHERED: Final = _words(
    """
    en-gb-oed i-ami i-bnn i-default i-enochian i-hak i-klingon i-lux i-mingo i-navajo i-pwn
    i-tao i-tay i-tsu sgn-be-fr sgn-be-nl sgn-ch-de
    art-lojban cel-gaulish no-bok no-nyn zh-guoyu zh-hakka zh-min zh-min-nan zh-xiang
    """
)

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
    n = len(parts)
    first = parts[0]

    if len(first) == 1:
        if first != "x":
            if first == "i":
                message = "'i-' tags are valid only as the grandfathered tags of RFC 5646 (such as i-klingon)"
            else:
                message = f"cannot start with the singleton '{orig[0]}'"
            return _problem(tag, "syntax", message)
        if n == 1:
            return _problem(
                tag, "syntax", "'x' must be followed by at least one private-use subtag"
            )
        return None
    if not _alpha(first):
        return _problem(tag, "syntax", f"the language subtag '{orig[0]}' must consist of letters")

    # langtag = language ["-" script] ["-" region] *("-" variant) *("-" extension) ["-" privateuse]
    script_seen = region_seen = variant_seen = False
    extlangs = 0
    region_at = -1
    variants: set[str] = set()
    i = 1
    while i < n and len(parts[i]) > 1:
        part, shown = parts[i], orig[i]
        is_region = (len(part) == 2 and _alpha(part)) or (len(part) == 3 and _digits(part))
        if len(part) == 3 and _alpha(part):
            if len(first) > 3:
                return _problem(
                    tag,
                    "syntax",
                    f"extended language subtag '{shown}' can only follow a 2- or 3-letter language",
                )
            if script_seen or region_seen or variant_seen:
                return _problem(
                    tag,
                    "syntax",
                    f"subtag '{shown}' is out of place: extended language subtags come directly after the language",
                )
            extlangs += 1
            if extlangs > 3:
                return _problem(tag, "syntax", "has more than three extended language subtags")
        elif len(part) == 4 and _alpha(part):
            if script_seen or region_seen or variant_seen:
                return _problem(
                    tag,
                    "syntax",
                    f"script subtag '{shown}' is out of place: there is at most one script, directly after the language",
                )
            script_seen = True
        elif is_region:
            if region_seen or variant_seen:
                return _problem(
                    tag,
                    "syntax",
                    f"region subtag '{shown}' is out of place: there is at most one region, after the language and script",
                )
            region_seen, region_at = True, i
        elif _is_variant(part):
            if part in variants:
                return _problem(
                    tag,
                    "duplicate-variant",
                    f"repeats the variant '{shown}'",
                    "-".join(orig[:i] + orig[i + 1 :]),
                )
            variants.add(part)
            variant_seen = True
        else:
            return _problem(
                tag,
                "syntax",
                f"subtag '{shown}' is not a valid script, region or variant subtag",
            )
        i += 1

    # *("-" extension) ["-" privateuse]; every remaining run starts with a singleton
    singletons: set[str] = set()
    while i < n:
        singleton = parts[i]
        if singleton == "x":
            if i == n - 1:
                return _problem(
                    tag, "syntax", "'x' must be followed by at least one private-use subtag"
                )
            break
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

    return _check_language_code(tag, orig, first) or _check_region(tag, orig, region_at)


def _replaced(orig: list[str], index: int, value: str) -> str:
    return "-".join([*orig[:index], value, *orig[index + 1 :]])


def _check_language_code(tag: str, orig: list[str], first: str) -> LanguageTagProblem | None:
    shown = orig[0]
    if len(first) == 2:
        if first in _DEPRECATED_LANGUAGES:
            better = _DEPRECATED_LANGUAGES[first]
            return _problem(
                tag,
                "deprecated-language",
                f"the language code '{shown}' was withdrawn; use '{better}'",
                _replaced(orig, 0, better),
            )
        if first not in ISO_639_1 and first not in _EXTRA_LANGUAGES:
            guess = _LANGUAGE_TYPOS.get(first)
            hint = f" (did you mean '{guess}'?)" if guess else ""
            return _problem(
                tag,
                "unknown-language",
                f"'{shown}' is not a known ISO 639-1 language code{hint}",
                None if guess is None else _replaced(orig, 0, guess),
            )
    elif len(first) == 3:
        if first in _ISO_639_2_TO_1:
            better = _ISO_639_2_TO_1[first]
            return _problem(
                tag,
                "use-two-letter-code",
                f"use the two-letter code '{better}' instead of '{shown}'",
                _replaced(orig, 0, better),
            )
    else:
        name = _LANGUAGE_NAMES.get(first)
        fix = None if name is None else _replaced(orig, 0, name)
        if name is not None:
            return _problem(tag, "language-name", f"'{shown}' is a language name, not a code", fix)
        if len(first) == 4:
            return _problem(
                tag,
                "reserved-language",
                f"4-letter language subtags such as '{shown}' are reserved and never assigned",
            )
        return _problem(
            tag,
            "unknown-language",
            f"'{shown}' is not a registered language subtag (none of 5-8 letters are)",
        )
    return None


def _check_region(tag: str, orig: list[str], at: int) -> LanguageTagProblem | None:
    if at < 0 or len(orig[at]) != 2:
        return None  # no region, or a 3-digit UN M.49 code (not looked up)
    region = orig[at].translate(_TO_UPPER)
    if region in _KNOWN_REGIONS:
        return None
    better = _REGION_FIXES.get(region)
    hint = f" (use '{better}')" if better else ""
    return _problem(
        tag,
        "unknown-region",
        f"'{orig[at]}' is not an ISO 3166-1 region code{hint}",
        None if better is None else _replaced(orig, at, better),
    )
