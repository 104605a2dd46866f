"""``--select`` and ``--ignore``: which checks run, by ID, prefix or family letter.

The more specific selector wins ('D' < 'D0' < 'D004'); at equal specificity, ignore wins. An
unknown selector is an error with a "did you mean".
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable

from pl_vocab.core.errors import PlVocabError

__all__ = ["UnknownCheckError", "resolve_selection"]


class UnknownCheckError(PlVocabError):
    """A selector matches no check ID."""

    def __init__(self, selector: str, option: str, known: Collection[str]) -> None:
        near = difflib.get_close_matches(selector.upper(), sorted(known), n=1)
        hint = f" Did you mean {near[0]}?" if near else " Run `pl-vocab rules` to list them."
        super().__init__(f"Unknown check {selector!r} in {option}.{hint}")


def resolve_selection(
    codes: Iterable[str], select: Iterable[str] = (), ignore: Iterable[str] = ()
) -> set[str]:
    """The check IDs that run. With no ``select``, every check is selected.

    >>> sorted(resolve_selection(["D001", "D004", "E001"], ignore=["D"], select=["ALL", "D004"]))
    ['D004', 'E001']
    >>> sorted(resolve_selection(["D001", "D004", "E001"], select=["D"]))
    ['D001', 'D004']
    """
    all_codes = sorted(set(codes))
    sel = [s.strip().upper() for s in select if s.strip()]
    ign = [s.strip().upper() for s in ignore if s.strip()]
    for option, selectors in (("--select", sel), ("--ignore", ign)):
        for s in selectors:
            if s != "ALL" and not any(c.startswith(s) for c in all_codes):
                raise UnknownCheckError(s, option, all_codes)
    on: dict[str, bool] = {c: not sel for c in all_codes}
    longest = max((len(s) for s in (*sel, *ign)), default=0)
    for length in range(0, longest + 1):
        for selectors, value in ((sel, True), (ign, False)):
            for s in selectors:
                prefix = "" if s == "ALL" else s
                if len(prefix) != length:
                    continue
                for c in all_codes:
                    if c.startswith(prefix):
                        on[c] = value
    return {c for c, enabled in on.items() if enabled}
