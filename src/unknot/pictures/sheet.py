"""A contact sheet: every technique picture (both sides) and every muscle picture on one page."""

from __future__ import annotations

import html
from typing import Literal

from unknot.knowledge import KnowledgeBase
from unknot.pictures.muscles import muscle_picture
from unknot.pictures.technique import technique_picture

_STYLE = (
    "body{font-family:sans-serif;margin:12px}"
    ".grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(250px,1fr));gap:8px}"
    "figure{margin:0;border:1px solid #ddd;padding:4px;text-align:center}"
    "figcaption{font-size:12px}.muscles svg{height:300px;width:auto}"
)


def contact_sheet(kb: KnowledgeBase) -> tuple[str, int, int]:
    """The HTML page, and how many technique and muscle pictures it holds."""
    cells: list[str] = []
    for t in kb.techniques.values():
        sides: tuple[Literal["left", "right"] | None, ...] = (
            ("left", "right") if t.one_sided else (None,)
        )
        for side in sides:
            caption = html.escape(t.name + (f" ({side})" if side else ""))
            cells.append(
                f"<figure>{technique_picture(t.id, side)}<figcaption>{caption}"
                f"<br><code>{t.id}</code></figcaption></figure>"
            )
    muscles = [
        f"<figure>{muscle_picture(m.id)}<figcaption>{html.escape(m.name)}</figcaption></figure>"
        for m in kb.muscles.values()
    ]
    page = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>unknot pictures</title><style>{_STYLE}</style></head><body>"
        f'<h1>Techniques</h1><div class="grid">{"".join(cells)}</div>'
        f'<h1>Muscles</h1><div class="grid muscles">{"".join(muscles)}</div></body></html>'
    )
    return page, len(cells), len(muscles)
