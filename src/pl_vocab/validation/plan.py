"""Which vocabulary rules (V) look at which slots of which class: the plan of each class.

A class's :class:`RulePlan` is computed once from the schema index: which slots reference records
that must resolve, which hold dates that record something done, language tags, free text, nested
objects. :func:`active_plan` narrows a plan to the rules a run selected, so that the walker built
for it (:mod:`pl_vocab.validation.walkers`) holds only the parts those rules need.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from pl_vocab.validation.index import ClassInfo, class_info

__all__ = [
    "ORDERED_PAIRS",
    "RESOLVED_RANGES",
    "VOCABULARY_CLASSES",
    "V_RULES",
    "ActivePlan",
    "RulePlan",
    "active_plan",
    "has_work",
    "rule_flags",
    "rule_plan",
]

# reference ranges whose targets must resolve (V001): the records an integrator exchanges together.
# People (authors, educators) are usually in a directory that is not part of the batch.
RESOLVED_RANGES = frozenset(
    {"Learner", "LearnerGoal", "Competency", "CompetencyFramework", "Evidence"}
)
# classes that describe the vocabulary itself: they point at deprecated concepts on purpose
VOCABULARY_CLASSES = frozenset(
    {"Concept", "ConceptScheme", "ConceptMapping", "Distinction", "LanguageAdvisory", "Facet"}
)
# dates whose end must not come before their start (V007), within one object
ORDERED_PAIRS = (
    ("given_at", "expires_at"),
    ("given_at", "withdrawn_at"),
    ("started_on", "ended_on"),
)
_TEXT_PATTERNS = (None, "\\S")
V_RULES = ("V001", "V002", "V003", "V004", "V005", "V006", "V007", "V008", "V009", "V010", "V011")


@dataclass(frozen=True)
class RulePlan:
    """What the V rules look at in one class."""

    name: str
    identifier: str | None
    references: tuple[tuple[str, bool, str], ...]  # (slot, multivalued, class) that must resolve
    concept_references: tuple[tuple[str, bool], ...]
    inlined: tuple[tuple[str, str, bool], ...]  # (slot, class, multivalued)
    past_dates: tuple[tuple[str, bool], ...]  # (slot, is a date rather than a date-time)
    ordered: tuple[tuple[str, str], ...]
    language: tuple[str, ...]
    texts: tuple[tuple[str, bool, bool], ...]  # (slot, multivalued, sensitive)
    asserter: bool  # has learner, asserted_by and asserter_role


@cache
def rule_plan(class_name: str) -> RulePlan:
    """The plan of ``class_name`` (cached: computed once per process).

    >>> plan = rule_plan("LearnerGoal")
    >>> plan.identifier, plan.asserter, plan.language
    ('id', True, ('language',))
    """
    c: ClassInfo = class_info(class_name)
    refs, concepts, inlined, dates, language, texts = [], [], [], [], [], []
    for s in c.slots.values():
        if s.kind == "reference":
            if s.range in RESOLVED_RANGES:
                refs.append((s.name, s.multivalued, s.range))
            elif s.range == "Concept" and class_name not in VOCABULARY_CLASSES:
                concepts.append((s.name, s.multivalued))
        elif s.kind == "inlined":
            inlined.append((s.name, s.range, s.multivalued))
        elif s.range in ("date", "datetime") and not s.may_be_future:
            dates.append((s.name, s.range == "date"))
        elif s.name == "language":
            language.append(s.name)
        elif (
            s.range == "string"
            and s.kind == "literal"
            and s.pattern in _TEXT_PATTERNS
            and class_name not in VOCABULARY_CLASSES
        ):
            texts.append((s.name, s.multivalued, s.sensitive))
    ordered = tuple((a, b) for a, b in ORDERED_PAIRS if a in c.slots and b in c.slots)
    asserter = all(n in c.slots for n in ("learner", "asserted_by", "asserter_role"))
    return RulePlan(
        class_name,
        c.identifier,
        tuple(refs),
        tuple(concepts),
        tuple(inlined),
        tuple(dates),
        ordered,
        tuple(language),
        tuple(texts),
        asserter,
    )


@cache
def rule_flags(selected: frozenset[str] | None) -> dict[str, bool]:
    """Which V rules run, looked up once per selection rather than once per object.

    >>> rule_flags(frozenset({"V001"}))["V001"], rule_flags(frozenset({"V001"}))["V002"]
    (True, False)
    """
    return {r: selected is None or r in selected for r in V_RULES}


@dataclass(frozen=True)
class ActivePlan:
    """A class's plan with only the parts the selected rules use (empty parts are skipped
    without a look-up), computed once per class and selection."""

    name: str
    identifier: str | None
    references: tuple[tuple[str, bool, str], ...]
    past_dates: tuple[tuple[str, bool], ...]
    ordered: tuple[tuple[str, str], ...]
    language: tuple[str, ...]
    narrative: bool
    consent: bool
    asserter: bool
    deprecated: bool  # V010: concept references and free text
    inlined: tuple[tuple[str, str, bool], ...]
    plan: RulePlan
    on: dict[str, bool]
    selected: frozenset[str] | None

    def finds_anything(self) -> bool:
        """Whether an object of this class can give a finding or be remembered by itself (the
        objects inlined in it aside)."""
        return bool(
            self.identifier
            or self.references
            or self.past_dates
            or self.ordered
            or self.language
            or self.narrative
            or self.consent
            or self.asserter
            or self.deprecated
        )


@cache
def active_plan(class_name: str, selected: frozenset[str] | None) -> ActivePlan:
    """The plan of ``class_name`` narrowed to the ``selected`` rules (None: all)."""
    plan = rule_plan(class_name)
    on = rule_flags(selected)
    return ActivePlan(
        plan.name,
        plan.identifier if on["V011"] else None,
        plan.references if on["V001"] else (),
        plan.past_dates if on["V006"] else (),
        plan.ordered if on["V007"] else (),
        plan.language if on["V008"] or on["V009"] else (),
        plan.name == "NarrativeAssessment" and (on["V002"] or on["V003"]),
        plan.name == "IdentityAttribute" and on["V004"],
        plan.asserter and on["V005"],
        on["V010"] and bool(plan.concept_references or plan.texts),
        plan.inlined,
        plan,
        on,
        selected,
    )


@cache
def has_work(class_name: str, selected: frozenset[str] | None) -> bool:
    """Whether walking an object of ``class_name`` can find or remember anything.

    >>> has_work("NarrativeAssessment", frozenset({"V011"})), has_work("Score", frozenset({"V011"}))
    (True, False)
    """
    seen: set[str] = set()
    todo = [class_name]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        ap = active_plan(name, selected)
        if ap.finds_anything():
            return True
        todo.extend(cls for _, cls, _ in ap.inlined)
    return False
