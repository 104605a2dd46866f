"""The five-minute tour behind ``pl-vocab tour``: the vocabulary, a few lookups, example records."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

__all__ = ["run_tour"]


def _record_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*") if p.suffix in {".yaml", ".yml", ".json"})


def _class_of(path: Path) -> str:
    """``NarrativeAssessment-001.yaml`` -> ``NarrativeAssessment``; anything else is a RecordSet."""
    from pl_vocab.models import __all__ as names

    prefix = path.stem.split("-", 1)[0]
    return prefix if prefix in names else "RecordSet"


def run_tour(examples: Path, console: Any) -> int:
    """Print the tour; return 0 when every example record is valid, 1 otherwise."""
    from rich.table import Table

    from pl_vocab.io import load_yaml
    from pl_vocab.validation import validate
    from pl_vocab.vocabulary import load_vocabulary

    vocab = load_vocabulary()
    active = vocab.active_concepts()
    console.rule("[bold]1. The national vocabulary")
    console.print(
        f"{vocab.label_facet('plv:facet/personalized-learning')} and more: version {vocab.version}, "
        f"{len(active)} concepts in use, {len(vocab.core_concepts())} core, "
        f"{len(vocab) - len(active)} deprecated deficit-based terms."
    )
    table = Table("facet", "faceta", "concepts", "core", "deprecated")
    for f in vocab.facets:
        members = vocab.in_facet(f.id)
        table.add_row(
            vocab.label_facet(f.id, "en"),
            vocab.label_facet(f.id, "es"),
            str(sum(not c.deprecated for c in members)),
            str(sum(bool(c.core) for c in members)),
            str(sum(bool(c.deprecated) for c in members)),
        )
    console.print(table)

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

    console.rule(f"[bold]3. Example records in {examples}")
    files = _record_files(examples) if examples.is_dir() else []
    if not files:
        console.print(f"No example records found in {examples} (looked for .yaml, .yml and .json).")
        return 1
    bad = 0
    for path in files:
        cls = _class_of(path)
        data = (
            json.loads(path.read_text(encoding="utf-8"))
            if path.suffix == ".json"
            else load_yaml(path)
        )
        problems = validate(data, cls=cls)
        kinds = Counter(k for k in data if isinstance(data, dict) and isinstance(data.get(k), list))
        summary = ", ".join(f"{len(data[k])} {k}" for k in kinds) if cls == "RecordSet" else cls
        if problems:
            bad += 1
            console.print(f"[red]✗[/red] {path.name} ({summary}): {len(problems)} problem(s)")
            for p in problems:
                console.print(f"    {p.id} {p.location.json_path or ''}: {p.message}", markup=False)
        else:
            console.print(f"[green]✓[/green] {path.name} ({summary}): valid")
    console.print(f"{len(files) - bad} of {len(files)} example files valid.")
    return 0 if bad == 0 else 1
