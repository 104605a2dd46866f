"""Artifacts generated from the LinkML schema by tools/generate.py. Do not edit by hand."""
