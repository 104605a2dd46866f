"""docs/checks.md is generated from the check registry and must not drift from it."""

from __future__ import annotations

import subprocess
import sys

from pl_vocab.glossary.rules import all_rules, rules_markdown

from .conftest import ROOT


def test_docs_checks_md_is_up_to_date() -> None:
    committed = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
    assert committed == rules_markdown(), (
        "run: uv run pl-vocab rules --format markdown > docs/checks.md"
    )


def test_every_rule_is_documented() -> None:
    for r in all_rules():
        assert r.summary and len(r.summary.split()) >= 3, r.id
        assert r.name == r.name.lower() and " " not in r.name, r.id


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
