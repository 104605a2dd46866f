"""``pl-vocab export``: the national vocabulary, or a district glossary, as SKOS."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

__all__ = ["run_export"]

_TARGETS = ("turtle", "jsonld", "ntriples")


def _serialize(triples: list[Any], fmt: str) -> str:
    from pl_vocab.io.rdf import serialize_triples
    from pl_vocab.prefixes import serialization_prefixes

    return serialize_triples(
        triples, fmt, prefixes=serialization_prefixes() if fmt == "turtle" else None
    )


def run_export(to: str, output: Path | None, glossary: Path | None) -> int:
    """Write SKOS; refuse (exit 1) if the SKOS integrity checks find an error in it."""
    from pl_vocab.core.errors import InputError
    from pl_vocab.exchange import load
    from pl_vocab.io.formats import normalize_format
    from pl_vocab.rdf.load import RdfDataError
    from pl_vocab.skos import check_skos, glossary_to_skos, vocabulary_to_skos

    try:
        fmt = normalize_format(to)
        if fmt not in _TARGETS:
            raise InputError(f"export writes {', '.join(_TARGETS)}, not {fmt}.")
        if glossary is None:
            triples = vocabulary_to_skos()
            if fmt == "jsonld":  # compact, with the published context
                from pl_vocab.exchange import dumps
                from pl_vocab.vocabulary import load_vocabulary

                text = dumps(load_vocabulary().scheme, "jsonld")
            else:
                text = _serialize(triples, fmt)
        else:
            records = load(glossary, cls="DistrictGlossary")
            glossaries = [r for r in records if type(r).__name__ == "DistrictGlossary"]
            if len(glossaries) != 1:
                raise InputError(
                    f"{glossary}: expected one DistrictGlossary, found {len(glossaries)}."
                )
            triples = list(glossary_to_skos(glossaries[0]))  # type: ignore[arg-type]
            text = _serialize(triples, fmt)
    except (InputError, RdfDataError) as exc:
        print(f"pl-vocab: {exc}", file=sys.stderr)
        return 2
    errors = [f for f in check_skos(triples) if f.severity.value == "error"]
    if errors:
        for f in errors:
            print(f"pl-vocab: {f}", file=sys.stderr)
        print(f"pl-vocab: SKOS not written: {len(errors)} integrity error(s).", file=sys.stderr)
        return 1
    if output:
        from pl_vocab.cli.output import write_text, wrote

        write_text(output, text)
        wrote(output, f"{len(triples)} triples as {fmt}")
    else:
        from pl_vocab.cli.output import write_stdout

        write_stdout(text, errors="strict")
    return 0
