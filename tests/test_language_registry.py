"""The language-tag checker against the IANA Language Subtag Registry itself.

The registry is read here from the copy the ``language-tags`` package ships (a development
dependency); the runtime reads only the tables generated from it (pl_vocab.language_subtags).
"""

from __future__ import annotations

import string
from functools import cache
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pl_vocab import language_subtags
from pl_vocab.langtag import (
    ISO_639_1,
    ISO_3166_1_ALPHA2,
    REGISTRY_FILE_DATE,
    canonical_case,
    check_language_tag,
)
from pl_vocab.language_codes import _ISO_639_2_TO_1
from pl_vocab.rdf.plan import canonical_language_tag


@cache
def _records() -> tuple[dict[str, Any], ...]:
    from language_tags import data

    return tuple(data.get("registry"))


def _subtags(kind: str, *, deprecated: bool) -> list[dict[str, Any]]:
    return [r for r in _records() if r["Type"] == kind and ("Deprecated" in r) == deprecated]


def _expand(subtag: str) -> list[str]:
    """Every code of a registry range such as ``qaa..qtz`` or ``QM..QZ``."""
    if ".." not in subtag:
        return [subtag]
    start, end = subtag.split("..")
    letters = string.ascii_lowercase
    out, code = [], start.lower()
    while True:
        out.append(
            code if start.islower() else code.capitalize() if len(code) == 4 else code.upper()
        )
        if code == end.lower():
            return out
        # the next code in alphabetical order (ranges differ in their last two letters)
        head, a, b = code[:-2], code[-2], code[-1]
        if b != "z":
            code = head + a + letters[letters.index(b) + 1]
        else:
            code = head + letters[letters.index(a) + 1] + "a"


def test_the_registry_copy_is_the_one_the_tables_come_from() -> None:
    from language_tags import data

    assert data.get("meta")["File-Date"] == REGISTRY_FILE_DATE == language_subtags.FILE_DATE


def test_the_generated_tables_are_current() -> None:
    from tools import language_tags

    assert language_tags.main(["--check"]) == 0, "run `uv run python -m tools.language_tags`"


def test_sark_is_a_region() -> None:
    # CQ (Sark) was added to the registry on 2023-02-07; it is not an ISO 3166-1 code
    assert check_language_tag("en-CQ") is None
    assert check_language_tag("en-cq") is None
    assert "CQ" not in ISO_3166_1_ALPHA2


@pytest.mark.parametrize("kind", ["language", "region", "script"])
def test_every_registered_subtag_in_use_is_accepted(kind: str) -> None:
    refused = []
    for r in _subtags(kind, deprecated=False):
        for code in _expand(r["Subtag"]):
            tag = {"language": code, "region": f"es-{code}", "script": f"sr-{code}"}[kind]
            if check_language_tag(tag) is not None:
                refused.append(tag)
    assert refused == []


def test_every_registered_variant_is_accepted_after_its_prefix() -> None:
    refused = []
    for r in _subtags("variant", deprecated=False):
        for prefix in r.get("Prefix", ["en"]):
            tag = f"{prefix}-{r['Subtag']}"
            if check_language_tag(tag) is not None:
                refused.append(tag)
    assert refused == []


@pytest.mark.parametrize("kind", ["grandfathered", "redundant"])
def test_every_registered_whole_tag_is_accepted_and_in_canonical_case(kind: str) -> None:
    for r in (r for r in _records() if r["Type"] == kind):
        tag = r["Tag"]
        assert check_language_tag(tag) is None, tag
        assert check_language_tag(tag.upper()) is None, tag
        # the registry writes its tags in the case RFC 5646 recommends
        assert canonical_case(tag.lower()) == tag, tag


def test_deprecated_two_letter_languages_are_refused_with_the_preferred_value() -> None:
    for r in _subtags("language", deprecated=True):
        code = r["Subtag"]
        if len(code) != 2:
            continue
        problem = check_language_tag(code)
        assert problem is not None and problem.kind == "deprecated-language", code
        assert problem.suggestion == r.get("Preferred-Value"), code


def test_deprecated_three_letter_languages_are_accepted_without_lookup() -> None:
    # the module documents that 3-letter codes are not looked up, deprecated ones included
    codes = [r["Subtag"] for r in _subtags("language", deprecated=True) if len(r["Subtag"]) == 3]
    assert codes
    assert [c for c in codes if c not in _ISO_639_2_TO_1 and check_language_tag(c)] == []


