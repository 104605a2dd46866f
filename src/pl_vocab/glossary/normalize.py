"""Spelling-level normalization for matching: moved to :mod:`pl_vocab.normalize`.

The functions live at the package top so that the vocabulary's look-up and the glossary matcher
share them (:mod:`pl_vocab.vocabulary` may not import the glossary package). This module keeps
the old import path working.

    >>> from pl_vocab.glossary.normalize import fold
    >>> fold("Students' Voice")
    'learner voice'
"""

from __future__ import annotations

from pl_vocab.normalize import (
    FOLD_LANGUAGES,
    FoldLanguage,
    clean,
    compact,
    fold,
    fold_forms,
    fold_language,
    phrases,
    prefold,
    refold,
    split_acronym,
)

__all__ = [
    "FOLD_LANGUAGES",
    "FoldLanguage",
    "clean",
    "compact",
    "fold",
    "fold_forms",
    "fold_language",
    "phrases",
    "prefold",
    "refold",
    "split_acronym",
]
