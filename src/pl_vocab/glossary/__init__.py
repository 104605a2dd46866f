"""The glossary checker: a district's own glossary, read and checked against the national
vocabulary. :mod:`pl_vocab.glossary.read` reads the file into typed rows with exact positions;
:mod:`pl_vocab.glossary.columns` recognizes the columns."""

__all__: list[str] = []
