"""The README runs as written: every code block, in order, in a scratch copy, without the network.

How the blocks are run:

- **Shell blocks** (```` ```bash ````, ```` ```sh ````) run line by line in ``bash``, one block after
  another, carrying the working folder and the exported environment from block to block as a
  terminal would. The run starts in a temporary "clone": a copy of ``examples/`` and a ``.venv``
  that links to the environment these tests run in, with only ``/usr/bin:/bin`` on PATH (so no
  ``uv``, and no ``pl-vocab`` until the README's own ``source .venv/bin/activate``). ``TMPDIR``
  points inside the test's temporary folder, so ``mktemp -d`` stays in it too.
- **Exit codes.** A line whose comment says ``exit N:`` (``# exit 1: findings``) must exit N;
  every other line must exit 0.
- **Lines that are not run** say so in their comment, ``(not run: REASON)``: installing from a
  package index needs the network, and ``make demo``/``make test`` build the environment this test
  runs in and run this test. They are listed in :data:`NOT_RUN`, so a new one is a decision made
  here, never a silent skip.
- **Python blocks** run in order in one namespace, in the folder the shell blocks left off in. A
  top-level expression whose comment starts with ``-> VALUE`` (``vocab.concept("x").id  # ->
  'plvc:x'``) must evaluate to VALUE (a Python literal; text after it is commentary).
- **No network.** pytest-socket guards this process; the shell's Python processes load a
  ``sitecustomize`` that refuses every connection other than a Unix socket, and no proxy variable
  is passed on.

The README of each example folder is run the same way, with ``pl-vocab`` on PATH from the start
(those files assume the main README's set-up).
"""

from __future__ import annotations

import ast
import io
import re
import shutil
import subprocess
import sys
import tokenize
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from .conftest import ROOT

README = ROOT / "README.md"
EXAMPLE_READMES = sorted((ROOT / "examples").glob("*/README.md"))

#: The lines no test runs, and why (each is marked ``(not run: ...)`` in its README).
NOT_RUN = {
    ("README.md", "pip install pl-vocab"),
    ("README.md", "pip install ."),
    ("README.md", "make demo"),
    ("README.md", "make test"),
}

SHELL = {"bash", "sh", "shell"}
PYTHON = {"python", "py"}
SHOWN_ONLY = {"text", "console-output"}  # output shown to the reader, never run

