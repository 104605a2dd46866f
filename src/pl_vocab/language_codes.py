"""The code lists of :mod:`pl_vocab.langtag`, and the checks of a tag's language and region.

The lists of subtags in use and deprecated come from the IANA Language Subtag Registry through
the generated :mod:`pl_vocab.language_subtags`; what the registry does not hold is kept here by
hand: the ISO 639-2 codes of languages that have a 2-letter code, common mistakes (``sp`` for
``es``, ``UK`` for ``GB``) and language names written where a code belongs.

    >>> language_code_issue(["iw"], "iw")
    ('deprecated-language', "the language code 'iw' was withdrawn; use 'he'", 'he')
    >>> region_issue(["en", "CQ"], 1) is None
    True
"""

from __future__ import annotations

import string
from typing import Final, Literal

from pl_vocab import language_subtags as subtags

__all__ = [
    "ISO_639_1",
    "ISO_3166_1_ALPHA2",
    "REGISTRY_FILE_DATE",
    "CodeProblemKind",
    "Issue",
    "language_code_issue",
    "region_issue",
]

CodeProblemKind = Literal[
    "language-name",
    "unknown-language",
    "deprecated-language",
    "use-two-letter-code",
    "reserved-language",
    "unknown-region",
]
Issue = tuple[CodeProblemKind, str, str | None]
"""(kind, message, the tag with the subtag fixed or None)."""

# ISO 639-1 code, then its ISO 639-2 code(s): terminology code first, bibliographic code after a
# slash where the two differ. 184 codes: the 183 current ones and ``bh`` (Bihari languages,
# withdrawn from ISO 639-1 in 2021, still a subtag of the IANA registry); the 639-2 code ``bih``
# is a separate registry subtag, so it is not mapped. (The ISO 639-2 codes are not in the IANA
# registry, hence this table; a test checks its 2-letter codes against the registry.)
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

REGISTRY_FILE_DATE: Final = subtags.FILE_DATE
"""The File-Date of the IANA Language Subtag Registry the code lists come from."""

# Region subtags of the registry that are not ISO 3166-1 alpha-2 codes: exceptionally reserved
# codes (Ascension, Clipperton, Sark, Diego Garcia, Ceuta and Melilla, European Union, Eurozone,
# Canary Islands, Tristan da Cunha, United Nations); the private-use codes come on top.
_RESERVED_REGIONS: Final = frozenset(["AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "TA", "UN"])
_PRIVATE_REGIONS: Final = frozenset(
    ["AA", "ZZ", *(f"Q{c}" for c in "MNOPQRSTUVWXYZ"), *(f"X{c}" for c in string.ascii_uppercase)]
)
ISO_3166_1_ALPHA2: Final = subtags.REGIONS_2 - _RESERVED_REGIONS - _PRIVATE_REGIONS
"""The ISO 3166-1 alpha-2 country codes, uppercase (the registry's regions less the reserved
and private-use ones)."""

_KNOWN_LANGUAGES: Final = subtags.LANGUAGES_2
_KNOWN_REGIONS: Final = subtags.REGIONS_2
_DEPRECATED_REGIONS: Final = subtags.DEPRECATED_REGIONS_2

# Region codes that are not (or no longer) valid, with their replacement: the registry's
# deprecated codes that have a Preferred-Value, and reserved codes often used by mistake.
_REGION_FIXES: Final = {
    **{k: v for k, v in _DEPRECATED_REGIONS.items() if v},
    "UK": "GB",
    "EL": "GR",
}

# Deprecated 2-letter language subtags of the registry, with their Preferred-Value.
_DEPRECATED_LANGUAGES: Final = subtags.DEPRECATED_LANGUAGES_2

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

# Language names (English and Spanish, lowercase) written where a code belongs: the code, then
# its names.
_LANGUAGE_NAMES: Final = {
    name.strip(): code
    for line in """
en: english, inglés, ingles
es: spanish, español, espanol, castellano
fr: french, français, francais, francés, frances
de: german, deutsch, alemán, aleman
zh: chinese, chino, mandarin
yue: cantonese
pt: portuguese, portugués, portugues
ar: arabic, árabe, arabe
vi: vietnamese, vietnamita
ko: korean, coreano
ru: russian, ruso
ja: japanese, japonés, japones
it: italian, italiano
hi: hindi
ur: urdu
bn: bengali, bangla
pa: punjabi
gu: gujarati
ta: tamil
te: telugu
tl: tagalog
fil: filipino
nv: navajo
haw: hawaiian
ht: haitian, haitian creole
so: somali
pl: polish
uk: ukrainian
hmn: hmong
fa: persian, farsi
tr: turkish
el: greek
he: hebrew
nl: dutch
sw: swahili
am: amharic
ne: nepali
my: burmese
km: khmer
th: thai
id: indonesian
ase: american sign language
""".strip().splitlines()
    for code, _, names in [line.partition(":")]
    for name in names.split(",")
}

# RFC 5646 section 2.2.8: irregular and regular grandfathered tags, valid as whole tags only.
_GRANDFATHERED: Final = subtags.GRANDFATHERED


def _replaced(orig: list[str], index: int, value: str) -> str:
    return "-".join([*orig[:index], value, *orig[index + 1 :]])


def language_code_issue(orig: list[str], first: str) -> Issue | None:
    """What is wrong with the primary language subtag ``first`` (lowercase) of the tag whose
    subtags as written are ``orig``, or None."""
    shown = orig[0]
    if len(first) == 2:
        if first in _DEPRECATED_LANGUAGES:
            better = _DEPRECATED_LANGUAGES[first]
            use = f"; use '{better}'" if better else ""
            return (
                "deprecated-language",
                f"the language code '{shown}' was withdrawn{use}",
                _replaced(orig, 0, better) if better else None,
            )
        if first not in _KNOWN_LANGUAGES:
            guess = _LANGUAGE_TYPOS.get(first)
            hint = f" (did you mean '{guess}'?)" if guess else ""
            return (
                "unknown-language",
                f"'{shown}' is not a known ISO 639-1 language code{hint}",
                None if guess is None else _replaced(orig, 0, guess),
            )
    elif len(first) == 3:
        if first in _ISO_639_2_TO_1:
            better = _ISO_639_2_TO_1[first]
            return (
                "use-two-letter-code",
                f"use the two-letter code '{better}' instead of '{shown}'",
                _replaced(orig, 0, better),
            )
    else:
        name = _LANGUAGE_NAMES.get(first)
        fix = None if name is None else _replaced(orig, 0, name)
        if name is not None:
            return ("language-name", f"'{shown}' is a language name, not a code", fix)
        if len(first) == 4:
            return (
                "reserved-language",
                f"4-letter language subtags such as '{shown}' are reserved and never assigned",
                None,
            )
        return (
            "unknown-language",
            f"'{shown}' is not a registered language subtag (none of 5-8 letters are)",
            None,
        )
    return None


def region_issue(orig: list[str], at: int) -> Issue | None:
    """What is wrong with the region subtag at index ``at`` (-1: none), or None."""
    if at < 0 or len(orig[at]) != 2:
        return None  # no region, or a 3-digit UN M.49 code (not looked up)
    region = orig[at].upper()
    if region in _KNOWN_REGIONS:
        return None
    better = _REGION_FIXES.get(region)
    if better:
        hint = f" (use '{better}')"
    elif region in _DEPRECATED_REGIONS:
        hint = " (withdrawn, with no single replacement: name the region meant)"
    else:
        hint = ""
    return (
        "unknown-region",
        f"'{orig[at]}' is not an ISO 3166-1 region code{hint}",
        None if better is None else _replaced(orig, at, better),
    )
