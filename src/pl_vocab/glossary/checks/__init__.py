"""The glossary checks, one module per family; ``ALL_CHECKS`` is the registry in ID order."""

from pl_vocab.glossary.checks.base import CHECKS, CheckContext, CheckInfo

__all__ = ["CHECKS", "CheckContext", "CheckInfo"]
