"""The drawing under the diary's charts: time series as SVG lines over shaded bands.

Pure: standard library only. See ``unknot.pictures.charts`` for the charts themselves; this module
holds the shared parts (series, bands, averaging many points, axes, legends, text alternatives).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from unknot.pictures.svg import attr, num, text

Day = date | datetime
LineStyle = Literal["solid", "dashed", "dotted"]
MarkerShape = Literal["circle", "square", "triangle"]

MAX_POINTS = 60
BUCKET_DAYS = (1, 7, 14, 28, 56, 91, 182, 364, 728)
WIDTH = 340.0  # about a phone's column, so that text is drawn near its own size
PLOT_LEFT, PLOT_RIGHT, PLOT_TOP = 34.0, 332.0, 12.0
PLOT_HEIGHT = 168.0
FONT = 'font-family="system-ui, sans-serif" font-size="14"'
INK, MUTED, GRID = "#1f2a2e", "#4f5d62", "#d9d3c7"
COLOURS = {"chart-s1": "#2f6f6a", "chart-s2": "#7a3e9d", "chart-s3": "#b4531b"}
BAND_FILLS = {
    "chart-band": ("#e7b24a", "0.3"),
    "chart-recovered": ("#3c8d4f", "0.18"),
    "chart-zone": ("#7f7a70", "0.1"),
}
DASHES: dict[LineStyle, str] = {"solid": "", "dashed": "7 4", "dotted": "2 3"}


@dataclass(frozen=True, slots=True)
class Series:
    """One line: ``name`` as the legend says it, points as (day, value), and how it looks."""

    name: str
    points: tuple[tuple[Day, float], ...]
    line: LineStyle = "solid"
    marker: MarkerShape = "circle"
    css: str = "chart-s1"  # also picks the fallback colour


@dataclass(frozen=True, slots=True)
class Band:
    """A shaded horizontal stripe from ``low`` to ``high``, labelled in the legend or inside."""

    low: float
    high: float
    label: str
    css: str = "chart-band"
    inside: bool = False  # write the label inside the stripe (severity bands)


@dataclass(frozen=True, slots=True)
class Summary:
    """What the text alternative says of a whole series, however it is drawn: how many points,
    the first and the latest (by time), the lowest and the highest value."""

    count: int
    first: tuple[Day, float]
    last: tuple[Day, float]
    lowest: float
    highest: float


@dataclass(frozen=True, slots=True)
class Plotted:
    """Series already averaged, as a database can give them without reading every point:
    ``size`` is ``bucket_size``'s, ``drawn`` each series' points as ``aggregate`` gives them,
    ``summaries`` each series' ``Summary`` (None: no points)."""

    size: int
    drawn: tuple[tuple[tuple[float, float], ...], ...]
    summaries: tuple[Summary | None, ...]


# --- helpers ------------------------------------------------------------------------------------


def _day(value: Day) -> date:
    return value.date() if isinstance(value, datetime) else value


def day_number(value: Day) -> float:
    """A day as a number, with the time of day as a fraction, so the order within a day holds."""
    if isinstance(value, datetime):
        return value.toordinal() + (value.hour * 3600 + value.minute * 60 + value.second) / 86400
    return float(value.toordinal())


def date_words(day: date, with_year: bool = True) -> str:
    return f"{day.day} {day:%b %Y}" if with_year else f"{day.day} {day:%b}"


def _value_words(value: float) -> str:
    rounded = round(value, 1)
    return f"{rounded:g}"


def bucket_days(series: Sequence[Sequence[tuple[Day, float]]], limit: int = MAX_POINTS) -> int:
    """The bucket size, in days, that draws every series in at most ``limit`` points: 0 (no
    averaging) while no series has more than ``limit`` points, else the smallest of a day, a
    week, two weeks, four weeks ... that fits the days all the series span."""
    if all(len(points) <= limit for points in series):
        return 0
    days = [_day(day).toordinal() for points in series for day, _ in points]
    return bucket_size([len(points) for points in series], max(days) - min(days) + 1, limit)


