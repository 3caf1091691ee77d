"""A lying body resting on a ball or roller: lifted where the prop is, still on the floor elsewhere.

A ball under the belly, the low back or a buttock lifts the pelvis; one under a thigh lifts the
pelvis and the knee. The shoulders, the knees and the feet stay on whatever held them up in the
pose (floor, forearms, soles): the trunk bends at the waist toward its old shoulder, and thighs
or shins tilt so the knees or the feet keep their height.
"""

from __future__ import annotations

import math
from dataclasses import replace

from unknot.pictures.poses import FLOOR, FORE, TRUNK, UPPER, WAIST, Body, angle_of, polar
from unknot.pictures.svg import Point

ELBOW_R = 4.0  # half the upper arm's width
THIGH_PLACES = ("thigh_front", "thigh_back")
# Face down over a prop under the trunk: how steeply (degrees) the lower trunk rises to the waist.
FACE_DOWN: dict[str, float] = {"prone": 8.0, "prone_forearms": 5.0}


def _shift(p: Point, dx: float, dy: float) -> Point:
    return p[0] + dx, p[1] + dy


def _reach(start: tuple[float, float], old_angle: float, length: float, y: float) -> float:
    """The angle from ``start`` of a segment ``length`` long whose end lies at height ``y``.

    It keeps pointing the same way (left or right) as ``old_angle``; when ``y`` is out of reach
    it points straight at it.
    """
    sine = max(-1.0, min(1.0, (start[1] - y) / length))
    rise = math.degrees(math.asin(sine))
    return rise if math.cos(math.radians(old_angle)) >= 0 else 180 - rise


def rest_on(body: Body, place: str, top: float, ground: float = FLOOR) -> Body:
    """The body with the surface point ``place`` lifted to ``top`` above the ``ground`` line.

    Nothing changes when that point already sits there or higher. Only a point on the
    underside makes sense here: the caller checks the prop is between the body and the ground.
    Sitting on a chair, the thigh tilts up over the ball and the sitter sits lower (a lower
    seat), so the knee keeps its height and the foot stays flat on the floor.
    """
    at, _, _ = body.surface(place)
    lift = at[1] - (ground - top)
    if lift <= 0.05:
        return body
    if body.name == "seated":
        return _angles(_sit_lower(_tilt_thigh(body, at, lift), body))
    if place in THIGH_PLACES:
        return _angles(_lift_thighs(_lift_pelvis(body, lift), lift))
    if body.name in FACE_DOWN:
        hip, waist = _drape(body, place, ground - top)
        return _angles(_keep_knees(_lift_pelvis(body, lift, hip, waist), body))
    return _angles(_keep_knees(_lift_pelvis(body, lift), body))


def _drape(body: Body, place: str, y: float) -> tuple[Point, Point]:
    """Hip and waist of a body lying face down over a prop under the trunk, the surface point
    ``place`` at height ``y``: the lower trunk rises a little from the hip toward the waist, so
    the body arches gently over the prop instead of lying flat on it with a corner each end."""
    rise = FACE_DOWN[body.name]
    waist = polar(body.hip, rise, TRUNK * WAIST)
    trial = replace(body, waist=waist, shoulder=polar(waist, rise, TRUNK * (1 - WAIST)))
    dy = y - trial.surface(place)[0][1]
    return _shift(body.hip, 0, dy), _shift(waist, 0, dy)


def _angles(body: Body) -> Body:
    """The angles brought in line with the moved joints (feet are drawn from the shins)."""
    angles = dict(body.angles)
    angles |= {
        "thigh": angle_of(body.hip, body.knee),
        "far_thigh": angle_of(body.hip, body.far_knee),
        "shin": angle_of(body.knee, body.ankle),
        "far_shin": angle_of(body.far_knee, body.far_ankle),
    }
    return replace(body, angles=angles)


def _lift_pelvis(
    body: Body, lift: float, hip: Point | None = None, waist: Point | None = None
) -> Body:
    """Hip and waist up by ``lift`` (or to ``hip`` and ``waist``); the chest bends back down
    toward the old shoulder.

    Lying face down with the arms at the sides, the chest comes to rest on the forearms
    instead, folded on the floor in front, a little higher than it lay.
    """
    hip = hip or _shift(body.hip, 0, -lift)
    waist = waist or _shift(body.waist, 0, -lift)
    chest = TRUNK * (1 - WAIST)
    prone = body.name == "prone"
    aim = _shift(body.shoulder, 0, -0.45 * lift) if prone else body.shoulder
    shoulder = polar(waist, angle_of(waist, aim), chest)
    dx, dy = shoulder[0] - body.shoulder[0], shoulder[1] - body.shoulder[1]
    if prone:  # both forearms folded on the floor, the chest on them
        drop = min(UPPER - 1, FLOOR - ELBOW_R - shoulder[1])
        elbow = (shoulder[0] + math.sqrt(UPPER**2 - drop**2), shoulder[1] + drop)
        hand = (elbow[0] + FORE, elbow[1])
        arms: tuple[Point, Point, Point, Point] = (elbow, hand, elbow, hand)
    else:  # the arms move with the shoulder
        arms = (
            _shift(body.elbow, dx, dy),
            _shift(body.hand, dx, dy),
            _shift(body.far_elbow, dx, dy),
            _shift(body.far_hand, dx, dy),
        )
    return replace(
        body,
        hip=hip,
        waist=waist,
        shoulder=shoulder,
        head=_shift(body.head, dx, dy),
        elbow=arms[0],
        hand=arms[1],
        far_elbow=arms[2],
        far_hand=arms[3],
    )


