#!/usr/bin/env bash
# Build the wheel, install it into a clean virtual environment OUTSIDE the source tree, and check
# that the models import, the vocabulary loads and the command runs from the installed files only.
set -euo pipefail
UV="${1:-uv}"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$UV" build --wheel --out-dir "$work/dist" "$root" >/dev/null
wheel=$(ls "$work"/dist/*.whl)
echo "built $(basename "$wheel")"
python3 - "$wheel" <<'PY'
import sys, zipfile
names = set(zipfile.ZipFile(sys.argv[1]).namelist())
need = ["pl_vocab/py.typed", "pl_vocab/_generated/models.py", "pl_vocab/_generated/schema.json",
        "pl_vocab/_generated/context.jsonld", "pl_vocab/_generated/shapes.ttl",
        "pl_vocab/_generated/vocabulary.json", "pl_vocab/_generated/schema_index.json",
        "pl_vocab/_generated/schema/pl_vocab.yaml", "pl_vocab/_generated/schema/vocabulary/scheme.yaml",
        "pl_vocab/examples/records/lincoln-middle-school-records.yaml",
        "pl_vocab/examples/records/alder-creek-roster.ndjson",
        "pl_vocab/examples/records/alder-creek-batch.ndjson",
        "pl_vocab/examples/glossaries/riverbend-usd-glossary.csv",
        "pl_vocab/examples/glossaries/pine-hollow-sd-glossary.csv"]
missing = [n for n in need if n not in names]
assert not missing, f"wheel lacks {missing}"
assert not any(n.startswith(("tests/", "tools/")) for n in names), "wheel ships tests or tools"
print(f"wheel holds {len(names)} files, schema, vocabulary and examples included")
PY
"$UV" venv --quiet --python 3.11 "$work/venv"
"$UV" pip install --quiet --python "$work/venv/bin/python" "$wheel"
cd "$work"   # outside the source tree: nothing can be imported from it by accident
"$work/venv/bin/python" - <<'PY'
import pl_vocab, pathlib, sys
assert "site-packages" in pl_vocab.__file__, pl_vocab.__file__
from pl_vocab.models import NarrativeAssessment, Concept
vocab = pl_vocab.load_vocabulary()
active = vocab.active_concepts()
assert len(active) >= 90, len(active)
a = NarrativeAssessment(id="urn:uuid:1", learner="plv:l1", narrative="Reads with expression.",
                        language="en", author="plv:t1", author_role="teacher",
                        assessed_at="2026-03-04T10:15:00-06:00")
print(f"installed pl_vocab {pl_vocab.__version__} from {pathlib.Path(pl_vocab.__file__).parent}")
print(f"vocabulary {vocab.version}: {len(active)} active concepts, {len(vocab.core_concepts())} core")
for mod in ("linkml", "linkml_runtime"):
    assert mod not in sys.modules, f"{mod} was imported"
PY
"$work/venv/bin/pl-vocab" concept "unfinished learning" --lang es
# the tour, from a folder with no examples in it: it uses the ones shipped in the wheel, writes nothing
mkdir "$work/elsewhere" && cd "$work/elsewhere"
COLUMNS=200 "$work/venv/bin/pl-vocab" tour > "$work/tour.txt" || { cat "$work/tour.txt"; echo "the tour failed"; exit 1; }
grep -q "example files valid" "$work/tour.txt" && grep -q "site-packages/pl_vocab/examples/records" "$work/tour.txt" \
  || { cat "$work/tour.txt"; echo "the tour did not check the shipped examples"; exit 1; }
test -z "$(ls -A "$work/elsewhere")" || { ls -A "$work/elsewhere"; echo "the tour wrote files"; exit 1; }
echo "tour from $(pwd): $(tail -n 1 "$work/tour.txt")"
echo "wheel check passed"
