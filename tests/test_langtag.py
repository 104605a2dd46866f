"""The BCP 47 language tag checker (pl_vocab.langtag): RFC 5646 grammar, code lists, case."""

from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pl_vocab.langtag import (
    ISO_639_1,
    ISO_3166_1_ALPHA2,
    LanguageTagProblem,
    canonical_case,
    check_canonical_case,
    check_language_tag,
    is_valid_language_tag,
)
from pl_vocab.language_codes import _ISO_639_2_TO_1

# --- Valid tags ------------------------------------------------------------------------------

VALID = [
    # language only: ISO 639-1, and 3-letter codes with no 2-letter equivalent
    "en",
    "es",
    "nv",
    "de",
    "haw",
    "yue",
    "fil",
    "sgn",
    "ase",
    "cmn",
    "qaa",  # private-use language range
    "kr",  # Kanuri, although often written for Korean (ko)
    "se",  # Northern Sami, although often written for Swedish (sv)
    "sh",  # kept by the IANA registry after its withdrawal from ISO 639-1
    # language + extended language subtags (at most three)
    "zh-yue",
    "zh-cmn",
    "zh-yue-HK",
    "ar-afb",
    "zh-min-nan-TW",
    "abc-def-ghi-jkl",
    # language + script
    "zh-Hant",
    "zh-Hans",
    "sr-Cyrl",
    "sr-Latn",
    "az-Arab",
    # language + script + region
    "zh-Hant-TW",
    "zh-Hans-CN",
    "sr-Latn-RS",
    "mn-Cyrl-MN",
    "cmn-Hans-CN",
    "zh-cmn-Hans-CN",
    # language + region (ISO 3166-1 alpha-2 or UN M.49)
    "es-MX",
    "en-US",
    "de-DE",
    "de-AT",
    "sgn-US",
    "yue-HK",
    "es-419",
    "es-005",
    "en-001",
    "fr-CA",
    "pt-BR",
    "nv-US",
    # extra IANA regions and private-use regions
    "en-EU",
    "es-IC",
    "en-XA",
    "es-XY",
    "de-QM",
    "und-ZZ",
    # variants
    "sl-rozaj",
    "sl-rozaj-biske",
    "sl-nedis",
    "de-CH-1901",
    "de-CH-1996",
    "sl-IT-nedis",
    "hy-Latn-IT-arevela",
    "de-Latn-DE-1996",
    "sl-rozaj-biske-1994",
    "en-fonipa",
    "ca-valencia",
    "en-1abc",
    # extensions
    "en-US-u-islamcal",
    "en-u-ca-gregory",
    "de-DE-u-co-phonebk",
    "zh-CN-a-myext-x-private",
    "en-a-myext-b-another",
    "en-a-bbb-x-a-ccc",
    "en-Latn-GB-boont-r-extended-sequence-x-private",
    "ja-t-it",
    "en-0-abcdefgh",
    # private use
    "de-CH-x-phonebk",
    "az-Arab-x-AZE-derbend",
    "x-whatever",
    "x-private",
    "x-fr-CH",
    "x-a",
    "x-12345678",
    "en-US-x-twain",
    "qaa-Qaaa-QM-x-southern",
    "de-Qaaa",
    "sr-Latn-QM",
    "sr-Qaaa-RS",
    "en-x-US",
    # case does not matter for validity
    "EN",
    "es-mx",
    "ZH-HANT-TW",
    "mN-cYrL-Mn",
    "X-PRIVATE",
]

GRANDFATHERED = [
    "en-GB-oed",
    "i-ami",
    "i-bnn",
    "i-default",
    "i-enochian",
    "i-hak",
    "i-klingon",
    "i-lux",
    "i-mingo",
    "i-navajo",
    "i-pwn",
    "i-tao",
    "i-tay",
    "i-tsu",
    "sgn-BE-FR",
    "sgn-BE-NL",
    "sgn-CH-DE",
    "art-lojban",
    "cel-gaulish",
    "no-bok",
    "no-nyn",
    "zh-guoyu",
    "zh-hakka",
    "zh-min",
    "zh-min-nan",
    "zh-xiang",
]


