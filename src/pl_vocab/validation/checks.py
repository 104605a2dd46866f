"""The vocabulary's own rules (V) on one object: each check appends its findings to ``out``.

The compiled walkers (:mod:`pl_vocab.validation.walkers`) call these on the slots a class's plan
names; most checks start with the quick test that passes the usual value, so a record costs
little. The deprecated-term check (V010 on free text) runs in two steps: one quick look at all the
text of a record (:func:`may_hold_deprecated`), then, for the rare record where it found
something, field by field with exact matches (:func:`located_texts`, :func:`check_deprecated_terms`).

Privacy: a finding names slots and paths, never a value of a sensitive slot.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pl_vocab.core.model import Finding
from pl_vocab.langtag import canonical_case, check_language_tag
from pl_vocab.prefixes import expand
from pl_vocab.validation.batch import BatchState
from pl_vocab.validation.layers import Where, finding, not_json_finding
from pl_vocab.validation.lookups import deprecated, deprecated_terms_in
from pl_vocab.validation.plan import VOCABULARY_CLASSES, RulePlan, rule_plan

__all__ = [
    "KNOWN_GOOD_TAGS",
    "LONGEST_PLACEHOLDER",
    "check_asserter",
    "check_concept_references",
    "check_consent",
    "check_deprecated_terms",
    "check_future",
    "check_language",
    "check_narrative",
    "check_order",
    "located_texts",
    "may_hold_deprecated",
]

_PLACEHOLDERS = frozenset(
    {
        "n/a", "na", "n.a", "none", "null", "nil", "tbd", "todo", "to do", "pending", "x", "xx",
        "see score", "see scores", "see rubric", "see grade", "no comment", "no comments",
        "nothing", "ok", "fine", "good", "sin comentarios", "ver puntaje", "ver calificación",
        "ver rúbrica", "pendiente", "n/d", "nada", "bien",
    }
)  # fmt: skip
LONGEST_PLACEHOLDER = max(map(len, _PLACEHOLDERS))
_BRIEF_WORDS = 5

KNOWN_GOOD_TAGS: set[str] = set()  # language tags seen valid and in canonical case
_MAX_GOOD_TAGS = 10_000


def _when(value: Any, is_date: bool) -> dt.datetime | None:
    """A date or date-time as an aware moment (UTC where no offset is given); None if it is
    neither."""
    try:
        if isinstance(value, dt.datetime):
            moment = value
        elif isinstance(value, dt.date):
            moment = dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)
        elif is_date:
            d = dt.date.fromisoformat(value)
            moment = dt.datetime(d.year, d.month, d.day, tzinfo=dt.UTC)
        else:
            moment = dt.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _words(text: str) -> int:
    """The number of words with a letter in them."""
    return sum(1 for w in text.split() if any(ch.isalpha() for ch in w))


def check_narrative(
    data: dict[str, Any], where: Where, path: str, on: dict[str, bool], out: list[Finding]
) -> None:
    """V002 for a narrative that says nothing; V003 for a brief one beside scores or a level."""
    text = data.get("narrative")
    if not isinstance(text, str):
        return
    # most narratives start with a letter and are longer than any placeholder: no copies made
    plain = text[:1].isalpha() and len(text) > LONGEST_PLACEHOLDER
    bare = "" if plain else text.strip().strip(".!?-–—:;,()[]").strip().lower()
    if not plain and (not any(ch.isalpha() for ch in bare) or bare in _PLACEHOLDERS):
        if on["V002"]:
            out.append(
                finding(
                    "V002",
                    "the narrative says nothing about the learner's work",
                    where,
                    f"{path}.narrative",
                    "describe what the learner did, what it shows and what comes next; scores, "
                    "if any, go beside the narrative, not instead of it",
                    "narrative",
                )
            )
    elif (
        on["V003"]
        and (data.get("scores") or data.get("proficiency_level"))
        and _words(text) < _BRIEF_WORDS
    ):
        out.append(
            finding(
                "V003",
                f"the narrative has fewer than {_BRIEF_WORDS} words next to scores or a level",
                where,
                f"{path}.narrative",
                "add a few sentences on what the learner did and what the evidence shows",
                "narrative",
            )
        )


def check_consent(
    data: dict[str, Any], now: dt.datetime, where: Where, path: str, out: list[Finding]
) -> None:
    """V004 for an identity attribute whose consent was withdrawn or has expired."""
    consent = data.get("consent")
    if not isinstance(consent, dict):
        return
    withdrawn = _when(consent.get("withdrawn_at"), False)
    expires = _when(consent.get("expires_at"), False)
    if withdrawn is not None and withdrawn <= now:
        out.append(
            finding(
                "V004",
                "the identity attribute is still recorded although its consent was withdrawn",
                where,
                path,
                "remove the attribute (and any copy of it) from the record",
            )
        )
    elif expires is not None and expires <= now:
        out.append(
            finding(
                "V004",
                "the identity attribute's consent has expired",
                where,
                path,
                "ask the learner or guardian to renew consent, or remove the attribute",
            )
        )


def check_asserter(data: dict[str, Any], where: Where, path: str, out: list[Finding]) -> None:
    """V005 when the asserter's role and whether the asserter is the learner disagree."""
    by, role, learner = data.get("asserted_by"), data.get("asserter_role"), data.get("learner")
    if not (isinstance(by, str) and isinstance(learner, str) and isinstance(role, str)):
        return
    same = expand(by) == expand(learner)
    if same and role != "learner":
        message = "the learner is recorded as the asserter, with a role other than 'learner'"
    elif not same and role == "learner":
        message = "the role is 'learner' but the asserter is not the record's learner"
    else:
        return
    out.append(
        finding(
            "V005",
            message,
            where,
            f"{path}.asserter_role",
            "record who set the goal and the role they set it in, as it happened",
            "asserter_role",
        )
    )


