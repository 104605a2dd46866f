"""RDF back to validated model objects, driven by the plan.

Every triple must fit a slot of its subject's class; one that does not is reported with its subject
and predicate, never dropped. Values of sensitive slots never appear in a problem.

How it is fast: pyoxigraph parses (and validates) the input and writes it back out as canonical
N-Triples, entirely in Rust; Python then only splits lines, which costs far less than touching
one Python term object per triple. N-Triples input that is already in that canonical form (what
pl_vocab, pyoxigraph and most tools write) skips the round trip through pyoxigraph: one strict
regular expression, which accepts only well-formed lines, checks and splits it in a single pass,
and anything it does not accept goes through pyoxigraph as before. Objects are decoded lazily, by
the slot they fill.
"""

from __future__ import annotations

import gc
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
from pydantic import BaseModel, ValidationError

from pl_vocab.core.errors import PlVocabError
from pl_vocab.rdf.plan import (
    MAX_COPIES_ENV,
    MAX_NESTING_ENV,
    RDF_TYPE,
    XSD,
    ClassPlan,
    Plan,
    SlotPlan,
    canonical_language_tag,
    get_plan,
    max_inlined_copies,
    max_nesting,
)

__all__ = [
    "RdfDataError",
    "RdfProblem",
    "canonical_ntriples",
    "from_ntriples",
    "from_rdf",
    "from_triples",
]

MAX_PROBLEMS = 1000  # the problems listed one by one; the rest are counted
_XSD_BOOLEAN, _XSD_INTEGER = XSD + "boolean", XSD + "integer"
_NUMERIC_OR_BOOLEAN = frozenset(
    {_XSD_BOOLEAN, _XSD_INTEGER, XSD + "double", XSD + "float", XSD + "decimal"}
)
# the datatypes a literal may carry in a slot of each datatype (None: a plain string slot);
# anything else (a language tag, another datatype) is reported, never dropped
_NUMBERS = tuple(f"^^<{XSD}{t}>" for t in ("integer", "decimal", "double", "float"))
_ACCEPTED: dict[str | None, tuple[str, ...]] = {
    None: (f"^^<{XSD}string>",),
    XSD + "double": _NUMBERS,
    XSD + "float": _NUMBERS,
    XSD + "decimal": _NUMBERS[:2],
}
# one N-Triples line: subject term, predicate IRI, object term (pyoxigraph writes one per line)
_LINE = re.compile(r"^(\S+) <([^>]*)> (.*) \.$", re.MULTILINE)
_OWN_NAMESPACE = "https://w3id.org/pl-vocab/"
# one canonical N-Triples line, strictly: absolute IRIs without the characters the grammar forbids,
# simple blank node labels, literals with only the escapes the grammar allows (no lone surrogates),
# single spaces, " ." at the end. Anything else is left to pyoxigraph's parser.
_IRI_BODY = r'[A-Za-z][A-Za-z0-9+.\-]*:[^\x00-\x20<>"{}|^`\\]*'
_IRI = f"<{_IRI_BODY}>"
_BNODE = r"_:[A-Za-z0-9_](?:[A-Za-z0-9_.\-]*[A-Za-z0-9_\-])?"
_LITERAL = (
    r'"(?:[^"\\\n\r]++|\\[tbnrf"\'\\]|\\u(?![dD][89abAB])[0-9A-Fa-f]{4}'
    r"|\\U(?:000[0-9A-Fa-f]|0010)[0-9A-Fa-f]{4})*+\""
    rf"(?:@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*|\^\^{_IRI})?"
)
_STRICT_LINE = re.compile(
    rf"^({_IRI}|{_BNODE}) <({_IRI_BODY})> "
    rf"({_IRI}|{_BNODE}|{_LITERAL}) \.$",
    re.MULTILINE,
)
_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))")
_ECHAR = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text

    def one(m: re.Match[str]) -> str:
        if m.group(1) or m.group(2):
            return chr(int(m.group(1) or m.group(2), 16))
        return _ECHAR.get(m.group(3), m.group(0))

    return _ESCAPE.sub(one, text)


