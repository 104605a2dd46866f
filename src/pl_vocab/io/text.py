"""Strict decoding of the bytes of a text file (CSV, TSV, YAML, JSON) that a person saved.

The order is fixed and explainable (research/glossary-validation.md §2.1), never a guess:

1. an encoding the caller names (``--encoding``), decoded strictly;
2. a byte-order mark: UTF-8, UTF-16 (LE/BE) or UTF-32 (LE/BE) as it says (A004, info);
3. strict UTF-8 over **all** the bytes;
4. strict Windows-1252 over all the bytes, with a warning (A001): Excel's "CSV (Comma
   delimited)" on Windows saves that way;
5. otherwise refuse (A002) naming the first byte that is not UTF-8 and the first that is not
   Windows-1252, with their offsets and lines.

latin-1 is never used (it turns curly quotes into invisible control characters) and no detector
(chardet, charset-normalizer) picks the encoding: both were measured choosing wrongly on
Spanish Excel files. Text that contains NUL characters is refused as binary. After decoding,
double-encoding patterns such as ``Ã©`` or ``â€™`` are reported (A003).

This module also holds :func:`input_finding`, which builds family-A findings with their catalogue
name and default severity, and :func:`decode_utf8`, the strict UTF-8 decoder of record files. The
error every reader raises is :class:`pl_vocab.core.errors.InputError` (re-exported here).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from pl_vocab.core.catalogue import rule
from pl_vocab.core.errors import InputError, describe_location
from pl_vocab.core.model import Finding, Location

__all__ = [
    "DecodedText",
    "InputError",
    "NotUtf8Error",
    "decode_text",
    "decode_utf8",
    "describe_location",
    "input_finding",
]

#: Family A of the check catalogue: ID -> (name, default severity).

_RESAVE = 'Re-save it as "CSV UTF-8 (Comma delimited)" (Excel) or as UTF-8 text.'


def input_finding(
    check_id: str, message: str, location: Location, suggestion: str | None = None
) -> Finding:
    """A family-A finding with its catalogue name and default severity.

    >>> input_finding("A011", "Row 7 is empty (skipped).", Location(file="g.csv", row=7)).severity
    <Severity.INFO: 'info'>
    """
    info = rule(check_id)
    return Finding(
        id=check_id,
        name=info.name,
        severity=info.severity,
        message=message,
        location=location,
        suggestion=suggestion,
    )


def decode_utf8(data: bytes, source: str) -> str:
    """Bytes of a record file (JSON, YAML, NDJSON...) as text: strict UTF-8, a BOM dropped.

    :raises InputError: naming the line and offset of the first byte that is not UTF-8.

    >>> decode_utf8(b"\\xef\\xbb\\xbf{}", "r.json")
    '{}'
    >>> decode_utf8(b'{"a":\\n"\\xff"}', "r.json")
    Traceback (most recent call last):
    ...
    pl_vocab.io.text.NotUtf8Error: r.json, line 2: not UTF-8 text (byte 7); save the file as UTF-8.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise NotUtf8Error(source, exc.start, data.count(b"\n", 0, exc.start) + 1) from None


class NotUtf8Error(InputError):
    """Bytes that are not UTF-8: ``offset`` is the first bad byte's, ``line`` its line."""

    def __init__(self, source: str, offset: int, line: int) -> None:
        super().__init__(
            f"{source}, line {line}: not UTF-8 text (byte {offset}); save the file as UTF-8.",
            line=line,
        )
        self.offset = offset


@dataclass(frozen=True, slots=True)
class DecodedText:
    """Decoded text, the codec that decoded it (``utf-8``, ``utf-8-sig``, ``utf-16-le``,
    ``utf-16-be``, ``utf-32-le``, ``utf-32-be``, ``cp1252`` or the caller's) and the findings."""

    text: str
    encoding: str
    findings: tuple[Finding, ...] = ()


_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32 (little-endian)"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32 (big-endian)"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 (little-endian)"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 (big-endian)"),
)
_MOJIBAKE = re.compile(
    "Ã[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2122]"
    "|â€|Â[\u00a0-\u00bf]"
)


def _line_of(data: bytes, offset: int) -> int:
    newline = b"\n" if b"\n" in data[:offset] else b"\r"
    return data.count(newline, 0, offset) + 1


def _undecodable(data: bytes, codec: str) -> tuple[int, int] | None:
    """(offset, byte) of the first byte ``codec`` cannot decode, or None if all decode."""
    try:
        data.decode(codec)
    except UnicodeDecodeError as exc:
        return exc.start, data[exc.start] if exc.start < len(data) else 0
    return None


def _refuse(source: str, data: bytes, what: str, offset: int, fix: str) -> InputError:
    return InputError(
        what,
        location=Location(file=source, line=_line_of(data, offset)),
        suggestion=fix,
        check_id="A002",
    )


