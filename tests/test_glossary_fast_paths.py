"""The shortcuts the checker takes for speed give the answers of the plain definitions they
replace (issue 4, "Fast"): each is compared here with a straightforward version."""

from __future__ import annotations

import gc
import re
from collections import defaultdict

from hypothesis import given, settings
from hypothesis import strategies as st

from pl_vocab import normalize
from pl_vocab.glossary.check import _collector_paused, check_table
from pl_vocab.glossary.checks import definitions, mapping
from pl_vocab.glossary.checks.base import _ascii_normalized
from pl_vocab.glossary.read import read_glossary_bytes
from pl_vocab.normalize import fold, phrases, prefold
from pl_vocab.vocabulary import load_vocabulary, normalize_label

_ASCII = st.text(st.characters(max_codepoint=127), max_size=40)
_LABEL_WORDS = sorted(
    {
        w
        for c in load_vocabulary()
        for lt in [*c.pref_label, *(c.alt_label or ())]
        for w in normalize_label(lt.value).split()
    }
)
# text made of the vocabulary's own words, so that labels occur in it
_WORDY = st.lists(
    st.one_of(st.sampled_from(_LABEL_WORDS), st.sampled_from(["the", "is", "a", "&", "-", "x"])),
    max_size=10,
).map(" ".join)


@given(st.one_of(_ASCII, _WORDY.filter(str.isascii)))
def test_ascii_normalization_is_normalize_label(text: str) -> None:
    assert _ascii_normalized(text) == normalize_label(text)


def _prefold_by_patterns(text: str) -> str:
    """prefold's ASCII branch as it was: three substitutions."""
    text = normalize._ASCII_INVISIBLE.sub("", text.lower())
    text = normalize._APOSTROPHES.sub("", text).replace("&", " & ")
    return normalize._NON_WORD.sub(" ", text).strip()


@given(st.one_of(_ASCII, _WORDY.filter(str.isascii)))
def test_ascii_prefold_is_the_substitutions(text: str) -> None:
    assert prefold(text) == _prefold_by_patterns(text)


def _contained_by_all_phrases(text: str) -> list[tuple[str, str]]:
    """contained_concepts as first written: every phrase of every length looked up."""
    vocab = load_vocabulary()
    index: dict[str, dict[str, list[str]]] = {"en": defaultdict(list), "es": defaultdict(list)}
    for c in vocab.concepts:
        if c.deprecated or c.language_advisory is not None:
            continue
        for lt in [*c.pref_label, *(c.alt_label or [])]:
            lang = "es" if lt.language.startswith("es") else "en"
            key = fold(lt.value, lang)  # type: ignore[arg-type]
            if key and c.id not in index[lang][key]:
                index[lang][key].append(c.id)
    longest = max(len(k.split()) for idx in index.values() for k in idx)
    found: dict[str, tuple[int, str]] = {}
    for lang in ("en", "es"):
        for phrase in phrases(fold(text, lang), longest):  # type: ignore[arg-type]
            for cid in index[lang].get(phrase, ()):
                if cid not in found or len(phrase) > found[cid][0]:
                    found[cid] = (len(phrase), phrase)
    return [(cid, p) for cid, (_, p) in sorted(found.items(), key=lambda kv: (-kv[1][0], kv[0]))]


@settings(max_examples=200)
@given(st.one_of(_WORDY, st.text(max_size=30)))
def test_contained_concepts_finds_what_every_phrase_finds(text: str) -> None:
    assert mapping.contained_concepts(load_vocabulary(), text) == _contained_by_all_phrases(text)


_COPULA = definitions._COPULA


def _opening_by_lookup(own: str, norm: str) -> set[str]:
    """_opening_concepts as first written: the labels equal after normalization (what
    Vocabulary.lookup finds before it falls back to the matcher's lexical stages) of every
    opening run."""
    vocab = load_vocabulary()
    if own and norm.startswith(own + " "):
        norm = norm[len(own) + 1 :]
    for _ in range(2):
        norm = _COPULA.sub("", norm)
    words = norm.split()
    for k in range(min(len(words), 8), 0, -1):
        run = normalize_label(" ".join(words[:k]))
        hits = {c.id for c, kind, _ in vocab._by_label.get(run, ()) if kind != "hidden"}
        if hits:
            return hits
    return set()


@settings(max_examples=200)
@given(st.one_of(_WORDY, st.text(max_size=30)), st.sampled_from(["", "equity", "learner voice"]))
def test_opening_concepts_is_the_lookup_of_every_opening(text: str, own: str) -> None:
    norm = normalize_label(f"{own} is the {text}")
    got = definitions._opening_concepts(load_vocabulary(), own, norm)
    assert got == _opening_by_lookup(own, norm)


