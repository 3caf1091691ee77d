"""The session player and what it shows: one step at a time, large enough to read from the floor.

``SessionPlayer`` plays the timeline of ``unknot.planning.timeline``. It gets its clock, keys,
console and sound from outside, so tests drive it with a fake clock and scripted keys; the real
ones live in ``unknot.cli.session``. On a terminal it draws ``render(Frame)`` with rich's Live;
elsewhere (a pipe, a screen reader) it prints one plain line per step and cue.

The countdown uses a tiny block font (3 by 5 pixels, each pixel two cells wide so it looks
square); on a screen too narrow for it the countdown falls back to plain bold text.
"""

from __future__ import annotations

import contextlib
import math
from dataclasses import dataclass
from typing import Any, Protocol

from rich.align import Align
from rich.console import Console, Group, RenderableType
from rich.layout import Layout
from rich.live import Live
from rich.panel import Panel
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text

from unknot.planning.timeline import Cue, Step

PACER_WIDTH = 12
KEY_HELP = "space: pause    n: next step    b: back    q: quit"

# 3x5 pixel glyphs, "#" is ink. Digits and ":" for the countdown, letters for PAUSED.
_FONT: dict[str, tuple[str, ...]] = {
    "0": ("###", "#.#", "#.#", "#.#", "###"),
    "1": (".#.", "##.", ".#.", ".#.", "###"),
    "2": ("###", "..#", "###", "#..", "###"),
    "3": ("###", "..#", "###", "..#", "###"),
    "4": ("#.#", "#.#", "###", "..#", "..#"),
    "5": ("###", "#..", "###", "..#", "###"),
    "6": ("###", "#..", "###", "#.#", "###"),
    "7": ("###", "..#", "..#", "..#", "..#"),
    "8": ("###", "#.#", "###", "#.#", "###"),
    "9": ("###", "#.#", "###", "..#", "###"),
    ":": (".", "#", ".", "#", "."),
    " ": ("..", "..", "..", "..", ".."),
    "A": ("###", "#.#", "###", "#.#", "#.#"),
    "D": ("##.", "#.#", "#.#", "#.#", "##."),
    "E": ("###", "#..", "##.", "#..", "###"),
    "P": ("###", "#.#", "###", "#..", "#.."),
    "S": ("###", "#..", "###", "..#", "###"),
    "U": ("#.#", "#.#", "#.#", "#.#", "###"),
}


def big(text: str) -> list[str]:
    """``text`` in the block font: five lines of equal width. Unknown characters become blanks."""
    rows = ["", "", "", "", ""]
    for n, char in enumerate(text.upper()):
        glyph = _FONT.get(char, _FONT[" "])
        for r in range(5):
            gap = "  " if n else ""
            rows[r] += gap + glyph[r].replace("#", "██").replace(".", "  ")
    return rows


def mmss(seconds: float) -> str:
    """Whole seconds as mm:ss, rounding up so a countdown shows 00:01 until it is really over."""
    whole = max(0, math.ceil(seconds - 1e-9))
    return f"{whole // 60:02d}:{whole % 60:02d}"


@dataclass(frozen=True, slots=True)
class Frame:
    """Everything one screen of the player shows."""

    step: Step
    number: int  # 1-based position of the step
    count: int
    elapsed: float  # seconds into the step
    cue: str | None  # the latest spoken instruction of this step
    rep: str | None  # the latest spoken count ("7"), shown apart so it does not hide the cue
    session_elapsed: float
    session_total: float
    next_title: str | None
    paused: bool

    @property
    def remaining(self) -> float:
        return max(0.0, self.step.seconds - self.elapsed)


