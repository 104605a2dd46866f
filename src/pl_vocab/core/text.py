"""Text that cannot attack its reader: one escaping function per target.

Reports and messages quote the user's own data (terms, identifiers, field names, file names).
Shown raw, such text can drive a terminal (ANSI/OSC escape sequences clear the screen, write the
clipboard, draw hyperlinks), reorder what a reader sees (bidi overrides such as U+202E), or, in
Markdown, become a link, an image or HTML. Every renderer passes data through one of:

- :func:`printable` for a terminal or a one-line message: every control character (C0, DEL,
  C1), every format character (bidi overrides and isolates, zero-width characters), line and
  paragraph separators and lone surrogates are written as a visible escape (``\\x1b``,
  ``\\u202e``); nothing else changes. Complexity O(n).
- :func:`markdown_text` for Markdown inline text (never at the start of a line): :func:`printable`
  (so no line break, hence no block syntax), then ``&<>`` as entities (no HTML, no entity from
  data), the characters that open inline syntax (``\\ ` * _ [ ] | ~``) backslash-escaped, and the
  ``://`` of a URL, the ``.`` of ``www.`` and every ``@`` as entities so that no GFM autolink
  forms. Complexity O(n).

    >>> printable("a\\x1b]52;c;SGVsbG8=\\x07b\\u202ec")
    'a\\\\x1b]52;c;SGVsbG8=\\\\x07b\\\\u202ec'
    >>> markdown_text("![x](http://e.x/a.png)")
    '!\\\\[x\\\\](http&#58;//e.x/a.png)'
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["is_unsafe_char", "key_for_message", "markdown_text", "printable"]

# categories never shown as themselves: controls, format (bidi, zero-width), surrogates,
# line and paragraph separators
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
# what can open emphasis, code, a link or image, a table cell, strikethrough or an escape inline
_PUNCTUATION = re.compile(r"([\\`*_\[\]|~])")
_WWW = re.compile(r"(www)\.", re.IGNORECASE)


def is_unsafe_char(char: str) -> bool:
    """Whether one character must not reach a reader as itself.

    >>> is_unsafe_char("\\x1b"), is_unsafe_char("\\u202e"), is_unsafe_char("\\x85"), is_unsafe_char("é")
    (True, True, True, False)
    """
    return unicodedata.category(char) in _UNSAFE_CATEGORIES


_KEY = re.compile(r"[A-Za-z_@$][A-Za-z0-9_.:@$-]{0,63}")


def key_for_message(key: object) -> str:
    """A mapping key as a message may show it: quoted when it reads as a field name (letters,
    digits, ``_.:@$-``, at most 64 characters), else ``(a key)``: a key can be data (a name used
    as a key), and a message never quotes data.

    >>> key_for_message("first_name"), key_for_message("Ana María Ruiz"), key_for_message(1)
    ("'first_name'", '(a key)', '(a key)')
    """
    return repr(key) if isinstance(key, str) and _KEY.fullmatch(key) else "(a key)"


_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(char: str) -> str:
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def printable(text: str) -> str:
    """``text`` with every character that could control a terminal or hide text shown as a
    visible escape; safe to print on one line.

    >>> printable("Equity\\nTab\\t"), printable("plain é ✓")
    ('Equity\\\\nTab\\\\t', 'plain é ✓')
    """
    if text.isprintable():  # fast path: no Cc/Cf/Cs/Zl/Zp (and no other separators)
        return text
    return "".join(_escape(c) if is_unsafe_char(c) else c for c in text)


def markdown_text(text: str) -> str:
    """``text`` as Markdown inline content that renders as exactly this text: no emphasis,
    link, image, autolink, code span, HTML or table cell break can come from it.

    >>> markdown_text("<b>*x*</b> | [a](javascript:alert(1)) a@b.c")
    '&lt;b&gt;\\\\*x\\\\*&lt;/b&gt; \\\\| \\\\[a\\\\](javascript:alert(1)) a&#64;b.c'
    """
    text = printable(text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _PUNCTUATION.sub(r"\\\1", text)
    text = _WWW.sub(r"\1&#46;", text.replace("://", "&#58;//"))
    return text.replace("@", "&#64;")
