"""The compiled walkers of layer V: Python source written for each class's active plan.

A record is walked along its class's active plan (:func:`pl_vocab.validation.plan.active_plan`)
by a function written for that plan: the slot names, rule switches and nested classes are
constants in its code, so a record costs the look-ups of its own slots and nothing else (a loop
over the plan's parts, the same walk interpreted, took twice as long). The source is generated
once per class and selection of rules; :func:`walker_source` shows it.

A walker has the signature ``walk_<Class>(data, where, state, path, out, inv, texts)``: the
object, where its record is, the batch state, the object's JSON path, the findings list it
appends to, whether it sits inside a vocabulary class, and the list that gathers its free text for
the deprecated-term check. Class names come from the schema, never from data.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from pl_vocab.prefixes import NOT_CURIES, expand
from pl_vocab.validation import checks
from pl_vocab.validation.plan import (
    VOCABULARY_CLASSES,
    ActivePlan,
    active_plan,
    has_work,
    rule_flags,
)

__all__ = ["walker", "walker_source"]

_Add = Callable[[str], None]


def _identifier_lines(ap: ActivePlan, add: _Add) -> None:
    """V011: remember the object's identifier (a finding if it was seen before)."""
    if ap.identifier:
        add(f"    v = get({ap.identifier!r})")
        add("    if isinstance(v, str):")
        add(f"        dup = state.see_id(expand(v), where, path, {ap.identifier!r})")
        add("        if dup is not None:")
        add("            out.append(dup)")


def _reference_lines(ap: ActivePlan, add: _Add) -> None:
    """V001: remember each reference that no identifier seen so far resolves."""
    if ap.references:
        add("    ids = state.ids")
    for name, multi, target in ap.references:
        add(f"    v = get({name!r})")
        if multi:
            # a list once the structure layer passed; on a record it refused (only the batch
            # rules run then) any other value is not walked
            add("    if isinstance(v, list):")
            add("        for i, ref in enumerate(v):")
            add("            if isinstance(ref, str):")
            add("                iri = ref if ref.startswith(NOT_CURIES) else expand(ref)")
            add("                if iri not in ids:")
            add(
                f"                    state.see_reference(iri, {target!r}, where, path, {name!r}, i)"
            )
        else:
            add("    if isinstance(v, str):")
            add("        iri = v if v.startswith(NOT_CURIES) else expand(v)")
            add("        if iri not in ids:")
            add(f"            state.see_reference(iri, {target!r}, where, path, {name!r})")


def _slot_lines(ap: ActivePlan, add: _Add) -> None:
    """V006 dates in the future, V007 dates out of order, V008/V009 language tags."""
    for name, is_date in ap.past_dates:
        add(f"    v = get({name!r})")
        # text that starts with a day before yesterday (UTC) is in the past whatever its offset
        add("    if v is not None and not (isinstance(v, str) and v[:10] < state.surely_past):")
        add(f"        future(v, {name!r}, {is_date!r}, state, where, path, out)")
    for start, end in ap.ordered:
        add(f"    if {start!r} in data and {end!r} in data:")
        add(f"        order(data, {start!r}, {end!r}, where, path, out)")
    for name in ap.language:
        add(f"    v = get({name!r})")
        add("    if isinstance(v, str) and v not in GOOD_TAGS:")
        add(f"        language(v, where, path + {'.' + name!r}, on, out)")


def _object_lines(ap: ActivePlan, add: _Add) -> None:
    """The rules on a whole object: V002/V003 narratives, V004 consent, V005 asserters."""
    if ap.narrative:
        # a narrative that starts with a letter, is longer than any placeholder and has no
        # scores or level beside it passes both rules: the usual case, decided here
        add("    v = get('narrative')")
        add("    if not (isinstance(v, str) and v[:1].isalpha() and len(v) > LONGEST_PLACEHOLDER")
        add("            and not get('scores') and not get('proficiency_level')):")
        add("        narrative(data, where, path, on, out)")
    elif ap.consent:
        add("    consent(data, state.now, where, path, out)")
    if ap.asserter:
        add("    asserter(data, where, path, out)")


