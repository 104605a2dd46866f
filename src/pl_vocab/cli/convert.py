"""``pl-vocab convert``: read records in one format and write them in another.

The conversion itself is :func:`pl_vocab.convert.convert`; this module turns its outcome and its
errors into messages and exit codes (0 done, 1 data that does not fit, 2 unreadable input or
unwritable output).
"""

from __future__ import annotations

from pathlib import Path

from pl_vocab.cli.output import FINDINGS, USAGE, StdoutWriter, say, wrote

__all__ = ["run_convert"]


def _fail(message: object, code: int) -> int:
    say(str(message))
    return code


def run_convert(
    source: Path,
    to: str,
    output: Path | None,
    from_: str | None,
    class_name: str | None,
    *,
    shacl: bool = False,
    redact: bool = False,
) -> int:
    """Convert ``source``; return the exit code (0 done, 1 data that does not fit, 2 unreadable).

    With ``redact``, sensitive slots are removed (or masked where required) in every record. The
    SHACL check then runs on the redacted records: they are what is written, and its messages
    cannot repeat a sensitive value on standard error.
    """
    from pl_vocab.convert import convert
    from pl_vocab.core.errors import InputError
    from pl_vocab.rdf.load import RdfDataError
    from pl_vocab.shacl import MissingExtraError

    try:
        result = convert(
            source,
            to,
            output,
            from_=from_,
            cls=class_name,
            redact=redact,
            shacl=shacl,
            stdout=StdoutWriter(),  # type: ignore[arg-type]
        )
    except MissingExtraError as exc:
        return _fail(exc, USAGE)
    except RdfDataError as exc:
        return _fail(exc, FINDINGS)
    except InputError as exc:
        return _fail(exc, USAGE)
    except UnicodeDecodeError as exc:
        return _fail(f"{source}: not UTF-8 text (byte {exc.start}); save it as UTF-8.", USAGE)
    except BrokenPipeError:
        raise  # the reader of standard output went away: a quiet exit (cli.output)
    except OSError as exc:
        where = output if output is not None else source
        return _fail(f"{where}: {exc.strerror or exc}.", USAGE)
    if result.problems:
        for f in result.problems:
            say(f"{source}: {f}")
        return FINDINGS
    if output:
        wrote(output, f"{result.count} record(s) as {result.target}")
    return 0
