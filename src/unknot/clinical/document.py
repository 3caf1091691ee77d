"""The screening and the muscle ranking as typed JSON documents: the first two parts of the answer.

These pydantic models are the one shape every face gives (the command line's ``--json``, the
HTTP API and its OpenAPI document, the JSON Schema in ``docs/schema/``). Each is built from the
core's frozen dataclasses with ``of``; none holds a rule of its own. The plan part and the whole
answer, with its schema version, are in ``unknot.planning.document``.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from unknot.clinical.phrases import AnswerField, Reading
from unknot.clinical.screening import Caution, Reason, Screening
from unknot.clinical.triage import Evidence, MuscleScore
from unknot.knowledge import KnowledgeBase
from unknot.knowledge.models import ClearedBy, Tier


class Document(BaseModel):
    """A part of the answer: frozen, and refusing fields it does not know when read back."""

    model_config = ConfigDict(
        frozen=True, extra="forbid", json_schema_serialization_defaults_required=True
    )


class ReasonDocument(Document):
    """Why the verdict is what it is (a red-flag rule, or an answer that was not understood)."""

    id: str = Field(description="The red_flags.yaml rule id, or unclear_N for an unread answer.")
    tier: Tier = Field(description="The verdict this reason alone leads to.")
    text: str = Field(description="title, action and note in one sentence.")
    title: str = Field(description="What it may be, in plain words.")
    action: str = Field(description="What to do and where to go.")
    note: str | None = Field(description="Why a reported clearance does not lift this rule.")
    cleared_by: ClearedBy | None = Field(
        description="Who may lift this rule: self_report, clinician_record, or null for nobody."
    )
    sources: list[str] = Field(description="Source ids (`unknot library sources`).")

    @classmethod
    def of(cls, reason: Reason) -> ReasonDocument:
        return cls(
            id=reason.id,
            tier=reason.tier,
            text=reason.text,
            title=reason.title,
            action=reason.action,
            note=reason.note,
            cleared_by=reason.clearance,
            sources=list(reason.sources),
        )


class CautionDocument(Document):
    """Advice that stays with the answer: a condition's caution, a lifted rule, a doubtful read."""

    id: str
    text: str
    sources: list[str]

    @classmethod
    def of(cls, caution: Caution) -> CautionDocument:
        return cls(id=caution.id, text=caution.text, sources=list(caution.sources))


class ReadDocument(Document):
    """An answer in everyday words and the ids it was read as."""

    field: AnswerField
    text: str
    read_as: list[str] = Field(description="Finding or condition ids.")
    doubt: list[str] = Field(
        description="Words (a negation) that make the reading doubtful; empty when sure."
    )

    @classmethod
    def of(cls, reading: Reading) -> ReadDocument:
        return cls(
            field=reading.field,
            text=reading.text,
            read_as=list(reading.ids),
            doubt=list(reading.doubt),
        )


class UnclearDocument(Document):
    """An answer in everyday words that could not be read; never dropped, never ignored."""

    field: AnswerField
    text: str
    closest: list[str] = Field(description="The closest ids, for a person to check.")
    warning_words: list[str] = Field(description="Words in it that may mean a warning sign.")

    @classmethod
    def of(cls, reading: Reading) -> UnclearDocument:
        return cls(
            field=reading.field,
            text=reading.text,
            closest=list(reading.closest),
            warning_words=list(reading.warning_words),
        )


class ExcludedDocument(Document):
    """A technique the person's conditions rule out, and why."""

    technique: str
    name: str
    conditions: list[str]
    reasons: list[str]


class ScreeningDocument(Document):
    """The verdict and everything behind it."""

    verdict: Tier = Field(description="self_care, see_clinician, urgent or emergency.")
    reasons: list[ReasonDocument]
    read: list[ReadDocument]
    unclear: list[UnclearDocument]
    cautions: list[CautionDocument]
    excluded: list[ExcludedDocument]

    @classmethod
    def of(cls, screening: Screening, kb: KnowledgeBase) -> ScreeningDocument:
        readings = screening.readings
        return cls(
            verdict=screening.verdict,
            reasons=[ReasonDocument.of(r) for r in screening.reasons],
            read=[ReadDocument.of(r) for r in readings if r.understood],
            unclear=[UnclearDocument.of(r) for r in readings if not r.understood],
            cautions=[CautionDocument.of(c) for c in screening.cautions],
            excluded=[
                ExcludedDocument(
                    technique=technique_id,
                    name=kb.techniques[technique_id].name,
                    conditions=[e.condition for e in hits],
                    reasons=[e.reason for e in hits],
                )
                for technique_id, hits in sorted(screening.excluded.items())
            ],
        )


class FindingEvidenceDocument(Document):
    """A "yes" answer that raised (weight above 0) or lowered a muscle's score."""

    finding: str
    weight: float
    text: str
    sources: list[str]


class RegionEvidenceDocument(Document):
    """A painful region inside (or outside) the muscle's referral map."""

    region: str
    side: str | None = None
    weight: float
    text: str
    sources: list[str]


EvidenceDocument = FindingEvidenceDocument | RegionEvidenceDocument


def evidence_document(e: Evidence) -> EvidenceDocument:
    if e.kind == "finding":
        return FindingEvidenceDocument(
            finding=e.ref, weight=e.weight, text=e.text, sources=list(e.sources)
        )
    return RegionEvidenceDocument(
        region=e.ref, side=e.side, weight=e.weight, text=e.text, sources=list(e.sources)
    )


class MuscleDocument(Document):
    """One muscle the answers point to, with every reason; never a diagnosis."""

    id: str
    name: str
    score: float = Field(ge=0, le=1)
    sides: list[str]
    because: list[EvidenceDocument]
    against: list[EvidenceDocument]
    does_not_fit: list[str] = Field(description="Painful regions its map cannot explain.")

    @classmethod
    def of(cls, muscle: MuscleScore) -> MuscleDocument:
        return cls(
            id=muscle.id,
            name=muscle.name,
            score=muscle.score,
            sides=list(muscle.sides),
            because=[evidence_document(e) for e in muscle.because],
            against=[evidence_document(e) for e in muscle.against],
            does_not_fit=list(muscle.does_not_fit),
        )
