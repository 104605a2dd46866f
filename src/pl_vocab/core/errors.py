"""The exceptions pl_vocab raises for users' mistakes (never for its own bugs)."""

from __future__ import annotations

__all__ = ["PlVocabError", "UnknownConceptError"]


class PlVocabError(Exception):
    """Base class of every error caused by input or usage, with a message that says what to do."""


class UnknownConceptError(PlVocabError, KeyError):
    """A concept was asked for by an IRI, CURIE or label that the vocabulary does not have."""

    def __init__(self, key: str, suggestion: str | None = None) -> None:
        hint = f" Did you mean {suggestion!r}?" if suggestion else ""
        super().__init__(f"No concept {key!r} in the pl_vocab vocabulary.{hint}")
        self.key = key
        self.suggestion = suggestion

    def __str__(self) -> str:  # KeyError would otherwise quote the message
        return str(self.args[0])
