"""The YAML reader refuses aliases, keeps datetimes as written and locates errors."""

from __future__ import annotations

import contextlib
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pl_vocab.io import load_yaml
from pl_vocab.io.yaml_safe import YamlInputError


def test_alias_bomb_is_refused_quickly() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(9)
    )
    start = time.perf_counter()
    with pytest.raises(YamlInputError, match=r"line 2, column \d+: YAML aliases"):
        load_yaml(bomb, name="bomb.yaml")
    assert time.perf_counter() - start < 1.0


def test_datetimes_and_dates_stay_text() -> None:
    data = load_yaml("a: 2026-03-04T10:15:00-06:00\nb: 2026-03-04\nc: 3\nd: true\n")
    assert data == {"a": "2026-03-04T10:15:00-06:00", "b": "2026-03-04", "c": 3, "d": True}


def test_malformed_yaml_names_line_and_column() -> None:
    with pytest.raises(YamlInputError, match=r"g\.yaml, line 2, column \d+"):
        load_yaml("a: [1, 2\nb: : :\n", name="g.yaml")


def test_non_utf8_file_is_refused_with_advice(tmp_path) -> None:  # type: ignore[no-untyped-def]
    p = tmp_path / "latin.yaml"
    p.write_bytes("term: educaci\xf3n\n".encode("latin-1"))
    with pytest.raises(YamlInputError, match="UTF-8"):
        load_yaml(p)


@given(st.text(max_size=200))
def test_any_text_parses_or_raises_the_documented_error(text: str) -> None:
    with contextlib.suppress(YamlInputError):
        load_yaml(text)
