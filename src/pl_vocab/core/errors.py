"""The exceptions pl_vocab raises for users' mistakes (never for its own bugs).

:class:`InputError` is the one structured error for input that cannot be read: it carries the
place (:class:`~pl_vocab.core.model.Location`, plus ``line`` and ``column`` as attributes), what
to do (``suggestion``) and the catalogue ID, so that no caller ever parses them back out of the
message text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # kept light: pydantic is imported only when a finding is made
    from pl_vocab.core.model import Finding, Location

__all__ = ["InputError", "ParseError", "PlVocabError", "UnknownConceptError", "describe_location"]


class PlVocabError(Exception):
    """Base class of every error caused by input or usage, with a message that says what to do."""


class UnknownConceptError(PlVocabError, KeyError):
    """A concept was asked for by an IRI, CURIE or label that the vocabulary does not have."""

    def __init__(self, key: str, suggestion: str | None = None) -> None:
        hint = f" Did you mean {suggestion!r}?" if suggestion else ""
        super().__init__(f"No concept {key!r} in the pl_vocab vocabulary.{hint}")
        self.key = key
        self.suggestion = suggestion

    def __str__(self) -> str:  # KeyError would otherwise quote the message
        return str(self.args[0])


def describe_location(location: Location | None) -> str:
    """The place a person looks at, in words: file, sheet, row (line), column (header).

    >>> from pl_vocab.core.model import Location
    >>> describe_location(Location(file="g.csv", row=4, line=6, column="B", field="Definition"))
    'g.csv, row 4 (line 6), column B (Definition)'
    >>> describe_location(None)
    ''
    """
    if location is None:
        return ""
    parts = [location.file or ""]
    if location.sheet is not None:
        parts.append(f"sheet {location.sheet!r}")
    if location.row is not None:
        parts.append(f"row {location.row}" + (f" (line {location.line})" if location.line else ""))
    elif location.line is not None:
        parts.append(f"line {location.line}")
    if location.record_index is not None:
        parts.append(f"entry {location.record_index + 1}")
    if location.column is not None:
        parts.append(
            f"column {location.column}" + (f" ({location.field})" if location.field else "")
        )
    elif location.field:
        parts.append(f"field {location.field!r}")
    return ", ".join(p for p in parts if p)


class InputError(PlVocabError):
    """Input that cannot be read, or is refused: where, what is wrong, and what to do.

    Given a ``location``, ``suggestion`` or ``check_id``, the message is composed from them
    (``"<where>: <message>. <suggestion> (<check_id>)"``); given only a message, it is shown as
    written (a full sentence that already names the file). The message never contains a
    traceback and never quotes a sensitive value.

    :param message: what is wrong (``what`` is the same text).
    :param location: where it is; ``line`` and ``column`` default to its line and column.
    :param suggestion: what to do about it (``fix`` is the same, by its older name).
    :param check_id: the catalogue ID (``A002``, ``H001``...), when the problem has one.
    :param line: the 1-based line, when known (and not in ``location``).
    :param column: the 1-based column (a number, or a spreadsheet letter), when known.

    >>> from pl_vocab.core.model import Location
    >>> str(InputError("not a text file", location=Location(file="g.csv"),
    ...                suggestion="Re-save it.", check_id="A002"))
    'g.csv: not a text file. Re-save it. (A002)'
    >>> e = InputError("g.json, line 2, column 5: invalid JSON (bad).", line=2, column=5)
    >>> str(e), e.line, e.column
    ('g.json, line 2, column 5: invalid JSON (bad).', 2, 5)
    """

    def __init__(
        self,
        message: str,
        location: Location | None = None,
        suggestion: str | None = None,
        check_id: str | None = None,
        *,
        fix: str | None = None,
        line: int | None = None,
        column: int | str | None = None,
    ) -> None:
        suggestion = suggestion if suggestion is not None else fix
        self.message = message
        self.location = location
        self.suggestion = suggestion
        self.check_id = check_id
        self.line = line if line is not None else (location.line if location else None)
        self.column = column if column is not None else (location.column if location else None)
        super().__init__(self._compose())

    def _compose(self) -> str:
        if self.location is None and self.suggestion is None and self.check_id is None:
            return self.message
        where = describe_location(self.location)
        what = self.message
        text = f"{where}: {what}." if where else f"{what[:1].upper()}{what[1:]}."
        if self.suggestion:
            text += f" {self.suggestion}"
        if self.check_id:
            text += f" ({self.check_id})"
        return text

    @property
    def what(self) -> str:
        """What is wrong, without the place (the ``message`` argument)."""
        return self.message

    @property
    def fix(self) -> str | None:
        """What to do (the ``suggestion`` argument, by its older name)."""
        return self.suggestion

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else self.message

    def to_finding(self) -> Finding:
        """This error as an error-severity finding (``A018`` when it has no catalogue ID).

        >>> InputError("too big", check_id="A018").to_finding().name
        'input-refused'
        """
        from pl_vocab.core.model import Finding, Location, Severity
        from pl_vocab.core.rule_table import RULES

        check_id = self.check_id or "A018"
        known = RULES.get(check_id)
        message = self.message if self.message.endswith(".") else self.message + "."
        return Finding(
            id=check_id,
            name=known.name if known is not None else "input-refused",
            severity=Severity.ERROR,
            message=message,
            location=self.location or Location(),
            suggestion=self.suggestion,
        )


class ParseError(InputError):
    """A file (JSON, YAML, RDF...) that does not parse: ``source``, ``reason`` (what is wrong,
    without the place), ``line`` and ``column`` (1-based, in the file, or None) as attributes, and
    ``kind``, a name for the refusal that callers may explain their own way.

    The message is ``"<source>, line <l>, column <c><detail>: <text>"``, where ``text`` is the
    reason unless the reader words it (``invalid JSON (<reason>).``).

    >>> e = ParseError("g.ttl", "Unexpected end of file", line=3, column=7)
    >>> str(e), e.reason, e.line, e.column
    ('g.ttl, line 3, column 7: Unexpected end of file', 'Unexpected end of file', 3, 7)
    """

    def __init__(
        self,
        source: str,
        reason: str,
        *,
        line: int | None = None,
        column: int | None = None,
        text: str | None = None,
        detail: str = "",
        kind: str = "syntax",
    ) -> None:
        where = "" if line is None else f", line {line}" + (f", column {column}" if column else "")
        super().__init__(
            f"{source}{where}{detail}: {reason if text is None else text}", line=line, column=column
        )
        self.source = source
        self.reason = reason
        self.kind = kind
