"""The catalogue checks added to families C, D, E, F, G and I: each on a small realistic table,
where it must fire and where it must not; the example glossaries; generated glossaries."""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pl_vocab.glossary.checks.relations  # noqa: F401  (registers family I)
from pl_vocab import load_vocabulary
from pl_vocab.core.model import Finding, Severity
from pl_vocab.glossary.check import check_glossary, check_table
from pl_vocab.glossary.checks import definitions
from pl_vocab.glossary.read import GlossaryTable, read_glossary_bytes

from .conftest import ROOT

EXAMPLES = ROOT / "examples" / "glossaries"
ADDED = ("C006 C008 C009", "D008 D009 D011 D012", "E003 E007", "F005", "G007", "I001 I002 I003")
NEW = {check_id for group in (*ADDED, "I004 I005 I006 I007 I008") for check_id in group.split()}


def table(text: str, name: str = "g.csv") -> GlossaryTable:
    return read_glossary_bytes(text.encode("utf-8"), name)


def run(text: str, *ids: str, name: str = "g.csv") -> list[Finding]:
    """The findings of ``ids`` (all of them selected together) on a glossary given as text."""
    return [f for f in check_table(table(text, name), select=ids).findings if f.id in ids]


def at(findings: list[Finding], check_id: str) -> dict[int | None, Finding]:
    return {f.location.row: f for f in findings if f.id == check_id}


