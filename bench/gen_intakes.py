"""Deterministic random intakes for benchmarks (no Hypothesis: same cases every run)."""

from __future__ import annotations

import random
from typing import Any

from unknot.knowledge import load_knowledge


def make_intakes(count: int, seed: int = 7) -> list[dict[str, Any]]:
    kb = load_knowledge()
    rng = random.Random(seed)
    regions, props, conditions = sorted(kb.regions), sorted(kb.props), sorted(kb.conditions)
    findings = sorted(kb.findings)
    quiet = [f for f in findings if kb.findings[f].kind.value != "red_flag"]
    cases = []
    for _ in range(count):
        pool = findings if rng.random() < 0.2 else quiet
        cases.append(
            {
                "age": rng.randint(16, 90),
                "duration_weeks": rng.choice([None, 1, 3, 8, 26, 104]),
                "pain": [
                    {
                        "region": rng.choice(regions),
                        "side": rng.choice(["left", "right", "both", "center"]),
                        "intensity": rng.randint(1, 10),
                    }
                    for _ in range(rng.randint(1, 4))
                ],
                "findings": rng.sample(pool, rng.randint(0, 6)),
                "conditions": rng.sample(conditions, rng.choice([0, 0, 0, 1, 2])),
                "cleared_by_clinician": rng.random() < 0.5,
                "props": rng.sample(props, rng.randint(0, 5)),
                "minutes": rng.choice([5, 10, 15, 20, 30, 45]),
                "floor_ok": rng.random() < 0.8,
            }
        )
    for case in cases:
        if case["duration_weeks"] is None:
            del case["duration_weeks"]
    return cases
