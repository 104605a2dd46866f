"""Writing an output file safely: all or nothing.

The text goes to a temporary file in the same folder, which replaces the target only once it is
complete; a failure (an error while converting, a full disk) leaves the target as it was. So a
command can read and write the same file (``convert a.json --to json -o a.json``), and never
leaves a half-written or empty output behind.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from pl_vocab.core.errors import InputError

__all__ = ["atomic_output", "write_text_atomic"]


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        mask = os.umask(0o022)
        os.umask(mask)
        return 0o666 & ~mask


def _cannot_write(path: Path, exc: OSError) -> InputError:
    return InputError(f"{path}: cannot be written ({exc.strerror or exc}).")


@contextlib.contextmanager
def atomic_output(path: Path) -> Iterator[IO[str]]:
    """A text stream (UTF-8, ``\\n`` line ends) whose content replaces ``path`` when the block
    ends without an exception; with one, ``path`` is left untouched.

    :raises InputError: when the folder cannot be written (no such folder, no permission).

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> with atomic_output(target) as out:
    ...     _ = out.write("done\\n")
    >>> target.read_text()
    'done\\n'
    """
    if path.exists() and not path.is_file() and not path.is_dir():  # /dev/null, a named pipe
        try:
            stream = path.open("w", encoding="utf-8", newline="\n")
        except OSError as exc:
            raise _cannot_write(path, exc) from None
        with stream:
            yield stream
        return
    folder = path.parent
    try:
        fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    temp_path = Path(temp)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            yield out
    except BaseException:
        temp_path.unlink(missing_ok=True)
        raise
    try:
        temp_path.chmod(_mode_for(path))
        temp_path.replace(path)
    except OSError as exc:
        temp_path.unlink(missing_ok=True)
        raise _cannot_write(path, exc) from None


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` all at once (see :func:`atomic_output`)."""
    with atomic_output(path) as out:
        out.write(text)
