"""Record validation never shows the value of a sensitive slot.

For every concrete class, hypothesis builds records; a sentinel then goes into every sensitive
slot (the schema index says which) at every nesting level, as a valid value and as invalid ones:
the wrong type (a list or an object holding the sentinel), a blank value, a date that is no date,
a very long text, unknown fields whose value is a sentinel, and text with deprecated,
deficit-based terms (V010 must flag them without quoting them). The records are validated through
the API and through ``pl-vocab validate`` on JSON, YAML and NDJSON files (and, for valid records,
JSON-LD, Turtle and N-Triples written by :func:`pl_vocab.exchange.dumps`); the findings, the
reports in every format, stdout, stderr, warnings and log records must not hold a sentinel.
The invalid variants must give an error at the sensitive slot, so the test cannot pass vacuously.
"""

from __future__ import annotations

import copy
import datetime as dt
import html
import json
import logging
import re
import tempfile
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pl_vocab import exchange
from pl_vocab._resources import generated_json
from pl_vocab.core.model import Finding, InputInfo
from pl_vocab.io.yaml_safe import dump_yaml
from pl_vocab.models import model_class
from pl_vocab.report.render import render
from pl_vocab.validation import Validator, iter_findings, validate

from .cli_in_process import invoke_validate
from .strategies import _uniquify, concrete_classes, record

NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)
NOW_ISO = "2026-11-23T12:00:00+00:00"
SENTINEL = "SENTINEL-7f3a-"
GOOD_DATE = "1903-02-27"  # a valid, past date: the sentinel of a date slot
BAD_DATE = "1903-02-29"  # 1903 is not a leap year: a date-shaped sentinel that is no date
DEPRECATED_TEXT = "{} wrote that at-risk students show learning loss"
EXTRA_FIELD = "favourite_colour"
REPORTS = ("text", "json", "markdown", "html")
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_FORMATS = {"jsonld": "jsonld", "turtle": "ttl", "ntriples": "nt"}
# besides --format json, each input format is also rendered in one other report format (the API
# part of the test renders every report in all four)
OTHER_REPORT = {
    "json": "text",
    "yaml": "markdown",
    "ndjson": "html",
    "jsonld": "markdown",
    "turtle": "html",
    "ntriples": "text",
}
# what must never be seen: the sentinel (or any cut of it a renderer could make), the dates, and
# the deprecated terms written in sensitive text (compared with all white space removed)
_NEEDLES = ("SENTIN", "7f3a-", GOOD_DATE, BAD_DATE)
_TERMS = ("at-risk", "learningloss")

PRIVACY_SETTINGS = settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)


# ------------------------------------------------------------------------------- the schema
@cache
def _slots(cls: str) -> dict[str, dict[str, Any]]:
    slots: dict[str, dict[str, Any]] = generated_json("schema_index.json")["classes"][cls]["slots"]
    return slots


def test_the_schema_marks_sensitive_slots_of_every_kind() -> None:
    """The sentinels below cover text, lists of text and dates: the kinds the schema marks."""
    index = generated_json("schema_index.json")
    kinds = {
        (s["range"], s["multivalued"])
        for c in index["classes"].values()
        for name, s in c["slots"].items()
        if s["sensitive"]
    }
    assert kinds <= {("string", False), ("string", True), ("date", False)}
    assert {("string", False), ("string", True), ("date", False)} <= kinds
    assert {"birth_date", "name", "narrative", "attribute_value", "statement", "notes"} <= set(
        index["sensitive_slots"]
    )


# ------------------------------------------------------------------------------- sentinels
@dataclass(frozen=True)
class Site:
    """One sensitive value in a record: its JSON path, slot, and whether it is a list item."""

    path: str
    slot: str
    range: str
    item: bool  # an item of a multivalued slot (path ends with [i])
    blankable: bool  # the slot has the pattern \\S: a blank value is invalid


def _text(path: str) -> str:
    return SENTINEL + re.sub(r"[^A-Za-z0-9]+", "-", path).strip("-")


