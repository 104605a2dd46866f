"""The first two layers of record validation: structure and types (R), formats (S).

The generated JSON Schema runs first, with jsonschema-rs; when a record passes it (the common case)
only its fast ``is_valid`` is paid. The generated Pydantic model then builds the typed object. A
record that fails either is explained by both: Pydantic's errors become R findings, and the JSON
Schema's errors at paths Pydantic did not already report become S findings (the JSON Schema is the
stricter of the two: it refuses "3" for a number and checks formats such as ``uri``).

Messages are built from the error's kind and path only, never from a library's message text (both
Pydantic's and jsonschema-rs's quote the value), so they are safe for sensitive slots.
"""

from __future__ import annotations

import difflib
from functools import cache
from typing import Any

from pydantic import ValidationError

from pl_vocab.core.model import Finding, Location
from pl_vocab.validation.catalogue import RULES
from pl_vocab.validation.index import ClassInfo, SlotInfo, class_info, enum_values

__all__ = [
    "Place",
    "Where",
    "check_structure",
    "finding",
    "json_path",
    "not_json_finding",
    "validator_for_class",
]

_TEXT_PATTERN = "\\S"


@cache
def _iri_pattern() -> str:
    """The schema's pattern for IRI-valued slots (the ``iri_valued`` mixin)."""
    from pl_vocab._resources import generated_json

    record_id = generated_json("schema_index.json")["classes"]["Record"]["slots"]["id"]
    pattern: str = record_id["pattern"]
    return pattern


class Place:
    """Where a record is, as plain attributes. Building a :class:`Location` (a validated model)
    for every record of a million-record file would cost more than checking some of them, and
    most records have no finding: the Location is built when the first finding needs it.

    A Place is not changed once a record was checked with it (the batch state keeps a compact
    form of it); give each record its own.
    """

    __slots__ = (
        "_location",
        "file",
        "line",
        "packed",
        "packed_by",
        "record_id",
        "record_index",
        "subject",
    )

    def __init__(
        self,
        file: str | None = None,
        line: int | None = None,
        record_index: int | None = None,
        record_id: str | None = None,
        subject: str | None = None,
    ) -> None:
        self.file = file
        self.line = line
        self.record_index = record_index
        self.record_id = record_id
        self.subject = subject
        self.packed: int | None = None  # a batch state's compact form of it, once computed
        self.packed_by: object = None  # ... and which batch state computed it
        self._location: Location | None = None

    def location(self) -> Location:
        """The same place as a :class:`Location` (built once)."""
        if self._location is None:
            given: dict[str, Any] = {
                "file": self.file,
                "line": self.line,
                "record_index": self.record_index,
                "record_id": self.record_id,
                "subject": self.subject,
            }
            self._location = Location(**{k: v for k, v in given.items() if v is not None})
        return self._location

    def __repr__(self) -> str:
        return f"Place({self.file!r}, line={self.line}, record_index={self.record_index})"

    def __getstate__(self) -> tuple[Any, ...]:
        return (self.file, self.line, self.record_index, self.record_id, self.subject)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self.__init__(*state)  # type: ignore[misc]


Where = Location | Place
"""Where a record is: a :class:`Location`, or a :class:`Place` that becomes one when needed."""


def finding(
    rule: str,
    message: str,
    where: Where,
    path: str | None = None,
    suggestion: str | None = None,
    field: str | None = None,
) -> Finding:
    """A finding of ``rule`` at ``where`` (plus a JSON path inside the record)."""
    info = RULES[rule]
    if isinstance(where, Place):
        where = where.location()
    update: dict[str, Any] = {}
    if path is not None:
        update["json_path"] = path
    if field is not None:
        update["field"] = field
    return Finding(
        id=rule,
        name=info.name,
        severity=info.severity,
        message=message,
        location=where.model_copy(update=update) if update else where,
        suggestion=suggestion,
    )


def json_path(parts: tuple[Any, ...] | list[Any]) -> str:
    """``$.evidence[0].description`` from ``("evidence", 0, "description")``.

    >>> json_path(("evidence", 0, "description"))
    '$.evidence[0].description'
    """
    out = "$"
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else f".{p}"
    return out


