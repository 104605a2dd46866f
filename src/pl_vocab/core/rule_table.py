"""The table of every check pl_vocab runs (see :mod:`pl_vocab.core.catalogue`, which looks
rules up): one :class:`Rule` per stable ID. Pure data: it imports nothing of pl_vocab but the
severity type, so any module may read it (an error turned into a finding takes its name here).
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from pl_vocab.core.model import Severity

__all__ = ["FAMILIES", "RULES", "Rule"]

#: Family letter -> title. A-I are ``pl-vocab check``'s; R, S, V are ``pl-vocab validate``'s.
FAMILIES: dict[str, str] = {
    "A": "Input and structure",
    "B": "Terms",
    "C": "Definitions",
    "D": "Mapping to the national vocabulary",
    "E": "Deficit-based and contested language",
    "F": "Coverage of the national core",
    "G": "Bilingual",
    "H": "SKOS integrity",
    "I": "Relations and hierarchy",
    "R": "Records: structure and types (pl-vocab validate)",
    "S": "Records: formats (pl-vocab validate)",
    "V": "Records: vocabulary rules (pl-vocab validate)",
}
_LAYERS = {"R": "structure", "S": "formats", "V": "vocabulary"}


@dataclass(frozen=True, slots=True)
class Rule:
    """One check: stable ID, kebab-case name, default severity, and what it detects."""

    id: str
    name: str
    severity: Severity
    summary: str

    @property
    def family(self) -> str:
        """The family's title (``"Terms"`` for B002)."""
        return FAMILIES.get(self.id[0], self.id[0])

    @property
    def command(self) -> str:
        """The command that runs it: ``"validate"`` for R, S and V, else ``"check"``."""
        return "validate" if self.id[0] in _LAYERS else "check"

    @property
    def layer(self) -> str | None:
        """For a record rule, the layer that finds it (structure, formats, vocabulary)."""
        return _LAYERS.get(self.id[0])


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO

