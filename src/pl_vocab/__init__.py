"""pl_vocab: a shared vocabulary and data model for personalized and competency-based learning.

    >>> import pl_vocab
    >>> vocab = pl_vocab.load_vocabulary()
    >>> vocab.label("plvc:narrative-assessment", "es")
    'evaluación narrativa'

The data model classes are in :mod:`pl_vocab.models`; :func:`dumps`/:func:`loads` exchange records
as JSON, YAML, NDJSON, JSON-LD, Turtle, N-Triples or N-Quads. Heavy modules load only when used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "InputError",
    "PlVocabError",
    "UnknownConceptError",
    "Vocabulary",
    "__version__",
    "dump",
    "dumps",
    "load",
    "load_vocabulary",
    "loads",
    "normalize_label",
    "to_rdflib_graph",
]

_LAZY = {
    "dump": "pl_vocab.convert",
    "dumps": "pl_vocab.convert",
    "load": "pl_vocab.exchange",
    "loads": "pl_vocab.exchange",
    "to_rdflib_graph": "pl_vocab.exchange",
    "load_vocabulary": "pl_vocab.vocabulary",
    "Vocabulary": "pl_vocab.vocabulary",
    "normalize_label": "pl_vocab.vocabulary",
    "InputError": "pl_vocab.core.errors",
    "PlVocabError": "pl_vocab.core.errors",
    "UnknownConceptError": "pl_vocab.core.errors",
}

if TYPE_CHECKING:
    from pl_vocab.convert import dump, dumps
    from pl_vocab.core.errors import InputError, PlVocabError, UnknownConceptError
    from pl_vocab.exchange import load, loads, to_rdflib_graph
    from pl_vocab.vocabulary import Vocabulary, load_vocabulary, normalize_label


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'pl_vocab' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
