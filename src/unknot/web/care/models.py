"""What a person keeps: their assessments (intake + verdict), the sessions they did, their
check-ins and their outcome-measure results. Every row has an owner; read them only through
``unknot.web.care.access``, which scopes every query to the person asking.

An assessment keeps its answer (verdict and answer document) with the key it was worked out with
(``services.answer_key``: the intake, the knowledge base's version and the core's code). When the
key no longer matches, ``services.evaluate_kept`` works it out again and keeps it anew, so a fixed
rule in the knowledge base reaches old assessments too.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Owned(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        abstract = True


class Assessment(Owned):
    """One intake as the person answered it (the INTAKE.md document) and the verdict it got."""

    created = models.DateTimeField(default=timezone.now)
    intake = models.JSONField()
    verdict = models.CharField(max_length=20)
    # The answer document (``docs/schema/answer.schema.json``) and what it was worked out with.
    answer = models.JSONField(null=True, blank=True)
    answer_key = models.CharField(max_length=120, blank=True, default="")
    # Made when a warning sign was reported at a diary check-in: the sign is new as of
    # ``created``, so no examination from before that day covers it (services._kept_document).
    from_check_in = models.BooleanField(default=False)

    class Meta:
        ordering = ("-created", "-id")
        indexes = (models.Index(fields=("owner", "-created")),)

    def __str__(self) -> str:
        return f"assessment {self.pk} ({self.verdict}) of {self.created:%Y-%m-%d}"


class SessionRecord(Owned):
    """A guided session the person did (or stopped), with pain before and after (0-10)."""

    assessment = models.ForeignKey(
        Assessment, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    planned_steps = models.PositiveIntegerField(default=0)
    done_steps = models.PositiveIntegerField(default=0)
    seconds = models.PositiveIntegerField(default=0)
    pain_before = models.PositiveSmallIntegerField(null=True, blank=True)
    pain_after = models.PositiveSmallIntegerField(null=True, blank=True)
    note = models.TextField(blank=True, max_length=2000)
    # Made by the phone for each session played, so a log sent twice is kept once.
    client_id = models.CharField(max_length=40, blank=True, default="")

    class Meta:
        ordering = ("-at", "-id")
        indexes = (
            models.Index(fields=("owner", "-at")),
            # the diary's pain summaries and chart read these columns only (diary.series)
            models.Index(
                fields=("owner", "at", "pain_before", "pain_after"), name="session_pain_idx"
            ),
        )
        constraints = (
            models.UniqueConstraint(
                fields=("owner", "client_id"),
                condition=~models.Q(client_id=""),
                name="one_record_per_client_id",
            ),
        )

    def __str__(self) -> str:
        return f"session {self.pk} at {self.at:%Y-%m-%d %H:%M}"

    @property
    def completed(self) -> bool:
        return self.planned_steps > 0 and self.done_steps >= self.planned_steps


class CheckIn(Owned):
    """A diary note: pain now (0-10), symptoms (finding ids) and free text."""

    at = models.DateTimeField(default=timezone.now)
    pain = models.PositiveSmallIntegerField(null=True, blank=True)
    symptoms = models.JSONField(default=list, blank=True)
    note = models.TextField(blank=True, max_length=2000)

    class Meta:
        ordering = ("-at", "-id")
        indexes = (
            models.Index(fields=("owner", "-at")),
            models.Index(fields=("owner", "at", "pain"), name="check_in_pain_idx"),
        )

    def __str__(self) -> str:
        return f"check-in {self.pk} at {self.at:%Y-%m-%d %H:%M}"


class MeasureResult(Owned):
    """One completed outcome measure (``measure`` is a measures.yaml id) with its score."""

    at = models.DateTimeField(default=timezone.now)
    measure = models.CharField(max_length=20)
    answers = models.JSONField()
    score = models.FloatField()
    # the practitioner who entered it (from their clinic's form), when not the person themselves
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip

    class Meta:
        ordering = ("-at", "-id")
        indexes = (
            models.Index(fields=("owner", "measure", "-at")),
            models.Index(fields=("owner", "measure", "at", "score"), name="measure_score_idx"),
        )

    def __str__(self) -> str:
        return f"{self.measure} {self.score:g} at {self.at:%Y-%m-%d}"
