"""Shared steps of the accessibility-tool browser tests: keyboard moves, the demo pages they use, axe."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

HOME = ""
TABLE_DOC = "policies/2025/zhengwu-gongkai-gongzuo-yaodian-2025/"  # a body table and a link inside a sentence
REPORT = "reports/2026/zhengfu-xinxi-gongkai-niandu-baogao-2025/"  # the annual report's wide tables
CATALOG = "catalog/"
SEARCH = "search/?q=公积金"
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def tab_to(page: Page, selector: str, limit: int = 40) -> None:
    """Presses Tab until the focused element matches `selector` (fails after `limit` presses)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def root_classes(page: Page) -> set[str]:
    return set(str(page.evaluate("document.documentElement.className")).split())


def root_font_px(page: Page) -> float:
    return float(page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)"))


def horizontal_overflow(page: Page) -> tuple[int, int]:
    """(scrollWidth, clientWidth) of the page: a horizontal scroll bar when the first is larger."""
    sizes = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    return int(sizes[0]), int(sizes[1])


ELDER_PRESET = "{size: '150', contrast: true, cursor: true, spacing: true}"
"""适老模式: large text, high contrast, large cursor, more spacing (as the preset button stores it)."""


def open_page(page: Page, served: str, path: str, elder_preset: bool = False) -> None:
    """Open `path` of the served portal, with the 适老模式 preset stored first when asked."""
    page.goto(served)
    if elder_preset:
        page.evaluate(f"localStorage.setItem('govsite-a11y', JSON.stringify({ELDER_PRESET}))")
    page.goto(served + path)


def axe_report(page: Page) -> tuple[int, str]:
    results = Axe().run(page, options=WCAG)
    return results.violations_count, results.generate_report()
