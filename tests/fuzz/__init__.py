"""Fuzz targets, one per reader: hypothesis properties that every reader either returns or
raises a :class:`~pl_vocab.core.errors.PlVocabError` (the CLI: exit 0/1/2, one line), for any
bytes. ``test_fuzz.py`` runs them briefly in the suite; ``tools/fuzz.py`` runs them for a
bounded time (see ``docs/fuzzing.md``)."""