@dataclass(frozen=True)
class RdfProblem:
    """Something in the RDF that does not fit the schema, with where it is."""

    subject: str
    predicate: str | None
    message: str
    fix: str | None = None  # what to do, when it is more than fixing the triple

    def __str__(self) -> str:
        # an IRI in brackets; a blank node label or a JSON path (JSON-LD) as it is
        plain = self.subject.startswith(("_:", "$", "("))
        where = self.subject if plain else f"<{self.subject}>"
        return f"{where}" + (f" <{self.predicate}>" if self.predicate else "") + f": {self.message}"


class RdfDataError(PlVocabError):
    """The RDF does not fit the pl_vocab schema; ``problems`` lists every problem found."""

    def __init__(self, problems: list[RdfProblem], source: str = "<input>") -> None:
        self.problems = problems
        shown = "\n".join(f"  {p}" for p in problems[:20])
        more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(
            f"{source}: {len(problems)} problem(s) fitting the RDF to the schema:\n{shown}{more}"
        )


def _show(term: str) -> str:
    """A subject for people: the IRI without brackets, or the blank node label."""
    return term[1:-1] if term[0] == "<" else term


class _Reader:
    """Subjects are keyed by their N-Triples term (``<iri>`` or ``_:label``), as written."""

    def __init__(self, plan: Plan, triples: Iterable[tuple[str, str, str]]) -> None:
        self.plan = plan
        self.props: dict[str, list[tuple[str, str]]] = {}
        self.types: dict[str, list[str]] = defaultdict(list)
        self.problems: list[RdfProblem] = []
        self.built: set[str] = set()  # subjects whose triples were read into some object
        self.memo: dict[str, tuple[dict[str, Any], int]] = {}  # inlined node -> (data, nodes)
        self.building: set[str] = set()  # the inlined nodes being built (a cycle guard)
        self.max_depth = max_nesting()
        self.copies = 0  # nodes built, a shared node counted once per parent
        self.budget = max_inlined_copies() * max(
            1, len(triples) if isinstance(triples, list) else 1
        )
        self.over_budget = False
        props = self.props
        # objects of predicates that inline somewhere in the schema: candidates for nested
        # nodes, kept with the subject and predicate that point at them
        inlined = plan.inlined_predicates
        held_by: dict[str, list[tuple[str, str]]] = {}
        for s, p, o in triples:
            if p == RDF_TYPE and o[0] == "<":
                if o[1:-1] not in self.types[s]:  # a graph is a set: a repeated triple is one
                    self.types[s].append(o[1:-1])
                continue
            bucket = props.get(s)
            if bucket is None:
                bucket = props[s] = []
            bucket.append((p, o))
            if p in inlined and o[0] != '"':
                held_by.setdefault(s, []).append((p, o))
        self.nested = self._nested(held_by)

    def _nested(self, held_by: dict[str, list[tuple[str, str]]]) -> set[str]:
        """The nodes a loaded node holds through an inlined slot of its own class: they are
        built inside it, never as records of their own. A node that only something else points
        at (another vocabulary's node, a slot the class does not have) stays a record."""
        classes = self.plan.classes
        nested: set[str] = set()
        todo = [(s, c) for s in self.types if s in held_by and (c := self.class_of(s))]
        seen: set[str] = set()
        while todo:
            subject, cplan = todo.pop()
            if subject in seen:
                continue
            seen.add(subject)
            for p, o in held_by.get(subject, ()):
                slot = cplan.by_predicate.get(p)
                if slot is not None and slot.kind == "inlined":
                    nested.add(o)
                    if o in held_by:
                        todo.append((o, classes[slot.range]))
        return nested

    def class_of(self, subject: str) -> ClassPlan | None:
        by_iri = self.plan.by_class_iri
        known = [by_iri[t] for t in self.types.get(subject, ()) if t in by_iri]
        return known[0] if len(known) == 1 else None

    def roots(self) -> list[tuple[str, ClassPlan]]:
        """The typed nodes that no other node inlines: the records to return."""
        typed: list[tuple[str, ClassPlan]] = []
        for subject, type_iris in self.types.items():
            if subject in self.nested:
                continue
            cplan = self.class_of(subject)
            if cplan is None:
                if sum(t in self.plan.by_class_iri for t in type_iris) > 1:
                    message = "has more than one pl_vocab class"
                    self.problems.append(RdfProblem(_show(subject), RDF_TYPE, message))
                    self.built.add(subject)  # reported: not again as unread
                continue
            typed.append((subject, cplan))
        return typed

    def value(self, subject: str, slot: SlotPlan, term: str) -> Any:
        """The Python value of one N-Triples object term for one slot (None after a problem)."""
        kind = slot.kind
        first = term[0]
        if kind == "literal" or kind == "localized":
            if first != '"':
                return self._problem(subject, slot, "expects a literal value, found an IRI or node")
            end = term.rfind('"')
            text, suffix = _unescape(term[1:end]), term[end + 1 :]
            if kind == "localized":
                if not suffix.startswith("@"):
                    return self._problem(subject, slot, "expects a language-tagged text")
                return {"value": text, "language": canonical_language_tag(suffix[1:])}
            dt = slot.datatype
            if suffix and suffix not in _ACCEPTED.get(dt, (f"^^<{dt}>",)):
                kept = "a language tag" if suffix[0] == "@" else f"the datatype {suffix[2:]}"
                return self._problem(
                    subject, slot, f"has {kept}, which this slot cannot keep; it was not loaded"
                )
            if dt is None or dt not in _NUMERIC_OR_BOOLEAN:
                return text
            try:
                if dt == _XSD_BOOLEAN:
                    if text not in ("true", "false", "1", "0"):
                        raise ValueError(text)
                    return text in ("true", "1")
                return int(text) if dt == _XSD_INTEGER else float(text)
            except ValueError:
                what = "a value" if slot.sensitive else repr(text)
                return self._problem(
                    subject, slot, f"{what} is not a valid {dt.rsplit('#', 1)[-1]}"
                )
        if kind == "inlined":
            if first == '"':
                return self._problem(subject, slot, "expects a node, found a literal")
            return self.inline(subject, slot, term)
        if first != "<":
            return self._problem(subject, slot, "expects an IRI, found a literal or blank node")
        iri = term[1:-1]
        if kind == "enum":
            found = slot.iri_to_enum.get(iri)
            if found is None:
                return self._problem(
                    subject, slot, f"<{iri}> is not one of the values of {slot.range}"
                )
            return found
        return self.plan.compress(iri)

    def inline(self, subject: str, slot: SlotPlan, term: str) -> dict[str, Any] | None:
        """The node ``term`` built once, inside ``subject``: a node inlined under several
        parents is built once and shared (linear time), within a budget of copies
        (:func:`max_inlined_copies`); a node that holds itself, or nesting deeper than the
        limit, is a problem."""
        cached = self.memo.get(term)
        if cached is not None:
            self.copies += cached[1]
            if self.copies > self.budget:
                if not self.over_budget:
                    self.over_budget = True
                    self._problem(
                        subject,
                        slot,
                        (
                            "inlines nodes shared with other records more often than the limit of "
                            f"{self.budget:,} copies allows; they were not loaded (raise "
                            f"{MAX_COPIES_ENV}, or refer to the shared node by its IRI)"
                        ),
                    )
                return None
            return cached[0]
        if term in self.building:
            self._problem(subject, slot, "inlines a node that holds it (a cycle)")
            return None
        if len(self.building) >= self.max_depth:
            self._problem(
                subject,
                slot,
                (
                    f"nests inlined nodes more than {self.max_depth} levels deep; raise "
                    f"{MAX_NESTING_ENV} if this is intended"
                ),
            )
            return None
        self.building.add(term)
        before = self.copies
        data = self.build(term, self.plan.classes[slot.range])
        self.building.discard(term)
        size = 1 + self.copies - before
        self.copies += 1
        self.memo[term] = (data, size)
        return data

    def _problem(self, subject: str, slot: SlotPlan, message: str) -> None:
        self.problems.append(RdfProblem(_show(subject), slot.iri, message))

    def unread(self) -> None:
        """A problem for each subject whose triples no object took: no pl_vocab class names
        it and no loaded object holds it (nothing is dropped without a word)."""
        left = 0  # subjects past the first MAX_PROBLEMS: counted, not listed one by one
        for subject in (*self.props, *(s for s in self.types if s not in self.props)):
            if subject in self.built:
                continue
            if len(self.problems) >= MAX_PROBLEMS:
                left += 1
                continue
            count = len(self.props.get(subject, ())) + len(self.types.get(subject, ()))
            triples = f"{count} triple{'s' if count != 1 else ''}"
            foreign = [t for t in self.types.get(subject, ()) if t not in self.plan.by_class_iri]
            lost = f"its {triples} {'were' if count != 1 else 'was'} not loaded"
            if foreign:
                message = f"its class <{foreign[0]}> is not a pl_vocab class; {lost}"
            else:
                message = (
                    f"has no rdf:type naming a pl_vocab class and no loaded record holds it; {lost}"
                )
            fix = (
                "give it an rdf:type with its pl_vocab class (the classes are listed in "
                "docs/schema/index.md), or remove its triples if they do not belong here"
            )
            self.problems.append(RdfProblem(_show(subject), None, message, fix))
        if left:
            message = f"and {left:,} more subjects: none was loaded (no pl_vocab class holds them)"
            self.problems.append(RdfProblem("(more)", None, message))

    def build(self, subject: str, cplan: ClassPlan) -> dict[str, Any]:
        self.built.add(subject)
        for t in self.types.get(subject, ()):
            if t not in self.plan.by_class_iri:  # an object keeps one class: say what is lost
                message = f"also has the class <{t}>, which a pl_vocab record cannot keep; it was not loaded"
                self.problems.append(RdfProblem(_show(subject), RDF_TYPE, message))
        data: dict[str, Any] = {}
        if cplan.identifier and subject[0] == "<":
            data[cplan.identifier] = self.plan.compress(subject[1:-1])
        by_predicate = cplan.by_predicate
        compress = self.plan.compress
        for p, o in self.props.get(subject, ()):
            slot = by_predicate.get(p)
            if slot is None:
                message = f"fits no slot of {cplan.name}; it was not loaded"
                self.problems.append(RdfProblem(_show(subject), p, message))
                continue
            kind = slot.kind
            # the two commonest cases inline (this loop runs once per triple), the rest in value()
            if kind == "reference" and o[0] == "<":
                v = o[1:-1]
                if v.startswith(_OWN_NAMESPACE):
                    v = compress(v)
            elif kind == "literal" and slot.datatype is None and o[0] == '"' and o[-1] == '"':
                v = o[1:-1]
                if "\\" in v:
                    v = _unescape(v)
            else:
                v = self.value(subject, slot, o)
                if v is None:
                    continue
            if slot.multivalued:
                data.setdefault(slot.name, []).append(v)
            elif slot.name in data:
                if data[slot.name] == v:
                    continue  # the same triple repeated: one value (a list keeps repeats)
                message = f"{slot.name} takes one value, found several"
                self.problems.append(RdfProblem(_show(subject), p, message))
            else:
                data[slot.name] = v
        return data


