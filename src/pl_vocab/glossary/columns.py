"""Which column of a glossary holds what: recognized by header, in English and Spanish.

Headers are compared after removing case, accents and punctuation (``"Término (español)"``,
``"TERMINO ESPANOL"`` and ``"termino_espanol"`` are the same). A language marker (``es``,
``spanish``, ``español``, ``castellano``; ``en``, ``english``, ``inglés``) next to a term or
definition header picks the Spanish pair (``term_es``, ``definition_es``) or the English one.
When one column says "Term" and another "Término", with no marker, the Spanish word is the
Spanish column. A ``--columns term=Vocabulary,definition=Meaning`` override names columns
directly; the other roles are still recognized among the remaining headers.

Columns that are not recognized are never dropped: the reader keeps their values as extra data.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from pl_vocab.core.errors import InputError
from pl_vocab.core.model import Finding, Location
from pl_vocab.io.tables import Table, column_letter
from pl_vocab.io.text import input_finding

__all__ = [
    "ROLES",
    "ColumnMapping",
    "GlossaryInputError",
    "Where",
    "header_findings",
    "list_headers",
    "map_columns",
    "normalize_header",
    "parse_columns_option",
    "role_of",
]

#: The roles a column can play, in the order reports list them.
ROLES: tuple[str, ...] = (
    "term",
    "definition",
    "synonyms",
    "notes",
    "broader",
    "language",
    "term_es",
    "definition_es",
)


class GlossaryInputError(InputError):
    """A glossary that cannot be read, or a column choice that does not fit it (exit code 2).

    The message names the file and, where known, the row, line and column; says what is wrong
    and what to do; and quotes header text at most, never cell values.
    """


_ALIAS_TABLE: tuple[tuple[str, str, str], ...] = (
    (
        "term",
        "en",
        "term terms word words name concept concepts label vocabulary vocabulary_term key_term "
        "key_terms glossary_term preflabel preferred_label preferred_term",
    ),
    ("term", "es", "término términos palabra palabras concepto conceptos vocablo etiqueta"),
    ("definition", "en", "definition definitions meaning description skos_definition"),
    ("definition", "es", "definición definiciones significado descripción"),
    (
        "synonyms",
        "en",
        "synonyms synonym aka also_known_as alternative_terms alternative_term alternate_terms "
        "alternative_labels altlabel alt_labels other_names variants",
    ),
    ("synonyms", "es", "sinónimos sinónimo también_conocido_como otros_nombres variantes"),
    ("notes", "en", "notes note comments comment remarks scope_note scopenote"),
    ("notes", "es", "notas nota comentarios comentario observaciones"),
    ("broader", "en", "broader broader_term parent parent_term category"),
    ("broader", "es", "término_general término_padre padre categoría"),
    ("language", "en", "language lang"),
    ("language", "es", "idioma lengua"),
)


def _compact(text: str) -> str:
    return normalize_header(text).replace(" ", "")


_SPANISH = {"es", "esp", "spa", "spanish", "espanol", "castellano"}
_ENGLISH = {"en", "eng", "english", "ingles"}
_FILLER = {"in", "en", "skos", "el", "la", "the"}


def normalize_header(text: str) -> str:
    """Lower case, no accents, words separated by single spaces (camelCase split).

    >>> normalize_header("  Término (español) "), normalize_header("prefLabel_ES")
    ('termino espanol', 'pref label es')
    """
    text = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", text)
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", plain).split())


_ALIASES: dict[str, tuple[str, str]] = {
    _compact(name): (role, lang) for role, lang, names in _ALIAS_TABLE for name in names.split()
}


def _classify(header: str) -> tuple[str | None, str | None, str | None]:
    """(base role, language of the alias, language marker) of a header."""
    words = normalize_header(header).split()
    marker = "es" if _SPANISH & set(words) else "en" if _ENGLISH & set(words) else None
    rest = "".join(w for w in words if w not in _SPANISH | _ENGLISH | _FILLER)
    found = _ALIASES.get(rest) or _ALIASES.get("".join(words))
    if found is None and marker is None and rest[-2:] == "es":  # "termES", "definitionES"
        base = _ALIASES.get(rest[:-2])
        if base and base[0] in ("term", "definition"):
            return base[0], base[1], "es"
    if found is None:
        return None, None, None
    return found[0], found[1], marker


def _role(base: str, marker: str | None) -> str | None:
    if marker == "es":
        return f"{base}_es" if base in ("term", "definition") else None
    return base


def role_of(header: str) -> str | None:
    """The role a header names on its own, or ``None``.

    >>> role_of("Definición (ES)"), role_of("Spanish term"), role_of("A.K.A."), role_of("Owner")
    ('definition_es', 'term_es', 'synonyms', None)
    """
    base, _, marker = _classify(header)
    return None if base is None else _role(base, marker)


@dataclass(frozen=True)
class ColumnMapping:
    """``roles``: role -> 0-based column index. ``duplicates``: index -> the role that column
    also matched although another column got it. ``unknown``: indexes with no role.
    ``term_language``: ``"en"`` or ``"es"`` when the term column's header tells (``"Term"``,
    ``"Término"`` alone among Spanish headers, or a Spanish-only pair such as
    ``"Término (español)"``, which then fills ``term``), else ``None``."""

    roles: dict[str, int]
    duplicates: dict[int, str] = field(default_factory=dict)
    unknown: tuple[int, ...] = ()
    term_language: str | None = None


def parse_columns_option(text: str) -> dict[str, str]:
    """Parse ``term=Vocabulary,definition=Meaning`` into ``{role: header}``.

    Role names take ``-`` or ``_`` (``term-es``). A header containing a comma cannot be written
    here; leave the comma out (``definition=Definition English`` matches
    ``"Definition, English"``, because headers are compared without punctuation).

    :raises GlossaryInputError: for an unknown role (with a did-you-mean), a missing ``=`` or
        header, or a role given twice.

    >>> parse_columns_option("term=Vocabulary, definition = Meaning,term-es=Vocablo")
    {'term': 'Vocabulary', 'definition': 'Meaning', 'term_es': 'Vocablo'}
    """
    result: dict[str, str] = {}
    for part in (p for p in text.split(",") if p.strip()):
        role, equals, header = part.partition("=")
        role = re.sub(r"[\s-]+", "_", role.strip().lower())
        if not equals or not header.strip():
            raise GlossaryInputError(
                f"--columns: {part.strip()!r} is not ROLE=HEADER",
                suggestion="Write it like --columns term=Vocabulary,definition=Meaning.",
            )
        if role not in ROLES:
            near = difflib.get_close_matches(role, ROLES, n=1)
            hint = f"Did you mean {near[0]!r}? " if near else ""
            raise GlossaryInputError(
                f"--columns: unknown role {role!r}",
                suggestion=f"{hint}The roles are: {', '.join(ROLES)}.",
            )
        if role in result:
            raise GlossaryInputError(
                f"--columns: the role {role!r} is given twice", suggestion="Give each role once."
            )
        result[role] = header.strip()
    return result


def list_headers(header: Sequence[str], limit: int = 20) -> str:
    """Headers quoted for a message: blank ones left out, long ones and long lists cut.

    >>> list_headers(["Term", "", "x" * 80]), list_headers([])
    ("'Term', 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…'", '(none)')
    """
    shown = [h.strip() for h in header if h.strip()]
    quoted = [repr(h if len(h) <= 60 else h[:60] + "…") for h in shown[:limit]]
    more = f" and {len(shown) - limit} more" if len(shown) > limit else ""
    return (", ".join(quoted) + more) or "(none)"


def _find_header(header: Sequence[str], wanted: str, role: str) -> int:
    exact = [i for i, h in enumerate(header) if h.strip() == wanted]
    if not exact:
        key = normalize_header(wanted)
        exact = [i for i, h in enumerate(header) if normalize_header(h) == key]
    if len(exact) == 1:
        return exact[0]
    shown = [h.strip() for h in header if h.strip()]
    if exact:
        raise GlossaryInputError(
            f"--columns {role}={wanted}: {len(exact)} columns have this header",
            suggestion="Rename one of them in the file so that each header is unique.",
        )
    near = difflib.get_close_matches(wanted, shown, n=1, cutoff=0.5)
    hint = f"Did you mean {near[0]!r}? " if near else ""
    raise GlossaryInputError(
        f"--columns {role}={wanted}: there is no column with this header",
        suggestion=f"{hint}The headers are: {list_headers(shown)}.",
    )


def map_columns(header: Sequence[str], override: Mapping[str, str] | None = None) -> ColumnMapping:
    """Give each recognized column its role.

    :param header: the header cells as read.
    :param override: ``{role: header}`` (see :func:`parse_columns_option`); these win.
    :raises GlossaryInputError: when an override names an unknown role or a header that is not
        there (with a did-you-mean and the list of headers), or two roles name one column.

    >>> m = map_columns(["Term", "Definition", "Término", "Definición", "Owner"])
    >>> m.roles, m.unknown
    ({'term': 0, 'definition': 1, 'term_es': 2, 'definition_es': 3}, (4,))
    >>> map_columns(["Vocabulary", "Meaning"], {"term": "vocabulary"}).roles
    {'term': 0, 'definition': 1}
    """
    roles: dict[str, int] = {}
    for role, wanted in (override or {}).items():
        if role not in ROLES:
            raise GlossaryInputError(
                f"unknown column role {role!r}", suggestion=f"The roles are: {', '.join(ROLES)}."
            )
        index = _find_header(header, wanted, role)
        if index in roles.values():
            other = next(r for r, i in roles.items() if i == index)
            raise GlossaryInputError(
                f"--columns: {role!r} and {other!r} both name the column {wanted!r}",
                suggestion="Give each role its own column.",
            )
        roles[role] = index
    taken = set(roles.values())
    classified = {i: _classify(h) for i, h in enumerate(header) if i not in taken and h.strip()}
    # unmarked "Term" and "Término" side by side: the Spanish word is the Spanish column
    for pair in ("term", "definition"):
        unmarked = [(i, c[1]) for i, c in classified.items() if c[0] == pair and c[2] is None]
        languages = {lang for _, lang in unmarked}
        if languages == {"en", "es"} and not any(
            c[0] == pair and c[2] == "es" for c in classified.values()
        ):
            for i, lang in unmarked:
                if lang == "es":
                    classified[i] = (pair, lang, "es")
    duplicates: dict[int, str] = {}
    unknown: list[int] = []
    # explicitly marked columns first, so "Definition (EN)" wins over a plain "Description"
    order = sorted(classified, key=lambda i: (classified[i][2] is None, i))
    for i in order:
        base, _, marker = classified[i]
        found = None if base is None else _role(base, marker)
        if found is None:
            unknown.append(i)
        elif found in roles:
            duplicates[i] = found
        else:
            roles[found] = i
    language = _term_language(roles, classified)
    if "term" not in roles and "term_es" in roles:  # a Spanish-only glossary
        roles["term"] = roles.pop("term_es")
        if "definition" not in roles and "definition_es" in roles:
            roles["definition"] = roles.pop("definition_es")
        language = "es"
    ordered = {r: roles[r] for r in ROLES if r in roles}
    return ColumnMapping(
        ordered, dict(sorted(duplicates.items())), tuple(sorted(unknown)), language
    )


def _term_language(
    roles: Mapping[str, int], classified: Mapping[int, tuple[str | None, str | None, str | None]]
) -> str | None:
    """ "en" or "es" when the term column's header says which, else None."""
    if "term" not in roles or roles["term"] not in classified:
        return None  # no term column, or one named by --columns
    _, alias_language, marker = classified[roles["term"]]
    if marker or alias_language == "en":
        return marker or "en"
    english = any(c[1] == "en" and c[0] is not None for c in classified.values())
    return None if english or "term_es" in roles else "es"


