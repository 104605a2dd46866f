"""Every fuzz target, briefly: a small fixed number of derandomized examples each, so the suite
stays fast and deterministic. ``tools/fuzz.py --seconds N`` runs them for longer."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from tests.fuzz.targets import all_targets, target

#: Examples per target in the normal suite (a few seconds in all).
SUITE_EXAMPLES = 8
#: Targets whose fixed examples hit a known, not yet fixed bug (its reproduction is a strict
#: xfail in test_regressions.py); remove the entry when the fix is merged.
KNOWN: dict[str, str] = {}  # target -> why it fails today (a non-strict xfail until fixed)


def _param(name: str) -> object:
    if name in KNOWN:
        return pytest.param(name, marks=pytest.mark.xfail(reason=KNOWN[name], strict=False))
    return name


@pytest.mark.parametrize("name", [_param(t.name) for t in all_targets()])
def test_fuzz_target(name: str) -> None:
    fuzz = target(name)

    @settings(
        max_examples=SUITE_EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(fuzz.inputs)
    def run(value: object) -> None:
        fuzz.check(value)

    run()