def decode_text(
    data: bytes, *, source: str = "<bytes>", encoding: str | None = None
) -> DecodedText:
    """Decode ``data`` strictly, in the fixed order above.

    :param data: the whole file.
    :param source: the file name as the user gave it, for messages.
    :param encoding: decode with this codec only (strictly) instead of the fixed order.
    :returns: the text, the codec used and the findings (A001, A003, A004).
    :raises InputError: A002 when no allowed encoding decodes every byte, or the text is binary.

    >>> d = decode_text("Término;“voz”".encode("cp1252"), source="g.csv")
    >>> d.text, d.encoding, [f.id for f in d.findings]
    ('Término;“voz”', 'cp1252', ['A001'])
    >>> decode_text(b"\\xef\\xbb\\xbfTerm").text
    'Term'
    """
    findings: list[Finding] = []
    if encoding is not None:
        try:
            codec = codecs.lookup(encoding).name
        except LookupError:
            raise InputError(
                f"unknown encoding {encoding!r}",
                location=Location(file=source),
                suggestion="Use a Python codec name such as utf-8, utf-16 or cp1252.",
            ) from None
        if codec == "utf-8" and data.startswith(codecs.BOM_UTF8):
            codec = "utf-8-sig"
        bad = _undecodable(data, codec)
        if bad is not None:
            raise _refuse(
                source,
                data,
                f"byte 0x{bad[1]:02X} at offset {bad[0]} is not valid {encoding}",
                bad[0],
                f"Check the encoding you named, or leave it out to let pl-vocab try UTF-8 "
                f"and Windows-1252. {_RESAVE}",
            )
        text = data.decode(codec)
    else:
        codec, text = _decode_by_order(data, source, findings)
    nul = text.find("\x00")
    if nul >= 0:
        looks_utf16 = encoding is None and data[1:200:2].count(0) > len(data[1:200:2]) // 2
        raise InputError(
            "this file looks like UTF-16 without a byte-order mark"
            if looks_utf16
            else f"this is not a text file (it contains a NUL character at position {nul})",
            location=Location(file=source, line=text.count("\n", 0, nul) + 1),
            suggestion=_RESAVE
            if looks_utf16
            else "Check that this is the glossary; a workbook needs its .xlsx or .ods name.",
            check_id="A002",
        )
    found = _MOJIBAKE.search(text)
    if found:
        count = len(_MOJIBAKE.findall(text))
        findings.append(
            input_finding(
                "A003",
                f"The text contains {count} sign(s) of double encoding (such as 'Ã©' for 'é' or "
                "'â€™' for '’'): it was converted to UTF-8 twice at some point.",
                Location(file=source, line=text.count("\n", 0, found.start()) + 1),
                "Open the original file and save it once as CSV UTF-8; or fix the affected "
                "words by hand.",
            )
        )
    return DecodedText(text=text, encoding=codec, findings=tuple(findings))


def _decode_by_order(data: bytes, source: str, findings: list[Finding]) -> tuple[str, str]:
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            bad = _undecodable(data, codec)
            if bad is not None:
                raise _refuse(
                    source,
                    data,
                    f"the file starts with a {label} byte-order mark, but byte 0x{bad[1]:02X} at "
                    f"offset {bad[0]} is not valid {label}",
                    bad[0],
                    f"The file is damaged or was edited with the wrong encoding. {_RESAVE}",
                )
            text = data.decode(codec)
            if codec != "utf-8-sig":
                text = text.removeprefix("\ufeff")
            findings.append(
                input_finding(
                    "A004",
                    f"The file starts with a {label} byte-order mark; it was read as {label} and "
                    "the mark removed.",
                    Location(file=source),
                )
            )
            return codec, text
    not_utf8 = _undecodable(data, "utf-8")
    if not_utf8 is None:
        return "utf-8", data.decode("utf-8")
    not_cp1252 = _undecodable(data, "cp1252")
    if not_cp1252 is None:
        line = _line_of(data, not_utf8[0])
        findings.append(
            input_finding(
                "A001",
                f"The file is not UTF-8 (byte 0x{not_utf8[1]:02X} at offset {not_utf8[0]}, line "
                f"{line}); it was read as Windows-1252, the encoding Excel uses for "
                '"CSV (Comma delimited)". Check accented letters and quotes.',
                Location(file=source, line=line),
                _RESAVE,
            )
        )
        return "cp1252", data.decode("cp1252")
    raise _refuse(
        source,
        data,
        f"cannot tell how this file is encoded: byte 0x{not_utf8[1]:02X} at offset "
        f"{not_utf8[0]} (line {_line_of(data, not_utf8[0])}) is not UTF-8, and byte "
        f"0x{not_cp1252[1]:02X} at offset {not_cp1252[0]} is not Windows-1252",
        not_utf8[0],
        f"{_RESAVE} If you know the encoding, name it (--encoding).",
    )
