"""Writes never destroy or half-write a file (issue 12, class 1).

Every command that writes ``-o`` writes a temporary file in the same folder and renames it over
the target only when the output is complete: the same file may be input and output, a failure
leaves the old file as it was, an interrupt (SIGINT or SIGTERM) leaves the old file or the
complete new one and no temporary file, and two writers of one target leave one complete file.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.test_exit_codes import run_main

LEARNER = '{{"type": "Learner", "id": "plv:learner/{n}", "grade_level": "7"}}'
OLD = "the old file\n"


def _ndjson(path: Path, count: int, bad_at: int | None = None) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for n in range(1, count + 1):
            f.write('{"type": "Learner", "id": ' if n == bad_at else LEARNER.format(n=n))
            f.write("\n")
    return path


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


@pytest.mark.parametrize(
    ("name", "to"),
    [
        ("a.json", "json"),
        ("a.ndjson", "ndjson"),
        ("a.yaml", "yaml"),
        ("a.ttl", "turtle"),
        ("a.nt", "ntriples"),
        ("a.jsonld", "jsonld"),
    ],
)
def test_convert_onto_itself(
    name: str,
    to: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    _ndjson(tmp_path / "src.ndjson", 5)
    assert run_main(["convert", "src.ndjson", "--to", to, "-o", name], capsys)[0] == 0
    before = (tmp_path / name).read_text(encoding="utf-8")
    code, _, err = run_main(["convert", name, "--to", to, "-o", name], capsys)
    assert code == 0, err
    assert "wrote 5 record(s)" in err
    assert (tmp_path / name).read_text(encoding="utf-8") == before
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("command", ["validate", "check"])
def test_report_onto_its_input(
    command: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    name = "in.ndjson" if command == "validate" else "g.csv"
    if command == "validate":
        _ndjson(tmp_path / name, 3)
    else:
        (tmp_path / name).write_text("term,definition\nvoice,what is said\n", encoding="utf-8")
    code, _, err = run_main([command, name, "-f", "json", "-o", name], capsys)
    assert code in (0, 1), err
    assert json.loads((tmp_path / name).read_text(encoding="utf-8"))["tool"] == "pl-vocab"


def _failing_cases(tmp_path: Path) -> list[list[str]]:
    (tmp_path / "bad.json").write_text("[{]", encoding="utf-8")
    _ndjson(tmp_path / "late.ndjson", 6000, bad_at=5001)
    _ndjson(tmp_path / "good.ndjson", 3)
    return [
        ["convert", "bad.json", "--to", "json", "-o", "out"],
        ["convert", "late.ndjson", "--to", "ntriples", "-o", "out"],
        ["convert", "late.ndjson", "--to", "ndjson", "-o", "out"],
        ["convert", "late.ndjson", "--to", "turtle", "-o", "out"],
        ["convert", "good.ndjson", "--to", "xml", "-o", "out"],
        ["convert", "bad.json", "--to", "ntriples", "-o", "out"],
        ["validate", "good.ndjson", "--now", "9999-12-31T23:59:59+14:00", "-o", "out"],
        ["validate", "missing.json", "-o", "out"],
        ["check", "bad.json", "-o", "out"],
        ["export", "--glossary", "bad.json", "-o", "out"],
    ]


def test_failure_leaves_the_old_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for args in _failing_cases(tmp_path):
        (tmp_path / "out").write_text(OLD, encoding="utf-8")
        code, _, err = run_main(args, capsys)
        assert code == 2, (args, err)
        assert (tmp_path / "out").read_text(encoding="utf-8") == OLD, args
        assert _leftovers(tmp_path) == [], args


def test_shacl_without_the_extra_leaves_the_old_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setitem(sys.modules, "pyshacl", None)  # import pyshacl now fails
    _ndjson(tmp_path / "good.ndjson", 3)
    (tmp_path / "out.ttl").write_text(OLD, encoding="utf-8")
    code, _, err = run_main(
        ["convert", "good.ndjson", "--to", "turtle", "--shacl", "-o", "out.ttl"], capsys
    )
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "shacl" in err
    assert (tmp_path / "out.ttl").read_text(encoding="utf-8") == OLD
    assert _leftovers(tmp_path) == []


def test_lone_surrogate_output_refused_and_old_file_kept(tmp_path: Path) -> None:
    from pl_vocab.core.errors import InputError
    from pl_vocab.io.output import atomic_output, write_text_atomic

    target = tmp_path / "out.txt"
    target.write_text(OLD, encoding="utf-8")
    with pytest.raises(InputError, match="lone surrogate"), atomic_output(target) as out:
        out.write("fine\ud800")
    assert target.read_text(encoding="utf-8") == OLD
    write_text_atomic(target, "report \ud800", errors="backslashreplace")
    assert target.read_text(encoding="utf-8") == "report \\ud800"
    assert _leftovers(tmp_path) == []


@settings(max_examples=40, deadline=None)
@given(
    chunks=st.lists(st.one_of(st.text(max_size=50), st.just("x\ud800")), max_size=8),
    fail_at=st.one_of(st.none(), st.integers(min_value=0, max_value=8)),
    old=st.one_of(st.none(), st.text(max_size=30)),
)
def test_atomic_output_all_or_nothing(
    chunks: list[str], fail_at: int | None, old: str | None
) -> None:
    """Whatever is written and wherever it stops: the old file (or none), or all of the new."""
    import tempfile

    from pl_vocab.core.errors import InputError
    from pl_vocab.io.output import atomic_output

    folder = Path(tempfile.mkdtemp())
    target = folder / "out.txt"
    if old is not None:
        target.write_bytes(old.encode("utf-8", "surrogatepass"))
    before = target.read_bytes() if old is not None else None
    stops = fail_at is not None and fail_at < len(chunks)
    unwritable = any("\ud800" in c for c in chunks[: fail_at if stops else None])
    try:
        with atomic_output(target) as out:
            for i, chunk in enumerate(chunks):
                if stops and i == fail_at:
                    raise RuntimeError("stop")
                out.write(chunk)
        completed = True
    except (RuntimeError, InputError):
        completed = False
    if completed:
        assert not unwritable
        assert target.read_bytes().decode("utf-8") == "".join(chunks)
    elif before is None:
        assert not target.exists()
    else:
        assert target.read_bytes() == before
    assert _leftovers(folder) == []


def test_library_dump_is_atomic(tmp_path: Path) -> None:
    import pl_vocab
    from pl_vocab.models import Learner

    target = tmp_path / "out.json"
    target.write_text(OLD, encoding="utf-8")

    def records():  # type: ignore[no-untyped-def]
        yield Learner(id="plv:learner/1")
        raise RuntimeError("stopped half way")

    with pytest.raises(RuntimeError):
        pl_vocab.dump(records(), target)
    assert target.read_text(encoding="utf-8") == OLD
    pl_vocab.dump([Learner(id="plv:learner/1")], target)
    assert json.loads(target.read_text(encoding="utf-8"))[0]["id"] == "plv:learner/1"
    assert _leftovers(tmp_path) == []


def test_empty_output_name_is_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _ndjson(tmp_path / "good.ndjson", 1)
    code, _, err = run_main(["convert", "good.ndjson", "--to", "json", "-o", ""], capsys)
    assert code == 2 and "not a file name" in err


# ----------------------------------------------------------------- real processes
PL_VOCAB = [sys.executable, "-m", "pl_vocab"]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PL_VOCAB_DEBUG", None)
    root = str(Path(__file__).resolve().parents[1] / "src")
    env["PYTHONPATH"] = root + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _default_signals() -> None:
    """In the child: SIGINT as at a terminal (a test runner's workers may ignore it)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _wait_for_part(folder: Path, proc: subprocess.Popen[bytes], limit: float = 60) -> bool:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and proc.poll() is None:
        for p in folder.iterdir():
            if p.name.endswith(".part") and p.stat().st_size > 0:
                return True
        time.sleep(0.01)
    return False


@pytest.mark.slow
@pytest.mark.parametrize(("sig", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_signal_mid_convert_leaves_old_or_complete(
    sig: signal.Signals, code: int, tmp_path: Path
) -> None:
    big = _ndjson(tmp_path / "big.ndjson", 60_000)
    target = tmp_path / "out.nt"
    target.write_text(OLD, encoding="utf-8")
    proc = subprocess.Popen(
        [*PL_VOCAB, "convert", str(big), "--to", "ntriples", "-o", str(target)],
        stderr=subprocess.PIPE,
        env=_env(),
        preexec_fn=_default_signals,
    )
    started = _wait_for_part(tmp_path, proc)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=120)
    text = target.read_text(encoding="utf-8")
    assert _leftovers(tmp_path) == []
    if started and proc.returncode == code:
        assert text == OLD
        lines = err.decode().strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in err.decode(), err
    else:  # it finished before the signal: the complete new file
        assert proc.returncode == 0, err
        assert text.count("\n") >= 60_000 and text.endswith(" .\n")


@pytest.mark.slow
def test_two_writers_of_one_target(tmp_path: Path) -> None:
    src = _ndjson(tmp_path / "src.ndjson", 5000)
    target = tmp_path / "out.nt"
    procs = [
        subprocess.Popen(
            [*PL_VOCAB, "convert", str(src), "--to", "ntriples", "-o", str(target)],
            stderr=subprocess.PIPE,
            env=_env(),
        )
        for _ in range(2)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    data = target.read_bytes()
    assert b"\x00" not in data
    assert data.endswith(b" .\n")
    expected = subprocess.run(
        [*PL_VOCAB, "convert", str(src), "--to", "ntriples"],
        capture_output=True,
        env=_env(),
        check=True,
    ).stdout
    assert data == expected
    assert _leftovers(tmp_path) == []


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="process groups")
def test_ctrl_c_with_jobs_is_quiet(tmp_path: Path) -> None:
    big = _ndjson(tmp_path / "big.ndjson", 300_000)
    proc = subprocess.Popen(
        [*PL_VOCAB, "validate", str(big), "--jobs", "2", "--now", "2026-06-01T00:00:00Z"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=_env(),
        start_new_session=True,
        preexec_fn=_default_signals,
    )
    time.sleep(3)  # workers started and busy
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    text = err.decode()
    assert "Traceback" not in text, text
    if proc.returncode != 0 and proc.returncode != 1:
        assert proc.returncode == 130, text
        assert len(text.strip().splitlines()) == 1, text
