"""The ``pl-vocab`` command: a thin layer over the public API.

Only typer and the standard library are imported at start-up; each command imports what it needs.
Exit codes: 0 clean, 1 findings at or above the threshold, 2 unreadable input or usage error,
3 internal error (a traceback is shown only with ``--debug``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

app = typer.Typer(
    name="pl-vocab",
    help="A shared vocabulary and data model for personalized and competency-based learning.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

_DEBUG = False


def _version(value: bool) -> None:
    if value:
        from pl_vocab import __version__

        typer.echo(f"pl-vocab {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show tracebacks of internal errors.")
    ] = False,
) -> None:
    global _DEBUG
    _DEBUG = debug


def _console() -> Any:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)


@app.command()
def check(
    glossary: Annotated[
        Path,
        typer.Argument(help="The glossary: CSV, TSV, XLSX, ODS, YAML or JSON.", show_default=False),
    ],
    format: Annotated[
        str, typer.Option("--format", "-f", help="text, json, markdown, html or sssom.")
    ] = "text",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report here.")
    ] = None,
    fail_on: Annotated[
        str,
        typer.Option(
            "--fail-on", help="Lowest severity that fails the run: error, warning or info."
        ),
    ] = "error",
    select: Annotated[
        str | None,
        typer.Option(help="Only these checks: IDs, prefixes or families, comma-separated."),
    ] = None,
    ignore: Annotated[
        str | None,
        typer.Option(help="Skip these checks: IDs, prefixes or families, comma-separated."),
    ] = None,
    columns: Annotated[
        str | None, typer.Option(help="Name the columns: term=Vocabulary,definition=Meaning.")
    ] = None,
    sheet: Annotated[
        str | None, typer.Option(help="The workbook sheet to read (default: the first).")
    ] = None,
) -> None:
    """Check a district glossary against the national vocabulary (exit 0 clean, 1 findings)."""
    from pl_vocab.cli.check import run_check

    raise typer.Exit(
        run_check(glossary, format, output, fail_on, select, ignore, columns, sheet, _console)
    )


@app.command()
def validate(
    files: Annotated[
        list[Path],
        typer.Argument(help="Record files or directories to validate.", show_default=False),
    ],
    class_name: Annotated[
        str | None,
        typer.Option("--class", help="Class of JSON/YAML/NDJSON records that carry no 'type'."),
    ] = None,
    from_: Annotated[
        str | None,
        typer.Option("--from", help="The input format, if the extensions do not say it."),
    ] = None,
    known: Annotated[
        list[Path] | None,
        typer.Option(
            "--known",
            help="Records that references may point at (a roster, a framework); not validated.",
        ),
    ] = None,
    format: Annotated[
        str, typer.Option("--format", "-f", help="text, json, markdown or html.")
    ] = "text",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report here.")
    ] = None,
    fail_on: Annotated[
        str,
        typer.Option(help="Exit 1 on findings of this severity or worse: error, warning, info."),
    ] = "error",
    select: Annotated[
        str | None,
        typer.Option(
            help="Only these rules: IDs, prefixes or families (R, S, V), comma-separated."
        ),
    ] = None,
    ignore: Annotated[
        str | None,
        typer.Option(help="Skip these rules: IDs, prefixes or families, comma-separated."),
    ] = None,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", help="Worker processes (0: one per core).")
    ] = 1,
    now: Annotated[
        str | None,
        typer.Option(
            help="Treat this ISO date-time as now for the date rules (reproducible runs)."
        ),
    ] = None,
    max_findings: Annotated[
        int,
        typer.Option(help="List at most this many findings per rule (all are counted); 0: all."),
    ] = 1000,
) -> None:
    """Validate records (JSON, YAML, NDJSON, JSON-LD, Turtle, N-Triples) against the model."""
    from pl_vocab.cli.validate import run_validate

    raise typer.Exit(
        run_validate(
            files,
            class_name=class_name,
            from_=from_,
            known=known or [],
            format=format,
            output=output,
            fail_on=fail_on,
            select=select,
            ignore=ignore,
            jobs=jobs,
            now=now,
            max_findings=max_findings,
            console=_console,
        )
    )


@app.command()
def rules(
    rule: Annotated[
        str | None, typer.Argument(help="One check ID (e.g. E001), or a prefix.")
    ] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="text or markdown.")] = "text",
) -> None:
    """List the checks (ID, name, severity, what each detects), or show the ones matching RULE."""
    from pl_vocab.core.catalogue import RULES, rules_markdown

    if format == "markdown":
        sys.stdout.write(rules_markdown())
        return
    if format != "text":
        _fail(f"unknown --format {format!r}; use text or markdown.")
    chosen = [r for r in RULES.values() if rule is None or r.id.startswith(rule.upper())]
    if not chosen:
        import difflib

        near = difflib.get_close_matches((rule or "").upper(), [r.id for r in RULES.values()], n=1)
        _fail(f"no check {rule!r}." + (f" Did you mean {near[0]}?" if near else ""))
    for r in chosen:
        typer.echo(f"{r.id}  {r.severity.value:7}  {r.name:32}  {r.summary}")


@app.command()
def concept(
    term: Annotated[
        str, typer.Argument(help="An IRI, a CURIE (plvc:equity) or a label in English or Spanish.")
    ],
    language: Annotated[
        str, typer.Option("--lang", "-l", help="Language to show: en or es.")
    ] = "en",
) -> None:
    """Show one concept of the national vocabulary: labels, definition, links, language advice."""
    from pl_vocab.core.errors import PlVocabError
    from pl_vocab.vocabulary import load_vocabulary

    vocab = load_vocabulary()
    hits = vocab.lookup(term)
    found = vocab.get(term)
    if found is None and len({c.id for c, _, _ in hits}) > 1:
        con = _console()
        con.print(f"'{term}' may mean more than one concept:")
        for c, kind, lang in hits:
            con.print(f"  {c.id}  {vocab.label(c.id, language)}  ({kind} label, {lang})")
        return
    try:
        c = vocab.concept(term)
    except PlVocabError as exc:
        typer.echo(f"pl-vocab: {exc}", err=True)
        raise typer.Exit(1) from None
    con = _console()
    other = "es" if language == "en" else "en"
    con.print(f"[bold]{vocab.label(c.id, language)}[/bold]  ({vocab.label(c.id, other)})  {c.id}")
    con.print(f"facet: {vocab.label_facet(c.facet, language)}" + (r"   \[core]" if c.core else ""))
    con.print(vocab.definition(c.id, language))
    alts = [lt.value for lt in c.alt_label or () if lt.language == language]
    if alts:
        con.print("also: " + "; ".join(alts))
    for title, items in (
        ("broader", vocab.broader(c.id)),
        ("narrower", vocab.narrower(c.id)),
        ("related", vocab.related(c.id)),
        ("not the same as", vocab.distinct_from(c.id)),
    ):
        if items:
            con.print(f"{title}: " + ", ".join(vocab.label(i.id, language) for i in items))
    if c.deprecated:
        repl = ", ".join(
            f"{vocab.label(r.id, language)} ({r.id})" for r in vocab.replacements(c.id)
        )
        con.print(f"[bold red]deprecated[/bold red]: use {repl}")
    adv = c.language_advisory
    if adv is not None:
        why = next((lt.value for lt in adv.rationale if lt.language == language), "")
        con.print(f"language advisory: {adv.status} ({adv.strength}). {why}")


@app.command()
def concepts(
    facet: Annotated[str | None, typer.Option(help="Only this facet (e.g. assessment).")] = None,
    core: Annotated[bool, typer.Option("--core", help="Only the core concepts.")] = False,
    language: Annotated[str, typer.Option("--lang", "-l", help="Language: en or es.")] = "en",
) -> None:
    """List the concepts of the national vocabulary."""
    from pl_vocab.core.errors import PlVocabError
    from pl_vocab.vocabulary import load_vocabulary

    vocab = load_vocabulary()
    try:
        items = vocab.in_facet(facet) if facet else list(vocab.concepts)
    except PlVocabError:
        names = ", ".join(f.id.rsplit("/", 1)[-1] for f in vocab.facets)
        _fail(f"Unknown facet {facet!r}. Facets: {names}.")
    if core:
        items = [c for c in items if c.core]
    con = _console()
    for c in items:
        mark = r" \[core]" if c.core else (r" \[deprecated]" if c.deprecated else "")
        con.print(f"{c.id:55} {vocab.label(c.id, language)}{mark}")
    con.print(f"{len(items)} concepts")


@app.command()
def convert(
    source: Annotated[Path, typer.Argument(help="The file to convert.", show_default=False)],
    to: Annotated[
        str,
        typer.Option("--to", "-t", help="json, yaml, ndjson, jsonld, turtle, ntriples or nquads."),
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write here instead of to standard output."),
    ] = None,
    from_: Annotated[
        str | None,
        typer.Option("--from", "-f", help="The input format, if the extension does not say it."),
    ] = None,
    class_name: Annotated[
        str | None,
        typer.Option("--class", help="Class of JSON/YAML/NDJSON records that carry no 'type'."),
    ] = None,
    shacl: Annotated[
        bool,
        typer.Option("--shacl", help="Also check the records against the SHACL shapes (pyshacl)."),
    ] = False,
    redact: Annotated[
        bool,
        typer.Option(
            "--redact",
            help="Remove the sensitive fields (names, narratives, identity...) from every record; "
            "required ones are kept as [redacted].",
        ),
    ] = False,
) -> None:
    """Convert records between JSON, YAML, NDJSON, JSON-LD, Turtle, N-Triples and N-Quads."""
    from pl_vocab.cli.convert import run_convert

    raise typer.Exit(run_convert(source, to, output, from_, class_name, shacl=shacl, redact=redact))


@app.command()
def export(
    to: Annotated[str, typer.Option("--to", "-t", help="turtle, jsonld or ntriples.")] = "turtle",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write here instead of to standard output."),
    ] = None,
    glossary: Annotated[
        Path | None,
        typer.Option(
            help="Export this district glossary (a DistrictGlossary record file) instead."
        ),
    ] = None,
) -> None:
    """Export the national vocabulary (or a district glossary) as SKOS, integrity-checked."""
    from pl_vocab.cli.export import run_export

    raise typer.Exit(run_export(to, output, glossary))


@app.command()
def tour(
    examples: Annotated[
        Path | None,
        typer.Option(help="Folder of records (JSON, YAML, NDJSON); default: the shipped examples."),
    ] = None,
) -> None:
    """A five-minute tour: the vocabulary by facet, a few lookups, and the example records checked."""
    from pl_vocab.cli.tour import run_tour

    raise typer.Exit(run_tour(examples, _console()))


def _fail(message: str) -> Any:
    typer.echo(f"pl-vocab: {message}", err=True)
    raise typer.Exit(2)


def main() -> None:
    """Entry point of the ``pl-vocab`` command."""
    try:
        rc = app(standalone_mode=False)
        sys.exit(rc if isinstance(rc, int) else 0)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        sys.exit(130)
    except Exception as exc:  # click usage errors and anything unexpected
        # typer may vendor its own click: recognise its exceptions by their class names
        names = {cls.__name__ for cls in type(exc).__mro__}
        if "ClickException" in names:
            typer.echo(f"pl-vocab: {exc.format_message()}", err=True)  # type: ignore[attr-defined]
            sys.exit(2 if "UsageError" in names else int(getattr(exc, "exit_code", 2)))
        from pl_vocab.core.errors import PlVocabError

        if isinstance(exc, PlVocabError):
            typer.echo(f"pl-vocab: {exc}", err=True)
            sys.exit(2)
        if _DEBUG or os.environ.get("PL_VOCAB_DEBUG"):
            raise
        typer.echo(
            f"pl-vocab: internal error ({type(exc).__name__}). Run again with --debug and report it.",
            err=True,
        )
        sys.exit(3)


if __name__ == "__main__":
    main()