@pytest.mark.parametrize("tag", VALID)
def test_valid_tags(tag: str) -> None:
    assert check_language_tag(tag) is None
    assert is_valid_language_tag(tag)


@pytest.mark.parametrize("tag", GRANDFATHERED)
def test_grandfathered_tags_are_valid_in_any_case(tag: str) -> None:
    assert check_language_tag(tag) is None
    assert check_language_tag(tag.upper()) is None
    assert check_language_tag(tag.lower()) is None


# --- Invalid tags ----------------------------------------------------------------------------

# (tag, expected kind, expected suggestion or None)
INVALID = [
    # the string as a whole
    ("", "empty", None),
    ("   ", "empty", None),
    (" en", "whitespace", "en"),
    ("es-MX\n", "whitespace", "es-MX"),
    ("en US", "whitespace", "en-US"),
    ("es\tmx", "whitespace", "es-MX"),
    ("es_MX", "underscore", "es-MX"),
    ("en_us", "underscore", "en-US"),
    ("zh_hant_tw", "underscore", "zh-Hant-TW"),
    ("eng_UK", "underscore", "en-GB"),
    ("sp_MX", "underscore", "es-MX"),
    ("es-ñ", "invalid-character", None),
    ("en.US", "invalid-character", None),
    ("en/US", "invalid-character", None),
    ("es-MX;", "invalid-character", None),
    ("en-", "empty-subtag", "en"),
    ("-en", "empty-subtag", "en"),
    ("en--US", "empty-subtag", "en-US"),
    ("-", "empty-subtag", None),
    ("x-", "empty-subtag", None),
    ("en-abcdefghi", "subtag-too-long", None),
    ("en-x-abcdefghi", "subtag-too-long", None),
    ("Ukrainian-UA", "subtag-too-long", None),
    # grammar: the start of the tag
    ("a-DE", "syntax", None),
    ("i-foo", "syntax", None),
    ("i-klingon-x-a", "syntax", None),
    ("x", "syntax", None),
    ("419", "syntax", None),
    ("e1-US", "syntax", None),
    ("1en", "syntax", None),
    # grammar: subtags after the language
    ("de-419-DE", "syntax", None),
    ("en-US-US", "syntax", None),
    ("en-US-Latn", "syntax", None),
    ("zh-Hant-Hans", "syntax", None),
    ("en-1996-US", "syntax", None),
    ("en-rozaj-Latn", "syntax", None),
    ("zh-Hant-yue", "syntax", None),
    ("zh-US-yue", "syntax", None),
    ("abc-def-ghi-jkl-mno", "syntax", None),
    ("en-a1", "syntax", None),
    ("en-1ab", "syntax", None),
    ("en-a1bc", "syntax", None),
    ("en-US-12", "syntax", None),
    ("en-x", "syntax", None),
    ("en-a", "syntax", None),
    ("en-a-x-foo", "syntax", None),
    ("zh-a-b-cc", "syntax", None),
    ("en-GB-oed-x-foo", "syntax", None),
    # duplicates
    ("de-DE-1901-1901", "duplicate-variant", "de-DE-1901"),
    ("sl-rozaj-biske-ROZAJ", "duplicate-variant", "sl-rozaj-biske"),
    ("ar-a-aaa-b-bbb-a-ccc", "duplicate-extension", None),
    ("en-u-ca-gregory-U-nu-latn", "duplicate-extension", None),
    # primary language code
    ("xx", "unknown-language", None),
    ("qq-US", "unknown-language", None),
    ("sp", "unknown-language", "es"),
    ("SP-mx", "unknown-language", "es-MX"),
    ("jp", "unknown-language", "ja"),
    ("cn", "unknown-language", "zh"),
    ("vn", "unknown-language", "vi"),
    ("iw", "deprecated-language", "he"),
    ("in-ID", "deprecated-language", "id-ID"),
    ("ji", "deprecated-language", "yi"),
    ("jw", "deprecated-language", "jv"),
    ("mo", "deprecated-language", "ro"),
    ("eng", "use-two-letter-code", "en"),
    ("spa", "use-two-letter-code", "es"),
    ("spa-419", "use-two-letter-code", "es-419"),
    ("fra", "use-two-letter-code", "fr"),
    ("fre", "use-two-letter-code", "fr"),
    ("deu", "use-two-letter-code", "de"),
    ("ger", "use-two-letter-code", "de"),
    ("zho", "use-two-letter-code", "zh"),
    ("chi-Hant-TW", "use-two-letter-code", "zh-Hant-TW"),
    ("por-BR", "use-two-letter-code", "pt-BR"),
    ("ara", "use-two-letter-code", "ar"),
    ("vie", "use-two-letter-code", "vi"),
    ("kor", "use-two-letter-code", "ko"),
    ("rus", "use-two-letter-code", "ru"),
    ("jpn", "use-two-letter-code", "ja"),
    ("hin", "use-two-letter-code", "hi"),
    ("tgl", "use-two-letter-code", "tl"),
    ("nav", "use-two-letter-code", "nv"),
    ("eng-UK", "use-two-letter-code", "en-GB"),
    ("abcd", "reserved-language", None),
    ("abcd-US", "reserved-language", None),
    ("abcde", "unknown-language", None),
    ("abcdefgh-Latn", "unknown-language", None),
    # language names where a code belongs
    ("English", "language-name", "en"),
    ("spanish", "language-name", "es"),
    ("Español", "language-name", "es"),
    (" French ", "language-name", "fr"),
    ("Haitian Creole", "language-name", "ht"),
    ("Hawaiian", "language-name", "haw"),
    ("English-US", "language-name", "en-US"),
    ("spanish-MX", "language-name", "es-MX"),
    # region code
    ("en-UK", "unknown-region", "en-GB"),
    ("el-EL", "unknown-region", "el-GR"),
    ("my-BU", "unknown-region", "my-MM"),
    ("es-AB", "unknown-region", None),
    ("sr-YU", "unknown-region", None),
    ("zh-Hant-QA1", "syntax", None),
    ("zh-Hant-OO", "unknown-region", None),
]