def csv_text(header: list[str], *rows: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([header, *rows])
    return out.getvalue()


def national_definition(curie: str) -> str:
    return load_vocabulary().definition(curie)


# ---------------------------------------------------------------------------------------- C


ADVISOR = (
    "Each quarter every student writes a short-term learning goal with their advisor, reviews "
    "progress against it with evidence from class work, and presents the results at a family "
    "conference in the spring."
)


def test_c006_near_duplicate_definitions() -> None:
    text = csv_text(
        ["Term", "Definition"],
        ["Goal Setting", ADVISOR],
        [
            "Learner Profile",
            "A one-page summary of a student's strengths, interests and languages.",
        ],
        ["Student-Led Conference", ADVISOR.replace("presents", "shares")],  # one word
        ["Panther Goals", ADVISOR.replace("advisor", "adviser").replace("presents", "shares")],
        ["Rubric", "A one-page summary of a student's strengths, interests and languages."],
        ["Goal Setting", ADVISOR.replace("spring", "fall")],  # the same term: family B's job
    )
    found = at(run(text, "C006"), "C006")
    assert set(found) == {4, 5, 7}  # row 6 has row 3's definition exactly: C005, not C006
    assert "'Goal Setting' at row 2" in found[4].message and found[4].location.column == "B"
    assert "at row 4 (similarity 99)" in found[5].message  # two words from row 2, one from 4
    assert "synonym" in (found[4].suggestion or "")
    assert "'Student-Led Conference' at row 4" in found[7].message  # not row 2, its own term


def test_c006_is_not_quadratic(monkeypatch: pytest.MonkeyPatch) -> None:
    """2,000 definitions from a 40-word vocabulary: every pair shares common words, yet the
    number of similarity computations stays a small multiple of the rows."""
    calls = 0
    real = definitions.fuzz.ratio

    def counting(*args: object, **kwargs: object) -> float:
        nonlocal calls
        calls += 1
        return float(real(*args, **kwargs))  # type: ignore[arg-type]

    monkeypatch.setattr(definitions.fuzz, "ratio", counting)
    rng = random.Random(4)
    words = [f"word{i:02d}" for i in range(40)]
    rows = [[f"Term {i}", " ".join(rng.choices(words, k=15))] for i in range(2000)]
    copied = rows[7][1].split()
    copied[5] = "word77"
    rows.append(["Copy", " ".join(copied)])
    found = run(csv_text(["Term", "Definition"], *rows), "C006")
    assert 2002 in at(found, "C006")
    assert calls < 20 * len(rows)


def test_c008_definition_of_another_concept() -> None:
    text = csv_text(
        ["Term", "Definition"],
        ["Equity", national_definition("plvc:equality")],
        ["Equality", "Equity for every student, so that each one gets what they need."],
        ["Learner Agency", national_definition("plvc:learner-agency")],
        ["Equality", "The same resources, rules and time for every student in every school."],
        ["Personalized Learning", "Learning shaped with each student: goals, pace and pathway."],
    )
    found = at(run(text, "C008"), "C008")
    assert set(found) == {2, 3}
    assert "national definition of 'equality'" in found[2].message
    assert "opens by calling it 'equity'" in found[3].message


def test_c009_national_definition_verbatim_or_nearly() -> None:
    choice = national_definition("plvc:learner-choice").replace("learner", "student")
    text = csv_text(
        ["Term", "Definition"],
        ["Learner Agency", national_definition("plvc:learner-agency")],
        ["Genius Hour", choice],
        ["Student Voice", "Students telling adults what they think about their school."],
    )
    found = at(run(text, "C009"), "C009")
    assert set(found) == {2, 3}
    assert "word for word" in found[2].message and "CC BY 4.0" in (found[2].suggestion or "")
    assert "probably means 'learner choice'" in found[3].message


# ---------------------------------------------------------------------------------------- D


def test_d008_narrower_than_a_national_concept() -> None:
    text = csv_text(
        ["Term", "Definition", "Broader", "Notes"],
        ["Narrative Report Card", "A written report instead of letter grades.", "", ""],
        ["Panther Block", "A weekly meeting with the same adult.", "Advisory", ""],
        ["Panther Pride Hour", "Clubs and service projects on Fridays.", "", ""],
        ["Lighthouse Block", "Time for goals.", "Advisory", "Local term."],
    )
    found = at(run(text, "D008", "D009"), "D008")
    assert set(found) == {2, 3}
    assert "'narrative assessment'" in found[2].message and "narrowMatch" in (
        found[2].suggestion or ""
    )
    assert "its broader term 'Advisory'" in found[3].message


def test_d009_local_extension_and_its_parent() -> None:
    text = csv_text(
        ["Term", "Definition", "Notes", "Local"],
        ["Lighthouse Block", "Students meet their advisor; see Advisory.", "Local term.", ""],
        ["Harbor Days", "Two days of short hands-on courses each spring.", "", "yes"],
        ["Student Voice", "What students think, acted on by adults.", "local usage", ""],
        ["Coyote Hour", "A daily block for enrichment.", "Not a local term", ""],
        ["Genius Hour", "Time to follow an interest.", "Used by local schools", ""],
    )
    findings = run(text, "D009", "D001")
    found = at(findings, "D009")
    assert set(found) == {2, 3, 4}
    assert "marked in 'Notes'" in found[2].message
    assert "nearest national parent is 'advisory'" in found[2].message
    assert "marked in 'Local'" in found[3].message and "no national concept" in found[3].message
    assert "it is the national concept 'learner voice'" in found[4].message
    # a row marked local is no longer "unmapped" (D001); the others still are
    assert set(at(findings, "D001")) == {5, 6}


MAPPED = ["Term", "Definition", "National concept", "Predicate"]


def test_d011_invalid_user_mapping() -> None:
    text = csv_text(
        MAPPED,
        ["Learner Agency", "Students make real choices.", "plvc:learner-agncy", ""],
        ["Learning Loss", "Skills students lost.", "plvc:learning-loss", ""],
        ["Student Voice", "What students think.", "plvc:learner-voice", "sameAs"],
        ["PBL", "Learning through projects.", "PBL", ""],
        ["Equity", "Each student gets what they need.", "plvc:equity", "skos:exactMatch"],
        ["Belonging", "Feeling welcome.", "sense of belonging", "exact"],
        ["Panther Hour", "Clubs on Fridays.", "none (local)", ""],
        ["Advisory", "A small group.", "", ""],
    )
    found = at(run(text, "D011"), "D011")
    assert set(found) == {2, 3, 4, 5}
    assert found[2].location.column == "C" and found[2].location.field == "National concept"
    assert "plvc:learner-agency" in (found[2].suggestion or "")
    assert "deprecated" in found[3].message and "plvc:unfinished-learning" in (
        found[3].suggestion or ""
    )
    assert "'sameAs' is not a SKOS mapping predicate" in found[4].message
    assert "may mean" in found[5].message
    assert all(f.severity == Severity.ERROR for f in found.values())


def test_d012_user_mapping_disputed() -> None:
    text = csv_text(
        MAPPED,
        ["Equality", "Each student gets what they need.", "plvc:equity", "exactMatch"],
        ["Student Voice", "What students think.", "plvc:learner-agency", ""],
        ["Learner Choice", "Students choose.", "plvc:learner-choice", "relatedMatch"],
        ["Learning Loss", "Skills students lost.", "plvc:unfinished-learning", ""],
        ["Genius Hour", "Time to follow an interest.", "plvc:learner-choice", ""],
        ["Advisory", "A small group.", "plvc:advisory", "exactMatch"],
        ["Flexible Pacing", "More or less time.", "plvc:personalized-learning", "broadMatch"],
    )
    findings = run(text, "D012", "D001", "E007")
    found = at(findings, "D012")
    assert set(found) == {2, 3, 4}
    assert "not the same" in found[2].message and found[2].location.field == "National concept"
    assert "the term itself is a label of 'learner voice'" in found[3].message
    assert "exact, not related_match" in found[4].message
    # a deficit term mapped to its core replacement: E007 (a warning, since the column says so)
    e007 = at(findings, "E007")[5]
    assert e007.severity == Severity.WARNING and "the mapping column says so" in e007.message
    assert 6 not in at(findings, "D001")  # the district mapped Genius Hour itself


# ---------------------------------------------------------------------------------------- E


def test_e003_person_labels() -> None:
    text = csv_text(
        ["Term", "Definition", "Notes", "Término", "Definición"],
        ["Tutoring", "Extra help for at-risk students after school.", "", "", ""],
        ["Family Night", "Dinner for families.", "Mostly underprivileged families come.", "", ""],
        [
            "Tutoría",
            "Tutoring.",
            "",
            "Tutoría",
            "Apoyo para alumnos de bajo rendimiento después de clases.",
        ],
        [
            "Engagement",
            "Low student engagement and poor family attendance are tracked.",
            "",
            "",
            "",
        ],
        ["Subgroups", 'State field AT_RISK_STUDENTS, reported as "at-risk students".', "", "", ""],
        [
            "Disability",
            "Services for disabled students and students with disabilities.",
            "",
            "",
            "",
        ],
        ["At-Risk Students", "Students who may not graduate on time.", "", "", ""],
    )
    findings = run(text, "E003", "E002", "E001")
    found = at(findings, "E003")
    assert set(found) == {2, 3, 4}
    assert "labels people as 'at-risk students'" in found[2].message
    assert found[2].location.column == "B" and "at-promise learner" in (found[2].suggestion or "")
    assert found[3].location.field == "Notes" and "underprivileged families" in found[3].message
    assert found[4].location.field == "Definición" and "alumnos de bajo rendimiento" in (
        found[4].message
    )
    assert 2 not in at(findings, "E002")  # reported once, as a person label
    assert 8 in at(findings, "E001") and 8 not in found  # the term itself is E001's


def test_e007_deficit_term_for_a_core_concept() -> None:
    text = csv_text(
        ["Term", "Definition", "Término"],
        ["Learning Loss", "Skills students lost during closures.", ""],
        ["Achievement Gap", "Differences in test scores.", ""],
        ["Limited English Proficient", "Students learning English.", "Estudiante multilingüe"],
    )
    found = at(run(text, "E007"), "E007")
    assert set(found) == {2, 4}
    assert "'unfinished learning'" in found[2].message and found[2].severity == Severity.INFO
    assert "does not count toward that coverage" in found[2].message
    assert "covered by row 4 (Spanish term)" in found[4].message


# ---------------------------------------------------------------------------------------- F


def test_f005_coverage_pending_review() -> None:
    text = csv_text(
        ["Term", "Definition"],
        ["Learning Loss", "Skills students lost during closures."],
        ["Personalised lerning", "Learning shaped with each student."],
        ["Learner Agency", "Students make real choices."],
        ["Learner agencyy", "A typo."],
    )
    found = {f.message.split("'")[1]: f for f in run(text, "F005")}
    assert set(found) == {"unfinished learning", "personalized learning"}
    assert "row 2, a deficit-based term it replaces" in found["unfinished learning"].message
    assert "row 3, a similar spelling" in found["personalized learning"].message
    assert all(f.location.row is None for f in found.values())


# ---------------------------------------------------------------------------------------- G


def test_g007_mixed_language_cell() -> None:
    text = csv_text(
        ["Term", "Definition", "Término"],
        ["Learner agency / Agencia del estudiante", "Students make real choices.", ""],
        ["Equity", "Each student gets what they need.", "Equidad (Equity)"],
        ["Universal Design for Learning (UDL)", "Planning for every learner.", "Diseño (DUA)"],
        ["MTSS", "Tiers of support.", "MTSS (sistema de apoyos de múltiples niveles)"],
        ["Voice / Choice", "Students speak and choose.", ""],
        ["Café con Familias", "Monthly meetings with families.", ""],
    )
    found = at(run(text, "G007"), "G007")
    assert set(found) == {2, 3}
    assert "'Agencia del estudiante'" in found[2].message and found[2].location.column == "A"
    assert found[3].location.column == "C" and "English term column" in (found[3].suggestion or "")


# ---------------------------------------------------------------------------------------- I


HIERARCHY = ["Term", "Definition", "Broader", "Related terms", "Synonyms"]


def test_i001_broader_term_not_found() -> None:
    text = csv_text(
        HIERARCHY,
        ["Proficiency Scale", "A 1-4 scale.", "Grading and Reporting", "", ""],
        ["Student Voice", "What students think.", "Learner Agencies", "", ""],
        ["Goal Setting", "Students set goals.", "Personalized learning", "", ""],
        ["Panther Pathways", "Local routes through high school.", "", "", ""],
        ["Panther Robotics", "A pathway.", "panther pathway", "", ""],
        ["Coyote Club", "A club.", "Panther Robotics", "", ""],
    )
    found = at(run(text, "I001"), "I001")
    assert set(found) == {2, 6}
    assert "'Grading and Reporting' of 'Proficiency Scale'" in found[2].message
    assert found[2].location.column == "C"
    assert "Did you mean 'Panther Pathways' (row 5)?" in (found[6].suggestion or "")


def test_i002_parent_cycle() -> None:
    text = csv_text(
        HIERARCHY,
        ["Alpha Block", "x", "Gamma Block", "", ""],
        ["Beta Block", "x", "Alpha Block", "", ""],
        ["Gamma Block", "x", "Beta Block", "", ""],
        ["Delta Block", "x", "Alpha Block", "", ""],
        ["Epsilon", "x", "Delta Block", "", ""],
    )
    found = run(text, "I002")
    assert [f.location.row for f in found] == [2]
    assert "'Alpha Block' → 'Gamma Block' → 'Beta Block' → 'Alpha Block'" in found[0].message
    assert found[0].severity == Severity.ERROR
    tree = text.replace("Alpha Block\r\n", "\r\n").replace('"x",Gamma Block', "x,")
    assert run(tree.replace("x,Gamma Block,", "x,,"), "I002") == []


def test_i003_self_reference() -> None:
    text = csv_text(
        HIERARCHY,
        ["Advisory", "A small group.", "Advisory", "", ""],
        ["Equity", "Each student gets what they need.", "", "Equity; Belonging", ""],
        ["Belonging", "Feeling welcome.", "Equity", "", ""],
    )
    found = run(text, "I003")
    assert [(f.location.row, f.location.field) for f in found] == [
        (2, "Broader"),
        (3, "Related terms"),
    ]
    assert "names itself as its own broader term" in found[0].message


def test_i004_related_and_broader() -> None:
    text = csv_text(
        HIERARCHY,
        ["Learner Agency", "Students decide.", "", "Student Voice; Belonging", ""],
        ["Student Voice", "Students speak.", "Learner Agency", "Learner Agency", ""],
        ["Belonging", "Feeling welcome.", "", "Learner Agency", ""],
    )
    found = run(text, "I004")
    assert [f.location.row for f in found] == [2]
    assert "one is the broader term of the other" in found[0].message
    assert found[0].location.field == "Related terms"


def test_i005_hierarchy_against_the_national_one() -> None:
    text = csv_text(
        HIERARCHY,
        ["Learner Agency", "Students decide.", "Student Voice", "", ""],
        ["Student Voice", "Students speak.", "", "", ""],
        ["Mastery-Based Learning", "Credit for mastery.", "Competency-Based Education", "", ""],
        ["Competency-Based Education", "Move on when ready.", "", "", ""],
        ["Student Choice", "Students choose.", "Learner Agency", "", ""],
    )
    found = at(run(text, "I005"), "I005")
    assert set(found) == {2, 4}
    assert "nationally 'learner agency' (plvc:learner-agency) is broader" in found[2].message
    assert found[2].severity == Severity.WARNING
    assert found[4].severity == Severity.INFO and "both mean" in found[4].message


def test_i006_multiple_parents() -> None:
    text = csv_text(
        HIERARCHY,
        ["Goal Setting", "Students set goals.", "Learner Agency; Reflection", "", ""],
        ["Learner Agency", "Students decide.", "", "", ""],
        ["Reflection", "Students look back.", "", "", ""],
        ["Online Course", "A course online.", "Anytime, anywhere learning", "", ""],
        ["Portfolio", "Student work.", "Reflection", "", ""],
        ["Portfolio", "A folder.", "Learner Agency", "", ""],
    )
    found = at(run(text, "I006", "I001"), "I006")
    assert set(found) == {2, 7}
    assert "2 broader terms: 'Learner Agency' and 'Reflection'" in found[2].message


def test_i007_synonym_is_another_term() -> None:
    text = csv_text(
        HIERARCHY,
        ["Student Voice", "Students speak.", "", "", "Learner Voice; Voice"],
        ["Learner Voice", "Students speak up.", "", "", "Student Voice"],
        ["Equity", "Each student gets what they need.", "", "", "Equity"],
    )
    found = run(text, "I007")
    assert [f.location.row for f in found] == [2]
    assert "'Learner Voice' has its own row 3" in found[0].message
    assert found[0].location.field == "Synonyms"


def test_i008_synonym_of_another_concept() -> None:
    text = csv_text(
        HIERARCHY,
        ["Equity", "Each student gets what they need.", "", "", "Equality; Fairness"],
        ["Learner Agency", "Students decide.", "", "", "Learner voice"],
        ["Student Voice", "Students speak.", "", "", "Learner voice; Student voice"],
        ["Learning Loss", "Skills lost.", "", "", "COVID slide"],
    )
    found = at(run(text, "I008"), "I008")
    assert set(found) == {2, 3}
    assert "records as not the same" in found[2].message
    assert "a narrower concept" in found[3].message


def test_relations_in_yaml() -> None:
    text = (
        "terms:\n"
        "  - term: Advisory\n    definition: A small group.\n    broader: Advisory\n"
        "  - term: Proficiency Scale\n    definition: A scale.\n    broader: Grading\n"
    )
    found = run(text, "I001", "I003", name="g.yaml")
    assert {(f.id, f.location.row) for f in found} == {("I003", 1), ("I001", 2)}


# ---------------------------------------------------------------------------------------- examples


def new_findings(path: str) -> Iterator[tuple[str, int | None, str]]:
    for f in check_glossary(EXAMPLES / path).findings:
        if f.id in NEW:
            yield f.id, f.location.row, f.severity.value


def test_example_glossaries_report_only_the_planted_mistakes() -> None:
    """What the added checks report on the three examples; every warning or error is one of the
    mistakes the examples' README lists."""
    assert sorted(new_findings("riverbend-usd-glossary.csv"), key=str) == [
        ("D008", 21, "info"),  # Narrative Report Card: narrower than narrative assessment
        ("E007", 17, "info"),  # Learning Loss stands for unfinished learning (core)
        ("E007", 19, "info"),  # LEP stands for multilingual learner (core)
        ("F005", None, "info"),
        ("F005", None, "info"),
    ]
    assert sorted(new_findings("mesa-verde-sd-glossary.xlsx"), key=str) == [("E007", 4, "info")]
    assert sorted(new_findings("lakeshore-district-glossary.yaml"), key=str) == [
        ("D009", 14, "info"),  # Lighthouse Block, local, under Advisory
        ("D009", 15, "info"),  # Harbor Days, local
        ("I001", 9, "warning"),  # broader "Grading and Reporting" is nowhere
        ("I003", 13, "error"),  # Advisory is its own broader term
    ]


# ---------------------------------------------------------------------------------------- properties

_ALPHABET = "aeiouéñáü AEIOU-/;|(),.:TBDxyz"
_POOL = [
    "",
    "",
    "Learner Agency",
    "Student Voice",
    "Equity",
    "Equality",
    "Learning Loss",
    "at-risk students",
    "Advisory",
    "Agencia del estudiante",
    "Learner agency / Agencia del estudiante",
    "plvc:equity",
    "plvc:learning-loss",
    "plvc:nope",
    "local",
    "Local term.",
    "TBD",
]
_cells = st.one_of(st.sampled_from(_POOL), st.text(alphabet=_ALPHABET, max_size=30))
_HEADER = [
    "Term",
    "Definition",
    "Synonyms",
    "Notes",
    "Broader",
    "Término",
    "Definición",
    "Related terms",
    "National concept",
    "Predicate",
    "Local",
]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(st.lists(_cells, min_size=len(_HEADER), max_size=len(_HEADER)), max_size=25),
    repeat=st.lists(st.integers(min_value=0, max_value=24), max_size=6),
)
def test_generated_glossaries_never_raise(rows: list[list[str]], repeat: list[int]) -> None:
    rows = rows + [rows[i] for i in repeat if i < len(rows)]  # exact duplicates
    if rows:
        rows.append([rows[0][0], *rows[-1][1:]])  # a duplicate term with other cells
    text = csv_text(_HEADER, *rows)
    glossary = table(text)
    report = check_table(glossary)
    valid = {r.row for r in glossary.rows}
    for f in report.findings:
        assert f.message and f.id[0] in "ABCDEFGI"
        if f.id[0] == "A":  # the reader's findings may point at the header or a blank row
            assert f.location.row is None or 1 <= f.location.row <= len(rows) + 1, f
        else:
            assert f.location.row is None or f.location.row in valid, f