def _locate(cls: ClassInfo, loc: tuple[Any, ...]) -> tuple[str, SlotInfo | None, ClassInfo]:
    """Follow a Pydantic error location through the schema: the JSON path, the slot it ends at
    (None for a field the class does not define) and the class that holds that slot or field.
    Union tags that Pydantic may put inside a location are skipped."""
    path: list[Any] = []
    current: ClassInfo | None = cls
    holder, slot = cls, None
    last = len(loc) - 1
    for i, part in enumerate(loc):
        if isinstance(part, int):
            path.append(part)
            continue
        found = current.slots.get(part) if current is not None else None
        if found is None:
            if i == last and current is not None:  # an unknown field
                path.append(part)
                holder, slot = current, None
            continue
        path.append(part)
        holder, slot = current or holder, found
        current = None
        if found.kind == "inlined":
            try:
                current = class_info(found.range)
            except KeyError:
                current = None
    return json_path(path), slot, holder


def _model_findings(
    exc: ValidationError, cls: ClassInfo, where: Where
) -> tuple[list[Finding], set[str]]:
    out: list[Finding] = []
    paths: set[str] = set()
    for e in exc.errors(include_input=False, include_url=False, include_context=False):
        kind = e["type"]
        loc = tuple(e["loc"])
        path, slot, owner = _locate(cls, loc)
        paths.add(path)
        name = path.rsplit(".", 1)[-1].split("[", 1)[0] if path != "$" else None
        if kind == "missing":
            out.append(
                finding(
                    "R001",
                    f"the required field '{name}' is missing",
                    where,
                    path,
                    f"add '{name}' to the record",
                    name,
                )
            )
        elif kind == "extra_forbidden":
            near = difflib.get_close_matches(str(name), list(owner.slots), n=1, cutoff=0.75)
            hint = (
                f"did you mean '{near[0]}'?"
                if near
                else f"remove it, or see the fields of {owner.name} in docs/schema/{owner.name}.md"
            )
            out.append(
                finding(
                    "R002",
                    f"'{name}' is not a field of {owner.name} (unknown fields are refused, not dropped)",
                    where,
                    path,
                    hint,
                    name,
                )
            )
        elif kind in ("enum", "literal_error"):
            allowed = enum_values(slot.range) if slot is not None else ()
            out.append(
                finding(
                    "R003",
                    f"the value of '{name}' is not one of the allowed values",
                    where,
                    path,
                    f"use one of: {', '.join(allowed)}" if allowed else None,
                    name,
                )
            )
        elif kind == "string_pattern_mismatch":
            out.append(_pattern_finding(slot, name, where, path))
        elif kind.startswith(("datetime", "date", "timezone", "time_")):
            is_date = slot is not None and slot.range == "date"
            out.append(
                finding(
                    "R006",
                    f"'{name}' is not a valid {'date' if is_date else 'date-time with a timezone offset'}",
                    where,
                    path,
                    "write it as 2026-03-04"
                    if is_date
                    else "write it as 2026-03-04T10:15:00-06:00 (a date, a time and an offset)",
                    name,
                )
            )
        elif kind in ("too_short", "too_long"):
            out.append(
                finding(
                    "R007",
                    f"the list '{name}' has {'too few' if kind == 'too_short' else 'too many'} items",
                    where,
                    path,
                    "give at least one item, or leave the field out"
                    if kind == "too_short"
                    else None,
                    name,
                )
            )
        elif kind.endswith(("_type", "_parsing", "_attributes_type")) or kind in (
            "model_type",
            "dict_type",
        ):
            expected = kind.split("_", 1)[0].replace("model", "object").replace("dict", "object")
            expected = {"str": "text", "int": "a whole number", "bool": "true or false"}.get(
                expected, expected
            )
            out.append(
                finding(
                    "R005",
                    f"'{name or 'the record'}' has the wrong type: {expected} expected",
                    where,
                    path,
                    None,
                    name,
                )
            )
        else:
            out.append(
                finding(
                    "R010",
                    f"'{name or 'the record'}' is not valid ({kind.replace('_', ' ')})",
                    where,
                    path,
                    None,
                    name,
                )
            )
    return out, paths


