"""The knowledge base, read-only: every table, one entry by id, and the pictures as SVG.

The entries are the knowledge base's own models, so the API, ``unknot library --json`` and the
OpenAPI document give one shape. Anyone may read them (throttled by address).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from typing import Annotated, Any, Literal

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, Path, Query, Router, Schema
from ninja.errors import ValidationError
from pydantic import BaseModel, create_model

from unknot.knowledge.measures import Measure, load_measures
from unknot.knowledge.models import (
    Condition,
    Finding,
    Muscle,
    Phase,
    Prop,
    RedFlagRule,
    Region,
    Source,
)
from unknot.knowledge.questionnaires import Questionnaire, load_questionnaires
from unknot.knowledge.settings import TierWords
from unknot.knowledge.technique import Technique
from unknot.pictures import muscle_picture, technique_picture
from unknot.web.api.paging import Page, PageQuery, page
from unknot.web.care import services

router = Router(tags=["library"])
EntryId = Annotated[str, Path(pattern=r"^[a-z][a-z0-9_]*$", max_length=60)]
SVG = "image/svg+xml"
# operation id -> the media type of its answer, for the OpenAPI document (main.py)
MEDIA: dict[str, str] = {}


class TechniqueEntry(Technique):
    """A technique, with the conditions that rule it out (worked out from conditions.yaml)."""

    ruled_out_by_conditions: tuple[str, ...]


def technique_entry(tech: Technique) -> TechniqueEntry:
    ruled_out = services.kb().conditions_ruling_out(tech.id)
    return TechniqueEntry(**dict(tech), ruled_out_by_conditions=ruled_out)


def _entry(table: Mapping[str, Any], entry_id: str) -> Any:
    found = table.get(entry_id)
    if found is None:
        raise Http404(entry_id)
    return found


class TechniqueFilters(PageQuery):
    phase: Phase | None = Field(None, description="Only techniques of this phase.")
    target: str | None = Field(
        None, max_length=60, description="Only techniques for this muscle id."
    )


class TechniquePage(Page):
    items: list[TechniqueEntry]


@router.get("/techniques", response=TechniquePage, operation_id="library_techniques")
def list_techniques(request: HttpRequest, filters: Query[TechniqueFilters]) -> dict[str, Any]:
    """Every technique, in the knowledge base's order; ``phase`` and ``target`` narrow it."""
    kb = services.kb()
    if filters.target is not None and filters.target not in kb.muscles:
        close = difflib.get_close_matches(filters.target, list(kb.muscles), n=3)
        hint = f"; did you mean {' or '.join(close)}?" if close else ""
        raise ValidationError(
            [{"loc": ("query", "target"), "msg": f"no muscle '{filters.target[:60]}'{hint}"}]
        )
    rows = [
        t
        for t in kb.techniques.values()
        if (filters.phase is None or t.phase is filters.phase)
        and (filters.target is None or filters.target in t.targets)
    ]
    return page(request, rows, filters, technique_entry)


@router.get("/techniques/{technique_id}", response=TechniqueEntry, operation_id="library_technique")
def get_technique(request: HttpRequest, technique_id: EntryId) -> TechniqueEntry:
    return technique_entry(_entry(services.kb().techniques, technique_id))


class PictureQuery(Schema):
    side: Literal["left", "right"] | None = Field(
        None, description="Which side to draw a one-sided technique on."
    )


def _svg(text: str) -> HttpResponse:
    response = HttpResponse(text, content_type=f"{SVG}; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400"
    return response


@router.get("/techniques/{technique_id}/picture.svg", operation_id="technique_picture")
def get_technique_picture(
    request: HttpRequest, technique_id: EntryId, query: Query[PictureQuery]
) -> HttpResponse:
    """The technique drawn as SVG (what the pages and the handout show)."""
    tech = _entry(services.kb().techniques, technique_id)
    return _svg(technique_picture(tech.id, query.side))


MEDIA["technique_picture"] = SVG


@router.get("/muscles/{muscle_id}/picture.svg", operation_id="muscle_picture")
def get_muscle_picture(request: HttpRequest, muscle_id: EntryId) -> HttpResponse:
    """The muscle drawn as SVG, with where it sends pain."""
    return _svg(muscle_picture(_entry(services.kb().muscles, muscle_id).id))


MEDIA["muscle_picture"] = SVG


def _tables() -> dict[str, Callable[[], Mapping[str, BaseModel]]]:
    kb = services.kb
    return {
        "muscles": lambda: kb().muscles,
        "props": lambda: kb().props,
        "regions": lambda: kb().regions,
        "findings": lambda: kb().findings,
        "conditions": lambda: kb().conditions,
        "red-flags": lambda: kb().red_flags,
        "sources": lambda: kb().sources,
        "measures": load_measures,
        "questionnaires": load_questionnaires,
    }


MODELS: dict[str, type[BaseModel]] = {
    "muscles": Muscle,
    "props": Prop,
    "regions": Region,
    "findings": Finding,
    "conditions": Condition,
    "red-flags": RedFlagRule,
    "sources": Source,
    "measures": Measure,
    "questionnaires": Questionnaire,
}


def _add_table(name: str, model: type[BaseModel], table: Callable[[], Mapping[str, Any]]) -> None:
    """``GET /<name>`` (a page of entries) and ``GET /<name>/{entry_id}`` for one table."""
    plural = name.replace("-", "_")
    singular = plural.removesuffix("s")
    page_model = create_model(f"Library{model.__name__}Page", __base__=Page, items=list[model])  # type: ignore[valid-type]

    def list_entries(request: HttpRequest, query: Query[PageQuery]) -> dict[str, Any]:
        return page(request, list(table().values()), query, lambda entry: entry)

    def get_entry(request: HttpRequest, entry_id: EntryId) -> Any:
        return _entry(table(), entry_id)

    list_entries.__name__ = f"library_{plural}"
    get_entry.__name__ = f"library_{singular}"
    list_entries.__doc__ = f"Every entry of the {name.replace('-', ' ')} table."
    get_entry.__doc__ = f"One entry of the {name.replace('-', ' ')} table, by id."
    router.get(f"/{name}", response=page_model, operation_id=f"library_{plural}")(list_entries)
    router.get(f"/{name}/{{entry_id}}", response=model, operation_id=f"library_{singular}")(
        get_entry
    )


for _name, _model in MODELS.items():
    _add_table(_name, _model, _tables()[_name])


@router.get("/tiers", response=list[TierWords], operation_id="library_tiers")
def list_tiers(request: HttpRequest) -> list[TierWords]:
    """The verdicts, least serious first, with the words every face uses and what each does."""
    return list(services.kb().tiers.tiers)
