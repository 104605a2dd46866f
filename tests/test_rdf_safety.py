"""No network, no entity expansion, clear errors with locations, nothing dropped silently."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pl_vocab import exchange
from pl_vocab.exchange import InputError
from pl_vocab.models import Learner
from pl_vocab.rdf.jsonld import CONTEXT_IRI, UnsafeJsonLdError
from pl_vocab.rdf.load import RdfDataError

from .conftest import ROOT

LEARNER = {"id": "https://district.example.org/learners/1", "type": "Learner", "grade_level": "7"}


def test_bundled_context_iri_resolves_offline() -> None:
    doc = {"@context": CONTEXT_IRI, **LEARNER}
    (obj,) = exchange.loads(json.dumps(doc), "jsonld")
    assert isinstance(obj, Learner) and obj.grade_level == "7"


@pytest.mark.parametrize(
    "context",
    [
        "https://evil.example.org/context.jsonld",
        "http://127.0.0.1:9/ctx.jsonld",
        "file:///etc/passwd",
        "context.jsonld",
        [CONTEXT_IRI, "https://other.example.org/ctx.jsonld"],
    ],
)
def test_other_contexts_are_refused_naming_the_iri(context: object) -> None:
    doc = {"@context": context, **LEARNER}
    start = time.perf_counter()
    with pytest.raises(UnsafeJsonLdError) as info:
        exchange.loads(json.dumps(doc), "jsonld", source="in.jsonld")
    assert time.perf_counter() - start < 1.0
    bad = context if isinstance(context, str) else context[1]
    assert repr(bad) in str(info.value) and "in.jsonld" in str(info.value)


def test_nested_and_imported_contexts_are_refused() -> None:
    nested = {"@context": CONTEXT_IRI, **LEARNER, "x": {"@context": "https://evil.example.org/c"}}
    with pytest.raises(UnsafeJsonLdError, match="evil"):
        exchange.loads(json.dumps(nested), "jsonld")
    imported = {"@context": {"@import": "https://evil.example.org/c", "@version": 1.1}, **LEARNER}
    with pytest.raises(UnsafeJsonLdError, match="@import"):
        exchange.loads(json.dumps(imported), "jsonld")


def test_doctype_in_rdfxml_is_refused_before_parsing() -> None:
    lol = (
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(
            f'<!ENTITY lol{i} "{"&lol" + str(i - 1) + ";" if i > 1 else "&lol;"}' * 10 + '">'
            for i in range(1, 10)
        )
        + ']>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>'
    )
    start = time.perf_counter()
    with pytest.raises(InputError, match="DOCTYPE or ENTITY"):
        exchange.loads(lol, "rdfxml", source="lol.rdf")
    assert time.perf_counter() - start < 1.0


@pytest.mark.parametrize(
    ("fmt", "text", "where"),
    [
        ("turtle", '@prefix e: <http://e/> .\ne:s e:p "x" ;\n e:q .\n', "line 3, column 6"),
        ("ntriples", '<http://e/s> <http://e/p> "x .\n', "line 1"),
        ("json", '{"type": "Learner",\n "id": }', "line 2, column 8"),
        ("ndjson", json.dumps(LEARNER) + "\n{oops}\n", "line 2"),
    ],
)
def test_parse_errors_name_file_line_and_column(fmt: str, text: str, where: str) -> None:
    with pytest.raises(InputError) as info:
        exchange.loads(text, fmt, source="records.x")
    assert str(info.value).startswith("records.x") and where in str(info.value)


def test_duplicate_json_keys_are_an_error() -> None:
    with pytest.raises(InputError, match="appears twice"):
        exchange.loads('{"type": "Learner", "id": "plv:a", "id": "plv:b"}', "json")


def test_triple_that_fits_no_slot_is_reported_not_dropped() -> None:
    ttl = (
        "@prefix plv: <https://w3id.org/pl-vocab/> .\n"
        "<https://district.example.org/learners/1> a plv:Learner ;\n"
        '  plv:favourite_colour "green" .\n'
    )
    with pytest.raises(RdfDataError) as info:
        exchange.loads(ttl, "turtle")
    (problem,) = info.value.problems
    assert problem.subject == "https://district.example.org/learners/1"
    assert problem.predicate == "https://w3id.org/pl-vocab/favourite_colour"
    assert "fits no slot of Learner" in problem.message


def test_wrong_enum_iri_and_sensitive_values_are_not_echoed() -> None:
    ttl = (
        "@prefix plv: <https://w3id.org/pl-vocab/> .\n@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        "<https://d.example.org/l/1> a plv:Learner ;\n"
        '  <https://schema.org/birthDate> "SENTINEL-1999"^^xsd:date ;\n'
        "  plv:roles <https://w3id.org/pl-vocab/role/wizard> .\n"
    )
    with pytest.raises(RdfDataError) as info:
        exchange.loads(ttl, "turtle")
    text = str(info.value)
    assert "role/wizard" in text and "SENTINEL" not in text


@pytest.mark.skipif(shutil.which("unshare") is None, reason="needs util-linux unshare")
def test_convert_runs_without_any_network(tmp_path: Path) -> None:
    """Run the command in a new network namespace: with no network at all, it still works."""
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True, check=False)
    if probe.returncode != 0:
        pytest.skip("unshare -n is not permitted here")
    doc = tmp_path / "in.jsonld"
    doc.write_text(json.dumps({"@context": CONTEXT_IRI, **LEARNER}), encoding="utf-8")
    out = subprocess.run(
        ["unshare", "-n", sys.executable, "-m", "pl_vocab", "convert", str(doc), "--to", "turtle"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stderr
    assert "plv:Learner" in out.stdout


# nothing dropped without a word -------------------------------------------------------------

_TYPED = (
    "@prefix plv: <https://w3id.org/pl-vocab/> .\n"
    "@prefix sdo: <https://schema.org/> .\n"
    '<https://district.example.org/learners/1> a plv:Learner ; sdo:educationalLevel "7" .\n'
)


@pytest.mark.parametrize(
    ("extra", "subject", "message"),
    [
        (
            '<https://district.example.org/learners/2> sdo:name "Ana" ; sdo:educationalLevel "6" .\n',
            "https://district.example.org/learners/2",
            "has no rdf:type naming a pl_vocab class and no loaded record holds it; its 2 "
            "triples were not loaded",
        ),
        (
            '<https://district.example.org/people/3> a sdo:Person ; sdo:name "Rosa" .\n',
            "https://district.example.org/people/3",
            "its class <https://schema.org/Person> is not a pl_vocab class; its 2 triples were "
            "not loaded",
        ),
        (
            '_:b1 sdo:description "Photo of the model" .\n',
            "_:",
            "has no rdf:type naming a pl_vocab class and no loaded record holds it; its 1 "
            "triple was not loaded",
        ),
    ],
)
def test_triples_no_record_takes_are_reported_not_dropped(
    extra: str, subject: str, message: str
) -> None:
    with pytest.raises(RdfDataError) as err:
        exchange.loads(_TYPED + extra, "turtle", source="district.ttl")
    [problem] = err.value.problems
    assert problem.subject.startswith(subject)
    assert problem.message == message
    assert problem.fix and "rdf:type" in problem.fix


def test_the_typed_graph_alone_loads() -> None:
    (learner,) = exchange.loads(_TYPED, "turtle")
    assert isinstance(learner, Learner) and learner.grade_level == "7"


def test_validate_reports_untyped_triples_as_r011(tmp_path: Path) -> None:
    from .cli_in_process import invoke_validate

    path = tmp_path / "records.ttl"
    path.write_text(
        _TYPED + '<https://district.example.org/learners/2> sdo:educationalLevel "6" .\n',
        encoding="utf-8",
    )
    result = invoke_validate("2026-11-23T12:00:00+00:00", path, "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    [finding] = [f for f in report["findings"] if f["id"] == "R011"]
    assert finding["location"]["subject"] == "https://district.example.org/learners/2"
    assert finding["message"].endswith("its 1 triple was not loaded")
    assert "rdf:type" in finding["suggestion"]


@pytest.mark.parametrize(
    ("tag", "reason"),
    [
        ("not a tag!", "is not a language tag"),
        ("e", "is not a language tag"),
        ("xx-yyyyyyyyy", "is not a language tag"),
        (5, "is not text"),
    ],
)
@pytest.mark.parametrize("where", ["value", "context"])
def test_a_malformed_language_tag_in_json_ld_is_refused_not_dropped(
    tag: object, reason: str, where: str
) -> None:
    """The RDF reader would drop the text it tags; the document is refused with the path."""
    label = {"@value": "Equidad", "@language": tag}
    doc: dict[str, object] = {
        "@context": CONTEXT_IRI,
        "@graph": [{**LEARNER, "name": "Ana"}],
    }
    if where == "value":
        doc["@graph"] = [{**LEARNER, "name": label}]
        path = "$.@graph[0].name.@language"
    else:
        doc["@context"] = [CONTEXT_IRI, {"@language": tag}]
        path = "$.@context[1].@language"
    with pytest.raises(InputError) as err:
        exchange.loads(json.dumps(doc), "jsonld", source="r.jsonld")
    message = str(err.value)
    assert message.startswith(f"r.jsonld: {path} ")
    assert reason in message and "would be lost" in message


def test_a_null_or_well_formed_language_is_accepted() -> None:
    doc = {
        "@context": [CONTEXT_IRI, {"@language": None}],
        "@graph": [{**LEARNER, "name": "Ana"}],
    }
    (learner,) = exchange.loads(json.dumps(doc), "jsonld")
    assert isinstance(learner, Learner) and learner.name == "Ana"
    # a well-formed tag on a plain-text slot is read, and reported: the slot cannot keep it
    doc["@graph"] = [{**LEARNER, "name": {"@value": "Ana", "@language": "es-MX"}}]
    with pytest.raises(RdfDataError, match="has a language tag"):
        exchange.loads(json.dumps(doc), "jsonld")


@pytest.mark.parametrize(
    "definition",
    [
        "@language",
        {"@id": "@language"},
        {"@id": "https://schema.org/name", "@container": "@language"},
        {"@id": "https://schema.org/name", "@container": ["@language", "@set"]},
    ],
)
def test_a_context_that_aliases_language_or_declares_a_language_map_is_refused(
    definition: object,
) -> None:
    doc = {
        "@context": [CONTEXT_IRI, {"lang": definition}],
        "@graph": [{**LEARNER, "name": "Ana"}],
    }
    with pytest.raises(
        InputError, match=r"\$\.@context\[1\]\.lang makes 'lang' an alias of @language"
    ):
        exchange.loads(json.dumps(doc), "jsonld", source="r.jsonld")


def test_a_record_another_vocabulary_cites_through_a_pl_vocab_predicate_still_loads() -> None:
    """``dct:source`` inlines a node in some pl_vocab classes; a dcat:Dataset that cites a
    learner with it does not make the learner a nested node: the learner loads, the dataset is
    reported."""
    text = _TYPED + (
        "@prefix dct: <http://purl.org/dc/terms/> .\n"
        "<https://district.example.org/datasets/1> a <http://www.w3.org/ns/dcat#Dataset> ;\n"
        "    dct:source <https://district.example.org/learners/1> .\n"
    )
    with pytest.raises(RdfDataError) as err:
        exchange.loads(text, "turtle")
    assert [p.subject for p in err.value.problems] == ["https://district.example.org/datasets/1"]
    assert "is not a pl_vocab class" in err.value.problems[0].message


def test_a_second_class_from_another_vocabulary_is_reported() -> None:
    text = _TYPED.replace("a plv:Learner", "a plv:Learner, sdo:Person")
    with pytest.raises(RdfDataError) as err:
        exchange.loads(text, "turtle")
    [problem] = err.value.problems
    assert problem.predicate == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    assert problem.message.startswith("also has the class <https://schema.org/Person>")
