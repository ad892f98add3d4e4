"""A search over an index in parts finds exactly the pages one index over the whole site finds.

Large sites get their search index in parts (govsite/search.py, ``build_index(part_bytes=..., whole_bytes=...)``),
merged in the browser by search-engine.js. conftest's ``split_served`` is the demo with its index split into about
seven parts. Each query here runs on the search page of both, in Chromium: the counts the page states and the
pages it lists (every page of results, exact and partial) must be the same, and the exact ones must be the pages
whose text has the query (search_helpers). Sorted by date, both list the pages newest first.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page
from search_helpers import Doc, all_pages, counts, matching, open_search, read_docs

QUERIES: list[tuple[str, dict[str, str | list[str]]]] = [
    ("公积金", {}),  # one word
    ("公积金 缴存", {}),  # two words found together
    ("公积金 托育", {}),  # words in different documents: in most parts only one of them
    ("政务公开 年度报告", {}),
    ("老旧小区 改造 资金", {}),
    ("住房公积金缴存管理办法", {}),  # one run of characters
    ("公积金管理办法", {}),  # no page has it as typed: partial matches
    ('"政务公开"', {}),  # a phrase
    ("医保", {}),  # synonyms
    ("公开", {"scope": "title"}),
    ("〔2023〕", {"scope": "docno"}),
    ("政务公开 年度报告", {"kind": ["政策文件", "年度报告"]}),  # words and a filter
    ("", {"kind": "公开事项"}),  # a filter alone
    ("公积金", {"from": "2025-01-01", "to": "2025-12-31"}),  # a date range
]


@pytest.fixture(scope="module")
def docs(demo_site: Path) -> tuple[Doc, ...]:
    return read_docs(demo_site)


def everything(page: Page, site: str, query: str, params: dict[str, str | list[str]]) -> tuple[tuple[int, int],
                                                                                               list[str], list[str]]:
    """The counts the page states, the exact results and the partial results (every page of them, in order)."""
    open_search(page, site, query, params)
    stated = counts(page)
    shown = all_pages(page)
    assert len(shown) == sum(stated), (stated, len(shown))
    return stated, [r.href for r in shown if not r.partial], [r.href for r in shown if r.partial]


@pytest.mark.parametrize(("query", "params"), QUERIES, ids=[f"{q}{p}" for q, p in QUERIES])
def test_a_split_index_finds_the_same_pages_as_one_index(page: Page, served: str, split_served: str,
                                                         docs: tuple[Doc, ...], query: str,
                                                         params: dict[str, str | list[str]]) -> None:
    one_counts, one_exact, one_partial = everything(page, served, query, params)
    split_counts, split_exact, split_partial = everything(page, split_served, query, params)
    assert split_counts == one_counts
    assert sorted(split_exact) == sorted(one_exact)
    assert sorted(split_partial) == sorted(one_partial)
    if query:
        kinds = params.get("kind", [])
        kinds = [kinds] if isinstance(kinds, str) else kinds
        wanted = matching(docs, query, str(params.get("scope", "all")), where=lambda d: (
            (not kinds or any(("kind", k) in d.filters for k in kinds))
            and str(params.get("from", "")) <= d.published <= str(params.get("to", "9999"))))
        assert set(one_exact) == wanted


@pytest.mark.parametrize("query", ["公开", "公积金"])
def test_a_split_index_sorts_by_date_as_one_index(page: Page, served: str, split_served: str, query: str) -> None:
    # pages of the same day may come in either order (then by validity and by each part's own score)
    shown = {}
    for name, site in (("one", served), ("split", split_served)):
        open_search(page, site, query, {"sort": "date"})
        shown[name] = [(r.date, r.href) for r in all_pages(page)]
    assert [date for date, _ in shown["split"]] == [date for date, _ in shown["one"]]
    assert sorted(shown["split"]) == sorted(shown["one"])
    assert [date for date, _ in shown["one"]] == sorted((date for date, _ in shown["one"]), reverse=True)
