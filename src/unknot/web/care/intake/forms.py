"""One Django form per wizard step, validated at the boundary: "about you" and "your setup"
here, the body map in ``where.py``, the findings and conditions in ``asked.py``. Every label
that names a body region, a symptom, a condition or a prop is read from the knowledge base;
only the screen's own microcopy is written here.

Each form's ``answers()`` returns the JSON-safe dict the wizard keeps, and ``initial_from()`` turns
that dict back into the form's initial values, so a person returning to a step sees what they said.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import capfirst

from unknot.web.care import services
from unknot.web.care.intake.asked import (
    BellyForm,
    HealthForm,
    PainForm,
    SafetyForm,
    choice_messages,
)
from unknot.web.care.intake.formbase import StepForm
from unknot.web.care.intake.where import WhereForm

# --- about you ------------------------------------------------------------------------------

UNITS = {"days": 1 / 7, "weeks": 1.0, "months": 52 / 12, "years": 52.0}


class AboutForm(StepForm):
    age = forms.IntegerField(
        label="How old are you?",
        help_text="In whole years.",
        error_messages={
            "required": "Please tell us your age in years.",
            "invalid": "Please write your age as a whole number, such as 48.",
        },
    )
    sex = forms.ChoiceField(
        label="Sex (you may leave this out)",
        help_text="Used only to leave out questions that cannot apply to you.",
        required=False,
        choices=[
            ("female", "Female"),
            ("male", "Male"),
            ("other", "Other"),
            ("", "I'd rather not say"),
        ],
        widget=forms.RadioSelect,
        error_messages=choice_messages(),
    )
    duration_amount = forms.DecimalField(
        label="How long has this bout of pain lasted?",
        help_text="A rough number is fine; leave it empty if you are not sure.",
        required=False,
        min_value=0,
        max_digits=5,
        decimal_places=1,
        error_messages={
            "invalid": "Please write a number, such as 3.",
            "min_value": "Please write 0 or more.",
        },
    )
    duration_unit = forms.ChoiceField(
        label="Unit",
        choices=[(u, u) for u in UNITS],
        initial="weeks",
        error_messages=choice_messages(),
    )

    def clean_age(self) -> int:
        age: int = self.cleaned_data["age"]
        limits = services.kb().intake_limits
        if 0 <= age < limits.age.min:
            raise forms.ValidationError(limits.child_message.format(min=f"{limits.age.min:g}"))
        if not limits.age.min <= age <= limits.age.max:
            raise forms.ValidationError(
                f"Please give an age from {limits.age.min:g} to {limits.age.max:g}."
            )
        return age

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        amount, unit = cleaned.get("duration_amount"), cleaned.get("duration_unit")
        if amount is not None and unit in UNITS:
            weeks = round(float(amount) * UNITS[unit], 2)
            if weeks > services.kb().intake_limits.duration_weeks.max:
                self.add_error(
                    "duration_amount", "That is longer than a lifetime; please check it."
                )
            cleaned["duration_weeks"] = weeks
        else:
            cleaned["duration_weeks"] = None
        return cleaned

    def answers(self) -> dict[str, Any]:
        data = self.cleaned_data
        amount = data.get("duration_amount")
        return {
            "age": data["age"],
            "sex": data.get("sex") or None,
            "duration_weeks": data.get("duration_weeks"),
            "duration_amount": None if amount is None else float(amount),
            "duration_unit": data.get("duration_unit") or "weeks",
        }

    @staticmethod
    def initial_from(data: dict[str, Any]) -> dict[str, Any]:
        amount = data.get("duration_amount")
        return {
            "age": data.get("age"),
            "sex": data.get("sex") or "",
            "duration_amount": None if amount is None else f"{amount:g}",
            "duration_unit": data.get("duration_unit", "weeks"),
        }


# --- your setup -----------------------------------------------------------------------------

_LIMITS = services.kb().intake_limits
QUICK_MINUTES = _LIMITS.quick_minutes
DEFAULT_MINUTES = _LIMITS.default_minutes
MIN_MINUTES, MAX_MINUTES = int(_LIMITS.minutes.min), int(_LIMITS.minutes.max)


class SetupForm(StepForm):
    props = forms.MultipleChoiceField(
        label="Which of these do you have at home?",
        help_text=(
            "A wall, the floor, a bed and your own hands are always there: no need to tick "
            "them. Nothing here? Leave them all empty."
        ),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages=choice_messages(),
    )
    minutes_choice = forms.ChoiceField(
        label="How many minutes can you give each session?",
        choices=[*((str(m), f"{m} min") for m in QUICK_MINUTES), ("other", "Another number")],
        initial=str(DEFAULT_MINUTES),
        widget=forms.RadioSelect,
        error_messages={**choice_messages(), "required": "Please choose how many minutes."},
    )
    minutes_other = forms.IntegerField(
        label="Another number of minutes",
        help_text=f"From {MIN_MINUTES} to {MAX_MINUTES}.",
        required=False,
        error_messages={"invalid": "Please write the minutes as a whole number, such as 12."},
    )
    floor_ok = forms.TypedChoiceField(
        label="Can you get down to the floor and back up again without help?",
        choices=[("yes", "Yes"), ("no", "No, or not easily")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages={**choice_messages(), "required": "Please answer yes or no."},
    )
    experience = forms.ChoiceField(
        label="Have you done this kind of self-massage or stretching before?",
        choices=[
            ("new", "No, this is new to me"),
            ("some", "A little, a few times"),
            ("experienced", "Yes, I do it often"),
        ],
        initial="new",
        widget=forms.RadioSelect,
        error_messages={**choice_messages(), "required": "Please choose one."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["props"].choices = [  # type: ignore[attr-defined]
            (p.id, capfirst(p.name)) for p in services.kb().props.values()
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        choice = cleaned.get("minutes_choice")
        if choice == "other":
            other = cleaned.get("minutes_other")
            if other is None:
                if "minutes_other" not in self.errors:
                    self.add_error("minutes_other", "Please write how many minutes.")
            elif not MIN_MINUTES <= other <= MAX_MINUTES:
                self.add_error(
                    "minutes_other",
                    f"Please choose from {MIN_MINUTES} to {MAX_MINUTES} minutes.",
                )
            else:
                cleaned["minutes"] = other
        elif choice:
            cleaned["minutes"] = int(choice)
        return cleaned

    def answers(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "props": list(data.get("props", [])),
            "minutes": data["minutes"],
            "floor_ok": bool(data["floor_ok"]),
            "experience": data["experience"],
        }

    @staticmethod
    def initial_from(data: dict[str, Any]) -> dict[str, Any]:
        minutes = data.get("minutes", DEFAULT_MINUTES)
        quick = minutes in QUICK_MINUTES
        floor = data.get("floor_ok")
        return {
            "props": data.get("props", []),
            "minutes_choice": str(minutes) if quick else "other",
            "minutes_other": None if quick else minutes,
            "floor_ok": None if floor is None else ("yes" if floor else "no"),
            "experience": data.get("experience", "new"),
        }


FORMS: dict[str, type[StepForm]] = {
    "where": WhereForm,
    "about": AboutForm,
    "safety": SafetyForm,
    "health": HealthForm,
    "pain": PainForm,
    "setup": SetupForm,
    "belly": BellyForm,
}