@pytest.mark.parametrize(("tag", "kind", "suggestion"), INVALID)
def test_invalid_tags(tag: str, kind: str, suggestion: str | None) -> None:
    problem = check_language_tag(tag)
    assert problem is not None, tag
    assert problem.tag == tag
    assert problem.kind == kind
    assert problem.suggestion == suggestion
    assert problem.severity == "error"
    assert problem.message
    assert not is_valid_language_tag(tag)


@pytest.mark.parametrize(("tag", "kind", "suggestion"), INVALID)
def test_a_suggestion_is_valid_and_canonical(tag: str, kind: str, suggestion: str | None) -> None:
    if suggestion is not None:
        assert check_language_tag(suggestion) is None
        assert canonical_case(suggestion) == suggestion


def test_messages_name_the_offending_subtag() -> None:
    problem = check_language_tag("de-419-DE")
    assert problem is not None
    assert "'DE'" in problem.message
    problem = check_language_tag("de-DE-1901-1901")
    assert problem is not None
    assert "'1901'" in problem.message
    problem = check_language_tag("eng")
    assert problem is not None
    assert "'en'" in problem.message and "'eng'" in problem.message


# --- Code lists ------------------------------------------------------------------------------


def test_code_list_sizes() -> None:
    assert len(ISO_639_1) == 184
    assert len(ISO_3166_1_ALPHA2) == 249
    assert all(len(c) == 2 and c.islower() for c in ISO_639_1)
    assert all(len(c) == 2 and c.isupper() for c in ISO_3166_1_ALPHA2)