# G004 ---------------------------------------------------------------------------------------


def test_g004_english_and_spanish_terms_that_name_different_concepts() -> None:
    text = csv_text(
        ["Term", "Definition", "Término", "Definición"],
        ["Equity", "Each learner gets what they need.", "Agencia del estudiante", "Actuar."],
        ["Equity", "Each learner gets what they need.", "Equidad", "Cada quien recibe."],
    )
    found = at(run(text, "G004"), "G004")
    assert list(found) == [2]
    assert found[2].location.column == "C"  # the Spanish term is the one to change
    assert found[2].suggestion == "The national Spanish term for it is 'equidad'."


def test_g004_never_points_an_asset_based_spanish_term_at_a_deficit_based_one() -> None:
    """'Learning Loss' beside 'Aprendizaje inconcluso': the Spanish already says it well; the
    English term is the one to rename, to the concept the Spanish names."""
    text = csv_text(
        ["Term", "Definition", "Término", "Definición"],
        [
            "Learning Loss",
            "What students did not learn.",
            "Aprendizaje inconcluso",
            "Lo que falta.",
        ],
    )
    (finding,) = run(text, "G004")
    assert finding.location.column == "A"
    assert finding.suggestion == (
        "The English term is deficit-based; rename it to 'unfinished learning' so both columns "
        "name the same asset-based concept."
    )
    assert "pérdida" not in (finding.suggestion or "").lower()


def test_g004_a_deficit_based_spanish_term_is_pointed_at_the_asset_based_one() -> None:
    text = csv_text(
        ["Term", "Definition", "Término", "Definición"],
        ["Unfinished Learning", "What is still to come.", "Pérdida de aprendizaje", "Lo perdido."],
    )
    (finding,) = run(text, "G004")
    assert finding.location.column == "C"
    assert finding.suggestion == "The national Spanish term for it is 'aprendizaje inconcluso'."


def test_g001_suggests_the_national_spanish_term_and_never_a_deficit_based_one() -> None:
    text = csv_text(
        ["Term", "Definition", "Término", "Definición"],
        ["Learning Loss", "What students missed.", "", ""],
        ["Equity", "Each learner gets what they need.", "", ""],
        ["Coyote Hour", "Our advisory period.", "", ""],
    )
    found = at(run(text, "G001"), "G001")
    assert found[2].suggestion == (
        "The national Spanish term for the asset-based concept, 'unfinished learning', is "
        "'aprendizaje inconcluso'."
    )
    assert found[3].suggestion == "The national Spanish term is 'equidad'."
    assert found[4].suggestion is None  # a local term: nothing national to offer
