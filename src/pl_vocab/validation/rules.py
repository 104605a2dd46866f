"""The third layer of record validation: the vocabulary's own rules (V), which no schema says.

Each class gets a plan, computed once from the schema index: which slots reference records that
must resolve, which hold dates that record something done, language tags, free text, nested
objects. A record is walked once along its class's plan, nested objects included.

Batch rules (references resolve, identifiers are unique) keep per-batch state in
:class:`BatchState`: the identifiers seen, and the references not yet resolved (a reference may
point at a record further on in the batch). Both are keyed by the expanded IRI, so ``plv:x`` and
``https://w3id.org/pl-vocab/x`` are the same record.

Privacy: a finding names slots and paths, never a value of a sensitive slot. Identifiers and
references are not sensitive (the schema marks none of them), so unresolved references are named.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from pl_vocab.core.model import Finding
from pl_vocab.langtag import canonical_case, check_language_tag
from pl_vocab.validation.index import ClassInfo, class_info
from pl_vocab.validation.layers import Place, Where, finding, not_json_finding

__all__ = ["BatchState", "RulePlan", "check_rules", "rule_plan"]

# reference ranges whose targets must resolve (V001): the records an integrator exchanges together.
# People (authors, educators) are usually in a directory that is not part of the batch.
_RESOLVED_RANGES = frozenset(
    {"Learner", "LearnerGoal", "Competency", "CompetencyFramework", "Evidence"}
)
# classes that describe the vocabulary itself: they point at deprecated concepts on purpose
_VOCABULARY_CLASSES = frozenset(
    {"Concept", "ConceptScheme", "ConceptMapping", "Distinction", "LanguageAdvisory", "Facet"}
)
# dates whose end must not come before their start (V007), within one object
_ORDERED_PAIRS = (
    ("given_at", "expires_at"),
    ("given_at", "withdrawn_at"),
    ("started_on", "ended_on"),
)
_PLACEHOLDERS = frozenset(
    {
        "n/a", "na", "n.a", "none", "null", "nil", "tbd", "todo", "to do", "pending", "x", "xx",
        "see score", "see scores", "see rubric", "see grade", "no comment", "no comments",
        "nothing", "ok", "fine", "good", "sin comentarios", "ver puntaje", "ver calificación",
        "ver rúbrica", "pendiente", "n/d", "nada", "bien",
    }
)  # fmt: skip
_LONGEST_PLACEHOLDER = max(map(len, _PLACEHOLDERS))
_BRIEF_WORDS = 5
_FUTURE_TOLERANCE = dt.timedelta(minutes=5)
_TEXT_PATTERNS = (None, "\\S")


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
    """The plan of ``class_name`` (cached: computed once per process)."""
    c: ClassInfo = class_info(class_name)
    refs, concepts, inlined, dates, language, texts = [], [], [], [], [], []
    for s in c.slots.values():
        if s.kind == "reference":
            if s.range in _RESOLVED_RANGES:
                refs.append((s.name, s.multivalued, s.range))
            elif s.range == "Concept" and class_name not in _VOCABULARY_CLASSES:
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
            and class_name not in _VOCABULARY_CLASSES
        ):
            texts.append((s.name, s.multivalued, s.sensitive))
    ordered = tuple((a, b) for a, b in _ORDERED_PAIRS if a in c.slots and b in c.slots)
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


# ------------------------------------------------------------------------ vocabulary look-ups
@dataclass(frozen=True)
class _Deprecated:
    """Deprecated concepts: their IRIs, and one regular expression over all their labels."""

    replacement_of: dict[str, str]  # deprecated concept IRI -> label of its replacement
    label_concept: dict[str, str]  # lower-cased label -> deprecated concept IRI
    pattern: re.Pattern[str] | None
    acronyms: re.Pattern[str] | None  # all-capital labels, matched case-sensitively
    # every label as plain text, searched by a Rust regular expression engine (the one inside
    # jsonschema-rs, a dependency already): text without any of them (nearly all text) is passed
    # over in microseconds; text with one is then scanned by the exact expressions above
    prefilter: Any


@cache
def _deprecated() -> _Deprecated:
    """Read from the compiled vocabulary as plain JSON: the command's start-up stays free of the
    models (building 158 concept objects is not needed to know which labels are deprecated)."""
    from pl_vocab._resources import generated_json

    compiled = generated_json("vocabulary.json")
    english: dict[str, str] = {}
    for concept in compiled["concepts"]:
        label = next((lt["value"] for lt in concept["pref_label"] if lt["language"] == "en"), "")
        english[concept["id"]] = label
    replacement: dict[str, str] = {}
    labels: dict[str, str] = {}
    acronyms: dict[str, str] = {}
    for concept in compiled["concepts"]:
        if not concept.get("deprecated"):
            continue
        iri = expand(concept["id"])
        replaced_by = concept.get("replaced_by") or []
        replacement[iri] = english.get(replaced_by[0], "") if replaced_by else ""
        for lt in (*concept["pref_label"], *(concept.get("alt_label") or ())):
            text = lt["value"].strip()
            if len(text) < 3:
                continue
            if text.isupper():
                acronyms[text] = iri
            else:
                labels[text.lower()] = iri
    labels.update({k.lower(): v for k, v in acronyms.items()})

    def alternation(words: list[str], flags: int) -> re.Pattern[str] | None:
        if not words:
            return None
        body = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        return re.compile(rf"(?<!\w)(?:{body})(?!\w)", flags)

    return _Deprecated(
        replacement,
        labels,
        alternation([k for k in labels if k.upper() not in acronyms], re.IGNORECASE),
        alternation(list(acronyms), 0),
        _prefilter(labels, acronyms),
    )


def _plain(text: str) -> str:
    """A label as a literal in a regular expression that both ECMA 262 and Rust accept."""
    return "".join("\\" + c if c in ".^$*+?()[]{}|\\/" else c for c in text)


def _prefilter(labels: dict[str, str], acronyms: dict[str, str]) -> Any:
    """A matcher that is true for any text that holds a label (a superset: no word boundaries)."""
    import jsonschema_rs

    words = sorted((k for k in labels if k.upper() not in acronyms), key=len, reverse=True)
    parts = []
    if words:
        parts.append("(?i:" + "|".join(_plain(w) for w in words) + ")")
    if acronyms:
        parts.append("|".join(_plain(a) for a in sorted(acronyms, key=len, reverse=True)))
    if not parts:
        return None
    return jsonschema_rs.validator_for({"type": "string", "pattern": "|".join(parts)})


@cache
def _prefixes() -> dict[str, str]:
    from pl_vocab._resources import generated_json

    index = generated_json("schema_index.json")
    return dict(index["prefixes"])


def expand(value: str) -> str:
    """A CURIE with a known prefix as a full IRI; anything else unchanged.

    >>> expand("plvc:equity"), expand("https://example.org/x"), expand("urn:uuid:1")
    ('https://w3id.org/pl-vocab/concept/equity', 'https://example.org/x', 'urn:uuid:1')
    """
    if value.startswith(_NOT_CURIES):  # most identifiers: nothing to look up
        return value
    prefix, sep, rest = value.partition(":")
    if sep and not rest.startswith("//"):
        ns = _prefixes().get(prefix)
        if ns is not None:
            return ns + rest
    return value


_NOT_CURIES = ("https://", "http://", "urn:")


def _join(path: str, name: str, index: int) -> str:
    """``$.evidence[1]`` from ``("$", "evidence", 1)``; ``index`` -1 for a single value."""
    if not name:
        return path
    return f"{path}.{name}[{index}]" if index >= 0 else f"{path}.{name}"


# ------------------------------------------------------------------------------- batch state
@dataclass
class BatchState:
    """What the batch rules remember between records: identifiers seen, references pending.

    ``known`` holds identifiers from reference files (``--known``): they resolve references but are
    not themselves checked. Memory grows with the number of distinct identifiers, not records.
    """

    now: dt.datetime
    known: set[str] = field(default_factory=set)
    # identifier -> where it was first seen, packed into one int (see _pack): a million records
    # keep a million of these, where a Location each would cost a kilobyte
    ids: dict[str, int] = field(default_factory=dict)
    pending: dict[str, tuple[Where, str, str, int]] = field(default_factory=dict)
    _files: list[str | None] = field(default_factory=list)
    _file_index: dict[str | None, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._token = object()  # marks the Places whose packed form this batch computed
        self.limit = self.now + _FUTURE_TOLERANCE
        # a date is "in the future" only once that day has begun everywhere on Earth (UTC+14)
        self.date_limit = self.limit + dt.timedelta(hours=14)
        self.surely_past = (self.now - dt.timedelta(days=2)).date().isoformat()

    def _pack(self, where: Where) -> int:
        """File, line and record index in one int (computed once per record's Place)."""
        place = where if isinstance(where, Place) else None
        if place is not None and place.packed_by is self._token:
            return place.packed  # type: ignore[return-value]
        index = self._file_index.get(where.file) if self._files else None
        if index is None:
            index = self._file_index[where.file] = len(self._files)
            self._files.append(where.file)
        packed = (index << 64) | ((where.line or 0) << 32) | (where.record_index or 0)
        if place is not None:  # for this batch only: another batch numbers files its own way
            place.packed, place.packed_by = packed, self._token
        return packed

    def _describe(self, packed: int) -> str:
        file = self._files[packed >> 64]
        line = (packed >> 32) & 0xFFFFFFFF
        record = packed & 0xFFFFFFFF
        return ", ".join(
            p
            for p in (file, f"line {line}" if line else "", f"record {record}" if record else "")
            if p
        )

    def see_id(self, iri: str, where: Where, path: str, name: str = "") -> Finding | None:
        """Remember an identifier; V011 if it was seen before. The JSON path is ``path``, or
        ``path.name`` when ``name`` is given (joined only when a finding needs it)."""
        first = self.ids.get(iri)
        if first is None:
            self.ids[iri] = self._pack(where)
            if self.pending:
                self.pending.pop(iri, None)
            return None
        return finding(
            "V011",
            f"the identifier <{iri}> is used again (first at {self._describe(first)})",
            where,
            f"{path}.{name}" if name else path,
            "give each record its own identifier; if both describe one thing, merge them",
        )

    def see_reference(
        self, iri: str, target: str, where: Where, path: str, name: str = "", index: int = -1
    ) -> None:
        """Remember a reference until an identifier resolves it. The JSON path is ``path``, or
        ``path.name`` / ``path.name[index]`` (joined only when the reference stays pending)."""
        if iri in self.ids or (self.known and iri in self.known):
            return
        seen = self.pending.get(iri)
        if seen is None:
            self.pending[iri] = (where, _join(path, name, index), target, 1)
        else:
            self.pending[iri] = (seen[0], seen[1], seen[2], seen[3] + 1)

    def unresolved(self) -> Iterator[Finding]:
        """One finding per reference that no record of the batch (or known file) resolved."""
        for iri, (where, path, target, count) in self.pending.items():
            if iri in self.ids or iri in self.known:
                continue
            more = f" ({count} references in all)" if count > 1 else ""
            yield finding(
                "V001",
                f"the {target} <{iri}> is not in the batch{more}",
                where,
                path,
                f"add the {target} record to the batch, or name the file that has it with --known",
            )


# ------------------------------------------------------------------------------------ checks
def _when(value: Any, is_date: bool) -> dt.datetime | None:
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
    return sum(1 for w in text.split() if any(ch.isalpha() for ch in w))


def _narrative(
    data: dict[str, Any], where: Where, path: str, on: dict[str, bool], out: list[Finding]
) -> None:
    text = data.get("narrative")
    if not isinstance(text, str):
        return
    # most narratives start with a letter and are longer than any placeholder: no copies made
    plain = text[:1].isalpha() and len(text) > _LONGEST_PLACEHOLDER
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


def _consent(
    data: dict[str, Any], now: dt.datetime, where: Where, path: str, out: list[Finding]
) -> None:
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


def _asserter(data: dict[str, Any], where: Where, path: str, out: list[Finding]) -> None:
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


def _language(value: str, where: Where, path: str, on: dict[str, bool], out: list[Finding]) -> None:
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
        if len(_KNOWN_GOOD_TAGS) < _MAX_GOOD_TAGS:
            _KNOWN_GOOD_TAGS.add(value)  # no rule can fire on it again: skipped from now on
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


def _terms(text: str) -> list[str]:
    dep = _deprecated()
    found: list[str] = []
    for pattern in (dep.pattern, dep.acronyms):
        if pattern is not None:
            found.extend(m.group(0) for m in pattern.finditer(text))
    return found


def check_rules(
    data: dict[str, Any],
    class_name: str,
    where: Where,
    state: BatchState,
    path: str = "$",
    selected: frozenset[str] | None = None,
) -> list[Finding]:
    """The V rules for one structurally valid record (and its nested objects), in place order.

    ``selected`` limits the rules that run (None: all).
    """
    out: list[Finding] = []
    texts: list[str] = []
    in_vocabulary = class_name in _VOCABULARY_CLASSES
    _walker(class_name, selected)(data, where, state, path, out, in_vocabulary, texts)
    if texts and _may_hold_deprecated(texts):
        # rare: some text holds a deprecated label (or is not valid Unicode); find which
        located: list[tuple[str, str, str, bool]] = []
        _located_texts(data, rule_plan(class_name), path, in_vocabulary, located)
        _deprecated_terms(located, where, out)
    return out


def _may_hold_deprecated(texts: list[str]) -> bool:
    """One quick look at all the free text of a record (true for text that is not Unicode)."""
    prefilter = _deprecated().prefilter
    if prefilter is None:
        return False
    try:
        return bool(prefilter.is_valid("\n".join(texts)))
    except UnicodeEncodeError:
        return True


_V_RULES = ("V001", "V002", "V003", "V004", "V005", "V006", "V007", "V008", "V009", "V010", "V011")


@cache
def _flags(selected: frozenset[str] | None) -> dict[str, bool]:
    """Which V rules run, looked up once per selection rather than once per object."""
    return {r: selected is None or r in selected for r in _V_RULES}


@dataclass(frozen=True)
class _Active:
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


@cache
def _active(class_name: str, selected: frozenset[str] | None) -> _Active:
    plan = rule_plan(class_name)
    on = _flags(selected)
    return _Active(
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


# ------------------------------------------------------------------------- compiled walkers
# A record is walked along its class's active plan by a function written for that plan: the
# slot names, rule switches and nested classes are constants in its code, so a record costs the
# look-ups of its own slots and nothing else (a loop over the plan's parts, the same walk
# interpreted, took twice as long). The source is generated once per class and selection of
# rules; :func:`walker_source` shows it.

_KNOWN_GOOD_TAGS: set[str] = set()  # language tags seen valid and in canonical case
_MAX_GOOD_TAGS = 10_000


def _future(
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


def _order(
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


def _concept_references(
    value: Any, name: str, multi: bool, where: Where, path: str, out: list[Finding]
) -> None:
    """V010 for references to deprecated concepts."""
    replacement_of = _deprecated().replacement_of
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


def _source(ap: _Active) -> tuple[str, set[str]]:
    """The walker of one active plan, as Python source, and the classes it calls."""
    lines = [
        f"def walk_{ap.name}(data, where, state, path, out, inv, texts):",
        "    get = data.get",
    ]
    add = lines.append
    if ap.identifier:
        add(f"    v = get({ap.identifier!r})")
        add("    if isinstance(v, str):")
        add(f"        dup = state.see_id(expand(v), where, path, {ap.identifier!r})")
        add("        if dup is not None:")
        add("            out.append(dup)")
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
    if ap.deprecated:
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
    calls = set()
    for name, cls, multi in ap.inlined:
        if not _has_work(cls, ap.selected):
            continue  # nothing in it (or in what it holds) for the selected rules
        calls.add(cls)
        inside = "True" if cls in _VOCABULARY_CLASSES else "inv"
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
    return "\n".join(lines) + "\n", calls


@cache
def _has_work(class_name: str, selected: frozenset[str] | None) -> bool:
    """Whether walking an object of ``class_name`` can find or remember anything."""
    seen: set[str] = set()
    todo = [class_name]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        ap = _active(name, selected)
        if (
            ap.identifier
            or ap.references
            or ap.past_dates
            or ap.ordered
            or ap.language
            or ap.narrative
            or ap.consent
            or ap.asserter
            or ap.deprecated
        ):
            return True
        todo.extend(cls for _, cls, _ in ap.inlined)
    return False


@cache
def _namespace(selected: frozenset[str] | None) -> dict[str, Any]:
    """Where the walkers of one selection of rules live, and what their code refers to."""
    return {
        "expand": expand,
        "NOT_CURIES": _NOT_CURIES,
        "LONGEST_PLACEHOLDER": _LONGEST_PLACEHOLDER,
        "GOOD_TAGS": _KNOWN_GOOD_TAGS,
        "future": _future,
        "order": _order,
        "language": _language,
        "narrative": _narrative,
        "consent": _consent,
        "asserter": _asserter,
        "concept_references": _concept_references,
        "on": _flags(selected),
    }


def walker_source(class_name: str, selected: frozenset[str] | None = None) -> str:
    """The generated source of the walker of ``class_name`` (for reading and for tests)."""
    return _source(_active(class_name, selected))[0]


_WALKERS: dict[tuple[str, frozenset[str] | None], Any] = {}


def _walker(class_name: str, selected: frozenset[str] | None) -> Any:
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
        code, calls = _source(_active(name, selected))
        exec(compile(code, f"<pl_vocab walker {name}>", "exec"), ns)
        todo.extend(calls)
    return ns[f"walk_{class_name}"]


def _located_texts(
    data: dict[str, Any],
    plan: RulePlan,
    path: str,
    in_vocabulary: bool,
    out: list[tuple[str, str, str, bool]],
) -> None:
    """The free text of an object and the objects inlined in it, each with its JSON path, slot
    name and sensitivity, in the order :func:`_walk` gathers it (only after the quick look found
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
        inside = in_vocabulary or cls in _VOCABULARY_CLASSES
        if multi and isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, dict):
                    _located_texts(item, nested, f"{path}.{name}[{i}]", inside, out)
        elif isinstance(value, dict):
            _located_texts(value, nested, f"{path}.{name}", inside, out)


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


def _deprecated_terms(
    texts: list[tuple[str, str, str, bool]], where: Where, out: list[Finding]
) -> None:
    """V010 for the located free text of a record whose quick look (:func:`_may_hold_deprecated`)
    found a distinctive word of some deprecated label: now field by field, with exact matches."""
    dep = _deprecated()
    # a lone surrogate: that text is reported, the others checked
    texts = _report_not_unicode(texts, where, out)
    for text, p, name, sensitive in texts:
        terms = _terms(text)
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