#: Builds a location from (row, 0-based column index, line).
Where = Callable[[int | None, int | None, int | None], Location]


def header_findings(
    header: list[str], keys: list[str], mapping: ColumnMapping, table: Table, where: Where
) -> list[Finding]:
    """Findings about the header: A008 (unknown or second-choice column), A009 (duplicate
    header), A010 (blank header with data). ``keys`` are the names the values are kept under;
    ``where(row, column index, line)`` builds a location.

    >>> from pl_vocab.io.tables import Record
    >>> t = Table("g.csv", Record(1, 1, ("Term", "Owner")), (Record(2, 2, ("A", "x")),))
    >>> [f.id for f in header_findings(["Term", "Owner"], ["Term", "Owner"],
    ...                               map_columns(["Term", "Owner"]), t, lambda r, c, l: Location())]
    ['A008']
    """
    head, line = table.header.row or None, table.header.line
    findings: list[Finding] = []

    def name(i: int) -> str:  # how a person finds the column
        return (
            f"Key {header[i]!r}" if head is None else f"Column {column_letter(i)} ({header[i]!r})"
        )

    seen: dict[str, int] = {}
    for i, text in enumerate(header):
        if not text:
            filled = sum(1 for r in table.records if i < len(r.cells) and r.cells[i].strip())
            if filled:
                findings.append(
                    input_finding(
                        "A010",
                        f"Column {column_letter(i)} has no header but {filled} value(s) below "
                        f"it; they are kept as {keys[i]!r}.",
                        where(head, i, line),
                        "Give the column a header.",
                    )
                )
            continue
        first = seen.setdefault(text.casefold(), i)
        if first != i:
            findings.append(
                input_finding(
                    "A009",
                    f"Columns {column_letter(first)} and {column_letter(i)} have the same header "
                    f"{text!r}; column {column_letter(first)} is used and this one is kept as "
                    f"{keys[i]!r}.",
                    where(head, i, line),
                    "Rename one of the two columns.",
                )
            )
    for i, role in mapping.duplicates.items():
        used = mapping.roles[role]
        findings.append(
            input_finding(
                "A008",
                f"{name(i)} also looks like the {role} column; {name(used)[0].lower()}{name(used)[1:]} is used and "
                "this one is kept as extra data.",
                where(head, i, line),
                f"To use this column instead, pass --columns {role}={header[i]}.",
            )
        )
    for i in mapping.unknown:
        findings.append(
            input_finding(
                "A008",
                f"{name(i)} is not a glossary column pl-vocab knows; its values are kept as "
                "extra data and not checked.",
                where(head, i, line),
                "If it holds terms, definitions, synonyms, notes, a broader term or a language, "
                "name it with --columns ROLE=HEADER.",
            )
        )
    return findings
