"""Conversion as a library: read, optionally redact, optionally check with SHACL, write.

This is everything ``pl-vocab convert`` does (the command only handles arguments and messages),
and the home of :func:`dumps`/:func:`dump` with ``redact=True``: redaction is a step composed
here, before the format's dumper runs (:mod:`pl_vocab.exchange` knows nothing of it).

NDJSON input written as NDJSON, N-Triples or N-Quads is streamed record by record, so memory stays
flat whatever the file size; every other combination reads the whole input first. The output file
is replaced only once the conversion is complete (:func:`pl_vocab.io.output.atomic_output`): a
failed conversion leaves it as it was, and a file may be converted onto itself.

    >>> from pl_vocab.models import Learner
    >>> "grade_level" in dumps(Learner(id="plv:learner/1", grade_level="7"), "json", redact=True)
    True
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING

from pydantic import BaseModel

from pl_vocab import exchange
from pl_vocab.core.errors import InputError
from pl_vocab.io.formats import detect_format, format_info, normalize_format
from pl_vocab.io.output import atomic_output

if TYPE_CHECKING:
    from pl_vocab.core.model import Finding

__all__ = ["ConvertResult", "convert", "dump", "dumps"]


def _redacted(objects: BaseModel | Iterable[BaseModel]) -> BaseModel | list[BaseModel]:
    from pl_vocab.redact import redact, redact_all

    return redact(objects) if isinstance(objects, BaseModel) else list(redact_all(objects))


def dumps(objects: BaseModel | Iterable[BaseModel], format: str, *, redact: bool = False) -> str:
    """Serialize one object or many to text in ``format`` (:func:`pl_vocab.exchange.dumps`).

    :param redact: first take the sensitive data out of every object (see :mod:`pl_vocab.redact`).
    """
    return exchange.dumps(_redacted(objects) if redact else objects, format)


def dump(
    objects: BaseModel | Iterable[BaseModel],
    path: str | Path,
    format: str | None = None,
    *,
    redact: bool = False,
) -> None:
    """Write one object or many to ``path`` (format from the extension unless given).

    :param redact: first take the sensitive data out of every object (see :mod:`pl_vocab.redact`).
    """
    exchange.dump(_redacted(objects) if redact else objects, path, format)


@dataclass
class ConvertResult:
    """What a conversion did: the formats, how many records, and whether it wrote them.

    ``problems`` holds the SHACL findings that stopped it (nothing is written then).
    """

    source_format: str
    target: str
    count: int = 0
    written: bool = False
    problems: list[Finding] = field(default_factory=list)


def _shacl_findings(records: Sequence[BaseModel]) -> list[Finding]:
    from pl_vocab.rdf.export import to_triples
    from pl_vocab.shacl import validate_shacl

    return validate_shacl(to_triples(records), variant="record")


def _target(to: str) -> str:
    target = normalize_format(to)
    if not format_info(target).writable:
        raise InputError(f"{target} can be read but not written; choose turtle or ntriples.")
    return target


def _source_format(source: Path, from_: str | None) -> str:
    if not source.is_file():
        raise InputError(f"{source}: no such file.")
    if from_:
        return normalize_format(from_)
    try:
        with source.open("rb") as f:
            head = f.read(2048)
    except OSError as exc:
        raise InputError(f"{source}: cannot be read ({exc.strerror}).") from None
    return detect_format(source, head)


def _write(
    result: ConvertResult, source: Path, out: IO[str], cls: str | None, redact: bool
) -> None:
    """Read ``source`` and write its records to ``out``: streamed when both formats stream."""
    if result.source_format == "ndjson" and format_info(result.target).streams_out:
        from pl_vocab.redact import redact_all

        with source.open(encoding="utf-8", newline="\n") as lines:
            stream: Iterable[BaseModel] = exchange.iter_ndjson(lines, cls=cls, source=str(source))
            result.count = exchange.write_stream(
                redact_all(stream) if redact else stream, out, result.target
            )
        return
    records = exchange.load(source, result.source_format, cls=cls)
    result.count = len(records)
    out.write(dumps(records, result.target, redact=redact))


def convert(
    source: str | Path,
    to: str,
    output: str | Path | None = None,
    *,
    from_: str | None = None,
    cls: str | None = None,
    redact: bool = False,
    shacl: bool = False,
    stdout: IO[str] | None = None,
) -> ConvertResult:
    """Convert the records of ``source`` to the format ``to``.

    :param output: the file to write (replaced only when the conversion succeeds); without one,
        the text goes to ``stdout`` (default: standard output).
    :param from_: the input format, when the extension does not say it.
    :param cls: the class of JSON/YAML/NDJSON records that carry no ``type``.
    :param redact: remove (or mask, where required) the sensitive slots of every record, before
        any check or output: a SHACL message then cannot repeat a sensitive value.
    :param shacl: check the records against the SHACL shapes (the ``shacl`` extra) first; with
        problems, nothing is written and they are in :attr:`ConvertResult.problems`.
    :raises InputError: unreadable, unsafe or malformed input, an unknown format, or an output
        that cannot be written.
    :raises pl_vocab.rdf.load.RdfDataError: RDF whose triples do not fit the schema.
    :raises pl_vocab.shacl.MissingExtraError: ``shacl`` without the extra installed.
    """
    source = Path(source)
    target = _target(to)
    result = ConvertResult(_source_format(source, from_), target)
    if shacl:
        records = exchange.load(source, result.source_format, cls=cls)
        if redact:
            records = list(_redacted(records))  # type: ignore[arg-type]
        result.problems = _shacl_findings(records)
        if result.problems:
            return result
        text = exchange.dumps(records, target)
        result.count = len(records)
        _emit(text, output, stdout)
    elif output is None:
        _write(result, source, stdout or sys.stdout, cls, redact)
    else:
        with atomic_output(Path(output)) as out:
            _write(result, source, out, cls, redact)
    result.written = True
    return result


def _emit(text: str, output: str | Path | None, stdout: IO[str] | None) -> None:
    if output is None:
        (stdout or sys.stdout).write(text)
        return
    with atomic_output(Path(output)) as out:
        out.write(text)
