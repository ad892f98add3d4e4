"""The demo's search finds exactly the pages whose text has the query, measured as tests/bench/search_quality.py
measures it.

About 240 queries are drawn with a fixed seed from the demo's own pages, ten of each set of the harness (whole
titles; 1- to 4-character pieces on word boundaries and cutting a word; two terms; quoted phrases; pieces with
punctuation; 文号; 索引号; numbers with units; years with words; Latin and mixed strings; ASCII typed
full-width; synonyms of data/search.yaml; pieces searched in the title or the 文号 only; pieces with a kind
filter, in a date range, sorted by date, which must also come newest first). Through
``window.govsiteSearch`` each must find every relevant page and no other, list relevant pages first and count
them exactly; ten of them also go through the visible search page (the stated count and the first page).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from bench import search_quality as sq
from helpers import REPO_ROOT
from playwright.sync_api import Browser, Page

SEED = 20261127
PER_SET = 10
UI_QUERIES = 10
SMALLEST_SET = 5  # the demo has 9 synonyms


@pytest.fixture(scope="module")
def drawn(demo_site: Path, browser: Browser) -> Iterator[tuple[sq.Site, list[sq.Query]]]:
    """The demo's indexed pages and the queries drawn from them (Chromium's word segmenter on a blank page)."""
    site = sq.read_site(demo_site, REPO_ROOT)
    context = browser.new_context()
    try:
        yield site, sq.draw_queries(site, PER_SET, SEED, context.new_page())
    finally:
        context.close()


def test_the_queries_cover_every_set(drawn: tuple[sq.Site, list[sq.Query]]) -> None:
    site, queries = drawn
    sizes = Counter(query.group for query in queries)
    assert len(site.docs) >= 70, f"only {len(site.docs)} indexed pages read from the demo"
    assert {group: sizes[group] for group in sq.GROUPS if sizes[group] < SMALLEST_SET} == {}
    assert 150 <= len(queries) <= 250, sizes


def test_every_query_finds_exactly_the_pages_whose_text_has_it(
    page: Page, served: str, drawn: tuple[sq.Site, list[sq.Query]]
) -> None:
    site, queries = drawn
    assert served.endswith(site.base), (served, site.base)
    sq.open_search(page, served)
    verdicts = sq.run_queries(page, site, queries)
    wrong = [verdict.describe() for verdict in verdicts if verdict.problems()]
    assert not wrong, f"{len(wrong)} of {len(verdicts)} queries differ from the pages' text:\n" + "\n".join(wrong)


def test_the_search_page_states_the_count_and_shows_the_first_page(
    page: Page, served: str, drawn: tuple[sq.Site, list[sq.Query]]
) -> None:
    site, queries = drawn
    sq.open_search(page, served)
    sample = sq.ui_sample(queries, UI_QUERIES, SEED)
    assert len(sample) == UI_QUERIES
    checks = sq.ui_checks(page, sq.run_queries(page, site, sample))
    wrong = [check.describe() for check in checks if check.problems()]
    assert not wrong, f"{len(wrong)} of {len(checks)} searches on the page differ:\n" + "\n".join(wrong)
