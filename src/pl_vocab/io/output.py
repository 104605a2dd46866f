"""Writing an output file safely: all or nothing.

The text goes to a temporary file in the same folder, flushed to disk, which replaces the target
in one rename only once it is complete; a failure (an error while converting, a full disk, an
interrupt) leaves the target as it was and removes the temporary file. So a command can read and
write the same file (``convert a.json --to json -o a.json``), and never leaves a half-written or
empty output behind. Every command and library function that writes a file uses this module.
"""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from pl_vocab.core.errors import InputError

__all__ = ["OutputError", "UnwritableTextError", "atomic_output", "write_text_atomic"]


class OutputError(InputError):
    """An output path that cannot be written (exit code 2); the message names path and reason.

    >>> print(OutputError(Path("/no/such/dir/x.html"), FileNotFoundError(2, "No such file")))
    /no/such/dir/x.html: cannot be written (no folder /no/such/dir).
    """

    def __init__(self, path: Path, cause: OSError) -> None:
        folder = path.parent
        if not folder.is_dir():
            reason = f"no folder {folder}"
        elif path.is_dir():
            reason = "it is a folder"
        else:
            reason = cause.strerror or type(cause).__name__
        super().__init__(f"{path}: cannot be written ({reason}).")
        self.path = path


class UnwritableTextError(InputError):
    """Text that UTF-8 cannot hold (a lone surrogate such as ``\\ud800``, which a JSON ``\\u``
    escape can make): refused with exit 2, the target left as it was."""

    def __init__(self, path: Path | str, position: int) -> None:
        super().__init__(
            f"{path}: not written: the output would hold text that is not valid Unicode (a lone"
            f" surrogate such as \\ud800, character {position + 1} of a chunk); fix the input."
        )


class _AtomicText(io.TextIOWrapper):
    """A text file whose write errors become :class:`OutputError` naming the final path."""

    target: Path

    def write(self, s: str) -> int:
        try:
            return super().write(s)
        except UnicodeEncodeError as exc:
            raise UnwritableTextError(self.target, exc.start) from None
        except OSError as exc:
            raise OutputError(self.target, exc) from None


def _mode_for(path: Path) -> int:
    """The permissions a plain ``open(path, "w")`` would give (the existing file's, if any)."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        mask = os.umask(0o022)
        os.umask(mask)
        return 0o666 & ~mask


@contextlib.contextmanager
def _special(path: Path) -> Iterator[IO[str]]:
    """/dev/null, a named pipe, a terminal: written in place (there is nothing to replace)."""
    try:
        stream = path.open("w", encoding="utf-8", newline="\n")
    except OSError as exc:
        raise OutputError(path, exc) from None
    try:
        with stream:
            yield stream
    except OSError as exc:
        raise OutputError(path, exc) from None


@contextlib.contextmanager
def atomic_output(path: Path, *, errors: str = "strict") -> Iterator[IO[str]]:
    """A text stream (UTF-8, ``\\n`` line ends) whose content replaces ``path`` when the block
    ends without an exception; with one, ``path`` is left untouched and nothing is left behind.

    :param errors: what to do with text UTF-8 cannot hold (a lone surrogate): ``strict``
        (records: :class:`UnwritableTextError`) or ``backslashreplace`` (reports for people).
    :raises OutputError: (an :class:`InputError`, exit 2) when the file cannot be created,
        written or renamed into place (no such folder, a folder by that name, no permission,
        a full disk).

    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "out.txt"
    >>> with atomic_output(target) as out:
    ...     _ = out.write("done\\n")
    >>> target.read_text(), [p.name for p in target.parent.iterdir()]
    ('done\\n', ['out.txt'])
    """
    path = Path(path)
    if not str(path) or not path.name:
        raise InputError(f"{str(path)!r}: not a file name; give -o the path of a file.")
    if path.exists() and not path.is_file() and not path.is_dir():
        with _special(path) as stream:
            yield stream
        return
    import tempfile

    try:
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    except OSError as exc:
        raise OutputError(path, exc) from None
    temp = Path(name)
    try:
        handle = _AtomicText(os.fdopen(fd, "wb"), encoding="utf-8", errors=errors, newline="\n")
        handle.target = path
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        temp.chmod(_mode_for(path))  # mkstemp makes 0600: give what a plain open() would
        temp.replace(path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise OutputError(path, exc) from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path, text: str, *, errors: str = "strict") -> None:
    """Write ``text`` to ``path`` all at once (see :func:`atomic_output`)."""
    with atomic_output(path, errors=errors) as out:
        out.write(text)