def canonical_ntriples(text: str) -> list[tuple[str, str, str]] | None:
    """The (subject, predicate IRI, object) terms of N-Triples text if every line is canonical.

    None when any line is not (comments, blank lines, other spacing, CRLF, escapes in IRIs,
    unusual blank node labels, or anything malformed): such text must go through a full parser.
    """
    gc_was_on = gc.isenabled()
    gc.disable()  # a tuple per triple, and no cycles: see from_ntriples
    try:
        triples: list[tuple[str, str, str]] = _STRICT_LINE.findall(text)
    finally:
        if gc_was_on:
            gc.enable()
    lines = text.count("\n") + (0 if not text or text.endswith("\n") else 1)
    return triples if len(triples) == lines else None


def from_ntriples(
    text: str | list[tuple[str, str, str]],
    *,
    source: str = "<input>",
    plan: Plan | None = None,
) -> list[BaseModel]:
    """Build validated model objects from canonical N-Triples (as pyoxigraph writes it).

    ``text`` is the N-Triples text itself, trusted to be canonical, or its lines already split by
    :func:`canonical_ntriples`. The top-level objects are the typed nodes that no other node
    inlines; references stay IRIs.

    :raises RdfDataError: listing every triple that fits no slot and every invalid value.
    """
    from pl_vocab.models import model_class

    plan = plan or get_plan()
    triples = _LINE.findall(text) if isinstance(text, str) else text
    # many small objects are made here and none of them form cycles: the cyclic garbage collector
    # would only rescan them again and again (it doubles the time on large files)
    gc_was_on = gc.isenabled()
    gc.disable()
    try:
        reader = _Reader(plan, triples)
        out: list[BaseModel] = []
        for subject, cplan in sorted(reader.roots(), key=lambda sc: sc[0]):
            data = reader.build(subject, cplan)
            try:
                out.append(model_class(cplan.name).model_validate(data))
            except ValidationError as exc:
                for e in exc.errors(include_input=False, include_url=False):
                    path = ".".join(str(x) for x in e["loc"])
                    message = f"{cplan.name}.{path}: {e['type'].replace('_', ' ')}"
                    reader.problems.append(RdfProblem(_show(subject), None, message))
        reader.unread()
    finally:
        if gc_was_on:
            gc.enable()
    if reader.problems:
        raise RdfDataError(reader.problems, source)
    return out


