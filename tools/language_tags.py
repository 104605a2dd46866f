"""Generate ``src/pl_vocab/language_subtags.py`` from the IANA Language Subtag Registry.

The build input is the copy of the registry shipped as data by the PyPI package
``language-tags`` (a development dependency; the runtime never imports it). The output is a
small Python module of frozensets and dicts that :mod:`pl_vocab.langtag` reads.

Usage (from the repository root):

    uv run python -m tools.language_tags           # write src/pl_vocab/language_subtags.py
    uv run python -m tools.language_tags --check   # exit 1 if the committed file is out of date

Nothing is fetched from the network: to take a newer registry, upgrade ``language-tags`` in
``uv.lock`` and regenerate.
"""

from __future__ import annotations

import argparse
import json
import string
import sys
import textwrap
from collections.abc import Iterable
from importlib import metadata, resources
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "src" / "pl_vocab" / "language_subtags.py"
COMMAND = "uv run python -m tools.language_tags"
_WIDTH = 88


def _registry() -> tuple[list[dict[str, Any]], str, str]:
    """The registry's records, its File-Date, and the version of the package that ships it."""
    data = resources.files("language_tags").joinpath("data", "json")
    records: list[dict[str, Any]] = json.loads(
        data.joinpath("registry.json").read_text(encoding="utf-8")
    )
    meta = json.loads(data.joinpath("meta.json").read_text(encoding="utf-8"))
    return records, str(meta["File-Date"]), metadata.version("language-tags")


def _expand_range(subtag: str) -> list[str]:
    """``QM..QZ`` as ``[QM, QN, ..., QZ]`` (the registry's private-use ranges); one code as
    itself. Only 2-letter ranges are expanded; a longer one (``qaa..qtz``) is returned whole."""
    if ".." not in subtag:
        return [subtag]
    start, end = subtag.split("..")
    if len(start) != 2:
        return [subtag]
    if start[0] != end[0]:
        raise ValueError(f"unexpected range {subtag!r} in the registry")
    letters = string.ascii_uppercase if start.isupper() else string.ascii_lowercase
    return [start[0] + c for c in letters[letters.index(start[1]) : letters.index(end[1]) + 1]]


def _two_letter(records: Iterable[dict[str, Any]], kind: str) -> tuple[set[str], dict[str, str]]:
    """The 2-letter subtags of ``kind`` in use, and the deprecated ones with their preferred
    value ("" where the registry gives none)."""
    current: set[str] = set()
    deprecated: dict[str, str] = {}
    for r in records:
        if r["Type"] != kind:
            continue
        for code in _expand_range(r["Subtag"]):
            if len(code) != 2 or not code.isalpha():
                continue
            if "Deprecated" in r:
                deprecated[code] = r.get("Preferred-Value", "")
            else:
                current.add(code)
    return current, deprecated


def _words(name: str, doc: str, codes: Iterable[str]) -> str:
    body = textwrap.fill(
        " ".join(sorted(codes)),
        _WIDTH,
        initial_indent="    ",
        subsequent_indent="    ",
        break_long_words=False,
        break_on_hyphens=False,
    )
    return f'{name}: Final = frozenset(\n    """\n{body}\n    """.split()\n)\n"""{doc}"""\n'


def _mapping(name: str, doc: str, pairs: dict[str, str]) -> str:
    items = "".join(f'    "{k}": "{v}",\n' for k, v in sorted(pairs.items()))
    return f"{name}: Final[dict[str, str]] = {{\n{items}}}\n" + f'"""{doc}"""\n'


def render() -> str:
    """The text of the generated module."""
    records, file_date, version = _registry()
    languages, deprecated_languages = _two_letter(records, "language")
    regions, deprecated_regions = _two_letter(records, "region")
    grandfathered = {r["Tag"].lower() for r in records if r["Type"] == "grandfathered"}
    scripts = {
        code
        for r in records
        if r["Type"] == "script" and ".." not in r["Subtag"]
        for code in [r["Subtag"].lower()]
    }
    parts = [
        "# ruff: noqa: SIM905\n"
        '"""Tables of the IANA Language Subtag Registry for :mod:`pl_vocab.langtag`.\n\n'
        "Generated, do not edit: written by ``tools/language_tags.py`` from the registry copy\n"
        f"shipped by language-tags {version} (registry File-Date {file_date}).\n"
        f"Regenerate with ``{COMMAND}``.\n"
        '"""\n\n'
        "from __future__ import annotations\n\n"
        "from typing import Final",
        f'FILE_DATE: Final = "{file_date}"\n"""The File-Date of the registry these tables come from."""\n',
        _words(
            "LANGUAGES_2",
            "The 2-letter language subtags in use (lowercase).",
            languages,
        ),
        _mapping(
            "DEPRECATED_LANGUAGES_2",
            'Deprecated 2-letter language subtags -> their Preferred-Value ("" if none).',
            deprecated_languages,
        ),
        _words(
            "REGIONS_2",
            "The 2-letter region subtags in use (uppercase), private-use ranges expanded.",
            regions,
        ),
        _mapping(
            "DEPRECATED_REGIONS_2",
            'Deprecated 2-letter region subtags -> their Preferred-Value ("" if none).',
            deprecated_regions,
        ),
        _words(
            "SCRIPTS",
            "The script subtags (lowercase), without the private-use range Qaaa..Qabx.",
            scripts,
        ),
        _words(
            "GRANDFATHERED",
            "The grandfathered tags of RFC 5646 section 2.2.8 (lowercase), valid as whole tags.",
            grandfathered,
        ),
    ]
    return "\n\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    """Write the module, or with ``--check`` compare it with the committed one."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check", action="store_true", help="fail if the committed file is out of date"
    )
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            print(
                f"{OUTPUT.relative_to(ROOT)} is out of date with the IANA registry shipped by "
                f"language-tags: run `{COMMAND}`.",
                file=sys.stderr,
            )
            return 1
        return 0
    OUTPUT.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
