"""Records out of JSON texts, with the line each starts on: the NDJSON line iterator and the
JSON-array reader that every record reader uses (exchange, record validation, ``convert``).

Both are strict (:mod:`pl_vocab.io.json_safe`) and stream: an NDJSON file is read one line at a
time, and a JSON array is decoded element by element, so a record's line is known without a
second parser.

    >>> [(r.line, r.index, r.value) for r in iter_json_records('[{"a": 1},\\n {"a": 2}]', "r.json")]
    [(1, 1, {'a': 1}), (2, 2, {'a': 2})]
    >>> list(ndjson_lines(["\\ufeff{}\\n", "  \\n", '{"a": 1}\\n']))
    [(1, '{}\\n'), (3, '{"a": 1}\\n')]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, AnyStr

from pl_vocab.core.errors import InputError
from pl_vocab.io.json_safe import JsonSyntaxError, decode, decode_at, json_input_error

__all__ = ["JsonRecord", "iter_json_records", "ndjson_lines"]

_BOMS = ("\ufeff", b"\xef\xbb\xbf")


def ndjson_lines(lines: Iterable[AnyStr]) -> Iterator[tuple[int, AnyStr]]:
    """The non-blank lines of NDJSON text or bytes with their 1-based line numbers (a byte-order
    mark on line 1 dropped; line ends kept: they are JSON white space)."""
    for n, line in enumerate(lines, 1):
        if n == 1:
            for bom in _BOMS:
                if type(line) is type(bom) and line.startswith(bom):
                    line = line[len(bom) :]
        if line.strip():
            yield n, line


@dataclass(frozen=True, slots=True)
class JsonRecord:
    """One JSON value read from a file: the value, the line it starts on, its number in the array
    (None for a file that holds one value), and its own text (for checks on the raw text)."""

    value: Any
    line: int
    index: int | None
    text: str


_SPACE = " \t\r\n"


def _skip(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in _SPACE:
        pos += 1
    return pos


def iter_json_records(text: str, source: str) -> Iterator[JsonRecord]:
    """The records of a JSON file: one value, or each element of a top-level array.

    :raises InputError: for text that is not strict JSON, with the file, line, column and record.
    """
    start = _skip(text, 0)
    first_line = text.count("\n", 0, start) + 1
    if not text.startswith("[", start):
        try:
            doc = decode(text)
        except JsonSyntaxError as exc:
            raise json_input_error(source, exc, starts=first_line) from None
        yield JsonRecord(doc, first_line, None, text)
        return
    yield from _array(text, source, start + 1)


def _array(text: str, source: str, pos: int) -> Iterator[JsonRecord]:
    line, counted, index, end = 1, 0, 0, len(text)
    while True:
        pos = _skip(text, pos)
        if pos < end and text[pos] == "]":
            if text[pos + 1 :].strip():
                line += text.count("\n", counted, pos)
                raise InputError(f"{source}, line {line}: unexpected text after the JSON array.")
            return
        if index and pos < end and text[pos] == ",":
            pos = _skip(text, pos + 1)
        elif index:
            line += text.count("\n", counted, pos)
            raise InputError(f"{source}, line {line}: a ',' or ']' is missing between records.")
        line += text.count("\n", counted, pos)
        counted = first = pos
        try:
            doc, pos = decode_at(text, pos)
        except JsonSyntaxError as exc:
            raise json_input_error(source, exc, record=index + 1, starts=line) from None
        index += 1
        yield JsonRecord(doc, line, index, text[first:pos])