# fmt: off
_TABLE: tuple[tuple[str, str, Severity, str], ...] = (
    # A. Input and structure
    ('A001', 'encoding-fallback', _W, 'The file is not UTF-8; it was read as Windows-1252 (check accents and quotes).'),
    ('A002', 'encoding-undecodable', _E, 'The file cannot be decoded as text (binary, or UTF-16 without a byte-order mark).'),
    ('A003', 'mojibake-detected', _W, "Signs of text decoded twice (mojibake such as 'Ã©')."),
    ('A004', 'byte-order-mark', _I, 'A byte-order mark was found and removed.'),
    ('A005', 'delimiter-detected', _I, 'Which delimiter was used, and why.'),
    ('A006', 'single-column', _E, 'The header is a single column that contains a delimiter inside quotes.'),
    ('A007', 'required-column-missing', _E, 'No column holds the terms.'),
    ('A008', 'unknown-column', _I, 'A column that was not recognized; its values are kept.'),
    ('A009', 'duplicate-header', _E, 'Two columns have the same header.'),
    ('A010', 'blank-header', _W, 'A column with data has no header.'),
    ('A011', 'blank-row', _I, 'Blank rows between rows with data.'),
    ('A012', 'ragged-row', _W, 'A row with more or fewer cells than the header.'),
    ('A013', 'formula-cell', _W, 'A cell holds a formula (.xlsx, .ods): the value it last showed was read, or nothing.'),
    ('A014', 'non-text-cell', _I, 'A number, date or list where text is expected.'),
    ('A015', 'formula-injection', _W, 'A cell starting with = + - @, tab or CR (a spreadsheet may run it as a formula).'),
    ('A016', 'merged-cells', _W, 'Merged cells in the data area.'),
    ('A017', 'extra-or-hidden-sheets', _I, 'Which sheet was read; other and hidden sheets.'),
    ('A018', 'input-refused', _E, 'The input was refused: over the size or row limit, or unsafe (aliases, entity declarations).'),
    # B. Terms
    ('B001', 'empty-term', _E, 'A row has content but no term.'),
    ('B002', 'duplicate-term', _E, 'The identical term appears in two rows.'),
    ('B003', 'case-variant-term', _W, 'Terms equal after case folding (an error if their definitions differ).'),
    ('B004', 'normalized-duplicate', _W, 'Terms equal after normalization (punctuation, hyphens, spacing).'),
    ('B005', 'edge-whitespace', _W, 'Leading or trailing whitespace around the term.'),
    ('B006', 'irregular-whitespace', _I, 'Double spaces, non-breaking spaces or tabs inside the term.'),
    ('B007', 'invisible-characters', _W, 'Zero-width, soft-hyphen or control characters in the term.'),
    ('B008', 'term-too-long', _W, 'More than 80 characters or 8 words: probably a definition in the term column.'),
    ('B009', 'multiple-terms-in-cell', _W, "Separators such as '/', ';', '|' or 'and/or' join several terms."),
    ('B010', 'placeholder-term', _W, "A placeholder such as TBD, N/A or '?' instead of a term."),
    ('B011', 'unexpanded-acronym', _I, 'The term is only an acronym, with no expansion in the row.'),
    # C. Definitions
    ('C001', 'missing-definition', _W, 'The term has no definition in any language.'),
    ('C002', 'circular-definition', _W, 'The definition uses the term itself as its main content.'),
    ('C003', 'definition-too-short', _I, 'The definition has fewer than 5 words.'),
    ('C004', 'definition-too-long', _I, 'The definition has more than 120 words.'),
    ('C005', 'duplicate-definition', _W, 'The identical definition is used for different terms.'),
    ('C006', 'near-duplicate-definition', _I, 'Definitions of different terms that are almost identical (similarity 95 or more).'),
    ('C007', 'placeholder-definition', _W, "A placeholder such as TBD, 'see above', 'same as X' or a bare link."),
    ('C008', 'definition-contradicts-mapping', _W, 'The term maps to one concept, but the definition describes another.'),
    ('C009', 'definition-matches-national', _I, 'The definition is the national definition, word for word or nearly.'),
    # D. Mapping to the national vocabulary
    ('D001', 'unmapped-term', _W, 'No national concept matches the term.'),
    ('D002', 'fuzzy-candidate-only', _W, 'The only candidates are similar spellings; a person must confirm or reject them.'),
    ('D003', 'ambiguous-mapping', _W, 'An acronym or label may mean more than one national concept.'),
    ('D004', 'false-friend', _E, "The term is a 'not the same' pair of a concept it was about to be matched to."),
    ('D005', 'matched-via-synonym', _I, 'Matched through an alternative or hidden label.'),
    ('D006', 'matched-via-normalization', _I, 'Matched only after normalizing spelling, case, plurals or learner/student variants.'),
    ('D007', 'matched-via-spanish', _I, 'Matched through a Spanish label.'),
    ('D008', 'broader-or-narrower-only', _I, 'No exact national match, but the term is probably narrower than a national concept.'),
    ('D009', 'local-extension', _I, 'A term the district marked as local; suggests the nearest national parent.'),
    ('D010', 'many-to-one', _I, 'Several district terms map exactly onto one national concept.'),
    ('D011', 'invalid-user-mapping', _E, 'The mapping column names an unknown or deprecated concept, or an unknown predicate.'),
    ('D012', 'user-mapping-disputed', _W, "The district's mapping conflicts with the term's own match or with a 'not the same' pair."),
    # E. Deficit-based and contested language
    ('E001', 'deprecated-term', _W, 'The term is deficit-based language that the national vocabulary retires.'),
    ('E002', 'deprecated-term-in-definition', _W, 'A deficit-based term appears in a definition or note.'),
    ('E003', 'flagged-person-label', _W, "A deficit-based term used to label people ('at-risk students', 'alumnos en riesgo')."),
    ('E004', 'contested-term', _I, 'A contested term: used with care, never replaced automatically.'),
    ('E005', 'context-dependent-term', _I, 'Acceptable in some uses (legal or data fields), not in others.'),
    ('E006', 'spanish-deficit-term', _W, 'A Spanish term is deficit-based language.'),
    ('E007', 'deficit-term-mapped-as-core', _W, 'A deficit-based term stands for a core concept; coverage counts only through its replacement.'),
    # F. Coverage of the national core
    ('F001', 'core-concept-missing', _W, 'A core concept has no term mapped to it.'),
    ('F002', 'core-coverage-below-threshold', _W, 'Core coverage is below 60%.'),
    ('F003', 'facet-uncovered', _I, 'A facet has no mapped term.'),
    ('F004', 'facet-imbalance', _I, 'More than half of the mapped terms fall in one facet.'),
    ('F005', 'coverage-pending-review', _I, 'A core concept is reached only by review candidates or deficit terms; not yet counted.'),
    # G. Bilingual
    ('G001', 'missing-spanish-term', _W, 'The row has an English term but no Spanish one (when the file has a Spanish column).'),
    ('G002', 'missing-spanish-definition', _I, 'A Spanish term has no Spanish definition.'),
    ('G003', 'language-mismatch', _W, 'Text in the Spanish column looks English, or the two columns are identical.'),
    ('G004', 'inconsistent-translation', _W, 'The English and Spanish terms of one row mean different national concepts.'),
    ('G005', 'duplicate-spanish-term', _W, 'The same Spanish term is used for different English terms.'),
    ('G006', 'missing-accents', _I, 'The Spanish term matches a national label only without its accents.'),
    ('G007', 'mixed-language-cell', _I, "One cell holds both languages, such as 'Learner agency / Agencia del estudiante'."),
    # H. SKOS integrity
    ('H001', 'rdf-parse-error', _E, 'The RDF cannot be parsed (or was refused as unsafe).'),
    ('H002', 'class-disjointness', _E, 'A resource typed both Concept and ConceptScheme or Collection.'),
    ('H003', 'missing-preflabel', _E, 'A concept has no prefLabel.'),
    ('H004', 'multiple-preflabels', _E, 'More than one prefLabel for one language tag.'),
    ('H005', 'label-disjointness', _E, 'The same literal as two of pref/alt/hidden on one concept.'),
    ('H006', 'empty-label', _E, 'An empty or whitespace-only label.'),
    ('H007', 'omitted-language-tag', _W, 'A label or definition with no language tag.'),
    ('H008', 'invalid-language-tag', _E, 'A language tag that is not well-formed BCP 47.'),
    ('H009', 'overlapping-labels', _W, 'Two concepts share a label in the same language.'),
    ('H010', 'hierarchy-cycle', _E, 'A cycle in broader/narrower (inverses included).'),
    ('H011', 'related-hierarchy-clash', _E, 'related between concepts also linked hierarchically.'),
    ('H012', 'mapping-clash', _E, 'exactMatch with broadMatch, narrowMatch or relatedMatch to the same concept.'),
    ('H013', 'reflexive-relation', _E, 'A concept related, broader or mapped to itself.'),
    ('H014', 'undefined-skos-term', _E, 'A property or class in the SKOS namespace that SKOS does not define.'),
    ('H015', 'mapping-within-scheme', _W, 'A mapping property between two concepts of the same scheme.'),
    ('H016', 'deprecated-without-replacement', _W, 'owl:deprecated true without dcterms:isReplacedBy.'),
    ('H017', 'undocumented-concept', _W, 'No definition or scope note in any language.'),
    ('H018', 'incomplete-language-coverage', _W, 'A concept lacks a language other concepts have.'),
    ('H019', 'orphan-concept', _I, 'A concept with no broader, narrower or related concept.'),
    ('H020', 'structural-hygiene', _I, 'Hierarchical redundancy, top concept with a broader one, scheme without top concepts, concept in no scheme, missing inverse.'),
    # I. Relations and hierarchy
    ('I001', 'broader-term-not-found', _W, 'The broader column names a term that is neither in the glossary nor a national label.'),
    ('I002', 'parent-cycle', _E, 'The broader links form a cycle.'),
    ('I003', 'self-reference', _E, "A broader or related cell names the row's own term."),
    ('I004', 'related-and-broader', _W, 'Two terms are related and also one is the broader term of the other.'),
    ('I005', 'hierarchy-inverted-vs-national', _W, "The district's broader term is narrower in the national vocabulary (or the same concept)."),
    ('I006', 'multiple-parents', _I, 'A term has more than one broader term (reported).'),
    ('I007', 'synonym-is-another-term', _W, 'A synonym of one row is the term of another row.'),
    ('I008', 'synonym-maps-elsewhere', _W, 'A synonym is a label of a different national concept than its term.'),
    # R. Records: structure and types (pl-vocab validate)
    ('R000', 'unreadable-record', _E, 'A record cannot be read at all (for example a line of NDJSON that is not JSON); the other records are still checked.'),
    ('R001', 'missing-required-field', _E, 'A field the class requires is missing.'),
    ('R002', 'unknown-field', _E, 'A field the class does not define: unknown fields are refused, never dropped.'),
    ('R003', 'not-an-allowed-value', _E, 'A value is not one of the values its enumeration allows.'),
    ('R004', 'pattern-mismatch', _E, 'A value does not have the required shape: identifiers and references must be IRIs or CURIEs, text must not be blank.'),
    ('R005', 'wrong-type', _E, 'A value has the wrong type (text, number, true/false, list or object).'),
    ('R006', 'invalid-date-or-time', _E, 'A date is not YYYY-MM-DD, or a date-time is malformed or has no timezone offset.'),
    ('R007', 'wrong-number-of-items', _E, 'A list has fewer or more items than the class allows.'),
    ('R008', 'unknown-class', _E, "The record's type names no pl_vocab class, or the record has no type and no --class was given."),
    ('R009', 'not-a-record', _E, 'An item where a record should be is not an object.'),
    ('R010', 'invalid-value', _E, 'A value breaks another rule of the model.'),
    ('R011', 'rdf-does-not-fit', _E, "In RDF input, a triple fits no slot of its subject's class, or its value has the wrong kind; it is reported, never dropped."),
    # S. Records: formats (pl-vocab validate)
    ('S001', 'invalid-format', _E, 'A value breaks its JSON Schema format (date-time, date, URI...).'),
    ('S002', 'not-strictly-typed', _E, 'A value has a JSON type that the JSON Schema does not allow, even if it could be converted ("3" for a number, 1 for true).'),
    ('S003', 'schema-rule', _E, 'A value breaks another rule of the generated JSON Schema.'),
    # V. Records: vocabulary rules (pl-vocab validate)
    ('V001', 'unresolved-reference', _W, 'A reference to a learner, goal, competency, framework or piece of evidence points at no record in the batch or in the --known files.'),
    ('V002', 'narrative-missing', _E, "A narrative assessment's narrative says nothing (only punctuation, or a placeholder such as 'N/A' or 'see score'): the narrative comes first, whatever scores the record carries."),
    ('V003', 'narrative-too-brief', _W, 'A narrative of fewer than five words next to scores or a proficiency level: describe what the learner did.'),
    ('V004', 'identity-consent-ended', _E, 'An identity attribute whose consent was withdrawn, or has expired, is still in the record.'),
    ('V005', 'asserter-role-inconsistent', _E, "Who asserted a goal and in what role disagree: the learner is recorded as the asserter with another role, or the role is 'learner' but the asserter is someone else."),
    ('V006', 'date-in-future', _E, 'A date or time that records something done (assessed, described, consent given...) lies in the future (five minutes of tolerance).'),
    ('V007', 'dates-out-of-order', _E, 'An end comes before its start (consent expires or is withdrawn before it was given; a relationship ends before it started).'),
    ('V008', 'invalid-language-tag', _E, 'A language tag is not a well-formed BCP 47 tag, or uses a code that does not exist.'),
    ('V009', 'language-tag-case', _I, 'A language tag is valid but not in its canonical case (es-mx for es-MX).'),
    ('V010', 'deprecated-term', _W, 'Text uses a deprecated, deficit-based term of the national vocabulary, or a record points at a deprecated concept; the preferred term is suggested.'),
    ('V011', 'duplicate-identifier', _E, 'Two records (or two nested objects) in the batch have the same identifier.'),
)
# fmt: on

#: Every rule by ID, sorted by ID; read-only.
RULES: MappingProxyType[str, Rule] = MappingProxyType(
    {i: Rule(i, n, s, t) for i, n, s, t in sorted(_TABLE)}
)
