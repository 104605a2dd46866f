"""SKOS integrity checks, family H of the check catalogue (H002-H020; H001, parse errors, is
reported by the readers). They run on any SKOS a district sends and on every SKOS pl_vocab exports.

Each check reads a prepared index of the graph, so the whole family is linear in the number of
triples (hierarchy checks are linear in the hierarchy's size times its depth).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from pl_vocab.core.catalogue import Rule, rule
from pl_vocab.core.model import Finding, Location

__all__ = ["H_CHECKS", "SkosCheck", "check_skos"]

SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
OWL_DEPRECATED = "http://www.w3.org/2002/07/owl#deprecated"
IS_REPLACED_BY = "http://purl.org/dc/terms/isReplacedBy"
CONCEPT, SCHEME, COLLECTION = SKOS + "Concept", SKOS + "ConceptScheme", SKOS + "Collection"
LABELS = {SKOS + "prefLabel": "pref", SKOS + "altLabel": "alt", SKOS + "hiddenLabel": "hidden"}
DOCS = {SKOS + "definition", SKOS + "scopeNote"}
MAPPINGS = {
    SKOS + p for p in ("exactMatch", "closeMatch", "broadMatch", "narrowMatch", "relatedMatch")
}
SKOS_TERMS = {
    SKOS + t
    for t in [
        "Concept",
        "ConceptScheme",
        "Collection",
        "OrderedCollection",
        "inScheme",
        "hasTopConcept",
        "topConceptOf",
        "prefLabel",
        "altLabel",
        "hiddenLabel",
        "notation",
        "note",
        "changeNote",
        "definition",
        "editorialNote",
        "example",
        "historyNote",
        "scopeNote",
        "semanticRelation",
        "broader",
        "narrower",
        "related",
        "broaderTransitive",
        "narrowerTransitive",
        "member",
        "memberList",
        "mappingRelation",
        "closeMatch",
        "exactMatch",
        "broadMatch",
        "narrowMatch",
        "relatedMatch",
    ]
}
_BCP47 = re.compile(
    r"^[A-Za-z]{2,3}(-[A-Za-z]{3}){0,3}(-[A-Za-z]{4})?(-([A-Za-z]{2}|[0-9]{3}))?(-([A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*(-[A-WY-Za-wy-z0-9](-[A-Za-z0-9]{2,8})+)*(-x(-[A-Za-z0-9]{1,8})+)?$|^x(-[A-Za-z0-9]{1,8})+$"
)


def _key(term: Any) -> str:
    return term.value if isinstance(term, ox.NamedNode) else f"_:{term.value}"


@dataclass
class _Graph:
    types: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    out: dict[str, dict[str, list[Any]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(list))
    )
    predicates: set[tuple[str, str]] = field(default_factory=set)

    @classmethod
    def build(cls, triples: Iterable[Any]) -> _Graph:
        g = cls()
        for t in triples:
            s, p, o = _key(t.subject), t.predicate.value, t.object
            g.predicates.add((s, p))
            if p == RDF_TYPE and isinstance(o, ox.NamedNode):
                g.types[s].add(o.value)
            g.out[s][p].append(o)
        return g

    def concepts(self) -> list[str]:
        return sorted(s for s, ts in self.types.items() if CONCEPT in ts)

    def refs(self, s: str, p: str) -> list[str]:
        return [_key(o) for o in self.out.get(s, {}).get(p, ()) if not isinstance(o, ox.Literal)]

    def literals(self, s: str, p: str) -> list[ox.Literal]:
        return [o for o in self.out.get(s, {}).get(p, ()) if isinstance(o, ox.Literal)]

    def broader_map(self) -> dict[str, set[str]]:
        up: dict[str, set[str]] = defaultdict(set)
        for s in self.out:
            for b in self.refs(s, SKOS + "broader"):
                up[s].add(b)
            for n in self.refs(s, SKOS + "narrower"):
                up[n].add(s)
        return up


@dataclass(frozen=True)
class SkosCheck:
    """One SKOS check: its rule in the catalogue (:mod:`pl_vocab.core.catalogue`) and its code."""

    rule: Rule
    run: Callable[[_Graph], Iterator[tuple[str, str | None, str]]]

    @property
    def id(self) -> str:
        return self.rule.id


def _h002(g: _Graph) -> Iterator[tuple[str, str | None, str]]:
    for s, ts in g.types.items():
        if CONCEPT in ts and (SCHEME in ts or COLLECTION in ts):
            yield s, RDF_TYPE, "is typed both as a concept and as a concept scheme or collection"


def _h003(g: _Graph) -> Iterator[tuple[str, str | None, str]]:
    for c in g.concepts():
        if not g.literals(c, SKOS + "prefLabel"):
            yield c, SKOS + "prefLabel", "has no preferred label"


def _h004(g: _Graph) -> Iterator[tuple[str, str | None, str]]:
    for c in g.concepts():
        langs: dict[str, int] = defaultdict(int)
        for lit in g.literals(c, SKOS + "prefLabel"):
            langs[(lit.language or "").lower()] += 1
        for lang, n in sorted(langs.items()):
            if n > 1:
                yield (
                    c,
                    SKOS + "prefLabel",
                    f"has {n} preferred labels in language '{lang or 'none'}'",
                )


def _h005(g: _Graph) -> Iterator[tuple[str, str | None, str]]:
    for c in g.concepts():
        seen: dict[tuple[str, str], str] = {}
        for p, kind in LABELS.items():
            for lit in g.literals(c, p):
                k = (lit.value, (lit.language or "").lower())
                if k in seen and seen[k] != kind:
                    yield c, p, f"uses the same text as both a {seen[k]} and a {kind} label"
                seen.setdefault(k, kind)


def _h006(g: _Graph) -> Iterator[tuple[str, str | None, str]]:
    for c in g.concepts():
        for p in LABELS:
            if any(not lit.value.strip() for lit in g.literals(c, p)):
                yield c, p, "has an empty label"


def _h007(g: _Graph) -> Iterator[tuple[str, str | None, str]]:
    for c in g.concepts():
        for p in (*LABELS, *DOCS):
            if any(not lit.language for lit in g.literals(c, p)):
                yield c, p, "has a label or definition without a language tag"


def _h008(g: _Graph) -> Iterator[tuple[str, str | None, str]]:
    for c in g.concepts():
        for p in (*LABELS, *DOCS):
            for lit in g.literals(c, p):
                if lit.language and not _BCP47.match(lit.language):
                    yield c, p, f"has the malformed language tag '{lit.language}'"


def _h009(g: _Graph) -> Iterator[tuple[str, str | None, str]]:
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for c in g.concepts():
        for p in (SKOS + "prefLabel", SKOS + "altLabel"):
            for lit in g.literals(c, p):
                owners[(" ".join(lit.value.casefold().split()), (lit.language or "").lower())].add(
                    c
                )
    for (text, lang), cs in sorted(owners.items()):
        if len(cs) > 1:
            first, *others = sorted(cs)
            yield (
                first,
                SKOS + "prefLabel",
                f"shares the label '{text}'@{lang} with {', '.join(others)}",
            )


def _ancestors(up: dict[str, set[str]], start: str) -> set[str]:
    """Every concept above ``start`` (one walk: O(V + E) of the part above it)."""
    seen: set[str] = set()
    stack = list(up.get(start, ()))
    while stack:
        n = stack.pop()
        if n not in seen:
            seen.add(n)
            stack.extend(up.get(n, ()))
    return seen


def _in_cycles(up: dict[str, set[str]]) -> set[str]:
    """The concepts that are their own ancestor: those in a strongly connected component of
    more than one concept, or with a broader link to themselves. Tarjan's algorithm without
    recursion, O(V + E)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    out: set[str] = {c for c, bs in up.items() if c in bs}
    for root in sorted(up):
        if root in index:
            continue
        work = [(root, iter(sorted(up.get(root, ()))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(up.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    n = stack.pop()
                    on_stack.discard(n)
                    component.append(n)
                    if n == node:
                        break
                if len(component) > 1:
                    out.update(component)
    return out


def _h010(g: _Graph) -> Iterator[tuple[str, str | None, str]]:
    """Cycles in the broader hierarchy: one SCC pass, O(V + E)."""
    for c in sorted(_in_cycles(g.broader_map())):
        yield c, SKOS + "broader", "is its own ancestor: the broader hierarchy has a cycle"


def _reaches(up: dict[str, set[str]], start: str, goal: str) -> bool:
    """Whether ``goal`` is above ``start``: a walk that stops when it finds it, O(V + E)."""
    seen: set[str] = set()
    stack = list(up.get(start, ()))
    while stack:
        n = stack.pop()
        if n == goal:
            return True
        if n not in seen:
            seen.add(n)
            stack.extend(up.get(n, ()))
    return False


def _h011(g: _Graph) -> Iterator[tuple[str, str | None, str]]:
    """Related concepts that are also above or below each other. Only concepts with a
    ``related`` link are walked: O(V + E) to build, plus O(V + E) per related pair (a plain
    hierarchy with no related links, however deep, is linear)."""
    up = g.broader_map()
    for c in g.concepts():
        for r in g.refs(c, SKOS + "related"):
            if _reaches(up, c, r) or _reaches(up, r, c):
                yield c, SKOS + "related", f"is related to {r}, which is also above or below it"


def _h012(g: _Graph) -> Iterator[tuple[str, str | None, str]]:
    for c in g.concepts():
        exact = set(g.refs(c, SKOS + "exactMatch"))
        for p in ("broadMatch", "narrowMatch", "relatedMatch"):
            for clash in sorted(exact & set(g.refs(c, SKOS + p))):
                yield c, SKOS + p, f"maps to {clash} both as exactMatch and as {p}"


def _h013(g: _Graph) -> Iterator[tuple[str, str | None, str]]:
    for c in g.concepts():
        for p in (SKOS + "broader", SKOS + "narrower", SKOS + "related", *MAPPINGS):
            if c in g.refs(c, p):
                yield c, p, "points at itself"


def _h014(g: _Graph) -> Iterator[tuple[str, str | None, str]]:
    for s, p in sorted(g.predicates):
        if p.startswith(SKOS) and p not in SKOS_TERMS:
            yield s, p, f"uses '{p[len(SKOS) :]}', which SKOS does not define (a typo?)"
    for s, ts in sorted(g.types.items()):
        for t in sorted(ts):
            if t.startswith(SKOS) and t not in SKOS_TERMS:
                yield s, RDF_TYPE, f"has the type '{t[len(SKOS) :]}', which SKOS does not define"


def _h015(g: _Graph) -> Iterator[tuple[str, str | None, str]]:
    for c in g.concepts():
        schemes = set(g.refs(c, SKOS + "inScheme"))
        for p in sorted(MAPPINGS):
            for o in g.refs(c, p):
                if schemes & set(g.refs(o, SKOS + "inScheme")):
                    yield c, p, f"uses a mapping property to {o}, a concept of the same scheme"


def _h016(g: _Graph) -> Iterator[tuple[str, str | None, str]]:
    for c in g.concepts():
        deprecated = any(lit.value in ("true", "1") for lit in g.literals(c, OWL_DEPRECATED))
        if deprecated and not g.refs(c, IS_REPLACED_BY):
            yield c, OWL_DEPRECATED, "is deprecated without dcterms:isReplacedBy"


def _h017(g: _Graph) -> Iterator[tuple[str, str | None, str]]:
    for c in g.concepts():
        if not any(g.literals(c, p) for p in DOCS):
            yield c, SKOS + "definition", "has no definition or scope note"


def _h018(g: _Graph) -> Iterator[tuple[str, str | None, str]]:
    per: dict[str, set[str]] = {
        c: {(lit.language or "").lower() for lit in g.literals(c, SKOS + "prefLabel")}
        for c in g.concepts()
    }
    everywhere = set().union(*per.values()) - {""} if per else set()
    for c, langs in per.items():
        missing = sorted(everywhere - langs)
        if missing:
            yield c, SKOS + "prefLabel", f"has no preferred label in {', '.join(missing)}"


def _h019(g: _Graph) -> Iterator[tuple[str, str | None, str]]:
    linked: set[str] = set()
    for c in g.concepts():
        for p in ("broader", "narrower", "related"):
            targets = g.refs(c, SKOS + p)
            if targets:
                linked.add(c)
                linked.update(targets)
    for c in g.concepts():
        if c not in linked:
            yield c, None, "has no broader, narrower or related concept"


def _h020(g: _Graph) -> Iterator[tuple[str, str | None, str]]:
    """Hierarchy and inverse hygiene. Redundant broader links are looked for only where a
    concept has two or more direct broader concepts (O(V + E) each); everything else is one
    pass over the concepts and their links, O(V + E)."""
    up = g.broader_map()
    concepts = g.concepts()
    for c in concepts:
        direct = set(g.refs(c, SKOS + "broader"))
        if len(direct) > 1:
            above = {d: _ancestors(up, d) for d in direct}
            for b in sorted(direct):
                if any(b in above[d] for d in direct - {b}):
                    yield (
                        c,
                        SKOS + "broader",
                        f"hierarchical redundancy: {b} is already an ancestor",
                    )
        if g.refs(c, SKOS + "topConceptOf") and direct:
            yield c, SKOS + "topConceptOf", "is a top concept and also has a broader concept"
    schemes = sorted(s for s, ts in g.types.items() if SCHEME in ts)
    named_top = {s for c in concepts for s in g.refs(c, SKOS + "topConceptOf")}
    for s in schemes:
        if not g.refs(s, SKOS + "hasTopConcept") and s not in named_top:
            yield s, SKOS + "hasTopConcept", "the concept scheme names no top concepts"
    for c in concepts:
        if schemes and not g.refs(c, SKOS + "inScheme"):
            yield c, SKOS + "inScheme", "is in no concept scheme"
        for r in g.refs(c, SKOS + "related"):
            if c not in g.refs(r, SKOS + "related"):
                yield c, SKOS + "related", f"missing inverse: {r} is not related back"
        for b in g.refs(c, SKOS + "broader"):
            if c not in g.refs(b, SKOS + "narrower"):
                yield c, SKOS + "broader", f"missing inverse: {b} does not list it as narrower"


H_CHECKS: tuple[SkosCheck, ...] = tuple(
    SkosCheck(rule(i), fn)
    for i, fn in (
        ("H002", _h002),
        ("H003", _h003),
        ("H004", _h004),
        ("H005", _h005),
        ("H006", _h006),
        ("H007", _h007),
        ("H008", _h008),
        ("H009", _h009),
        ("H010", _h010),
        ("H011", _h011),
        ("H012", _h012),
        ("H013", _h013),
        ("H014", _h014),
        ("H015", _h015),
        ("H016", _h016),
        ("H017", _h017),
        ("H018", _h018),
        ("H019", _h019),
        ("H020", _h020),
    )
)


def check_skos(triples: Iterable[Any], *, source: str | None = None) -> list[Finding]:
    """Run every H check over the triples; return findings sorted by check and subject.

    >>> from pl_vocab.skos import vocabulary_to_skos
    >>> [f.id for f in check_skos(vocabulary_to_skos()) if f.severity.value != "info"]
    []
    """
    g = _Graph.build(triples)
    findings: list[Finding] = []
    for check in H_CHECKS:
        for subject, predicate, message in check.run(g):
            findings.append(
                Finding(
                    id=check.rule.id,
                    name=check.rule.name,
                    severity=check.rule.severity,
                    message=message,
                    location=Location(file=source, subject=subject, predicate=predicate),
                )
            )
    return findings
