"""``pl-vocab rules``: the check catalogue, listed or looked up by ID or prefix."""

from __future__ import annotations

import typer

from pl_vocab.cli import options, output

__all__ = ["run_rules"]


def run_rules(rule: str | None, format: str) -> int:
    """List the checks matching ``rule`` (all when None) as text, or all of them as Markdown."""
    from pl_vocab.core.catalogue import RULES, rules_markdown

    fmt = options.choose(format, options.RULES_FORMATS)
    if fmt == "markdown":
        output.write_stdout(rules_markdown())
        return output.CLEAN
    chosen = [r for r in RULES.values() if rule is None or r.id.startswith(rule.upper())]
    if not chosen:
        import difflib

        near = difflib.get_close_matches((rule or "").upper(), [r.id for r in RULES.values()], n=1)
        output.fail(f"no check {rule!r}." + (f" Did you mean {near[0]}?" if near else ""))
    for r in chosen:
        typer.echo(f"{r.id}  {r.severity.value:7}  {r.name:32}  {r.summary}")
    return output.CLEAN
