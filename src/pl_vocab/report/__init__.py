"""The one Finding/Report model shared by every check in pl_vocab, and its renderers."""

from pl_vocab.core.model import Finding, Location, Severity

__all__ = ["Finding", "Location", "Severity"]
