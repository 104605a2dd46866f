"""The national pl_vocab vocabulary: load it once, look concepts up by IRI, CURIE or label.

    >>> from pl_vocab import load_vocabulary
    >>> vocab = load_vocabulary()
    >>> vocab.concept("unfinished learning").id
    'plvc:unfinished-learning'
    >>> vocab.label("plvc:unfinished-learning", "es")
    'aprendizaje inconcluso'
    >>> [c.id for c in vocab.replacements("learning loss")]
    ['plvc:unfinished-learning']

The concepts are the generated Pydantic ``Concept`` objects; treat them as read-only.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import cache, cached_property
from typing import TYPE_CHECKING

from pl_vocab import prefixes
from pl_vocab.core.errors import UnknownConceptError
from pl_vocab.labels import Label, LabelIndex, LabelKind, language_order
from pl_vocab.normalize import normalize_label

if TYPE_CHECKING:
    from pl_vocab.models import Concept, ConceptScheme, Facet, LocalizedText

__all__ = ["LabelKind", "Vocabulary", "load_vocabulary", "normalize_label"]

CONCEPT_NAMESPACE = "https://w3id.org/pl-vocab/concept/"
PLV_NAMESPACE = "https://w3id.org/pl-vocab/"


class Vocabulary:
    """The national concept scheme with indexes for lookup. Build it with :func:`load_vocabulary`."""

    def __init__(self, scheme: ConceptScheme) -> None:
        self.scheme = scheme
        self.concepts: tuple[Concept, ...] = tuple(scheme.concepts or ())
        self.facets: tuple[Facet, ...] = tuple(scheme.facets or ())
        self._by_id: dict[str, Concept] = {}
        for c in self.concepts:
            for key in {c.id, self.expand(c.id)}:
                self._by_id[key] = c
        self._facets_by_id = {self.expand(f.id): f for f in self.facets}
        self._by_label: dict[str, list[tuple[Concept, LabelKind, str]]] = defaultdict(list)
        for c in self.concepts:
            for kind, labels in (
                ("pref", c.pref_label),
                ("alt", c.alt_label),
                ("hidden", c.hidden_label),
            ):
                for lt in labels or ():
                    self._by_label[normalize_label(lt.value)].append((c, kind, lt.language))  # type: ignore[arg-type]
        self._narrower: dict[str, list[Concept]] = defaultdict(list)
        self._distinct: dict[str, set[str]] = defaultdict(set)
        for c in self.concepts:
            for b in c.broader or ():
                self._narrower[self.expand(b)].append(c)
            for d in c.distinct_from or ():
                self._distinct[self.expand(c.id)].add(self.expand(d.concept))
                self._distinct[self.expand(d.concept)].add(self.expand(c.id))

    # ------------------------------------------------------------------ identity
    @property
    def iri(self) -> str:
        """The IRI of the concept scheme."""
        return self.expand(self.scheme.id)

    @property
    def version(self) -> str:
        """The vocabulary's own semantic version (separate from the library's)."""
        return str(self.scheme.version)

    @staticmethod
    def expand(curie_or_iri: str) -> str:
        """Expand a CURIE with one of the schema's prefixes to its IRI; leave anything else as
        it is (:func:`pl_vocab.prefixes.expand`).

        >>> Vocabulary.expand("plvc:equity")
        'https://w3id.org/pl-vocab/concept/equity'
        """
        return prefixes.expand(curie_or_iri)

    @staticmethod
    def compress(iri: str) -> str:
        """Shorten a pl_vocab IRI to its ``plvc:`` (concepts) or ``plv:`` CURIE
        (:func:`pl_vocab.prefixes.compress`).

        >>> Vocabulary.compress("https://w3id.org/pl-vocab/concept/equity")
        'plvc:equity'
        """
        return prefixes.compress(iri)

    # ------------------------------------------------------------------ lookup
    def __len__(self) -> int:
        return len(self.concepts)

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key) is not None

    def get(self, key: str, language: str | None = None) -> Concept | None:
        """The concept named by an IRI, a CURIE, or a label, else None.

        Labels match in either language unless ``language`` is given, ignoring case, accents'
        composition, hyphens and punctuation; a preferred or alternative label of one concept
        resolves to it. Failing that, the glossary matcher's lexical stages decide
        (:class:`~pl_vocab.labels.LabelIndex`: plurals, leading articles, learner variants, a
        trailing acronym), so ``get`` resolves every term that ``pl-vocab check`` maps. An
        ambiguous label (an acronym that is a hidden label of several concepts) never resolves
        here: use :meth:`lookup` to see every candidate.

        >>> load_vocabulary().get("Student Voice").id
        'plvc:learner-voice'
        >>> load_vocabulary().get("Student Voices").id
        'plvc:learner-voice'
        >>> load_vocabulary().get("no such thing") is None
        True
        """
        found = self._by_id.get(key) or self._by_id.get(self.expand(key))
        if found is not None:
            return found
        hits = {
            c.id: c
            for c, kind, lang in self._by_label.get(normalize_label(key), ())
            if kind != "hidden" and (language is None or lang == language)
        }
        if len(hits) == 1:
            return next(iter(hits.values()))
        return self._resolve(self._lexical(key, language))

    def _lexical(self, label: str, language: str | None) -> list[Label]:
        """The labels the matcher's lexical stages find for ``label`` (in ``language`` only,
        if given)."""
        hit = self.label_index.lexical(label, language_order(language))
        if hit is None:
            return []
        return [lb for lb in hit.labels if language is None or lb.language == language]

    def _resolve(self, labels: list[Label]) -> Concept | None:
        """The one concept of ``labels``, as the matcher decides it: a concept named by a
        preferred or alternative label outranks others named only by a hidden one."""
        concepts = {lb.concept for lb in labels}
        if len(concepts) > 1:
            concepts = {lb.concept for lb in labels if lb.kind != "hidden"}
        return self._by_id[concepts.pop()] if len(concepts) == 1 else None

    @cached_property
    def label_index(self) -> LabelIndex:
        """Every label of every concept by its exact and folded keys, built on first use; the
        glossary matcher uses the same index."""
        labels: list[Label] = []
        for c in self.concepts:
            for kind, texts in (
                ("pref", c.pref_label),
                ("alt", c.alt_label),
                ("hidden", c.hidden_label),
            ):
                for lt in texts or ():
                    labels.append(Label.of(c.id, lt.value, kind, lt.language))  # type: ignore[arg-type]
        return LabelIndex(labels)

    def concept(self, key: str, language: str | None = None) -> Concept:
        """Like :meth:`get`, but raise :class:`UnknownConceptError` with a suggestion if absent."""
        found = self.get(key, language)
        if found is None:
            labels = list(self._by_label)
            near = difflib.get_close_matches(normalize_label(key), labels, n=1, cutoff=0.75)
            raise UnknownConceptError(key, near[0] if near else None)
        return found

    def lookup(
        self, label: str, language: str | None = None
    ) -> list[tuple[Concept, LabelKind, str]]:
        """Every (concept, label kind, language) whose label matches ``label`` after normalization.

        When no label matches after :func:`normalize_label`, the glossary matcher's lexical
        stages are tried (plurals, leading articles, learner variants, a trailing acronym), so
        a term that ``pl-vocab check`` maps is found here too:

        >>> [(c.id, kind) for c, kind, _ in load_vocabulary().lookup("Student Voices")]
        [('plvc:learner-voice', 'alt')]

        An ambiguous acronym returns one entry per concept it may mean:

        >>> sorted(c.id for c, kind, _ in load_vocabulary().lookup("PBL"))
        ['plvc:competency-based-education', 'plvc:project-based-learning']
        """
        found = [
            hit
            for hit in self._by_label.get(normalize_label(label), ())
            if language is None or hit[2] == language
        ]
        if found:
            return found
        seen: dict[tuple[str, str, str], tuple[Concept, LabelKind, str]] = {}
        for lb in self._lexical(label, language):
            seen.setdefault(
                (lb.concept, lb.kind, lb.language), (self._by_id[lb.concept], lb.kind, lb.language)
            )
        return list(seen.values())

    def meanings(self, term: str) -> list[Concept]:
        """The concepts ``term`` may mean: the one it names, else every candidate of :meth:`lookup`.

        More than one means the term is ambiguous (an acronym such as PBL) and a glossary must
        say which; an empty list means the vocabulary has no such term.

        >>> [c.id for c in load_vocabulary().meanings("Student Voice")]
        ['plvc:learner-voice']
        >>> sorted(c.id for c in load_vocabulary().meanings("PBL"))
        ['plvc:competency-based-education', 'plvc:project-based-learning']
        """
        found = self.get(term)
        if found is not None:
            return [found]
        return list({c.id: c for c, _, _ in self.lookup(term)}.values())

    # ------------------------------------------------------------------ text
    @staticmethod
    def _text(values: Iterable[LocalizedText] | None, language: str) -> str | None:
        for lt in values or ():
            if lt.language == language:
                return lt.value
        return None

    def label(self, key: str, language: str = "en") -> str:
        """The preferred label of a concept in ``language`` (``"en"`` or ``"es"``)."""
        c = self.concept(key)
        return self._text(c.pref_label, language) or self._text(c.pref_label, "en") or c.id

    def definition(self, key: str, language: str = "en") -> str:
        """The definition of a concept in ``language``."""
        c = self.concept(key)
        return self._text(c.definition, language) or self._text(c.definition, "en") or ""

    # ------------------------------------------------------------------ structure
    def facet(self, key: str) -> Facet:
        """The facet with this id (``plv:facet/assessment``) or short name (``assessment``)."""
        iri = self.expand(key if ":" in key else f"plv:facet/{key}")
        try:
            return self._facets_by_id[iri]
        except KeyError:
            names = ", ".join(f.id.rsplit("/", 1)[-1] for f in self.facets)
            raise UnknownConceptError(key, None) from ValueError(f"Facets: {names}")

    def label_facet(self, key: str, language: str = "en") -> str:
        """The preferred label of a facet in ``language``."""
        f = self.facet(key)
        return self._text(f.pref_label, language) or self._text(f.pref_label, "en") or f.id

    def in_facet(self, key: str) -> list[Concept]:
        """The concepts of a facet, deprecated ones included."""
        iri = self.expand(self.facet(key).id)
        return [c for c in self.concepts if self.expand(c.facet) == iri]

    def core_concepts(self) -> list[Concept]:
        """The concepts every district glossary should cover."""
        return [c for c in self.concepts if c.core]

    def active_concepts(self) -> list[Concept]:
        """Concepts that are not deprecated."""
        return [c for c in self.concepts if not c.deprecated]

    def broader(self, key: str) -> list[Concept]:
        """The direct broader concepts."""
        return [self.concept(b) for b in self.concept(key).broader or ()]

    def narrower(self, key: str) -> list[Concept]:
        """The direct narrower concepts."""
        return list(self._narrower.get(self.expand(self.concept(key).id), ()))

    def related(self, key: str) -> list[Concept]:
        """Associated concepts, in both directions."""
        c = self.concept(key)
        out = {self.expand(r) for r in c.related or ()}
        out |= {self.expand(o.id) for o in self.concepts if c.id in (o.related or ())}
        return [self.concept(i) for i in sorted(out)]

    def replacements(self, key: str) -> list[Concept]:
        """The asset-based concepts to use instead of a deprecated or flagged one (else [])."""
        return [self.concept(r) for r in self.concept(key).replaced_by or ()]

    def distinct_from(self, key: str) -> list[Concept]:
        """Concepts recorded as "not the same" as this one, in both directions."""
        iri = self.expand(self.concept(key).id)
        return [self.concept(i) for i in sorted(self._distinct.get(iri, ()))]


@cache
def load_vocabulary() -> Vocabulary:
    """Load the national vocabulary bundled with the package (parsed and validated once).

    >>> load_vocabulary() is load_vocabulary()
    True
    """
    from pl_vocab._resources import generated_json
    from pl_vocab.models import ConceptScheme

    data = {k: v for k, v in generated_json("vocabulary.json").items() if not k.startswith("@")}
    return Vocabulary(ConceptScheme.model_validate(data))