def test_the_collector_is_paused_during_a_check_and_restored_after() -> None:
    table = read_glossary_bytes(b"Term,Definition\nEquity,Fair.\n", "g.csv")
    seen: list[bool] = []
    with _collector_paused():
        seen.append(gc.isenabled())
    assert seen == [False] and gc.isenabled()
    gc.disable()
    try:
        with _collector_paused():
            pass
        assert not gc.isenabled()  # left as it was found
        check_table(table)
        assert not gc.isenabled()
    finally:
        gc.enable()
    check_table(table)
    assert gc.isenabled()


def test_the_ascii_prefold_table_covers_every_ascii_character() -> None:
    assert set(normalize._ASCII_PREFOLD) == set(range(128))
    assert re.fullmatch(r"[a-z0-9 &]*", "".join(v or "" for v in normalize._ASCII_PREFOLD.values()))


def _person_labels_by_every_span(text: str, language: str) -> list[tuple[str, str]]:
    """_person_labels as first written: every span before (after) each person noun tried."""
    from pl_vocab.glossary.checks import language as lang_checks

    modifiers, _ = lang_checks._person_modifiers(load_vocabulary(), language)
    longest = max(len(m.split()) for m in modifiers)
    protected = any(mark in text for mark in '"“«_')
    free = lang_checks._PROTECTED.sub(" ¶ ", text) if protected else text
    words = normalize_label(free).split()
    out = []
    singulars, plurals = lang_checks._SINGULARS[language], lang_checks._PLURALS[language]
    for i, word in enumerate(words):
        if word in singulars and language == "en":
            if i + 1 < len(words) and words[i + 1] not in lang_checks._AFTER_SINGULAR:
                continue
        elif word not in plurals and word not in singulars:
            continue
        if language == "en":
            spans = [
                (i - k, i + 1, " ".join(words[i - k : i])) for k in range(min(longest, i), 0, -1)
            ]
        else:
            stop = min(longest, len(words) - i - 1)
            spans = [(i, i + k + 1, " ".join(words[i + 1 : i + k + 1])) for k in range(stop, 0, -1)]
        hit = next(((lo, hi, m) for lo, hi, m in spans if m in modifiers), None)
        if hit is not None:
            pattern = r"[\W_]+".join(re.escape(w) for w in words[hit[0] : hit[1]])
            written = re.search(pattern, free, re.IGNORECASE)
            out.append((modifiers[hit[2]], written.group(0) if written else pattern))
    return out


def _deficit_words(language: str) -> list[str]:
    from pl_vocab.glossary.checks import language as lang_checks

    modifiers, _ = lang_checks._person_modifiers(load_vocabulary(), language)
    persons = sorted(lang_checks._PERSONS[language])
    return sorted({*modifiers, *(w for m in modifiers for w in m.split())}) + persons


@settings(max_examples=300)
@given(st.data(), st.sampled_from(["en", "es"]))
def test_person_labels_are_those_of_every_span(data: st.DataObject, language: str) -> None:
    from pl_vocab.glossary.checks import language as lang_checks
    from pl_vocab.glossary.checks.base import CheckContext
    from pl_vocab.glossary.match import shared_matcher

    words = [*_deficit_words(language), "who", "low", "the", '"', "field_name", "-"]
    text = " ".join(data.draw(st.lists(st.sampled_from(words), max_size=12)))
    vocab = load_vocabulary()
    table = read_glossary_bytes(b"Term\nx\n", "g.csv")
    ctx = CheckContext(table=table, vocabulary=vocab, matcher=shared_matcher(vocab))
    got = lang_checks._person_labels(ctx, text, language)
    assert got == _person_labels_by_every_span(text, language)


def test_the_person_label_texts_do_find_labels() -> None:
    """A fixed case besides the generated ones (about one generated text in eight has a
    person label)."""
    from pl_vocab.glossary.checks import language as lang_checks
    from pl_vocab.glossary.checks.base import CheckContext
    from pl_vocab.glossary.match import shared_matcher

    vocab = load_vocabulary()
    table = read_glossary_bytes(b"Term\nx\n", "g.csv")
    ctx = CheckContext(table=table, vocabulary=vocab, matcher=shared_matcher(vocab))
    text = "Supports for at-risk students and alumnos en riesgo"
    assert lang_checks._person_labels(ctx, text, "en") == _person_labels_by_every_span(text, "en")
    assert lang_checks._person_labels(ctx, text, "en")
    assert lang_checks._person_labels(ctx, text, "es") == _person_labels_by_every_span(text, "es")
