"""What every wizard step's form offers the views: its answers as JSON-safe data, and its initial
values from answers kept earlier. A form is told what the earlier steps answered (``Known``),
so it asks only the questions that still apply."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms

from unknot.clinical.intake import Intake


@dataclass(frozen=True)
class Known:
    """The answers of the steps before this one: the sex given, and the whole of them parsed
    by the core (None while they cannot be, before the age is given)."""

    sex: str | None = None
    intake: Intake | None = None


class StepForm(forms.Form):
    def __init__(self, *args: Any, known: Known | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.known = known or Known()

    def answers(self) -> dict[str, Any]:
        """The cleaned answers as the wizard keeps them (JSON-safe)."""
        raise NotImplementedError

    @staticmethod
    def initial_from(data: dict[str, Any]) -> dict[str, Any]:
        """Initial values from answers kept earlier (the inverse of ``answers``)."""
        raise NotImplementedError
