"""``pl-vocab convert``: read records in one format and write them in another.

NDJSON input written as NDJSON, N-Triples or N-Quads is streamed record by record, so memory stays
flat whatever the file size; every other combination reads the whole input first. With
``redact``, every record is redacted (:mod:`pl_vocab.redact`) before it is checked or written,
in the streamed path one record at a time.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pydantic import BaseModel

    from pl_vocab.core.model import Finding

__all__ = ["run_convert"]


def _shacl_findings(records: Sequence[BaseModel]) -> list[Finding]:
    from pl_vocab.rdf.export import to_triples
    from pl_vocab.shacl import validate_shacl

    return validate_shacl(to_triples(records), variant="record")


_STREAMABLE = {"ndjson", "ntriples", "nquads"}


def run_convert(
    source: Path,
    to: str,
    output: Path | None,
    from_: str | None,
    class_name: str | None,
    *,
    shacl: bool = False,
    redact: bool = False,
) -> int:
    """Convert ``source``; return the exit code (0 done, 1 data that does not fit, 2 unreadable).

    With ``redact``, sensitive slots are removed (or masked where required) in every record. The
    SHACL check then runs on the redacted records: they are what is written, and its messages
    cannot repeat a sensitive value on standard error.
    """
    from contextlib import nullcontext

    from pl_vocab.cli.output import atomic_writer, wrote
    from pl_vocab.exchange import (
        InputError,
        detect_format,
        dumps,
        iter_ndjson,
        load,
        normalize_format,
        write_stream,
    )
    from pl_vocab.rdf.load import RdfDataError
    from pl_vocab.redact import redact_all
    from pl_vocab.shacl import MissingExtraError

    try:
        target = normalize_format(to)
        if target == "rdfxml":
            raise InputError("rdfxml can be read but not written; choose turtle or ntriples.")
        if not source.is_file():
            raise InputError(f"{source}: no such file.")
        fmt = (
            normalize_format(from_) if from_ else detect_format(source, source.read_bytes()[:2048])
        )
        with atomic_writer(output) if output else nullcontext(sys.stdout) as out:
            if shacl:
                records = load(source, fmt, cls=class_name)
                if redact:
                    records = list(redact_all(records))
                problems = _shacl_findings(records)
                if problems:
                    for f in problems:
                        print(f"pl-vocab: {source}: {f}", file=sys.stderr)
                    return 1
                count = len(records)
                out.write(dumps(records, target))
            elif fmt == "ndjson" and target in _STREAMABLE:
                with source.open(encoding="utf-8", newline="\n") as lines:
                    stream = iter_ndjson(lines, cls=class_name, source=str(source))
                    count = write_stream(redact_all(stream) if redact else stream, out, target)
            else:
                records = load(source, fmt, cls=class_name)
                count = len(records)
                out.write(dumps(records, target, redact=redact))
    except MissingExtraError as exc:
        print(f"pl-vocab: {exc}", file=sys.stderr)
        return 2
    except RdfDataError as exc:
        print(f"pl-vocab: {exc}", file=sys.stderr)
        return 1
    except InputError as exc:
        print(f"pl-vocab: {exc}", file=sys.stderr)
        return 2
    except UnicodeDecodeError as exc:
        print(
            f"pl-vocab: {source}: not UTF-8 text (byte {exc.start}); save it as UTF-8.",
            file=sys.stderr,
        )
        return 2
    if output:
        wrote(output, f"{count} record(s) as {target}")
    return 0
