"""The people practitioner-mode tests act as, built directly (no fixtures files): alice, a person
with a plan; paula, her physiotherapist, linked with every scope; peter, a massage therapist
with another client; bob, a signed-in stranger."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tests.helpers import example
from unknot.web.accounts.models import User
from unknot.web.care import services
from unknot.web.care.models import Assessment
from unknot.web.practice import linking
from unknot.web.practice.models import SCOPE_IDS, Link, Practitioner


@dataclass(frozen=True)
class World:
    alice: User
    paula: User
    peter: User
    bob: User
    assessment: Assessment
    link: Link  # alice with paula


def person(email: str) -> User:
    return User.objects.create_user(email=email, password=f"{email} password 42")


def practitioner(user: User, name: str, profession: str) -> Practitioner:
    return linking.save_profile(user, name, profession, f"{name}'s practice", "01234 567890")


def link(client: User, who: Practitioner, scopes: tuple[str, ...] = SCOPE_IDS) -> Link:
    _, code = linking.make_invite(who)
    return linking.accept(client, code, scopes)


def build(document: dict[str, Any] | None = None) -> World:
    alice, paula, peter, bob = (
        person(f"{n}@example.org") for n in ("alice", "paula", "peter", "bob")
    )
    assessment = services.save_assessment(alice, document or example())
    physio = practitioner(paula, "Paula Reyes", "physiotherapist")
    masseur = practitioner(peter, "Peter Holm", "massage_therapist")
    link(person("carol@example.org"), masseur)
    return World(alice, paula, peter, bob, assessment, link(alice, physio))
