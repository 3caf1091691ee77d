"""The practitioner's forms: profile, consent, clearance. The program builder reads its own rows
(``builder``), since its fields depend on the techniques in the program."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from unknot.web.practice.linking import professions
from unknot.web.practice.models import SCOPES
from unknot.web.practice.programs import clearable_rules


class ProfileForm(forms.Form):
    name = forms.CharField(label="Your name, as your clients know you", max_length=120)
    profession = forms.ChoiceField(label="Profession")
    practice_name = forms.CharField(label="Practice or studio", max_length=160, required=False)
    contact = forms.CharField(
        label="How clients reach you (phone, email or address)", max_length=200, required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["profession"].choices = professions()  # type: ignore[attr-defined]


class CodeForm(forms.Form):
    code = forms.CharField(
        label="The code your practitioner gave you", max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )  # fmt: skip


class ConsentForm(forms.Form):
    scopes = forms.MultipleChoiceField(
        label="What they will see", choices=SCOPES, widget=forms.CheckboxSelectMultiple,
        initial=[s for s, _ in SCOPES], required=False,
    )  # fmt: skip


class ClearanceForm(forms.Form):
    rules = forms.MultipleChoiceField(
        label="The warning signs your examination settled", widget=forms.CheckboxSelectMultiple
    )
    examined_on = forms.DateField(
        label="Day of the examination", widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rules"].choices = [(r.id, r.title) for r in clearable_rules()]  # type: ignore[attr-defined]
        self.fields["examined_on"].initial = timezone.localdate()
