"""The diary's charts: pure SVG from numbers, with text alternatives, small at any diary size."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pytest

from tests.helpers import SVG, parse_svg
from unknot.knowledge.measures import load_measures
from unknot.pictures.charts import (
    Week,
    adherence_chart,
    aggregate,
    bucket_days,
    measure_chart,
    pain_chart,
)

START = datetime(2026, 1, 5, 9, 0)


def _days(values: list[float], start: datetime = START) -> list[tuple[datetime, float]]:
    return [(start + timedelta(days=i), v) for i, v in enumerate(values)]


def _desc(svg: str) -> str:
    root = parse_svg(svg)
    desc = root.find(f"{SVG}desc")
    assert desc is not None and desc.text
    return desc.text


def test_the_pain_chart_states_its_numbers_in_words() -> None:
    svg = pain_chart(_days([6, 5, 3]), _days([7, 6]), _days([5, 4]), prefix="pain")
    desc = _desc(svg)
    assert "Pain at check-ins: 3 ratings from 5 Jan 2026 to 7 Jan 2026" in desc
    assert "first 6, latest 3, lowest 3, highest 6" in desc
    assert "Before sessions: 2 ratings" in desc
    assert "After sessions: 2 ratings" in desc and "first 5, latest 4" in desc


def test_series_differ_by_line_and_marker_not_colour_alone() -> None:
    svg = pain_chart(_days([6, 5]), _days([7, 6]), _days([5, 4]), prefix="p")
    root = parse_svg(svg)
    lines = [p for p in root.iter(f"{SVG}path") if p.get("marker-mid")]
    dashes = {p.get("stroke-dasharray") for p in lines}
    markers = {p.get("marker-mid") for p in lines}
    assert len(dashes) == 3  # solid (none), dashed, dotted
    assert len(markers) == 3
    shapes = {child.tag for marker in root.iter(f"{SVG}marker") for child in marker}
    assert shapes == {f"{SVG}circle", f"{SVG}rect", f"{SVG}path"}
    texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    for name in ("Pain at check-ins", "Before sessions", "After sessions"):
        assert name in texts  # the legend


def test_every_id_carries_the_prefix_and_two_charts_share_none() -> None:
    one = pain_chart(_days([6, 5]), _days([7]), _days([5]), prefix="a-pain")
    two = measure_chart(load_measures()["odi"], _days([40, 30]), prefix="b-odi")
    ids_one = set(re.findall(r' id="([^"]+)"', one))
    ids_two = set(re.findall(r' id="([^"]+)"', two))
    assert ids_one and all(i.startswith("a-pain-") for i in ids_one)
    assert ids_two and all(i.startswith("b-odi-") for i in ids_two)
    assert not ids_one & ids_two
    for svg in (one, two):
        refs = set(re.findall(r"url\(#([^)]+)\)", svg))
        refs |= {r for ref in re.findall(r'aria-labelledby="([^"]+)"', svg) for r in ref.split()}
        assert refs <= set(re.findall(r' id="([^"]+)"', svg))


@pytest.mark.parametrize("count", [1, 59, 1000, 5000])
def test_charts_stay_light_at_any_diary_size(count: int) -> None:
    hours = [(START + timedelta(hours=17 * i), float(i % 11)) for i in range(count)]
    svg = pain_chart(hours, hours, hours, prefix="big")
    parse_svg(svg)
    assert len(svg.encode()) < 20_000
    assert "style=" not in svg
    assert "<script" not in svg


def test_many_points_are_averaged_and_the_words_say_so() -> None:
    midnight = datetime(2026, 1, 5)  # a Monday; four ratings a day, 4, 5, 4, 5, for 100 days
    points = [(midnight + timedelta(hours=6 * i), 4.0 + (i % 2)) for i in range(400)]
    size = bucket_days([points])
    assert size == 7  # 100 days do not fit 60 daily points; 15 weekly points do
    drawn = aggregate(points, size)
    assert len(drawn) == 15
    assert all(v == pytest.approx(4.5) for _, v in drawn)
    desc = _desc(pain_chart(points, [], [], prefix="x"))
    assert "400 ratings" in desc and "averages" in desc


def test_few_points_are_drawn_as_they_are() -> None:
    points = _days([1, 2, 3])
    assert bucket_days([points]) == 0
    assert [v for _, v in aggregate(points, 0)] == [1, 2, 3]


def test_an_empty_chart_says_nothing_is_recorded() -> None:
    svg = pain_chart([], [], [], prefix="empty")
    assert "Nothing recorded yet" in svg
    assert "nothing recorded yet" in _desc(svg)


def test_the_oswestry_chart_shows_its_bands_and_the_meaningful_change() -> None:
    odi = load_measures()["odi"]
    svg = measure_chart(odi, _days([42, 35.6, 28]), prefix="odi")
    desc = _desc(svg)
    root = parse_svg(svg)
    texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    for band in odi.bands:
        assert band.name in texts
    # meaningful: 10 points or 30 % of 42 (12.6): the smaller, 10, is reached first
    assert "less than 10 from the first score, 42" in desc
    assert "Lower is better" in desc
    assert "latest 28" in desc


def test_the_roland_morris_chart_marks_the_recovered_range() -> None:
    svg = measure_chart(load_measures()["rmdq"], _days([14, 9]), prefix="rmdq")
    assert "Recovered: 2 or less" in _desc(svg)


def test_the_activity_chart_says_higher_is_better() -> None:
    svg = measure_chart(load_measures()["psfs"], _days([3, 6]), prefix="psfs")
    assert "Higher is better" in _desc(svg)


def test_the_adherence_chart_lists_every_week_in_words() -> None:
    weeks = [Week(date(2026, 11, 2), 3, 5), Week(date(2026, 11, 9), 5, 5)]
    svg = adherence_chart(weeks, prefix="adh")
    desc = _desc(svg)
    assert "Week of 2 Nov 2026: 3 session days of 5 planned." in desc
    assert "Week of 9 Nov 2026: 5 session days of 5 planned." in desc
    root = parse_svg(svg)
    labels = [t.text for t in root.iter(f"{SVG}text")]
    assert "3/5" in labels and "5/5" in labels
    assert "Planned days" in labels  # the dashed outline is named in the legend


def test_the_adherence_chart_without_a_plan_shows_only_what_was_done() -> None:
    svg = adherence_chart([Week(date(2026, 11, 2), 2, None)], prefix="adh")
    assert "2 session days." in _desc(svg)
    assert 'class="chart-planned" x="34"' in svg  # the legend only: no planned bar
    assert svg.count('class="chart-planned"') == 1
