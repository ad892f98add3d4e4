"""A quoted Chinese phrase finds the pages whose text has it word for word.

Pagefind on its own finds no Chinese phrase at all on the demo (its index and the browser cut Chinese into
words differently); search.js searches the phrase's words and keeps the results whose text has the phrase.
"""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

PREFIX = "/xxgk/"


def search(page: Page, site: str, query: str) -> None:
    page.goto(site + "search/?q=" + quote(query))
    expect(page.locator("#search-status")).to_contain_text("找到", timeout=15_000)


def links(page: Page) -> list[str]:
    return sorted(str(a.get_attribute("href")).removeprefix(PREFIX)
                  for a in page.locator("#search-results li a").all())


def count(page: Page) -> int:
    match = re.search(r"找到 (\d+) 条", page.locator("#search-status").inner_text())
    assert match, page.locator("#search-status").inner_text()
    return int(match.group(1))


@pytest.mark.parametrize("index", ["one index", "in parts"])
def test_a_phrase_finds_exactly_the_pages_that_have_it(page: Page, served: str, split_served: str,
                                                      index: str) -> None:
    site = served if index == "one index" else split_served
    search(page, site, '"部门预算"')
    assert links(page) == ["funds/2026/czt-bumen-yusuan-2026/"]
    search(page, site, '"机构职能"')
    assert links(page) == ["disclosures/2025/bgt-jigou-zhineng/", "disclosures/2025/czt-jigou-zhineng/",
                           "disclosures/2025/fgw-jigou-zhineng/", "disclosures/2025/wjw-jigou-zhineng/",
                           "disclosures/2026/gjj-jigou-zhineng/"]
    assert count(page) == 5


def test_words_that_are_not_next_to_each_other_are_not_a_phrase(page: Page, served: str) -> None:
    search(page, served, "预算公积金")
    assert count(page) > 0  # pages with both words
    search(page, served, '"预算公积金"')
    expect(page.locator("#search-status")).to_contain_text("找到 0 条结果")
    assert links(page) == []


def test_more_results_of_a_phrase_are_checked_as_they_are_asked_for(page: Page, served: str) -> None:
    search(page, served, '"政府信息公开"')  # 16 pages have it, among 43 that have its words
    results = page.locator("#search-results li a")
    expect(results).to_have_count(10)
    expect(page.locator("#search-status")).to_contain_text("已找到 10 条")  # not all checked yet
    page.locator("#search-more").click()
    expect(results).to_have_count(16)
    expect(page.locator("#search-status")).to_have_text("找到 16 条结果")
    expect(page.locator("#search-more")).to_be_hidden()
