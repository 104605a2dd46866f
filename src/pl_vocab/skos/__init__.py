"""SKOS: export the vocabulary and glossaries as SKOS, and check SKOS integrity (family H)."""

from pl_vocab.skos.export import (
    SKOS_FORMATS,
    SkosExport,
    export_skos,
    glossary_to_skos,
    vocabulary_to_skos,
)
from pl_vocab.skos.integrity import H_CHECKS, check_skos

__all__ = [
    "H_CHECKS",
    "SKOS_FORMATS",
    "SkosExport",
    "check_skos",
    "export_skos",
    "glossary_to_skos",
    "vocabulary_to_skos",
]
