"""The shared Report model and check selection."""

from __future__ import annotations

import json

import pytest

from pl_vocab.core.model import Finding, InputInfo, Location, Report, Severity
from pl_vocab.core.selection import UnknownCheckError, resolve_selection

CODES = ["A001", "A002", "D001", "D003", "D004", "E001", "E002", "H003"]


def test_more_specific_selector_wins_and_ignore_wins_ties() -> None:
    assert resolve_selection(CODES, select=["D"], ignore=["D004"]) == {"D001", "D003"}
    assert resolve_selection(CODES, select=["D004"], ignore=["D"]) == {"D004"}
    assert resolve_selection(CODES, select=["E001"], ignore=["E001"]) == set()
    assert resolve_selection(CODES) == set(CODES)
    assert resolve_selection(CODES, ignore=["e0"]) == set(CODES) - {"E001", "E002"}
    assert resolve_selection(CODES, select=["ALL"], ignore=["A"]) == set(CODES) - {"A001", "A002"}


def test_unknown_selector_says_what_it_might_be() -> None:
    with pytest.raises(UnknownCheckError, match=r"'D009' in --select\. Did you mean D004\?"):
        resolve_selection(CODES, select=["D009"])
    with pytest.raises(UnknownCheckError, match="pl-vocab rules"):
        resolve_selection(CODES, ignore=["Z"])


def _report(*severities: Severity) -> Report:
    findings = [
        Finding(
            id="B001", name="n", severity=s, message="m", location=Location(file="g.csv", row=2)
        )
        for s in severities
    ]
    return Report(
        valid=Severity.ERROR not in severities,
        tool_version="0.1.0",
        input=InputInfo(file="g.csv"),
        findings=findings,
    )


@pytest.mark.parametrize(
    ("severities", "fail_on", "code"),
    [
        ((), Severity.ERROR, 0),
        ((Severity.WARNING,), Severity.ERROR, 0),
        ((Severity.WARNING,), Severity.WARNING, 1),
        ((Severity.INFO,), Severity.WARNING, 0),
        ((Severity.INFO,), Severity.INFO, 1),
        ((Severity.ERROR, Severity.INFO), Severity.ERROR, 1),
    ],
)
def test_exit_code_follows_fail_on(
    severities: tuple[Severity, ...], fail_on: Severity, code: int
) -> None:
    assert _report(*severities).exit_code(fail_on) == code


def test_report_json_round_trips_and_counts() -> None:
    r = _report(Severity.ERROR, Severity.WARNING, Severity.WARNING)
    assert r.counts() == {"error": 1, "warning": 2, "info": 0}
    again = Report.model_validate_json(r.model_dump_json())
    assert again == r
    data = json.loads(r.model_dump_json())
    assert set(data) >= {
        "valid",
        "input",
        "vocabulary",
        "stats",
        "findings",
        "mappings",
        "coverage",
    }
    assert data["findings"][0]["location"]["row"] == 2


def test_location_reads_like_a_position() -> None:
    loc = Location(file="g.xlsx", sheet="Terms", row=12, column="A")
    assert str(loc) == "g.xlsx, sheet Terms, row 12, column A"


def test_findings_share_their_fields_set_without_sharing_changes() -> None:
    """Findings built with the same fields share one ``model_fields_set`` (memory: a report
    holds them by the hundred thousand); copies with changes get their own, and nothing else
    about the models changes."""
    import pickle

    a = Finding(id="B001", name="n", severity=Severity.WARNING, message="a", suggestion=None)
    b = Finding(id="B002", name="n", severity=Severity.ERROR, message="b", suggestion="s")
    c = Finding(id="B003", name="n", severity=Severity.INFO, message="c")
    assert a.model_fields_set is b.model_fields_set
    assert a.model_fields_set == {"id", "name", "severity", "message", "suggestion"}
    assert c.model_fields_set == {"id", "name", "severity", "message"}
    moved = a.model_copy(update={"location": Location(file="g.csv", row=3)})
    assert moved.model_fields_set == a.model_fields_set | {"location"}
    assert a.model_fields_set == {"id", "name", "severity", "message", "suggestion"}
    assert b.model_fields_set == a.model_fields_set  # the shared set did not change
    assert a.model_dump(exclude_unset=True) == {
        "id": "B001",
        "name": "n",
        "severity": Severity.WARNING,
        "message": "a",
        "suggestion": None,
    }
    assert pickle.loads(pickle.dumps(b)) == b
    with pytest.raises(ValueError, match="frozen"):
        a.message = "changed"  # type: ignore[misc]
    assert (
        a.model_fields_set
        == b.model_fields_set
        == {"id", "name", "severity", "message", "suggestion"}
    )
