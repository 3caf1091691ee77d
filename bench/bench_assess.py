"""Throughput of the clinical core and of `unknot assess --json` on JSON Lines.

Run: .venv/bin/python bench/bench_assess.py [--count 10000]
Prints knowledge-base load time, screening+triage intakes per second on one core (parse
included and excluded), assess plus plan per second, and the JSON Lines throughput of the CLI
(which now plans too) as a whole process.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from gen_intakes import make_intakes
from unknot.clinical import assess, parse_intake
from unknot.knowledge import load_knowledge_from
from unknot.knowledge.loader import DATA_DIR
from unknot.planning import answer


def best_of(runs: int, fn: object) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=10_000)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {0})  # one core

    load = best_of(5, lambda: load_knowledge_from(DATA_DIR))
    print(f"knowledge base load (cold parse + checks): {load * 1000:.1f} ms (best of 5)")

    kb = load_knowledge_from(DATA_DIR)
    cases = make_intakes(args.count)
    parsed = [parse_intake(c, kb) for c in cases]
    t_full = best_of(3, lambda: [assess(parse_intake(c, kb), kb) for c in cases])
    t_core = best_of(3, lambda: [assess(i, kb) for i in parsed])
    print(f"parse + screening + triage: {len(cases) / t_full:,.0f} intakes/s on one core")
    print(f"screening + triage only:    {len(cases) / t_core:,.0f} intakes/s on one core")
    t_plan = best_of(3, lambda: [answer(parse_intake(c, kb), kb) for c in cases])
    print(f"parse + assess + plan:      {len(cases) / t_plan:,.0f} intakes/s on one core")

    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as handle:
        for case in cases:
            handle.write(json.dumps(case) + "\n")
        path = handle.name
    unknot = Path(sys.executable).parent / "unknot"
    start = time.perf_counter()
    done = subprocess.run(
        [str(unknot), "assess", "--json", path], capture_output=True, text=True, check=False
    )
    elapsed = time.perf_counter() - start
    lines = done.stdout.count("\n")
    os.unlink(path)
    print(
        f"unknot assess --json, {lines:,} JSON Lines: {elapsed:.2f} s, "
        f"{lines / elapsed:,.0f} intakes/s (whole process, exit {done.returncode})"
    )


if __name__ == "__main__":
    main()
