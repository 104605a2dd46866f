"""``pl-vocab export``: the national vocabulary, or a district glossary, as SKOS.

The export itself is :func:`pl_vocab.skos.export_skos`; this module writes it, or refuses (exit 1)
when the SKOS integrity checks find an error in it.
"""

from __future__ import annotations

from pathlib import Path

from pl_vocab.cli.output import FINDINGS, USAGE, say, write_stdout, write_text, wrote

__all__ = ["run_export"]


def run_export(to: str, output: Path | None, glossary: Path | None) -> int:
    """Write SKOS; refuse (exit 1) if the SKOS integrity checks find an error in it."""
    from pl_vocab.core.errors import InputError
    from pl_vocab.rdf.load import RdfDataError
    from pl_vocab.skos import export_skos

    try:
        result = export_skos(to, glossary)
    except (InputError, RdfDataError) as exc:
        say(str(exc))
        return USAGE
    if not result.ok:
        for f in result.errors:
            say(str(f))
        say(f"SKOS not written: {len(result.errors)} integrity error(s).")
        return FINDINGS
    if output:
        write_text(output, result.text)
        wrote(output, f"{len(result.triples)} triples as {result.format}")
    else:
        write_stdout(result.text, errors="strict")
    return 0