def _tilt_thigh(body: Body, at: Point, lift: float) -> Body:
    """The near thigh turned about the hip so the point ``at`` on it rises by ``lift``."""
    reach = math.dist(body.hip, at)
    turn = math.degrees(math.asin(min(1.0, lift / reach)))
    old = angle_of(body.hip, body.knee)
    angle = old + turn if math.cos(math.radians(old)) >= 0 else old - turn
    knee = polar(body.hip, angle, math.dist(body.hip, body.knee))
    return replace(body, knee=knee, ankle=_shift(body.ankle, knee[0] - body.knee[0], 0))


def _sit_lower(body: Body, before: Body) -> Body:
    """The sitter lowered (on a lower seat) by as much as the tilted knee rose, so both knees
    keep their height (the other thigh tilts up too) and both feet stay flat on the floor."""
    rise = before.knee[1] - body.knee[1]

    def down(p: Point) -> Point:
        return _shift(p, 0, rise)

    def shin(knee: Point, old_knee: Point, old_ankle: Point) -> Point:
        length = math.dist(old_knee, old_ankle)
        angle = _reach(knee, angle_of(old_knee, old_ankle), length, old_ankle[1])
        return polar(knee, angle, length)

    hip, knee = down(body.hip), down(body.knee)
    length = math.dist(before.hip, before.far_knee)
    tilt = _reach(hip, angle_of(before.hip, before.far_knee), length, before.far_knee[1])
    far_knee = polar(hip, tilt, length)
    return replace(
        body,
        hip=hip,
        waist=down(body.waist),
        shoulder=down(body.shoulder),
        head=down(body.head),
        elbow=down(body.elbow),
        hand=down(body.hand),
        far_elbow=down(body.far_elbow),
        far_hand=down(body.far_hand),
        knee=knee,
        ankle=shin(knee, before.knee, before.ankle),
        far_knee=far_knee,
        far_ankle=shin(far_knee, before.far_knee, before.far_ankle),
    )


def _keep_knees(body: Body, before: Body) -> Body:
    """Thighs tilted from the lifted hip so each knee keeps its height; shins ride along."""

    def leg(old_knee: Point, old_ankle: Point) -> tuple[Point, Point]:
        length = math.dist(before.hip, old_knee)
        angle = _reach(body.hip, angle_of(before.hip, old_knee), length, old_knee[1])
        knee = polar(body.hip, angle, length)
        return knee, _shift(old_ankle, knee[0] - old_knee[0], knee[1] - old_knee[1])

    knee, ankle = leg(before.knee, before.ankle)
    far_knee, far_ankle = leg(before.far_knee, before.far_ankle)
    return replace(body, knee=knee, ankle=ankle, far_knee=far_knee, far_ankle=far_ankle)


def _lift_thighs(body: Body, lift: float) -> Body:
    """Knees up with the hip (the thighs rest level on the roller); shins reach back down."""

    def leg(old_knee: Point, old_ankle: Point) -> tuple[Point, Point]:
        knee = _shift(old_knee, 0, -lift)
        length = math.dist(old_knee, old_ankle)
        angle = _reach(knee, angle_of(old_knee, old_ankle), length, old_ankle[1])
        return knee, polar(knee, angle, length)

    knee, ankle = leg(body.knee, body.ankle)
    far_knee, far_ankle = leg(body.far_knee, body.far_ankle)
    return replace(body, knee=knee, ankle=ankle, far_knee=far_knee, far_ankle=far_ankle)


def hands_on(body: Body, target: Point) -> Body:
    """Both hands reaching to ``target`` (fingertips pressing a spot), elbows bent up."""
    upper, fore = UPPER, FORE
    s = body.shoulder
    d = max(abs(upper - fore) + 0.1, min(math.dist(s, target), upper + fore - 0.1))
    base = angle_of(s, target)
    bend = math.degrees(math.acos((upper**2 + d**2 - fore**2) / (2 * upper * d)))
    elbow = min(polar(s, base + bend, upper), polar(s, base - bend, upper), key=lambda p: p[1])
    hand = polar(elbow, angle_of(elbow, target), fore)
    return replace(body, elbow=elbow, hand=hand, far_elbow=elbow, far_hand=hand)
