"""unknot's main pages against a one-query Django floor, under the same production server.

Starts, on 127.0.0.1 only, a minimal Django project (``floor.py``: one view returning a string,
one doing one SQLite query) and ``unknot serve --production``, both gunicorn with the same number
of workers, then measures them interleaved (round after round, each target in turn) with wrk at 8
and 32 connections: requests a second, p50, p99, and each page's share of the one-query floor.
Then the diary and the exports at 1,000, 10,000 and 100,000 entries (one request at a time), the
command line's start-up and the core's intakes a second. Run by hand or by ``make bench``:

    python bench/bench_serve.py [--quick] [--seconds 5] [--rounds 2] [--src DIR]

``--src DIR`` runs another checkout's ``src`` (PYTHONPATH) with this venv: a "before" figure in
the same run of the machine, e.g. ``git worktree add /tmp/base api`` then ``--src /tmp/base/src``.
The load average is printed with the figures: on a busy machine they are noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from floor import write_floor

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
HTTPS = {"X-Forwarded-Proto": "https"}  # from 127.0.0.1, a trusted proxy: no redirect to HTTPS


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def load() -> str:
    return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def wait_for(url: str, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            request = urllib.request.Request(url, headers=HTTPS)  # noqa: S310 (127.0.0.1)
            with urllib.request.urlopen(request, timeout=2):  # noqa: S310 (127.0.0.1)
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"nothing answered at {url} within {seconds:.0f} s")


def get(url: str, cookie: str = "") -> tuple[float, int]:
    """Seconds for one whole answer, and its size in bytes."""
    headers = {**HTTPS, "Cookie": cookie} if cookie else HTTPS
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (127.0.0.1)
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310 (127.0.0.1)
        size = len(response.read())
    return time.perf_counter() - start, size


def wrk(url: str, cookie: str, connections: int, seconds: int) -> dict[str, float]:
    headers = ["-H", "X-Forwarded-Proto: https"] + (["-H", f"Cookie: {cookie}"] if cookie else [])
    threads = min(2, connections)
    done = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", *headers, url],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    out = done.stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    return {
        "rps": rps,
        "p50": _ms(re.search(r"50%\s+([\d.]+\w+)", out).group(1)),  # type: ignore[union-attr]
        "p99": _ms(re.search(r"99%\s+([\d.]+\w+)", out).group(1)),  # type: ignore[union-attr]
        "bad": float(bad.group(1)) if bad else 0.0,
        "socket_errors": 1.0 if errors and "timeout 0" not in errors.group(1) else 0.0,
    }


def _ms(text: str) -> float:
    number, unit = re.match(r"([\d.]+)(\w+)", text).groups()  # type: ignore[union-attr]
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def start(args: list[str], env: dict[str, str], url: str) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)  # fmt: skip
    wait_for(url)
    return proc


def stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2 s a target, one round, 10k max")
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--workers", type=int, default=0, help="default: unknot's (2 a core + 1)")
    parser.add_argument("--src", type=Path, help="run this checkout's src instead (PYTHONPATH)")
    parser.add_argument("--skip-web", action="store_true")
    args = parser.parse_args()
    if args.quick:
        args.seconds, args.rounds = 2, 1
    if shutil.which("wrk") is None:
        raise SystemExit("this benchmark needs wrk (apt-get install wrk)")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("UNKNOT_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    if args.src:
        env["PYTHONPATH"] = str(args.src.resolve())
    print(f"unknot from {args.src or ROOT / 'src'}; {load()}", flush=True)
    if not args.skip_web:
        web(args, env)
    cli(env)
    core(env)


def web(args: argparse.Namespace, env: dict[str, str]) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    from unknot.web.server import default_workers

    workers = args.workers or default_workers()
    folder = Path(tempfile.mkdtemp(prefix="unknot-bench-serve-"))
    home = folder / "home"
    unknot_env = {
        **env, "UNKNOT_HOME": str(home), "UNKNOT_PRODUCTION": "1",
        "UNKNOT_SECRET_KEY": secrets.token_urlsafe(50),
        "UNKNOT_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "UNKNOT_WORKERS": str(workers), "XDG_CACHE_HOME": str(folder / "cache"),
    }  # fmt: skip
    sizes = [1000, 10_000] if args.quick else [1000, 10_000, 100_000]
    began = time.perf_counter()
    setup = subprocess.run(
        [sys.executable, str(HERE / "serve_setup.py"), *map(str, sizes)],
        env=unknot_env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    people = json.loads(setup.stdout)
    print(f"database filled in {time.perf_counter() - began:.0f} s "
          f"(people with {', '.join(str(s) for s in sizes)} entries)", flush=True)  # fmt: skip
    name = people["cookie"]
    person = people["people"][0]
    cookie = f"{name}={person['session']}"
    visitor = f"{name}={people['visitor']}"
    floor_port, port = free_port(), free_port()
    write_floor(folder / "floor")
    floor_env = {**env, "PYTHONPATH": str(folder / "floor")}
    floor = start([str(BIN / "gunicorn"), "floorproject.wsgi", "-w", str(workers), "-b",
                   f"127.0.0.1:{floor_port}", "--log-level", "warning"], floor_env,
                  f"http://127.0.0.1:{floor_port}/text")  # fmt: skip
    app = start([str(BIN / "unknot"), "serve", "--production", "--port", str(port)], unknot_env,
                f"http://127.0.0.1:{port}/healthz")  # fmt: skip
    try:
        floor_url, url = f"http://127.0.0.1:{floor_port}", f"http://127.0.0.1:{port}"
        plan = person["plan"]
        targets = {
            "floor: a string": (f"{floor_url}/text", ""),
            "floor: one query": (f"{floor_url}/query", ""),
            "home /": (f"{url}/", ""),
            "body map /start/where/": (f"{url}/start/where/", ""),
            "results (visitor) /results/": (f"{url}/results/", visitor),
            "results /plans/N/": (f"{url}/plans/{plan}/", cookie),
            "player /plans/N/session/": (f"{url}/plans/{plan}/session/", cookie),
            f"diary /diary/ ({sizes[0]:,} entries)": (f"{url}/diary/", cookie),
        }
        for target, cookie_of in targets.values():  # check every answer, then warm every
            get(target, cookie_of)  # worker: each process keeps its own pictures and answers
            wrk(target, cookie_of, workers * 2, 1)
        pages(targets, args)
        diary_sizes(url, name, people["people"])
    finally:
        stop(app)
        stop(floor)
        shutil.rmtree(folder, ignore_errors=True)


def pages(targets: dict[str, tuple[str, str]], args: argparse.Namespace) -> None:
    results: dict[tuple[str, int], list[dict[str, float]]] = {}
    for connections in (8, 32):
        for _ in range(args.rounds):
            for name, (target, cookie) in targets.items():
                results.setdefault((name, connections), []).append(
                    wrk(target, cookie, connections, args.seconds)
                )
    print(f"\nwrk, {args.seconds} s a target, {args.rounds} round(s) interleaved, medians; "
          f"{load()}")  # fmt: skip
    for connections in (8, 32):
        floor = statistics.median(r["rps"] for r in results[("floor: one query", connections)])
        print(f"\n{connections} connections{'':20} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} "
              f"{'of floor':>9}")  # fmt: skip
        for name in targets:
            runs = results[(name, connections)]
            rps = statistics.median(r["rps"] for r in runs)
            p50 = statistics.median(r["p50"] for r in runs)
            p99 = statistics.median(r["p99"] for r in runs)
            flags = " (errors!)" if any(r["bad"] or r["socket_errors"] for r in runs) else ""
            print(f"{name:40} {rps:8.0f} {p50:8.1f} {p99:8.1f} {rps / floor:8.0%}{flags}")


def diary_sizes(url: str, name: str, people: list[dict[str, object]]) -> None:
    print(f"\none request at a time, median of 5 (after one to warm); {load()}")
    print(f"{'entries':>8} {'diary ms':>9} {'export.json ms':>15} {'KB':>7} {'export.csv ms':>14}")
    for person in people:
        cookie = f"{name}={person['session']}"
        row = []
        for path in ("/diary/", "/account/export.json", "/account/export.csv"):
            get(url + path, cookie)
            runs = [get(url + path, cookie) for _ in range(5)]
            row.append((statistics.median(t for t, _ in runs) * 1000, runs[0][1]))
        print(f"{person['entries']:8,} {row[0][0]:9.1f} {row[1][0]:15.1f} "
              f"{row[1][1] / 1024:7.0f} {row[2][0]:14.1f}")  # fmt: skip


def cli(env: dict[str, str]) -> None:
    folder = tempfile.mkdtemp(prefix="unknot-bench-cli-")
    cli_env = {**env, "UNKNOT_HOME": folder, "XDG_CACHE_HOME": f"{folder}/cache"}
    print(f"\ncommand line, whole process, median of 10 (one run first to warm); {load()}")
    for command in (["python", "-c", "pass"], ["unknot", "--help"],
                    ["unknot", "library", "techniques"]):  # fmt: skip
        program = [sys.executable, *command[1:]] if command[0] == "python" else [
            str(BIN / "unknot"), *command[1:]]  # fmt: skip
        subprocess.run(program, env=cli_env, capture_output=True, check=True)
        runs = []
        for _ in range(10):
            began = time.perf_counter()
            subprocess.run(program, env=cli_env, capture_output=True, check=True)
            runs.append(time.perf_counter() - began)
        print(f"{' '.join(command):28} {statistics.median(runs) * 1000:6.0f} ms "
              f"(best {min(runs) * 1000:.0f} ms)")  # fmt: skip
    shutil.rmtree(folder, ignore_errors=True)


CORE = """
import os, sys, time
sys.path.insert(0, {here!r})
os.sched_setaffinity(0, {{0}})
from gen_intakes import make_intakes
from unknot.clinical import parse_intake
from unknot.knowledge import load_knowledge
from unknot.planning import answer
kb = load_knowledge()
cases = make_intakes(3000)
best = min(
    (lambda t: ([answer(parse_intake(c, kb), kb) for c in cases], time.perf_counter() - t)[1])(
        time.perf_counter())
    for _ in range(3)
)
print(f"parse + assess + plan: {{len(cases) / best:,.0f}} intakes/s on one core (best of 3)")
"""


def core(env: dict[str, str]) -> None:
    print(f"\ncore, 3,000 generated intakes; {load()}")
    subprocess.run([sys.executable, "-c", CORE.format(here=str(HERE))], env=env, check=True)


if __name__ == "__main__":
    main()
