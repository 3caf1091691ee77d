"""The steps whose questions are findings and conditions from the knowledge base: the warning
signs, your health, your pain and the belly-safety questions. Every label is the knowledge
base's; which questions a person sees is the core's to decide (``unknot.clinical.questions``),
from the answers of the earlier steps (``Known``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.forms.boundfield import BoundWidget
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import capfirst

from unknot.clinical.questions import (
    ClearanceAsk,
    can_apply,
    clearance_rules,
    conditions_asked,
    findings_that_matter,
    red_flag_groups,
)
from unknot.knowledge.models import FindingKind
from unknot.knowledge.settings import TierWords
from unknot.web.care import services
from unknot.web.care.intake.formbase import StepForm

BAD_CHOICE = "Please choose one of the options shown."
DATE_MESSAGE = "Please give a date such as 2026-03-14, or leave it empty."


def choice_messages() -> dict[str, str]:
    return {"invalid_choice": BAD_CHOICE, "invalid_list": BAD_CHOICE}


def short_and_question(short: str, question: str) -> str:
    """A choice's label: the knowledge base's few words in bold, its full question as a hint."""
    return format_html(
        '<strong class="choice-short">{}</strong><span class="hint">{}</span>',
        capfirst(short),
        question,
    )


def _ticks(label: str, choices: list[tuple[str, str]]) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages=choice_messages(),
    )


# --- warning signs ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SignGroup:
    """The warning signs that may mean one verdict, under that verdict's heading."""

    tier: TierWords
    options: list[BoundWidget]


