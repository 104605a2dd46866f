"""The ``pl-vocab`` command line: a thin layer over the public API.

:mod:`pl_vocab.cli.app` declares the commands; :mod:`pl_vocab.cli.options` each shared option
once; :mod:`pl_vocab.cli.output` writes reports and files and sets exit codes the same way for
every command; one module per command does the rest. Nothing outside this package imports it.
"""

from pl_vocab.cli.app import app, main

__all__ = ["app", "main"]
