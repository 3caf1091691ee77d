"""``unknot assess``: the readable summary, the INTAKE.md JSON answer, stdin, JSON Lines, and
refusals that say what is wrong without a traceback."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from tests.helpers import INTAKE, RED_FLAG, example, headline, words
from unknot.cli.app import app
from unknot.clinical import parse_intake
from unknot.knowledge import KnowledgeBase
from unknot.planning import answer, answer_json

from .intake_ids import MUSCLES, PLAN_ITEM_KEYS
from .intake_ids import POSITIONS as POSITION_IDS

runner = CliRunner()


VERDICTS = ("self_care", "see_clinician", "urgent", "emergency")
PHASES = ("release", "stretch", "strengthen")
ITEM_KEYS = PLAN_ITEM_KEYS
POSITIONS = set(POSITION_IDS)


def run(*args: str, stdin: str | None = None) -> Result:
    return runner.invoke(app, ["assess", *args], input=stdin)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def expected_answer(data: dict[str, Any], kb: KnowledgeBase) -> Any:
    """What the core answers for one intake, as it reads after a trip through JSON."""
    return json.loads(json.dumps(answer_json(answer(parse_intake(data, kb), kb), kb)))


def assert_no_crash(result: Result) -> None:
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def assert_contract(data: dict[str, Any]) -> None:
    """The field names and value rules of an INTAKE.md answer."""
    assert {"screening", "muscles", "plan"} <= set(data)
    screening = data["screening"]
    assert screening["verdict"] in VERDICTS
    assert screening["reasons"]
    for reason in screening["reasons"]:
        assert {"id", "text", "sources"} <= set(reason)
        assert reason["text"] and reason["sources"]
    for caution in screening["cautions"]:
        assert {"id", "text"} <= set(caution)
    scores = [m["score"] for m in data["muscles"]]
    assert scores == sorted(scores, reverse=True)
    for muscle in data["muscles"]:
        assert muscle["id"] in MUSCLES
        assert 0 <= muscle["score"] <= 1
        assert muscle["because"]
        for why in muscle["because"]:
            assert why["text"] and why["sources"]
    if screening["verdict"] != "self_care":
        assert data["plan"] is None
        return
    plan = data["plan"]
    phases = [p["phase"] for p in plan["phases"]]
    assert [p for p in phases if p in PHASES] == list(PHASES)
    for phase in plan["phases"]:
        for item in phase["items"]:
            assert set(item) >= ITEM_KEYS
            assert item["position"] in POSITIONS
            assert isinstance(item["floor"], bool)
            assert isinstance(item["abdominal_pressure"], bool)
            assert item["seconds"] > 0
    assert isinstance(plan["schedule"]["sessions_per_week"], int)


# --- one intake ------------------------------------------------------------------------------


def test_it_prints_a_readable_summary_with_a_verdict_and_the_muscles() -> None:
    result = run(str(INTAKE))
    assert result.exit_code == 0, result.output
    assert "Safety check" in result.stdout
    assert headline("self_care") in result.stdout
    assert "Muscles your answers point to (not a diagnosis)" in result.stdout
    assert "psoas (right)" in result.stdout
    assert "unknot plan" in result.stdout
    assert result.stderr == ""


def test_its_json_answer_follows_the_intake_contract(kb: KnowledgeBase) -> None:
    result = run(str(INTAKE), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert_contract(data)
    assert data["screening"]["verdict"] == "self_care"
    assert data["muscles"][0]["id"] == "psoas_major"
    owned = set(example()["props"])
    items = [item for phase in data["plan"]["phases"] for item in phase["items"]]
    assert items
    for item in items:
        assert set(item["props"]) <= owned
        if kb.techniques[item["technique"]].one_sided:
            assert sorted(item["sides"]) == ["left", "right"]
    assert data == expected_answer(example(), kb)


def test_it_sends_a_red_flag_intake_to_the_emergency_department() -> None:
    result = run(str(RED_FLAG), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert_contract(data)
    assert data["screening"]["verdict"] == "emergency"
    assert data["plan"] is None

    summary = run(str(RED_FLAG))
    assert summary.exit_code == 0, summary.output
    assert headline("emergency") in summary.stdout
    assert "emergency department" in words(summary.stdout).lower()
    assert "unknot plan" not in summary.stdout


@pytest.mark.parametrize("args", [("-",), ()], ids=["dash", "no argument"])
def test_it_reads_an_intake_from_standard_input(args: tuple[str, ...]) -> None:
    text = INTAKE.read_text(encoding="utf-8")
    from_file = run(str(INTAKE), "--json")
    result = run(*args, "--json", stdin=text)
    assert result.exit_code == 0, result.output
    assert result.stdout == from_file.stdout

    summary = run(*args, stdin=text)
    assert summary.exit_code == 0, summary.output
    assert headline("self_care") in summary.stdout


# --- JSON Lines ------------------------------------------------------------------------------


def mixed_intakes(count: int) -> list[dict[str, Any]]:
    """Valid intakes on alternating sides, with a red-flag intake every fifth line."""
    intakes = []
    for i in range(count):
        if i % 5 == 2:
            intakes.append(example(RED_FLAG, age=30 + i))
        else:
            side = ("left", "right")[i % 2]
            pain = [{"region": "low_back", "side": side, "intensity": i % 11}]
            intakes.append(example(age=20 + i, pain=pain, minutes=5 + i % 40))
    return intakes


def test_it_answers_fifty_json_lines_one_line_each_in_order(kb: KnowledgeBase) -> None:
    intakes = mixed_intakes(50)
    stdin = "".join(json.dumps(i) + "\n" for i in intakes)
    result = run("--json", stdin=stdin)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 50
    answers = [json.loads(line) for line in lines]
    for data in answers:
        assert_contract(data)
    verdicts = [a["screening"]["verdict"] for a in answers]
    assert verdicts == ["emergency" if i % 5 == 2 else "self_care" for i in range(50)]
    assert answers == [expected_answer(i, kb) for i in intakes]


@dataclass(frozen=True)
class BadLineCase:
    name: str
    line: str
    says: str


BAD_LINES = [
    BadLineCase("not json", '{"age": 40, "pain": [', "not valid JSON"),
    BadLineCase(
        "misspelt finding",
        json.dumps(example(findings=["pain_standing_after_siting"])),
        "did you mean 'pain_standing_after_sitting'",
    ),
    BadLineCase("a child", json.dumps(example(age=12)), "16"),
    BadLineCase("not an object", "[1, 2, 3]", "must be a JSON object"),
]


@pytest.mark.parametrize("case", BAD_LINES, ids=lambda c: c.name)
def test_a_bad_json_line_becomes_an_error_line_and_the_rest_are_answered(
    case: BadLineCase, tmp_path: Path
) -> None:
    good = json.dumps(example())
    red = json.dumps(example(RED_FLAG))
    # a blank line counts: line numbers are the ones an editor shows
    path = write(tmp_path, "many.jsonl", "\n".join([good, red, "", case.line, good]) + "\n")
    result = run(str(path), "--json")
    assert result.exit_code == 1
    assert_no_crash(result)
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == 4
    assert [a["screening"]["verdict"] for a in (out[0], out[1], out[3])] == [
        "self_care",
        "emergency",
        "self_care",
    ]
    error = out[2]
    assert set(error) == {"line", "error"}
    assert error["line"] == 4
    assert isinstance(error["error"], list)
    assert error["error"]
    assert all(isinstance(message, str) and message for message in error["error"])
    assert case.says in " ".join(error["error"])
    stderr = words(result.stderr)
    assert "line 4:" in stderr
    assert case.says in stderr


def test_a_bad_json_line_is_named_in_the_readable_summary_too(tmp_path: Path) -> None:
    lines = [json.dumps(example()), json.dumps(example(age=9))]
    result = run(str(write(tmp_path, "two.jsonl", "\n".join(lines))))
    assert result.exit_code == 1
    assert_no_crash(result)
    assert headline("self_care") in result.stdout
    assert "line 2:" in words(result.stderr)


# --- refusals --------------------------------------------------------------------------------


@pytest.mark.parametrize("as_json", [(), ("--json",)], ids=["summary", "json"])
def test_it_refuses_a_misspelt_finding_and_suggests_the_right_one(
    as_json: tuple[str, ...], tmp_path: Path
) -> None:
    data = example(findings=["pain_standing_after_siting", "eased_lying_hips_bent"])
    result = run(str(write(tmp_path, "typo.json", json.dumps(data))), *as_json)
    assert result.exit_code != 0
    assert_no_crash(result)
    assert "did you mean 'pain_standing_after_sitting'" in words(result.stderr)
    assert "pain_standing_after_siting" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("age", [15, 5])
def test_it_refuses_anyone_under_16_with_a_clear_message(age: int, tmp_path: Path) -> None:
    result = run("--json", stdin=json.dumps(example(age=age)))
    assert result.exit_code != 0
    assert_no_crash(result)
    stderr = words(result.stderr)
    assert f"age {age}" in stderr
    assert "aged 16 and over" in stderr
    assert result.stdout == ""


@pytest.mark.parametrize("target", ["missing.json", "."], ids=["no such file", "a folder"])
def test_it_refuses_a_path_it_cannot_read_with_exit_code_2(target: str, tmp_path: Path) -> None:
    path = tmp_path / target
    result = run(str(path), "--json")
    assert result.exit_code == 2
    assert_no_crash(result)
    stderr = words(result.stderr)
    assert "cannot read" in stderr
    assert str(path) in stderr
    assert result.stdout == ""


@pytest.mark.parametrize("text", ["", "   \n\n  \n"], ids=["empty", "blank"])
def test_it_refuses_empty_input_with_exit_code_2(text: str, tmp_path: Path) -> None:
    for args, stdin in (((), text), ((str(write(tmp_path, "empty.json", text)),), None)):
        result = run(*args, "--json", stdin=stdin)
        assert result.exit_code == 2
        assert_no_crash(result)
        assert "no intake given" in words(result.stderr)
        assert result.stdout == ""


def test_a_pretty_printed_intake_with_one_typo_gets_one_error_that_says_where() -> None:
    result = run("-", stdin='{\n  "age": 40\n  "pain": []\n}\n')
    assert_no_crash(result)
    assert result.exit_code == 1
    assert result.stderr.count("not valid JSON") == 1
    assert "line 3" in result.stderr


def test_the_same_intakes_give_byte_identical_answers_whatever_the_hash_seed(
    tmp_path: Path,
) -> None:
    """Set and dict orders change with PYTHONHASHSEED; the answers must not."""
    import random
    import subprocess
    import sys

    from tests.strategies import CONDITIONS, FINDINGS, PROPS, REGIONS

    rng = random.Random(11)  # noqa: S311 - the same test intakes every run
    lines = [
        json.dumps(
            {
                "age": rng.randint(21, 49),
                "duration_weeks": rng.choice([2, 4]),
                "pain": [
                    {"region": r, "side": rng.choice(["left", "right"]), "intensity": 6}
                    for r in rng.sample(REGIONS, 3)
                ],
                "findings": rng.sample(FINDINGS, 6),
                "conditions": rng.sample(CONDITIONS, rng.choice([0, 1])),
                "props": rng.sample(PROPS, 4),
                "cleared_by_clinician": True,
                "floor_ok": True,
            }
        )
        for _ in range(120)
    ]
    source = write(tmp_path, "many.jsonl", "\n".join(lines) + "\n")
    outputs = set()
    for seed in ("0", "1", "12345"):
        done = subprocess.run(
            [sys.executable, "-m", "unknot", "assess", "--json", str(source)],
            capture_output=True,
            env={**os.environ, "PYTHONHASHSEED": seed, "UNKNOT_HOME": str(tmp_path)},
            check=False,
        )
        assert done.returncode in (0, 1), done.stderr
        outputs.add(done.stdout)
    assert len(outputs) == 1
    assert outputs.pop().count(b"\n") == len(lines)


def test_everyday_words_on_the_command_line_are_read_and_said(tmp_path: Path) -> None:
    data = example(findings=["numb where I sit", "my cat sits on me"])
    result = run("--json", stdin=json.dumps(data))
    assert result.exit_code == 0, result.output
    screening = json.loads(result.stdout)["screening"]
    assert screening["verdict"] == "emergency"
    assert screening["read"][0]["read_as"] == ["saddle_numbness"]
    assert screening["unclear"][0]["text"] == "my cat sits on me"
    summary = run(stdin=json.dumps(data))
    assert 'Not understood: "my cat sits on me"' in words(summary.stdout)
