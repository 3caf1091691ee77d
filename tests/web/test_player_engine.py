"""The player's clock and state (``care/player/engine.js``) driven by a fake clock in Node, when
Node is installed (the browser tests cover it either way). Mirrors the terminal player's rules."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.web.test_player import short_plan
from unknot.web.care import services

ENGINE = Path(__file__).resolve().parents[2] / "src/unknot/web/care/static/care/player/engine.js"
NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None, reason="no Node.js to run the player's engine")

SCRIPT = """
import { Engine, mmss, breath } from "./engine.mjs";
const { steps, actions } = JSON.parse(process.argv[2]);
const events = [];
const engine = new Engine(steps, (e) => events.push(
  e.type === "cue" ? { type: "cue", index: e.index, say: e.cue.say } : e));
const frames = [];
for (const [at, action] of actions) {
  if (action === "start") engine.start(at);
  else if (action === "tick") engine.tick(at);
  else if (action === "frame") frames.push(engine.frame(at));
  else engine[action](at);
}
const pace = breath({ breaths: 5, seconds_per_breath: 6 }, 1.5);
console.log(JSON.stringify({ events, frames, result: engine.result(), over: engine.over,
  mmss: [mmss(0), mmss(0.2), mmss(59.5), mmss(61)], pace }));
"""


def run(tmp_path: Path, steps: list[dict[str, Any]], actions: list[tuple[float, str]]) -> Any:
    shutil.copy(ENGINE, tmp_path / "engine.mjs")
    (tmp_path / "run.mjs").write_text(SCRIPT, encoding="utf-8")
    payload = json.dumps({"steps": steps, "actions": actions})
    out = subprocess.run(
        [str(NODE), "run.mjs", payload],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
        timeout=20,
    )
    return json.loads(out.stdout)


@pytest.fixture(scope="module")
def steps() -> list[dict[str, Any]]:
    return services.evaluate(short_plan()).timeline_json()


def test_played_through_every_cue_fires_once_in_order(tmp_path: Path, steps: Any) -> None:
    total = sum(s["seconds"] for s in steps)
    ticks = [(t * 0.7, "tick") for t in range(int(total / 0.7) + 3)]
    out = run(tmp_path, steps, [(0, "start"), *ticks])
    cues = [(e["index"], e["say"]) for e in out["events"] if e["type"] == "cue"]
    assert cues == [(i, c["say"]) for i, s in enumerate(steps) for c in s["cues"]]
    entered = [e["index"] for e in out["events"] if e["type"] == "step"]
    assert entered == list(range(len(steps)))
    assert out["events"][-1] == {"type": "end", "completed": True}
    assert out["result"] == {
        "completed": True,
        "seconds": total,
        "planned": len(steps) - 1,
        "done": len(steps) - 1,
        "skipped": [],
    }


def test_one_late_tick_carries_time_into_the_next_steps(tmp_path: Path, steps: Any) -> None:
    # the phone slept for 60 s: the first two steps (20 + 30 s) end, 10 s into the third
    out = run(tmp_path, steps, [(0, "start"), (60, "tick"), (60, "frame")])
    frame = out["frames"][0]
    assert frame["index"] == 2 and frame["elapsed"] == 10
    said = [e["say"] for e in out["events"] if e["type"] == "cue"]
    assert said[-1] == steps[2]["cues"][-1]["say"]  # the empty-stomach cue at 5 s
    assert out["result"]["done"] == 2


def test_pause_skip_back_and_stop(tmp_path: Path, steps: Any) -> None:
    actions = [
        (0, "start"),
        (5, "togglePause"),  # paused 5 s into step 1
        (100, "frame"),  # time stands still while paused
        (100, "togglePause"),
        (102, "next"),  # skip step 1 at 7 s: step 2 starts at 0
        (104, "frame"),
        (104, "back"),  # back to step 1, from zero
        (104, "frame"),
        (110, "stop"),
    ]
    out = run(tmp_path, steps, actions)
    paused, after_skip, after_back = out["frames"]
    assert paused["paused"] and paused["index"] == 0 and paused["elapsed"] == 5
    assert after_skip["index"] == 1 and after_skip["elapsed"] == 2
    assert after_back["index"] == 0 and after_back["elapsed"] == 0
    assert out["events"][-1] == {"type": "end", "completed": False}
    result = out["result"]
    assert result["completed"] is False and result["done"] == 0
    assert result["skipped"] == [0]
    assert result["seconds"] == 15  # 5 + 2 + 2 + 6: the 95 paused seconds left out
    first = steps[0]["cues"][0]["say"]
    assert [e["say"] for e in out["events"] if e["type"] == "cue"].count(first) == 2


def test_countdown_words_and_the_breathing_pacer(tmp_path: Path, steps: Any) -> None:
    out = run(tmp_path, steps, [(0, "start")])
    assert out["mmss"] == ["00:00", "00:01", "01:00", "01:01"]
    assert out["pace"]["word"] == "breathe in" and out["pace"]["count"] == "breath 1 of 5"
    assert out["pace"]["size"] == pytest.approx(0.5)
