"""What every renderer shows the same way: family headings, locations, relationships, verdict.

The renderers (text, Markdown, HTML) differ in markup only; the words come from here so that a
finding reads the same in a terminal, a memo and a browser.
"""

from __future__ import annotations

from collections.abc import Iterable

from pl_vocab.core.model import Finding, Location, Report

__all__ = [
    "FAMILY_NAMES",
    "RECORD_STATS",
    "compact",
    "family_of",
    "family_title",
    "group_by_family",
    "relationship",
    "share",
    "verdict",
    "where",
]

FAMILY_NAMES: dict[str, str] = {
    "A": "Input",
    "B": "Terms",
    "C": "Definitions",
    "D": "Mapping",
    "E": "Language",
    "F": "Coverage",
    "G": "Bilingual",
    "H": "SKOS",
    "I": "Relations",
    "R": "Structure and types",
    "S": "Formats",
    "V": "Vocabulary rules",
}
# what a record validation report counts, in the order the summary shows it
RECORD_STATS: tuple[tuple[str, str], ...] = (
    ("files", "files"),
    ("records", "records read"),
    ("valid_records", "valid"),
    ("invalid_records", "with errors"),
    ("findings_not_listed", "findings counted but not listed"),
)

_SKOS = "http://www.w3.org/2004/02/skos/core#"
_RELATIONSHIPS = {
    "exactMatch": "same meaning as",
    "closeMatch": "close in meaning to",
    "broadMatch": "narrower than",  # the national concept is the broader one
    "narrowMatch": "broader than",
    "relatedMatch": "related to",
}


def family_of(finding_id: str) -> str:
    """The family letter of a check ID (its first letter, upper-cased; ``?`` if none).

    >>> family_of("D004"), family_of("x12"), family_of("")
    ('D', 'X', '?')
    """
    first = finding_id[:1].upper()
    return first if first.isalpha() else "?"


def family_title(letter: str) -> str:
    """The heading of a family: ``"A Input"``; an unknown letter is shown alone.

    >>> family_title("E"), family_title("Z")
    ('E Language', 'Z')
    """
    name = FAMILY_NAMES.get(letter)
    return f"{letter} {name}" if name else letter


def _order(finding: Finding) -> tuple[bool, int, int, str]:
    loc = finding.location
    position = loc.row if loc.row is not None else loc.line
    return (position is None, position or 0, loc.record_index or 0, finding.id)


def group_by_family(findings: Iterable[Finding]) -> list[tuple[str, list[Finding]]]:
    """Findings grouped by family letter (A..I, then others), each group by row, then ID.

    >>> from pl_vocab.core.model import Severity
    >>> fs = [Finding(id=i, name="n", severity=Severity.INFO, message="m") for i in ("E001", "A002")]
    >>> [(letter, [f.id for f in group]) for letter, group in group_by_family(fs)]
    [('A', ['A002']), ('E', ['E001'])]
    """
    groups: dict[str, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(family_of(finding.id), []).append(finding)
    known = list(FAMILY_NAMES)

    def rank(letter: str) -> tuple[int, str]:
        return (known.index(letter), "") if letter in known else (len(known), letter)

    return [(letter, sorted(groups[letter], key=_order)) for letter in sorted(groups, key=rank)]


def where(location: Location, input_file: str | None = None) -> str:
    """A location in words a person can follow in Excel or an editor; the file is named only
    when it is not the report's input file.

    >>> where(Location(file="g.xlsx", sheet="Terms", row=27, column="B", field="Term"), "g.xlsx")
    'sheet Terms, row 27, column B (Term)'
    >>> where(Location(subject="plvc:equity", predicate="skos:prefLabel"))
    'plvc:equity skos:prefLabel'
    """
    parts: list[str] = []
    if location.file and location.file != input_file:
        parts.append(location.file)
    if location.sheet:
        parts.append(f"sheet {location.sheet}")
    if location.row is not None:
        parts.append(f"row {location.row}")
    if location.column and location.field:
        parts.append(f"column {location.column} ({location.field})")
    elif location.column:
        parts.append(f"column {location.column}")
    elif location.field:
        parts.append(f"field {location.field}")
    if location.line is not None and location.row is None:
        parts.append(f"line {location.line}")
    if location.record_index is not None:
        parts.append(f"record {location.record_index}")
    if location.record_id:
        parts.append(f"id {location.record_id}")
    if location.json_path:
        parts.append(location.json_path)
    if location.subject:
        parts.append(" ".join(p for p in (location.subject, location.predicate) if p))
    elif location.predicate:
        parts.append(location.predicate)
    return ", ".join(parts)


def compact(iri: str) -> str:
    """A concept or SKOS property IRI as its CURIE (``plvc:``, ``plv:``, ``skos:``); any other
    text unchanged.

    >>> compact("http://www.w3.org/2004/02/skos/core#closeMatch"), compact("plvc:equity")
    ('skos:closeMatch', 'plvc:equity')
    """
    from pl_vocab.prefixes import compress

    return compress(iri, only=("plvc", "plv", "skos"))


def relationship(predicate: str) -> str:
    """A SKOS mapping predicate in plain words, read "district term <words> national concept".

    >>> relationship("skos:broadMatch"), relationship("owl:sameAs")
    ('narrower than', 'owl:sameAs')
    """
    local = predicate.removeprefix(_SKOS).removeprefix("skos:")
    return _RELATIONSHIPS.get(local, predicate)


def share(covered: int, total: int) -> str:
    """``covered/total`` with a whole percentage.

    >>> share(14, 25), share(0, 0)
    ('14/25 (56%)', '0/0')
    """
    if total <= 0:
        return f"{covered}/{total}"
    return f"{covered}/{total} ({round(100 * covered / total)}%)"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 or word == "info" else f"{n} {word}s"


def verdict(report: Report) -> str:
    """One sentence: valid or not, with the findings per severity.

    >>> from pl_vocab.core.model import InputInfo
    >>> verdict(Report(valid=True, tool_version="0", input=InputInfo(file="g.csv")))
    'Valid: no findings.'
    """
    counts = report.counts()
    if not report.findings:
        return "Valid: no findings." if report.valid else "Not valid."
    words = ", ".join(_plural(n, s) for s, n in counts.items() if n)
    return f"Valid: no errors ({words})." if report.valid else f"Not valid: {words}."
