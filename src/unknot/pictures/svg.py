"""Small helpers for writing SVG by hand: escaping, number formatting, smooth outlines, shapes.

Every shape is described in the coordinates of the 200-wide figure; paired body parts are
described once, on the viewer's right half (x >= 100), and mirrored with :func:`mirror`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

Point = tuple[float, float]

WIDTH = 200.0
MID = WIDTH / 2


def num(value: float) -> str:
    """A coordinate with at most one decimal, without a trailing ``.0``."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def text(value: str) -> str:
    """Escape character data."""
    return escape(value)


def attr(value: str) -> str:
    """A quoted, escaped attribute value."""
    return quoteattr(value)


def mirror_x(x: float) -> float:
    return WIDTH - x


def polygon_d(points: Sequence[Point]) -> str:
    """A closed path through the points, straight segments."""
    head, *rest = points
    parts = [f"M{num(head[0])},{num(head[1])}"]
    parts.extend(f"L{num(x)},{num(y)}" for x, y in rest)
    return " ".join(parts) + " Z"


def smooth_d(points: Sequence[Point], *, closed: bool = True) -> str:
    """A smooth path through the points (Catmull-Rom turned into cubic Bézier curves)."""
    n = len(points)
    if n < 3:
        return polygon_d(points)
    parts = [f"M{num(points[0][0])},{num(points[0][1])}"]
    last = n if closed else n - 1
    for i in range(last):
        p0 = points[(i - 1) % n] if closed or i > 0 else points[0]
        p1 = points[i]
        p2 = points[(i + 1) % n]
        p3 = points[(i + 2) % n] if closed or i + 2 < n else points[-1]
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        parts.append(
            f"C{num(c1[0])},{num(c1[1])} {num(c2[0])},{num(c2[1])} {num(p2[0])},{num(p2[1])}"
        )
    return " ".join(parts) + (" Z" if closed else "")


@dataclass(frozen=True)
class Shape:
    """A polygon (``points``) or an ellipse (``ellipse`` = cx, cy, rx, ry)."""

    points: tuple[Point, ...] = ()
    ellipse: tuple[float, float, float, float] | None = None
    smooth: bool = False

    def mirrored(self) -> Shape:
        if self.ellipse is not None:
            cx, cy, rx, ry = self.ellipse
            return Shape(ellipse=(mirror_x(cx), cy, rx, ry))
        return Shape(points=tuple((mirror_x(x), y) for x, y in self.points), smooth=self.smooth)

    @property
    def centre(self) -> Point:
        if self.ellipse is not None:
            return self.ellipse[0], self.ellipse[1]
        xs = [x for x, _ in self.points]
        ys = [y for _, y in self.points]
        return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2

    def element(self, attrs: str, children: str = "") -> str:
        """The shape as an SVG element carrying ``attrs`` (already formatted) and children."""
        if self.ellipse is not None:
            cx, cy, rx, ry = self.ellipse
            geometry = f'cx="{num(cx)}" cy="{num(cy)}" rx="{num(rx)}" ry="{num(ry)}"'
            tag = "ellipse"
        else:
            d = smooth_d(self.points) if self.smooth else polygon_d(self.points)
            geometry = f'd="{d}"'
            tag = "path"
        if children:
            return f"<{tag} {attrs} {geometry}>{children}</{tag}>"
        return f"<{tag} {attrs} {geometry}/>"


def poly(*points: Point, smooth: bool = False) -> Shape:
    return Shape(points=tuple(points), smooth=smooth)


def ellipse(cx: float, cy: float, rx: float, ry: float) -> Shape:
    return Shape(ellipse=(cx, cy, rx, ry))