def plant(
    data: dict[str, Any],
    cls: str,
    text: Callable[[str], str],
    path: str = "$",
    sites: list[Site] | None = None,
    holders: list[str] | None = None,
) -> tuple[list[Site], list[str]]:
    """Put a sentinel in every sensitive slot of ``data`` and of every object nested in it
    (slots the record left out are added); returns the sites and the paths of the objects."""
    sites = [] if sites is None else sites
    holders = [] if holders is None else holders
    holders.append(path)
    for name, slot in _slots(cls).items():
        p = f"{path}.{name}"
        if slot["sensitive"]:
            blankable = slot["pattern"] == "\\S"
            if slot["range"] == "date":
                data[name] = GOOD_DATE
                sites.append(Site(p, name, "date", False, False))
            elif slot["multivalued"]:
                data[name] = [text(f"{p}[{i}]") for i in range(2)]
                sites.extend(Site(f"{p}[{i}]", name, "string", True, blankable) for i in range(2))
            else:
                data[name] = text(p)
                sites.append(Site(p, name, "string", False, blankable))
        elif slot["kind"] == "inlined" and slot["range"] != "LocalizedText" and name in data:
            value = data[name]
            if slot["multivalued"]:
                for i, item in enumerate(value):
                    plant(item, slot["range"], text, f"{p}[{i}]", sites, holders)
            else:
                plant(value, slot["range"], text, p, sites, holders)
    return sites, holders


_STEP = re.compile(r"\.([^.\[]+)|\[(\d+)\]")


def put(data: Any, path: str, value: Any) -> None:
    """Set the value at a JSON path such as ``$.learners[0].name``."""
    steps: list[str | int] = [
        m.group(1) if m.group(1) is not None else int(m.group(2)) for m in _STEP.finditer(path[1:])
    ]
    for step in steps[:-1]:
        data = data[step]
    data[steps[-1]] = value


def _list_path(site: Site) -> str:
    return site.path[: site.path.rindex("[")]


def invalid_variants(
    valid: dict[str, Any], sites: list[Site], holders: list[str]
) -> list[tuple[str, dict[str, Any]]]:
    """(JSON path where an error must be found, record): one invalid value per record."""
    out: list[tuple[str, dict[str, Any]]] = []

    def variant(path: str, value: Any, where: str | None = None) -> None:
        data = copy.deepcopy(valid)
        put(data, path, value)
        out.append((where or path, data))

    seen_lists: set[str] = set()
    for site in sites:
        s = _text(site.path)
        if site.range == "date":
            variant(site.path, s)  # a sentinel that is no date
            variant(site.path, BAD_DATE)
            variant(site.path, [GOOD_DATE])
            variant(site.path, {"date": s})
            continue
        variant(site.path, [s])  # a list where text is expected
        variant(site.path, {"value": s, "also": [s]})  # an object where text is expected
        if site.blankable:
            variant(site.path, " \t\u00a0 ")  # blank-ish
        if site.item and _list_path(site) not in seen_lists:
            seen_lists.add(_list_path(site))
            variant(_list_path(site), s)  # text where a list is expected
    for holder in holders:  # unknown fields next to the sensitive slots
        data = copy.deepcopy(valid)
        _get(data, holder)[EXTRA_FIELD] = _text(holder + "-extra")
        out.append((f"{holder}.{EXTRA_FIELD}", data))
    return out


def _get(data: Any, path: str) -> Any:
    for m in _STEP.finditer(path[1:]):
        data = data[m.group(1)] if m.group(1) is not None else data[int(m.group(2))]
    return data


# ------------------------------------------------------------------------------- detection
def leaks(text: str) -> list[str]:
    """The sentinels (or parts of them) found in ``text``, white space and escapes ignored."""
    flat = re.sub(r"\s+", "", html.unescape(text)).replace("\\", "")
    lowered = flat.lower()
    return [n for n in _NEEDLES if n in flat] + [t for t in _TERMS if t in lowered]


