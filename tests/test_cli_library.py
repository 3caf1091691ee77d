"""``unknot library``: every table, its JSON, filters, ``show``, and the installed commands."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from unknot.cli.app import app
from unknot.knowledge import KnowledgeBase

runner = CliRunner()


BOX = re.compile(r"[│┃╭╮╰╯─━┏┓┗┛┡┩┠┨╇┳┻╋┣┫┼┬┴├┤┌┐└┘]")


def run(*args: str) -> Result:
    return runner.invoke(app, ["library", *args])


def flat(text: str) -> str:
    """The words of a rendered panel or table, box lines and line wrapping removed."""
    return " ".join(BOX.sub(" ", text).split())


def run_json(*args: str) -> Any:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@dataclass(frozen=True)
class TableCase:
    command: str
    table: str  # the KnowledgeBase attribute it lists
    title: str


TABLES = [
    TableCase("techniques", "techniques", "Techniques"),
    TableCase("muscles", "muscles", "Muscles"),
    TableCase("props", "props", "Props"),
    TableCase("sources", "sources", "Sources"),
    TableCase("regions", "regions", "Regions"),
    TableCase("findings", "findings", "Findings"),
    TableCase("conditions", "conditions", "Conditions"),
    TableCase("red-flags", "red_flags", "Red-flag rules"),
]


@pytest.mark.parametrize("case", TABLES, ids=lambda c: c.command)
def test_it_lists_every_entry_of_a_table_with_its_count(case: TableCase, kb: KnowledgeBase) -> None:
    entries = getattr(kb, case.table)
    result = run(case.command)
    assert result.exit_code == 0, result.output
    assert f"{case.title} ({len(entries)})" in result.stdout
    missing = [entry_id for entry_id in entries if entry_id not in result.stdout]
    assert missing == []


@pytest.mark.parametrize("case", TABLES, ids=lambda c: c.command)
def test_its_json_has_every_id_of_the_table(case: TableCase, kb: KnowledgeBase) -> None:
    data = run_json(case.command)
    ids = [entry["id"] for entry in data]
    assert len(ids) == len(set(ids))
    assert set(ids) == set(getattr(kb, case.table))


def test_its_technique_json_says_which_conditions_rule_each_out(kb: KnowledgeBase) -> None:
    for entry in run_json("techniques"):
        assert entry["ruled_out_by_conditions"] == list(kb.conditions_ruling_out(entry["id"]))


@dataclass(frozen=True)
class FilterCase:
    args: tuple[str, ...]
    phase: str | None = None
    target: str | None = None


FILTERS = [
    FilterCase(("--phase", "stretch"), phase="stretch"),
    FilterCase(("--phase", "strengthen"), phase="strengthen"),
    FilterCase(("--target", "quadratus_lumborum"), target="quadratus_lumborum"),
    FilterCase(("--phase", "release", "--target", "psoas_major"), "release", "psoas_major"),
]


@pytest.mark.parametrize("case", FILTERS, ids=lambda c: " ".join(c.args))
def test_it_filters_techniques_by_phase_and_target(case: FilterCase, kb: KnowledgeBase) -> None:
    expected = {
        t.id
        for t in kb.techniques.values()
        if (case.phase is None or t.phase.value == case.phase)
        and (case.target is None or case.target in t.targets)
    }
    assert expected, "a filter case that matches nothing proves nothing"
    assert {t["id"] for t in run_json("techniques", *case.args)} == expected

    result = run("techniques", *case.args)
    assert result.exit_code == 0, result.output
    assert f"Techniques ({len(expected)})" in result.stdout
    shown = {t for t in kb.techniques if re.search(rf"\b{t}\b", result.stdout)}
    assert shown == expected


def test_it_shows_a_muscle_with_latin_name_attachments_and_referral(kb: KnowledgeBase) -> None:
    muscle = kb.muscles["psoas_major"]
    result = run("show", "psoas_major")
    assert result.exit_code == 0, result.output
    text = flat(result.stdout)
    assert "muscle: psoas_major" in text
    assert muscle.latin in text
    assert "Attaches" in text
    for attachment in muscle.attachments:
        assert flat(attachment) in text
    assert "Sends pain to:" in text
    for referral in muscle.referral:
        assert kb.regions[referral.region].name in text


def test_it_shows_a_technique_with_steps_dose_and_who_it_is_not_for(kb: KnowledgeBase) -> None:
    technique = kb.techniques["ql_ball_supine"]
    result = run("show", "ql_ball_supine")
    assert result.exit_code == 0, result.output
    text = flat(result.stdout)
    assert "Steps" in text
    for step in technique.steps:
        assert flat(step) in text
    assert f"Dose: {flat(technique.dose.text)}" in text
    assert "Not for people with:" in text
    for condition in kb.conditions_ruling_out("ql_ball_supine"):
        assert kb.conditions[condition].short in text


def test_its_show_json_adds_the_conditions_that_rule_a_technique_out(kb: KnowledgeBase) -> None:
    data = run_json("show", "psoas_prone_ball_breathing")
    assert data["id"] == "psoas_prone_ball_breathing"
    expected = list(kb.conditions_ruling_out("psoas_prone_ball_breathing"))
    assert data["ruled_out_by_conditions"] == expected
    assert {"osteoporosis", "pregnancy", "hip_replacement"} <= set(expected)


def test_its_show_json_of_a_muscle_has_no_technique_only_fields() -> None:
    data = run_json("show", "psoas_major")
    assert data["id"] == "psoas_major"
    assert data["latin"] == "Psoas major"
    assert "ruled_out_by_conditions" not in data


@pytest.mark.parametrize(
    ("entry_id", "suggests"),
    [("psoas_majr", "psoas_major"), ("ql_ball_supin", "ql_ball_supine"), ("zzzz", None)],
)
def test_it_refuses_an_unknown_id_with_exit_code_2_and_a_suggestion(
    entry_id: str, suggests: str | None
) -> None:
    for args in (("show", entry_id), ("show", entry_id, "--json")):
        result = run(*args)
        assert result.exit_code == 2
        assert f"No entry with id '{entry_id}'" in result.stderr
        if suggests:
            assert "Did you mean" in result.stderr
            assert suggests in result.stderr
        else:
            assert "Did you mean" not in result.stderr
        assert result.stdout == ""
        assert "Traceback" not in result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)


def test_the_installed_console_script_lists_techniques() -> None:
    script = Path(sys.executable).parent / "unknot"
    done = subprocess.run(
        [str(script), "library", "techniques"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Techniques (" in done.stdout
    assert "Traceback" not in done.stderr


def test_python_dash_m_unknot_prints_the_sources_as_json(kb: KnowledgeBase) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "unknot", "library", "sources", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert {s["id"] for s in json.loads(done.stdout)} == set(kb.sources)
