"""``unknot plan``: the readable routine, its JSON, and the weekly calendar file."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from tests.helpers import INTAKE, RED_FLAG, example, headline, words
from unknot.cli.app import app

runner = CliRunner()


DAY = "(MO|TU|WE|TH|FR|SA|SU)"
RRULE = re.compile(rf"RRULE:FREQ=WEEKLY;BYDAY={DAY}(,{DAY})*")
LOCAL_TIME = "%Y%m%dT%H%M%S"


def run(*args: str, stdin: str | None = None) -> Result:
    return runner.invoke(app, ["plan", *args], input=stdin)


def assert_no_crash(result: Result) -> None:
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def plan_json(path: Path = INTAKE) -> dict[str, Any]:
    result = runner.invoke(app, ["assess", str(path), "--json"])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def unfold(text: str) -> list[str]:
    """The content lines of an iCalendar text (RFC 5545 3.1), folded lines joined again."""
    lines: list[str] = []
    for line in text.split("\r\n")[:-1]:
        if line.startswith(" "):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    return lines


def events(lines: list[str]) -> list[dict[str, str]]:
    """The properties of each VEVENT (not of the alarms inside it), by name."""
    found: list[dict[str, str]] = []
    inside: list[str] = []
    for line in lines:
        name, _, value = line.partition(":")
        if name == "BEGIN":
            inside.append(value)
            if value == "VEVENT":
                found.append({})
        elif name == "END":
            inside.pop()
        elif inside and inside[-1] == "VEVENT":
            found[-1].setdefault(name.split(";")[0], value)
    return found


# --- the readable routine --------------------------------------------------------------------


def test_it_shows_the_routine_phase_by_phase_and_how_often() -> None:
    plan = plan_json()["plan"]
    result = run(str(INTAKE))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert headline("self_care") in out
    assert "Your routine" in out
    assert f"fits your {plan['budget_minutes']} minutes" in out
    assert f"{plan['minutes']:g} minutes with every step" in out
    for title in ("1. Release", "2. Stretch", "3. Strengthen"):
        assert title in out
    assert out.index("1. Release") < out.index("2. Stretch") < out.index("3. Strengthen")
    for phase in plan["phases"]:
        for item in phase["items"]:
            assert item["name"] in words(out)
    assert "How often" in out
    for note in plan["schedule"]["notes"]:
        assert note in words(out)


def test_it_shows_no_routine_for_a_red_flag_intake() -> None:
    result = run(str(RED_FLAG))
    assert result.exit_code == 0, result.output
    assert headline("emergency") in result.stdout
    assert "Your routine" not in result.stdout
    assert "How often" not in result.stdout


@pytest.mark.parametrize("path", [INTAKE, RED_FLAG], ids=["self-care", "red flag"])
def test_its_json_is_the_same_answer_as_assess_json(path: Path) -> None:
    result = run(str(path), "--json")
    assert result.exit_code == 0, result.output
    assessed = runner.invoke(app, ["assess", str(path), "--json"])
    assert result.stdout == assessed.stdout
    assert json.loads(result.stdout) == plan_json(path)


def test_it_reads_the_intake_from_standard_input() -> None:
    result = run("--json", stdin=INTAKE.read_text(encoding="utf-8"))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == plan_json()


# --- the calendar file -----------------------------------------------------------------------


@pytest.mark.parametrize("at", ["08:00", "07:30", "18:45"])
def test_it_writes_a_valid_weekly_icalendar_file(at: str, tmp_path: Path) -> None:
    out = tmp_path / "routine.ics"
    result = run(str(INTAKE), "--ics", str(out), "--at", at)
    assert result.exit_code == 0, result.output
    assert str(out) in words(result.stdout)

    raw = out.read_bytes()
    text = raw.decode("utf-8")
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", ""), "every line ends in CRLF"
    assert "\r" not in text.replace("\r\n", "")
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75, line

    lines = unfold(text)
    assert lines[0] == "BEGIN:VCALENDAR"
    assert lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines
    assert any(line.startswith("PRODID:") for line in lines)
    stack: list[str] = []
    for line in lines:
        if line.startswith("BEGIN:"):
            stack.append(line[6:])
        elif line.startswith("END:"):
            assert stack.pop() == line[4:]
    assert stack == []

    schedule = plan_json()["plan"]["schedule"]
    (event,) = events(lines)
    assert RRULE.fullmatch(f"RRULE:{event['RRULE']}")
    days = event["RRULE"].split("BYDAY=")[1].split(",")
    assert days == schedule["days"]
    assert len(days) == schedule["sessions_per_week"]
    assert "UID" in event
    assert "DTSTAMP" in event
    assert event["SUMMARY"].startswith("unknot routine")
    start = datetime.strptime(event["DTSTART"], LOCAL_TIME)
    end = datetime.strptime(event["DTEND"], LOCAL_TIME)
    assert start.strftime("%H:%M") == at
    minutes = plan_json()["plan"]["minutes"]
    assert end > start
    assert abs((end - start).total_seconds() / 60 - minutes) <= 1


def test_it_writes_the_calendar_from_standard_input(tmp_path: Path) -> None:
    out = tmp_path / "routine.ics"
    result = run("-", "--ics", str(out), stdin=json.dumps(example()))
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")


@pytest.mark.parametrize("at", ["7:61", "25:00", "noon", "08:00 pm"])
def test_it_refuses_a_bad_time_of_day_with_exit_code_2(at: str, tmp_path: Path) -> None:
    out = tmp_path / "routine.ics"
    result = run(str(INTAKE), "--ics", str(out), "--at", at)
    assert result.exit_code == 2
    assert_no_crash(result)
    stderr = words(result.stderr)
    assert "--at must be a time like 07:30" in stderr
    assert repr(at) in stderr
    assert not out.exists()


@dataclass(frozen=True)
class NoPlanCase:
    name: str
    intake: dict[str, Any]
    says: str


NO_PLAN = [
    NoPlanCase("red flag", example(RED_FLAG), headline("emergency")),
    NoPlanCase("urgent", example(findings=["fever"]), headline("urgent")),
    NoPlanCase(
        "not yet examined",
        example(cleared_by_clinician=False),
        headline("see_clinician"),
    ),
]


@pytest.mark.parametrize("case", NO_PLAN, ids=lambda c: c.name)
def test_it_writes_no_calendar_when_the_verdict_is_not_self_care(
    case: NoPlanCase, tmp_path: Path
) -> None:
    intake = tmp_path / "intake.json"
    intake.write_text(json.dumps(case.intake), encoding="utf-8")
    out = tmp_path / "routine.ics"
    result = run(str(intake), "--ics", str(out))
    assert result.exit_code == 1
    assert_no_crash(result)
    stderr = words(result.stderr)
    assert "no routine to schedule" in stderr
    assert case.says in stderr
    assert not out.exists()
    assert not list(tmp_path.glob("*.ics"))


def test_its_calendar_needs_exactly_one_intake(tmp_path: Path) -> None:
    line = json.dumps(example())
    out = tmp_path / "routine.ics"
    result = run("--ics", str(out), stdin=f"{line}\n{line}\n")
    assert result.exit_code == 2
    assert_no_crash(result)
    assert "give exactly one intake (got 2)" in words(result.stderr)
    assert not out.exists()


def test_its_calendar_refuses_an_invalid_intake_with_a_message(tmp_path: Path) -> None:
    out = tmp_path / "routine.ics"
    stdin = json.dumps(example(findings=["pain_standing_after_siting"]))
    result = run("--ics", str(out), stdin=stdin)
    assert result.exit_code == 1
    assert_no_crash(result)
    assert "did you mean 'pain_standing_after_sitting'" in words(result.stderr)
    assert not out.exists()


def test_it_says_so_when_it_cannot_write_the_calendar(tmp_path: Path) -> None:
    out = tmp_path / "no such folder" / "routine.ics"
    result = run(str(INTAKE), "--ics", str(out))
    assert result.exit_code == 2
    assert_no_crash(result)
    assert f"cannot write {out}" in words(result.stderr)
