"""Record validation for vendors and integrators: structure (R), formats (S), vocabulary rules (V).

    >>> from pl_vocab.validation import validate
    >>> validate({"type": "Learner", "id": "https://example.org/learners/1"})
    []

``validate`` takes one record, a list or any iterable (dicts as read from JSON/YAML, or model
objects); ``iter_findings`` streams; ``validate_files`` reads files and directories and returns a
:class:`~pl_vocab.core.model.Report`; :class:`Validator` is the engine under all three.
"""

from pl_vocab.validation.catalogue import RULES, RuleInfo
from pl_vocab.validation.engine import Validator, iter_findings, validate
from pl_vocab.validation.files import validate_files

__all__ = ["RULES", "RuleInfo", "Validator", "iter_findings", "validate", "validate_files"]