@pytest.mark.parametrize("code", sorted(ISO_639_1))
def test_every_iso_639_1_code_is_a_valid_language(code: str) -> None:
    assert check_language_tag(code) is None
    assert check_language_tag(f"{code}-US") is None


def test_typo_and_fix_tables_are_consistent() -> None:
    from pl_vocab import language_codes as langtag

    assert not set(langtag._LANGUAGE_TYPOS) & ISO_639_1
    assert not set(langtag._DEPRECATED_LANGUAGES) & ISO_639_1
    assert not set(langtag._REGION_FIXES) & langtag._KNOWN_REGIONS
    for name, code in langtag._LANGUAGE_NAMES.items():
        assert check_language_tag(code) is None, name


def test_every_iso_3166_region_is_valid() -> None:
    assert [r for r in sorted(ISO_3166_1_ALPHA2) if check_language_tag(f"es-{r}")] == []


def test_every_three_letter_code_with_a_two_letter_one_suggests_it() -> None:
    assert len(_ISO_639_2_TO_1) == 203  # 183 terminology codes (bh has none) + 20 bibliographic
    for three, two in _ISO_639_2_TO_1.items():
        assert two in ISO_639_1
        problem = check_language_tag(three)
        assert problem is not None
        assert (problem.kind, problem.suggestion) == ("use-two-letter-code", two)


# --- Case ------------------------------------------------------------------------------------

CANONICAL = [
    ("en", "en"),
    ("EN", "en"),
    ("es-mx", "es-MX"),
    ("ES-MX", "es-MX"),
    ("zh-hant-tw", "zh-Hant-TW"),
    ("ZH-HANT-TW", "zh-Hant-TW"),
    ("mN-cYrL-Mn", "mn-Cyrl-MN"),
    ("es-419", "es-419"),
    ("de-ch-1901", "de-CH-1901"),
    ("en-ca-x-ca", "en-CA-x-ca"),
    ("az-latn-x-latn", "az-Latn-x-latn"),
    ("SGN-be-fr", "sgn-BE-FR"),
    ("en-gb-OED", "en-GB-oed"),
    ("I-KLINGON", "i-klingon"),
    ("X-FR-CH", "x-fr-ch"),
    ("en-US-U-CA-GREGORY", "en-US-u-ca-gregory"),
    ("zh-min-NAN", "zh-min-nan"),
    ("sl-1ABC", "sl-1abc"),
    ("hy-LATN-it-AREVELA", "hy-Latn-IT-arevela"),
    # only case changes, whatever the input
    ("es_mx", "es_mx"),
    ("", ""),
    ("EN--us", "en--US"),
    ("Ñ-ÑÑ", "Ñ-ÑÑ"),
]


@pytest.mark.parametrize(("tag", "expected"), CANONICAL)
def test_canonical_case(tag: str, expected: str) -> None:
    assert canonical_case(tag) == expected
    assert canonical_case(expected) == expected


def test_case_is_a_separate_lower_severity_result() -> None:
    assert check_language_tag("es-mx") is None
    problem = check_canonical_case("es-mx")
    assert isinstance(problem, LanguageTagProblem)
    assert (problem.kind, problem.suggestion, problem.severity) == (
        "not-canonical-case",
        "es-MX",
        "warning",
    )
    assert check_canonical_case("es-MX") is None
    assert check_canonical_case("es_mx") is None  # invalid: reported by check_language_tag


# --- Caching ---------------------------------------------------------------------------------


def test_results_are_cached() -> None:
    first = check_language_tag("es_419")
    before = check_language_tag.cache_info().hits
    for _ in range(100):
        assert check_language_tag("es_419") is first
        assert check_language_tag("es-419") is None
    assert check_language_tag.cache_info().hits >= before + 200


# --- Properties ------------------------------------------------------------------------------

