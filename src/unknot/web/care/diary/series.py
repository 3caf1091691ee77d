"""A diary series (pain at check-ins, before and after sessions, a measure's scores) summed up in
the database: its count, first and latest points, lowest and highest values, and its points
averaged into the chart's buckets (``unknot.pictures.charts``) with one GROUP BY. Whatever the
length of the diary, the rows read are a handful plus at most the chart's points, so the diary
costs the same with ten entries or a hundred thousand.

Each function gives exactly what the chart code gives from every point (a test compares them):
days are UTC days, as the chart counts them from the stored times; averages are sums over
counts, divided here as the chart divides them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import Count, F, FloatField, IntegerField, Max, Min, Q, QuerySet, Sum
from django.db.models.expressions import ExpressionWrapper, Func
from django.db.models.functions import Cast

from unknot.pictures.charts import MAX_POINTS, Plotted, Summary, aggregate, bucket_size

EPOCH = date(1970, 1, 1).toordinal()


class EpochDay(Func):
    """The UTC day of a stored time, as whole days since 1 January 1970."""

    output_field = IntegerField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        template = "CAST(julianday(%(expressions)s) - 2440587.5 AS INTEGER)"
        return self.as_sql(compiler, connection, template=template, **extra)

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        template = "CAST(FLOOR(EXTRACT(EPOCH FROM %(expressions)s) / 86400) AS INTEGER)"
        return self.as_sql(compiler, connection, template=template, **extra)


@dataclass(frozen=True)
class Column:
    """One series: the rows (already scoped to their owner) and the column holding the value."""

    rows: QuerySet[Any]
    field: str

    def values(self) -> QuerySet[Any]:
        return self.rows.filter(**{f"{self.field}__isnull": False})


@dataclass(frozen=True)
class Stats:
    summary: Summary | None
    first_at: datetime | None
    last_at: datetime | None
    first_row: tuple[Any, ...] = ()  # the first and latest rows' ``extra`` columns
    last_row: tuple[Any, ...] = ()


def stats(column: Column, extra: Sequence[str] = ()) -> Stats:
    """Count, earliest and latest times, lowest and highest values, and the first and latest
    points (ties on the same time go by id, as the rows were kept), with their ``extra``
    columns."""
    return stats_of([column], extra)[0]


def _same_rows(columns: Sequence[Column]) -> bool:
    """Whether the columns are of the very same rows (the same queryset object)."""
    return all(c.rows is columns[0].rows for c in columns)


def stats_of(columns: Sequence[Column], extra: Sequence[str] = ()) -> list[Stats]:
    """``stats`` of several columns of the same rows, with one pass over the rows for all of
    them (one aggregate), then two rows by the index for each."""
    if not columns:
        return []
    if not _same_rows(columns):
        return [s for c in columns for s in stats_of([c], extra)]
    rows = columns[0].rows
    wanted: dict[str, Any] = {}
    for i, c in enumerate(columns):
        has = Q(**{f"{c.field}__isnull": False})
        wanted |= {f"n{i}": Count(c.field), f"lo{i}": Min(c.field), f"hi{i}": Max(c.field)}
        wanted |= {f"since{i}": Min("at", filter=has), f"until{i}": Max("at", filter=has)}
    found = rows.aggregate(**wanted)
    result = []
    for i, c in enumerate(columns):
        if not found[f"n{i}"]:
            result.append(Stats(None, None, None))
            continue
        values = c.values()
        columns_read = ("at", c.field, *extra)
        first = values.order_by("at", "id").values_list(*columns_read).first()
        last = values.order_by("-at", "-id").values_list(*columns_read).first()
        assert first is not None and last is not None
        summary = Summary(
            count=found[f"n{i}"],
            first=(first[0], float(first[1])),
            last=(last[0], float(last[1])),
            lowest=float(found[f"lo{i}"]),
            highest=float(found[f"hi{i}"]),
        )
        result.append(Stats(summary, found[f"since{i}"], found[f"until{i}"], first[2:], last[2:]))
    return result


def points(column: Column) -> tuple[tuple[datetime, float], ...]:
    """Every point, oldest first: for a series short enough to draw as it is."""
    rows = column.values().order_by("at", "id").values_list("at", column.field)
    return tuple((at, float(value)) for at, value in rows)


def buckets(
    columns: Sequence[Column], size: int, origin: int
) -> list[tuple[tuple[float, float], ...]]:
    """Each column's points averaged into buckets of ``size`` days counted from the day number
    ``origin``, each drawn at the middle of the days it holds points for (``aggregate``): one
    GROUP BY over rows the columns share."""
    if not columns:
        return []
    if not _same_rows(columns):
        return [b for c in columns for b in buckets([c], size, origin)]
    day = EpochDay("at")
    bucket = ExpressionWrapper((day - (origin - EPOCH)) / size, output_field=IntegerField())
    sums: dict[str, Any] = {}
    for i, c in enumerate(columns):
        has = Q(**{f"{c.field}__isnull": False})
        sums |= {f"total{i}": Sum(Cast(F(c.field), FloatField())), f"n{i}": Count(c.field),
                 f"first{i}": Min(day, filter=has), f"last{i}": Max(day, filter=has)}  # fmt: skip
    any_value = Q()
    for c in columns:
        any_value |= Q(**{f"{c.field}__isnull": False})
    rows = (
        columns[0].rows.filter(any_value).order_by().annotate(bucket=bucket).values("bucket")
        .annotate(**sums).order_by("bucket")
    )  # fmt: skip
    drawn: list[list[tuple[float, float]]] = [[] for _ in columns]
    for r in rows:
        for i in range(len(columns)):
            if r[f"n{i}"]:
                middle = (r[f"first{i}"] + r[f"last{i}"]) / 2 + EPOCH + 0.5
                drawn[i].append((middle, r[f"total{i}"] / r[f"n{i}"]))
    return [tuple(d) for d in drawn]


def plotted(
    columns: Sequence[Column], limit: int = MAX_POINTS, found: Sequence[Stats] | None = None
) -> Plotted:
    """The series as ``unknot.pictures.charts.plot`` would make them from every point
    (``found``: their ``stats``, when already read). Columns of the same rows are read together:
    give them next to each other."""
    found = found or _grouped(columns, stats_of)
    counts = [s.summary.count if s.summary else 0 for s in found]
    summaries = tuple(s.summary for s in found)
    if all(n <= limit for n in counts):
        return Plotted(0, tuple(aggregate(points(c), 0) for c in columns), summaries)
    days = [s.first_at.date().toordinal() for s in found if s.first_at is not None]
    days += [s.last_at.date().toordinal() for s in found if s.last_at is not None]
    origin = min(days)
    size = bucket_size(counts, max(days) - origin + 1, limit)
    drawn = _grouped(columns, lambda group: buckets(group, size, origin))
    return Plotted(size, tuple(drawn), summaries)


def _grouped(columns: Sequence[Column], read: Any) -> list[Any]:
    """``read`` over runs of columns that share their rows, in order."""
    result: list[Any] = []
    run: list[Column] = []
    for c in columns:
        if run and not _same_rows([run[0], c]):
            result += read(run)
            run = []
        run.append(c)
    if run:
        result += read(run)
    return result
