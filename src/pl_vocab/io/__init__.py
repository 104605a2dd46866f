"""Readers and writers, with the safety rules in one place (no network, no YAML aliases...).

This package imports only :mod:`pl_vocab.core` and third-party libraries. Its modules:
:mod:`~pl_vocab.io.formats` (the one format registry), :mod:`~pl_vocab.io.text` (strict
decoding), :mod:`~pl_vocab.io.json_safe` and :mod:`~pl_vocab.io.records` (strict JSON, NDJSON
lines, JSON arrays with lines), :mod:`~pl_vocab.io.yaml_safe`, :mod:`~pl_vocab.io.rdf` (the one
safe RDF parse entry), :mod:`~pl_vocab.io.tables` and :mod:`~pl_vocab.io.excel` (glossary
tables), and :mod:`~pl_vocab.io.output` (all-or-nothing output files).
"""

from pl_vocab.io.yaml_safe import load_yaml

__all__ = ["load_yaml"]
