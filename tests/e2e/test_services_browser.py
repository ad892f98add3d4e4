"""权责清单 and 办事指南 in a real browser: the flow charts at 200 % zoom of a 640 px window (320 CSS px) without
horizontal scrolling, their text alternative, the search filters of the two kinds, and axe on every new page type."""

from __future__ import annotations

import pytest
from a11y_helpers import axe_report, horizontal_overflow, open_page
from playwright.sync_api import Page, expect

POWER = "powers/2026/shipin-anquan-weifa-chufa/"  # eight steps, two branches, an arrow that skips rows
GUIDE = "guides/2026/gongshui-baozhuang/"  # a public enterprise's guide: materials with a form, fees, a flow
NEW_PAGES = (POWER, GUIDE, "powers/list/", "powers/category/xuke/", "powers/agency/scjgj/", "guides/list/",
             "guides/event/zhufang/", "guides/enterprises/", "powers/")


@pytest.mark.parametrize("path", NEW_PAGES)
def test_at_200_percent_of_640_px_nothing_scrolls_sideways(page: Page, served: str, path: str) -> None:
    """A 640 px window zoomed to 200 % lays the page out in 320 CSS pixels (device scale 2)."""
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(served + path)
    scroll, client = horizontal_overflow(page)
    assert client == 320
    assert scroll <= client, f"{path}: scrollWidth {scroll} > clientWidth {client}"


@pytest.mark.parametrize("path", (POWER, GUIDE))
def test_the_flow_chart_scales_down_and_has_its_text_alternative(page: Page, served: str, path: str) -> None:
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(served + path)
    svg = page.locator("svg.flowchart-svg")
    expect(svg).to_have_attribute("role", "img")
    natural = int(str(svg.get_attribute("width")))
    shown = page.evaluate("document.querySelector('svg.flowchart-svg').getBoundingClientRect().width")
    assert natural > 320 > shown  # drawn wider than the window, shown within it (viewBox, max-width: 100 %)
    labelled = str(svg.get_attribute("aria-labelledby")).split()
    assert page.locator(f"#{labelled[0]}").text_content() and page.locator(f"#{labelled[1]}").text_content()
    steps = page.locator(".flow-steps > li")
    assert steps.count() == page.locator("svg.flowchart-svg .flow-step").count()
    branch = page.locator(".flow-steps > li", has_text="分支").first
    branch.locator("a").first.click()  # a branch's link leads to the step it names
    target = str(page.evaluate("location.hash"))
    expect(page.locator(target)).to_be_visible()


@pytest.mark.parametrize("path", NEW_PAGES)
@pytest.mark.parametrize("elder_preset", [False, True])
def test_no_accessibility_violations_on_the_new_pages(page: Page, served: str, path: str, elder_preset: bool) -> None:
    open_page(page, served, path, elder_preset)
    count, report = axe_report(page)
    assert count == 0, report


def test_the_power_category_filter_finds_only_that_category(page: Page, served: str) -> None:
    page.goto(served + "search/?q=行政&power_category=行政处罚")
    expect(page.locator("#search-status")).to_contain_text("找到", timeout=15_000)
    links = [str(a.get_attribute("href")) for a in page.locator("#search-results .result-title a").all()]
    assert links and all("/powers/" in link for link in links), links
    assert any("shipin-anquan-weifa-chufa" in link for link in links)
    assert not any("shipin-shengchan-xuke" in link for link in links)  # a 行政许可


def test_the_public_enterprise_filter_finds_the_water_guide(page: Page, served: str) -> None:
    page.goto(served + "search/?q=办事指南&provider_type=公共企事业单位")
    expect(page.locator("#search-status")).to_contain_text("找到", timeout=15_000)
    links = [str(a.get_attribute("href")) for a in page.locator("#search-results .result-title a").all()]
    assert len(links) == 1 and "gongshui-baozhuang" in links[0], links
