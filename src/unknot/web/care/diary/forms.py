"""The diary's forms: a check-in, and one form per outcome measure.

Roland-Morris and STarT Back ask their authors' own questions, from the licensed texts in
``knowledge/data/questionnaires/``; the Oswestry asks by section number only (its licence, in
measures.yaml), so the person enters the scores from their own licensed copy.
Each form turns its fields into the stored answers (``diary.scoring``); the core scores them.
"""

from __future__ import annotations

from typing import Any

from django import forms

from unknot.knowledge.measures import Measure, load_measures
from unknot.knowledge.models import FindingKind
from unknot.knowledge.questionnaires import Questionnaire, load_questionnaires
from unknot.web.care import services

PAIN_CHOICES = [(str(n), str(n)) for n in range(11)]
NOTE_MAX = 2000


def _findings(kind: FindingKind) -> list[tuple[str, str]]:
    findings = services.kb().findings.values()
    return [(f.id, f.short[:1].upper() + f.short[1:]) for f in findings if f.kind is kind]


def _pain_field(label: str, required: bool) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label, choices=PAIN_CHOICES, coerce=int, required=required, empty_value=None,
        widget=forms.RadioSelect(attrs={"class": "scale-choice"}),
    )  # fmt: skip


class CheckInForm(forms.Form):
    pain = _pain_field("Your pain right now", required=False)
    symptoms = forms.MultipleChoiceField(
        label="Anything you notice today?", required=False, widget=forms.CheckboxSelectMultiple
    )
    warning_signs = forms.MultipleChoiceField(
        label="Any of these, new or getting worse?", required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    note = forms.CharField(
        label="A note for yourself (optional)", required=False, max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["symptoms"].choices = _findings(FindingKind.symptom)  # type: ignore[attr-defined]
        self.fields["warning_signs"].choices = _findings(FindingKind.red_flag)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("pain") is None
            and not data.get("symptoms")
            and not data.get("warning_signs")
            and not data.get("note")
        ):
            raise forms.ValidationError(
                "Pick your pain from 0 to 10, tick a symptom or write a note."
            )
        return data

    def findings(self) -> list[str]:
        return [*self.cleaned_data.get("warning_signs", []), *self.cleaned_data.get("symptoms", [])]


class SessionNoteForm(forms.Form):
    note = forms.CharField(
        label="Your note on this session", required=False, max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )  # fmt: skip


# --- outcome measures ---------------------------------------------------------------------------


class MeasureForm(forms.Form):
    """A measure's fields in ``groups`` (legend, help, field names), and ``answers()``; the
    licensed text, when the measure ships one (``text``), and the fields for a score taken
    from a paper copy (``paper``)."""

    measure: Measure
    groups: list[tuple[str, str, list[str]]]
    text: Questionnaire | None = None
    paper: list[str] = []  # noqa: RUF012 (read only)

    def answers(self) -> dict[str, Any]:
        raise NotImplementedError


class NprsForm(MeasureForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.measure = load_measures()["nprs"]
        self.fields["rating"] = _pain_field("Your pain", required=True)
        self.groups = [("Pain", " ".join(self.measure.prompts), ["rating"])]

    def answers(self) -> dict[str, Any]:
        return {"rating": self.cleaned_data["rating"]}


class RmdqForm(MeasureForm):
    """The 24 statements in their authors' words: a tick means "describes me today", as on the
    paper form. A total from a paper copy may be entered instead."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        m = self.measure = load_measures()["rmdq"]
        self.text = load_questionnaires()["rmdq"]
        items = [f"item_{n}" for n in range(1, m.items + 1)]
        for name, statement in zip(items, self.text.items, strict=True):
            self.fields[name] = forms.BooleanField(label=statement, required=False)
        self.fields["total"] = forms.IntegerField(
            label=f"Or your total from a paper copy ({m.min:g}-{m.max:g})",
            min_value=int(m.min), max_value=int(m.max), required=False,
        )  # fmt: skip
        self.groups = [("Your answers", "", items)]
        self.paper = ["total"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        ticked = any(data.get(f"item_{n}") for n in range(1, self.measure.items + 1))
        if data.get("total") is not None and ticked:
            raise forms.ValidationError("Tick the sentences or enter a total, not both.")
        return data

    def answers(self) -> dict[str, Any]:
        if self.cleaned_data.get("total") is not None:
            return {"total": self.cleaned_data["total"]}
        return {
            "answers": [
                bool(self.cleaned_data.get(f"item_{n}")) for n in range(1, self.measure.items + 1)
            ]
        }


SKIPPED = "skipped"
PAIR = {"class": "pair-choice"}


class OdiForm(MeasureForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        m = self.measure = load_measures()["odi"]
        choices = [(str(n), str(n)) for n in range(m.item_min, m.item_max + 1)]
        names = [f"section_{n}" for n in range(1, m.items + 1)]
        for n, name in enumerate(names, 1):
            self.fields[name] = forms.ChoiceField(
                label=f"Section {n}", choices=[*choices, (SKIPPED, "Skipped")],
                widget=forms.RadioSelect(attrs={"class": "scale-choice"}),
                error_messages={"required": f"Pick a score for section {n}, or Skipped."},
            )  # fmt: skip
        self.groups = [(
            "Section scores",
            f"The score ({m.item_min} to {m.item_max}) of each section on your copy, or Skipped "
            f"if you left it out. At least {m.least_answered} of {m.items} must be answered.",
            names,
        )]  # fmt: skip

    def answers(self) -> dict[str, Any]:
        values = [self.cleaned_data[f"section_{n}"] for n in range(1, self.measure.items + 1)]
        return {"sections": [None if v == SKIPPED else int(v) for v in values]}


class StartBackForm(MeasureForm):
    """Keele's nine questions in Keele's words: agree or disagree to each of the first eight,
    then how bothersome the pain has been."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        m = self.measure = load_measures()["startback"]
        text = self.text = load_questionnaires()["startback"]
        assert text.last_item is not None  # the loader checks it against the scoring
        disagree, agree = (r.text for r in text.responses)
        names = [f"item_{n}" for n in range(1, m.items)]
        for n, (name, statement) in enumerate(zip(names, text.items, strict=True), 1):
            self.fields[name] = forms.TypedChoiceField(
                label=statement, choices=[("no", disagree), ("yes", agree)],
                coerce=lambda v: v == "yes", widget=forms.RadioSelect(attrs=PAIR),
                error_messages={"required": f"Choose {disagree} or {agree} for question {n}."},
            )  # fmt: skip
        self.fields["item_last"] = forms.ChoiceField(
            label=text.last_item.question,
            choices=[(c.id, c.text) for c in text.last_item.choices],
            widget=forms.RadioSelect(attrs={"class": "list-choice"}),
            error_messages={"required": f"Choose an answer for question {m.items}."},
        )  # fmt: skip
        self.groups = [("Your answers", "", [*names, "item_last"])]

    def answers(self) -> dict[str, Any]:
        items = [self.cleaned_data[f"item_{n}"] for n in range(1, self.measure.items)]
        return {"answers": [*items, self.cleaned_data["item_last"]]}


class PsfsForm(MeasureForm):
    def __init__(self, *args: Any, activities: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        m = self.measure = load_measures()["psfs"]
        rating = [("", "–"), *((str(n), str(n)) for n in range(m.item_min, m.item_max + 1))]
        names = []
        for n in range(1, m.items + 1):
            initial = activities[n - 1] if activities and n <= len(activities) else ""
            self.fields[f"activity_{n}"] = forms.CharField(
                label=f"Activity {n}", max_length=80, required=False, initial=initial
            )
            self.fields[f"rating_{n}"] = forms.TypedChoiceField(
                label="How well, 0-10", choices=rating, coerce=int, required=False,
                empty_value=None,
            )  # fmt: skip
            names += [f"activity_{n}", f"rating_{n}"]
        self.groups = [("Your activities", " ".join(m.prompts), names)]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for n in range(1, self.measure.items + 1):
            name, rating = (data.get(f"activity_{n}") or "").strip(), data.get(f"rating_{n}")
            if name and rating is None:
                self.add_error(f"rating_{n}", f"Rate '{name}' from 0 to 10.")
            elif rating is not None and not name:
                self.add_error(f"activity_{n}", "Name the activity you rated.")
        return data

    def answers(self) -> dict[str, Any]:
        pairs = []
        for n in range(1, self.measure.items + 1):
            name = (self.cleaned_data.get(f"activity_{n}") or "").strip()
            if name:
                pairs.append([name, self.cleaned_data[f"rating_{n}"]])
        return {"activities": pairs}


FORMS: dict[str, type[MeasureForm]] = {
    "nprs": NprsForm,
    "rmdq": RmdqForm,
    "odi": OdiForm,
    "startback": StartBackForm,
    "psfs": PsfsForm,
}
