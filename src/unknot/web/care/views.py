"""Thin views: parse, call the core, render."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from unknot.knowledge.models import Tier
from unknot.web.care import services


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    kb = services.kb()
    urgent = [r for r in kb.red_flags.values() if r.tier.rank >= Tier.urgent.rank]
    urgent.sort(key=lambda r: -r.tier.rank)
    context = {"technique_count": len(kb.techniques), "urgent_rules": urgent}
    return render(request, "care/home.html", context)


@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return JsonResponse({"status": "ok", "database": "ok"})


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A plain page instead of Django's technical one when a form's CSRF check fails."""
    return render(request, "403_csrf.html", status=403)