def assert_private(where: str, text: str) -> None:
    found = leaks(text)
    assert not found, f"{where} shows a sensitive value ({found}):\n{text[:3000]}"


def assert_findings_private(findings: list[Finding], where: str) -> None:
    for f in findings:
        assert_private(where, f.model_dump_json())
        assert_private(where, str(f))


@contextmanager
def watched(caplog: pytest.LogCaptureFixture) -> Iterator[list[warnings.WarningMessage]]:
    """Log records at DEBUG and warnings, both checked for sentinels afterwards."""
    caplog.clear()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield caught
    for w in caught:
        assert_private("a warning", str(w.message))
    for r in caplog.records:
        assert_private("a log record", r.getMessage())
    assert_private("the log", caplog.text)


def invoke(*args: str | Path) -> Any:
    """``pl-vocab validate`` in process (see ``tests/cli_in_process.py``)."""
    return invoke_validate(NOW_ISO, *args)


def cli_report(path: Path, what: str, other: str) -> dict[str, Any]:
    """Run ``pl-vocab validate`` with ``--format json`` and with ``--format other`` (to stdout,
    and to a file with -o for html), every output checked for sentinels; the JSON report."""
    result = invoke(path, "--format", "json")
    assert result.exit_code in (0, 1), f"{what}: {result.output}"
    assert_private(f"{what} --format json (stdout)", result.stdout)
    assert_private(f"{what} --format json (stderr)", result.stderr)
    report: dict[str, Any] = json.loads(result.stdout)
    if other == "html":
        out = path.with_name(path.name + ".report.html")
        result = invoke(path, "--format", "html", "-o", out)
        assert_private(f"{what} -o (file)", out.read_text(encoding="utf-8"))
    else:
        result = invoke(path, "--format", other)
    assert result.exit_code in (0, 1), f"{what} --format {other}: {result.output}"
    assert "Traceback" not in result.output
    assert_private(f"{what} --format {other} (stdout)", result.stdout)
    assert_private(f"{what} --format {other} (stderr)", result.stderr)
    return report


def api_findings(record: Any, cls: str | None, what: str) -> list[Finding]:
    """Findings of one record through :func:`validate`, checked for sentinels."""
    found = validate(record, cls=cls, now=NOW)
    assert_findings_private(found, what)
    return found


def api_batch_private(records: list[Any], cls: str | None, what: str) -> None:
    """A batch through iter_findings and Validator, and its report in every format."""
    streamed = list(iter_findings(records, cls=cls, now=NOW))
    assert_findings_private(streamed, what)
    v = Validator(cls, now=NOW)
    for r in records:
        assert_findings_private(v.check(r), what)
    assert_findings_private(v.finish(), what)
    report = v.report(InputInfo(file="<api>"))
    assert report.stats["records"] == len(records)
    for fmt in REPORTS:
        assert_private(f"{what}: the {fmt} report", render(report, fmt))


def _typed(cls: str, data: dict[str, Any]) -> dict[str, Any]:
    return {"type": cls, **data}


def _errors_at(findings: list[dict[str, Any]] | list[Finding]) -> set[str]:
    out = set()
    for f in findings:
        loc = f["location"] if isinstance(f, dict) else f.location.model_dump()
        sev = f["severity"] if isinstance(f, dict) else f.severity.value
        if sev == "error" and loc.get("json_path"):
            out.add(loc["json_path"])
    return out


def _at(findings: list[Finding], rule: str) -> dict[str, Finding]:
    return {f.location.json_path or "": f for f in findings if f.id == rule}


