"""What every wizard step's form offers the views: its answers as JSON-safe data, and its initial
values from answers kept earlier."""

from __future__ import annotations

from typing import Any

from django import forms


class StepForm(forms.Form):
    def answers(self) -> dict[str, Any]:
        """The cleaned answers as the wizard keeps them (JSON-safe)."""
        raise NotImplementedError

    @staticmethod
    def initial_from(data: dict[str, Any]) -> dict[str, Any]:
        """Initial values from answers kept earlier (the inverse of ``answers``)."""
        raise NotImplementedError
