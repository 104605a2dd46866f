"""What a JSON-LD document holds that would not become a triple: every key and node an RDF
parser would drop without a word, found before parsing, with its JSON path in the user's file.

A JSON-LD processor silently ignores a key that maps to no IRI (no ``@context``, ``"@context":
null``, a term mapped to ``null``, no ``@vocab``), a node whose ``@id`` is a relative or invalid
IRI (there is no base), and an unknown keyword. This walk follows the active context as JSON-LD
1.1 does (embedded, scoped and bundled contexts, ``@vocab``, ``@base``, prefixes, aliases) and
reports each such key or node as a :class:`~pl_vocab.rdf.load.RdfProblem`.

It also holds the ``@protected`` promise of the bundled context with the place named: a local
context that redefines a pl_vocab term, or nullifies the context while pl_vocab terms are active,
is refused (:class:`ProtectedTermError`).

The walk is linear in the size of the document (each value is visited once; a context is copied
once per embedded ``@context``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pl_vocab.core.errors import InputError
from pl_vocab.rdf.load import RdfProblem

__all__ = ["ProtectedTermError", "jsonld_losses"]

_KEYWORDS = frozenset(
    [
        "@base",
        "@container",
        "@context",
        "@direction",
        "@graph",
        "@id",
        "@import",
        "@included",
        "@index",
        "@json",
        "@language",
        "@list",
        "@nest",
        "@none",
        "@prefix",
        "@propagate",
        "@protected",
        "@reverse",
        "@set",
        "@type",
        "@value",
        "@version",
        "@vocab",
    ]
)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


class ProtectedTermError(InputError):
    """A document redefines a protected pl_vocab term (exit 2, the term and its place named)."""


def _norm(definition: Any) -> Any:
    """A term definition in a form two spellings of the same definition share."""
    if isinstance(definition, str):
        return {"@id": definition}
    if isinstance(definition, dict):
        return {k: v for k, v in definition.items() if k != "@protected"}
    return definition


@dataclass
class _Context:
    terms: dict[str, Any] = field(default_factory=dict)  # term -> its definition (a dict or None)
    vocab: str | None = None
    base: bool = False  # a @base is set: relative IRIs resolve
    protected: dict[str, Any] = field(default_factory=dict)  # term -> definition (normalised)

    def copy(self) -> _Context:
        return _Context(dict(self.terms), self.vocab, self.base, dict(self.protected))

    def iri(self, value: str, *, vocab: bool) -> str | None:
        """``value`` expanded to an IRI (or a keyword); None when it expands to nothing."""
        if value.startswith("@"):
            return value
        if vocab and value in self.terms:
            found = self.terms[value]
            return None if found is None else found.get("@id", self._default_id(value))
        if ":" in value:
            prefix, rest = value.split(":", 1)
            if prefix == "_":
                return value
            definition = self.terms.get(prefix)
            if isinstance(definition, dict) and isinstance(definition.get("@id"), str):
                return str(definition["@id"]) + rest
            return value
        if vocab and self.vocab is not None:
            return self.vocab + value
        return None

    def _default_id(self, term: str) -> str | None:
        return None if self.vocab is None and ":" not in term else (self.vocab or "") + term


class _Walk:
    def __init__(self, source: str, bundled: dict[str, dict[str, Any]]) -> None:
        self.source = source
        self.bundled = bundled
        self.problems: list[RdfProblem] = []

    # ------------------------------------------------------------------------- contexts
    def apply(self, ctx: _Context, value: Any, path: str, *, trusted: bool = False) -> _Context:
        """The active context after the local context ``value`` (at ``path``)."""
        if isinstance(value, list):
            for i, v in enumerate(value):
                ctx = self.apply(ctx, v, f"{path}[{i}]", trusted=trusted)
            return ctx
        if value is None:
            if ctx.protected and not trusted:
                raise ProtectedTermError(
                    f"{self.source}: {path} is null, which would drop the protected pl_vocab "
                    "terms and lose every field after it. Remove the null context."
                )
            return _Context()
        if isinstance(value, str):
            if value in self.bundled:
                return self.apply(ctx, self.bundled[value], path, trusted=True)
            return ctx  # refused by resolve_contexts before this walk
        if not isinstance(value, dict):
            return ctx
        out = ctx.copy()
        protect = value.get("@protected") is True
        for key, definition in value.items():
            self.define(out, key, definition, f"{path}.{key}", trusted=trusted, protect=protect)
        return out

    def define(
        self, ctx: _Context, key: str, definition: Any, path: str, *, trusted: bool, protect: bool
    ) -> None:
        """One entry of a local context."""
        if key == "@vocab":
            ctx.vocab = ctx.iri(definition, vocab=True) if isinstance(definition, str) else None
            return
        if key == "@base":
            ctx.base = isinstance(definition, str)
            return
        if key.startswith("@"):
            return
        if key in ctx.protected and not trusted and _norm(definition) != ctx.protected[key]:
            raise ProtectedTermError(
                f"{self.source}: {path} redefines the protected pl_vocab term {key[:60]!r}, "
                "which would change what its values mean. Remove the definition, or name the "
                "field with a term of your own."
            )
        norm = _norm(definition)
        if isinstance(norm, dict) and "@id" in norm and isinstance(norm["@id"], str):
            norm = {**norm, "@id": ctx.iri(norm["@id"], vocab=True)}
        elif isinstance(norm, dict) and "@reverse" in norm:
            norm = {**norm, "@id": ctx.iri(str(norm["@reverse"]), vocab=True)}
        elif isinstance(norm, dict) and "@id" not in norm:
            norm = {**norm, "@id": ctx._default_id(key)}
        elif isinstance(norm, dict):
            norm = None if norm.get("@id", "") is None else norm
        ctx.terms[key] = norm
        if trusted and (protect or (isinstance(definition, dict) and definition.get("@protected"))):
            ctx.protected[key] = _norm(definition)

    # ------------------------------------------------------------------------- nodes
    def lost(self, subject: str, key: str | None, message: str) -> None:
        self.problems.append(RdfProblem(subject, key, message))

    def value(self, v: Any, ctx: _Context, path: str, term: dict[str, Any] | None) -> None:
        """A property's value: a list, a value object, a list/set object, a node or a scalar."""
        if isinstance(v, list):
            for i, item in enumerate(v):
                self.value(item, ctx, f"{path}[{i}]", term)
        elif isinstance(v, dict):
            keys = {ctx.iri(k, vocab=True) for k in v if isinstance(k, str)}
            if "@value" in keys:
                return
            if keys & {"@list", "@set"} and len(keys - {"@list", "@set", "@index"}) == 0:
                for k, item in v.items():
                    if ctx.iri(k, vocab=True) in ("@list", "@set"):
                        self.value(item, ctx, f"{path}.{k}", term)
                return
            self.node(v, ctx, path)
        elif isinstance(v, str) and term is not None and term.get("@type") == "@id":
            self.check_iri(v, ctx, path, None, "its value is")

    def check_iri(self, v: str, ctx: _Context, path: str, key: str | None, what: str) -> bool:
        """Whether ``v`` (an ``@id`` or an IRI-typed value) makes an IRI; a problem if not."""
        iri = ctx.iri(v, vocab=False)
        if iri is not None and iri.startswith("_:"):
            return True
        if iri is None or not _SCHEME.match(iri):
            if ctx.base:
                return True
            self.lost(
                path,
                key,
                f"{what} a relative IRI and the document sets no @base; it was "
                "not loaded (write an absolute IRI or a CURIE such as plv:...)",
            )
            return False
        if _NOT_IN_IRI.search(iri):
            self.lost(
                path,
                key,
                f'{what} not a valid IRI (a space or one of <>"{{}}|^`\\); it was not loaded',
            )
            return False
        return True

    def node(self, obj: dict[str, Any], ctx: _Context, path: str) -> None:
        """A node object: its context, then every key."""
        for k in obj:
            if ctx.iri(k, vocab=True) == "@context":
                ctx = self.apply(ctx, obj[k], f"{path}.{k}")
        for key, v in obj.items():
            self.entry(obj, key, v, ctx, path)

    def entry(self, obj: dict[str, Any], key: str, v: Any, ctx: _Context, path: str) -> None:
        """One key of a node object."""
        here = f"{path}.{key}"
        kind = ctx.iri(key, vocab=True)
        if kind == "@context" or kind in ("@index", "@language", "@direction"):
            return
        if kind is None:
            why = (
                "the context maps it to null"
                if ctx.terms.get(key, 0) is None
                else ("no @context or @vocab gives it an IRI")
            )
            self.lost(
                path,
                key[:80],
                f"the key at {here[:120]} maps to no IRI ({why}); its value was not loaded",
            )
        elif kind == "@id":
            if isinstance(v, str):
                self.check_iri(v, ctx, path, None, "the node's id is")
        elif kind in ("@graph", "@included", "@reverse", "@nest", "@set", "@list"):
            self.value(v, ctx, here, None)
        elif kind == "@type":
            for i, t in enumerate(v if isinstance(v, list) else [v]):
                if isinstance(t, str) and ctx.iri(t, vocab=True) is None:
                    self.lost(
                        path,
                        "rdf:type",
                        f"the type at {here}[{i}] maps to no IRI; it was not loaded",
                    )
        elif kind.startswith("@"):
            if kind not in _KEYWORDS:
                self.lost(
                    path, key[:80], f"{here[:120]} is not a JSON-LD keyword; it was not loaded"
                )
        elif not _SCHEME.match(kind) or kind.startswith("_:"):
            self.lost(
                path,
                key[:80],
                f"the key at {here[:120]} is not an absolute IRI; its value was not loaded",
            )
        else:
            term = ctx.terms.get(key)
            scoped = term.get("@context") if isinstance(term, dict) else None
            inner = self.apply(ctx, scoped, f"{here}@context", trusted=True) if scoped else ctx
            self.value(v, inner, here, term if isinstance(term, dict) else None)


def jsonld_losses(
    document: Any, *, source: str, bundled: dict[str, dict[str, Any]]
) -> list[RdfProblem]:
    """Every key and node of ``document`` an RDF parser would drop, each with its JSON path.

    ``bundled`` maps the context IRIs pl_vocab ships to their content (their terms protected).

    :raises ProtectedTermError: for a local context that redefines a protected term.
    """
    walk = _Walk(source, bundled)
    walk.value(document, _Context(), "$", None)
    return walk.problems
