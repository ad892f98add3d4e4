"""The gazette's pages in Chromium: axe finds no WCAG 2.1 AA violation on the year index and an issue's contents
page (also with the 适老模式 preset), both fit 200 % zoom without horizontal scrolling, and the contents lead
to the documents and the issue's PDF."""

from __future__ import annotations

import re

import pytest
from a11y_helpers import axe_report, horizontal_overflow, open_page
from playwright.sync_api import Page, expect

INDEX = "gazette/"
ISSUE = "gazette/2023/di-3-qi/"


@pytest.mark.parametrize("path", [INDEX, ISSUE, "policies/2023/zhengfu-xinxi-gongkai-guiding/"])
@pytest.mark.parametrize("elder_preset", [False, True])
def test_no_accessibility_violations(page: Page, served: str, path: str, elder_preset: bool) -> None:
    open_page(page, served, path, elder_preset)
    count, report = axe_report(page)
    assert count == 0, report


@pytest.mark.parametrize("path", [INDEX, ISSUE])
def test_200_percent_zoom_needs_no_horizontal_scroll(page: Page, served: str, path: str) -> None:
    page.set_viewport_size({"width": 640, "height": 800})  # 1280 px at 200 % zoom
    page.goto(served + path)
    scroll, client = horizontal_overflow(page)
    assert scroll <= client, f"{path}: scrollWidth {scroll} > clientWidth {client}"


def test_the_year_index_leads_to_an_issue_and_its_contents_to_the_rule(page: Page, served: str) -> None:
    page.goto(served + INDEX)
    expect(page.get_by_role("heading", level=1)).to_have_text("政府公报")
    expect(page.get_by_role("heading", level=2, name="2026年")).to_be_visible()
    page.get_by_role("link", name="2023年第3期", exact=True).click()
    expect(page).to_have_url(served + ISSUE)
    contents = page.locator(".gazette-contents")
    expect(contents.get_by_role("table", name="政府规章")).to_contain_text("示例省人民政府令第298号")
    pdf = contents.get_by_role("link", name="下载本期PDF版全文（688 B）")
    expect(pdf).to_have_attribute("href", "/xxgk/gazette/2023/gongbao-2023-03.pdf")
    contents.get_by_role("link", name="示例省政府信息公开规定").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("示例省政府信息公开规定")
    expect(page.get_by_role("link", name="2023年第3期（总第1125期）")).to_be_visible()


def test_the_kind_filter_finds_the_issue_that_prints_a_rule(page: Page, served: str) -> None:
    page.goto(served + "search/?q=示例省政府信息公开规定")
    expect(page.locator("#search-status")).to_contain_text("找到", timeout=15_000)
    before = [str(a.get_attribute("href")) for a in page.locator("#search-results .result-title a").all()]
    assert any("/policies/2023/zhengfu-xinxi-gongkai-guiding/" in link for link in before), before
    page.locator('input[name="kind"][value="政府公报"]').check()
    expect(page).to_have_url(re.compile(r"[?&]kind=%E6%94%BF%E5%BA%9C%E5%85%AC%E6%8A%A5"))
    expect(page.locator("#search-results .result-title a")).to_have_count(1)
    expect(page.locator("#search-results .result-title a")).to_have_attribute("href", "/xxgk/" + ISSUE)