# ------------------------------------------------------------------------------- the tests
@pytest.mark.parametrize("cls", concrete_classes())
@PRIVACY_SETTINGS
@given(data=st.data())
def test_no_sensitive_value_reaches_a_finding_a_report_or_a_log(
    cls: str,
    data: st.DataObject,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    caplog.set_level(logging.DEBUG)
    base = data.draw(record(cls), label="record")
    valid = copy.deepcopy(base)
    sites, holders = plant(valid, cls, _text)
    # every sensitive value holds a sentinel; the invalid values go to a sample of them (a big
    # record has dozens: all of them would only repeat the same checks, slowly)
    picked = data.draw(_sample(sites, 6), label="invalid sites")
    at = data.draw(_sample(holders, 3), label="unknown fields in")
    variants = invalid_variants(valid, picked, at)
    assert variants, "every class gets at least one invalid variant (an unknown field)"
    deprecated = _uniquify(copy.deepcopy(base), cls, [1000])
    plant(deprecated, cls, lambda p: DEPRECATED_TEXT.format(_text(p)))
    long = _uniquify(copy.deepcopy(base), cls, [2000])
    plant(long, cls, lambda p: _text(p) + " " + "x" * 2000 + " " + _text(p))
    fine = {"valid": valid, "long": long, "deprecated": deprecated}
    text_sites = [s.path for s in sites if s.range == "string"]

    with watched(caplog):
        # --- the API, one record at a time: an error where each invalid value is
        for expected, variant in variants:
            found = api_findings(variant, cls, f"{cls} {expected}")
            assert expected in _errors_at(found), (
                f"{cls}: no error at {expected}: {[str(f) for f in found]}"
            )
        # the valid sentinels are valid: no R or S finding at a sensitive slot
        for name, rec in fine.items():
            found = api_findings(rec, cls, f"{cls} ({name})")
            structural = {f.location.json_path for f in found if f.id[0] in "RS"}
            assert not structural & {s.path for s in sites}, (name, [str(f) for f in found])
            if name == "deprecated":  # V010 flags every sensitive text, without quoting it
                flagged = _at(found, "V010")
                for path in text_sites:
                    assert path in flagged, f"{cls}: no V010 at {path}: {[str(f) for f in found]}"
                    assert "deprecated" in flagged[path].message
        api_batch_private([v for _, v in variants] + list(fine.values()), cls, cls)
        out, err = capsys.readouterr()
        assert_private("the API's stdout", out)
        assert_private("the API's stderr", err)

        # --- the command, on files in every format
        records = [_typed(cls, v) for _, v in variants]
        objects = [model_class(cls).model_validate(rec) for rec in fine.values()]
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            texts = {
                "json": json.dumps(records, ensure_ascii=False, indent=2),
                "yaml": dump_yaml(records),
                "ndjson": "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
            }
            for fmt, text in texts.items():
                # the invalid records, then the valid ones as exchange.dumps writes them
                path = folder / f"records.{fmt}"
                if fmt == "ndjson":
                    text += exchange.dumps(objects, fmt)
                else:
                    more = exchange.dumps(objects, fmt)
                    text = _join(fmt, text, more)
                path.write_text(text, encoding="utf-8")
                rep = cli_report(path, f"{cls} as {fmt}", OTHER_REPORT[fmt])
                assert rep["stats"]["records"] == len(records) + len(objects)
                for i, (expected, _) in enumerate(variants, 1):
                    mine = [f for f in rep["findings"] if f["location"].get("record_index") == i]
                    assert expected in _errors_at(mine), (
                        f"{cls} as {fmt}, record {i}: no error at {expected}: {mine}"
                    )
                    assert all(f["location"]["file"] == str(path) for f in mine)
                _v010_everywhere(rep, text_sites, f"{cls} as {fmt}")
            # the valid records (sentinels, long texts, deprecated terms) as RDF
            for fmt, ext in RDF_FORMATS.items():
                path = folder / f"records.{ext}"
                path.write_text(exchange.dumps(objects, fmt), encoding="utf-8")
                rep = cli_report(path, f"{cls} as {fmt}", OTHER_REPORT[fmt])
                assert rep["stats"]["records"] == len(objects), rep
                structural = {
                    f["location"].get("json_path") for f in rep["findings"] if f["id"][0] in "RS"
                }
                assert not structural & {s.path for s in sites}, (fmt, rep["findings"])
                _v010_everywhere(rep, text_sites, f"{cls} as {fmt}")


def _sample(items: list[Any], most: int) -> st.SearchStrategy[list[Any]]:
    if len(items) <= most:
        return st.just(items)
    return st.lists(st.sampled_from(items), min_size=most, max_size=most, unique=True)


def _join(fmt: str, first: str, second: str) -> str:
    """Two JSON arrays or YAML lists of records as one."""
    if fmt == "json":
        return json.dumps(json.loads(first) + json.loads(second), ensure_ascii=False, indent=2)
    return first + second


def _v010_everywhere(rep: dict[str, Any], text_sites: list[str], what: str) -> None:
    """The deprecated terms in every sensitive text were flagged (by V010, without a quote)."""
    v010 = {f["location"].get("json_path") for f in rep["findings"] if f["id"] == "V010"}
    missing = set(text_sites) - v010
    assert not missing, f"{what}: no V010 at {sorted(missing)}"


def test_the_detector_finds_a_sentinel_wherever_a_renderer_puts_it() -> None:
    """The check above would see a leak: a sentinel in a message, cut by a narrow terminal,
    escaped by HTML or Markdown, is found in every report format."""
    from pl_vocab.core.model import Location, Report

    value = _text("$.learners[0].name") + " & <b>" + BAD_DATE + "</b> at-risk students"
    leaked = Finding(
        id="R002",
        name="unknown-field",
        severity="error",
        message=f"'{value}' is not a field",
        location=Location(file="x.json", json_path="$.learners[0].name"),
    )
    report = Report(
        valid=False, tool_version="0", input=InputInfo(file="x.json"), findings=[leaked]
    )
    for fmt in REPORTS:
        assert set(leaks(render(report, fmt))) >= {"SENTIN", BAD_DATE, "at-risk"}, fmt
    from pl_vocab.report.render_text import render_text

    assert "SENTIN" in leaks(render_text(report, color=False, width=20))
    assert leaks(render(report.model_copy(update={"findings": []}), "html")) == []


@pytest.mark.parametrize(
    ("triples", "rule"),
    [
        # a sensitive date that is no date, typed as xsd:date
        (f'<urn:x:1> <https://schema.org/birthDate> "{SENTINEL}bd"^^<{XSD}date> .', "R011"),
        (f'<urn:x:1> <https://schema.org/birthDate> "{BAD_DATE}"^^<{XSD}date> .', "R011"),
        # two values where one is allowed
        (
            f'<urn:x:1> <https://schema.org/name> "{SENTINEL}a" .\n'
            f'<urn:x:1> <https://schema.org/name> "{SENTINEL}b" .',
            "R011",
        ),
        # a sensitive value with a language tag, and a datatype, where plain text is expected
        (f'<urn:x:1> <https://schema.org/name> "{SENTINEL}c"@en .', None),
        (f'<urn:x:1> <https://schema.org/name> "{SENTINEL}d"^^<{XSD}integer> .', None),
        # the learner's local identifier as an IRI, where a literal is expected
        (f"<urn:x:1> <https://schema.org/identifier> <urn:{SENTINEL}e> .", "R011"),
    ],
)
def test_invalid_sensitive_values_in_rdf_stay_private(
    tmp_path: Path, triples: str, rule: str | None
) -> None:
    """RDF carries sensitive values as literals: a literal that does not fit its slot is reported
    (R011) by subject and predicate, never by its value."""
    path = tmp_path / "learner.nt"
    path.write_text(
        "<urn:x:1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
        "<https://w3id.org/pl-vocab/Learner> .\n" + triples + "\n",
        encoding="utf-8",
    )
    for fmt in REPORTS:
        result = invoke(path, "--format", fmt)
        assert result.exit_code in (0, 1, 2), result.output
        assert_private(f"{path.name} --format {fmt}", result.output)
        if fmt == "json" and rule is not None:
            assert result.exit_code == 1
            assert rule in {f["id"] for f in json.loads(result.stdout)["findings"]}