def bucket_size(counts: Sequence[int], span: int, limit: int = MAX_POINTS) -> int:
    """``bucket_days`` from the series' lengths and the days they span (last - first + 1)."""
    if all(count <= limit for count in counts):
        return 0
    return next((b for b in BUCKET_DAYS if math.ceil(span / b) <= limit), BUCKET_DAYS[-1])


def summarise(points: Sequence[tuple[Day, float]]) -> Summary | None:
    """The ``Summary`` of raw points (None when there are none). Points on the same second keep
    their given order."""
    raw = sorted(((day_number(d), d, float(v)) for d, v in points), key=lambda p: p[0])
    if not raw:
        return None
    values = [v for _, _, v in raw]
    return Summary(len(raw), (raw[0][1], values[0]), (raw[-1][1], values[-1]), min(values),
                   max(values))  # fmt: skip


def aggregate(
    points: Sequence[tuple[Day, float]], size: int, origin: int | None = None
) -> tuple[tuple[float, float], ...]:
    """The points as (day number, value), oldest first, averaged into buckets of ``size`` days
    counted from the day number ``origin`` (the first point's day when None); ``size`` 0 keeps
    them as they are. Each bucket is drawn at the middle of the days it holds points for."""
    ordered = sorted((day_number(day), float(value)) for day, value in points)
    if not size or not ordered:
        return tuple(ordered)
    first = math.floor(ordered[0][0]) if origin is None else origin
    buckets: dict[int, list[tuple[float, float]]] = {}
    for t, value in ordered:
        buckets.setdefault(int((math.floor(t) - first) // size), []).append((t, value))
    result = []
    for key in sorted(buckets):
        items = buckets[key]
        days = [math.floor(t) for t, _ in items]
        middle = (min(days) + max(days)) / 2 + 0.5
        result.append((middle, sum(v for _, v in items) / len(items)))
    return tuple(result)


def _bucket_words(size: int) -> str:
    if size == 1:
        return "daily averages"
    if size % 7 == 0:
        weeks = size // 7
        return "weekly averages" if weeks == 1 else f"averages over {weeks} weeks"
    return f"averages over {size} days"


def ticks(low: float, high: float) -> list[float]:
    span = high - low
    step = next(s for s in (1, 2, 5, 10, 20, 25, 50, 100) if span / s <= 5)
    first = math.ceil(low / step) * step
    count = int((high - first) // step) + 1
    return [first + i * step for i in range(count)]


def grid_line(y: float, tick: float | None = None) -> str:
    """A faint line across the plot at ``y``, with ``tick`` written at its left when given."""
    line = (
        f'<path class="chart-grid" d="M{num(PLOT_LEFT)},{num(y)} H{num(PLOT_RIGHT)}" '
        f'stroke="{GRID}" stroke-width="1"/>'
    )
    if tick is None:
        return line
    return line + (
        f'<text class="chart-muted" x="{num(PLOT_LEFT - 6)}" y="{num(y + 4.5)}" '
        f'text-anchor="end" fill="{MUTED}">{tick:g}</text>'
    )


def open_svg(prefix: str, height: float, title: str, desc: str, css: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {num(WIDTH)} {num(height)}" '
        f'width="{num(WIDTH)}" height="{num(height)}" role="img" class={attr(css)} '
        f'aria-labelledby="{prefix}-title {prefix}-desc">',
        f'<title id="{prefix}-title">{text(title)}</title>',
        f'<desc id="{prefix}-desc">{text(desc)}</desc>',
    ]


def _markers(prefix: str, series: Sequence[Series]) -> str:
    parts = []
    for index, s in enumerate(series):
        colour = COLOURS.get(s.css, INK)
        shape = {
            "circle": '<circle r="3.6"',
            "square": '<rect x="-3.4" y="-3.4" width="6.8" height="6.8"',
            "triangle": '<path d="M0,-4.4 L4,3 L-4,3 Z"',
        }[s.marker]
        parts.append(
            f'<marker id="{prefix}-m{index}" viewBox="-5 -5 10 10" markerWidth="10" '
            f'markerHeight="10" markerUnits="userSpaceOnUse" orient="0">'
            f'{shape} class="{s.css}-mark" fill="{colour}" stroke="#fff" stroke-width="1"/>'
            "</marker>"
        )
    return "<defs>" + "".join(parts) + "</defs>"


def _legend_key(series: Series, index: int, prefix: str, x: float, y: float) -> str:
    colour = COLOURS.get(series.css, INK)
    dash = DASHES[series.line]
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    m = f"url(#{prefix}-m{index})"
    return (
        f'<path class="{series.css}" d="M{num(x)},{num(y)} h11 h11" fill="none" stroke="{colour}" '
        f'stroke-width="2.5"{dash_attr} marker-mid="{m}"/>'
        f'<text class="chart-text" x="{num(x + 28)}" y="{num(y + 4.5)}" fill="{INK}">'
        f"{text(series.name)}</text>"
    )


# --- line charts --------------------------------------------------------------------------------


def line_chart(
    series: Sequence[Series],
    *,
    prefix: str,
    title: str,
    low: float,
    high: float,
    unit: str = "",
    bands: Sequence[Band] = (),
    notes: Sequence[str] = (),
    plotted: Plotted | None = None,
) -> str:
    """Lines over time for values from ``low`` to ``high``, with shaded bands behind them.

    ``notes`` are extra sentences for the text alternative. ``plotted``, when given, is the
    series already averaged (their ``points`` are then not read): the same chart, drawn from
    what a database summed up. Edge cases: with no points at all the chart says so in place of
    the lines; a single day is drawn in the middle; a series of one point is a lone marker.
    """
    plotted = plotted or plot(series)
    size = plotted.size
    drawn = [(s, pts, size) for s, pts in zip(series, plotted.drawn, strict=True)]
    times = [t for _, pts, _ in drawn for t, _ in pts]
    legend_rows = len(series) + sum(1 for b in bands if not b.inside)
    plot_bottom = PLOT_TOP + PLOT_HEIGHT
    height = plot_bottom + 30 + 22 * legend_rows
    words = [
        _series_words(s, summary, pts, size, unit)
        for (s, pts, size), summary in zip(drawn, plotted.summaries, strict=True)
    ]
    words += [f"{b.label}: the shaded band from {b.low:g} to {b.high:g}." for b in bands]
    out = open_svg(prefix, height, title, " ".join([*words, *notes]), "chart chart-line")
    out.append(_markers(prefix, series))

    def y_of(value: float) -> float:
        clamped = min(max(value, low), high)
        return plot_bottom - (clamped - low) / (high - low) * PLOT_HEIGHT

    out.append(f"<g {FONT}>")
    for number, band in enumerate(bands):
        top, bottom = y_of(band.high), y_of(band.low)
        if band.inside and number % 2 == 0:
            out.append(grid_line(top))
        else:
            fill, opacity = BAND_FILLS.get(band.css, BAND_FILLS["chart-band"])
            out.append(
                f'<rect class="{band.css}" x="{num(PLOT_LEFT)}" y="{num(top)}" '
                f'width="{num(PLOT_RIGHT - PLOT_LEFT)}" height="{num(max(bottom - top, 1))}" '
                f'fill="{fill}" fill-opacity="{opacity}"/>'
            )
        if band.inside:
            out.append(
                f'<text class="chart-muted" x="{num(PLOT_RIGHT - 4)}" y="{num(top + 13)}" '
                f'text-anchor="end" font-size="12" fill="{MUTED}">{text(band.label)}</text>'
            )
    out += [grid_line(y_of(tick), tick) for tick in ticks(low, high)]
    if not times:
        out.append(
            f'<text class="chart-muted" x="{num((PLOT_LEFT + PLOT_RIGHT) / 2)}" '
            f'y="{num(PLOT_TOP + PLOT_HEIGHT / 2)}" text-anchor="middle" fill="{MUTED}">'
            "Nothing recorded yet</text>"
        )
    else:
        first, last = min(times), max(times)
        if last - first < 1:
            first, last = first - 3, last + 3
        pad = (last - first) * 0.03

        def x_of(t: float) -> float:
            return (
                PLOT_LEFT
                + 8
                + (t - first + pad) / (last - first + 2 * pad) * (PLOT_RIGHT - PLOT_LEFT - 16)
            )

        d_first, d_last = date.fromordinal(int(first)), date.fromordinal(int(last))
        with_year = d_first.year != d_last.year
        for t, anchor in ((first, "start"), (last, "end")):
            out.append(
                f'<text class="chart-muted" x="{num(x_of(t) if anchor == "start" else PLOT_RIGHT)}"'
                f' y="{num(plot_bottom + 18)}" text-anchor="{anchor}" fill="{MUTED}">'
                f"{text(date_words(date.fromordinal(int(t)), with_year))}</text>"
            )
        for index, (s, pts, _) in enumerate(drawn):
            if not pts:
                continue
            coords = [(x_of(t), y_of(v)) for t, v in pts]
            if len(coords) == 1:
                coords = coords * 2
            d = "M" + " L".join(f"{num(x)},{num(y)}" for x, y in coords)
            dash = DASHES[s.line]
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            m = f"url(#{prefix}-m{index})"
            out.append(
                f'<path class="{s.css}" d="{d}" fill="none" stroke="{COLOURS.get(s.css, INK)}" '
                f'stroke-width="2.5" stroke-linejoin="round"{dash_attr} marker-start="{m}" '
                f'marker-mid="{m}" marker-end="{m}"/>'
            )
    out.append(
        f'<path class="chart-axis" d="M{num(PLOT_LEFT)},{num(PLOT_TOP)} V{num(plot_bottom)} '
        f'H{num(PLOT_RIGHT)}" fill="none" stroke="{MUTED}" stroke-width="1"/>'
    )
    y = plot_bottom + 42
    for index, s in enumerate(series):
        out.append(_legend_key(s, index, prefix, PLOT_LEFT, y))
        y += 22
    for band in bands:
        if band.inside:
            continue
        fill, opacity = BAND_FILLS.get(band.css, BAND_FILLS["chart-band"])
        out.append(
            f'<rect class="{band.css}" x="{num(PLOT_LEFT)}" y="{num(y - 7)}" width="22" '
            f'height="14" fill="{fill}" fill-opacity="{opacity}"/>'
            f'<text class="chart-text" x="{num(PLOT_LEFT + 28)}" y="{num(y + 4.5)}" '
            f'fill="{INK}">{text(band.label)}</text>'
        )
        y += 22
    out.append("</g></svg>")
    return "".join(out)


def plot(series: Sequence[Series]) -> Plotted:
    """The series averaged for drawing (``bucket_days``, ``aggregate``) and summarised."""
    size = bucket_days([s.points for s in series])
    origin = min((_day(d).toordinal() for s in series for d, _ in s.points), default=None)
    return Plotted(
        size,
        tuple(aggregate(s.points, size, origin) for s in series),
        tuple(summarise(s.points) for s in series),
    )


def _series_words(
    series: Series,
    summary: Summary | None,
    points: Sequence[tuple[float, float]],
    size: int,
    unit: str,
) -> str:
    if summary is None:
        return f"{series.name}: nothing recorded yet."
    n = summary.count
    count = f"{n} {unit or 'value'}{'' if n == 1 else 's'}"
    sentence = (
        f"{series.name}: {count} from {date_words(_day(summary.first[0]))} to "
        f"{date_words(_day(summary.last[0]))}; "
        f"first {_value_words(summary.first[1])}, latest {_value_words(summary.last[1])}, "
        f"lowest {_value_words(summary.lowest)}, highest {_value_words(summary.highest)}."
    )
    if size:
        sentence += f" Drawn as {_bucket_words(size)} ({len(points)} points)."
    return sentence
