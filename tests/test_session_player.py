"""The terminal session player: driven by a fake clock and scripted keys, and `unknot session`."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from typer.testing import CliRunner

from unknot.cli.app import app
from unknot.cli.session import StdinKeys, TerminalSound
from unknot.cli.session_view import (
    KEY_HELP,
    Frame,
    SessionPlayer,
    big,
    mmss,
    render,
)
from unknot.clinical import parse_intake
from unknot.knowledge import KnowledgeBase
from unknot.planning import answer
from unknot.planning.timeline import Step, build_timeline

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
# Six minutes with a belly ball: a breathing step, belly work with both sides and a switch,
# a stretch, and rep counts that share a second with an instruction.
INTAKE: dict[str, Any] = {
    "age": 40,
    "duration_weeks": 2,
    "pain": [
        {"region": "low_back", "side": "left", "intensity": 5},
        {"region": "groin", "side": "left", "intensity": 4},
    ],
    "findings": ["pain_standing_after_sitting", "eased_lying_hips_bent"],
    "props": ["belly_ball"],
    "minutes": 6,
    "floor_ok": True,
    "abdominal_screen_answered": True,
}


class FakeClock:
    def __init__(self) -> None:
        self.t = 0.0

    def now(self) -> float:
        return self.t

    def sleep(self, seconds: float) -> None:
        self.t += seconds


class ScriptedKeys:
    """Each key is pressed once the clock reaches its time; ``KeyboardInterrupt`` is Ctrl-C."""

    def __init__(self, clock: FakeClock, script: list[tuple[float, Any]]) -> None:
        self.clock, self.script = clock, list(script)

    def read(self) -> str | None:
        if self.script and self.clock.t >= self.script[0][0]:
            key = self.script.pop(0)[1]
            if key is KeyboardInterrupt:
                raise KeyboardInterrupt
            return str(key)
        return None


class FakeSound:
    def __init__(self, clock: FakeClock) -> None:
        self.clock, self.bells, self.said = clock, 0, list[tuple[float, str]]()

    def bell(self) -> None:
        self.bells += 1

    def say(self, text: str) -> None:
        self.said.append((self.clock.t, text))

    def poll(self) -> None:
        pass


@pytest.fixture(scope="module")
def steps(kb: KnowledgeBase) -> tuple[Step, ...]:
    routine = answer(parse_intake(INTAKE, kb), kb).routine
    assert routine is not None
    return build_timeline(routine, kb)


def play(
    steps: tuple[Step, ...], script: tuple[tuple[float, Any], ...] = (), frame: float = 0.5
) -> tuple[SessionPlayer, Any, FakeClock, FakeSound]:
    clock = FakeClock()
    sound = FakeSound(clock)
    out = Console(file=io.StringIO(), width=100)
    player = SessionPlayer(
        steps, clock, ScriptedKeys(clock, list(script)), out, sound, frame_seconds=frame
    )
    return player, player.run(), clock, sound


def test_the_example_routine_has_what_the_player_must_show(steps: tuple[Step, ...]) -> None:
    kinds = {s.kind for s in steps}
    assert kinds == {"prepare", "work", "switch", "finish"}
    assert any(s.breaths for s in steps) and any(s.abdominal for s in steps)


@pytest.mark.parametrize("frame", [0.5, 7.0, 100.0])
def test_it_shows_every_step_and_fires_every_cue_once_in_order(
    steps: tuple[Step, ...], frame: float
) -> None:
    player, result, _, sound = play(steps, frame=frame)
    assert player.shown == list(range(len(steps)))
    expected = [(i, cue) for i, step in enumerate(steps) for cue in step.cues]
    assert player.fired == expected
    assert sound.bells == len(expected)
    assert [text for _, text in sound.said] == [cue.say for _, cue in expected]
    assert result.completed and result.skipped == ()
    assert result.done == tuple(i for i, s in enumerate(steps) if s.kind != "finish")
    total = sum(s.seconds for s in steps)
    assert result.seconds == pytest.approx(total)


def test_a_cue_speaks_when_its_time_comes(steps: tuple[Step, ...]) -> None:
    _, _, _, sound = play(steps, frame=0.25)
    start = 0
    said = iter(sound.said)
    for step in steps:
        for cue in step.cues:
            at, _ = next(said)
            assert start + cue.at <= at < start + cue.at + 0.25
        start += step.seconds


def test_pause_stops_the_clock_and_the_cues(steps: tuple[Step, ...]) -> None:
    player, result, clock, sound = play(steps, ((5, " "), (65, " ")))
    total = sum(s.seconds for s in steps)
    assert result.seconds == pytest.approx(total)
    assert clock.t >= total + 60
    assert not [text for at, text in sound.said if 5 < at < 65]
    assert player.fired == [(i, c) for i, s in enumerate(steps) for c in s.cues]


def test_n_skips_to_the_next_step(steps: tuple[Step, ...]) -> None:
    player, result, clock, _ = play(steps, ((1, "n"),))
    assert player.shown == list(range(len(steps)))
    assert result.skipped == (0,) and 0 not in result.done
    assert result.completed
    assert clock.t < sum(s.seconds for s in steps) - steps[0].seconds + 2


def test_b_goes_back_and_a_finished_step_is_no_longer_skipped(steps: tuple[Step, ...]) -> None:
    player, result, _, _ = play(steps, ((1, "n"), (2, "b")))
    assert player.shown[:4] == [0, 1, 0, 1]
    assert result.skipped == () and 0 in result.done
    second_cues = [cue for i, cue in player.fired if i == 1]
    assert second_cues.count(steps[1].cues[0]) == 2  # the step restarted, so its cue spoke again


def test_q_ends_the_session_early(steps: tuple[Step, ...]) -> None:
    player, result, clock, _ = play(steps, ((30, "q"),))
    assert not result.completed
    assert player.shown == [0, 1]
    assert result.done == (0,)
    assert clock.t < 31


def test_ctrl_c_acts_as_q(steps: tuple[Step, ...]) -> None:
    _, result, clock, _ = play(steps, ((10, KeyboardInterrupt),))
    assert not result.completed and clock.t < 11


def test_the_screen_shows_the_step_countdown_safety_line_and_keys(steps: tuple[Step, ...]) -> None:
    index, belly = next((i, s) for i, s in enumerate(steps) if s.abdominal and s.kind == "work")
    frame = Frame(
        belly, index + 1, len(steps), 5.0, "Lean in.", "3", 100, 336, "Switch sides", False
    )
    text = screen(frame)
    assert belly.title in text and f"Step {index + 1} of {len(steps)}" in text
    assert big(mmss(belly.seconds - 5))[0] in text
    assert belly.safety and belly.safety in text and "Lean in." in text and "count: 3" in text
    assert "Next: Switch sides" in text and KEY_HELP in text and "01:40 of 05:36" in text
    paused = screen(replace(frame, paused=True))
    assert big("PAUSED")[2] in paused and "left in this step" in paused
    calm = next(s for s in steps if not s.abdominal)
    assert "pulse" not in screen(replace(frame, step=calm)).lower()


def test_the_pacer_says_breathe_in_then_out(steps: tuple[Step, ...]) -> None:
    breathing = next(s for s in steps if s.breaths)
    per = breathing.seconds_per_breath
    assert per
    frame = Frame(breathing, 2, len(steps), 0.5, None, None, 20, 336, None, False)
    assert "breathe in..." in screen(frame) and "breath 1 of" in screen(frame)
    out = screen(replace(frame, elapsed=per * 1.75))
    assert "breathe out..." in out and "breath 2 of" in out


def test_a_narrow_screen_gets_a_plain_countdown(steps: tuple[Step, ...]) -> None:
    frame = Frame(steps[0], 1, len(steps), 0.0, None, None, 0, 336, None, False)
    assert "00:20" in screen(frame, width=30)


def test_mmss_rounds_up_and_the_font_is_square() -> None:
    assert (mmss(0), mmss(0.2), mmss(61), mmss(600)) == ("00:00", "00:01", "01:01", "10:00")
    rows = big("12:34 PAUSED")
    assert len(rows) == 5 and len({len(r) for r in rows}) == 1


def screen(frame: Frame, width: int = 100) -> str:
    console = Console(file=io.StringIO(), width=width, height=40, record=True)
    console.print(render(frame, width))
    return console.export_text()


def test_piped_keys_are_one_command_a_line_and_answers_wait_for_the_question() -> None:
    keys = StdinKeys(io.StringIO("n\n \n\nq\n7\nn\n"))
    assert [keys.read() for _ in range(6)] == ["n", " ", None, "q", None, None]
    assert keys.readline() == "7\n" and keys.readline() == "n\n" and keys.readline() is None


def test_speech_waits_for_the_previous_cue(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[list[str]] = []

    class Proc:
        running = True

        def __init__(self, args: list[str], **_: Any) -> None:
            started.append(args)

        def poll(self) -> int | None:
            return None if Proc.running else 0

        def terminate(self) -> None:
            Proc.running = False

    monkeypatch.setattr("shutil.which", lambda _: "/usr/bin/espeak-ng")
    monkeypatch.setattr("subprocess.Popen", Proc)
    out = io.StringIO()
    sound = TerminalSound(out, bell=True, voice=True)
    sound.bell()
    sound.say("one")
    sound.say("two")
    assert out.getvalue() == "\a" and [a[-1] for a in started] == ["one"]
    Proc.running = False
    sound.poll()
    assert [a[-1] for a in started] == ["one", "two"]
    assert TerminalSound(out, bell=False, voice=False)._espeak is None


runner = CliRunner()
FAST = ["--speed", "1000", "--no-sound", "--no-voice"]


def run_session(tmp_path: Path, given: str, intake: Path | None = None) -> Any:
    if intake is None:
        intake = tmp_path / "intake.json"
        intake.write_text(json.dumps(INTAKE), encoding="utf-8")
    diary = tmp_path / "diary" / "diary.jsonl"
    return runner.invoke(app, ["session", str(intake), *FAST, "--diary", str(diary)], input=given)


def diary_lines(tmp_path: Path) -> list[dict[str, Any]]:
    text = (tmp_path / "diary" / "diary.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines()]


def test_a_session_asks_pain_plays_and_saves_the_diary(
    tmp_path: Path, steps: tuple[Step, ...]
) -> None:
    result = run_session(tmp_path, "3\nn\n1\n")  # pain 3, skip the first step, pain 1
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Pain right now, 0-10? 3" in out and "Session done." in out
    assert "Steps done: 9 of 10" in out and "Skipped: 1" in out
    assert "Pain before → after: 3 → 1" in out and "Saved to your diary" in out
    for number, step in enumerate(steps, 1):
        assert f"[{number}/{len(steps)}] {step.title}" in out
    (entry,) = diary_lines(tmp_path)
    assert set(entry) == {
        "date", "pain_before", "pain_after", "seconds", "completed", "skipped", "techniques",
    }  # fmt: skip
    assert (entry["pain_before"], entry["pain_after"], entry["completed"]) == (3, 1, True)
    assert entry["skipped"] == [steps[0].title]
    assert entry["techniques"] == list(
        dict.fromkeys(s.technique for s in steps if s.kind == "work")
    )
    assert 0 <= entry["seconds"] - sum(s.seconds for s in steps[1:]) < 10  # the skip took a moment


def test_q_during_the_session_still_asks_pain_and_saves_it_as_not_completed(
    tmp_path: Path,
) -> None:
    result = run_session(tmp_path, "4\nq\n2\n")
    assert result.exit_code == 0, result.output
    assert "You stopped early" in result.output and "4 → 2" in result.output
    (entry,) = diary_lines(tmp_path)
    assert entry["completed"] is False and entry["pain_after"] == 2


def test_a_bad_pain_answer_is_asked_again(tmp_path: Path) -> None:
    result = run_session(tmp_path, "eleven\n11\n-1\n\n5\n0\n")
    assert result.exit_code == 0, result.output
    assert result.output.count("Please type a whole number from 0") == 4
    assert "Traceback" not in result.output
    (entry,) = diary_lines(tmp_path)
    assert (entry["pain_before"], entry["pain_after"]) == (5, 0)


def test_q_at_the_first_question_runs_no_session(tmp_path: Path) -> None:
    result = run_session(tmp_path, "q\n")
    assert result.exit_code == 0 and "No session today" in result.output
    assert not (tmp_path / "diary").exists()


def test_input_that_ends_after_the_session_saves_without_pain_after(tmp_path: Path) -> None:
    result = run_session(tmp_path, "6\n")
    assert result.exit_code == 0, result.output
    assert "6 → not given" in result.output
    assert diary_lines(tmp_path)[0]["pain_after"] is None


def test_a_red_flag_intake_gets_the_verdict_and_no_session(tmp_path: Path) -> None:
    result = run_session(tmp_path, "3\n1\n", intake=EXAMPLES / "red_flag.json")
    assert result.exit_code == 0, result.output
    assert "Safety check" in result.output and "No guided session" in result.output
    assert "Pain right now" not in result.output
    assert not (tmp_path / "diary").exists()


def test_the_diary_goes_under_unknot_home_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("UNKNOT_HOME", str(tmp_path / "home"))
    args = ["session", str(EXAMPLES / "intake.json"), *FAST]
    result = runner.invoke(app, args, input="2\nq\n2\n")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "home" / "diary.jsonl").is_file()


@pytest.mark.parametrize("speed", ["0", "-2", "nan"])
def test_speed_must_be_more_than_zero(tmp_path: Path, speed: str) -> None:
    result = runner.invoke(app, ["session", str(EXAMPLES / "intake.json"), "--speed", speed])
    assert result.exit_code == 2 and "--speed must be more than 0" in result.output
