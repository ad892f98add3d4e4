"""标准目录 and 政策问答 pages in a real browser: axe (WCAG 2.1 AA) with and without the 适老模式 preset, no
horizontal scroll on a phone at 200 %, and the search filters of the two kinds."""

from __future__ import annotations

import re

import pytest
from a11y_helpers import WCAG, horizontal_overflow, open_page
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

PAGES = ("standards/yiwu-jiaoyu/", "standards/huji-guanli/", "qa/2026/linghuo-jiuye-kaihu/", "qa/topics/",
         "qa/topics/住房公积金/", "policies/2025/zhufang-gongjijin-jiaocun-guanli-banfa/")


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("elder_preset", [False, True])
def test_no_accessibility_violations(page: Page, served: str, path: str, elder_preset: bool) -> None:
    open_page(page, served, path, elder_preset)
    results = Axe().run(page, options=WCAG)
    assert results.violations_count == 0, results.generate_report()


def test_the_pages_fit_a_phone_at_200_percent(page: Page, served: str) -> None:
    """The wide standard table scrolls inside its own focusable region, never the page."""
    page.set_viewport_size({"width": 375, "height": 667})
    page.goto(served)
    page.evaluate("localStorage.setItem('govsite-a11y', JSON.stringify({size: '200', spacing: true}))")
    for path in PAGES:
        page.goto(served + path)
        scroll, client = horizontal_overflow(page)
        assert scroll <= client, f"{path}: scrollWidth {scroll} > clientWidth {client}"


def result_links(page: Page) -> list[str]:
    return [str(a.get_attribute("href")) for a in page.locator("#search-results .result-title a").all()]


def test_the_qa_topic_filter_finds_only_that_topics_answers(page: Page, served: str) -> None:
    page.goto(served + "search/?q=补贴&qa_topic=就业补贴")  # 补贴 is in policies and funds too
    expect(page.locator("#search-status")).to_contain_text("找到", timeout=15_000)
    links = result_links(page)
    assert len(links) == 4 and all("/qa/2026/" in link for link in links), links
    assert page.locator('input[name="qa_topic"][value="就业补贴"]').is_checked()


def test_the_standard_field_filter_finds_its_catalog(page: Page, served: str) -> None:
    page.goto(served + "search/?q=" + "公开时限" + "&field=" + "户籍管理")
    expect(page.locator("#search-status")).to_contain_text("找到", timeout=15_000)
    assert [re.sub(r"^/xxgk/", "", link) for link in result_links(page)] == ["standards/huji-guanli/"]
