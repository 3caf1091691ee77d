"""``unknot session``: the guided session in the terminal, with pain before and after.

``session_command`` reads one intake, and when self-care is safe plays its timeline with
``SessionPlayer`` (``unknot.cli.session_view``) on the real clock, keyboard, bell and voice
defined here, then appends the session to the diary (one JSON object a line).
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import re
import select
import shutil
import subprocess
import sys
import termios
import time
import tty
from collections import deque
from datetime import datetime
from pathlib import Path
from typing import IO, Annotated, Any

import typer
from rich.markup import escape
from rich.panel import Panel

from unknot.cli.assess import TONE_STYLE, err, read_one_intake
from unknot.cli.output import Output
from unknot.cli.session_view import SessionPlayer, SessionResult
from unknot.knowledge import load_knowledge
from unknot.planning import Answer
from unknot.planning.timeline import Step, build_timeline

console = Output()


class RealClock:
    """Monotonic time, ``speed`` times faster than real time (speed 1 is real time)."""

    def __init__(self, speed: float = 1.0) -> None:
        self.speed = speed

    def now(self) -> float:
        return time.monotonic() * self.speed

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds / self.speed)


LINE_KEYS = {"p": " ", "pause": " ", "space": " ", "n": "n", "next": "n", "b": "b"}
LINE_KEYS |= {"back": "b", "q": "q", "quit": "q"}


class StdinKeys:
    """Keys and answers from one input stream.

    On a terminal, inside ``with``, the terminal is in cbreak mode and each key counts at once;
    leaving the ``with`` (also on an exception or Ctrl-C) restores it. From a pipe, each line is
    one command (n, b, q, p or a single space); the first line that is not one is kept for the
    next question, and no keys are read after it.
    """

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        try:
            self.tty = stream.isatty()
        except ValueError:
            self.tty = False
        self._saved: list[Any] | None = None
        self._held: list[str] = []

    def __enter__(self) -> StdinKeys:
        if self.tty:
            fd = self.stream.fileno()
            self._saved = termios.tcgetattr(fd)
            tty.setcbreak(fd)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._saved is not None:
            termios.tcsetattr(self.stream.fileno(), termios.TCSADRAIN, self._saved)
            self._saved = None

    def read(self) -> str | None:
        if self._saved is not None:
            fd = self.stream.fileno()
            if not select.select([fd], [], [], 0)[0]:
                return None
            return os.read(fd, 1).decode(errors="ignore") or None
        if self.tty or self._held or not self._ready():
            return None
        line = self.stream.readline()
        if not line:
            self._held.append("")  # end of input: no more keys, and no answer either
            return None
        raw = line.rstrip("\r\n")
        if raw == " ":
            return " "
        key = LINE_KEYS.get(raw.strip().lower())
        if key is None and raw.strip():
            self._held.append(line)
        return key

    def readline(self) -> str | None:
        """One line for a question; None at the end of input."""
        line = self._held.pop(0) if self._held else self.stream.readline()
        return line or None

    def _ready(self) -> bool:
        try:
            fd = self.stream.fileno()
        except (OSError, ValueError):  # an in-memory stream never blocks
            return True
        return bool(select.select([fd], [], [], 0)[0])


class TerminalSound:
    """A bell at each cue, and the cue spoken by espeak-ng when it is installed.

    Speech never blocks the timer: cues wait in a short queue (the oldest drop when they pile up)
    and the next starts when the previous utterance has ended.
    """

    def __init__(self, out: IO[str], bell: bool, voice: bool) -> None:
        self.out, self._bell = out, bell
        self._espeak = shutil.which("espeak-ng") if voice else None
        self._queue: deque[str] = deque(maxlen=3)
        self._proc: subprocess.Popen[bytes] | None = None

    def bell(self) -> None:
        if self._bell:
            self.out.write("\a")
            self.out.flush()

    def say(self, text: str) -> None:
        if self._espeak:
            self._queue.append(text)
            self.poll()

    def poll(self) -> None:
        if not self._espeak or not self._queue:
            return
        if self._proc is not None and self._proc.poll() is None:
            return
        try:
            self._proc = subprocess.Popen(  # noqa: S603 - a fixed program, the text as one argument
                [self._espeak, "--", self._queue.popleft()],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        except OSError:
            self._espeak = None  # no voice then; the screen and the bell still work

    def close(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            self._proc.terminate()


def default_diary() -> Path:
    """``$UNKNOT_HOME/diary.jsonl``, else under ``$XDG_DATA_HOME`` or ``~/.local/share``."""
    if home := os.environ.get("UNKNOT_HOME"):
        return Path(home).expanduser() / "diary.jsonl"
    data = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(data) / "unknot" / "diary.jsonl"


def ask_pain(keys: StdinKeys, question: str) -> int | None:
    """Ask until the answer is a whole number 0-10; None when the person types q or input ends."""
    while True:
        console.print(f"[bold]{question}[/] ", end="")
        try:
            line = keys.readline()
        except KeyboardInterrupt:
            line = None
        if line is None:
            console.print()
            return None
        answer = line.strip().lower()
        if not keys.tty:
            console.print(answer, markup=False, highlight=False)
        if answer in ("q", "quit"):
            return None
        if re.fullmatch(r"[0-9]{1,2}", answer) and int(answer) <= 10:
            return int(answer)
        console.print(
            "Please type a whole number from 0 (no pain) to 10 (the worst pain you can imagine), "
            "then Enter. Or q to stop."
        )


def _no_session(result: Answer) -> None:
    screening = result.assessment.screening
    tier = load_knowledge().tiers.of(screening.verdict)
    lines = [f"[{TONE_STYLE[tier.tone]}]{escape(tier.headline)}[/]"]
    lines += [f"- {escape(r.title)} [bold]{escape(r.action)}[/]" for r in screening.reasons]
    console.print(Panel("\n".join(lines), title="Safety check", title_align="left"))
    console.print("No guided session: please follow the advice above before treating yourself.")


def _interaction(path: Path | None) -> IO[str]:
    """Where keys and answers come from: stdin, or the terminal when stdin holds the intake."""
    if (path is not None and str(path) != "-") or sys.stdin.isatty():
        return sys.stdin
    try:
        return open("/dev/tty", encoding="utf-8")  # closed by session_command
    except OSError:
        err.print(
            "unknot session: the intake came on standard input, so no keyboard is left for the "
            "session. Give the intake as a file: unknot session intake.json"
        )
        raise typer.Exit(2) from None


def session_command(
    path: Annotated[
        Path | None,
        typer.Argument(metavar="INTAKE_FILE", help="Intake JSON file; '-' or none: stdin."),
    ] = None,
    speed: Annotated[float, typer.Option(help="Run the timers this many times faster.")] = 1.0,
    no_sound: Annotated[bool, typer.Option("--no-sound", help="No bell at each cue.")] = False,
    no_voice: Annotated[bool, typer.Option("--no-voice", help="Do not speak the cues.")] = False,
    diary: Annotated[
        Path | None,
        typer.Option(
            help="Diary file, one JSON line a session. Default: diary.jsonl in $UNKNOT_HOME "
            "or ~/.local/share/unknot."
        ),
    ] = None,
) -> None:
    """Be talked through your routine: big timers, cues, and pain before and after."""
    if not (math.isfinite(speed) and speed > 0):
        err.print("unknot session: --speed must be more than 0 (1 is real time)")
        raise typer.Exit(2)
    stream = _interaction(path)
    with contextlib.closing(stream) if stream is not sys.stdin else contextlib.nullcontext():
        result = read_one_intake(path, "session")
        if result.routine is None:
            _no_session(result)
            return
        steps = build_timeline(result.routine, load_knowledge())
        _run(steps, StdinKeys(stream), speed, not no_sound, not no_voice, diary or default_diary())


def _run(
    steps: tuple[Step, ...], keys: StdinKeys, speed: float, bell: bool, voice: bool, diary: Path
) -> None:
    minutes = max(1, round(sum(s.seconds for s in steps) / 60))
    console.print(f"[bold]Your session: {len(steps)} steps, about {minutes} minutes.[/]")
    console.print("Keys during the session: space pause, n next step, b back, q quit.")
    before = ask_pain(keys, "Pain right now, 0-10?")
    if before is None:
        console.print("No session today. Nothing was saved.")
        return
    sound = TerminalSound(sys.stdout, bell and console.is_terminal, voice)
    player = SessionPlayer(steps, RealClock(speed), keys, console, sound, frame_seconds=speed / 8)
    try:
        with keys:
            outcome = player.run()
    finally:
        sound.close()
    after = ask_pain(keys, "Pain now, after the session, 0-10?")
    _summary(steps, outcome, before, after)
    entry = diary_entry(steps, outcome, before, after)
    try:
        diary.parent.mkdir(parents=True, exist_ok=True)
        with diary.open("a", encoding="utf-8") as file:
            file.write(json.dumps(entry, ensure_ascii=False) + "\n")
    except OSError as exc:
        err.print(f"unknot session: cannot save to the diary {diary}: {exc.strerror}")
        raise typer.Exit(1) from None
    console.print(f"  Saved to your diary: {diary}", markup=False, highlight=False)


def diary_entry(
    steps: tuple[Step, ...], outcome: SessionResult, before: int, after: int | None
) -> dict[str, Any]:
    """One diary line: skipped steps by title, techniques (ids) with a work step done."""
    done = (steps[i].technique for i in outcome.done if steps[i].kind == "work")
    return {
        "date": datetime.now().astimezone().isoformat(timespec="seconds"),
        "pain_before": before,
        "pain_after": after,
        "seconds": round(outcome.seconds),
        "completed": outcome.completed,
        "skipped": [steps[i].title for i in outcome.skipped],
        "techniques": list(dict.fromkeys(t for t in done if t)),
    }


def _summary(
    steps: tuple[Step, ...], outcome: SessionResult, before: int, after: int | None
) -> None:
    counted = sum(1 for s in steps if s.kind != "finish")
    headline = "Session done." if outcome.completed else "You stopped early. That is fine."
    console.print(f"\n[bold]{headline}[/]")
    console.print(f"  Steps done: {len(outcome.done)} of {counted}")
    if outcome.skipped:
        console.print(f"  Skipped: {len(outcome.skipped)}")
        for i in outcome.skipped:
            console.print(f"    - {steps[i].title}", markup=False, highlight=False)
    whole = round(outcome.seconds)
    console.print(f"  Time: {whole // 60} min {whole % 60:02d} s")
    console.print(f"  Pain before → after: {before} → {'not given' if after is None else after}")
