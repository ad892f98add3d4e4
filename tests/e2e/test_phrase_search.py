"""A quoted Chinese phrase finds exactly the pages whose text has it word for word.

Pagefind on its own finds no Chinese phrase on the demo (its index and the browser cut Chinese into words
differently); govsite indexes a coded twin of each page, so that a query is an exact phrase of codes that matches
where the text has the query's characters in a row (docs/search.md). Checked on one index and on an index in
parts, against the demo's own text (search_helpers).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from search_helpers import PAGE_SIZE, Doc, all_pages, counts, matching, open_search, read_docs, results

PREFIX = "/xxgk/"


@pytest.fixture(scope="module")
def docs(demo_site: Path) -> tuple[Doc, ...]:
    return read_docs(demo_site)


def links(page: Page) -> list[str]:
    return sorted(r.href.removeprefix(PREFIX) for r in results(page))


@pytest.mark.parametrize("index", ["one index", "in parts"])
def test_a_phrase_finds_exactly_the_pages_that_have_it(page: Page, served: str, split_served: str,
                                                      docs: tuple[Doc, ...], index: str) -> None:
    site = served if index == "one index" else split_served
    open_search(page, site, '"部门预算"')
    assert links(page) == ["funds/2026/czt-bumen-yusuan-2026/"]
    open_search(page, site, '"机构职能"')
    assert links(page) == ["disclosures/2025/bgt-jigou-zhineng/", "disclosures/2025/czt-jigou-zhineng/",
                           "disclosures/2025/fgw-jigou-zhineng/", "disclosures/2025/wjw-jigou-zhineng/",
                           "disclosures/2026/gjj-jigou-zhineng/"]
    assert counts(page) == (5, 0)
    assert {r.href for r in results(page)} == matching(docs, '"机构职能"')


def test_words_that_are_not_next_to_each_other_are_not_a_phrase(page: Page, served: str,
                                                                docs: tuple[Doc, ...]) -> None:
    open_search(page, served, "预算 公积金")  # two terms: pages with both
    assert counts(page)[0] == len(matching(docs, "预算 公积金")) > 0
    text = open_search(page, served, '"预算公积金"')  # no page has them in a row
    assert counts(page) == (0, 0), text
    expect(page.locator("#search-results > li")).to_have_count(0)
    assert matching(docs, '"预算公积金"') == set()


def test_the_results_of_a_phrase_come_in_pages_of_ten(page: Page, served: str, docs: tuple[Doc, ...]) -> None:
    wanted = matching(docs, '"政府信息公开"')
    pages = -(-len(wanted) // PAGE_SIZE)
    assert 2 <= pages <= 3, len(wanted)  # more than one page, and few enough to page through
    text = open_search(page, served, '"政府信息公开"')
    assert f"找到 {len(wanted)} 条结果，第 1 页，共 {pages} 页" in text, text
    expect(page.locator("#search-results > li")).to_have_count(PAGE_SIZE)
    shown = all_pages(page)  # 下一页
    expect(page.locator("#search-status")).to_contain_text(f"第 {pages} 页，共 {pages} 页")
    expect(page.locator("#search-results > li")).to_have_count(len(wanted) - PAGE_SIZE * (pages - 1))
    assert len(shown) == len(wanted) and {r.href for r in shown} == wanted
    assert not any(r.partial for r in shown)  # a quoted phrase is never searched word by word
