"""The property every fuzz target checks, and the in-process command line it runs.

A reader either returns or raises a :class:`~pl_vocab.core.errors.PlVocabError` whose message
quotes no input content (:data:`~tests.fuzz.seeds.SENTINEL`); anything else, or no answer within
:data:`LIMITS.seconds`, is a :class:`PropertyError`. The command line ends with exit 0, 1 or 2
(never 3), and exit 2 with exactly one line ``pl-vocab: ...`` on standard error, no traceback.
"""

from __future__ import annotations

import io
import re
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass
from functools import cache
from typing import Any

from tests.fuzz.seeds import SENTINEL


class PropertyError(AssertionError):
    """A reader broke its promise (the message says how)."""


class Hang(BaseException):  # a BaseException: no reader's ``except Exception`` eats it
    """Raised by the alarm when one call takes longer than its limit."""


@dataclass
class Limits:
    """Per-call time limit in seconds (``tools/fuzz.py`` sets it from ``--seconds``)."""

    seconds: float = 30.0


LIMITS = Limits()


@contextmanager
def time_limit() -> Iterator[None]:
    """Raise :class:`Hang` in the main thread when the block runs over ``LIMITS.seconds``."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def _alarm(_signum: int, _frame: Any) -> None:
        raise Hang

    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, LIMITS.seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _short(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[:limit] + "..."


def check_message(message: str, secret: str | None = SENTINEL) -> None:
    """A user-facing message: no input content (``secret``), no traceback."""
    # a header row is named in messages on purpose (a mutation may have made a row the header)
    shown = re.sub(r"the headers are: .*?'\. ", "", message)
    if secret is not None and secret in shown:
        raise PropertyError(f"the message quotes input content: {_short(message)!r}")
    if "Traceback (most recent call last)" in message:
        raise PropertyError(f"the message holds a traceback: {_short(message)!r}")


def library_call(
    fn: Callable[..., Any], *args: Any, secret: str | None = SENTINEL, **kwargs: Any
) -> None:
    """Call ``fn``: it returns, or raises a PlVocabError with a clean message (``secret``:
    the content it must not quote, None when a mutation may have made it a header or key)."""
    from pl_vocab.core.errors import PlVocabError

    try:
        with time_limit():
            fn(*args, **kwargs)
    except PlVocabError as exc:
        check_message(str(exc), secret)
    except Hang:
        raise PropertyError(f"no answer within {LIMITS.seconds:g} s (a hang)") from None
    except KeyboardInterrupt:
        raise
    except BaseException as exc:
        raise PropertyError(f"{type(exc).__name__}: {_short(str(exc))}") from exc


@cache
def _command() -> Any:
    import typer.main

    from pl_vocab.cli import app

    return typer.main.get_command(app)


def run_cli(args: list[str]) -> tuple[int, str, str]:
    """``pl-vocab ARGS`` in process, as ``pl_vocab.cli.app.main`` runs it: exit code, out, err."""
    from pl_vocab.cli import output

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            with time_limit():
                rc = _command().main(args, prog_name="pl-vocab", standalone_mode=False)
            code = rc if isinstance(rc, int) else 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
        except Hang:
            raise PropertyError(
                f"pl-vocab {' '.join(args[:1])}: no answer within {LIMITS.seconds:g} s"
            ) from None
        except KeyboardInterrupt:
            raise
        except BaseException as exc:
            code = output.exit_code_for(exc)
            if code == output.INTERNAL:
                raise PropertyError(f"exit 3 ({type(exc).__name__}: {_short(str(exc))})") from exc
    return code, out.getvalue(), err.getvalue()


def cli_call(args: list[str], secret: str | None = SENTINEL) -> None:
    """Run the command line: exit 0/1/2, a one-line error for exit 2, no traceback or content."""
    code, _out, err = run_cli(args)
    check_message(err, secret)
    if code not in (0, 1, 2):
        raise PropertyError(f"exit {code}; stderr: {_short(err)!r}")
    if code == 2:
        lines = err.strip("\n").split("\n")
        if len(lines) != 1 or not lines[0].startswith("pl-vocab: "):
            raise PropertyError(f"exit 2 without one 'pl-vocab: ...' line: {_short(err)!r}")
