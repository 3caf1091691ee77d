"""A technique picture in words, for its ``<desc>``: the position, the props and where they sit,
where the pressure goes, what is highlighted and what the arrow means."""

from __future__ import annotations

from unknot.knowledge import load_knowledge
from unknot.knowledge.technique import Picture, Technique
from unknot.pictures.poses import WORDS

PLACE_WORDS: dict[str, str] = {
    "low_back": "the low back, between the lowest rib and the pelvis",
    "sacrum": "the flat bone at the base of the spine (sacrum)",
    "belly": "the belly, about 2 inches (5 cm) beside the navel",
    "front_hip": "the front of the hip, just inside the bony point",
    "buttock": "the middle of the buttock",
    "thigh_back": "the back of the thigh, halfway to the knee",
    "thigh_front": "the front of the thigh, just below the hip",
    "upper_back": "the upper back",
    "knee": "the knee",
}

PAIR_WORDS = "one about 2 inches (5 cm) to each side of the navel"

WALL_POSES = {"standing_wall", "facing_wall", "wall_sit", "wall_side_plank"}


def first_props(technique: Technique) -> list[tuple[str, int]]:
    return [(need.any_of[0], need.count) for need in technique.props]


WORN: dict[str, str] = {
    "mini_band": "around the legs just above the knees",
    "strap": "looped around the thighs",
    "towel": "folded under the knee",
}

MOVES: dict[str, str] = {
    "knee_drop": "the arrow shows the knees dropping to the side from where they started (dashed)",
    "hip_lift": "the arrow shows the hips lifting",
    "leg_lift": "the arrow shows the leg lifting",
    "roll": "the arrow shows the slow roll back and forth",
    "rock": "the arrow shows the knees bending a little to move over the ball",
    "side_bend": "the arrow shows the lean to the side",
    "reach": "the arrow shows the reach",
    "step": "the arrow shows the step to the side",
}


def _prop_words(technique: Technique, pic: Picture, side: str | None) -> list[str]:
    kb = load_knowledge()
    side_words = f"the {side} side of " if side else ""
    pieces = []
    for prop_id, count in first_props(technique):
        if prop_id == "chair" and pic.pose == "seated":
            continue  # the pose already says so
        name = kb.props[prop_id].name.lower() if prop_id in kb.props else prop_id
        label = f"{count} x {name}" if count > 1 else name
        if prop_id == "ball_pair" and pic.prop_at == "belly":  # one ball each side of the navel
            pieces.append(f"two balls under {side_words}the belly, {PAIR_WORDS}")
            continue
        if prop_id in WORN:
            pieces.append(f"{label} {WORN[prop_id]}")
        elif pic.prop_at and prop_id != "chair":
            if prop_id == "cane_tool":
                prep = "hooked into"
            elif pic.pose in WALL_POSES:
                prep = "between the wall and"
            elif pic.prop_at == "thigh_front" and pic.pose == "seated":
                prep = "on"
            else:
                prep = "under"
            pieces.append(f"{label} {prep} {side_words}{PLACE_WORDS[pic.prop_at]}")
        else:
            pieces.append(label)
    return pieces


def describe(technique: Technique, side: str | None) -> str:
    """The picture in words: position, props and where they sit, the pressure, the movement."""
    kb = load_knowledge()
    pic = technique.picture
    assert pic is not None
    pieces = [WORDS[pic.pose], *_prop_words(technique, pic, side)]
    if pic.pressure_point and not pic.prop_at:
        side_words = f"the {side} side of " if side else ""
        pieces.append(f"pressure on {side_words}{PLACE_WORDS[pic.pressure_point]}")
    names = [kb.muscles[m].name for m in technique.targets if m in kb.muscles]
    pieces.append("highlighted: " + ", ".join(names))
    if pic.arrow:
        pieces.append(MOVES[pic.arrow])
    text_ = "; ".join(pieces) + "."
    if technique.one_sided and side:
        text_ += f" Shown for the {side} side; the other side is its mirror."
    return text_


def describe_safe(technique: Technique, pic: Picture, side: str | None) -> str:
    if technique.picture is None:
        return WORDS[pic.pose] + "."
    return describe(technique, side)