def _deprecated_lines(ap: ActivePlan, add: _Add) -> None:
    """V010 outside vocabulary classes: concept references checked, free text gathered."""
    if not ap.deprecated:
        return
    add("    if not inv:")
    for name, multi in ap.plan.concept_references:
        add(f"        v = get({name!r})")
        add("        if v is not None:")
        add(f"            concept_references(v, {name!r}, {multi!r}, where, path, out)")
    for name, multi, _ in ap.plan.texts:
        add(f"        v = get({name!r})")
        if multi:  # a list of text: the record passed the structure layer
            add("        if v is not None:")
            add("            texts.extend(v)")
        else:
            add("        if isinstance(v, str):")
            add("            texts.append(v)")


def _inlined_lines(ap: ActivePlan, add: _Add) -> set[str]:
    """The calls of the walkers of nested objects; the classes called."""
    calls = set()
    for name, cls, multi in ap.inlined:
        if not has_work(cls, ap.selected):
            continue  # nothing in it (or in what it holds) for the selected rules
        calls.add(cls)
        inside = "True" if cls in VOCABULARY_CLASSES else "inv"
        add(f"    v = get({name!r})")
        add("    if v is not None:")
        branch = "if"
        if multi:
            add("        if isinstance(v, list):")
            add("            for i, item in enumerate(v):")
            add("                if isinstance(item, dict):")
            add(
                f"                    walk_{cls}(item, where, state, f'{{path}}.{name}[{{i}}]', "
                f"out, {inside}, texts)"
            )
            branch = "elif"
        add(f"        {branch} isinstance(v, dict):")
        add(f"            walk_{cls}(v, where, state, path + {'.' + name!r}, out, {inside}, texts)")
    return calls


def _source(ap: ActivePlan) -> tuple[str, set[str]]:
    """The walker of one active plan, as Python source, and the classes it calls."""
    lines = [
        f"def walk_{ap.name}(data, where, state, path, out, inv, texts):",
        "    get = data.get",
    ]
    add = lines.append
    _identifier_lines(ap, add)
    _reference_lines(ap, add)
    _slot_lines(ap, add)
    _object_lines(ap, add)
    _deprecated_lines(ap, add)
    calls = _inlined_lines(ap, add)
    return "\n".join(lines) + "\n", calls


@cache
def _namespace(selected: frozenset[str] | None) -> dict[str, Any]:
    """Where the walkers of one selection of rules live, and what their code refers to."""
    return {
        "expand": expand,
        "NOT_CURIES": NOT_CURIES,
        "LONGEST_PLACEHOLDER": checks.LONGEST_PLACEHOLDER,
        "GOOD_TAGS": checks.KNOWN_GOOD_TAGS,
        "future": checks.check_future,
        "order": checks.check_order,
        "language": checks.check_language,
        "narrative": checks.check_narrative,
        "consent": checks.check_consent,
        "asserter": checks.check_asserter,
        "concept_references": checks.check_concept_references,
        "on": rule_flags(selected),
    }


def walker_source(class_name: str, selected: frozenset[str] | None = None) -> str:
    """The generated source of the walker of ``class_name`` (for reading and for tests).

    >>> print(walker_source("Learner", frozenset({"V011"})), end="")
    def walk_Learner(data, where, state, path, out, inv, texts):
        get = data.get
        v = get('id')
        if isinstance(v, str):
            dup = state.see_id(expand(v), where, path, 'id')
            if dup is not None:
                out.append(dup)
    """
    return _source(active_plan(class_name, selected))[0]


_WALKERS: dict[tuple[str, frozenset[str] | None], Any] = {}


def walker(class_name: str, selected: frozenset[str] | None) -> Any:
    """The walker of ``class_name``, compiled on first use with those of its nested classes."""
    fn = _WALKERS.get((class_name, selected))
    if fn is None:
        fn = _WALKERS[(class_name, selected)] = _compile_walker(class_name, selected)
    return fn


def _compile_walker(class_name: str, selected: frozenset[str] | None) -> Any:
    ns = _namespace(selected)
    fn = ns.get(f"walk_{class_name}")
    if fn is not None:
        return fn
    todo, done = [class_name], set()
    while todo:
        name = todo.pop()
        if name in done or f"walk_{name}" in ns:
            continue
        if not name.isidentifier():  # class names come from the schema; never from data
            raise ValueError(f"not a class name: {name!r}")
        done.add(name)
        code, calls = _source(active_plan(name, selected))
        exec(compile(code, f"<pl_vocab walker {name}>", "exec"), ns)
        todo.extend(calls)
    return ns[f"walk_{class_name}"]
