"""The one way out of every command: reports, written files, error lines and exit codes.

Every command ends through this module, so they all behave the same:

- **exit codes**: :data:`CLEAN` (0) nothing at or above ``--fail-on``; :data:`FINDINGS` (1);
  :data:`USAGE` (2) unreadable or unsafe input, an output that cannot be written, or a usage
  error, always with ONE line ``pl-vocab: ...`` on standard error; :data:`INTERNAL` (3) a bug,
  with a traceback only under ``--debug`` (or ``PL_VOCAB_DEBUG=1``);
- **files** are written atomically (:func:`atomic_writer`): into a temporary file in the target's
  folder, then renamed over the target, so a failure leaves the old file (or nothing) behind;
- **confirmation**: one line ``pl-vocab: wrote WHAT to PATH`` on standard error (:func:`wrote`).

Only the standard library and typer are imported here at start-up (``pl-vocab --version`` stays
fast); renderers and rich are imported when a report is shown.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NoReturn

import typer

from pl_vocab.core.errors import PlVocabError

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from pl_vocab.core.model import Report, Severity

__all__ = [
    "CLEAN",
    "FINDINGS",
    "INTERNAL",
    "USAGE",
    "atomic_writer",
    "debug_enabled",
    "emit_report",
    "exit_code_for",
    "fail",
    "say",
    "set_debug",
    "write_stdout",
    "write_text",
    "wrote",
]

CLEAN = 0
FINDINGS = 1
USAGE = 2
INTERNAL = 3

_state = {"debug": False}


def set_debug(on: bool = True) -> None:
    """Show tracebacks of internal errors (``--debug``, before or after the command name)."""
    _state["debug"] = _state["debug"] or on


def debug_enabled() -> bool:
    """True under ``--debug`` or with ``PL_VOCAB_DEBUG`` set to anything but ``0`` or empty."""
    return _state["debug"] or os.environ.get("PL_VOCAB_DEBUG", "0") not in ("", "0")


def say(message: str) -> None:
    """``message`` as ONE line on standard error (its lines joined), prefixed ``pl-vocab: ``
    (never twice), with every control character shown as a visible escape (a file name or a
    value from the input cannot move the cursor, clear the screen or hide text)."""
    from pl_vocab.core.text import printable

    text = printable(" ".join(line.strip() for line in message.splitlines() if line.strip()))
    typer.echo(text if text.startswith("pl-vocab: ") else f"pl-vocab: {text}", err=True)


def fail(message: str, code: int = USAGE) -> NoReturn:
    """Say ``message`` on one line and stop with ``code`` (a usage error unless told)."""
    say(message)
    raise typer.Exit(code)


def wrote(path: Path, what: str) -> None:
    """The confirmation every command prints after writing a file: ``wrote WHAT to PATH``."""
    say(f"wrote {what} to {path}")


def atomic_writer(path: Path) -> AbstractContextManager[IO[str]]:
    """The one atomic writer (:func:`pl_vocab.io.output.atomic_output`): a UTF-8 text file that
    becomes ``path`` only when the block ends without an error; :class:`~pl_vocab.io.output.OutputError` (exit 2)
    when it cannot be written."""
    from pl_vocab.io.output import atomic_output

    return atomic_output(path)


def write_text(path: Path, text: str, *, errors: str = "strict") -> None:
    """Write ``text`` to ``path`` atomically (see :func:`atomic_writer`); ``errors`` as for
    :func:`pl_vocab.io.output.atomic_output` (``backslashreplace`` for reports)."""
    from pl_vocab.io.output import write_text_atomic

    write_text_atomic(path, text, errors=errors)


def write_stdout(text: str, *, errors: str = "backslashreplace") -> None:
    """Write ``text`` to standard output and flush it.

    Text the stream's encoding cannot hold (a lone surrogate) is escaped (``\\ud800``) unless
    ``errors`` is ``strict``; a full disk or another write error is :class:`StdoutError` (exit
    2, one line). A closed pipe (``pl-vocab ... | head -1``) propagates as
    :class:`BrokenPipeError`, which :func:`exit_code_for` turns into a quiet exit.
    """
    stream = sys.stdout
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        buffer = getattr(stream, "buffer", None)
        if buffer is None:
            stream.write(text.encode(encoding, errors).decode(encoding, "replace"))
        else:
            stream.flush()
            buffer.write(text.encode(encoding, errors))
            buffer.flush()
        stream.flush()
    except BrokenPipeError:
        raise
    except UnicodeEncodeError as exc:
        raise StdoutError(
            "not written: the output would hold text that is not valid Unicode (a lone surrogate"
            f" such as \\ud800, character {exc.start + 1}); fix the input."
        ) from None
    except OSError as exc:
        raise StdoutError(f"cannot be written ({exc.strerror or type(exc).__name__}).") from None


class StdoutWriter:
    """A file-like standard output for library functions that stream (``convert``): each write
    goes through :func:`write_stdout` (``strict``: records are never silently altered)."""

    def write(self, text: str) -> int:
        """Write ``text``; the number of characters written."""
        write_stdout(text, errors="strict")
        return len(text)

    def flush(self) -> None:
        """Nothing to do: every write is flushed."""


class StdoutError(PlVocabError):
    """Standard output that cannot be written (a full disk, a closed device): exit 2."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"standard output: {reason}")


