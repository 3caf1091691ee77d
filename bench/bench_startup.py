"""Start-up time of `unknot library techniques` (whole process, output to a pipe).

Run: .venv/bin/python bench/bench_startup.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path


def main() -> None:
    unknot = Path(sys.executable).parent / "unknot"
    runs = []
    for _ in range(10):
        start = time.perf_counter()
        subprocess.run([str(unknot), "library", "techniques"], capture_output=True, check=True)
        runs.append(time.perf_counter() - start)
    print(
        f"unknot library techniques: median {statistics.median(runs) * 1000:.0f} ms, "
        f"best {min(runs) * 1000:.0f} ms over {len(runs)} runs"
    )


if __name__ == "__main__":
    main()
