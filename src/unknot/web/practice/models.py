"""Practitioner mode: a practitioner's profile, the links their clients consented to, the
programs they give, the clearances they record and the log of everything they read or change.

Workflows live in ``practice.services`` (no ``save()`` overrides, no signals); who may see which
row is decided in ``care.access`` only.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from unknot.web.care.models import Assessment

# What a client shares with a practitioner they link to, in the order the consent page lists it.
SCOPES = (
    ("plan", "your answers, results and plan"),
    ("diary", "the sessions you do, with pain before and after"),
    ("check_ins", "your diary check-ins: pain, symptoms and notes"),
    ("measures", "your outcome measures (questionnaires and scores)"),
)
SCOPE_IDS = tuple(s for s, _ in SCOPES)


class Practitioner(models.Model):
    """A person who is also a practitioner, as their clients see them."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practitioner"
    )
    name = models.CharField(max_length=120)
    profession = models.CharField(max_length=40)  # a professions.yaml id
    practice_name = models.CharField(max_length=160, blank=True)
    contact = models.CharField(max_length=200, blank=True)
    created = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.name} ({self.profession})"


class Invite(models.Model):
    """A short code (and the link that carries it) a client redeems to link to a practitioner.
    Only a hash of the code is kept; it works once, until ``expires``."""

    practitioner = models.ForeignKey(Practitioner, on_delete=models.CASCADE, related_name="+")
    digest = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(default=timezone.now)
    expires = models.DateTimeField()
    used = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"invite {self.pk} of {self.practitioner_id}"


class Link(models.Model):
    """A client's consent to share ``scopes`` with a practitioner, until ``revoked``."""

    practitioner = models.ForeignKey(Practitioner, on_delete=models.CASCADE, related_name="links")
    client = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    scopes = models.JSONField(default=list)
    created = models.DateTimeField(default=timezone.now)
    revoked = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created", "-id")
        constraints = (
            models.UniqueConstraint(
                fields=("practitioner", "client"),
                condition=models.Q(revoked__isnull=True),
                name="one_live_link_per_pair",
            ),
        )

    def __str__(self) -> str:
        return f"link {self.pk}: {self.client_id} with {self.practitioner_id}"

    @property
    def active(self) -> bool:
        return self.revoked is None


class Program(models.Model):
    """A practitioner's program for a client; each change is a new ``ProgramVersion``."""

    practitioner = models.ForeignKey(Practitioner, on_delete=models.CASCADE, related_name="+")
    client = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created = models.DateTimeField(default=timezone.now)
    updated = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-updated", "-id")
        constraints = (
            models.UniqueConstraint(fields=("practitioner", "client"), name="one_program_per_pair"),
        )

    def __str__(self) -> str:
        return f"program {self.pk} for {self.client_id}"


class ProgramVersion(models.Model):
    """One state of a program: its entries (``ProgramEntry.as_json``), the note for the whole
    program, who made it, when, and from which of the client's assessments."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    entries = models.JSONField()
    note = models.TextField(blank=True, max_length=2000)
    change = models.CharField(max_length=300, blank=True)  # what changed, in a few words
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    assessment = models.ForeignKey(
        Assessment, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-number",)
        constraints = (
            models.UniqueConstraint(fields=("program", "number"), name="one_version_number"),
        )

    def __str__(self) -> str:
        return f"version {self.number} of program {self.program_id}"


class RecordedClearance(models.Model):
    """A dated clearance a practitioner recorded after examining the client: the red-flag rules
    it settles. Added to the client's intake when it is evaluated, never to the stored one."""

    client = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    practitioner = models.ForeignKey(
        Practitioner, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    by = models.CharField(max_length=200)  # the practitioner's name then
    profession = models.CharField(max_length=40)  # their profession then
    rules = models.JSONField()
    examined_on = models.DateField()
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-examined_on", "-id")

    def __str__(self) -> str:
        return f"clearance {self.pk} by {self.by} on {self.examined_on}"


class AuditEntry(models.Model):
    """One read or change of a client's data by a practitioner: who, what, when."""

    READ = "read"
    CHANGE = "change"

    client = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField(max_length=200)
    action = models.CharField(max_length=10)
    what = models.CharField(max_length=300)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-at", "-id")
        indexes = (models.Index(fields=("client", "-at")),)

    def __str__(self) -> str:
        return f"{self.actor_name} {self.action} {self.what} at {self.at:%Y-%m-%d %H:%M}"
