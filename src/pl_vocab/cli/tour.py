"""The five-minute tour behind ``pl-vocab tour``: the vocabulary, a few lookups, example records.

The tour only reads: it writes no file anywhere. Without ``--examples`` it checks the example
records that ship with pl_vocab (``pl_vocab/examples/records`` in the wheel, ``examples/records``
in a clone), so it runs the same from any folder.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pl_vocab.vocabulary import Vocabulary

__all__ = ["LANGUAGE_GUIDANCE", "VocabularyCounts", "count_concepts", "run_tour"]

#: The facet that holds deficit-based, contested and context-dependent terms.
LANGUAGE_GUIDANCE = "plv:facet/language-guidance"

_SUFFIXES = {".yaml", ".yml", ".json", ".ndjson", ".jsonl"}


@dataclass(frozen=True)
class VocabularyCounts:
    """What the vocabulary holds, counted the way the README and the tour say it.

    ``total`` is ``len(vocab.concepts)``: every concept, deprecated ones included (a concept is
    deprecated, never deleted). ``in_facets`` are the concepts outside the language-guidance
    facet, spread over ``facets`` facets; ``guidance`` are the language-guidance terms, of which
    ``deprecated`` are deficit-based terms with a replacement and ``contested`` are contested or
    context-dependent terms still in use with care. ``in_use`` is ``len(active_concepts())``.
    """

    total: int
    in_facets: int
    facets: int
    core: int
    guidance: int
    deprecated: int
    contested: int
    in_use: int

    def sentence(self) -> str:
        """The one-line summary the tour prints (and the README repeats)."""
        return (
            f"{self.total} concepts in all: {self.in_facets} concepts in {self.facets} facets, "
            f"{self.core} of them core, plus {self.guidance} terms of language guidance "
            f"({self.deprecated} deficit-based terms, deprecated with a replacement, and "
            f"{self.contested} contested or context-dependent ones); {self.in_use} in use "
            "(all but the deprecated)."
        )


def count_concepts(vocab: Vocabulary) -> VocabularyCounts:
    """Count the vocabulary's concepts by facet, core and deprecation (see :class:`VocabularyCounts`).

    >>> from pl_vocab import load_vocabulary
    >>> counts = count_concepts(load_vocabulary())
    >>> counts.total == counts.in_facets + counts.guidance
    True
    """
    guidance_iri = vocab.expand(LANGUAGE_GUIDANCE)
    guidance = [c for c in vocab.concepts if vocab.expand(c.facet) == guidance_iri]
    deprecated = sum(bool(c.deprecated) for c in guidance)
    return VocabularyCounts(
        total=len(vocab.concepts),
        in_facets=len(vocab.concepts) - len(guidance),
        facets=sum(vocab.expand(f.id) != guidance_iri for f in vocab.facets),
        core=len(vocab.core_concepts()),
        guidance=len(guidance),
        deprecated=deprecated,
        contested=len(guidance) - deprecated,
        in_use=len(vocab.active_concepts()),
    )


def _record_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*") if p.suffix in _SUFFIXES)


def _class_of(path: Path) -> str | None:
    """``NarrativeAssessment-001.yaml`` -> ``NarrativeAssessment``; NDJSON lines name their own
    class (None); any other file is a RecordSet."""
    from pl_vocab.models import __all__ as names

    prefix = path.stem.split("-", 1)[0]
    if prefix in names:
        return prefix
    return None if path.suffix in {".ndjson", ".jsonl"} else "RecordSet"


def _read(path: Path) -> Any:
    from pl_vocab.io import load_yaml

    text = path.read_text(encoding="utf-8")
    if path.suffix in {".ndjson", ".jsonl"}:
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    return json.loads(text) if path.suffix == ".json" else load_yaml(path)


def _identifiers(data: Any) -> set[str]:
    """Every ``id`` in a record or batch, at any depth: what other files may refer to."""
    if isinstance(data, dict):
        own = {data["id"]} if isinstance(data.get("id"), str) else set()
        return own.union(*(_identifiers(v) for v in data.values()))
    if isinstance(data, list):
        return set().union(*(_identifiers(v) for v in data))
    return set()


def _summary(cls: str | None, data: Any) -> str:
    if cls is None and isinstance(data, list):
        kinds = Counter(r.get("type", "?") for r in data if isinstance(r, dict))
        return ", ".join(f"{n} {k}" for k, n in kinds.items())
    if cls == "RecordSet" and isinstance(data, dict):
        return ", ".join(f"{len(v)} {k}" for k, v in data.items() if isinstance(v, list))
    return cls or "records"


def _tour_vocabulary(vocab: Vocabulary, console: Any) -> None:
    from rich.table import Table

    counts = count_concepts(vocab)
    console.rule("[bold]1. The national vocabulary")
    console.print(
        f"{vocab.label_facet('plv:facet/personalized-learning')} and more, version "
        f"{vocab.version}: {counts.sentence()}"
    )
    table = Table("facet", "faceta", "in use", "core", "deprecated", show_footer=True)
    for f in vocab.facets:
        members = vocab.in_facet(f.id)
        table.add_row(
            vocab.label_facet(f.id, "en"),
            vocab.label_facet(f.id, "es"),
            str(sum(not c.deprecated for c in members)),
            str(sum(bool(c.core) for c in members)),
            str(sum(bool(c.deprecated) for c in members)),
        )
    for column, footer in zip(
        table.columns,
        ("all facets", "todas", str(counts.in_use), str(counts.core), str(counts.deprecated)),
        strict=True,
    ):
        column.footer = footer
    console.print(table)


def _tour_lookups(vocab: Vocabulary, console: Any) -> None:
    console.rule("[bold]2. Looking terms up")
    for term in ("student voice", "evaluación narrativa", "learning loss", "PBL", "equality"):
        hits = vocab.lookup(term)
        ids = sorted({c.id for c, _, _ in hits})
        if len(ids) > 1:
            console.print(
                f"'{term}' is ambiguous: it may mean {', '.join(ids)}; a glossary must say which."
            )
            continue
        c = vocab.concept(term)
        line = f"'{term}' -> {c.id} ({vocab.label(c.id, 'en')} / {vocab.label(c.id, 'es')})"
        if c.deprecated:
            repl = ", ".join(vocab.label(r.id) for r in vocab.replacements(c.id))
            line += f": deprecated, deficit-based; use [bold]{repl}[/bold]"
        distinct = vocab.distinct_from(c.id)
        if distinct:
            line += "; not the same as " + ", ".join(vocab.label(d.id) for d in distinct)
        console.print(line)


def _tour_records(examples: Path, console: Any) -> int:
    from pl_vocab.core.errors import PlVocabError
    from pl_vocab.validation import validate

    console.rule(f"[bold]3. Example records in {examples}")
    files = _record_files(examples) if examples.is_dir() else []
    if not files:
        console.print(
            f"No example records found in {examples} (looked for .yaml, .yml, .json and .ndjson)."
        )
        return 1
    contents: dict[Path, Any] = {}
    for path in files:
        try:
            contents[path] = _read(path)
        except (ValueError, PlVocabError) as exc:  # not JSON/YAML, or not UTF-8: say so, go on
            console.print(f"[red]✗[/red] {path.name}: cannot be read: {exc}", markup=False)
    bad = len(files) - len(contents)
    # the files are one batch: a goal in one file may name a learner in another (a roster)
    known = set().union(*(_identifiers(data) for data in contents.values()))
    for path, data in contents.items():
        cls = _class_of(path)
        problems = validate(data, cls=cls, known_ids=known)
        summary = _summary(cls, data)
        if problems:
            bad += 1
            console.print(f"[red]✗[/red] {path.name} ({summary}): {len(problems)} problem(s)")
            for p in problems:
                console.print(f"    {p.id} {p.location.json_path or ''}: {p.message}", markup=False)
        else:
            console.print(f"[green]✓[/green] {path.name} ({summary}): valid")
    console.print(f"{len(files) - bad} of {len(files)} example files valid.")
    return 0 if bad == 0 else 1


def run_tour(examples: Path | None, console: Any) -> int:
    """Print the tour; return 0 when every example record is valid, 1 otherwise.

    ``examples`` is a folder of records (JSON, YAML or NDJSON); None means the examples that
    ship with pl_vocab. Nothing is written.
    """
    from pl_vocab._resources import examples_dir
    from pl_vocab.vocabulary import load_vocabulary

    vocab = load_vocabulary()
    _tour_vocabulary(vocab, console)
    _tour_lookups(vocab, console)
    folder = examples if examples is not None else examples_dir("records")
    if folder is None:
        console.rule("[bold]3. Example records")
        console.print("This installation of pl_vocab has no example records; give --examples.")
        return 1
    return _tour_records(folder, console)
