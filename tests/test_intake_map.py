"""The intake's body map as a picture: every region in one area of each view it is drawn on,
and every target, zoomed to its area on the narrowest phone map, at least 44 px each way."""

from __future__ import annotations

from unknot.knowledge import KnowledgeBase
from unknot.pictures.bodymap import drawn_sides, region_shape, regions_in_view
from unknot.pictures.intake_map import (
    AREAS,
    DESIGN_WIDTH_PX,
    MIN_TARGET_PX,
    area_box,
    hit_box,
    min_size,
    shape_box,
)


def test_every_region_of_a_view_is_in_exactly_one_of_its_areas() -> None:
    for view in ("back", "front"):
        placed = [r for area in AREAS[view] for r in area.regions]
        assert sorted(placed) == sorted(r.id for r in regions_in_view(view))  # type: ignore[arg-type]


def test_zoomed_on_a_phone_every_target_is_at_least_44_px_each_way(kb: KnowledgeBase) -> None:
    for view in ("back", "front"):
        for area in AREAS[view]:  # type: ignore[index]
            box = area_box(view, area)  # type: ignore[arg-type]
            scale = DESIGN_WIDTH_PX / (box[2] - box[0])
            for region in area.regions:
                for side in drawn_sides(kb.regions[region]):
                    shape = region_shape(view, region, side)  # type: ignore[arg-type]
                    x0, y0, x1, y1 = hit_box(shape, min_size(box)) or shape_box(shape)
                    assert (x1 - x0) * scale >= MIN_TARGET_PX - 0.01, (view, region, side)
                    assert (y1 - y0) * scale >= MIN_TARGET_PX - 0.01, (view, region, side)
                    # the target stays inside the zoomed picture
                    assert box[0] <= x0 and x1 <= box[2] and box[1] <= y0 and y1 <= box[3]