def _pattern_finding(slot: SlotInfo | None, name: str | None, where: Where, path: str) -> Finding:
    pattern = slot.pattern if slot is not None else None
    if pattern == _iri_pattern() or (slot is not None and slot.kind == "reference"):
        message = f"'{name}' must be an absolute IRI or a CURIE that RDF can write"
        hint = (
            "write a full IRI (https://..., urn:uuid:...) or a CURIE with a known prefix (plv:...),"
            ' without spaces, control characters or <>"{}|^`\\; percent-encode other characters'
            " (%20) and write % only as the start of such a code"
        )
    elif pattern == _TEXT_PATTERN:
        message = f"'{name}' must not be blank"
        hint = "write the text, or leave the field out if it is optional"
    elif name == "language":
        message = f"'{name}' must be a language tag"
        hint = "use a BCP 47 tag such as en, es or es-MX"
    else:
        message = f"'{name}' does not have the required form"
        hint = None
    return finding("R004", message, where, path, hint, name)


@cache
def validator_for_class(class_name: str) -> Any:
    """A compiled jsonschema-rs validator for one class of the packaged JSON Schema (draft
    2019-09, formats checked).

    >>> validator_for_class("Learner").is_valid({"id": "https://example.org/learners/1"})
    True
    """
    import jsonschema_rs

    from pl_vocab._resources import generated_json

    full = generated_json("schema.json")
    schema = {
        k: v for k, v in full.items() if k not in ("properties", "required", "additionalProperties")
    }
    schema["$ref"] = f"#/$defs/{class_name}"
    return jsonschema_rs.Draft201909Validator(schema, validate_formats=True)


@cache
def _typed_validator(class_name: str) -> Any:
    """Like :func:`validator_for_class`, for a record that also carries ``"type": class_name``
    at its top level (the key that names its class in JSON, YAML and NDJSON files), so the record
    is checked as read, without a copy made to take the key out. Only the top-level object may
    carry it: nested objects are checked against the class definitions unchanged."""
    import jsonschema_rs

    from pl_vocab._resources import generated_json

    full = generated_json("schema.json")
    defs = dict(full["$defs"])
    top = dict(defs[class_name])
    top["properties"] = {**top.get("properties", {}), "type": {"const": class_name}}
    top_name = f"{class_name}__typed_record"
    defs[top_name] = top
    schema = {
        k: v
        for k, v in full.items()
        if k not in ("properties", "required", "additionalProperties", "$defs")
    }
    schema["$defs"] = defs
    schema["$ref"] = f"#/$defs/{top_name}"
    return jsonschema_rs.Draft201909Validator(schema, validate_formats=True)


def _covered(path: str, seen: set[str]) -> bool:
    """Whether ``path`` or a path that holds it (a prefix ending before a ``.`` or ``[``) is in
    ``seen``: O(len(path)) set lookups, whatever the size of ``seen`` (a scan of ``seen`` per
    path made a record with 20,000 list items or unknown keys quadratic).

    >>> _covered("$.a[3].b", {"$.a"}), _covered("$.ab", {"$.a"}), _covered("$.a", {"$.a"})
    (True, False, True)
    """
    if path in seen:
        return True
    return any(c in ".[" and path[:i] in seen for i, c in enumerate(path))


