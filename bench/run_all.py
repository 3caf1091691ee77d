"""Run every benchmark in this folder, one after another, and print their figures.

python bench/run_all.py           # all of them (a few minutes)
python bench/run_all.py --quick   # only bench_serve.py --quick (about two minutes)
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent

if "--quick" in sys.argv[1:]:
    subprocess.run([sys.executable, str(HERE / "bench_serve.py"), "--quick"], check=True)
    sys.exit(0)
for script in sorted(HERE.glob("bench_*.py")):
    print(f"== {script.name}", flush=True)
    subprocess.run([sys.executable, str(script)], check=True)
