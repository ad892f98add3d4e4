"""A search over an index in parts finds exactly the pages one index over the whole site finds.

Large sites get their search index in parts (govsite/search.py), merged in the browser by search.js. A part
on its own ignores a query word that none of its pages has, where one index ignores only a word no page at
all has; search.js leaves such parts out. Each query here runs on the demo with one index and with its index
split into about seven parts, in Chromium, and the two must list the same pages.
"""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

QUERIES = [
    "公积金",  # one word
    "公积金 缴存",  # two words found together
    "公积金 托育",  # words in different documents: in most parts only one of them
    "政务公开 年度报告",
    "老旧小区 改造 资金",
    "住房公积金缴存管理办法",  # one run of characters, segmented into several words
    '"政务公开"',  # a phrase
    "政务公开 年度报告&filter-kind=政策文件&filter-kind=年度报告",  # words and a filter
    "&filter-kind=公开事项",  # a filter alone
]


def all_results(page: Page, site: str, query: str) -> tuple[int, list[str]]:
    """The count the page announces and the address of every result (all pages of results shown)."""
    words, _, filters = query.partition("&")
    page.goto(site + "search/?q=" + quote(words) + ("&" + "&".join(
        f"{quote(k)}={quote(v)}" for k, v in (f.split("=", 1) for f in filters.split("&"))) if filters else ""))
    status = page.locator("#search-status")
    expect(status).to_contain_text("找到", timeout=15_000)
    results = page.locator("#search-results li a")
    more = page.locator("#search-more")
    while more.is_visible():
        shown = results.count()
        more.click()
        expect(results).not_to_have_count(shown, timeout=10_000)
    # the count once every result is shown (a phrase's count is known only when all are checked)
    match = re.match(r"找到 (\d+) 条", status.inner_text())
    assert match, status.inner_text()
    count = int(match.group(1))
    expect(results).to_have_count(count)
    return count, sorted(str(a.get_attribute("href")) for a in results.all())


@pytest.mark.parametrize("query", QUERIES)
def test_a_split_index_finds_the_same_pages_as_one_index(page: Page, served: str, split_served: str,
                                                         query: str) -> None:
    one = all_results(page, served, query)
    split = all_results(page, split_served, query)
    assert split == one