def _schema_findings(data: Any, class_name: str, where: Where, seen: set[str]) -> list[Finding]:
    """Layer S findings not already covered by ``seen``: O(errors x path length)."""
    out: list[Finding] = []
    for err in validator_for_class(class_name).iter_errors(data):
        kind_name = type(err.kind).__name__
        parts = list(err.instance_path)
        if kind_name == "Required":
            parts.append(err.kind.property)
        if kind_name == "AdditionalProperties":
            paths = [json_path([*parts, f]) for f in err.kind.unexpected]
        else:
            paths = [json_path(parts)]
        for path in paths:
            if _covered(path, seen):
                continue  # the model layer already reported it
            seen.add(path)
            name = path.rsplit(".", 1)[-1].split("[", 1)[0] if path != "$" else None
            if kind_name == "Format":
                fmt = str(err.kind.format)
                out.append(
                    finding(
                        "S001",
                        f"'{name}' is not a valid {fmt}",
                        where,
                        path,
                        {
                            "uri": "write an absolute URI such as https://example.org/page",
                            "date": "write it as 2026-03-04",
                            "date-time": "write it as 2026-03-04T10:15:00-06:00",
                        }.get(fmt),
                        name,
                    )
                )
            elif kind_name == "Type":
                out.append(
                    finding(
                        "S002",
                        f"'{name or 'the record'}' has a JSON type the schema does not allow",
                        where,
                        path,
                        "write numbers without quotes, true/false as JSON booleans, text in quotes",
                        name,
                    )
                )
            else:
                out.append(
                    finding(
                        "S003",
                        f"'{name or 'the record'}' breaks the schema rule '{kind_name}'",
                        where,
                        path,
                        None,
                        name,
                    )
                )
    return out


def check_structure(
    data: Any, class_name: str, where: Where, *, typed: bool = False
) -> list[Finding]:
    """Layers R and S for one record (a dict as read from JSON or YAML); [] when it is valid.

    ``typed``: ``data`` also holds ``"type": class_name`` (checked as it is, and taken out for
    the explanation of a record that fails).

    A record that the JSON Schema accepts is not passed through the Pydantic model again: the
    test suite proves, on every valid and invalid example and on generated records, that the
    model accepts whatever the JSON Schema accepts (``tests/test_validation_layers.py``). A record
    the JSON Schema refuses is explained by both layers. Data that is not JSON data at all (a key
    that is not text, a YAML date or set, nesting the JSON Schema validator cannot follow) is
    explained by the model and by what is not JSON about it.
    """
    try:
        if (_typed_validator if typed else validator_for_class)(class_name).is_valid(data):
            return []
    except ValueError:  # jsonschema-rs takes JSON data only
        body = _without_type(data) if typed else data
        found, seen = _model_layer(body, class_name, where)
        found.extend(_not_json_findings(body, where, seen))
        return found
    body = _without_type(data) if typed else data
    found, seen = _model_layer(body, class_name, where)
    try:
        found.extend(_schema_findings(body, class_name, where, seen))
    except ValueError:  # nesting too deep for the validator's error walk
        found.extend(_not_json_findings(body, where, seen))
    return found


def _without_type(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k != "type"}


def _model_layer(data: Any, class_name: str, where: Where) -> tuple[list[Finding], set[str]]:
    from pl_vocab.models import model_class

    try:
        model_class(class_name).model_validate(data)
    except ValidationError as exc:
        return _model_findings(exc, class_info(class_name), where)
    except RecursionError:
        return [], set()
    return [], set()


def _not_json_findings(data: Any, where: Where, seen: set[str]) -> list[Finding]:
    from pl_vocab.io.json_safe import not_json_data

    found = not_json_data(data)
    if found is None:
        problem = "the record could not be checked against the JSON Schema"
        return [finding("R010", problem, where, "$", "check that it is plain JSON data")]
    parts, what = found
    path = json_path(parts)
    if _covered(path, seen):
        return []  # the model layer already reported the value that holds it
    return [not_json_finding(parts, what, where)]


def not_json_finding(parts: list[Any], what: str, where: Where) -> Finding:
    """R010 for a value that is not JSON data (see :func:`pl_vocab.io.json_safe.not_json_data`)."""
    name = next((p for p in reversed(parts) if isinstance(p, str)), None)
    fix = (
        "remove the \\uD8xx-\\uDFxx escape, or write the character it was meant to be"
        if "Unicode" in what
        else "write plain JSON data: text in quotes, numbers, true/false, lists and objects"
    )
    return finding(
        "R010", f"'{name or 'the record'}' holds {what}", where, json_path(parts), fix, name
    )
