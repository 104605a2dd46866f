"""``pl-vocab concept`` and ``pl-vocab concepts``: the national vocabulary, printed.

The vocabulary API (:class:`pl_vocab.vocabulary.Vocabulary`) decides what a term means, what a
concept is linked to and which concepts a facet holds; this module only prints. Text from the
vocabulary is printed as it is written (``markup=False``): a bracket in a label stays a bracket.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pl_vocab.cli import output

if TYPE_CHECKING:
    from pl_vocab.models import Concept
    from pl_vocab.vocabulary import Vocabulary

__all__ = ["run_concept", "run_concepts"]


def _other(language: str) -> str:
    return "es" if language == "en" else "en"


def _print_ambiguous(vocab: Vocabulary, term: str, language: str, con: Any) -> None:
    con.print(f"'{term}' may mean more than one concept:", markup=False)
    for c, kind, lang in vocab.lookup(term):
        con.print(f"  {c.id}  {vocab.label(c.id, language)}  ({kind} label, {lang})", markup=False)


def _print_links(vocab: Vocabulary, c: Concept, language: str, con: Any) -> None:
    for title, items in (
        ("broader", vocab.broader(c.id)),
        ("narrower", vocab.narrower(c.id)),
        ("related", vocab.related(c.id)),
        ("not the same as", vocab.distinct_from(c.id)),
    ):
        if items:
            con.print(
                f"{title}: " + ", ".join(vocab.label(i.id, language) for i in items), markup=False
            )


def _print_concept(vocab: Vocabulary, c: Concept, language: str, con: Any) -> None:
    from rich.text import Text

    head = Text(vocab.label(c.id, language), style="bold")
    head.append(f"  ({vocab.label(c.id, _other(language))})  {c.id}", style="")
    con.print(head)
    con.print(
        f"facet: {vocab.label_facet(c.facet, language)}" + ("   [core]" if c.core else ""),
        markup=False,
    )
    con.print(vocab.definition(c.id, language), markup=False)
    alts = [lt.value for lt in c.alt_label or () if lt.language == language]
    if alts:
        con.print("also: " + "; ".join(alts), markup=False)
    _print_links(vocab, c, language, con)
    if c.deprecated:
        repl = ", ".join(
            f"{vocab.label(r.id, language)} ({r.id})" for r in vocab.replacements(c.id)
        )
        con.print(Text("deprecated", style="bold red") + Text(f": use {repl}"))
    adv = c.language_advisory
    if adv is not None:
        why = next((lt.value for lt in adv.rationale if lt.language == language), "")
        con.print(f"language advisory: {adv.status} ({adv.strength}). {why}", markup=False)


def run_concept(term: str, language: str, console: Callable[[], Any]) -> int:
    """Show one concept (0), the candidates of an ambiguous term (0), or say there is none (1)."""
    from pl_vocab.core.errors import UnknownConceptError
    from pl_vocab.vocabulary import load_vocabulary

    vocab = load_vocabulary()
    if len(vocab.meanings(term)) > 1:
        _print_ambiguous(vocab, term, language, console())
        return output.CLEAN
    try:
        c = vocab.concept(term)
    except UnknownConceptError as exc:
        output.say(str(exc))
        return output.FINDINGS
    _print_concept(vocab, c, language, console())
    return output.CLEAN


def run_concepts(facet: str | None, core: bool, language: str, console: Callable[[], Any]) -> int:
    """List the concepts (of one facet, or only the core ones); exit 2 for an unknown facet."""
    from pl_vocab.core.errors import UnknownConceptError
    from pl_vocab.vocabulary import load_vocabulary

    vocab = load_vocabulary()
    try:
        items = vocab.in_facet(facet) if facet else list(vocab.concepts)
    except UnknownConceptError:
        names = ", ".join(f.id.rsplit("/", 1)[-1] for f in vocab.facets)
        output.fail(f"Unknown facet {facet!r}. Facets: {names}.")
    if core:
        items = [c for c in items if c.core]
    con = console()
    for c in items:
        mark = " [core]" if c.core else (" [deprecated]" if c.deprecated else "")
        con.print(f"{c.id:55} {vocab.label(c.id, language)}{mark}", markup=False)
    con.print(f"{len(items)} concepts", markup=False)
    return output.CLEAN
