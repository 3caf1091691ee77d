"""`unknot session` for real, in a terminal: tmux runs it, sends keys and reads the screen back."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from unknot.cli.session_view import mmss
from unknot.clinical import parse_intake
from unknot.knowledge import load_knowledge
from unknot.planning import answer
from unknot.planning.timeline import build_timeline

UNKNOT = Path(sys.executable).parent / "unknot"
INTAKE = Path(__file__).resolve().parent.parent / "examples" / "intake.json"


def _timeline() -> tuple[int, str]:
    """The example session's step count and total time, as the player shows them."""
    kb = load_knowledge()
    routine = answer(parse_intake(json.loads(INTAKE.read_text()), kb), kb).routine
    assert routine is not None
    steps = build_timeline(routine, kb)
    return len(steps), mmss(sum(step.seconds for step in steps))


COUNT, TOTAL = _timeline()


class Tmux:
    """One detached tmux session on a private server, so a person's own tmux is never touched."""

    def __init__(self, name: str) -> None:
        self.base = ["tmux", "-L", name, "-f", "/dev/null"]
        self.name = name

    def start(self, command: str) -> None:
        args = ["new-session", "-d", "-s", self.name, "-x", "100", "-y", "40", command]
        subprocess.run([*self.base, *args], check=True, timeout=10)

    def send(self, *keys: str) -> None:
        subprocess.run([*self.base, "send-keys", "-t", self.name, *keys], check=True, timeout=10)

    def screen(self) -> str:
        done = subprocess.run(
            [*self.base, "capture-pane", "-p", "-t", self.name],
            capture_output=True,
            text=True,
            timeout=10,
        )
        return done.stdout

    def wait_for(self, seen: Callable[[str], bool], timeout: float = 8.0) -> str:
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if seen(screen):
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"the screen never showed what was expected:\n{screen}")
            time.sleep(0.05)

    def kill(self) -> None:
        subprocess.run([*self.base, "kill-server"], capture_output=True, timeout=10)


@pytest.fixture
def tmux() -> Iterator[Tmux]:
    if shutil.which("tmux") is None:
        if os.environ.get("CI"):
            pytest.fail("tmux is not installed, and CI must run this test (apt-get install tmux)")
        pytest.skip("tmux is not installed (apt-get install tmux to run this test)")
    session = Tmux(f"unknot-test-{os.getpid()}")
    try:
        yield session
    finally:
        session.kill()


def step_number(screen: str) -> int:
    found = re.search(rf"Step (\d+) of {COUNT}", screen)
    assert found, screen
    return int(found.group(1))


def title(screen: str) -> str:
    """The step title: the first line inside the step's panel."""
    lines = screen.splitlines()
    top = next(i for i, line in enumerate(lines) if line.startswith("╭─ Step"))
    return lines[top + 1].strip("│ ")


def test_a_real_session_in_a_terminal(tmux: Tmux, tmp_path: Path) -> None:
    diary = tmp_path / "diary.jsonl"
    command = shlex.join(
        [str(UNKNOT), "session", str(INTAKE), "--speed", "50", "--no-voice", "--diary", str(diary)]
    )
    tmux.start(f"{command}; echo UNKNOT-EXITED-$?; sleep 30")
    tmux.wait_for(lambda s: "Pain right now, 0-10?" in s)
    tmux.send("4", "Enter")

    first = tmux.wait_for(lambda s: "Step " in s and "space: pause" in s)
    assert "██████" in first  # the big countdown
    assert re.search(rf"━.* \d\d:\d\d of {TOTAL}", first)  # the progress bar
    assert "Next: " in first
    start = re.search(rf"(\d\d:\d\d) of {TOTAL}", first)
    assert start
    tmux.wait_for(lambda s: f"{start.group(1)} of {TOTAL}" not in s)  # the clock runs

    tmux.send("Space")
    paused = tmux.wait_for(lambda s: "left in this step" in s)
    number = step_number(paused)
    time.sleep(0.3)
    assert step_number(tmux.screen()) == number  # paused: the step stays
    tmux.send("n")
    skipped = tmux.wait_for(lambda s: f"Step {number + 1} of {COUNT}" in s)
    assert "left in this step" in skipped  # still paused on the new step
    assert title(skipped) != title(paused)

    tmux.send("q")
    tmux.wait_for(lambda s: "Pain now, after the session, 0-10?" in s)
    tmux.send("2", "Enter")
    end = tmux.wait_for(lambda s: "UNKNOT-EXITED-0" in s)
    assert "You stopped early" in end and "Pain before → after: 4 → 2" in end
    assert "Traceback" not in end
    (line,) = diary.read_text(encoding="utf-8").splitlines()
    entry = json.loads(line)
    assert (entry["pain_before"], entry["pain_after"], entry["completed"]) == (4, 2, False)
    assert len(entry["skipped"]) == 1
