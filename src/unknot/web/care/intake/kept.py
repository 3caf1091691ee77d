"""The results page, worked out once for each answer and kept.

Everything the results page shows, except what belongs to the request (the CSRF token, the
signed-in person, messages), is a pure function of the intake's answer (``services.answer_key``:
the intake, the knowledge base, the core, the day) and of where the page is (a visitor's
results or a kept plan). That part, its context and its three large fragments (the plan, the
muscles with their pictures, the sources) rendered to HTML, is kept per process for the answers
asked for most recently, so a page asked for again costs a lookup and a small template.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from threading import Lock
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from unknot.web.care import services

KEPT = 256
FRAGMENTS = {
    "plan_html": ("plan", "care/results/_plan.html"),
    "muscles_html": ("muscles", "care/results/_muscles.html"),
    "references_html": ("references", "care/includes/references.html"),
}

_kept: OrderedDict[tuple[object, ...], dict[str, Any]] = OrderedDict()
_lock = Lock()


def results_parts(
    evaluation: services.Evaluation, where: tuple[object, ...], build: Callable[[], dict[str, Any]]
) -> dict[str, Any]:
    """The page's context with its fragments rendered, for this answer at ``where`` (every
    argument the page depends on besides the answer); ``build`` makes the context when it is not
    kept. A fresh dict each time: a template may write into the one it is given."""
    key = (services.answer_key(evaluation.document, services.kb(), timezone.localdate()), *where)
    with _lock:
        found = _kept.get(key)
        if found is not None:
            _kept.move_to_end(key)
            return dict(found)
    context = build()
    for name, (needs, template) in FRAGMENTS.items():
        context[name] = _render(template, context) if context.get(needs) else SafeString("")
    with _lock:
        _kept[key] = context
        while len(_kept) > KEPT:
            _kept.popitem(last=False)
    return dict(context)


def _render(template: str, context: dict[str, Any]) -> SafeString:
    return mark_safe(render_to_string(template, dict(context)))  # noqa: S308 (our template)
