"""Readers and writers, with the safety rules in one place (no network, no YAML aliases...)."""

from pl_vocab.io.yaml_safe import load_yaml

__all__ = ["load_yaml"]
