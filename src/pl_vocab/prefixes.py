"""The one prefix map of pl_vocab: CURIEs to IRIs and back, built from the schema's prefixes.

    >>> expand("plvc:equity")
    'https://w3id.org/pl-vocab/concept/equity'
    >>> compress("https://w3id.org/pl-vocab/concept/equity")
    'plvc:equity'
    >>> compress("https://w3id.org/pl-vocab/facet/assessment")
    'plv:facet/assessment'

Unknown prefixes
----------------
``expand`` leaves a value whose prefix is not in the map as it is: RDF takes such a value as an
absolute IRI whose scheme is the prefix (``urn:uuid:...``, ``mailto:...``, ``tag:...``), and an
identifier with an ``http://`` or ``https://`` scheme is never a CURIE. Where a CURIE is
expected, pass ``strict=True`` to get an :class:`UnknownPrefixError` instead (``urn:`` values and
values with ``//`` after the colon are still taken as IRIs):

    >>> expand("urn:uuid:1"), expand("https://example.org/x"), expand("foo:bar")
    ('urn:uuid:1', 'https://example.org/x', 'foo:bar')
    >>> expand("foo:bar", strict=True)
    Traceback (most recent call last):
    ...
    pl_vocab.prefixes.UnknownPrefixError: 'foo:bar' uses the prefix 'foo', which pl_vocab does not know; write the full IRI or use one of: case, ceasn, dcterms, ...

``compress`` uses the longest namespace that the IRI starts with, among pl_vocab's own prefixes
(``plvc``, ``plv``) unless ``only`` names others; an IRI in none of them, or equal to a
namespace itself, is returned whole:

    >>> compress("http://www.w3.org/2004/02/skos/core#Concept")
    'http://www.w3.org/2004/02/skos/core#Concept'
    >>> compress("http://www.w3.org/2004/02/skos/core#Concept", only=None)
    'skos:Concept'
    >>> compress("https://w3id.org/pl-vocab/concept/")
    'https://w3id.org/pl-vocab/concept/'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache

from pl_vocab.core.errors import PlVocabError

__all__ = [
    "NOT_CURIES",
    "OWN_PREFIXES",
    "PrefixMap",
    "UnknownPrefixError",
    "compress",
    "expand",
    "prefix_map",
    "serialization_prefixes",
]

#: The prefixes whose CURIEs pl_vocab writes itself (concept IRIs and its own terms).
OWN_PREFIXES: tuple[str, ...] = ("plvc", "plv")
# Prefixes of the schema that are not written into Turtle output: LinkML's own, ShEx, and the
# ``http://schema.org/`` one (pl_vocab writes ``https://schema.org/`` as ``sdo:``).
_NOT_SERIALIZED = frozenset({"linkml", "schema", "shex"})
NOT_CURIES = ("https://", "http://", "urn:")


class UnknownPrefixError(PlVocabError, ValueError):
    """A CURIE whose prefix is not in the prefix map (raised only by ``expand(strict=True)``)."""


class PrefixMap:
    """A prefix -> namespace map with :meth:`expand` and :meth:`compress`.

    >>> m = PrefixMap({"ex": "https://example.org/", "exv": "https://example.org/v/"})
    >>> m.expand("exv:a"), m.compress("https://example.org/v/a", only=None)
    ('https://example.org/v/a', 'exv:a')
    >>> m.compress("https://example.org/a", only=["ex"]), m.compress("https://example.org/a")
    ('ex:a', 'https://example.org/a')
    """

    __slots__ = ("_by_length", "_filtered", "namespaces")

    def __init__(self, namespaces: Mapping[str, str]) -> None:
        self.namespaces: dict[str, str] = dict(namespaces)
        # longest namespace first, so that compress picks the most specific prefix
        self._by_length = sorted(self.namespaces.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        self._filtered: dict[tuple[str, ...] | None, list[tuple[str, str]]] = {
            None: self._by_length
        }

    def expand(self, value: str, *, strict: bool = False) -> str:
        """The IRI of a CURIE with a known prefix; anything else unchanged (see the module
        documentation for ``strict``)."""
        if value.startswith(NOT_CURIES):  # most identifiers: nothing to look up
            return value
        prefix, sep, local = value.partition(":")
        if not sep or local.startswith("//"):
            return value
        base = self.namespaces.get(prefix)
        if base is not None:
            return base + local
        if strict:
            known = ", ".join(sorted(self.namespaces)[:3])
            raise UnknownPrefixError(
                f"{value!r} uses the prefix {prefix!r}, which pl_vocab does not know; "
                f"write the full IRI or use one of: {known}, ..."
            )
        return value

    def compress(self, iri: str, *, only: Iterable[str] | None = OWN_PREFIXES) -> str:
        """The CURIE of ``iri`` under the longest matching namespace among ``only`` (all
        prefixes when ``only`` is None); ``iri`` itself when none matches."""
        key = None if only is None else tuple(only)
        candidates = self._filtered.get(key)
        if candidates is None:
            allowed = frozenset(key or ())
            candidates = [(p, b) for p, b in self._by_length if p in allowed]
            self._filtered[key] = candidates
        for prefix, base in candidates:
            if iri.startswith(base):  # the longest namespace decides, even with no local part
                return f"{prefix}:{iri[len(base) :]}" if len(iri) > len(base) else iri
        return iri


@cache
def prefix_map() -> PrefixMap:
    """The prefix map of the packaged schema (built once)."""
    from pl_vocab.schema_index import schema_index

    return PrefixMap(schema_index().prefixes)


def expand(value: str, *, strict: bool = False) -> str:
    """:meth:`PrefixMap.expand` with the packaged schema's prefixes."""
    return prefix_map().expand(value, strict=strict)


def compress(iri: str, *, only: Iterable[str] | None = OWN_PREFIXES) -> str:
    """:meth:`PrefixMap.compress` with the packaged schema's prefixes."""
    return prefix_map().compress(iri, only=only)


def serialization_prefixes() -> dict[str, str]:
    """The prefixes to declare in Turtle output (the schema's, less LinkML's, ShEx and the
    ``http://schema.org/`` one). A new dict each call.

    >>> serialization_prefixes()["skos"]
    'http://www.w3.org/2004/02/skos/core#'
    >>> "linkml" in serialization_prefixes()
    False
    """
    return {k: v for k, v in prefix_map().namespaces.items() if k not in _NOT_SERIALIZED}
