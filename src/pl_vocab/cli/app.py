"""The ``pl-vocab`` command: the commands declared, each handed to its own module.

Options come from :mod:`pl_vocab.cli.options` (each declared once); reports, written files,
error lines and exit codes from :mod:`pl_vocab.cli.output`. Exit codes: 0 clean, 1 findings at or
above the threshold, 2 unreadable input, unwritable output or usage error (one line), 3 internal
error (a traceback only with ``--debug``, which works before or after the command name).

Only typer and the standard library are imported at start-up; each command imports what it needs.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from pl_vocab.cli import options as opt
from pl_vocab.cli import output

app = typer.Typer(
    name="pl-vocab",
    help="A shared vocabulary and data model for personalized and competency-based learning.",
    cls=opt.Group,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _console() -> Any:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)


@app.callback()
def _root(version: opt.Version = False, debug: opt.Debug = False) -> None:
    """A shared vocabulary and data model for personalized and competency-based learning."""


@app.command(cls=opt.Command)
def check(
    glossary: Annotated[
        Path,
        typer.Argument(
            metavar="GLOSSARY",
            help="The glossary: CSV, TSV, XLSX, ODS, YAML, JSON or SKOS.",
            show_default=False,
        ),
    ],
    format: opt.CheckFormat = "text",
    output_path: opt.Output = None,
    fail_on: opt.FailOn = "error",
    select: opt.Select = None,
    ignore: opt.Ignore = None,
    columns: opt.Columns = None,
    sheet: opt.Sheet = None,
    debug: opt.Debug = False,
) -> None:
    """Check a district glossary against the national vocabulary (exit 0 clean, 1 findings)."""
    from pl_vocab.cli.check import run_check

    args = (glossary, format, output_path, fail_on, select, ignore, columns, sheet)
    raise typer.Exit(run_check(*args, console=_console))


@app.command(cls=opt.Command)
def validate(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILES",
            help="Record files or folders to validate.",
            show_default=False,
        ),
    ],
    class_name: opt.ClassName = None,
    from_: opt.From = None,
    known: opt.Known = None,
    format: opt.ValidateFormat = "text",
    output_path: opt.Output = None,
    fail_on: opt.FailOn = "error",
    select: opt.Select = None,
    ignore: opt.Ignore = None,
    jobs: opt.Jobs = 1,
    now: opt.Now = None,
    max_findings: opt.MaxFindings = 1000,
    debug: opt.Debug = False,
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
            output_path=output_path,
            fail_on=fail_on,
            select=select,
            ignore=ignore,
            jobs=jobs,
            now=now,
            max_findings=max_findings,
            console=_console,
        )
    )


@app.command(cls=opt.Command)
def rules(
    rule: Annotated[
        str | None,
        typer.Argument(metavar="RULE", help="One check ID (e.g. E001), or a prefix."),
    ] = None,
    format: opt.RulesFormat = "text",
    debug: opt.Debug = False,
) -> None:
    """List the checks (ID, name, severity, what each detects), or show the ones matching RULE."""
    from pl_vocab.cli.rules import run_rules

    raise typer.Exit(run_rules(rule, format))


@app.command(cls=opt.Command)
def concept(
    term: Annotated[
        str,
        typer.Argument(
            metavar="TERM",
            help="An IRI, a CURIE (plvc:equity) or a label in English or Spanish.",
            show_default=False,
        ),
    ],
    language: opt.Lang = "en",
    debug: opt.Debug = False,
) -> None:
    """Show one concept of the national vocabulary: labels, definition, links, language advice."""
    from pl_vocab.cli.vocab import run_concept

    raise typer.Exit(run_concept(term, opt.language(language), _console))


@app.command(cls=opt.Command)
def concepts(
    facet: opt.Facet = None,
    core: opt.Core = False,
    language: opt.Lang = "en",
    debug: opt.Debug = False,
) -> None:
    """List the concepts of the national vocabulary."""
    from pl_vocab.cli.vocab import run_concepts

    raise typer.Exit(run_concepts(facet, core, opt.language(language), _console))


@app.command(cls=opt.Command)
def convert(
    source: Annotated[
        Path, typer.Argument(metavar="SOURCE", help="The file to convert.", show_default=False)
    ],
    to: opt.ConvertTo,
    output_path: opt.Output = None,
    from_: opt.From = None,
    class_name: opt.ClassName = None,
    shacl: opt.Shacl = False,
    redact: opt.Redact = False,
    debug: opt.Debug = False,
) -> None:
    """Convert records between JSON, YAML, NDJSON, JSON-LD, Turtle, N-Triples and N-Quads."""
    from pl_vocab.cli.convert import run_convert

    args = (source, to, output_path, from_, class_name)
    raise typer.Exit(run_convert(*args, shacl=shacl, redact=redact))


@app.command(cls=opt.Command)
def export(
    to: opt.ExportTo = "turtle",
    output_path: opt.Output = None,
    glossary: opt.ExportGlossary = None,
    debug: opt.Debug = False,
) -> None:
    """Export the national vocabulary (or a district glossary) as SKOS, integrity-checked."""
    from pl_vocab.cli.export import run_export

    raise typer.Exit(run_export(to, output_path, glossary))


@app.command(cls=opt.Command)
def tour(examples: opt.Examples = None, debug: opt.Debug = False) -> None:
    """A five-minute tour: the vocabulary by facet, a few lookups, and the example records checked."""
    from pl_vocab.cli.tour import run_tour

    raise typer.Exit(run_tour(examples, _console()))


def main() -> None:
    """Run ``pl-vocab``: every outcome becomes one of the exit codes (``pl_vocab.cli.main``
    answers ``--version`` alone before it comes here)."""
    output.handle_signals()
    try:
        try:
            rc = app(standalone_mode=False, prog_name="pl-vocab")
        finally:
            sys.stdout.flush()  # a full disk or a closed pipe is reported here, not at exit
    except SystemExit:
        raise
    except BaseException as exc:  # usage and input errors, Exit, Abort, and anything unexpected
        code = output.exit_code_for(exc)
        if code == output.INTERNAL and output.debug_enabled():
            raise
        sys.exit(code)
    sys.exit(rc if isinstance(rc, int) else 0)


if __name__ == "__main__":
    main()
