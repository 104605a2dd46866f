"""The ``pl-vocab`` command line: a thin layer over the public API.

:mod:`pl_vocab.cli.app` declares the commands; :mod:`pl_vocab.cli.options` each shared option
once; :mod:`pl_vocab.cli.output` writes reports and files and sets exit codes the same way for
every command; one module per command does the rest. Nothing outside this package imports it.

Importing this package loads nothing else: ``pl-vocab --version`` answers without loading the
command-line framework, and ``app`` (the typer application) is loaded on first use. As before,
``pl_vocab.cli.app`` as an attribute is that application, not the module of the same name.
"""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pl_vocab.cli.app import app

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the ``pl-vocab`` command (see :func:`pl_vocab.cli.app.main`)."""
    if sys.argv[1:] == ["--version"]:
        from pl_vocab import __version__

        print(f"pl-vocab {__version__}")
        sys.exit(0)
    from pl_vocab.cli.app import main as run

    run()


def __getattr__(name: str) -> Any:
    if name == "app":
        from pl_vocab.cli.app import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class _Package(types.ModuleType):
    """Keeps ``app`` the application: the import system would set it to the submodule."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "app" and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
