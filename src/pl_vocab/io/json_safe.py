"""A strict JSON reader for untrusted input, and a check that data read from YAML is JSON data.

The standard library's decoder is fast and is kept; what it lacks is added around it:

- a key that appears twice in one object is refused (the decoder would silently keep the last
  value), and the line of the second occurrence is found;
- ``NaN``, ``Infinity`` and ``-Infinity`` are refused: they are not JSON;
- an integer longer than Python converts (4,300 digits) and nesting too deep for the decoder are
  reported as problems of the input, with the line where it can be told, never as a crash.

Every problem is a :class:`JsonSyntaxError` carrying the line and column (1-based, relative to the text
given) and a message that quotes no value, so callers add the file name and decide what a problem
means for them (a whole file refused, or one line of NDJSON reported).

    >>> try:
    ...     decode('{"id": "a",\\n "id": "b"}')
    ... except JsonSyntaxError as problem:
    ...     print(problem)
    line 2, column 2: the key 'id' appears twice in one object
"""

from __future__ import annotations

import json
import math
import re
import sys
from typing import Any

from pl_vocab.core.errors import ParseError
from pl_vocab.core.text import key_for_message

__all__ = [
    "JsonInputError",
    "JsonSyntaxError",
    "decode",
    "decode_at",
    "json_input_error",
    "not_json_data",
    "read_json",
]


class JsonSyntaxError(ValueError):
    """Why a JSON text cannot be read, and where (``line`` and ``column`` are 1-based or None).

    ``kind`` names the problem for callers that explain it their own way: ``syntax``,
    ``duplicate-key``, ``not-json`` (NaN, Infinity), ``too-deep`` or ``long-number``.
    """

    def __init__(
        self,
        reason: str,
        line: int | None = None,
        column: int | None = None,
        kind: str = "syntax",
    ) -> None:
        self.reason = reason
        self.kind = kind
        self.line = line
        self.column = column
        where = "" if line is None else f"line {line}: " if column is None else ""
        if line is not None and column is not None:
            where = f"line {line}, column {column}: "
        super().__init__(f"{where}{reason}")


class _DuplicateKeyError(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        for k, _ in pairs:
            if k in seen:
                raise _DuplicateKeyError(k)
            seen.add(k)
    return out


def _no_constants(name: str) -> Any:
    raise _NotJsonError(name)


class _NotJsonError(Exception):
    def __init__(self, name: str) -> None:
        self.name = name


_DECODER = json.JSONDecoder(object_pairs_hook=_no_duplicates, parse_constant=_no_constants)


def decode(text: str) -> Any:
    """The one JSON value of ``text`` (white space around it allowed).

    :raises JsonSyntaxError: for anything that is not strict JSON, with its line and column.
    """
    doc, end = decode_at(text, 0, skip_space=True)
    rest = len(text) - len(text[end:].lstrip())
    if rest < len(text):
        line, column = _line_column(text, rest)
        raise JsonSyntaxError("unexpected text after the JSON value", line, column)
    return doc


def decode_at(text: str, pos: int, *, skip_space: bool = False) -> tuple[Any, int]:
    """The JSON value that starts at ``pos`` and the position just after it (``raw_decode``).

    :raises JsonSyntaxError: as :func:`decode`.
    """
    if skip_space:
        pos = len(text) - len(text[pos:].lstrip())
    try:
        return _DECODER.raw_decode(text, pos)
    except json.JSONDecodeError as exc:
        raise JsonSyntaxError(exc.msg, exc.lineno, exc.colno) from None
    except _DuplicateKeyError as exc:
        line, column = _duplicate_position(text, pos, exc.key)
        raise JsonSyntaxError(
            f"the key {key_for_message(exc.key)} appears twice in one object",
            line,
            column,
            "duplicate-key",
        ) from None
    except _NotJsonError as exc:
        at = text.find(exc.name, pos)
        line, column = _line_column(text, at) if at >= 0 else (None, None)
        raise JsonSyntaxError(f"{exc.name} is not a JSON value", line, column, "not-json") from None
    except RecursionError:
        deepest = _deepest(text, pos)
        line, column = _line_column(text, deepest) if deepest is not None else (None, None)
        raise JsonSyntaxError(
            "the JSON is nested too deeply to read safely", line, column, "too-deep"
        ) from None
    except ValueError:  # a number longer than Python converts
        m = _LONG_NUMBER.search(text, pos)
        line, column = _line_column(text, m.start()) if m else (None, None)
        digits = sys.get_int_max_str_digits()
        raise JsonSyntaxError(
            f"a number has more than {digits:,} digits; write it as text",
            line,
            column,
            "long-number",
        ) from None


class JsonInputError(ParseError):
    """A JSON file (or one line or record of it) that cannot be read: ``reason`` says why,
    ``line`` and ``column`` (1-based, in the file) where; made by :func:`json_input_error`."""


def json_input_error(
    source: str,
    problem: JsonSyntaxError,
    *,
    line_offset: int = 0,
    record: int | None = None,
    starts: int | None = None,
) -> JsonInputError:
    """The file's one-line error for a problem found in part of it.

    :param line_offset: lines before the text that was decoded (NDJSON: the line number - 1).
    :param record: the record's number in the file, when it is one of many.
    :param starts: the line the text starts on, for a problem with no line of its own (nesting
        too deep).
    """
    known = problem.line is not None
    return JsonInputError(
        source,
        problem.reason,
        line=problem.line + line_offset if problem.line is not None else starts,
        column=problem.column if known else None,
        text=f"invalid JSON ({problem.reason}).",
        detail=f" (record {record})" if record else "",
    )


def read_json(text: str, source: str, *, line_offset: int = 0, starts: int | None = None) -> Any:
    """The one JSON value of ``text``, strictly (see :func:`decode`), for a file named ``source``.

    :raises JsonInputError: with the file, line and column.

    >>> read_json('{"a": 1,}', "r.json")
    Traceback (most recent call last):
    ...
    pl_vocab.io.json_safe.JsonInputError: r.json, line 1, column 9: invalid JSON (Expecting property name enclosed in double quotes).
    """
    try:
        return decode(text)
    except JsonSyntaxError as exc:
        raise json_input_error(source, exc, line_offset=line_offset, starts=starts) from None


_LONG_NUMBER = re.compile(r"\d{" + str(sys.get_int_max_str_digits() + 1) + ",}")
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]')


