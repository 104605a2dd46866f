"""A YAML reader for untrusted input.

- aliases and anchors are refused (an "alias bomb" expands a few hundred bytes into gigabytes);
- dates and datetimes stay strings exactly as written, so that the JSON Schema layer sees the
  offset the author wrote (PyYAML would otherwise turn them into Python objects);
- a key written twice in one mapping is refused (PyYAML would silently keep the last value);
- errors name the file, line and column.

    >>> load_yaml("when: 2026-03-04T10:15:00-06:00")
    {'when': '2026-03-04T10:15:00-06:00'}
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

from pl_vocab.core.errors import ParseError

__all__ = ["YamlInputError", "dump_yaml", "load_yaml", "load_yaml_with_lines"]


class YamlInputError(ParseError):
    """The YAML could not be read safely.

    ``reason`` is what is wrong without the place; ``line`` and ``column`` (1-based) say where,
    when it is known; ``kind`` names the refusal for callers that explain it their own way
    (``alias``, ``duplicate-key``, ``long-number``, ``character``, ``syntax``, ``unreadable``).
    """


def _at(mark: Any, reason: str, kind: str) -> YamlInputError:
    return YamlInputError(mark.name, reason, line=mark.line + 1, column=mark.column + 1, kind=kind)


class _SafeNoAliasLoader(yaml.SafeLoader):
    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise _at(
                event.start_mark,
                "YAML aliases (*name) are not accepted; write the value out in full.",
                "alias",
            )
        return super().compose_node(parent, index)


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
                        f"the key {key.value!r} appears twice in one mapping; keep one.",
                        "duplicate-key",
                    )
                seen.add(value)
        return super().construct_mapping(node, deep=deep)


class _RecordLoader(UniqueKeys, _SafeNoAliasLoader):
    """For records: keys unique in each mapping, and an integer too long for Python to convert
    is an input error with its line, not a crash."""

    def construct_long_int(self, node: Any) -> Any:
        try:
            return self.construct_yaml_int(node)
        except ValueError:
            raise _at(
                node.start_mark,
                f"a number has more than {sys.get_int_max_str_digits():,} digits; write it as text.",
                "long-number",
            ) from None


_RecordLoader.add_constructor("tag:yaml.org,2002:int", _RecordLoader.construct_long_int)


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
            raise YamlInputError(name or "<text>", f"{exc.problem} (position unknown).") from None
        raise _at(mark, f"{exc.problem}.", "syntax") from None
    except yaml.YAMLError as exc:
        raise YamlInputError(name or "<text>", str(exc)) from None
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
