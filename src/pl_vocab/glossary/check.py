"""``check_glossary``: read a district glossary, match it to the national vocabulary, run the
checks, and return one :class:`~pl_vocab.core.model.Report`.

    read -> match -> check -> report; the renderers in ``pl_vocab.report`` do the rest.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from pl_vocab.core.model import (
    Finding,
    InputInfo,
    MappingRow,
    Report,
    Severity,
    VocabularyInfo,
)

__all__ = ["check_glossary", "check_table", "known_check_ids"]


def _load_checks() -> None:
    # importing the family modules registers their checks
    from pl_vocab.glossary.checks import (  # noqa: F401
        bilingual,
        coverage,
        definitions,
        language,
        mapping,
        relations,
        terms,
    )


def known_check_ids() -> list[str]:
    """Every check ID of ``pl-vocab check``: families A to I of the catalogue.

    >>> known_check_ids()[:2], "H003" in known_check_ids(), "V001" in known_check_ids()
    (['A001', 'A002'], True, False)
    """
    from pl_vocab.core.catalogue import rules_for

    return [r.id for r in rules_for("check")]


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a glossary is read and checked.

    A check builds long-lived objects by the hundred thousand (rows, matches, findings and
    their locations) and no reference cycles; the collector traverses every one of them at
    each full collection, which it starts whenever the long-lived objects have grown by a
    quarter. On 10,000 terms that was 30% of the check's time, and freed nothing. Reference
    counting frees memory as usual meanwhile; the collector is switched back on afterwards
    (only if it was on: nested or concurrent checks leave it as the outermost one found it).
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def check_table(
    table: object,
    *,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
) -> Report:
    """Run the checks on a table that :func:`pl_vocab.glossary.read.read_glossary` returned."""
    with _collector_paused():
        return _check_table(table, select, ignore)


def _check_table(table: object, select: Iterable[str], ignore: Iterable[str]) -> Report:
    from pl_vocab import __version__
    from pl_vocab.core.selection import resolve_selection
    from pl_vocab.glossary.checks.base import CHECKS, CheckContext
    from pl_vocab.glossary.checks.coverage import compute_coverage
    from pl_vocab.glossary.match import shared_matcher
    from pl_vocab.glossary.read import GlossaryTable
    from pl_vocab.vocabulary import load_vocabulary

    assert isinstance(table, GlossaryTable)
    _load_checks()
    selected = resolve_selection(known_check_ids(), select, ignore)
    vocab = load_vocabulary()
    ctx = CheckContext(
        table=table, vocabulary=vocab, matcher=shared_matcher(vocab), selected=selected
    )
    findings: list[Finding] = [f for f in table.findings if f.id in selected]
    for cid in sorted(CHECKS):
        if cid in selected:
            findings.extend(CHECKS[cid].run(ctx))
    # one mapping per row: the term's own, else its Spanish term's
    mappings: list[MappingRow] = []
    for row in sorted({*ctx.matches, *ctx.matches_es}):
        m = ctx.matches.get(row)
        if m is None or m.mapping is None:
            m = ctx.matches_es.get(row)
        if m is not None and m.mapping is not None:
            mappings.append(
                MappingRow(
                    row=row,
                    term=m.term,
                    concept=m.mapping.concept,
                    predicate=m.mapping.predicate,
                    justification=m.mapping.justification,
                    confidence=m.mapping.confidence,
                    comment=m.mapping.comment or None,
                )
            )
    terms = sum(1 for r in table.rows if r.term)
    term_rows = {r.row for r in table.rows if r.term}
    mapped_rows = {mr.row for mr in mappings}
    stats = {
        "rows": len(table.rows),
        "terms": terms,
        "mapped": len(mapped_rows),
        "unmapped": terms - len(mapped_rows & term_rows),
        **{f"findings_{s.value}": sum(f.severity == s for f in findings) for s in Severity},
    }
    findings.sort(key=lambda f: (f.id[0], f.location.row or 0, f.id))
    return Report(
        valid=not any(f.severity == Severity.ERROR for f in findings),
        tool_version=__version__,
        input=InputInfo(
            file=table.source,
            sha256=table.sha256,
            format=Path(table.source).suffix.lstrip(".").lower() or None,
            encoding=table.encoding,
            delimiter=table.delimiter,
            sheet=table.sheet,
            columns=dict(table.column_map),
        ),
        vocabulary=VocabularyInfo(iri=vocab.iri, version=vocab.version),
        stats=stats,
        findings=findings,
        mappings=mappings,
        coverage=compute_coverage(ctx),
    )


def check_glossary(
    path: str | Path,
    *,
    sheet: str | None = None,
    columns: str | Mapping[str, str] | None = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
) -> Report:
    """Check a district glossary file against the national vocabulary.

    :raises pl_vocab.glossary.columns.GlossaryInputError: unreadable or unsafe input (exit 2).
    :raises pl_vocab.core.selection.UnknownCheckError: an unknown ``select``/``ignore`` code.
    """
    from pl_vocab.glossary.read import read_glossary

    with _collector_paused():
        table = read_glossary(path, sheet=sheet, columns=columns)
        return check_table(table, select=select, ignore=ignore)