def breath_text(step: Step, elapsed: float) -> str | None:
    """The pacer line: in for the first half of each breath, out for the second; None if unpaced."""
    if not step.breaths or not step.seconds_per_breath:
        return None
    per = step.seconds_per_breath
    number = int(elapsed // per) + 1
    into = (elapsed % per) / per
    word = "breathe in...  " if into < 0.5 else "breathe out... "
    filled = round(2 * PACER_WIDTH * (into if into < 0.5 else 1 - into))
    meter = "●" * filled + "·" * (PACER_WIDTH - filled)
    of = f"breath {number} of {step.breaths}" if number <= step.breaths else "keep breathing"
    return f"{word}{meter}   {of}"


def _countdown(frame: Frame, width: int) -> RenderableType:
    word = "PAUSED" if frame.paused else mmss(frame.remaining)
    style = "bold green" if frame.remaining > 5 else "bold cyan"
    if frame.paused:
        style = "bold yellow"
    rows = big(word)
    if len(rows[0]) + 4 > width:
        return Align.center(Text(word, style=style))
    return Align.center(Text("\n".join(rows), style=style))


def render(frame: Frame, width: int) -> RenderableType:
    """The whole screen for ``frame`` on a terminal ``width`` cells wide.

    The step's title, safety line, countdown, pacer and latest cue come first; the step's full
    instructions follow, so a short screen loses those first. Progress, what comes next and the
    keys stay pinned to the bottom.
    """
    step = frame.step
    where = f"Step {frame.number} of {frame.count}"
    if step.phase:
        where += f" · {step.phase}"
    title = Text(step.title, style="bold bright_white")
    parts: list[RenderableType] = [
        Panel(title, title=where, title_align="left", border_style="blue", padding=(0, 1))
    ]
    if step.safety:
        parts.append(Text(""))
        parts.append(Align.center(Text(f" ! {step.safety} ! ", style="bold white on red")))
    parts += [Text(""), _countdown(frame, width)]
    if frame.paused:
        parts.append(Align.center(Text(f"{mmss(frame.remaining)} left in this step")))
    pacer = breath_text(step, frame.elapsed)
    if pacer:
        parts += [Text(""), Align.center(Text(pacer, style="bold magenta"))]
    parts.append(Text(""))
    if frame.cue:
        parts.append(Text(f"» {frame.cue}", style="bold"))
    if frame.rep:
        parts.append(Text(f"  count: {frame.rep}", style="bold cyan"))
    if step.text:
        parts += [Text(""), Text(step.text)]
    footer: list[RenderableType] = [_progress(frame), Text("")]
    if frame.next_title:
        footer[1] = Text(f"Next: {frame.next_title}", overflow="ellipsis", no_wrap=True)
    footer.append(Text(KEY_HELP, style="reverse"))
    layout = Layout()
    layout.split_column(Layout(Group(*parts)), Layout(Group(*footer), size=len(footer)))
    return layout


def _progress(frame: Frame) -> RenderableType:
    label = f" {mmss(frame.session_elapsed)} of {mmss(frame.session_total)}"
    grid = Table.grid(expand=True)
    grid.add_column(ratio=1)
    grid.add_column(no_wrap=True)
    bar = ProgressBar(total=frame.session_total or 1, completed=frame.session_elapsed)
    grid.add_row(bar, Text(label, style="bold"))
    return grid


def log_line(number: int, count: int, step: Step) -> str:
    """A step as one plain line, for output that is not a terminal (pipes, screen readers)."""
    return f"[{number}/{count}] {step.title} ({mmss(step.seconds)})"


class Clock(Protocol):
    def now(self) -> float: ...  # monotonic session seconds
    def sleep(self, seconds: float) -> None: ...


class Keys(Protocol):
    def read(self) -> str | None: ...  # one key if one is waiting, never blocks


class Sound(Protocol):
    def bell(self) -> None: ...
    def say(self, text: str) -> None: ...
    def poll(self) -> None: ...  # called every frame, to start queued speech


@dataclass(frozen=True, slots=True)
class SessionResult:
    completed: bool  # played to the end (steps may still have been skipped)
    seconds: float  # time spent, pauses left out
    done: tuple[int, ...]  # indexes of the steps that ran their full time, the finish left out
    skipped: tuple[int, ...]  # indexes skipped with "n" and never finished afterwards


class SessionPlayer:
    """Plays ``steps`` in order; space pauses and resumes, n skips, b goes back, q quits.

    Edge cases: time that runs past the end of a step (a slow frame) carries into the next step,
    so no cue is lost; a cue fires once when its step's time reaches ``at``; going back restarts
    the earlier step from zero, so its cues speak again; a step skipped and later finished counts
    as done; Ctrl-C acts as q.
    """

    def __init__(
        self,
        steps: tuple[Step, ...],
        clock: Clock,
        keys: Keys,
        console: Console,
        sound: Sound,
        *,
        frame_seconds: float = 0.25,
    ) -> None:
        self.steps, self.clock, self.keys, self.sound = steps, clock, keys, sound
        self.console, self.frame_seconds = console, frame_seconds
        self.shown: list[int] = []  # every step entered, in order
        self.fired: list[tuple[int, Cue]] = []  # every cue fired, with its step
        self._starts = [sum(s.seconds for s in steps[:i]) for i in range(len(steps) + 1)]
        self._index = 0
        self._acc = 0.0  # step time before the latest resume
        self._since: float | None = None  # clock at the latest resume; None while paused
        self._last = 0.0
        self._active = 0.0
        self._next_cue = 0
        self._cue: str | None = None
        self._rep: str | None = None
        self._done: dict[int, None] = {}
        self._skipped: dict[int, None] = {}
        self._quit = False
        self._frame: Frame | None = None

    @property
    def paused(self) -> bool:
        return self._since is None

    @property
    def _over(self) -> bool:
        return self._quit or self._index >= len(self.steps)

    def run(self) -> SessionResult:
        now = self._last = self.clock.now()
        self._since = now
        self._enter(0, now, 0.0)
        if not self._over:
            self._frame = self._make_frame(now)
        live: contextlib.AbstractContextManager[Any] = contextlib.nullcontext()
        if self.console.is_terminal:
            live = Live(
                console=self.console,
                screen=True,
                refresh_per_second=4,
                redirect_stdout=False,
                redirect_stderr=False,
                get_renderable=self._render,
            )
        try:
            with live:
                while not self._over:
                    self._tick()
                    if not self._over:
                        self.clock.sleep(self.frame_seconds)
        except KeyboardInterrupt:
            self._quit = True
        finish = {i for i, s in enumerate(self.steps) if s.kind == "finish"}
        return SessionResult(
            completed=not self._quit,
            seconds=self._active,
            done=tuple(i for i in self._done if i not in finish),
            skipped=tuple(i for i in self._skipped if i not in finish),
        )

    def _elapsed(self, now: float) -> float:
        return self._acc + (0.0 if self._since is None else now - self._since)

    def _tick(self) -> None:
        now = self.clock.now()
        if not self.paused:
            self._active += now - self._last
        self._last = now
        while not self._over and (key := self.keys.read()) is not None:
            self._press(key.lower(), now)
        while not self._over:
            step = self.steps[self._index]
            elapsed = self._elapsed(now)
            while self._next_cue < len(step.cues) and step.cues[self._next_cue].at <= elapsed:
                self._fire(step.cues[self._next_cue])
                self._next_cue += 1
            if elapsed < step.seconds:
                break
            self._done[self._index] = None
            self._skipped.pop(self._index, None)
            self._enter(self._index + 1, now, elapsed - step.seconds)
            if self._over:  # the session ended inside this frame: count only up to its end
                self._active -= elapsed - step.seconds
        self.sound.poll()
        if not self._over:
            self._frame = self._make_frame(now)

    def _press(self, key: str, now: float) -> None:
        if key == " ":
            if self._since is None:
                self._since = now
            else:
                self._acc, self._since = self._elapsed(now), None
            self._log("  (paused)" if self.paused else "  (going on)")
        elif key == "n":
            if self._index not in self._done:
                self._skipped[self._index] = None
            self._log("  (skipped)")
            self._enter(self._index + 1, now, 0.0)
        elif key == "b":
            self._enter(max(0, self._index - 1), now, 0.0)
        elif key == "q":
            self._log("  (stopped)")
            self._quit = True

    def _enter(self, index: int, now: float, carry: float) -> None:
        self._index, self._acc, self._next_cue = index, carry, 0
        self._since = None if self.paused else now
        self._cue = self._rep = None
        if index < len(self.steps):
            self.shown.append(index)
            self._log(log_line(index + 1, len(self.steps), self.steps[index]))

    def _fire(self, cue: Cue) -> None:
        self.fired.append((self._index, cue))
        self.sound.bell()
        self.sound.say(cue.say)
        if cue.say.isdigit():
            self._rep = cue.say
        else:
            self._cue, self._rep = cue.say, None
        self._log(f"  » {cue.say}")

    def _log(self, line: str) -> None:
        if not self.console.is_terminal:
            self.console.print(line, markup=False, highlight=False)

    def _make_frame(self, now: float) -> Frame:
        i, step = self._index, self.steps[self._index]
        elapsed = min(self._elapsed(now), float(step.seconds))
        nxt = self.steps[i + 1].title if i + 1 < len(self.steps) else None
        return Frame(
            step, i + 1, len(self.steps), elapsed, self._cue, self._rep,
            self._starts[i] + elapsed, self._starts[-1], nxt, self.paused,
        )  # fmt: skip

    def _render(self) -> RenderableType:
        frame = self._frame  # one read: the refresh thread never sees half a frame
        return Text("") if frame is None else render(frame, self.console.width)