def from_triples(
    triples: Iterable[Any], *, source: str = "<input>", plan: Plan | None = None
) -> list[BaseModel]:
    """Build validated model objects from pyoxigraph triples or quads (graph names are ignored)."""
    plain = (ox.Triple(t.subject, t.predicate, t.object) for t in triples)
    nt = ox.serialize(plain, format=ox.RdfFormat.N_TRIPLES)
    return from_ntriples((nt or b"").decode("utf-8"), source=source, plan=plan)


def from_rdf(
    data: bytes,
    fmt: str,
    *,
    source: str = "<input>",
    base_iri: str | None = None,
    plan: Plan | None = None,
) -> list[BaseModel]:
    """Build validated model objects from RDF text: the one parsing entry of record RDF.

    :param fmt: ``turtle``, ``ntriples``, ``nquads``, ``rdfxml``, or ``jsonld`` whose contexts
        were resolved (:func:`pl_vocab.rdf.jsonld.jsonld_for_parser`).
    :param base_iri: resolve relative IRIs against it (without one they are an error).
    :raises pl_vocab.io.rdf.RdfSyntaxError: for unsafe or malformed text, with line and column.
    :raises RdfDataError: for triples that do not fit the schema.
    """
    from pl_vocab.io.rdf import to_canonical_ntriples

    if fmt == "ntriples" and base_iri is None:
        # N-Triples already in canonical form is checked and split in one pass, without the round
        # trip through pyoxigraph; anything else (or text that is not UTF-8) takes the full parser
        try:
            lines = canonical_ntriples(data.decode("utf-8"))
        except UnicodeDecodeError:
            lines = None
        if lines is not None:
            return from_ntriples(lines, source=source, plan=plan)
    graphs: dict[str, int] = {}
    nt = to_canonical_ntriples(data, fmt, source=source, base_iri=base_iri, graphs=graphs)
    fix = "write the triples in the default graph (N-Triples, Turtle, or N-Quads without one)"
    lost = [
        RdfProblem(
            _show(g),
            None,
            f"is a named graph ({n:,} triple(s)); a record keeps no graph "
            "name, so the name would be lost",
            fix,
        )
        for g, n in graphs.items()
    ]
    try:
        objects = from_ntriples(nt, source=source, plan=plan)
    except RdfDataError as exc:
        raise RdfDataError([*lost, *exc.problems], source) from None
    if lost:
        raise RdfDataError(lost, source)
    return objects
