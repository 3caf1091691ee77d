"""The technique library (``/techniques/``), a page for every technique, and its picture."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from unknot.knowledge.models import Phase
from unknot.pictures import technique_picture
from unknot.web.care import services
from unknot.web.care.references import References
from unknot.web.care.techniques import presenters


@require_safe
def library(request: HttpRequest) -> HttpResponse:
    kb = services.kb()
    filters = presenters.filters_from(request.GET, kb)
    groups = presenters.library(kb, filters)
    context = {
        "groups": groups,
        "count": sum(len(items) for _, items in groups),
        "total": len(kb.techniques),
        "filters": filters,
        "muscles": sorted(((m.id, m.name) for m in kb.muscles.values()), key=lambda m: m[1]),
        "phases": [(p.value, presenters.PHASE_LABELS[p]) for p in Phase],
        "props": sorted(((p.id, p.name) for p in kb.props.values()), key=lambda p: p[1]),
    }
    return render(request, "care/techniques/library.html", context)


@require_safe
def technique(request: HttpRequest, technique_id: str) -> HttpResponse:
    kb = services.kb()
    tech = kb.techniques.get(technique_id)
    if tech is None:
        raise Http404("no such technique")
    refs = References(kb)
    view = presenters.technique_view(tech, kb, refs)
    return render(request, "care/techniques/detail.html", {"t": view, "references": refs.entries})


@require_safe
@cache_control(max_age=86400)
def picture(request: HttpRequest, technique_id: str) -> HttpResponse:
    """The technique's picture as an SVG file, for thumbnails (``?side=left`` or ``right``)."""
    tech = services.kb().techniques.get(technique_id)
    if tech is None:
        raise Http404("no such technique")
    side = request.GET.get("side")
    svg = technique_picture(tech.id, side if side in ("left", "right") else None)  # type: ignore[arg-type]
    return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
