"""SKOS: export the vocabulary and glossaries as SKOS, and check SKOS integrity (family H)."""

from pl_vocab.skos.export import glossary_to_skos, vocabulary_to_skos
from pl_vocab.skos.integrity import H_CHECKS, check_skos

__all__ = ["H_CHECKS", "check_skos", "glossary_to_skos", "vocabulary_to_skos"]
