"""The third layer of record validation: the vocabulary's own rules (V), which no schema says.

:func:`check_rules` runs them on one structurally valid record. The work is in four modules:

- :mod:`~pl_vocab.validation.plan`: which rules look at which slots of each class (computed once
  per class from the schema index, then narrowed to the selected rules);
- :mod:`~pl_vocab.validation.batch`: :class:`BatchState`, what the batch rules (references
  resolve, identifiers are unique) remember between records;
- :mod:`~pl_vocab.validation.checks`: the checks themselves, on one object;
- :mod:`~pl_vocab.validation.walkers`: the Python source of one walker per class and selection,
  which visits a record once along its plan, nested objects included, calling the checks.

Privacy: a finding names slots and paths, never a value of a sensitive slot. Identifiers and
references are not sensitive (the schema marks none of them), so unresolved references are named.
"""

from __future__ import annotations

from typing import Any

from pl_vocab.core.model import Finding
from pl_vocab.prefixes import expand
from pl_vocab.validation.batch import BatchState
from pl_vocab.validation.checks import check_deprecated_terms, located_texts, may_hold_deprecated
from pl_vocab.validation.layers import Where
from pl_vocab.validation.plan import VOCABULARY_CLASSES, RulePlan, rule_plan
from pl_vocab.validation.walkers import walker, walker_source

__all__ = ["BatchState", "RulePlan", "check_rules", "expand", "rule_plan", "walker_source"]


def check_rules(
    data: dict[str, Any],
    class_name: str,
    where: Where,
    state: BatchState,
    path: str = "$",
    selected: frozenset[str] | None = None,
) -> list[Finding]:
    """The V rules for one structurally valid record (and its nested objects), in place order.

    ``selected`` limits the rules that run (None: all).
    """
    out: list[Finding] = []
    texts: list[str] = []
    in_vocabulary = class_name in VOCABULARY_CLASSES
    walker(class_name, selected)(data, where, state, path, out, in_vocabulary, texts)
    if texts and may_hold_deprecated(texts):
        # rare: some text holds a deprecated label (or is not valid Unicode); find which
        located: list[tuple[str, str, str, bool]] = []
        located_texts(data, rule_plan(class_name), path, in_vocabulary, located)
        check_deprecated_terms(located, where, out)
    return out
