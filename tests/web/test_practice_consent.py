"""Linking with consent: invites, what the client sees before accepting, scopes, revoking."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.web import practice_world
from tests.web.people import signed_in
from unknot.web.care.access import Level, get_for
from unknot.web.care.models import Assessment, CheckIn, MeasureResult, SessionRecord
from unknot.web.practice import linking
from unknot.web.practice.models import AuditEntry, Invite, Link

pytestmark = pytest.mark.django_db


def test_a_practitioner_makes_a_profile_and_an_invite_with_a_qr_code() -> None:
    paula = practice_world.person("paula@example.org")
    client = signed_in(paula)
    assert client.get("/practice/").status_code == 302  # no profile yet: make one first
    response = client.post("/practice/profile/", {"name": "Paula Reyes",
                                                  "profession": "physiotherapist"})  # fmt: skip
    assert response.status_code == 302
    page = client.post("/practice/invite/").content.decode()
    assert 'id="invite-code"' in page and "<svg" in page and "/join/" in page
    invite = Invite.objects.get()
    assert invite.expires > timezone.now() + timedelta(days=6)
    code = page.split('id="invite-code" aria-label="Invite code">')[1].split("<")[0]
    assert code.upper() not in invite.digest.upper()  # only a hash is kept


def test_a_profile_with_an_unknown_profession_is_refused_without_an_error() -> None:
    client = signed_in(practice_world.person("paula@example.org"))
    response = client.post("/practice/profile/", {"name": "P", "profession": "wizard"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_the_client_sees_who_and_exactly_what_is_shared_then_accepts_some() -> None:
    paula = practice_world.practitioner(
        practice_world.person("p@example.org"), "Paula", "physiotherapist"
    )
    alice = practice_world.person("alice@example.org")
    _, code = linking.make_invite(paula)
    client = signed_in(alice)
    page = client.get(reverse("practice_accept", args=[code])).content.decode()
    assert "Paula" in page and "physiotherapist" in page
    for label in ("your answers, results and plan", "the sessions you do", "check-ins", "measures"):
        assert label in page
    response = client.post(reverse("practice_accept", args=[code]), {"scopes": ["plan", "diary"]})
    assert response.status_code == 302
    link = Link.objects.get(client=alice)
    assert link.scopes == ["plan", "diary"]
    # a check-in is not shared: 404 for the practitioner; a session is
    check_in = CheckIn.objects.create(owner=alice, pain=3)
    session = SessionRecord.objects.create(owner=alice)
    with pytest.raises(Exception, match="not found"):
        get_for(CheckIn, paula.user, check_in.pk)
    assert get_for(SessionRecord, paula.user, session.pk).level is Level.READ
    assert get_for(SessionRecord, alice, session.pk).level is Level.OWN


def test_a_code_works_once_and_not_after_it_expires() -> None:
    paula = practice_world.practitioner(
        practice_world.person("p@example.org"), "Paula", "physiotherapist"
    )
    alice, bob = practice_world.person("a@example.org"), practice_world.person("b@example.org")
    _, code = linking.make_invite(paula)
    linking.accept(alice, code, ["plan"])
    response = signed_in(bob).post(reverse("practice_accept", args=[code]), {"scopes": ["plan"]})
    assert response.status_code == 404
    assert "does not work" in response.content.decode()
    invite, late = linking.make_invite(paula)
    Invite.objects.filter(pk=invite.pk).update(expires=timezone.now() - timedelta(seconds=1))
    assert signed_in(bob).get(reverse("practice_accept", args=[late])).status_code == 404
    assert not Link.objects.filter(client=bob).exists()


def test_one_cannot_link_to_oneself_or_share_nothing() -> None:
    user = practice_world.person("p@example.org")
    paula = practice_world.practitioner(user, "Paula", "physiotherapist")
    _, code = linking.make_invite(paula)
    page = signed_in(user).post(reverse("practice_accept", args=[code]), {"scopes": ["plan"]})
    assert "your own code" in page.content.decode()
    alice = practice_world.person("a@example.org")
    page = signed_in(alice).post(reverse("practice_accept", args=[code]), {})
    assert "at least one" in page.content.decode()
    assert not Link.objects.exists()


def test_redeeming_codes_is_throttled() -> None:
    client = signed_in(practice_world.person("a@example.org"))
    statuses = [client.get(reverse("practice_accept", args=["ABCDE-FGHJK"])).status_code
                for _ in range(linking.REDEEM.limit + 1)]  # fmt: skip
    assert statuses[:-1] == [404] * linking.REDEEM.limit
    assert statuses[-1] == 429


@pytest.mark.parametrize("code", ["", "x" * 200, "ÄÖÜ", "<script>", "12345-67890", "%00"])
def test_bad_codes_never_fail(code: str) -> None:
    client = signed_in(practice_world.person("a@example.org"))
    response = client.post("/join/", {"code": code})
    assert response.status_code in (200, 302)


def test_revoking_ends_all_access_at_once_and_is_listed() -> None:
    w = practice_world.build()
    paula = signed_in(w.paula)
    assert paula.get(reverse("client_record", args=[w.link.pk])).status_code == 200
    alice = signed_in(w.alice)
    page = alice.get("/practitioners/").content.decode()
    assert "Paula Reyes" in page and "Stop sharing" in page
    assert alice.post(reverse("revoke_link", args=[w.link.pk])).status_code == 302
    assert paula.get(reverse("client_record", args=[w.link.pk])).status_code == 404
    assert paula.get(reverse("assessment", args=[w.assessment.pk])).status_code == 404
    assert "alice" not in paula.get("/practice/").content.decode()
    page = alice.get("/practitioners/").content.decode()
    assert "No longer shared" in page


def test_a_client_may_link_to_several_practitioners() -> None:
    w = practice_world.build()
    peter = w.peter.practitioner
    practice_world.link(w.alice, peter)
    assert Link.objects.filter(client=w.alice, revoked__isnull=True).count() == 2
    assert get_for(Assessment, w.peter, w.assessment.pk).level is Level.READ


def test_every_practitioner_read_is_in_the_clients_log() -> None:
    w = practice_world.build()
    paula = signed_in(w.paula)
    paula.get(reverse("client_record", args=[w.link.pk]))
    paula.get(reverse("assessment", args=[w.assessment.pk]))
    log = list(
        AuditEntry.objects.filter(client=w.alice).values_list("actor_name", "action", "what")
    )
    assert ("Paula Reyes", "read", "client record") in log
    assert ("Paula Reyes", "read", f"assessment {w.assessment.pk}") in log
    page = signed_in(w.alice).get("/practitioners/").content.decode()
    assert "opened client record" in page
    # alice's own reads are not logged
    count = AuditEntry.objects.count()
    signed_in(w.alice).get(reverse("assessment", args=[w.assessment.pk]))
    assert AuditEntry.objects.count() == count


def test_the_json_export_carries_the_audit_log_and_clearances() -> None:
    w = practice_world.build()
    signed_in(w.paula).get(reverse("client_record", args=[w.link.pk]))
    response = signed_in(w.alice).get(reverse("export_json"))
    data = json.loads(b"".join(response.streaming_content))  # streamed: bounded memory
    practice = data["practitioners"]
    assert practice["links"][0]["practitioner"] == "Paula Reyes"
    assert any(
        e["what"] == "client record" and e["who"] == "Paula Reyes" for e in practice["audit"]
    )


def test_the_client_list_puts_a_warning_sign_first(client: Client) -> None:
    w = practice_world.build()
    carol = practice_world.person("carol2@example.org")
    practice_world.link(carol, w.paula.practitioner)
    SessionRecord.objects.create(owner=carol, pain_before=4, pain_after=2)
    CheckIn.objects.create(owner=w.alice, pain=6, symptoms=["saddle_numbness"])
    page = signed_in(w.paula).get("/practice/").content.decode()
    assert page.index("alice@example.org") < page.index("carol2@example.org")
    assert "Warning sign" in page


PER_CLIENT = 17  # summary queries (plan, adherence, pain, measures, warnings: each reads only
# what it shows, so the count does not grow with the history) and one audit entry


def test_the_client_list_costs_a_bounded_number_of_queries_per_client(
    django_assert_max_num_queries: object,
) -> None:
    w = practice_world.build()
    for n in range(2):
        other = practice_world.person(f"c{n}@example.org")
        practice_world.link(other, w.paula.practitioner)
        for _ in range(20):
            SessionRecord.objects.create(owner=other, pain_before=5, pain_after=3)
    client = signed_in(w.paula)
    with django_assert_max_num_queries(6 + 3 * PER_CLIENT):  # type: ignore[operator]
        assert client.get("/practice/").status_code == 200


def test_someone_new_opens_an_invite_signs_up_and_lands_on_it() -> None:
    paula = practice_world.practitioner(
        practice_world.person("p@example.org"), "Paula", "physiotherapist"
    )
    _, code = linking.make_invite(paula)
    invite_url = reverse("practice_accept", args=[code])
    phone = Client()
    to_login = phone.get(invite_url)
    assert to_login.status_code == 302
    login_page = phone.get(to_login["Location"]).content.decode()
    signup_url = login_page.split("New here?")[1].split('href="')[2].split('"')[0]
    signup_url = signup_url.replace("&amp;", "&")
    page = phone.get(signup_url).content.decode()
    assert "invitation" in page
    made = phone.post(
        reverse("signup"), {"email": "new@example.org", "password": "a long new password 42"}
    )
    assert made.status_code == 302, made.content.decode()[:2000]
    assert made["Location"] == invite_url
    assert "Paula" in phone.get(invite_url).content.decode()


def test_sign_up_never_leads_to_another_site() -> None:
    phone = Client()
    phone.get(reverse("signup") + "?next=https://evil.example/")
    made = phone.post(
        reverse("signup"), {"email": "new@example.org", "password": "a long new password 42"}
    )
    assert made.status_code == 302
    assert not made["Location"].startswith("https://evil.example")


def test_the_client_list_and_record_show_each_measures_latest_score_and_change() -> None:
    w = practice_world.build()
    now = timezone.now()
    MeasureResult.objects.create(owner=w.alice, measure="rmdq", answers={"total": 14}, score=14,
                                 at=now - timedelta(days=30))  # fmt: skip
    MeasureResult.objects.create(owner=w.alice, measure="rmdq", answers={"total": 6}, score=6,
                                 at=now)  # fmt: skip
    paula = signed_in(w.paula)
    for url in ("/practice/", reverse("client_record", args=[w.link.pk])):
        page = paula.get(url).content.decode()
        shown = page.split("Disability Questionnaire</dt>")[1].split("</dd>")[0]
        assert "<dd>6" in shown, url
        assert "fell by 8" in shown, url
    listed = paula.get("/api/v1/practice/clients").json()["items"][0]["measures"]
    assert listed[0]["latest"] == 6
