"""Synthetic district glossaries for the glossary benchmark: realistic mix, deterministic, any size.

    from synthetic_glossary import write_glossary
    write_glossary("glossary.csv", 10_000, seed=4)

The mix of rows (fractions of the whole, drawn per row from a seeded generator):

- 30% national labels (preferred and alternative, English and Spanish) as a district writes
  them: original, lowercased, Title Cased, hyphens and spaces swapped, a plural "s" added;
- 10% deficit-based terms: a deprecated or flagged concept's label, alone or inside a phrase
  ("learning loss interventions", "Supports for at-risk students");
- 5% duplicates of an earlier term (same spelling or different case), with a new definition;
- 5% rows with a missing definition (any kind of term);
- 50% local multi-word terms built from a word list ("Riverbend Family Literacy Night").

Definitions are 8 to 30 words. Columns: Term, Definition, Synonyms (about 1 row in 10), Notes
(about 1 row in 20). The file is UTF-8 CSV with a comma delimiter and CRLF line ends, as Excel's
"CSV UTF-8" export writes it; cells are quoted only when they need it.
"""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Iterator
from functools import cache
from pathlib import Path

__all__ = ["HEADER", "glossary_rows", "national_labels", "write_glossary"]

HEADER = ("Term", "Definition", "Synonyms", "Notes")


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_PLACES = _words(
    "Riverbend Lincoln Mesa Verde Lakeshore Cedar Hills Oakwood Pine Valley Harbor Summit "
    "Maple Grove Eastside Northgate Westfield Bayview Sunnyside Franklin Jefferson Roosevelt "
    "Washington Madison"
)
_ADJECTIVES = _words(
    "family community weekly annual digital bilingual early advanced integrated flexible "
    "collaborative student-led teacher-led schoolwide districtwide summer after-school "
    "outdoor hands-on interdisciplinary project-based peer restorative mindful inclusive "
    "responsive extended blended virtual evening morning seasonal"
)
_NOUNS = _words(
    "literacy numeracy science math reading writing arts music robotics coding wellness "
    "leadership mentoring advisory tutoring coaching enrichment intervention support "
    "attendance engagement portfolio showcase exhibition conference circle studio lab "
    "workshop academy pathway cohort pod hub block period session night day week camp "
    "challenge fair festival council forum review check-in plan log journal passport badge "
    "credential seminar practicum internship apprenticeship capstone residency"
)
_HEADS = _words(
    "Night Day Week Program Initiative Block Hour Time Lab Studio Circle Conference Review "
    "Passport Plan Protocol Framework Rubric Toolkit Pathway Academy Series Challenge Showcase "
    "Exhibition Fair Council Team Network Partnership Cohort Model"
)
_DEFINITION_WORDS = _words(
    "students teachers families learners school district classroom each every their own "
    "learning progress goals evidence skills knowledge pace choice voice feedback support "
    "time space community work projects assessment standards competency mastery practice "
    "reflect share plan review build develop explore demonstrate apply grow connect with "
    "and or to for in on of by through during after before across within a the that which "
    "where when how why who regularly together individually small groups whole class week "
    "semester year grade level adults mentors peers partners local real world authentic "
    "meaningful relevant flexible personalized structured guided independent"
)
_DEFICIT_PHRASES = (
    "{} interventions",
    "Supports for {}",
    "{} program",
    "Addressing {}",
    "{}",
    "{}",
)


@cache
def national_labels() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The vocabulary's preferred and alternative labels (English and Spanish), and the labels
    of its deprecated or flagged concepts, each as written in the vocabulary."""
    from pl_vocab import load_vocabulary

    vocab = load_vocabulary()
    labels: list[str] = []
    deficit: list[str] = []
    for concept in vocab:
        advisory = concept.language_advisory
        status = str(getattr(advisory.status, "value", advisory.status)) if advisory else ""
        bad = bool(concept.deprecated) or status in ("deprecated", "flagged")
        for lt in [*(concept.pref_label or ()), *(concept.alt_label or ())]:
            if lt.language.split("-")[0] not in ("en", "es"):
                continue
            (deficit if bad else labels).append(lt.value)
    return tuple(sorted(set(labels))), tuple(sorted(set(deficit)))


def _vary(rng: random.Random, label: str) -> str:
    """A small variation a district would write: case, hyphens, a plural."""
    r = rng.random()
    if r < 0.35:
        return label
    if r < 0.55:
        return label.lower()
    if r < 0.70:
        return label.title()
    if r < 0.85:
        return label.replace("-", " ") if "-" in label else label.replace(" ", "-", 1)
    if label.endswith("s"):
        return label
    return label[:-1] + "ies" if label.endswith("y") else label + "s"


def _local_term(rng: random.Random) -> str:
    words: list[str] = []
    if rng.random() < 0.4:
        words.append(rng.choice(_PLACES))
    words.extend(rng.choice(_ADJECTIVES) for _ in range(rng.randint(0, 2)))
    words.extend(rng.choice(_NOUNS) for _ in range(rng.randint(1, 2)))
    words.append(rng.choice(_HEADS))
    text = " ".join(words)
    return text[:1].upper() + text[1:] if rng.random() < 0.7 else text.title()


def _definition(rng: random.Random) -> str:
    words = [rng.choice(_DEFINITION_WORDS) for _ in range(rng.randint(8, 30))]
    return (" ".join(words)).capitalize() + "."


def glossary_rows(n: int, seed: int = 4) -> Iterator[tuple[str, str, str, str]]:
    """The ``n`` data rows (Term, Definition, Synonyms, Notes) of a synthetic glossary."""
    rng = random.Random(seed)
    labels, deficit = national_labels()
    seen: list[str] = []
    for _ in range(n):
        r = rng.random()
        if r < 0.30:
            term = _vary(rng, rng.choice(labels))
        elif r < 0.40:
            label = rng.choice(deficit)
            term = rng.choice(_DEFICIT_PHRASES).format(label)
            term = term[:1].upper() + term[1:]
        elif r < 0.45 and seen:
            term = rng.choice(seen)
            term = term if rng.random() < 0.7 else term.upper()
        else:
            term = _local_term(rng)
        seen.append(term)
        definition = "" if rng.random() < 0.05 else _definition(rng)
        synonyms = ""
        if rng.random() < 0.10:
            synonyms = "; ".join(_local_term(rng) for _ in range(rng.randint(1, 2)))
        notes = "Adopted by the board; see the handbook." if rng.random() < 0.05 else ""
        yield term, definition, synonyms, notes


def glossary_csv(n: int, seed: int = 4) -> str:
    """The whole CSV text (header first)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(glossary_rows(n, seed))
    return out.getvalue()


def write_glossary(path: str | Path, n: int, seed: int = 4) -> int:
    """Write a UTF-8 CSV glossary of ``n`` terms to ``path``; return its size in bytes."""
    data = glossary_csv(n, seed).encode("utf-8")
    Path(path).write_bytes(data)
    return len(data)


if __name__ == "__main__":
    import sys

    sys.stdout.write(glossary_csv(int(sys.argv[1]) if len(sys.argv) > 1 else 20))
