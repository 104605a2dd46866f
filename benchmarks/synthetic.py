"""Synthetic pl_vocab records for benchmarks: realistic shapes, deterministic, any size."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

BASE = "https://district.example.org"


def record(i: int) -> dict[str, Any]:
    """The i-th record of a mixed stream: 70% NarrativeAssessment with 2 inlined Evidence, 10%
    each Learner, Competency and LearnerGoal. Plain JSON with a ``type`` key."""
    kind = i % 10
    if kind == 7:
        return {
            "type": "Learner",
            "id": f"{BASE}/learners/{i}",
            "name": f"Learner {i}",
            "grade_level": str(6 + i % 3),
            "organization": "Lincoln Middle School",
        }
    if kind == 8:
        return {
            "type": "Competency",
            "id": f"{BASE}/competencies/{i}",
            "code": f"SCI.7.{i}",
            "statement_text": "Develops and uses models to explain how a natural system works.",
            "framework": f"{BASE}/frameworks/science-7",
            "tagged_concepts": ["plvc:competency"],
        }
    if kind == 9:
        return {
            "type": "LearnerGoal",
            "id": f"{BASE}/goals/{i}",
            "learner": f"{BASE}/learners/{i - 2}",
            "statement": "Explain my model to my family in two languages.",
            "language": "en",
            "success_criteria": ["My family can retell it"],
            "goal_status": "active",
            "asserted_by": f"{BASE}/learners/{i - 2}",
            "asserter_role": "learner",
            "asserted_at": "2026-02-20T09:05:00-06:00",
        }
    return {
        "type": "NarrativeAssessment",
        "id": f"{BASE}/assessments/{i}",
        "learner": f"{BASE}/learners/{i % 997}",
        "narrative": f"Ana explained her water-cycle model ({i}) and connected it to the rain in her grandmother's town.",
        "language": "en" if i % 2 else "es",
        "author": f"{BASE}/staff/{i % 31}",
        "author_role": "teacher",
        "assessed_at": "2026-03-04T10:15:00-06:00",
        "related_competencies": [f"{BASE}/competencies/{i % 53}"],
        "strengths_observed": ["Explains cause and effect clearly"],
        "next_steps": ["Show where energy enters the model"],
        "evidence": [
            {
                "id": f"{BASE}/evidence/{i}-a",
                "description": "Stop-motion video of the model",
                "media_type": "video/mp4",
                "created_at": "2026-03-02T14:00:00-06:00",
            },
            {
                "id": f"{BASE}/evidence/{i}-b",
                "description": "Photo of the model",
                "url": f"{BASE}/files/{i}.jpg",
                "media_type": "image/jpeg",
            },
        ],
    }


def records(n: int) -> Iterator[dict[str, Any]]:
    for i in range(n):
        yield record(i)


def write_ndjson(path: str, n: int) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for r in records(n):
            f.write(json.dumps(r) + "\n")
