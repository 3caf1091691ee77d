"""The program builder and clearances: safety holds, doses stay in range, history is kept, and
a clearance is honoured only as far as the rules allow."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.helpers import example
from tests.web import practice_world
from tests.web.people import signed_in
from unknot.planning.program import ProgramEntry, ProgramError
from unknot.web.care import services
from unknot.web.care.models import Assessment, MeasureResult
from unknot.web.practice import programs
from unknot.web.practice.models import AuditEntry, ProgramVersion, RecordedClearance

pytestmark = pytest.mark.django_db


def _post(w: practice_world.World, data: dict[str, object]):  # type: ignore[no-untyped-def]
    return signed_in(w.paula).post(reverse("client_program", args=[w.link.pk]), data)


def _suggested(w: practice_world.World) -> list[ProgramEntry]:
    found = programs.client_evaluation(w.link)
    assert found is not None
    return [ProgramEntry(i.technique.id, i.sides if i.technique.one_sided else ())
            for i in found[1].answer.routine.items]  # type: ignore[union-attr]  # fmt: skip


def _form(entries: list[ProgramEntry], **extra: object) -> dict[str, object]:
    data: dict[str, object] = {"t": [e.technique for e in entries]}
    for n, e in enumerate(entries, 1):
        data[f"order-{e.technique}"] = n
        data[f"sides-{e.technique}"] = ",".join(e.sides)
    return data | extra


def test_the_builder_starts_from_the_planners_suggestion() -> None:
    w = practice_world.build()
    page = signed_in(w.paula).get(reverse("client_program", args=[w.link.pk])).content.decode()
    assert "unknot's suggestion" in page
    for entry in _suggested(w):
        assert f'name="t" value="{entry.technique}"' in page


def test_a_ruled_out_technique_cannot_be_added_and_the_builder_says_why() -> None:
    w = practice_world.build(example(conditions=["anticoagulants"]))
    entries = _suggested(w)
    response = _post(w, _form(entries, add="belly_ball_front_release"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "cannot be added" in page and "was not saved" in page
    assert not ProgramVersion.objects.exists()
    # and the list of what is not possible says why before anyone tries
    assert "Belly" in page or "belly" in page


def test_a_dose_out_of_range_is_refused_and_one_in_range_kept() -> None:
    w = practice_world.build()
    entries = _suggested(w)
    stretch = next(e for e in entries if e.technique == "psoas_standing_lunge_stretch")
    name = f"dose-{stretch.technique}-hold_seconds"
    response = _post(w, _form(entries, **{name: "300"}))
    assert response.status_code == 400 and "must be between 15 and 60" in response.content.decode()
    response = _post(w, _form(entries, **{name: "abc"}))
    assert response.status_code == 400 and "must be a number" in response.content.decode()
    assert _post(w, _form(entries, **{name: "45"})).status_code == 302
    kept = ProgramVersion.objects.get().entries
    assert {"technique": stretch.technique, "sides": list(stretch.sides),
            "dose": {"hold_seconds": 45.0}, "note": ""} in kept  # fmt: skip


def test_reorder_remove_notes_and_history() -> None:
    w = practice_world.build()
    entries = _suggested(w)
    assert _post(w, _form(entries, note="Little and often.")).status_code == 302
    first, second = entries[0].technique, entries[1].technique
    data = _form(entries, note="Little and often.", **{
        f"order-{first}": 2, f"order-{second}": 1, f"remove-{entries[-1].technique}": "1",
        f"note-{second}": "Go gently on the left.",
    })  # fmt: skip
    assert _post(w, data).status_code == 302
    versions = list(ProgramVersion.objects.order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert versions[1].author == w.paula
    assert "removed" in versions[1].change and "reordered" in versions[1].change
    assert [e["technique"] for e in versions[1].entries][:2] == [second, first]
    page = signed_in(w.paula).get(reverse("client_program", args=[w.link.pk])).content.decode()
    assert "Version 2" in page and "Version 1" in page
    assert AuditEntry.objects.filter(client=w.alice, action="change").count() == 2


def test_a_kept_results_page_follows_each_new_version_of_the_program() -> None:
    w = practice_world.build()
    alice = signed_in(w.alice)
    url = reverse("assessment", args=[w.assessment.pk])
    assert "Your program from" not in alice.get(url).content.decode()  # kept: the plain plan
    entries = _suggested(w)[:2]
    entries[1] = ProgramEntry(entries[1].technique, entries[1].sides, {}, "First version.")
    programs.save_program(w.link, w.paula, entries, "")
    assert "First version." in alice.get(url).content.decode()
    entries[1] = ProgramEntry(entries[1].technique, entries[1].sides, {}, "Second version.")
    programs.save_program(w.link, w.paula, entries, "")
    page = alice.get(url).content.decode()
    assert "Second version." in page and "First version." not in page


def test_the_client_sees_the_program_with_notes_and_name_in_results_player_and_handout() -> None:
    w = practice_world.build()
    entries = _suggested(w)[:2]
    entries[1] = ProgramEntry(entries[1].technique, entries[1].sides, {}, "Slow breaths.")
    programs.save_program(w.link, w.paula, entries, "Twice a day if you can.")
    alice = signed_in(w.alice)
    page = alice.get(reverse("assessment", args=[w.assessment.pk])).content.decode()
    assert "Your program from Paula Reyes" in page and "Twice a day if you can." in page
    assert "Paula Reyes&#x27;s note: Slow breaths." in page
    evaluation = services.evaluate_kept(w.assessment)
    assert [i.technique.id for i in evaluation.answer.routine.items] == [  # type: ignore[union-attr]
        e.technique for e in entries
    ]
    player = alice.get(reverse("session", args=[w.assessment.pk])).content.decode()
    assert entries[0].technique in player
    assert "Paula Reyes's note: Slow breaths." in player and "Your program from Paula" in player
    assert (
        alice.get(reverse("handout", args=[w.assessment.pk]))["Content-Type"] == "application/pdf"
    )


def test_a_red_flag_means_no_program() -> None:
    w = practice_world.build()
    services.save_assessment(w.alice, example(findings=["saddle_numbness"]))
    response = signed_in(w.paula).get(reverse("client_program", args=[w.link.pk]))
    assert "No program can be given" in response.content.decode()
    with pytest.raises(ProgramError, match="warning sign"):
        programs.save_program(w.link, w.paula, [ProgramEntry("glute_bridge")], "")


def test_a_program_the_answers_no_longer_allow_is_not_followed() -> None:
    w = practice_world.build()
    programs.save_program(
        w.link, w.paula, [ProgramEntry("quads_ball_prone", ("left", "right"))], ""
    )
    later = services.save_assessment(w.alice, example(pregnant=True, sex="female"))
    evaluation = services.evaluate_kept(later)
    assert evaluation.program is None and evaluation.program_refused


# --- clearances ---------------------------------------------------------------------------------

CANCER = {"conditions": ["cancer_history"]}


def _clear(w: practice_world.World, user: object, rules: list[str]):  # type: ignore[no-untyped-def]
    day = (timezone.localdate() - timedelta(days=1)).isoformat()
    return signed_in(user).post(  # type: ignore[arg-type]
        reverse("client_clearance", args=[w.link.pk]), {"rules": rules, "examined_on": day}
    )


def test_a_physios_clearance_lifts_only_the_named_rule() -> None:
    w = practice_world.build(example(**CANCER))
    assert services.evaluate_kept(w.assessment).verdict == "see_clinician"
    assert _clear(w, w.paula, ["night_pain"]).status_code == 302
    assert services.evaluate_kept(w.assessment).verdict == "see_clinician"
    assert _clear(w, w.paula, ["past_cancer"]).status_code == 302
    assert services.evaluate_kept(w.assessment).verdict == "self_care"
    assert Assessment.objects.get(pk=w.assessment.pk).verdict == "self_care"  # diary, list
    # stored server-side, never in the person's own document
    assert "recorded_clearances" not in Assessment.objects.get(pk=w.assessment.pk).intake
    page = signed_in(w.alice).get("/practitioners/").content.decode()
    assert "Paula Reyes examined you on" in page
    results = signed_in(w.alice).get(reverse("assessment", args=[w.assessment.pk])).content
    assert b"Paula Reyes examined you on" in results


def test_an_earlier_clearance_never_covers_a_sign_new_at_a_check_in() -> None:
    w = practice_world.build(example(findings=["unexplained_weight_loss"], duration_weeks=3))
    assert _clear(w, w.paula, ["weight_loss"]).status_code == 302  # examined yesterday
    assert services.evaluate_kept(w.assessment).verdict == "self_care"
    # the sign is reported again at a check-in today: yesterday's examination did not see it
    reported = signed_in(w.alice).post(
        "/diary/check-in/", {"pain": "4", "warning_signs": ["unexplained_weight_loss"]}
    )
    assert reported.status_code in (200, 302)
    latest = Assessment.objects.filter(owner=w.alice).order_by("-created", "-id").first()
    assert latest is not None and latest.pk != w.assessment.pk and latest.from_check_in
    assert services.evaluate_kept(latest).verdict == "see_clinician"
    assert services.paused_by(w.assessment) == latest


def test_a_massage_therapist_cannot_clear() -> None:
    w = practice_world.build(example(**CANCER))
    masseur = w.peter.practitioner
    link = practice_world.link(w.alice, masseur)
    page = signed_in(w.peter).get(reverse("client_clearance", args=[link.pk])).content.decode()
    assert "may not record a clearance" in page
    data = {"rules": ["past_cancer"], "examined_on": "2026-01-01"}
    response = signed_in(w.peter).post(reverse("client_clearance", args=[link.pk]), data)
    assert response.status_code == 403
    assert "Massage training does not cover" in response.content.decode()
    assert not RecordedClearance.objects.exists()
    assert services.evaluate_kept(w.assessment).verdict == "see_clinician"


def test_only_rules_a_recorded_clearance_may_lift_are_offered_or_kept() -> None:
    w = practice_world.build(example(**CANCER))
    response = _clear(w, w.paula, ["saddle_anaesthesia"])
    assert response.status_code == 400
    assert not RecordedClearance.objects.exists()


def test_a_persons_own_intake_cannot_carry_a_clearance() -> None:
    w = practice_world.build()
    document = example(**CANCER, recorded_clearances=[{
        "rules": ["past_cancer"], "examined_on": "2026-01-01", "profession": "doctor", "by": "Me",
    }])  # fmt: skip
    kept = services.save_assessment(w.alice, document)
    assert "recorded_clearances" not in kept.intake
    assert kept.verdict == "see_clinician"


def test_the_practitioner_records_an_oswestry_from_the_clinics_form() -> None:
    w = practice_world.build()
    data = {f"section_{n}": "2" for n in range(1, 11)}
    url = reverse("client_measure", args=[w.link.pk, "odi"])
    assert signed_in(w.paula).post(url, data).status_code == 302
    row = MeasureResult.objects.get(owner=w.alice)
    assert row.score == 40 and row.recorded_by == w.paula
    assert signed_in(w.paula).post(url, {"section_1": "9"}).status_code == 400


def test_an_examination_after_answers_the_person_dated_still_counts() -> None:
    day = timezone.localdate() - timedelta(days=3)
    document = example(**CANCER, cleared_on=day.isoformat(), answered_on=day.isoformat())
    w = practice_world.build(document)
    assert _clear(w, w.paula, ["past_cancer"]).status_code == 302  # examined yesterday
    assert services.evaluate_kept(w.assessment).verdict == "self_care"


def test_without_the_plan_shared_there_is_no_builder_and_nothing_leaks() -> None:
    w = practice_world.build(example(conditions=["anticoagulants"]))
    w.link.scopes = ["diary"]
    w.link.save()
    page = signed_in(w.paula).get(reverse("client_program", args=[w.link.pk])).content.decode()
    assert "No answers to build on yet" in page and "anticoagulant" not in page.lower()
    with pytest.raises(ProgramError):
        programs.save_program(w.link, w.paula, [ProgramEntry("glute_bridge")], "")
