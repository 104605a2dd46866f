"""Hypothesis strategies that build a valid instance of any pl_vocab class, from the schema index.

Nothing is written per class: ranges, patterns, enums, inlining, cardinality and numeric bounds
come from ``schema_index.json`` and the generated JSON Schema.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

from hypothesis import strategies as st

from pl_vocab._resources import generated_json

ID_PATTERN = generated_json("schema_index.json")["classes"]["Record"]["slots"]["id"]["pattern"]
NONBLANK = "\\S"

_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=40
).filter(lambda s: s.strip() != "")
_slug = st.from_regex(r"[a-z0-9][a-z0-9\-]{0,12}", fullmatch=True)
_iris = st.one_of(
    _slug.map(lambda s: f"https://district.example.org/r/{s}"),
    _slug.map(lambda s: f"plvc:{s}"),
    st.uuids().map(lambda u: f"urn:uuid:{u}"),
)
_languages = st.sampled_from(["en", "es", "es-MX", "en-US", "zh-Hant-TW", "nv"])
_media = st.sampled_from(["image/png", "video/mp4", "application/pdf", "text/plain"])
_offsets = st.integers(min_value=-14 * 4, max_value=14 * 4).map(
    lambda q: dt.timezone(dt.timedelta(minutes=15 * q))
)
_datetimes = st.datetimes(
    min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2030, 12, 31), timezones=_offsets
).map(lambda d: d.isoformat())
_dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)).map(str)


@cache
def _bounds(cls: str, slot: str) -> dict[str, Any]:
    prop = generated_json("schema.json")["$defs"][cls]["properties"][slot]
    items = prop.get("items", {})
    return {**items, **{k: v for k, v in prop.items() if k != "items"}}


def _scalar(cls: str, slot: dict[str, Any], name: str, depth: int) -> st.SearchStrategy[Any]:
    index = generated_json("schema_index.json")
    rng, kind = slot["range"], slot["kind"]
    if kind == "enum":
        return st.sampled_from(sorted(index["enums"][rng]["values"]))
    if kind == "reference" or rng in ("uriorcurie",):
        return _iris
    if kind == "inlined":
        return instance_dict(rng, depth + 1)
    if rng == "uri":
        return _slug.map(lambda s: f"https://district.example.org/files/{s}")
    if rng == "datetime":
        return _datetimes
    if rng == "date":
        return _dates
    if rng == "boolean":
        return st.booleans()
    bounds = _bounds(cls, name)
    if rng == "integer":
        return st.integers(
            min_value=bounds.get("minimum", -1000), max_value=bounds.get("maximum", 10**6)
        )
    if rng in ("double", "float"):
        return st.floats(
            min_value=bounds.get("minimum", -1e9),
            max_value=bounds.get("maximum", 1e9),
            allow_nan=False,
            allow_infinity=False,
        )
    pattern = slot["pattern"]
    if name == "language" or pattern == "^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$":
        return _languages
    if name == "media_type":
        return _media
    if pattern == ID_PATTERN:
        return _iris
    return _text


@cache
def instance_dict(cls: str, depth: int = 0) -> st.SearchStrategy[dict[str, Any]]:
    """A strategy for plain JSON-mode dicts that are valid instances of ``cls``."""
    index = generated_json("schema_index.json")
    c = index["classes"][cls]
    required: dict[str, st.SearchStrategy[Any]] = {}
    optional: dict[str, st.SearchStrategy[Any]] = {}
    for name, slot in c["slots"].items():
        if slot["identifier"]:
            required[name] = _iris
            continue
        if slot.get("designates_type"):
            continue  # optional; the model fills it in
        if slot["kind"] == "inlined" and not slot["required"] and depth >= 2:
            continue
        value = _scalar(cls, slot, name, depth)
        if slot["multivalued"]:
            low = _bounds(cls, name).get("minItems", 0)
            if slot["range"] == "LocalizedText":
                value = st.lists(value, min_size=max(low, 1), max_size=3)
            else:
                value = st.lists(
                    value,
                    min_size=max(low, 1 if slot["required"] else 0),
                    max_size=3 if depth < 2 else 1,
                )
        (required if slot["required"] else optional)[name] = value
    return st.fixed_dictionaries(required, optional=optional)


def _uniquify(data: dict[str, Any], cls: str, counter: list[int]) -> dict[str, Any]:
    """Give every identified node its own IRI: in RDF, equal IRIs are one node."""
    index = generated_json("schema_index.json")
    c = index["classes"][cls]
    out = dict(data)
    for name, slot in c["slots"].items():
        if name not in out:
            continue
        if slot["identifier"]:
            counter[0] += 1
            out[name] = f"urn:uuid:00000000-0000-4000-8000-{counter[0]:012d}"
        elif slot["kind"] == "inlined" and slot["range"] != "LocalizedText":
            if slot["multivalued"]:
                out[name] = [_uniquify(v, slot["range"], counter) for v in out[name]]
            else:
                out[name] = _uniquify(out[name], slot["range"], counter)
    return out


def record(cls: str) -> st.SearchStrategy[dict[str, Any]]:
    """A valid instance of ``cls`` whose identified nodes all have distinct IRIs."""
    return instance_dict(cls).map(lambda d: _uniquify(d, cls, [0]))


def concrete_classes() -> list[str]:
    index = generated_json("schema_index.json")
    return sorted(n for n, c in index["classes"].items() if not c["abstract"] and not c["mixin"])
