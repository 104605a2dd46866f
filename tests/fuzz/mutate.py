"""Hypothesis strategies that mutate a seed: byte flips, truncation, splices, inserted hostile
tokens (BOMs, control characters, odd Unicode, huge numbers, YAML tags, XML declarations), and
deep nesting. Inputs stay small, so a slow or hanging reader shows as a hang, not a slow test."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import strategies as st

#: Hostile fragments inserted at a random place (each is a known class of reader trouble).
TOKENS: tuple[bytes, ...] = (
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xfe\xff",
    b"\x00",
    b"\x1b[2J\x1b]8;;http://x/\x07",
    b"\r",
    b"\r\n",
    b"\n\n",
    b"\t",
    b'"',
    b"'",
    b"\\",
    b"\\ud800",
    b'"\\udc00"',
    "\u202e\u2028\u2029\ufeff\u200b".encode(),
    "\U0001f600\u0301".encode(),
    b"\xc3\x28",
    b"\xed\xa0\x80",
    b"\xf4\x90\x80\x80",
    b"9" * 40,
    b"-0.0",
    b"1e999",
    b"NaN",
    b"Infinity",
    b"18446744073709551617",
    b"9999-12-31T23:59:59+14:00",
    b"0000-00-00",
    b"null",
    b"true",
    b"[]",
    b"{}",
    b'"@context": null,',
    b'"@id": "",',
    b'"@vocab": null,',
    b'"@type": "@json",',
    b'"@list": [',
    b"!!bool ",
    b"!!float ",
    b"!!timestamp ",
    b"!!binary ",
    b"!!python/object:os.system ",
    b"&a [*a, *a] ",
    b"*a ",
    b"? ",
    b"- ",
    b": ",
    b"---\n",
    b"...\n",
    b"%YAML 1.1\n",
    b"<!DOCTYPE x [<!ENTITY e 'y'>]>",
    b"&e;",
    b"<![CDATA[",
    b"]]>",
    b"</",
    b"<x>",
    b'xml:lang="',
    b'"""',
    b"@prefix : <",
    b"<>",
    b"_:b0 ",
    b"^^<http://www.w3.org/2001/XMLSchema#integer>",
    b"@es",
    b" .\n",
    b" ;",
    b"=CMD|'/c calc'!A1",
    b"=1+1",
    b"A99999999999",
    b"XFD1048576",
    b"urn:x:a|b",
    b"file:///etc/passwd",
    b"http://127.0.0.1/",
)

_OPENERS = {b"json": (b"[", b"]"), b"yaml": (b"- ", b""), b"xml": (b"<a>", b"</a>")}


@st.composite
def mutated(
    draw: st.DrawFn, seeds: Sequence[bytes], max_ops: int = 4, extra: Sequence[bytes] = ()
) -> bytes:
    """A seed with one to ``max_ops`` mutations applied (or, rarely, the seed unchanged)."""
    data = bytearray(draw(st.sampled_from(seeds)))
    tokens = (*TOKENS, *extra)
    for _ in range(draw(st.integers(0, max_ops))):
        _apply(draw, data, seeds, tokens)
    return bytes(data)


def _apply(
    draw: st.DrawFn, data: bytearray, seeds: Sequence[bytes], tokens: Sequence[bytes]
) -> None:
    """One mutation of ``data`` in place."""
    op = draw(st.sampled_from(_OPS))
    at = draw(st.integers(0, len(data)))
    if op == "flip" and data:
        i = min(at, len(data) - 1)
        data[i] ^= 1 << draw(st.integers(0, 7))
    elif op == "byte":
        data[at:at] = bytes([draw(st.integers(0, 255))])
    elif op == "delete":
        del data[at : at + draw(st.integers(1, 16))]
    elif op == "truncate":
        del data[at:]
    elif op == "token":
        data[at:at] = draw(st.sampled_from(tokens))
    elif op == "splice":
        other = draw(st.sampled_from(seeds))
        start = draw(st.integers(0, len(other)))
        data[at:at] = other[start : start + draw(st.integers(1, 64))]
    elif op == "repeat":
        chunk = bytes(data[at : at + draw(st.integers(1, 8))])
        data[at:at] = chunk * draw(st.integers(2, 64))
    elif op == "nest":
        opener, closer = draw(st.sampled_from(list(_OPENERS.values())))
        depth = draw(st.integers(2, 1200))
        data[:] = opener * depth + bytes(data) + closer * depth
    elif op == "digits":
        data[at:at] = b"9" * draw(st.integers(16, 400))


_OPS = ("flip", "byte", "delete", "truncate", "token", "splice", "repeat", "nest", "digits")

#: Odd text for cells and values: control characters, bidi marks, emoji, combining marks.
odd_text = st.one_of(
    st.text(max_size=30),
    st.text(
        alphabet=st.characters(codec="utf-8", categories=("Cc", "Cf", "Zl", "Zp", "Mn")), max_size=8
    ),
    st.sampled_from(["=1+1", "@SUM(A1)", "+A1", "-A1", "A99999999999", "\ufeffTerm", " ", ""]),
)
