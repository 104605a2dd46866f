"""``pl-vocab tour``: the same counts as the README and the vocabulary, from any folder, no files."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from pl_vocab._resources import examples_dir
from pl_vocab.cli.tour import LANGUAGE_GUIDANCE, count_concepts

from .conftest import ROOT


def tour(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pl_vocab", "tour", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "COLUMNS": "200", "PYTHONIOENCODING": "utf-8"},
    )


def _flat(text: str) -> str:
    """Text with the line breaks of a narrow terminal or a wrapped paragraph undone."""
    return re.sub(r"\s+", " ", text)


def expected_phrases(vocab: Any) -> list[str]:
    """The counts, computed here from the vocabulary itself, in the words both texts use."""
    guidance = [
        c for c in vocab.concepts if vocab.expand(c.facet) == vocab.expand(LANGUAGE_GUIDANCE)
    ]
    deprecated = [c for c in vocab.concepts if c.deprecated]
    # every deprecated concept is a language-guidance term, so "deprecated" needs no other facet
    assert {c.id for c in deprecated} <= {c.id for c in guidance}
    topical = len(vocab.concepts) - len(guidance)
    return [
        f"{len(vocab.concepts)} concepts in all",
        f"{topical} concepts in {len(vocab.facets) - 1} facets",
        f"{len(vocab.core_concepts())} of them core",
        f"{len(guidance)} terms of language guidance",
        f"{len(deprecated)} deficit-based terms",
        f"{len(guidance) - len(deprecated)} contested or context-dependent",
        f"{len(vocab.concepts) - len(deprecated)} in use",
    ]


def test_counts_say_what_they_count(vocab: Any) -> None:
    counts = count_concepts(vocab)
    assert counts.total == len(vocab.concepts) == len(vocab)  # deprecated concepts included
    assert counts.in_use == len(vocab.active_concepts()) == counts.total - counts.deprecated
    assert counts.in_facets + counts.guidance == counts.total
    assert counts.deprecated + counts.contested == counts.guidance
    assert counts.facets == len(vocab.facets) - 1
    assert not [c for c in vocab.core_concepts() if c.deprecated]
    assert _flat(counts.sentence()) == counts.sentence()
    for phrase in expected_phrases(vocab):
        assert phrase in counts.sentence(), phrase


def test_readme_gives_the_vocabulary_counts(vocab: Any) -> None:
    readme = _flat((ROOT / "README.md").read_text(encoding="utf-8"))
    for phrase in expected_phrases(vocab):
        assert phrase in readme, f"README.md should say {phrase!r}"
    assert f"`len(load_vocabulary().concepts)` is {len(vocab.concepts)}" in readme
    assert f"the {len(vocab.core_concepts())} concepts every glossary should cover" in readme
    assert f"# -> ({len(vocab.concepts)}, {len(vocab.active_concepts())})" in readme


def test_tour_from_an_empty_folder_uses_the_shipped_examples_and_writes_nothing(
    vocab: Any, tmp_path: Path
) -> None:
    out = tour(tmp_path)
    assert out.returncode == 0, out.stdout + out.stderr
    text = _flat(out.stdout)
    for phrase in expected_phrases(vocab):
        assert phrase in text, f"the tour should say {phrase!r}"
    shipped = examples_dir("records")
    assert shipped is not None
    assert f"Example records in {shipped}" in text
    n = len([p for p in shipped.iterdir() if p.suffix in {".yaml", ".ndjson"}])
    assert f"{n} of {n} example files valid" in text
    assert list(tmp_path.iterdir()) == []


def test_shipped_examples_are_found() -> None:
    records, glossaries = examples_dir("records"), examples_dir("glossaries")
    assert records is not None and (records / "alder-creek-roster.ndjson").is_file()
    assert glossaries is not None and (glossaries / "pine-hollow-sd-glossary.csv").is_file()
    assert examples_dir("no-such-kind") is None


def test_tour_checks_a_folder_as_one_batch(tmp_path: Path) -> None:
    for name in ("alder-creek-roster.ndjson", "alder-creek-batch.ndjson"):
        shutil.copy(ROOT / "examples" / "records" / name, tmp_path)
    out = tour(ROOT, "--examples", str(tmp_path))
    assert out.returncode == 0, out.stdout
    assert "3 LearnerGoal, 4 NarrativeAssessment" in out.stdout
    assert "2 of 2 example files valid" in out.stdout
    # without the roster, the learners the batch names are nowhere: V001, and exit 1
    (tmp_path / "alder-creek-roster.ndjson").unlink()
    out = tour(ROOT, "--examples", str(tmp_path))
    assert out.returncode == 1
    assert "V001 $.learner" in out.stdout


@pytest.mark.parametrize(
    ("name", "content"),
    [("Learner-1.json", "{not json"), ("batch.ndjson", '{"type": "Learner"\n'), ("x.yaml", "a: [")],
)
def test_tour_reports_an_unreadable_file_without_a_traceback(
    tmp_path: Path, name: str, content: str
) -> None:
    (tmp_path / name).write_text(content, encoding="utf-8")
    out = tour(ROOT, "--examples", str(tmp_path))
    assert out.returncode == 1
    assert f"{name}: cannot be read" in out.stdout
    assert "Traceback" not in out.stdout + out.stderr
    assert "0 of 1 example files valid" in out.stdout