_FENCE = re.compile(r"^```([\w-]*)[^\n]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
_NOT_RUN = re.compile(r"\(not run: ([^)]+)\)")
_EXIT = re.compile(r"#.*\bexit (\d+):")

_NO_NETWORK = '''"""Installed by tests/test_readme.py: the README's commands must not use the network."""
import socket

_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex


def _refuse(sock, address):
    if sock.family != getattr(socket, "AF_UNIX", None):
        raise OSError(f"network use refused by tests/test_readme.py: connect to {address!r}")


def connect(self, address):
    _refuse(self, address)
    return _connect(self, address)


def connect_ex(self, address):
    _refuse(self, address)
    return _connect_ex(self, address)


def getaddrinfo(host, *args, **kwargs):
    raise OSError(f"network use refused by tests/test_readme.py: look up {host!r}")


socket.socket.connect = connect
socket.socket.connect_ex = connect_ex
socket.getaddrinfo = getaddrinfo
'''


@dataclass(frozen=True)
class Block:
    """A fenced code block: its language, the README line of its first code line, its text."""

    language: str
    line: int
    text: str


@dataclass(frozen=True)
class Command:
    """One shell command of a block, with the exit code the README promises for it."""

    line: int
    text: str
    exit_code: int
    not_run: str | None


@dataclass
class Session:
    """What carries over from one block to the next: the folder, the environment, the namespace."""

    cwd: Path
    env: dict[str, str]
    namespace: dict[str, Any] = field(default_factory=dict)
    not_run: list[str] = field(default_factory=list)


def code_blocks(path: Path) -> list[Block]:
    """The fenced code blocks of a Markdown file, in order."""
    text = path.read_text(encoding="utf-8")
    blocks = []
    for m in _FENCE.finditer(text):
        line = text.count("\n", 0, m.start(2)) + 1
        blocks.append(Block(m.group(1).lower(), line, m.group(2)))
    return blocks


def shell_commands(block: Block) -> list[Command]:
    """The commands of a shell block: one a line (a trailing backslash continues it)."""
    commands: list[Command] = []
    pending = ""
    start = block.line
    for offset, raw in enumerate(block.text.splitlines()):
        if not pending:
            start = block.line + offset
        line = pending + (raw.lstrip() if pending else raw)
        if line.endswith("\\"):
            pending = line[:-1].rstrip() + " "
            continue
        pending = ""
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        reason = _NOT_RUN.search(stripped)
        code = _EXIT.search(stripped)
        commands.append(
            Command(start, stripped, int(code.group(1)) if code else 0, reason and reason.group(1))
        )
    return commands


def _command_name(command: Command) -> str:
    return command.text.split("#", 1)[0].strip()


def _shell_script(commands: list[Command], state: Path) -> str:
    lines = [
        "__readme_check() {",
        '  if [ "$1" != "$2" ]; then printf "\\n@@readme-exit %s@@\\n" "$1"; exit 97; fi',
        "}",
    ]
    for c in commands:
        lines += [
            f'printf "\\n@@readme-line {c.line}@@\\n"',
            c.text,
            f"__readme_check $? {c.exit_code}",
        ]
    lines += [f'pwd > "{state}/cwd"', f'env -0 > "{state}/env"']
    return "\n".join(lines) + "\n"


def run_shell(readme: Path, block: Block, session: Session, state: Path) -> None:
    """Run a shell block's commands; fail with the README line and the output of the first that
    exits with another code than the README says."""
    commands = []
    for c in shell_commands(block):
        if c.not_run:
            session.not_run.append(_command_name(c))
        else:
            commands.append(c)
    if not commands:
        return
    out = subprocess.run(
        ["bash", "--noprofile", "--norc", "-c", _shell_script(commands, state)],
        cwd=session.cwd,
        env=session.env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    if out.returncode != 0:
        *_, last = out.stdout.split("@@readme-line ")
        number, _, output = last.partition("@@\n")
        got = re.search(r"@@readme-exit (\d+)@@", output)
        command = next((c for c in commands if str(c.line) == number), commands[-1])
        pytest.fail(
            f"{readme.name} line {number}: `{command.text}` exited "
            f"{got.group(1) if got else out.returncode}, the README says {command.exit_code}.\n"
            f"--- output\n{output[-3000:]}\n--- standard error\n{out.stderr[-3000:]}",
            pytrace=False,
        )
    session.cwd = Path((state / "cwd").read_text(encoding="utf-8").strip())
    pairs = (
        item.partition("=") for item in (state / "env").read_text(encoding="utf-8").split("\0")
    )
    session.env = {k: v for k, _, v in pairs if k}


def _expectation(comment: str | None) -> tuple[bool, Any]:
    """``# -> 'plvc:x': commentary`` -> (True, 'plvc:x'); any other comment -> (False, None)."""
    if not comment or not comment.lstrip("# ").startswith("->"):
        return False, None
    text = comment.lstrip("# ")[2:].strip()
    for end in range(len(text), 0, -1):  # the longest prefix that is a Python literal
        try:
            return True, ast.literal_eval(text[:end])
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            continue
    raise AssertionError(f"'# -> {text}' does not start with a Python literal")


def run_python(readme: Path, block: Block, session: Session) -> None:
    """Run a Python block statement by statement; check each ``# -> VALUE`` expression."""
    tree = ast.parse(block.text, filename=str(readme))
    comments = {
        tok.start[0]: tok.string
        for tok in tokenize.generate_tokens(io.StringIO(block.text).readline)
        if tok.type == tokenize.COMMENT
    }
    ast.increment_lineno(tree, block.line - 1)
    for node in tree.body:
        end = (node.end_lineno or node.lineno) - block.line + 1
        expected, value = _expectation(comments.get(end))
        if not expected:
            exec(compile(ast.Module([node], []), str(readme), "exec"), session.namespace)
            continue
        assert isinstance(node, ast.Expr), (
            f"{readme.name} line {node.lineno}: '# ->' needs an expression"
        )
        got = eval(compile(ast.Expression(node.value), str(readme), "eval"), session.namespace)
        assert got == value, f"{readme.name} line {node.lineno}: {got!r}, the README says {value!r}"


def _clone(tmp: Path) -> Path:
    """A temporary stand-in for a fresh clone after ``make demo``: examples and ``.venv``."""
    clone = tmp / "clone"
    clone.mkdir()
    shutil.copytree(ROOT / "examples", clone / "examples")
    venv = Path(sys.prefix)
    assert (venv / "bin" / "activate").is_file() and (venv / "bin" / "pl-vocab").is_file(), (
        f"run the tests in the project environment (make setup): {venv} has no bin/pl-vocab"
    )
    (clone / ".venv").symlink_to(venv, target_is_directory=True)
    return clone


def _environment(tmp: Path, *, with_pl_vocab: bool) -> dict[str, str]:
    guard = tmp / "no-network"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(_NO_NETWORK, encoding="utf-8")
    (tmp / "tmp").mkdir()
    (tmp / "home").mkdir()
    path = "/usr/bin:/bin"
    if with_pl_vocab:
        path = f"{Path(sys.prefix) / 'bin'}:{path}"
    return {  # nothing else: no proxy variables, no uv, no user configuration
        "PATH": path,
        "HOME": str(tmp / "home"),
        "TMPDIR": str(tmp / "tmp"),
        "LANG": "C.UTF-8",
        "COLUMNS": "100",
        "NO_COLOR": "1",
        "PYTHONIOENCODING": "utf-8",
        "PYTHONPATH": str(guard),
    }


def run_markdown(readme: Path, tmp: Path, monkeypatch: pytest.MonkeyPatch, **env: bool) -> Session:
    """Run every code block of ``readme`` in order; return the session as the last block left it."""
    clone = _clone(tmp)
    state = tmp / "state"
    state.mkdir()
    session = Session(clone, _environment(tmp, **env))
    for block in code_blocks(readme):
        if block.language in SHELL:
            run_shell(readme, block, session, state)
        elif block.language in PYTHON:
            monkeypatch.chdir(session.cwd)
            run_python(readme, block, session)
        else:
            assert block.language in SHOWN_ONLY, (
                f"{readme.name} line {block.line}: a code block in {block.language or 'no language'}"
                f" is neither run nor marked as output; use one of {sorted(SHELL | PYTHON | SHOWN_ONLY)}"
            )
    return session


# ------------------------------------------------------------------------------------ tests
@pytest.mark.slow  # about 25 commands, 20 s on two cores: `make test` runs it, `make test-fast` not
def test_readme_runs_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    session = run_markdown(README, tmp_path, monkeypatch, with_pl_vocab=False)
    assert {("README.md", name) for name in session.not_run} == NOT_RUN
    # the tour worked in a scratch folder: nothing was written into the clone
    assert sorted(p.name for p in (tmp_path / "clone").iterdir()) == [".venv", "examples"]
    assert session.cwd.is_relative_to(tmp_path / "tmp"), session.cwd
    written = (
        "report.json",
        "report.html",
        "mappings.sssom.tsv",
        "records.jsonld",
        "vocabulary.ttl",
    )
    for name in (*written, "shareable.jsonld"):
        assert (session.cwd / name).stat().st_size > 0, name
    shared = (session.cwd / "shareable.jsonld").read_text(encoding="utf-8")
    assert "Lin tested four bridge designs" not in shared, "the redacted batch keeps a narrative"


@pytest.mark.parametrize("readme", EXAMPLE_READMES, ids=lambda p: p.parent.name)
def test_example_readme_runs_as_written(
    readme: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = run_markdown(readme, tmp_path, monkeypatch, with_pl_vocab=True)
    assert session.not_run == []


def test_every_readme_code_block_is_run_or_marked() -> None:
    blocks = code_blocks(README)
    assert {b.language for b in blocks} <= SHELL | PYTHON
    commands = [c for b in blocks if b.language in SHELL for c in shell_commands(b)]
    assert not [c for c in commands if c.text.startswith("uv ")], "uv is not on a newcomer's PATH"
    assert {("README.md", _command_name(c)) for c in commands if c.not_run} == NOT_RUN
    assert [c.text for c in commands if c.exit_code == 1], "the checks with findings say exit 1"


def test_readme_names_no_placeholder_files() -> None:
    text = README.read_text(encoding="utf-8")
    for placeholder in ("batch.ndjson", "roster.ndjson", "my-glossary"):
        assert not re.search(rf"(?<![\w-]){re.escape(placeholder)}", text), placeholder
    for path in re.findall(r"examples/[\w./-]+\.\w+", text):
        assert (ROOT / path).is_file(), f"README.md names {path}, which does not exist"


@pytest.mark.parametrize(
    ("comment", "expected"),
    [
        ("# -> 'plvc:x'", (True, "plvc:x")),
        ("# -> ['plvc:equality']: never the same", (True, ["plvc:equality"])),
        ("# -> (158, 132): commentary", (True, (158, 132))),
        ("# -> True (the same Report)", (True, True)),
        ("# a plain comment", (False, None)),
        (None, (False, None)),
    ],
)
def test_expectation_marks(comment: str | None, expected: tuple[bool, Any]) -> None:
    assert _expectation(comment) == expected


def test_exit_and_not_run_marks() -> None:
    block = Block(
        "bash",
        10,
        "pl-vocab check g.csv   # exit 1: findings\n"
        "# a comment line\n"
        "pip install x   # from an index (not run: needs the network)\n"
        "pl-vocab concept \\\n  PBL   # ambiguous\n",
    )
    assert shell_commands(block) == [
        Command(10, "pl-vocab check g.csv   # exit 1: findings", 1, None),
        Command(
            12,
            "pip install x   # from an index (not run: needs the network)",
            0,
            "needs the network",
        ),
        Command(13, "pl-vocab concept PBL   # ambiguous", 0, None),
    ]


def test_shell_lines_cannot_reach_the_network(tmp_path: Path) -> None:
    env = _environment(tmp_path, with_pl_vocab=True)
    code = "import socket; socket.create_connection(('192.0.2.1', 80), timeout=1)"
    out = subprocess.run(
        [str(Path(sys.prefix) / "bin" / "python"), "-c", code],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode != 0 and "network use refused" in out.stderr, out.stderr
    assert not any("proxy" in k.lower() for k in env)


def test_a_wrong_exit_code_fails_with_the_readme_line(tmp_path: Path) -> None:
    session = Session(tmp_path, _environment(tmp_path, with_pl_vocab=True))
    (tmp_path / "state").mkdir()
    block = Block("bash", 7, "true\nfalse   # says nothing, so it must exit 0\n")
    with pytest.raises(pytest.fail.Exception, match=r"README.md line 8: `false .*` exited 1"):
        run_shell(README, block, session, tmp_path / "state")


# ---------------------------------------------------------------------------------- Makefile
def _makefile_targets() -> set[str]:
    """The targets a person runs: every rule name in the Makefile that is not a file path."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    rules = re.findall(r"^([A-Za-z][\w-]*)\s*:(?!=)", text, flags=re.MULTILINE)
    return set(rules)


def test_make_help_lists_every_target() -> None:
    targets = _makefile_targets()
    assert {"help", "demo", "test", "test-fast", "lint", "wheel-check"} <= targets
    phony = re.search(r"^\.PHONY:(.*)$", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M)
    assert phony and set(phony.group(1).split()) == targets, "every target is .PHONY"
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    out = subprocess.run(
        [make, "--no-print-directory", "-s", "help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin"},
    )
    listed = set(re.findall(r"^make ([\w-]+)\s", out.stdout, flags=re.MULTILINE))
    assert listed == targets, f"missing from make help: {sorted(targets - listed)}"


def test_make_test_fast_deselects_slow_and_make_test_runs_everything() -> None:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    fast = re.search(r"^test-fast:.*\n\t(.*)$", text, re.M)
    full = re.search(r"^pytest:.*\n\t(.*)$", text, re.M)
    assert fast and '-m "not slow"' in fast.group(1)
    assert full and "-m" not in full.group(1).split()
    assert re.search(r"^test: setup lint typecheck pytest$", text, re.M)
