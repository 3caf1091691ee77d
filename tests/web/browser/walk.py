"""Counting what a person does on a phone: taps, typed characters, key presses, and how far the
pages make them scroll. The browser tests that walk the intake use it, and so did the note that
measured the intake before and after it was shortened, with the same definitions:

- a tap is one click on something (a shape, a box, a button, a number);
- typing counts its characters as key presses, and the tap that put the cursor there as a tap;
- a key press is one key (Tab, Space, Enter, an arrow, a typed character);
- a page's height is the document's scroll height when it opens; a screen is the phone's
  viewport height, so the screens of a walk are the sum of its pages' heights over that height.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

MAX_TABS = 400


@dataclass
class Walk:
    """What one walk through some pages cost the person."""

    viewport_height: int
    taps: int = 0
    typed: int = 0  # characters typed
    keys: int = 0  # key presses, typed characters included
    pages: list[tuple[str, int]] = field(default_factory=list)  # (path, scroll height)

    @property
    def height(self) -> int:
        return sum(h for _, h in self.pages)

    @property
    def screens(self) -> float:
        return self.height / self.viewport_height

    def arrive(self, page: Any) -> None:
        """Note the page just opened and its height."""
        path = page.evaluate("location.pathname")
        height = int(page.evaluate("document.documentElement.scrollHeight"))
        self.pages.append((path, height))

    # --- touch ---------------------------------------------------------------------------------

    def tap(self, locator: Any) -> None:
        locator.click()
        self.taps += 1

    def type_into(self, locator: Any, text: str) -> None:
        """Tap a text field and type ``text`` into it."""
        locator.click()
        self.taps += 1
        locator.press_sequentially(text)
        self.typed += len(text)

    # --- keyboard ------------------------------------------------------------------------------

    def press(self, page: Any, key: str, times: int = 1) -> None:
        for _ in range(times):
            page.keyboard.press(key)
        self.keys += times

    def tab_to(self, page: Any, selector: str) -> None:
        """Press Tab until the element matching ``selector`` has the focus."""
        for _ in range(MAX_TABS):
            if page.evaluate("s => !!document.activeElement?.matches(s)", selector):
                return
            self.press(page, "Tab")
        raise AssertionError(f"{selector} cannot be reached with the Tab key")

    def key_type(self, page: Any, text: str) -> None:
        page.keyboard.type(text)
        self.keys += len(text)
        self.typed += len(text)

    def summary(self) -> str:
        return (
            f"{len(self.pages)} pages, {self.height} px high ({self.screens:.1f} screens of "
            f"{self.viewport_height} px), {self.taps} taps, {self.typed} characters typed, "
            f"{self.keys} key presses"
        )


def target_sizes(page: Any, selector: str) -> list[dict[str, Any]]:
    """The on-screen size of every visible element matching ``selector``, smallest side first."""
    sizes: list[dict[str, Any]] = page.evaluate(
        """s => [...document.querySelectorAll(s)]
            .map(e => ({r: e.getBoundingClientRect(), e}))
            .filter(({r}) => r.width > 0 && r.height > 0)
            .map(({r, e}) => ({
                name: e.getAttribute('aria-label') || e.id || e.textContent.trim().slice(0, 40),
                width: Math.round(r.width * 10) / 10,
                height: Math.round(r.height * 10) / 10,
            }))""",
        selector,
    )
    return sorted(sizes, key=lambda s: min(s["width"], s["height"]))
