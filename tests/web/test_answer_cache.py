"""An intake's answer is worked out once and kept (in the process, and with the assessment), but
never served for other answers, another knowledge base or other code, and never instead of the
red-flag screen of a new intake or check-in."""

from __future__ import annotations

import dataclasses
import sys
from typing import Any

import pytest

import unknot.clinical.assess  # noqa: F401 (the module, not the function)
from tests.helpers import example
from unknot.knowledge import KnowledgeBase
from unknot.knowledge.models import FindingKind
from unknot.web.accounts.models import User
from unknot.web.care import services
from unknot.web.care.diary import services as diary
from unknot.web.care.models import Assessment

pytestmark = pytest.mark.django_db


def red_flag(kb: KnowledgeBase) -> str:
    return next(f.id for f in kb.findings.values() if f.kind is FindingKind.red_flag)


def plan_names(evaluation: services.Evaluation) -> list[str]:
    routine = evaluation.answer.routine
    return [i.technique.id for i in routine.items] if routine else []


def smaller(kb: KnowledgeBase, evaluation: services.Evaluation) -> KnowledgeBase:
    """The knowledge base without the first technique of this plan: another version."""
    gone = plan_names(evaluation)[0]
    techniques = {k: v for k, v in kb.techniques.items() if k != gone}
    return dataclasses.replace(kb, techniques=techniques, version=kb.version + "-edited")


@pytest.fixture
def screens(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts every run of the red-flag screen, inside the core's assessment and the check-in."""
    runs: list[int] = []

    def counting(original: Any) -> Any:
        def screen(*args: Any, **kwargs: Any) -> Any:
            runs.append(1)
            return original(*args, **kwargs)

        return screen

    core = sys.modules["unknot.clinical.assess"]
    monkeypatch.setattr(core, "screen", counting(core.screen))
    monkeypatch.setattr(diary, "screen", counting(diary.screen))
    return runs


def test_the_same_answers_are_worked_out_once() -> None:
    first = services.evaluate(example())
    assert services.evaluate(example()) is first


def test_changed_answers_never_get_the_kept_answer() -> None:
    kept = services.evaluate(example())
    assert kept.verdict == "self_care"
    changed = services.evaluate(example(findings=[red_flag(services.kb())]))
    assert changed is not kept
    assert changed.verdict != "self_care"
    assert changed.answer.routine is None


def test_another_knowledge_base_never_gets_the_kept_answer() -> None:
    kb = services.kb()
    kept = services.evaluate(example())
    edited = smaller(kb, kept)
    other = services.evaluate(example(), knowledge=edited)
    assert other is not kept
    assert plan_names(kept)[0] not in plan_names(other)
    assert services.evaluate(example(), knowledge=kb) is kept


def test_an_assessment_keeps_its_answer_with_what_it_was_worked_out_with(alice: User) -> None:
    kept = services.save_assessment(alice, example())
    kept.refresh_from_db()
    assert kept.answer is not None
    assert kept.answer == services.evaluate(kept.intake).answer_json()
    assert kept.answer_key == services.answer_key(kept.intake, services.kb(), _today())


def test_a_kept_answer_is_worked_out_again_for_another_knowledge_base(
    alice: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = services.save_assessment(alice, example())
    before = dict(kept.answer or {})
    edited = smaller(services.kb(), services.evaluate(kept.intake))
    monkeypatch.setattr(services, "kb", lambda: edited)
    evaluation = services.evaluate_kept(kept)
    kept.refresh_from_db()
    assert kept.answer_key == services.answer_key(kept.intake, edited, _today())
    assert kept.answer == evaluation.answer_json() != before


def test_a_kept_verdict_follows_a_changed_intake(alice: User) -> None:
    kept = services.save_assessment(alice, example())
    Assessment.objects.filter(pk=kept.pk).update(intake=example(findings=[red_flag(services.kb())]))
    kept.refresh_from_db()
    assert kept.verdict == "self_care"  # as kept, before anything looks at it again
    services.evaluate_kept(kept)
    kept.refresh_from_db()
    assert kept.verdict != "self_care"
    assert kept.answer is not None and kept.answer["screening"]["verdict"] == kept.verdict


def test_every_new_intake_is_screened_even_when_its_answer_is_kept(
    alice: User, screens: list[int]
) -> None:
    services.evaluate(example())
    before = len(screens)
    services.save_assessment(alice, example())
    services.save_assessment(alice, example())
    assert len(screens) == before + 2


def test_every_check_in_with_a_warning_sign_is_screened(alice: User, screens: list[int]) -> None:
    services.save_assessment(alice, example())
    sign = red_flag(services.kb())
    for _ in range(2):
        before = len(screens)
        _, screening = diary.save_check_in(alice, 3, [sign], "")
        assert len(screens) > before
        assert screening is not None and not screening.self_care


def _today() -> Any:
    from django.utils import timezone

    return timezone.localdate()
