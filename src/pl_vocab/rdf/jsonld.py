"""JSON-LD: a compact writer that uses the published pl_vocab context, and a reader that never
touches the network.

The context has one published IRI, :data:`CONTEXT_IRI`; the package bundles it, and the reader
resolves that IRI (and only bundled contexts) to the bundled copy. Any other remote or ``file:``
context, in ``@context`` or ``@import``, anywhere in the document, is refused with its IRI named.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from functools import cache
from typing import Any

from pydantic import BaseModel

from pl_vocab.core.errors import InputError
from pl_vocab.io.json_safe import read_json
from pl_vocab.rdf.plan import (
    DEFAULT_MAX_NESTING,
    MAX_NESTING_ENV,
    ClassPlan,
    Plan,
    get_plan,
    max_nesting,
)

__all__ = [
    "CONTEXT_IRI",
    "DEFAULT_MAX_NESTING",
    "UnsafeJsonLdError",
    "bundled_context",
    "jsonld_for_parser",
    "max_nesting",
    "resolve_contexts",
    "to_jsonld",
]

CONTEXT_IRI = "https://w3id.org/pl-vocab/context/v0.jsonld"
"""The published IRI of the pl_vocab JSON-LD context; its path names the major version."""


class UnsafeJsonLdError(InputError):
    """A JSON-LD document asks for a context pl_vocab will not fetch (an input error: the
    command exits 2 with the IRI named)."""


@cache
def bundled_context() -> dict[str, Any]:
    """The ``@context`` object bundled with the package (the published context's content)."""
    from pl_vocab._resources import generated_json

    body: dict[str, Any] = generated_json("context.jsonld")["@context"]
    return body


def _bundled() -> dict[str, dict[str, Any]]:
    return {CONTEXT_IRI: bundled_context()}


@cache
def _for_parser() -> dict[str, dict[str, Any]]:
    """The bundled contexts as the RDF parser gets them: without ``@protected``, which
    :mod:`pl_vocab.rdf.jsonld_fidelity` enforces with the place named (pyoxigraph also refuses
    the enum values' property-scoped contexts, which JSON-LD 1.1 lets override a protected
    term)."""
    return {
        iri: {k: v for k, v in body.items() if k != "@protected"}
        for iri, body in _bundled().items()
    }


class _Resolver:
    """Walks a document: bundled context IRIs replaced, anything else that would be fetched
    refused, language tags checked."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.bundled = _for_parser()

    def context(self, value: Any, path: str) -> Any:
        """The value of an ``@context`` (an IRI, a list of contexts, or a context object)."""
        if isinstance(value, str):
            if value in self.bundled:
                return self.bundled[value]
            raise UnsafeJsonLdError(
                f"{self.source}: {path} refers to the context {value!r}; pl_vocab never fetches "
                f"contexts. Use {CONTEXT_IRI!r} (bundled) or embed the context in the document."
            )
        if isinstance(value, list):
            return [self.context(v, f"{path}[{i}]") for i, v in enumerate(value)]
        if isinstance(value, dict):
            return {k: self.definition(k, v, path) for k, v in value.items()}
        return value

    def definition(self, key: str, value: Any, path: str) -> Any:
        """One entry of a context object."""
        if key == "@import":
            raise UnsafeJsonLdError(
                f"{self.source}: {path}.@import refers to {value!r}; imported contexts are not "
                "fetched. Embed the context instead."
            )
        if key == "@language":
            _check_language(value, f"{path}.{key}", self.source)
        elif _names_language(value):
            raise InputError(
                f"{self.source}: {path}.{key} makes {key!r} an alias of @language or a language "
                "map, which pl_vocab does not read (a malformed tag there would lose its text "
                'without a word). Write {"@value": ..., "@language": ...} instead.'
            )
        return self.walk(value, f"{path}.{key}") if isinstance(value, dict | list) else value

    def walk(self, node: Any, path: str) -> Any:
        """A node of the document, with its contexts resolved."""
        if isinstance(node, list):
            return [self.walk(v, f"{path}[{i}]") for i, v in enumerate(node)]
        if not isinstance(node, dict):
            return node
        out = {}
        for k, v in node.items():
            if k == "@context":
                out[k] = self.context(v, f"{path}.@context")
                continue
            if k == "@language":
                _check_language(v, f"{path}.{k}", self.source)
            out[k] = self.walk(v, f"{path}.{k}")
        return out


def resolve_contexts(document: Any, *, source: str = "<input>") -> Any:
    """Replace every bundled context IRI in ``document`` by its bundled content; refuse others.

    :raises UnsafeJsonLdError: naming the IRI of a remote or ``file:`` context or ``@import``.
    """
    return _Resolver(source).walk(document, "$")


def _depth(document: Any) -> int:
    """How many arrays and objects deep ``document`` goes (iteratively: no recursion limit)."""
    deepest, todo = 0, [(document, 1)]
    while todo:
        node, depth = todo.pop()
        if isinstance(node, dict | list):
            deepest = max(deepest, depth)
            todo.extend((v, depth + 1) for v in (node.values() if isinstance(node, dict) else node))
    return deepest


def jsonld_for_parser(text: str, *, source: str, losses: list[Any] | None = None) -> bytes:
    """JSON-LD text made safe for an RDF parser: strict JSON, every context resolved to the
    bundled one (or refused), as bytes for :func:`pl_vocab.io.rdf.parse_triples`.

    :param losses: when given, every key and node the parser would drop without a word is
        appended to it (:func:`pl_vocab.rdf.jsonld_fidelity.jsonld_losses`).
    :raises InputError: for text that is not strict JSON, nested more deeply than
        :func:`max_nesting`, asks for a context that would be fetched
        (:class:`UnsafeJsonLdError`), or redefines a protected pl_vocab term.
    """
    from pl_vocab.rdf.jsonld_fidelity import jsonld_losses

    doc = read_json(text, source)
    limit = max_nesting()
    if (depth := _depth(doc)) > limit:
        raise InputError(
            f"{source}: the JSON-LD nests {depth} levels deep, more than the limit of {limit}; "
            f"flatten it (nodes in @graph, linked by id), or raise {MAX_NESTING_ENV}."
        )
    try:
        resolved = resolve_contexts(doc, source=source)
        found = jsonld_losses(doc, source=source, bundled=_bundled())
    except RecursionError:
        raise InputError(
            f"{source}: the JSON-LD is nested too deeply to read safely; flatten it, or lower "
            f"{MAX_NESTING_ENV}."
        ) from None
    if losses is not None:
        losses.extend(found)
    return json.dumps(resolved).encode("utf-8")


def _names_language(definition: Any) -> bool:
    """Whether a context's term definition aliases ``@language`` or declares a language map."""
    if definition == "@language":
        return True
    if not isinstance(definition, dict):
        return False
    container = definition.get("@container")
    containers = container if isinstance(container, list) else [container]
    return definition.get("@id") == "@language" or "@language" in containers


def _check_language(tag: Any, path: str, source: str) -> None:
    """Refuse a language tag that is not well-formed BCP 47: the RDF reader would drop the text
    it tags without a word (the tag is named; it is not a sensitive value)."""
    import pyoxigraph as ox

    if tag is None:
        return  # "@language": null resets the default language
    problem = "is not text" if not isinstance(tag, str) else None
    if problem is None:
        try:
            ox.Literal("", language=tag)
        except ValueError as exc:
            problem = f"is not a language tag ({str(exc)[:1].lower() + str(exc)[1:]})"
    if problem is not None:
        shown = repr(tag)[:40]
        raise InputError(
            f"{source}: {path} {shown} {problem}; the text it tags would be lost. Use a BCP 47 "
            "tag such as en, es or es-MX."
        )


def _node(data: dict[str, Any], cplan: ClassPlan, plan: Plan) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if cplan.identifier and cplan.identifier in data:
        out["id"] = data[cplan.identifier]
    out["type"] = cplan.name
    for name, value in data.items():
        if name == cplan.identifier:
            continue
        slot = cplan.slots[name]
        if slot.kind == "localized":
            out[name] = [{"@value": v["value"], "@language": v["language"]} for v in value]
        elif slot.kind == "inlined":
            child = plan.classes[slot.range]
            out[name] = (
                [_node(v, child, plan) for v in value]
                if slot.multivalued
                else _node(value, child, plan)
            )
        else:
            out[name] = [_number(v) for v in value] if slot.multivalued else _number(value)
    return out


_XSD_DOUBLE = "http://www.w3.org/2001/XMLSchema#double"


def _number(value: Any) -> Any:
    """A JSON value as JSON-LD keeps its meaning: -0.0 as a typed value, since JSON-LD turns an
    integral JSON number into an xsd:integer and the sign of zero would be lost."""
    if isinstance(value, float) and value == 0.0 and math.copysign(1.0, value) < 0:
        return {"@value": "-0.0E0", "@type": _XSD_DOUBLE}
    return value


def to_jsonld(
    objects: BaseModel | Iterable[BaseModel],
    *,
    embed_context: bool = False,
    plan: Plan | None = None,
) -> dict[str, Any]:
    """Compact JSON-LD for one object (a node) or many (an ``@graph``), with ``type`` on every node.

    >>> from pl_vocab.models import Learner
    >>> to_jsonld(Learner(id="plv:learner/1", grade_level="7"))
    {'@context': 'https://w3id.org/pl-vocab/context/v0.jsonld', 'id': 'plv:learner/1', 'type': 'Learner', 'grade_level': '7'}
    """
    plan = plan or get_plan()
    context: Any = bundled_context() if embed_context else CONTEXT_IRI
    single = isinstance(objects, BaseModel)
    items = [objects] if isinstance(objects, BaseModel) else list(objects)
    nodes = [
        _node(o.model_dump(mode="json", exclude_none=True), plan.classes[type(o).__name__], plan)
        for o in items
    ]
    if single:
        return {"@context": context, **nodes[0]}
    return {"@context": context, "@graph": nodes}


def dumps_jsonld(objects: BaseModel | Iterable[BaseModel], *, embed_context: bool = False) -> str:
    """JSON-LD text (UTF-8, non-ASCII kept as is)."""
    return (
        json.dumps(to_jsonld(objects, embed_context=embed_context), ensure_ascii=False, indent=2)
        + "\n"
    )