def check_language(
    value: str, where: Where, path: str, on: dict[str, bool], out: list[Finding]
) -> None:
    """V008 for a tag that is not valid; V009 for one not in its usual case."""
    problem = check_language_tag(value)
    if problem is not None:
        if on["V008"]:
            out.append(
                finding(
                    "V008",
                    f"'{value}' is not a valid language tag: {problem.message}",
                    where,
                    path,
                    f"use '{problem.suggestion}'"
                    if problem.suggestion
                    else "use a tag such as en, es or es-MX",
                    "language",
                )
            )
    elif canonical_case(value) == value:
        if len(KNOWN_GOOD_TAGS) < _MAX_GOOD_TAGS:
            KNOWN_GOOD_TAGS.add(value)  # no rule can fire on it again: skipped from now on
    elif on["V009"]:
        out.append(
            finding(
                "V009",
                f"the language tag '{value}' is usually written '{canonical_case(value)}'",
                where,
                path,
                f"write '{canonical_case(value)}'",
                "language",
            )
        )


def check_future(
    value: Any,
    name: str,
    is_date: bool,
    state: BatchState,
    where: Where,
    path: str,
    out: list[Finding],
) -> None:
    """V006 for a date that the quick look could not place in the past."""
    moment = _when(value, is_date)
    # a date is "in the future" only once that day has begun everywhere on Earth
    if moment is not None and moment > (state.date_limit if is_date else state.limit):
        out.append(
            finding(
                "V006",
                f"'{name}' lies in the future",
                where,
                f"{path}.{name}",
                "record the date it happened; plans belong in fields such as target_date",
                name,
            )
        )


def check_order(
    data: dict[str, Any], start: str, end: str, where: Where, path: str, out: list[Finding]
) -> None:
    """V007 when ``end`` comes before ``start``."""
    a, b = _when(data.get(start), False), _when(data.get(end), False)
    if a is not None and b is not None and b < a:
        out.append(
            finding(
                "V007",
                f"'{end}' comes before '{start}'",
                where,
                f"{path}.{end}",
                "check both dates and their timezone offsets",
                end,
            )
        )


