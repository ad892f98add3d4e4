"""Tenders, fund reports and annual reports as a person sees them (issue: the disclosures the law asks for)."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

PROJECT = "tenders/projects/SLCG-2026-0158/"
FUND = "funds/2026/zhufang-gongjijin-niandu-baogao-2025/"
REPORT = "reports/2026/zhengfu-xinxi-gongkai-niandu-baogao-2025/"


def test_the_tender_list_filters_by_status(page: Page, served: str) -> None:
    page.goto(served + "tenders/projects/")
    everything = page.locator("main .status-badge").count()
    assert everything == 5
    page.get_by_role("link", name="招标中").first.click()
    expect(page).to_have_url(served + "tenders/projects/status/open/")
    badges = page.locator("main .status-badge")
    expect(badges).to_have_count(1)
    expect(badges.first).to_have_text("招标中")
    page.get_by_role("link", name="已中标").first.click()
    expect(page).to_have_url(served + "tenders/projects/status/awarded/")  # wait for the page, then count
    expect(page.locator("main .status-badge")).to_have_count(3)
    assert set(page.locator("main .status-badge").all_inner_texts()) == {"已中标"}


def test_a_project_page_lists_its_notices_in_order(page: Page, served: str) -> None:
    page.goto(served + PROJECT)
    stages = page.locator("ol.timeline li").all_inner_texts()
    assert len(stages) >= 2 and "招标公告" in stages[0] and "更正公告" in stages[1]
    expect(page.locator("main")).to_contain_text("招标中")


def test_the_fund_chart_has_a_text_alternative(page: Page, served: str) -> None:
    page.goto(served + FUND)
    chart = page.locator("svg.fund-chart")
    expect(chart).to_have_count(1)
    assert chart.get_attribute("role") == "img"
    described = str(chart.get_attribute("aria-describedby"))
    assert "预算" in page.locator(f"[id='{described}']").text_content()  # type: ignore[operator]
    assert page.locator(f"[id='{chart.get_attribute('aria-labelledby')}']").text_content()
    with page.expect_download() as download:
        page.get_by_role("link", name="下载表格（CSV）").click()
    assert download.value.suggested_filename.endswith(".csv")


@pytest.mark.parametrize("path", [PROJECT, FUND, REPORT])
def test_no_accessibility_violations_on_the_computed_pages(page: Page, served: str, path: str) -> None:
    page.goto(served + path)
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a",
                                                                               "wcag21aa"]}})
    assert results.violations_count == 0, results.generate_report()
