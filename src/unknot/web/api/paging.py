"""Pages of a list: ``limit`` and ``offset`` in, the items with their ``total`` and the links to
the next and previous pages out. Every list the API gives is paged the same way."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema

T = TypeVar("T")
MAX_LIMIT = 200
MAX_OFFSET = 1_000_000


class PageQuery(Schema):
    limit: int = Field(50, ge=1, le=MAX_LIMIT, description="How many items, at most.")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="How many items to skip.")


class Page(Schema):
    """One page of a list. ``next`` and ``previous`` are the addresses of the pages beside it,
    or null at either end."""

    total: int
    limit: int
    offset: int
    next: str | None
    previous: str | None


def _link(request: HttpRequest, limit: int, offset: int) -> str:
    query = request.GET.copy()
    query["limit"] = str(limit)
    query["offset"] = str(offset)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def page(
    request: HttpRequest,
    rows: QuerySet[Any] | Sequence[Any],
    query: PageQuery,
    shape: Callable[[Any], T],
) -> dict[str, Any]:
    """The page of ``rows`` that ``query`` asks for, each row made into ``shape``."""
    total = rows.count() if isinstance(rows, QuerySet) else len(rows)
    chosen = rows[query.offset : query.offset + query.limit]
    after = query.offset + query.limit
    before = max(0, query.offset - query.limit)
    return {
        "items": [shape(row) for row in chosen],
        "total": total,
        "limit": query.limit,
        "offset": query.offset,
        "next": _link(request, query.limit, after) if after < total else None,
        "previous": _link(request, query.limit, before) if query.offset > 0 else None,
    }