class SafetyForm(StepForm):
    """Every red-flag symptom, on a screen of its own so a "yes" stops the intake at once,
    grouped by the most serious verdict each can lead to, the most serious first."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tiers = red_flag_groups(services.kb())
        choices = [
            (f.id, short_and_question(f.short, f.question))
            for _, findings in self.tiers
            for f in findings
        ]
        self.fields["red_flags"] = _ticks("Do any of these fit you now?", choices)

    def groups(self) -> list[SignGroup]:
        options = {option.data["value"]: option for option in self["red_flags"]}
        kb = services.kb()
        return [
            SignGroup(kb.tiers.of(tier), [options[f.id] for f in findings])
            for tier, findings in self.tiers
        ]

    def answers(self) -> dict[str, Any]:
        return {"red_flags": list(self.cleaned_data.get("red_flags", []))}

    @staticmethod
    def initial_from(data: dict[str, Any]) -> dict[str, Any]:
        return {"red_flags": list(data.get("red_flags", []))}


# --- your health --------------------------------------------------------------------------------


class HealthForm(StepForm):
    """Pregnancy (unless the person answered "male"), the conditions, and whether a clinician
    examined this bout of pain, asked only when a rule the person's word may lift applies or can
    apply through a condition on this screen (``clearance``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kb = services.kb()
        sex = self.known.sex
        pregnancy = kb.conditions.get("pregnancy")
        self.pregnancy_asked = pregnancy is not None and can_apply(pregnancy, sex)
        if pregnancy is not None and self.pregnancy_asked:
            self.fields["pregnant"] = forms.TypedChoiceField(
                label=pregnancy.question,
                choices=[("no", "No"), ("yes", "Yes")],
                coerce=lambda v: v == "yes",
                initial="no",
                widget=forms.RadioSelect,
                error_messages={**choice_messages(), "required": "Please answer yes or no."},
            )
            self.fields["pregnancy_weeks"] = forms.IntegerField(
                label=pregnancy.weeks_question or "Weeks",
                help_text=pregnancy.weeks_help or "",
                required=False,
                error_messages={"invalid": "Please write the weeks as a whole number, such as 20."},
            )
        asked = conditions_asked(kb, sex, belly=False)
        self.fields["conditions"] = _ticks(
            "Does any of this apply to you?", [(c.id, c.question) for c in asked]
        )
        intake = self.known.intake
        self.clearance = (
            clearance_rules(intake, kb, [c.id for c in asked])
            if intake is not None
            else ClearanceAsk(now=tuple(r for r in kb.red_flags.values() if r.self_clearable))
        )
        if self.clearance.asked:
            words = kb.tiers.screening
            self.fields["cleared_by_clinician"] = forms.BooleanField(
                label=words.clearance_label, required=False
            )
            self.fields["cleared_on"] = forms.DateField(
                label=words.clearance_date_label,
                help_text=words.clearance_date_help,
                required=False,
                widget=forms.DateInput(attrs={"type": "date"}),
                error_messages={"invalid": DATE_MESSAGE},
            )

    def revealing(self) -> list[str]:
        """The short names of the conditions that make the examination question apply."""
        kb = services.kb()
        return [kb.conditions[c].short for c in self.clearance.revealed_by]

    def clean_pregnancy_weeks(self) -> int | None:
        weeks: int | None = self.cleaned_data.get("pregnancy_weeks")
        span = services.kb().intake_limits.pregnancy_weeks
        if weeks is not None and not span.min <= weeks <= span.max:
            raise forms.ValidationError(
                f"Please give the weeks from {span.min:g} to {span.max:g}, or leave it empty."
            )
        return weeks

    def clean_cleared_on(self) -> Any:
        day = self.cleaned_data.get("cleared_on")
        if day is not None and day > timezone.localdate():
            raise forms.ValidationError("That date is still to come; please check it.")
        return day

    def answers(self) -> dict[str, Any]:
        data = self.cleaned_data
        pregnant = bool(data.get("pregnant"))
        cleared = bool(data.get("cleared_by_clinician"))
        day = data.get("cleared_on") if cleared else None
        return {
            "pregnant": pregnant,
            "pregnancy_weeks": data.get("pregnancy_weeks") if pregnant else None,
            "conditions": list(data.get("conditions", [])),
            "cleared_by_clinician": cleared,
            "cleared_on": day.isoformat() if day is not None else None,
        }

    @staticmethod
    def initial_from(data: dict[str, Any]) -> dict[str, Any]:
        return {
            "pregnant": "yes" if data.get("pregnant") else "no",
            "pregnancy_weeks": data.get("pregnancy_weeks"),
            "conditions": list(data.get("conditions", [])),
            "cleared_by_clinician": bool(data.get("cleared_by_clinician", False)),
            "cleared_on": data.get("cleared_on"),
        }


# --- your pain ----------------------------------------------------------------------------------

PAIN_GROUPS = (
    (FindingKind.behaviour, "What makes it worse or better"),
    (FindingKind.symptom, "What you notice"),
    (FindingKind.history, "Your days lately"),
)


class PainForm(StepForm):
    """The pain-behaviour findings that can still change the answer, one group per kind, each
    labelled with the knowledge base's few words."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kb = services.kb()
        intake = self.known.intake
        kinds = [kind for kind, _ in PAIN_GROUPS]
        matter = findings_that_matter(intake, kb, kinds) if intake is not None else None
        for kind, legend in PAIN_GROUPS:
            choices = [
                (f.id, capfirst(f.short))
                for f in kb.findings.values()
                if f.kind is kind and (matter is None or f.id in matter)
            ]
            if choices:
                self.fields[f"findings_{kind.value}"] = _ticks(legend, choices)

    def answers(self) -> dict[str, Any]:
        chosen: list[str] = []
        for kind, _ in PAIN_GROUPS:
            chosen.extend(self.cleaned_data.get(f"findings_{kind.value}", []))
        return {"findings": chosen}

    @staticmethod
    def initial_from(data: dict[str, Any]) -> dict[str, Any]:
        chosen = set(data.get("findings", []))
        kb = services.kb()
        return {
            f"findings_{kind.value}": [
                f.id for f in kb.findings.values() if f.kind is kind and f.id in chosen
            ]
            for kind, _ in PAIN_GROUPS
        }


# --- before any belly work ------------------------------------------------------------------------


class BellyForm(StepForm):
    """The conditions that only ever take belly work out of a plan, asked only when the plan
    could hold some (the wizard decides); unanswered, no belly work is planned."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        asked = conditions_asked(services.kb(), self.known.sex, belly=True)
        self.fields["conditions"] = _ticks(
            "Does any of this apply to you?", [(c.id, c.question) for c in asked]
        )

    def answers(self) -> dict[str, Any]:
        return {"conditions": list(self.cleaned_data.get("conditions", []))}

    @staticmethod
    def initial_from(data: dict[str, Any]) -> dict[str, Any]:
        return {"conditions": list(data.get("conditions", []))}
