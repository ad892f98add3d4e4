"""The 无障碍/适老化 toolbar as a reader uses it (issue 13, 工信部《互联网网站适老化通用设计规范》): text size
steps without horizontal scrolling at 1280 px, high contrast, large cursor and more spacing from the keyboard
alone, kept across pages, applied before the first paint, the old 适老模式 setting kept, axe clean in each
mode, and a page that reads well without JavaScript."""

from __future__ import annotations

import pytest
from a11y_helpers import (
    CATALOG,
    HOME,
    REPORT,
    SEARCH,
    TABLE_DOC,
    axe_report,
    horizontal_overflow,
    root_classes,
    root_font_px,
    tab_to,
)
from playwright.sync_api import Browser, Page, expect


def open_tools_by_keyboard(page: Page) -> None:
    tab_to(page, "[data-a11y-open]")
    page.keyboard.press("Enter")
    expect(page.locator("#a11y-panel")).to_be_visible()
    expect(page.locator("[data-a11y-open]")).to_have_attribute("aria-expanded", "true")


@pytest.mark.parametrize(("size", "arrows"), [("100", 0), ("125", 1), ("150", 2), ("200", 3)])
def test_each_text_step_from_the_keyboard_fits_1280_px_without_horizontal_scroll(
        page: Page, served: str, size: str, arrows: int) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(served)
    open_tools_by_keyboard(page)
    tab_to(page, "input[data-a11y-size]:checked")
    for _ in range(arrows):
        page.keyboard.press("ArrowRight")  # a radio group: the arrows move the choice
    expect(page.locator(f"input[data-a11y-size][value='{size}']")).to_be_checked()
    assert root_font_px(page) == 16 * int(size) / 100
    for path in (HOME, TABLE_DOC, REPORT, CATALOG, SEARCH):
        page.goto(served + path)
        assert root_font_px(page) == 16 * int(size) / 100, path  # kept on every page
        if path == SEARCH:
            expect(page.locator("#search-status")).to_contain_text("找到", timeout=15_000)
        scroll, client = horizontal_overflow(page)
        assert scroll <= client, f"{path} at {size} %: scrollWidth {scroll} > clientWidth {client}"


@pytest.mark.parametrize("size", ["150", "200"])
def test_large_text_with_spacing_fits_a_phone_without_horizontal_scroll(page: Page, served: str, size: str) -> None:
    """375 px wide (a phone) at 150 and 200 % with more spacing: long e-mail addresses, the home page's cards
    and the search page's date fields wrap or shrink instead of widening the page."""
    page.set_viewport_size({"width": 375, "height": 667})
    page.goto(served)
    page.evaluate(f"localStorage.setItem('govsite-a11y', JSON.stringify({{size: '{size}', spacing: true}}))")
    for path in (HOME, TABLE_DOC, REPORT, CATALOG, SEARCH):
        page.goto(served + path)
        scroll, client = horizontal_overflow(page)
        assert scroll <= client, f"{path} at {size} %: scrollWidth {scroll} > clientWidth {client}"


def test_contrast_cursor_and_spacing_from_the_keyboard_persist_across_pages(page: Page, served: str) -> None:
    page.goto(served)
    line_height = page.evaluate("parseFloat(getComputedStyle(document.body).lineHeight)")
    open_tools_by_keyboard(page)
    for name, key in (("contrast", "Space"), ("cursor", "Enter"), ("spacing", "Space")):
        tab_to(page, f"[data-a11y-toggle='{name}']")
        page.keyboard.press(key)
        expect(page.locator(f"[data-a11y-toggle='{name}']")).to_have_attribute("aria-pressed", "true")
    assert {"a11y-contrast", "a11y-cursor", "a11y-spacing"} <= root_classes(page)
    assert page.evaluate("getComputedStyle(document.body).color") == "rgb(0, 0, 0)"
    cursor = str(page.evaluate("getComputedStyle(document.querySelector('main')).cursor"))
    assert "/xxgk/static/cursor-large.svg" in cursor and served.split("/")[2] in cursor, cursor
    link_cursor = str(page.evaluate("getComputedStyle(document.querySelector('main a')).cursor"))
    assert "cursor-large-pointer.svg" in link_cursor, link_cursor
    assert page.request.get(served + "static/cursor-large.svg").ok
    assert page.evaluate("parseFloat(getComputedStyle(document.body).lineHeight)") > line_height * 1.15

    page.goto(served + CATALOG)
    assert {"a11y-contrast", "a11y-cursor", "a11y-spacing"} <= root_classes(page)
    assert page.get_attribute("html", "data-text-size") is None  # the size was not touched
    open_tools_by_keyboard(page)
    for name in ("contrast", "cursor", "spacing"):
        expect(page.locator(f"[data-a11y-toggle='{name}']")).to_have_attribute("aria-pressed", "true")
    tab_to(page, "[data-a11y-reset]")
    page.keyboard.press("Enter")
    assert not {"a11y-contrast", "a11y-cursor", "a11y-spacing"} & root_classes(page)
    page.goto(served + TABLE_DOC)
    assert not {"a11y-contrast", "a11y-cursor", "a11y-spacing"} & root_classes(page)
    assert page.evaluate("localStorage.getItem('govsite-a11y')") is None


