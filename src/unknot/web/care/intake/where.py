"""The first step's form: a "no pain" or 1-10 choice for every region and side the body map
draws, so the step works without JavaScript and with a keyboard or a screen reader; the drawing
(``static/care/js/bodymap.js``) drives these same controls. Region names come from regions.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.template.loader import render_to_string
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from unknot.knowledge import KnowledgeBase
from unknot.pictures.bodymap import drawn_sides, regions_in_view
from unknot.pictures.figure import ViewName
from unknot.web.care import services
from unknot.web.care.intake.formbase import StepForm

SIDE_WORDS = {"left": "Left", "right": "Right", "center": "Middle"}
INTENSITY_CHOICES = [("", "no pain"), *((str(n), str(n)) for n in range(1, 11))]


class PainSelect(forms.Select):
    """A plain <select>, written in Python. The step has about 40 of them with 11 options each,
    and Django's template-rendered widget spent some 15 ms a page on them."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        chosen = "" if value is None else str(value)
        final = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        return format_html("<select{}>{}</select>", flatatt(final), _options(chosen))


_VALUES = frozenset(v for v, _ in INTENSITY_CHOICES)


def _options(chosen: str) -> SafeString:
    """The options with ``chosen`` selected; the twelve lists a valid choice can give are
    written once per process (a value that is not a choice selects nothing, as in Django)."""
    return _kept_options(chosen) if chosen in _VALUES else _kept_options("-")


@lru_cache(maxsize=16)
def _kept_options(chosen: str) -> SafeString:
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((v, " selected" if v == chosen else "", label) for v, label in INTENSITY_CHOICES),
    )


@dataclass(frozen=True)
class RegionRow:
    """One region in the list beside a body map: its name and one select per drawn side."""

    id: str
    name: str
    description: str
    fields: tuple[forms.BoundField, ...]


def pain_field_name(region: str, side: str) -> str:
    return f"pain-{region}-{side}"


KEPT_LISTS = 256
_REGION_LISTS: dict[tuple[object, ...], SafeString] = {}


def _region_list(view: str, rows: list[RegionRow]) -> SafeString:
    context = {"map": {"view": view, "rows": rows}}
    return mark_safe(render_to_string("care/intake/steps/_regions.html", context))  # noqa: S308


@dataclass(frozen=True)
class Layout:
    """Which regions each view lists (a region drawn on both views once) and their fields."""

    placed: dict[str, list[str]]
    fields: dict[str, forms.Field]


def _layout(kb: KnowledgeBase) -> Layout:
    found = _LAYOUTS.get(kb.version)
    if found is None:
        found = _LAYOUTS[kb.version] = _build_layout(kb)
    return found


_LAYOUTS: dict[str, Layout] = {}


def _build_layout(kb: KnowledgeBase) -> Layout:
    placed: dict[str, list[str]] = {view: [] for view in WhereForm.VIEWS}
    fields: dict[str, forms.Field] = {}
    seen: set[str] = set()
    for view in WhereForm.VIEWS:
        for region in regions_in_view(view, kb):
            if region.id in seen:
                continue  # a region drawn on both views has its controls listed once
            seen.add(region.id)
            placed[view].append(region.id)
            for side in drawn_sides(region):
                field = forms.ChoiceField(
                    choices=INTENSITY_CHOICES,
                    widget=PainSelect,
                    required=False,
                    label=SIDE_WORDS[side],
                    error_messages={"invalid_choice": "Choose a number from 1 to 10, or no pain."},
                )
                field.widget.attrs.update(
                    {"data-region": region.id, "data-side": side, "class": "pain-select"}
                )
                fields[pain_field_name(region.id, side)] = field
    return Layout(placed, fields)


class WhereForm(StepForm):
    """A 1-10 (or "no pain") choice for every region and side the body map draws."""

    VIEWS: tuple[ViewName, ...] = ("back", "front")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        layout = _layout(services.kb())
        self.placed: dict[str, list[str]] = layout.placed
        # The fields are built once per knowledge base and shared: nothing changes a field or
        # its widget per request (the bound values and errors live on the form).
        self.fields.update(layout.fields)

    def rows(self, view: str) -> list[RegionRow]:
        kb = services.kb()
        rows = []
        for region_id in self.placed[view]:
            region = kb.regions[region_id]
            bound = tuple(self[pain_field_name(region_id, s)] for s in drawn_sides(region))
            rows.append(RegionRow(region_id, region.name, region.description, bound))
        return rows

    def region_list(self, view: str) -> SafeString:
        """The list of regions beside one view's map, each with its selects. Without errors it
        depends only on the knowledge base and the values shown, so it is written once for
        each and kept (most visitors see it empty, or as they left it)."""
        if self.is_bound and self.errors:
            return _region_list(view, self.rows(view))
        values = tuple(str(self[name].value() or "") for name in self.fields)
        key = (services.kb().version, view, self.auto_id, values)
        found = _REGION_LISTS.get(key)
        if found is None:
            if len(_REGION_LISTS) >= KEPT_LISTS:
                _REGION_LISTS.clear()
            found = _REGION_LISTS[key] = _region_list(view, self.rows(view))
        return found

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.errors and not any(cleaned.get(name) for name in self.fields):
            raise forms.ValidationError(
                "Mark at least one place that hurts: tap it on the body map, or choose a number "
                "for it in the list."
            )
        return cleaned

    def pain(self) -> list[dict[str, Any]]:
        spots = []
        kb = services.kb()
        for view in self.VIEWS:
            for region_id in self.placed[view]:
                for side in drawn_sides(kb.regions[region_id]):
                    value = self.cleaned_data.get(pain_field_name(region_id, side))
                    if value:
                        spots.append({"region": region_id, "side": side, "intensity": int(value)})
        return spots

    def answers(self) -> dict[str, Any]:
        return {"pain": self.pain()}

    @staticmethod
    def initial_from(data: dict[str, Any]) -> dict[str, Any]:
        initial: dict[str, Any] = {}
        kb = services.kb()
        for spot in data.get("pain", []):
            region = kb.regions.get(spot.get("region", ""))
            if region is None:
                continue
            sides = drawn_sides(region)
            wanted = ["left", "right"] if spot.get("side") == "both" else [spot.get("side")]
            for side in wanted:
                if side in sides:
                    initial[pain_field_name(region.id, side)] = str(spot.get("intensity", ""))
        return initial
