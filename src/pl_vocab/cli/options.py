"""Every option of the ``pl-vocab`` commands, declared once, with its choices.

An option that two commands share has one declaration here (``-f`` is ``--format`` everywhere;
``--from``/``--to`` name record formats; ``-o`` is ``--output``; ``-l`` is ``--lang``), so its
name, short flag, placeholder and help cannot drift apart. The choices are checked by
:func:`choose`, :func:`severity` and :func:`language`, which stop with one line and exit 2.

:class:`Command` and :class:`Group` render help as a user reads it: a placeholder (``FORMAT``,
``FILE``) for an option that takes a value, nothing for a flag, never a Python type name; text in
square brackets shown as written; ``--columns`` listing its roles (imported only for ``--help``).

Only typer and the standard library are imported at start-up.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import HAS_RICH, TyperArgument, TyperCommand, TyperGroup, TyperOption

from pl_vocab.cli import output

if TYPE_CHECKING:
    import typer._click as click

    from pl_vocab.core.model import Severity

__all__ = [
    "CHECK_FORMATS",
    "EXPORT_FORMATS",
    "LANGUAGES",
    "RECORD_FORMATS",
    "RULES_FORMATS",
    "SEVERITIES",
    "VALIDATE_FORMATS",
    "Command",
    "Group",
    "choose",
    "language",
    "severity",
    "split_list",
]

# ------------------------------------------------------------------ choices
#: Report formats of ``check`` (the renderers of :mod:`pl_vocab.report.render`).
CHECK_FORMATS = ("text", "json", "markdown", "html", "sssom")
#: Report formats of ``validate``.
VALIDATE_FORMATS = ("text", "json", "markdown", "html")
#: Formats of ``rules``.
RULES_FORMATS = ("text", "markdown")
#: Record formats for ``--from``/``--to`` (aliases json-ld, ttl, nt and nq are accepted too).
RECORD_FORMATS = ("json", "yaml", "ndjson", "jsonld", "turtle", "ntriples", "nquads")
#: What ``export`` writes.
EXPORT_FORMATS = ("turtle", "jsonld", "ntriples")
#: Severities for ``--fail-on``, lowest last.
SEVERITIES = ("error", "warning", "info")
#: Languages a person can read the output in.
LANGUAGES = ("en", "es")


def _either(choices: tuple[str, ...]) -> str:
    """``('a', 'b', 'c')`` -> ``"a, b or c"``."""
    return ", ".join(choices[:-1]) + f" or {choices[-1]}" if len(choices) > 1 else choices[0]


def choose(value: str, choices: tuple[str, ...], option: str = "--format") -> str:
    """``value`` (case-insensitive) if it is one of ``choices``; else one line and exit 2.

    >>> choose("JSON", VALIDATE_FORMATS)
    'json'
    """
    found = value.strip().lower()
    if found not in choices:
        output.fail(f"unknown {option} {value!r}; use one of {', '.join(choices)}.")
    return found


def severity(value: str) -> Severity:
    """The ``--fail-on`` threshold; one line and exit 2 for anything but a severity."""
    from pl_vocab.core.model import Severity

    if value.strip().lower() not in SEVERITIES:
        output.fail(f"--fail-on takes {_either(SEVERITIES)}, not {value!r}.")
    return Severity(value.strip().lower())


def language(value: str) -> str:
    """The ``--lang`` value; one line and exit 2 for a language the vocabulary lacks."""
    found = value.strip().lower()
    if found not in LANGUAGES:
        output.fail(f"--lang takes {_either(LANGUAGES)}, not {value!r}.")
    return found


def split_list(value: str | None) -> list[str]:
    """A comma-separated option as a list (``--select E,B002`` -> ``["E", "B002"]``).

    >>> split_list(" E, B002 ,,"), split_list(None)
    (['E', 'B002'], [])
    """
    return [v.strip() for v in (value or "").split(",") if v.strip()]


# ------------------------------------------------------------------ help as a user reads it
_ROLES_MARK = "{roles}"


def _column_roles() -> str:
    from pl_vocab.glossary.columns import ROLES

    return ", ".join(ROLES)


class _ShownArgument(TyperArgument):
    """An argument whose help shows its name only (``FILES``), not ``<list[Path]>``."""

    def display_type_rich(self, ctx: click.Context) -> str | None:
        return None


class _ShownOption(TyperOption):
    """An option whose help shows its placeholder (``FORMAT``), or nothing for a flag."""

    def display_type_rich(self, ctx: click.Context) -> str | None:
        if self.is_flag or self.count:
            return None
        return self.metavar or (self.name or "value").upper()


def _prepare_help(command: Any, ctx: click.Context) -> None:
    """Once per command: plain placeholders, the ``--columns`` roles, literal brackets."""
    rich = HAS_RICH and command.rich_markup_mode == "rich"
    for param in command.get_params(ctx):
        if getattr(param, "_plv_ready", False):
            continue
        if type(param) is TyperArgument:
            param.__class__ = _ShownArgument
        elif type(param) is TyperOption:
            param.__class__ = _ShownOption
        text = getattr(param, "help", None)
        if text:
            if _ROLES_MARK in text:
                text = text.replace(_ROLES_MARK, _column_roles())
            param.help = text.replace("[", r"\[") if rich else text
        param._plv_ready = True
    if rich and command.help and not getattr(command, "_plv_ready", False):
        command.help = command.help.replace("[", r"\[")
        command._plv_ready = True


class Command(TyperCommand):
    """A ``pl-vocab`` subcommand: help without type names (see the module docstring)."""

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        _prepare_help(self, ctx)
        super().format_help(ctx, formatter)


class Group(TyperGroup):
    """The ``pl-vocab`` command group: help as :class:`Command`'s, and a user's mistake that a
    command raises (:class:`~pl_vocab.core.errors.PlVocabError`) as one line and exit 2, also
    when the app runs in process (typer's test runner)."""

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        _prepare_help(self, ctx)
        super().format_help(ctx, formatter)

    def invoke(self, ctx: click.Context) -> Any:
        from pl_vocab.core.errors import PlVocabError

        try:
            return super().invoke(ctx)
        except PlVocabError as exc:
            raise typer.Exit(output.exit_code_for(exc)) from None


# ------------------------------------------------------------------ shared options
def _show_version(value: bool) -> None:
    if value:
        from pl_vocab import __version__

        typer.echo(f"pl-vocab {__version__}")
        raise typer.Exit(0)


def _debug(value: bool) -> None:
    if value:
        output.set_debug()


Version = Annotated[
    bool,
    typer.Option("--version", callback=_show_version, is_eager=True, help="Show the version."),
]
Debug = Annotated[
    bool,
    typer.Option(
        "--debug",
        callback=_debug,
        expose_value=False,
        help="Show the traceback of an internal error (to report it).",
    ),
]
Output = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write to this file instead of to standard output (a failed run leaves no part "
        "of it behind).",
    ),
]
CheckFormat = Annotated[
    str,
    typer.Option("--format", "-f", metavar="FORMAT", help=f"{_either(CHECK_FORMATS)}."),
]
ValidateFormat = Annotated[
    str,
    typer.Option("--format", "-f", metavar="FORMAT", help=f"{_either(VALIDATE_FORMATS)}."),
]
RulesFormat = Annotated[
    str,
    typer.Option("--format", "-f", metavar="FORMAT", help=f"{_either(RULES_FORMATS)}."),
]
FailOn = Annotated[
    str,
    typer.Option(
        "--fail-on",
        metavar="SEVERITY",
        help=f"Lowest severity that fails the run (exit 1): {_either(SEVERITIES)}.",
    ),
]
Select = Annotated[
    str | None,
    typer.Option(
        "--select",
        metavar="CHECKS",
        help="Only these checks: IDs (E001), prefixes or families (E; R, S, V for records), "
        "comma-separated.",
    ),
]
Ignore = Annotated[
    str | None,
    typer.Option(
        "--ignore",
        metavar="CHECKS",
        help="Skip these checks: IDs, prefixes or families, comma-separated.",
    ),
]
Columns = Annotated[
    str | None,
    typer.Option(
        "--columns",
        metavar="ROLE=HEADER,...",
        help=f"Name the columns, e.g. term=Vocabulary,definition=Meaning. Roles: {_ROLES_MARK}.",
    ),
]
Sheet = Annotated[
    str | None,
    typer.Option(
        "--sheet", metavar="NAME", help="The workbook sheet to read (default: the first)."
    ),
]
ClassName = Annotated[
    str | None,
    typer.Option(
        "--class",
        metavar="CLASS",
        help="Class of JSON/YAML/NDJSON records that carry no 'type' (e.g. Learner).",
    ),
]
From = Annotated[
    str | None,
    typer.Option(
        "--from",
        metavar="FORMAT",
        help=f"The input format, if the extension does not say it: {_either(RECORD_FORMATS)}.",
    ),
]
ConvertTo = Annotated[
    str, typer.Option("--to", "-t", metavar="FORMAT", help=f"{_either(RECORD_FORMATS)}.")
]
ExportTo = Annotated[
    str, typer.Option("--to", "-t", metavar="FORMAT", help=f"{_either(EXPORT_FORMATS)}.")
]
Lang = Annotated[
    str,
    typer.Option("--lang", "-l", metavar="LANG", help=f"Language to show: {_either(LANGUAGES)}."),
]
Known = Annotated[
    list[Path] | None,
    typer.Option(
        "--known",
        metavar="FILE",
        help="Records that references may point at (a roster, a framework); not validated. "
        "Repeat for more files.",
    ),
]
Jobs = Annotated[
    int, typer.Option("--jobs", "-j", metavar="N", help="Worker processes (0: one per core).")
]
Now = Annotated[
    str | None,
    typer.Option(
        "--now",
        metavar="DATETIME",
        help="Treat this ISO date-time as now for the date rules (reproducible runs).",
    ),
]
MaxFindings = Annotated[
    int,
    typer.Option(
        "--max-findings",
        metavar="N",
        help="List at most this many findings per rule (all are counted); 0: all.",
    ),
]
Shacl = Annotated[
    bool,
    typer.Option("--shacl", help="Also check the records against the SHACL shapes (pyshacl)."),
]
Redact = Annotated[
    bool,
    typer.Option(
        "--redact",
        help="Remove the sensitive fields (names, narratives, identity...) from every record; "
        "required ones are kept as [redacted].",
    ),
]
Core = Annotated[bool, typer.Option("--core", help="Only the core concepts.")]
Facet = Annotated[
    str | None,
    typer.Option("--facet", metavar="FACET", help="Only this facet (e.g. assessment)."),
]
Examples = Annotated[
    Path | None,
    typer.Option(
        "--examples",
        metavar="FOLDER",
        help="Folder of records (JSON, YAML, NDJSON) to validate; default: the shipped examples.",
        show_default=False,
    ),
]
ExportGlossary = Annotated[
    Path | None,
    typer.Option(
        "--glossary",
        metavar="FILE",
        help="Export this district glossary (a DistrictGlossary record file) instead.",
    ),
]