def test_escape_closes_the_tools_and_returns_the_focus(page: Page, served: str) -> None:
    page.goto(served)
    open_tools_by_keyboard(page)
    tab_to(page, "[data-a11y-toggle='spacing']")
    page.keyboard.press("Escape")
    expect(page.locator("#a11y-panel")).to_be_hidden()
    assert page.evaluate("document.activeElement.matches('[data-a11y-open]')")
    expect(page.locator("[data-a11y-open]")).to_have_attribute("aria-expanded", "false")


def test_the_elder_preset_and_the_old_reading_mode_setting(page: Page, served: str) -> None:
    page.goto(served)
    body_px = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    preset = page.locator("[data-a11y-preset]")
    expect(preset).to_have_text("适老模式")
    preset.click()
    expect(preset).to_have_attribute("aria-pressed", "true")
    assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") == body_px * 1.5
    assert {"a11y-contrast", "a11y-cursor", "a11y-spacing"} <= root_classes(page)
    page.goto(served + CATALOG)
    expect(page.locator("[data-a11y-preset]")).to_have_attribute("aria-pressed", "true")
    page.locator("[data-a11y-preset]").click()  # pressed again: back to the defaults
    assert page.get_attribute("html", "data-text-size") is None
    assert not {"a11y-contrast", "a11y-cursor", "a11y-spacing"} & root_classes(page)

    # A reader who turned the old 适老模式 on (before the toolbar) keeps it: it is read once as the preset.
    page.evaluate("localStorage.clear(); localStorage.setItem('govsite-reading-mode', '1')")
    page.goto(served + TABLE_DOC)
    assert page.get_attribute("html", "data-text-size") == "150"
    assert {"a11y-contrast", "a11y-spacing"} <= root_classes(page)
    expect(page.locator("[data-a11y-preset]")).to_have_attribute("aria-pressed", "true")
    assert page.evaluate("localStorage.getItem('govsite-reading-mode')") is None


def test_the_settings_are_on_the_page_before_its_body_is_parsed(page: Page, served: str) -> None:
    """No flash of the default look: the saved settings are on <html> before <body> exists (so before any
    paint), by the script in <head>."""
    page.goto(served)
    page.evaluate("localStorage.setItem('govsite-a11y', JSON.stringify({size: '200', contrast: true}))")
    page.add_init_script("""
        new MutationObserver((records, observer) => {
          if (document.body) {
            window.__atBody = document.documentElement.className + ' size=' +
              document.documentElement.getAttribute('data-text-size');
            observer.disconnect();
          }
        }).observe(document, {childList: true, subtree: true});
    """)
    page.goto(served + CATALOG)
    at_body = str(page.evaluate("window.__atBody"))
    assert "a11y-contrast" in at_body and "size=200" in at_body and "js" in at_body.split(), at_body


MODES = {
    "default": "{}",
    "size-125": "{size: '125'}",
    "size-150": "{size: '150'}",
    "size-200": "{size: '200'}",
    "contrast": "{contrast: true}",
    "spacing": "{spacing: true}",
    "cursor": "{cursor: true}",
    "preset": "{size: '150', contrast: true, cursor: true, spacing: true}",
}


@pytest.mark.parametrize("mode", MODES)
def test_no_accessibility_violations_in_each_mode(page: Page, served: str, mode: str) -> None:
    page.goto(served)
    page.evaluate(f"localStorage.setItem('govsite-a11y', JSON.stringify({MODES[mode]}))")
    for path in (HOME, TABLE_DOC, CATALOG):
        page.goto(served + path)
        page.locator("[data-a11y-open]").click()  # the tools themselves are checked too, open
        expect(page.locator("#a11y-panel")).to_be_visible()
        count, report = axe_report(page)
        assert count == 0, f"{mode} {path}:\n{report}"


@pytest.mark.parametrize("width", [1280, 375])
def test_without_javascript_the_navigation_and_content_are_there_and_no_tool_shows(
        browser: Browser, served: str, width: int) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": width, "height": 800})
    try:
        page = context.new_page()
        page.goto(served + TABLE_DOC)
        nav = page.locator("nav.main-nav #main-nav-list a")
        assert nav.count() >= 4
        for link in nav.all():
            expect(link).to_be_visible()
        expect(page.locator("main h1")).to_be_visible()
        expect(page.locator(".document-body p").first).to_be_visible()
        for tool in ("[data-a11y-open]", "[data-a11y-preset]", "#a11y-panel", "[data-nav-toggle]",
                     "[data-read-aloud]"):
            expect(page.locator(tool)).to_be_hidden()
        nav.filter(has_text="法定主动公开内容").first.click()
        expect(page).to_have_url(served + CATALOG)
    finally:
        context.close()
