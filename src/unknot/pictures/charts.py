"""Server-side SVG charts for the diary: pain over time, an outcome measure's scores, adherence.

Pure: standard library and ``unknot.knowledge`` only. Every chart is one standalone ``<svg>``
string that carries a ``<title>`` and a ``<desc>`` stating its numbers in words, uses presentation
attributes only (no ``style``), and prefixes every element id with ``prefix`` so several charts
can share a page. Series differ by line pattern and marker shape as well as by colour, and a
legend names them. Class names (``chart-s1``, ``chart-band`` ...) let a stylesheet restyle the
colours, for example in dark mode.

Many points are averaged into buckets (a day, a week, four weeks ...) so that a chart stays small:
at most ``MAX_POINTS`` points per series are drawn, whatever the length of the diary.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from unknot.knowledge.measures import Measure
from unknot.pictures.chart_lines import (
    COLOURS,
    FONT,
    INK,
    MAX_POINTS,
    MUTED,
    PLOT_HEIGHT,
    PLOT_LEFT,
    PLOT_RIGHT,
    PLOT_TOP,
    Band,
    Day,
    Plotted,
    Series,
    Summary,
    aggregate,
    bucket_days,
    bucket_size,
    date_words,
    grid_line,
    line_chart,
    open_svg,
    plot,
    summarise,
    ticks,
)
from unknot.pictures.svg import num, text

__all__ = [
    "MAX_POINTS",
    "Band",
    "Plotted",
    "Series",
    "Summary",
    "Week",
    "adherence_chart",
    "aggregate",
    "bucket_days",
    "bucket_size",
    "line_chart",
    "measure_chart",
    "pain_chart",
    "plot",
    "summarise",
    "week_start",
]


@dataclass(frozen=True, slots=True)
class Week:
    """Sessions done in the week starting ``start``, and the number planned (None: no plan)."""

    start: date
    done: int
    planned: int | None


def pain_chart(
    check_ins: Sequence[tuple[Day, float]],
    before: Sequence[tuple[Day, float]],
    after: Sequence[tuple[Day, float]],
    *,
    prefix: str,
    plotted: Plotted | None = None,
) -> str:
    """Pain (0-10) over time: at check-ins, and before and after sessions. ``plotted``: the
    three series already averaged (``line_chart``), in that order; their points are not read."""
    series = [
        Series("Pain at check-ins", tuple(check_ins), "solid", "circle", "chart-s1"),
        Series("Before sessions", tuple(before), "dashed", "square", "chart-s2"),
        Series("After sessions", tuple(after), "dotted", "triangle", "chart-s3"),
    ]
    if plotted is None:
        plotted = plot(series)
    has = [summary is not None for summary in plotted.summaries]
    keep = [i for i in range(len(series)) if has[i]] or [0]
    return line_chart(
        [series[i] for i in keep],
        prefix=prefix,
        title="Your pain over time, 0 (none) to 10 (worst imaginable)",
        low=0,
        high=10,
        unit="rating",
        plotted=Plotted(
            plotted.size,
            tuple(plotted.drawn[i] for i in keep),
            tuple(plotted.summaries[i] for i in keep),
        ),
    )


def _meaningful_half_width(measure: Measure, baseline: float) -> float | None:
    """The smallest change that counts as meaningful from ``baseline``: the points threshold or
    the percent of the baseline, whichever is reached first (only points when the baseline is 0)."""
    mc = measure.meaningful_change
    if mc is None:
        return None
    sizes = [mc.points] if mc.points is not None else []
    if mc.percent is not None and baseline:
        sizes.append(abs(baseline) * mc.percent / 100)
    return min(sizes) if sizes else None


def measure_chart(
    measure: Measure,
    points: Sequence[tuple[Day, float]],
    *,
    prefix: str,
    plotted: Plotted | None = None,
) -> str:
    """One measure's scores over time, over its bands from measures.yaml.

    The shaded band around the first score spans the change that would not yet be meaningful
    (the measure's meaningful change, in points or per cent of the first score); a measure with
    named bands (Oswestry) has them written inside the plot; a recovered threshold (Roland-Morris)
    is a band of its own. ``plotted``: the scores already averaged (``line_chart``); ``points``
    are then not read.
    """
    series = Series(measure.name, tuple(points), "solid", "circle", "chart-s1")
    plotted = plotted or plot([series])
    first = plotted.summaries[0]
    bands: list[Band] = []
    notes: list[str] = []
    for band in measure.bands:
        low = band.min if band is measure.bands[0] else band.min - 1
        if band is not measure.bands[0] and low < measure.min:
            low = measure.min
        bands.append(Band(low, band.max, band.name, "chart-zone", inside=True))
    if measure.recovered is not None:
        bands.append(
            Band(measure.min, measure.recovered.at_most,
                 f"Recovered: {measure.recovered.at_most:g} or less", "chart-recovered")
        )  # fmt: skip
    if first is not None:
        baseline = float(first.first[1])
        half = _meaningful_half_width(measure, baseline)
        if half is not None:
            low = max(measure.min, baseline - half)
            high = min(measure.max, baseline + half)
            bands.append(Band(low, high, "Smaller change than meaningful", "chart-band"))
            notes.append(
                f"A change of less than {half:g} from the first score, {baseline:g}, "
                "is smaller than the change that counts as meaningful."
            )
    better = "Lower" if measure.better == "lower" else "Higher"
    notes.append(f"{better} is better.")
    zones = [b for b in bands if b.inside]
    others = [b for b in bands if not b.inside]
    return line_chart(
        [series],
        prefix=prefix,
        title=f"{measure.name}: your scores over time ({better.lower()} is better)",
        low=measure.min,
        high=measure.max,
        unit="score",
        bands=[*zones, *others],
        notes=notes,
        plotted=plotted,
    )


# --- adherence ----------------------------------------------------------------------------------


def adherence_chart(weeks: Sequence[Week], *, prefix: str) -> str:
    """Bars of sessions done per week beside dashed outlines of the sessions planned.

    Each bar is labelled "done/planned" (or just "done" without a plan); the text alternative
    lists every week. Edge case: no weeks gives an empty chart that says so.
    """
    plot_bottom = PLOT_TOP + PLOT_HEIGHT
    height = plot_bottom + 30 + 22 * 2
    top = max([w.done for w in weeks] + [w.planned or 0 for w in weeks] + [1])
    scale_max = float(max(ticks(0, top)[-1], top))
    lines = []
    for w in weeks:
        plan = f" of {w.planned} planned" if w.planned is not None else ""
        lines.append(f"Week of {date_words(w.start)}: {w.done} session days{plan}.")
    desc = " ".join(lines) if lines else "No weeks to show yet."
    out = open_svg(prefix, height, "Sessions done each week, against the plan", desc,
                "chart chart-bars")  # fmt: skip
    out.append(f"<g {FONT}>")

    def y_of(value: float) -> float:  # headroom above the tallest bar for its label
        return plot_bottom - value / (scale_max * 1.12) * PLOT_HEIGHT

    out += [grid_line(y_of(tick), tick) for tick in ticks(0, scale_max)]
    slot = (PLOT_RIGHT - PLOT_LEFT) / max(len(weeks), 1)
    bar = min(slot * 0.62, 40)
    for index, w in enumerate(weeks):
        x = PLOT_LEFT + slot * index + (slot - bar) / 2
        if w.planned:
            out.append(
                f'<rect class="chart-planned" x="{num(x)}" y="{num(y_of(w.planned))}" '
                f'width="{num(bar)}" height="{num(plot_bottom - y_of(w.planned))}" fill="none" '
                f'stroke="{MUTED}" stroke-width="1.5" stroke-dasharray="5 3"/>'
            )
        if w.done:
            inset = 5.0 if w.planned else 0.0
            out.append(
                f'<rect class="chart-done" x="{num(x + inset)}" y="{num(y_of(w.done))}" '
                f'width="{num(bar - 2 * inset)}" height="{num(plot_bottom - y_of(w.done))}" '
                f'fill="{COLOURS["chart-s1"]}"/>'
            )
        label = f"{w.done}/{w.planned}" if w.planned is not None else f"{w.done}"
        label_y = y_of(max(w.done, w.planned or 0)) - 5
        out.append(
            f'<text class="chart-text" x="{num(x + bar / 2)}" y="{num(label_y)}" '
            f'text-anchor="middle" fill="{INK}">{label}</text>'
            f'<text class="chart-muted" x="{num(x + bar / 2)}" y="{num(plot_bottom + 18)}" '
            f'text-anchor="middle" font-size="12" fill="{MUTED}">'
            f"{text(date_words(w.start, False))}</text>"
        )
    if not weeks:
        out.append(
            f'<text class="chart-muted" x="{num((PLOT_LEFT + PLOT_RIGHT) / 2)}" '
            f'y="{num(PLOT_TOP + PLOT_HEIGHT / 2)}" text-anchor="middle" fill="{MUTED}">'
            "Nothing recorded yet</text>"
        )
    out.append(
        f'<path class="chart-axis" d="M{num(PLOT_LEFT)},{num(PLOT_TOP)} V{num(plot_bottom)} '
        f'H{num(PLOT_RIGHT)}" fill="none" stroke="{MUTED}" stroke-width="1"/>'
    )
    y = plot_bottom + 42
    out.append(
        f'<rect class="chart-done" x="{num(PLOT_LEFT)}" y="{num(y - 7)}" width="22" height="14" '
        f'fill="{COLOURS["chart-s1"]}"/>'
        f'<text class="chart-text" x="{num(PLOT_LEFT + 28)}" y="{num(y + 4.5)}" fill="{INK}">'
        "Days with a session</text>"
        f'<rect class="chart-planned" x="{num(PLOT_LEFT)}" y="{num(y + 15)}" width="22" '
        f'height="14" fill="none" stroke="{MUTED}" stroke-width="1.5" stroke-dasharray="5 3"/>'
        f'<text class="chart-text" x="{num(PLOT_LEFT + 28)}" y="{num(y + 26.5)}" fill="{INK}">'
        "Planned days</text>"
    )
    out.append("</g></svg>")
    return "".join(out)


def week_start(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())