def test_deprecated_regions_are_refused_with_the_preferred_value_where_there_is_one() -> None:
    for r in _subtags("region", deprecated=True):
        code = r["Subtag"]
        if not code.isalpha():
            continue  # 3-digit regions are not looked up
        problem = check_language_tag(f"es-{code}")
        assert problem is not None and problem.kind == "unknown-region", code
        preferred = r.get("Preferred-Value")
        assert problem.suggestion == (f"es-{preferred}" if preferred else None), code


def test_no_registered_language_is_told_to_use_a_two_letter_code() -> None:
    registered = {c for r in _subtags("language", deprecated=False) for c in _expand(r["Subtag"])}
    assert not registered & set(_ISO_639_2_TO_1)


def test_hand_kept_code_lists_agree_with_the_registry() -> None:
    languages = {r["Subtag"] for r in _subtags("language", deprecated=False)}
    assert {c for c in languages if len(c) == 2} - ISO_639_1 == {"sh"}
    assert languages >= ISO_639_1
    regions = {c for r in _subtags("region", deprecated=False) for c in _expand(r["Subtag"])}
    assert regions > ISO_3166_1_ALPHA2
    assert len(ISO_3166_1_ALPHA2) == 249


# ------------------------------------------------------------------------ canonical case
# RFC 5646 section 2.1.1: lowercase, except 2-letter subtags (regions, upper) and 4-letter
# subtags (scripts, title case) that are neither first nor after a singleton. Tags are built
# from parts whose canonical form is known, then written in random case.
_ALNUM = string.ascii_lowercase + string.digits


def _word(alphabet: str, lo: int, hi: int) -> st.SearchStrategy[str]:
    return st.text(alphabet, min_size=lo, max_size=hi)


@st.composite
def _canonical_tags(draw: st.DrawFn) -> str:
    if draw(st.integers(0, 9)) == 0:  # a private-use tag on its own
        return "-".join(["x", *draw(st.lists(_word(_ALNUM, 1, 8), min_size=1, max_size=4))])
    parts = [draw(_word(string.ascii_lowercase, 2, 3))]
    parts += draw(st.lists(_word(string.ascii_lowercase, 3, 3), max_size=1))  # extlang
    if draw(st.booleans()):
        parts.append(draw(_word(string.ascii_lowercase, 4, 4)).title())
    if draw(st.booleans()):
        parts.append(
            draw(
                st.one_of(
                    _word(string.ascii_lowercase, 2, 2).map(str.upper),
                    _word(string.digits, 3, 3),
                )
            )
        )
    parts += draw(
        st.lists(
            st.one_of(
                _word(_ALNUM, 5, 8),
                st.tuples(_word(string.digits, 1, 1), _word(_ALNUM, 3, 3)).map("".join),
            ),
            max_size=2,
            unique=True,
        )
    )
    singletons = draw(
        st.lists(st.sampled_from("abcdefghijklmnopqrstuvwyz0123456789"), max_size=2, unique=True)
    )
    for s in singletons:
        parts += [s, *draw(st.lists(_word(_ALNUM, 2, 8), min_size=1, max_size=3))]
    if draw(st.booleans()):
        parts += ["x", *draw(st.lists(_word(_ALNUM, 1, 8), min_size=1, max_size=3))]
    return "-".join(parts)


@given(_canonical_tags(), st.randoms(use_true_random=False))
def test_canonical_case_follows_rfc_5646(tag: str, rnd: Any) -> None:
    written = "".join(c.upper() if rnd.random() < 0.5 else c.lower() for c in tag)
    assert canonical_case(written) == tag
    assert canonical_language_tag(written) == tag


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("az-latn-x-latn", "az-Latn-x-latn"),  # after the singleton x: all lowercase
        ("en-us-x-us", "en-US-x-us"),
        ("de-ch-u-co-phonebk-x-ab-abcd", "de-CH-u-co-phonebk-x-ab-abcd"),
        ("X-PRIVATE-AB", "x-private-ab"),
    ],
)
def test_rdf_reading_uses_the_one_canonicaliser(tag: str, expected: str) -> None:
    assert canonical_language_tag(tag) == expected == canonical_case(tag)
