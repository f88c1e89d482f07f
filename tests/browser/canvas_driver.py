"""Driving the journey canvas in Chromium, counting every UI action a person makes.

An action is one click, one drag, or one field typed (text and its Enter together), as
a person at the keyboard and mouse would count them; waiting for the app is not one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tests.browser.conftest import settle

CANVAS_FRAME = "iframe[title*='journey_canvas']"


@dataclass
class Counted:
    page: Any
    actions: int = 0
    log: list[str] = field(default_factory=list)

    def did(self, what: str) -> None:
        self.actions += 1
        self.log.append(what)
        self.answered()

    def answered(self) -> None:
        """Wait until the app has applied every gesture and drawn the page anew."""
        settle(self.page)
        if self.page.locator(CANVAS_FRAME).count() == 0:
            return  # a page without the canvas
        self.canvas.locator("#board[data-pending='0']").wait_for(state="attached", timeout=60_000)
        settle(self.page)

    @property
    def canvas(self) -> Any:
        return self.page.frame_locator(CANVAS_FRAME).first

    def box(self, testid: str) -> dict[str, float]:
        found = self.canvas.get_by_test_id(testid)
        for _ in range(20):
            # The canvas redraws itself when the app answers: ask again for the new one.
            found.wait_for(state="visible", timeout=60_000)
            box = found.bounding_box()
            if box is not None:
                return box
            self.page.wait_for_timeout(150)
        raise AssertionError(f"{testid} is not on the canvas")

    def in_view(self, *testids: str) -> None:
        """Scroll with the wheel (one action) when what the next gesture needs is off
        the screen."""
        height = self.page.viewport_size["height"]
        boxes = [self.box(t) for t in testids]
        top = min(b["y"] for b in boxes)
        bottom = max(b["y"] + b["height"] for b in boxes)
        if top >= 0 and bottom <= height - 4:
            return
        delta = bottom - height + 40 if bottom > height - 4 else top - 40
        # Over the main column (the sidebar scrolls on its own).
        self.page.mouse.move(self.page.viewport_size["width"] - 60, height / 2)
        self.page.mouse.wheel(0, delta)
        self.page.wait_for_timeout(300)
        self.actions += 1
        self.log.append("scroll")

    def click_cell(self, stage: str, channel: str) -> None:
        self.in_view(f"cell-{stage}-{channel}")
        cell = self.box(f"cell-{stage}-{channel}")
        self.page.mouse.click(cell["x"] + cell["width"] / 2, cell["y"] + cell["height"] - 12)
        self.actions += 1
        self.log.append(f"click cell {stage}/{channel}")

    def type_name(self, name: str) -> None:
        field = self.canvas.get_by_test_id("new-touchpoint-name")
        try:
            field.wait_for(state="visible", timeout=10_000)
        except Exception:
            self.page.screenshot(path="test-artifacts/canvas-failed.png", full_page=True)
            raise
        field.fill(name)
        field.press("Enter")
        self.did(f"type {name}")

    def _drag(self, handle: str, x: float, y: float) -> None:
        start = self.box(f"handle-{handle}")
        mouse = self.page.mouse
        mouse.move(start["x"] + start["width"] / 2, start["y"] + start["height"] / 2)
        mouse.down()
        mouse.move(x, y, steps=8)
        mouse.up()

    def connect(self, source: str, target: str) -> None:
        self.in_view(f"handle-{source}", f"touchpoint-{target}")
        node = self.box(f"touchpoint-{target}")
        self._drag(source, node["x"] + node["width"] / 3, node["y"] + node["height"] / 2)
        self.did(f"drag {source} → {target}")

    def connect_new(self, source: str, stage: str, channel: str, name: str) -> None:
        """Drag from a touchpoint's handle to an empty cell and name the new touchpoint."""
        self.in_view(f"handle-{source}", f"cell-{stage}-{channel}")
        cell = self.box(f"cell-{stage}-{channel}")
        self._drag(source, cell["x"] + cell["width"] / 2, cell["y"] + cell["height"] - 12)
        self.actions += 1
        self.log.append(f"drag {source} → new in {stage}/{channel}")
        self.type_name(name)

    def add(self, stage: str, channel: str, name: str) -> None:
        self.click_cell(stage, channel)
        self.type_name(name)

    def click(self, locator: Any, what: str) -> None:
        locator.click()
        self.did(what)

    def fill(self, locator: Any, text: str, what: str, *, enter: bool = True) -> None:
        """Type into a field; Enter commits it (in a form, Enter would submit it)."""
        locator.fill(text)
        if enter:
            locator.press("Enter")
        self.did(what)
