"""The one rule catalogue (pl_vocab.core.catalogue): every rule implemented exactly once, every
implementation declared there, and docs/checks.md generated from it."""

from __future__ import annotations

import subprocess
import sys

from pl_vocab.core.catalogue import FAMILIES, RULES, rule, rules_for, rules_markdown

from .conftest import ROOT


def test_docs_checks_md_is_up_to_date() -> None:
    committed = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
    assert committed == rules_markdown(), "run: pl-vocab rules --format markdown > docs/checks.md"


def test_every_rule_is_documented() -> None:
    assert list(RULES) == sorted(RULES)
    for r in RULES.values():
        assert r.id[0] in FAMILIES and len(r.id) == 4 and r.id[1:].isdigit(), r.id
        assert r.summary and len(r.summary.split()) >= 3, r.id
        assert r.name == r.name.lower() and " " not in r.name, r.id
    for command in ("check", "validate"):  # a name is unique among one command's rules
        names = [r.name for r in rules_for(command)]
        assert len(names) == len(set(names)), command


def test_glossary_checks_implement_exactly_the_catalogue_families_b_to_i() -> None:
    from pl_vocab.glossary.check import _load_checks
    from pl_vocab.glossary.checks.base import CHECKS
    from pl_vocab.skos.integrity import H_CHECKS

    _load_checks()
    implemented = set(CHECKS) | {c.id for c in H_CHECKS}
    # A (reader) and H001 (parse errors) are reported by the readers, not by a check function
    declared = {r.id for r in rules_for("check") if r.id[0] != "A" and r.id != "H001"}
    assert implemented == declared
    for info in CHECKS.values():
        assert info.rule is RULES[info.id]


def test_reader_and_record_families_are_the_catalogues() -> None:
    from pl_vocab.validation import RULES as RECORD_RULES

    assert set(RECORD_RULES) == {r.id for r in rules_for("validate")}
    assert {r.id[0] for r in rules_for("validate")} == {"R", "S", "V"}
    assert rule("R001").layer == "structure" and rule("S001").layer == "formats"
    assert rule("A001").layer is None and rule("A001").command == "check"


def test_rules_command() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "pl_vocab", "rules", "e001"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert out.returncode == 0 and out.stdout.startswith("E001") and "deprecated-term" in out.stdout
    bad = subprocess.run(
        [sys.executable, "-m", "pl_vocab", "rules", "E0009"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert bad.returncode == 2 and "Did you mean" in bad.stderr