def _findings_phrase(report: Report) -> str:
    n = report.stats.get("findings", len(report.findings))
    return f"{n} finding" + ("" if n == 1 else "s")


def emit_report(
    report: Report,
    fmt: str,
    output: Path | None,
    threshold: Severity,
    console: Callable[[], Any],
) -> int:
    """Show the report on standard output, or write it to ``output``; return the exit code.

    ``text`` on standard output is the terminal report (colour and width of the terminal; 100
    columns, no colour, when piped unless ``COLUMNS`` says otherwise); every other case is the
    renderer's text. A written report is confirmed on standard error.
    """
    from pl_vocab.report.render import render

    if fmt == "text" and output is None:
        from pl_vocab.report.render_text import render_text

        con = console()
        wide = con.is_terminal or "COLUMNS" in os.environ
        text = render_text(report, color=con.is_terminal, width=con.width if wide else 100)
    else:
        text = render(report, fmt)
    if output is None:
        write_stdout(text)
    else:
        write_text(output, text, errors="backslashreplace")
        wrote(output, f"the {fmt} report ({_findings_phrase(report)})")
    return report.exit_code(threshold)


class Interrupted(BaseException):
    """Ctrl-C (SIGINT, exit 130) or SIGTERM (exit 143), raised from the signal handler.

    Not a :class:`KeyboardInterrupt`, which typer would turn into a silent exit code: this one
    reaches :func:`exit_code_for`, after every ``finally`` and ``except BaseException`` on the
    way has run (the atomic writer removes its temporary file, the worker pool shuts down).
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.exit_code = 128 + signum
        self.what = "terminated" if signum == 15 else "interrupted"


def handle_signals() -> None:
    """SIGINT and SIGTERM raise :class:`Interrupted`, so both clean up the same way.

    A signal the caller chose to ignore (``nohup``, a background job) stays ignored; outside the
    main thread (an embedding program) nothing is changed.
    """
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return

    def _raise(signum: int, frame: object) -> None:
        raise Interrupted(signum)

    for sig in (signal.SIGINT, signal.SIGTERM):
        if signal.getsignal(sig) in (signal.default_int_handler, signal.SIG_DFL):
            signal.signal(sig, _raise)


_FULL = frozenset(
    getattr(errno, name)
    for name in ("ENOSPC", "EDQUOT", "EFBIG", "EIO", "EROFS")
    if hasattr(errno, name)
)


def _broken_pipe() -> int:
    """The reader of standard output went away: stop quietly, as Python's tools do (the stream
    is pointed at /dev/null so the interpreter's final flush cannot fail again)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return 1  # Python's own convention (and typer's) for a closed standard output


def _is_click_error(exc: BaseException) -> bool:
    # typer may vendor its own click: recognise its exceptions by their class names
    return "ClickException" in {cls.__name__ for cls in type(exc).__mro__}


def exit_code_for(exc: BaseException) -> int:
    """Say what went wrong (one line) and give the exit code for an exception a command raised.

    A usage error of the option parser, a :class:`PlVocabError` (unreadable input, unknown
    names) and an unwritable output are exit 2; anything else is a bug: exit 3, and the
    traceback is printed only when :func:`debug_enabled` (the caller re-raises).
    """
    if isinstance(exc, typer.Exit):
        return int(exc.exit_code)
    if isinstance(exc, Interrupted):
        say(f"stopped ({exc.what}); no output file was changed.")
        return exc.exit_code
    if isinstance(exc, (typer.Abort, KeyboardInterrupt)):
        say("stopped (interrupted); no output file was changed.")
        return 130
    if isinstance(exc, BrokenPipeError):
        return _broken_pipe()
    if _is_click_error(exc):
        names = {cls.__name__ for cls in type(exc).__mro__}
        message = str(exc.format_message())  # type: ignore[attr-defined]
        if "NoArgsIsHelpError" in names:  # the message is the help (rich has printed it already)
            if message.strip():
                typer.echo(message, err=True)
        else:
            say(message)
        return USAGE if "UsageError" in names else int(getattr(exc, "exit_code", USAGE))
    if isinstance(exc, PlVocabError):
        say(str(exc))
        return USAGE
    if isinstance(exc, OSError) and exc.errno in _FULL:
        say(f"output cannot be written ({exc.strerror or type(exc).__name__}).")
        return USAGE
    if not debug_enabled():
        say(f"internal error ({type(exc).__name__}). Run again with --debug and report it.")
    return INTERNAL