def check_concept_references(
    value: Any, name: str, multi: bool, where: Where, path: str, out: list[Finding]
) -> None:
    """V010 for references to deprecated concepts."""
    replacement_of = deprecated().replacement_of
    for i, ref in enumerate(value if multi else (value,)):
        iri = expand(ref) if isinstance(ref, str) else ""
        if iri in replacement_of:
            repl = replacement_of[iri]
            out.append(
                finding(
                    "V010",
                    f"<{iri}> is a deprecated concept",
                    where,
                    f"{path}.{name}[{i}]" if multi else f"{path}.{name}",
                    f"point at '{repl}' instead" if repl else "point at an active concept",
                    name,
                )
            )


def may_hold_deprecated(texts: list[str]) -> bool:
    """One quick look at all the free text of a record (true for text that is not Unicode)."""
    prefilter = deprecated().prefilter
    if prefilter is None:
        return False
    try:
        return bool(prefilter.is_valid("\n".join(texts)))
    except UnicodeEncodeError:
        return True


def located_texts(
    data: dict[str, Any],
    plan: RulePlan,
    path: str,
    in_vocabulary: bool,
    out: list[tuple[str, str, str, bool]],
) -> None:
    """The free text of an object and the objects inlined in it, each with its JSON path, slot
    name and sensitivity, in the order the walkers gather it (only after the quick look found
    something, so the paths are built for the rare record that needs them)."""
    if not in_vocabulary:
        for name, multi, sensitive in plan.texts:
            value = data.get(name)
            if value is None:
                continue
            if multi:
                for i, text in enumerate(value):
                    if isinstance(text, str):
                        out.append((text, f"{path}.{name}[{i}]", name, sensitive))
            elif isinstance(value, str):
                out.append((value, f"{path}.{name}", name, sensitive))
    for name, cls, multi in plan.inlined:
        value = data.get(name)
        if value is None:
            continue
        nested = rule_plan(cls)
        inside = in_vocabulary or cls in VOCABULARY_CLASSES
        if multi and isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, dict):
                    located_texts(item, nested, f"{path}.{name}[{i}]", inside, out)
        elif isinstance(value, dict):
            located_texts(value, nested, f"{path}.{name}", inside, out)


def _path_parts(path: str) -> list[Any]:
    """``["evidence", 0, "note"]`` from ``$.evidence[0].note``."""
    return [int(p) if p.isdigit() else p for p in re.findall(r"[^.\[\]$]+", path)]


def _report_not_unicode(
    texts: list[tuple[str, str, str, bool]], where: Where, out: list[Finding]
) -> list[tuple[str, str, str, bool]]:
    """R010 for each text that holds a lone surrogate (it cannot be written as UTF-8); the
    texts that are valid Unicode."""
    kept = []
    for text, p, name, sensitive in texts:
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            what = "text that is not valid Unicode (a lone surrogate such as \\ud800)"
            out.append(not_json_finding(_path_parts(p), what, where))
        else:
            kept.append((text, p, name, sensitive))
    return kept


def check_deprecated_terms(
    texts: list[tuple[str, str, str, bool]], where: Where, out: list[Finding]
) -> None:
    """V010 for the located free text of a record whose quick look (:func:`may_hold_deprecated`)
    found a distinctive word of some deprecated label: now field by field, with exact matches."""
    dep = deprecated()
    # a lone surrogate: that text is reported, the others checked
    texts = _report_not_unicode(texts, where, out)
    for text, p, name, sensitive in texts:
        terms = deprecated_terms_in(text)
        if not terms:
            continue
        if sensitive:
            # the words of a sensitive text are never repeated, not even a vocabulary term
            out.append(
                finding(
                    "V010",
                    f"'{name}' uses {len(terms)} deprecated, deficit-based term(s)",
                    where,
                    p,
                    "reread the text against `pl-vocab concepts --facet language-guidance` "
                    "and use the preferred, asset-based terms",
                    name,
                )
            )
            continue
        for term in dict.fromkeys(terms):
            iri = dep.label_concept.get(term.lower(), "")
            repl = dep.replacement_of.get(iri, "")
            out.append(
                finding(
                    "V010",
                    f"'{name}' uses the deprecated term '{term}'",
                    where,
                    p,
                    f"say '{repl}' instead" if repl else "describe the need specifically",
                    name,
                )
            )
