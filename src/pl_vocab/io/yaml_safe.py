"""A YAML reader for untrusted input.

- aliases and anchors are refused (an "alias bomb" expands a few hundred bytes into gigabytes);
- dates and datetimes stay strings exactly as written, so that the JSON Schema layer sees the
  offset the author wrote (PyYAML would otherwise turn them into Python objects);
- a key written twice in one mapping is refused (PyYAML would silently keep the last value);
- explicit tags: ``!!str``, ``!!int``, ``!!float``, ``!!bool``, ``!!null``, ``!!seq`` and
  ``!!map`` are read as YAML 1.1 says (a value that is not of its tag's type is refused);
  ``!!timestamp`` is refused (a date is read as the text written, untagged, and JSON has no
  date type for a tagged one to become); every other tag (``!!binary``,
  ``!!set``, ``!!omap``, ``!!pairs``, ``!!python/...``, ``!local``, any unknown tag) is refused,
  because no record or glossary field holds such a value;
- errors name the file, line and column and the kind of problem, never a value, a tag or any
  other text of the input (PyYAML's own wording is kept only where it quotes no input).

    >>> load_yaml("when: 2026-03-04T10:15:00-06:00")
    {'when': '2026-03-04T10:15:00-06:00'}
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import yaml

from pl_vocab.core.errors import ParseError
from pl_vocab.core.text import key_for_message

__all__ = [
    "SafeTags",
    "YamlInputError",
    "dump_yaml",
    "load_yaml",
    "load_yaml_with_lines",
    "safe_problem",
]


class YamlInputError(ParseError):
    """The YAML could not be read safely.

    ``reason`` is what is wrong without the place; ``line`` and ``column`` (1-based) say where,
    when it is known; ``kind`` names the refusal for callers that explain it their own way
    (``alias``, ``duplicate-key``, ``long-number``, ``character``, ``syntax``, ``unreadable``).
    """


def _at(mark: Any, reason: str, kind: str) -> YamlInputError:
    return YamlInputError(mark.name, reason, line=mark.line + 1, column=mark.column + 1, kind=kind)


_YAML_TAG = "tag:yaml.org,2002:"
# the tags read as YAML says, by the name a message may show (a fixed list: never the input's)
_TYPED_TAGS = {
    f"{_YAML_TAG}{name}": f"!!{name}"
    for name in ("str", "int", "float", "bool", "null", "seq", "map")
}
_NODE_OF_TAG = {f"{_YAML_TAG}seq": yaml.SequenceNode, f"{_YAML_TAG}map": yaml.MappingNode}
_MERGE_TAGS = frozenset({f"{_YAML_TAG}merge", f"{_YAML_TAG}value"})
_DATE_TAGS = frozenset({f"{_YAML_TAG}timestamp"})
# a quoted part of a PyYAML problem that quotes no input: a token name or one punctuation mark
_QUOTED = re.compile(r"'([^']*)'|\"([^\"]*)\"")
_SAFE_QUOTE = re.compile(r"<[a-z ]+>|[^\w\s\\]")


def safe_problem(problem: str | None) -> str:
    """PyYAML's problem text with every quoted piece of the input removed (token names such as
    ``'<stream end>'`` and single punctuation marks are kept).

    >>> safe_problem("found unknown escape character 'q'")
    'found unknown escape character'
    >>> safe_problem("expected ',' or '}', but got '<stream end>'")
    "expected ',' or '}', but got '<stream end>'"
    """
    if not problem:
        return "the YAML is not well formed"

    def keep(match: re.Match[str]) -> str:
        inner = match.group(1) if match.group(1) is not None else match.group(2)
        return match.group() if _SAFE_QUOTE.fullmatch(inner) else ""

    return " ".join(_QUOTED.sub(keep, problem).split()).rstrip(" .:")


#: How deeply YAML collections may nest (as for JSON: :data:`pl_vocab.io.json_safe.MAX_DEPTH`);
#: deeper is refused with its line before the parser's own recursion could overflow the stack.
MAX_NESTING = 100


class _SafeNoAliasLoader(yaml.SafeLoader):
    _depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise _at(
                event.start_mark,
                "YAML aliases (*name) are not accepted; write the value out in full.",
                "alias",
            )
        self._depth += 1
        try:
            if self._depth > MAX_NESTING:
                event = self.peek_event()  # type: ignore[no-untyped-call]
                raise _at(
                    event.start_mark,
                    f"the YAML nests more than {MAX_NESTING} levels deep; flatten it.",
                    "nesting",
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


# keep timestamps as text: remove the implicit resolver for them
_SafeNoAliasLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class UniqueKeys(yaml.SafeLoader):
    """A key written twice in one mapping is refused (YAML forbids it; PyYAML would keep the
    last value and silently drop the first), with its line and column."""

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        seen: set[Any] = set()
        for key, _ in node.value:
            if isinstance(key, yaml.ScalarNode):
                # compared as constructed: "~" and "null" are one key (None), as are 1 and 0x1
                value = self.construct_object(key, deep=True)
                try:
                    hash(value)
                except TypeError:
                    continue
                if value in seen:
                    raise _at(
                        key.start_mark,
                        f"the key {key_for_message(str(key.value))} appears twice in one mapping; "
                        "keep one.",
                        "duplicate-key",
                    )
                seen.add(value)
        return super().construct_mapping(node, deep=deep)


def _too_long(node: Any) -> bool:
    return sum(c.isdigit() for c in str(node.value)) > sys.get_int_max_str_digits()


def _long_number(mark: Any) -> YamlInputError:
    return _at(
        mark,
        f"a number has more than {sys.get_int_max_str_digits():,} digits; write it as text.",
        "long-number",
    )


class SafeTags(yaml.SafeLoader):
    """Explicit tags as the module says: a value that is not of its tag's type and a tag
    pl_vocab does not read are input errors with their line and column, not a crash, and name
    neither the value nor the tag as written."""

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        tag, mark = node.tag, node.start_mark
        if tag in _DATE_TAGS:
            raise _at(
                mark,
                "a !!timestamp tag: dates are read as the text written; remove the tag.",
                "tag",
            )
        shown = _TYPED_TAGS.get(tag)
        if tag in _MERGE_TAGS:
            raise _at(
                mark,
                "YAML merge keys (<<) are not accepted; write the keys out in full.",
                "tag",
            )
        if shown is None:
            raise _at(
                mark,
                "a YAML tag pl_vocab does not read (only !!str, !!int, !!float, !!bool and "
                "!!null are accepted); remove the tag.",
                "tag",
            )
        if not isinstance(node, _NODE_OF_TAG.get(tag, yaml.ScalarNode)):
            raise _at(
                mark,
                f"a value tagged {shown} is not of that kind; remove the tag.",
                "tag",
            )
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError):
            if shown == "!!int" and _too_long(node):
                raise _long_number(mark) from None
            raise _at(
                mark,
                f"the value tagged {shown} is not of that type; remove the tag or fix the value.",
                "tag",
            ) from None
        except yaml.constructor.ConstructorError as exc:
            raise _at(exc.problem_mark or mark, f"{safe_problem(exc.problem)}", "syntax") from None


class _RecordLoader(UniqueKeys, SafeTags, _SafeNoAliasLoader):
    """For records: keys unique in each mapping, tags as :class:`SafeTags` (an integer too
    long for Python to convert is an input error with its line, not a crash)."""


def load_yaml(source: str | Path, *, name: str | None = None) -> Any:
    """Parse one YAML document from text or from a file path.

    :raises YamlInputError: with the file, line and column, for malformed YAML or aliases.
    """
    if isinstance(source, Path):
        name = name or str(source)
        try:
            text = source.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise YamlInputError(
                name, f"not UTF-8 text (byte {exc.start}); save it as UTF-8.", kind="unreadable"
            ) from None
        except OSError as exc:
            raise YamlInputError(
                name, f"cannot be read ({exc.strerror}).", kind="unreadable"
            ) from None
    else:
        text = source
    return _load(text, name, with_lines=False)[0]


def load_yaml_with_lines(text: str, *, name: str | None = None) -> tuple[Any, dict[str, int]]:
    """Like :func:`load_yaml`, plus the line (1-based) where each value starts, by JSON path.

    >>> data, lines = load_yaml_with_lines("- id: a\\n  tags:\\n    - x\\n- id: b\\n")
    >>> lines["$[1]"], lines["$[0].tags[0]"]
    (4, 3)
    """
    return _load(text, name, with_lines=True)


def _lines(node: Any, path: str, out: dict[str, int]) -> None:
    out[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                _lines(value, f"{path}.{key.value}", out)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _lines(item, f"{path}[{i}]", out)


def _load(text: str, name: str | None, *, with_lines: bool) -> tuple[Any, dict[str, int]]:
    loader = None
    try:
        loader = _RecordLoader(text)
        loader.name = name or "<text>"
        if not with_lines:
            return loader.get_single_data(), {}
        node = loader.get_single_node()
        lines: dict[str, int] = {}
        if node is None:
            return None, lines
        _lines(node, "$", lines)
        return loader.construct_document(node), lines
    except YamlInputError:
        raise
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        raise YamlInputError(
            name or "<text>",
            f"character #x{exc.character:04x} is not allowed in YAML; remove it or save the file "
            "again as plain UTF-8 text.",
            line=line,
            column=column,
            kind="character",
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        if mark is None:
            raise YamlInputError(
                name or "<text>", f"{safe_problem(exc.problem)} (position unknown)."
            ) from None
        raise _at(mark, f"{safe_problem(exc.problem)}.", "syntax") from None
    except yaml.YAMLError:
        raise YamlInputError(name or "<text>", "the YAML is not well formed.") from None
    finally:
        if loader is not None:
            loader.dispose()


class _QuotingDumper(yaml.SafeDumper):
    """Writes strings that YAML would alter (line breaks it folds, characters it may not keep
    verbatim, text that looks like another type) in double quotes with escapes."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    risky = not value.isprintable() or any(c in value for c in "\x85\u2028\u2029")
    if risky or value != value.strip():
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
    return dumper.represent_str(value)


_QuotingDumper.add_representer(str, _represent_str)


def dump_yaml(data: Any) -> str:
    """YAML text that :func:`load_yaml` reads back to exactly ``data`` (no aliases, Unicode kept).

    >>> load_yaml(dump_yaml({"a": "line\u2028break", "b": "2026-03-04"}))
    {'a': 'line\u2028break', 'b': '2026-03-04'}
    """
    text: str = yaml.dump(
        data, Dumper=_QuotingDumper, allow_unicode=True, sort_keys=False, width=100
    )
    return text
