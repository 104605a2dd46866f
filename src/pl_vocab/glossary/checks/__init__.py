"""The glossary checks, one module per family; ``CHECKS`` holds their implementations by ID (the
rules themselves, with names and severities, are in :mod:`pl_vocab.core.catalogue`)."""

from pl_vocab.glossary.checks.base import CHECKS, CheckContext, CheckInfo

__all__ = ["CHECKS", "CheckContext", "CheckInfo"]
