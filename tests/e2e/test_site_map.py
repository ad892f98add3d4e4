"""The HTML site map (网站地图) and the footer marks as a reader sees them in Chromium."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.mark.parametrize("reading_mode", [False, True])
def test_the_site_map_has_no_accessibility_violations(page: Page, served: str, reading_mode: bool) -> None:
    page.goto(served)
    if reading_mode:
        page.evaluate("localStorage.setItem('govsite-reading-mode', '1')")
    page.goto(served + "sitemap/")
    expect(page.get_by_role("heading", level=1)).to_have_text("网站地图")
    results = Axe().run(page, options=WCAG)
    assert results.violations_count == 0, results.generate_report()


def test_the_footer_leads_to_the_site_map_and_its_columns_open(page: Page, served: str) -> None:
    page.goto(served + "catalog/")
    page.locator("footer").get_by_role("link", name="网站地图").click()
    expect(page).to_have_url(served + "sitemap/")
    page.locator(".site-map").get_by_role("link", name="政府信息公开年报").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("政府信息公开年报")


def test_the_badge_is_shown_from_the_site_itself(page: Page, served: str) -> None:
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(request.url.split("/")[2]))
    page.goto(served + "sitemap/")
    badge = page.get_by_role("img", name="党政机关网站标识")
    expect(badge).to_be_visible()
    assert badge.evaluate("img => img.complete && img.naturalWidth > 0")
    expect(page.locator("footer").get_by_role("link", name="我为政府网站找错")).to_have_attribute(
        "href", "https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=4400000001")
    assert hosts == {served.split("/")[2]}