_ALNUM = string.ascii_lowercase + string.digits
_SINGLETONS = [c for c in _ALNUM if c != "x"]


def _text(alphabet: str, low: int, high: int) -> st.SearchStrategy[str]:
    return st.text(alphabet=alphabet, min_size=low, max_size=high)


_languages = st.one_of(
    st.sampled_from(sorted(ISO_639_1)),
    _text(string.ascii_lowercase, 3, 3).filter(lambda s: s not in _ISO_639_2_TO_1),
)
_variants = st.one_of(
    _text(_ALNUM, 5, 8),
    st.tuples(_text(string.digits, 1, 1), _text(_ALNUM, 3, 3)).map("".join),
)
_extensions = st.dictionaries(
    st.sampled_from(_SINGLETONS), st.lists(_text(_ALNUM, 2, 8), min_size=1, max_size=3), max_size=3
)
_private = st.lists(_text(_ALNUM, 1, 8), min_size=1, max_size=3)


@st.composite
def _canonical_tags(draw: st.DrawFn) -> str:
    """A valid tag in canonical case, built from valid components."""
    if draw(st.integers(0, 9)) == 0:
        return "-".join(["x", *draw(_private)])
    parts = [draw(_languages)]
    parts += draw(st.lists(_text(string.ascii_lowercase, 3, 3), max_size=3))  # extlangs
    if draw(st.booleans()):
        parts.append(draw(_text(string.ascii_lowercase, 4, 4)).title())  # script
    if draw(st.booleans()):
        parts.append(
            draw(st.one_of(st.sampled_from(sorted(ISO_3166_1_ALPHA2)), _text(string.digits, 3, 3)))
        )
    parts += draw(st.lists(_variants, max_size=3, unique=True))
    for singleton, subtags in draw(_extensions).items():
        parts += [singleton, *subtags]
    if draw(st.booleans()):
        parts += ["x", *draw(_private)]
    return "-".join(parts)


@st.composite
def _any_case(draw: st.DrawFn, tags: st.SearchStrategy[str]) -> tuple[str, str]:
    """A canonical tag and the same tag with the case of each letter drawn at random."""
    tag = draw(tags)
    flips = draw(st.lists(st.booleans(), min_size=len(tag), max_size=len(tag)))
    return tag, "".join(c.swapcase() if f else c for c, f in zip(tag, flips, strict=True))


@given(_any_case(_canonical_tags()))
def test_tags_built_from_valid_components_are_accepted(pair: tuple[str, str]) -> None:
    canonical, tag = pair
    assert check_language_tag(canonical) is None
    assert check_language_tag(tag) is None
    assert canonical_case(tag) == canonical
    assert check_canonical_case(canonical) is None
    if tag != canonical:
        problem = check_canonical_case(tag)
        assert problem is not None and problem.suggestion == canonical


@given(_any_case(_canonical_tags()))
def test_canonical_case_is_idempotent_and_only_changes_case(pair: tuple[str, str]) -> None:
    _, tag = pair
    once = canonical_case(tag)
    assert canonical_case(once) == once
    assert once.lower() == tag.lower()


_tag_like = st.text(alphabet=string.ascii_letters + string.digits + "-_ ñ.", max_size=24)

_ASCII_SWAP = str.maketrans(
    string.ascii_letters, string.ascii_lowercase.upper() + string.ascii_uppercase.lower()
)


@given(st.one_of(_tag_like, st.text(max_size=24)))
def test_any_text_is_checked_without_error(text: str) -> None:
    once = canonical_case(text)
    assert canonical_case(once) == once
    assert once.lower() == text.lower()
    problem = check_language_tag(text)
    assert (problem is None) == (check_language_tag(text.translate(_ASCII_SWAP)) is None)
    if problem is not None:
        assert problem.tag == text
        assert problem.message
        if problem.suggestion is not None:
            assert check_language_tag(problem.suggestion) is None
            assert canonical_case(problem.suggestion) == problem.suggestion
