"""What a person sees in a real browser: Chinese search, filters, catalog pages, the 适老模式 preset, accessibility."""

from __future__ import annotations

import re

import pytest
from a11y_helpers import open_page
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect


def search(page: Page, served: str, query: str) -> None:
    page.goto(served + "search/?q=" + query)
    expect(page.locator("#search-status")).to_contain_text("找到", timeout=15_000)


def result_links(page: Page) -> list[str]:
    return [str(a.get_attribute("href")) for a in page.locator("#search-results .result-title a").all()]


def test_a_two_character_chinese_word_finds_its_document(page: Page, served: str) -> None:
    search(page, served, "托育")
    links = result_links(page)
    assert any("chengzhen-laojiu-xiaoqu-gaizao-shishi-fangan" in link for link in links), links
    assert all(link.startswith("/xxgk/") for link in links)  # results work under the sub-path


def test_a_result_opens_its_page(page: Page, served: str) -> None:
    search(page, served, "托育")
    page.locator("#search-results li a").first.click()
    expect(page.locator("h1")).to_contain_text("老旧小区")


def found_count(page: Page) -> int:
    match = re.search(r"(\d+)", page.locator("#search-status").inner_text())
    assert match, page.locator("#search-status").inner_text()
    return int(match.group(1))


def test_a_filter_narrows_the_results(page: Page, served: str) -> None:
    search(page, served, "公积金")
    before = found_count(page)  # 公积金 occurs in policies, funds, interpretations and disclosures
    page.locator('input[name="kind"][value="政策文件"]').check()
    expect(page).to_have_url(re.compile(r"[?&]kind=%E6%94%BF%E7%AD%96%E6%96%87%E4%BB%B6"))
    page.wait_for_function(f"!/\\b{before}\\b/.test(document.getElementById('search-status').textContent)")
    expect(page.locator("#search-status")).to_contain_text("找到")
    after = result_links(page)
    assert after and all("/policies/" in link for link in after), after
    assert 0 < found_count(page) < before


def test_unpublished_text_is_not_found(page: Page, served: str) -> None:
    page.goto(served + "search/?q=幼儿园")  # the word occurs only in a draft
    expect(page.locator("#search-status")).to_contain_text(re.compile("(没有|未找到|0 条)"), timeout=15_000)
    assert result_links(page) == []


def test_catalog_pagination_and_views(page: Page, served: str) -> None:
    page.goto(served + "catalog/")
    first_rows = page.locator("main table tbody tr, main .doc-list li").count()
    assert first_rows == 20
    page.get_by_role("link", name=re.compile("下一页")).first.click()
    expect(page).to_have_url(re.compile(r"/xxgk/catalog/page/2/$"))
    assert page.locator("main table tbody tr, main .doc-list li").count() > 0
    for view in ("topic", "agency", "genre", "year", "art20"):
        page.goto(served + f"catalog/{view}/")
        link = page.locator(f"main ul a[href*='/catalog/{view}/']").first
        link.click()
        expect(page.locator("h1")).to_be_visible()
        assert page.locator("main table tbody tr, main .doc-list li").count() > 0, view


def test_the_elder_preset_enlarges_text_and_persists(page: Page, served: str) -> None:
    """The 适老模式 button (before issue 13 a toggle of its own) is now the toolbar's preset: 150 % text, high
    contrast, large cursor, more spacing (tests/e2e/test_accessibility_tools.py has the rest)."""
    page.goto(served)
    size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    page.locator("[data-a11y-preset]").first.click()
    enlarged = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert enlarged > size * 1.2
    page.goto(served + "catalog/")
    assert page.evaluate("document.documentElement.classList.contains('a11y-contrast')")
    assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") == enlarged
    expect(page.locator("[data-a11y-preset]").first).to_have_attribute("aria-pressed", "true")


AXE_PAGES = ("", "catalog/", "policies/2025/zhufang-gongjijin-jiaocun-guanli-banfa/", "search/?q=公积金",
             "catalog/topic/", "tenders/projects/")


@pytest.mark.parametrize("path", AXE_PAGES)
@pytest.mark.parametrize("elder_preset", [False, True])
def test_no_accessibility_violations(page: Page, served: str, path: str, elder_preset: bool) -> None:
    open_page(page, served, path, elder_preset)
    if path.startswith("search/"):
        expect(page.locator("#search-status")).to_contain_text("找到", timeout=15_000)
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a",
                                                                               "wcag21aa"]}})
    assert results.violations_count == 0, results.generate_report()


def test_no_request_leaves_the_host(page: Page, served: str) -> None:
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(request.url.split("/")[2]))
    for path in ("", "catalog/", "search/?q=公积金", "policies/2025/zhufang-gongjijin-jiaocun-guanli-banfa/"):
        page.goto(served + path)
    page.wait_for_timeout(500)
    assert hosts == {served.split("/")[2]}