def _line_column(text: str, pos: int) -> tuple[int, int]:
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


def _deepest(text: str, pos: int) -> int | None:
    """Where the nesting from ``pos`` is deepest (the first bracket at that depth), to show where
    a value is nested too deeply. Only run on the error path."""
    depth = best = 0
    at = None
    for m in _TOKEN.finditer(text, pos):
        tok = m.group()
        if tok in "{[":
            depth += 1
            if depth > best:
                best, at = depth, m.start()
        elif tok in "}]":
            depth -= 1
            if depth <= 0:
                break
    return at


def _duplicate_position(text: str, pos: int, key: str) -> tuple[int | None, int | None]:
    """Where ``key`` appears the second time in one object (the decoder does not say): a scan of
    the tokens from ``pos``, with the keys of each open object. Only run on the error path."""
    stack: list[set[str] | None] = []
    last: str | None = None
    last_at = 0
    for m in _TOKEN.finditer(text, pos):
        tok = m.group()
        if tok == "{":
            stack.append(set())
        elif tok == "[":
            stack.append(None)
        elif tok in "}]":
            if stack:
                stack.pop()
            if not stack:
                break
        elif tok == ":" and last is not None and stack and stack[-1] is not None:
            keys = stack[-1]
            if last in keys and last == key:
                return _line_column(text, last_at)
            keys.add(last)
        if tok.startswith('"'):
            try:
                last = json.loads(tok)
            except ValueError:
                last = None
            last_at = m.start()
        else:
            last = None
    return None, None


_SURROGATE = re.compile("[\ud800-\udfff]")
MAX_DEPTH = 100


def not_json_data(data: Any, *, max_depth: int = MAX_DEPTH) -> tuple[list[Any], str] | None:
    """The first place in ``data`` that is not JSON data, and what is wrong there; None if all of
    it is. Not JSON: a key that is not text, a value of a type JSON has no equivalent for (bytes,
    sets, dates: YAML tags can make them), NaN or infinity, text holding a lone surrogate (not
    Unicode: it cannot be written as UTF-8), and nesting deeper than ``max_depth``.

    >>> not_json_data({"a": [1, {"b": float("nan")}]})
    (['a', 1, 'b'], 'a number that is not finite (NaN or infinity)')
    >>> not_json_data({"a": ["ok", "\\ud800"]})
    (['a', 1], 'text that is not valid Unicode (a lone surrogate such as \\\\ud800)')
    """
    stack: list[tuple[Any, list[Any]]] = [(data, [])]
    while stack:
        value, path = stack.pop()
        if len(path) > max_depth:
            return path[:max_depth], f"values nested more than {max_depth} levels deep"
        if isinstance(value, str):
            if not value.isascii() and _SURROGATE.search(value):
                return path, "text that is not valid Unicode (a lone surrogate such as \\ud800)"
        elif isinstance(value, bool) or value is None or isinstance(value, int):
            continue
        elif isinstance(value, float):
            if not math.isfinite(value):
                return path, "a number that is not finite (NaN or infinity)"
        elif isinstance(value, dict):
            children = []
            for k, v in value.items():
                if not isinstance(k, str):
                    return path, f"a field name that is not text (a {_json_kind(k)})"
                if not k.isascii() and _SURROGATE.search(k):
                    return path, "a field name that is not valid Unicode (a lone surrogate)"
                children.append((v, [*path, k]))
            stack.extend(reversed(children))
        elif isinstance(value, list):
            stack.extend((v, [*path, i]) for i, v in reversed(list(enumerate(value))))
        else:
            return path, f"a value JSON has no type for (a {_json_kind(value)}); write it as text"
    return None


def _json_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false value"
    if value is None:
        return "null"
    if isinstance(value, int | float):
        return "number"
    return {
        "bytes": "binary value",
        "set": "set",
        "frozenset": "set",
        "date": "date",
        "datetime": "date-time",
        "tuple": "list used as a key",
    }.get(type(value).__name__, type(value).__name__)
