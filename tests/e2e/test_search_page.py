"""The search page as a person uses it, on the demo: sort, date range, scope, synonyms, no result, popular
searches, partial matches, the state in the address (reload, back button, links), pagination, highlighting and
accessibility in each state (docs/search.md).

What the page shows is checked against the demo's own text (search_helpers: the pages whose indexed text has
the query), not against counts written down here.
"""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from helpers import REPO_ROOT
from playwright.sync_api import Page, expect
from search_helpers import (
    PAGE_SIZE,
    Doc,
    all_pages,
    by_url,
    counts,
    current_page,
    eventually,
    hrefs,
    matching,
    open_search,
    pager_labels,
    read_docs,
    results,
    search_url,
    segment_words,
    status,
    wait_done,
)

POLICY = "/xxgk/policies/2025/zhufang-gongjijin-jiaocun-guanli-banfa/"  # 示例省住房公积金缴存管理办法
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture(scope="module")
def docs(demo_site: Path) -> tuple[Doc, ...]:
    return read_docs(demo_site)


def params(page: Page) -> dict[str, list[str]]:
    """The query of the page's own address (location.href): Playwright's `page.url` sometimes keeps the address
    before a history.pushState that follows a form reset (seen 1 run in 5 under load)."""
    return parse_qs(urlsplit(page.evaluate("location.href")).query)


def newest_first(dates: list[str]) -> bool:
    return all(a >= b for a, b in pairwise(dates))


def popular() -> list[str]:
    return [str(term) for term in yaml.safe_load((REPO_ROOT / "data" / "search.yaml").read_text("utf-8"))["popular"]]


# -- sort ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["公积金", "公开"])
def test_by_date_lists_the_results_newest_first(page: Page, served: str, docs: tuple[Doc, ...], query: str) -> None:
    open_search(page, served, query)
    relevance = counts(page)
    page.locator('input[name="sort"][value="date"]').check()
    wait_done(page)
    assert params(page)["sort"] == ["date"]
    assert counts(page) == relevance
    shown = all_pages(page)
    assert {r.href for r in shown} == matching(docs, query)  # the same pages as by relevance
    dates = [r.date for r in shown]
    assert all(dates), [r.meta for r in shown]
    assert newest_first(dates), dates
    assert dates == sorted((by_url(docs)[r.href].published for r in shown), reverse=True)


def test_by_date_lists_pages_found_through_a_synonym_newest_first(page: Page, served: str) -> None:
    # 医保 has synonyms (医疗保障, 医疗保险): the pages found through them are results like the others
    open_search(page, served, "医保", params={"sort": "date"})
    dates = [r.date for r in results(page)]
    assert len(dates) >= 2
    assert newest_first(dates), [(r.date, r.href) for r in results(page)]


def test_by_date_lists_partial_matches_newest_first(page: Page, served: str) -> None:
    open_search(page, served, "公积金管理办法", params={"sort": "date"})
    shown = results(page)
    assert shown and all(r.partial for r in shown)
    assert newest_first([r.date for r in shown]), [(r.date, r.href) for r in shown]


def test_by_relevance_title_matches_come_first(page: Page, served: str, docs: tuple[Doc, ...]) -> None:
    open_search(page, served, "公积金")
    expect(page.locator('input[name="sort"][value="relevance"]')).to_be_checked()
    shown = results(page)
    titles = by_url(docs)
    in_title = ["公积金" in titles[r.href].title for r in shown]
    assert any(in_title) and not all(in_title), [(r.title, r.href) for r in shown]
    assert in_title == sorted(in_title, reverse=True), [(r.title, r.href) for r in shown]  # all True, then False
    assert all("公积金" in r.title for r, t in zip(shown, in_title, strict=True) if t)  # as the page shows it
    body_only = [k for k, t in enumerate(in_title) if not t]
    assert [r.href for r in shown].index(POLICY) < body_only[0]


# -- date range ---------------------------------------------------------------------------------------------------


def test_a_date_range_limits_the_results(page: Page, served: str, docs: tuple[Doc, ...]) -> None:
    open_search(page, served, "公积金")
    before = counts(page)[0]
    assert before == len(matching(docs, "公积金"))
    page.locator("#search-from").fill("2025-05-30")
    wait_done(page)
    since = matching(docs, "公积金", where=lambda d: d.published >= "2025-05-30")
    eventually(lambda: counts(page)[0] == len(since), what=f"{len(since)} results: {status(page)}")
    assert all(r.date >= "2025-05-30" for r in results(page))
    page.locator("#search-to").fill("2026-03-05")
    wait_done(page)
    eventually(lambda: params(page).get("to") == ["2026-03-05"], what="the range in the address")
    assert params(page)["from"] == ["2025-05-30"]
    wanted = matching(docs, "公积金", where=lambda d: "2025-05-30" <= d.published <= "2026-03-05")
    eventually(lambda: counts(page)[0] == len(wanted), what=f"{len(wanted)} results: {status(page)}")
    shown = results(page)
    assert {r.href for r in shown} == wanted
    assert all("2025-05-30" <= r.date <= "2026-03-05" for r in shown), [r.meta for r in shown]
    assert 0 < len(wanted) < len(since) < before


def test_a_date_range_alone_lists_the_pages_of_those_days(page: Page, served: str, docs: tuple[Doc, ...]) -> None:
    open_search(page, served, params={"from": "2025-05-30", "to": "2025-06-30"})
    wanted = {d.url for d in docs if "2025-05-30" <= d.published <= "2025-06-30"}
    assert counts(page) == (len(wanted), 0)
    shown = results(page)
    assert {r.href for r in shown} == wanted
    assert newest_first([r.date for r in shown])
    expect(page.locator("#search-from")).to_have_value("2025-05-30")
    expect(page.locator("#search-to")).to_have_value("2025-06-30")


def test_clearing_the_conditions_keeps_the_query(page: Page, served: str, docs: tuple[Doc, ...]) -> None:
    open_search(page, served, "公积金")
    page.locator('input[name="kind"][value="政策文件"]').check()
    eventually(lambda: "kind" in params(page), what="the kind in the address")
    wait_done(page)
    page.locator("#search-from").fill("2025-01-01")
    # the status says 找到 from the last search already: wait for the address to have the date before clearing
    eventually(lambda: "from" in params(page), what="the date in the address")
    wait_done(page)
    page.locator("#search-reset").click()  # 清除条件
    eventually(lambda: "from" not in params(page) and "kind" not in params(page), what="conditions cleared")
    expect(page.locator('input[name="kind"][value="政策文件"]')).not_to_be_checked()
    expect(page.locator("#search-from")).to_have_value("")
    expect(page.locator("#search-input")).to_have_value("公积金")
    wait_done(page)
    assert {r.href for r in results(page)} == matching(docs, "公积金")


# -- scope --------------------------------------------------------------------------------------------------------


def test_the_title_scope_finds_only_pages_whose_title_has_the_query(page: Page, served: str,
                                                                     docs: tuple[Doc, ...]) -> None:
    open_search(page, served, "公积金")
    everywhere = counts(page)[0]
    page.locator('input[name="scope"][value="title"]').check()
    wait_done(page)
    assert params(page)["scope"] == ["title"]
    wanted = matching(docs, "公积金", "title")
    eventually(lambda: counts(page) == (len(wanted), 0), what=status(page))
    shown = results(page)
    assert {r.href for r in shown} == wanted
    assert all("公积金" in r.title for r in shown), [r.title for r in shown]
    assert len(wanted) < everywhere


def test_the_docno_scope_finds_only_pages_with_that_docno(page: Page, served: str, docs: tuple[Doc, ...]) -> None:
    fragment = "〔2023〕"  # in the 文号 of two policies, in the text of others
    open_search(page, served, fragment)
    everywhere = {r.href for r in results(page)}
    page.locator('input[name="scope"][value="docno"]').check()
    wait_done(page)
    assert params(page)["scope"] == ["docno"]
    wanted = matching(docs, fragment, "docno")
    eventually(lambda: {r.href for r in results(page)} == wanted, what=status(page))
    assert counts(page) == (len(wanted), 0)
    assert all(fragment in by_url(docs)[r.href].doc_no and fragment in r.meta for r in results(page))
    assert 0 < len(wanted) < len(everywhere) == len(matching(docs, fragment))


# -- synonyms -----------------------------------------------------------------------------------------------------


def test_a_synonym_finds_the_pages_of_its_synonyms(page: Page, served: str, docs: tuple[Doc, ...]) -> None:
    text = open_search(page, served, "医保")
    assert "也搜索了：医疗保障、医疗保险" in text, text
    shown = {r.href for r in results(page)}
    assert shown == matching(docs, "医保")
    texts = by_url(docs)
    through_synonym = {url for url in shown if "医保" not in texts[url].text
                       and ("医疗保障" in texts[url].text or "医疗保险" in texts[url].text)}
    assert through_synonym, shown
    marks = set(page.locator(".result-excerpt mark").all_inner_texts())
    assert marks and marks <= {"医保", "医疗保障", "医疗保险"}, marks


# -- no result, popular searches ----------------------------------------------------------------------------------


def test_no_result_offers_the_popular_searches_and_the_catalog(page: Page, served: str) -> None:
    extra = page.locator("#search-extra")
    open_search(page, served, "公积金")
    expect(extra).to_be_hidden()
    text = open_search(page, served, "qzxjvw")
    assert "找到 0 条结果" in text and "部分匹配" not in text, text
    expect(page.locator("#search-results > li")).to_have_count(0)
    expect(extra).to_be_visible()
    expect(extra.get_by_role("link", name="政府信息公开目录")).to_have_attribute("href", "/xxgk/catalog/")
    links = extra.get_by_role("link").filter(has_not_text="政府信息公开目录")
    expect(links).to_have_text(popular())
    links.filter(has_text="部门预算").click()
    expect(page.locator("#search-input")).to_have_value("部门预算")
    assert params(page)["q"] == ["部门预算"]
    wait_done(page)
    assert counts(page)[0] > 0
    expect(extra).to_be_hidden()


def test_the_popular_searches_are_listed_and_run_their_search(page: Page, served: str,
                                                              docs: tuple[Doc, ...]) -> None:
    page.goto(served + "search/")
    section = page.locator(".search-popular")
    expect(section).to_be_visible()
    expect(section.get_by_role("heading")).to_have_text("热门搜索")
    expect(section.get_by_role("link")).to_have_text(popular())
    section.get_by_role("link", name="住房公积金").click()
    wait_done(page)
    expect(page.locator("#search-input")).to_have_value("住房公积金")
    assert params(page) == {"q": ["住房公积金"]}
    assert counts(page)[0] == len(matching(docs, "住房公积金"))
    assert {r.href for r in results(page) if not r.partial} == matching(docs, "住房公积金")


# -- partial matches ----------------------------------------------------------------------------------------------


def test_a_query_no_page_has_as_typed_lists_partial_matches(page: Page, served: str) -> None:
    text = open_search(page, served, "公积金管理办法")
    assert re.search(r"找到 0 条结果；另有 \d+ 条部分匹配", text), text
    items = page.locator("#search-results > li")
    expect(items.first).to_be_visible()
    assert items.count() == page.locator("#search-results > li.result.partial").count() == counts(page)[1]
    expect(page.locator("#search-results > li .result-partial").first).to_have_text("部分匹配")
    expect(page.locator("#search-extra")).to_be_hidden()  # partial matches are results


@pytest.mark.parametrize(("query", "words"), [("公积金管理办法", ("公积金", "管理", "办法")),
                                              ("预算公积金", ("预算", "公积金"))])
def test_partial_matches_have_every_word_of_the_query(page: Page, served: str, docs: tuple[Doc, ...], query: str,
                                                      words: tuple[str, ...]) -> None:
    # A partial match is a page with "查询中的全部词语" (the status says so): 公积金 is one of those words, even
    # where Chromium's segmenter cuts it into 公 | 积 | 金.
    open_search(page, served, query)
    wanted = {d.url for d in docs if all(w in d.text for w in words) and query not in d.text}
    shown = {r.href: r for r in results(page)}
    texts = by_url(docs)
    lacking = {url: [w for w in words if w not in texts[url].text] for url in shown}
    assert {url: missing for url, missing in lacking.items() if missing} == {}, (
        f"segmenter: {segment_words(page, query)}")
    assert set(shown) == wanted


@pytest.mark.parametrize("query", ["住房公积金", "公积金缴存管理"])
def test_a_query_found_as_typed_lists_no_partial_matches(page: Page, served: str, docs: tuple[Doc, ...],
                                                         query: str) -> None:
    # docs/search.md: "a term of several words that finds no page as typed is searched word by word"
    text = open_search(page, served, query)
    wanted = matching(docs, query)
    assert wanted
    assert counts(page) == (len(wanted), 0), text
    shown = results(page)
    assert {r.href for r in shown} == wanted
    assert not [r.href for r in shown if r.partial]


# -- the address --------------------------------------------------------------------------------------------------


def form_state(page: Page) -> dict[str, object]:
    return page.evaluate("""() => {
      const form = document.getElementById('search-form');
      const checked = (name) => (form.querySelector(`input[name="${name}"]:checked`) || {}).value;
      return {q: form.elements.q.value, scope: checked('scope'), sort: checked('sort'),
              from: form.elements.from.value, to: form.elements.to.value,
              filters: [...form.querySelectorAll('input[data-filter]:checked')].map((b) => b.name + '=' + b.value)};
    }""")


def test_the_address_keeps_the_search_and_the_back_button_returns(page: Page, served: str) -> None:
    page.goto(served + "search/")
    page.locator("#search-input").fill("公开")
    page.locator("#search-input").press("Enter")
    wait_done(page)
    assert params(page) == {"q": ["公开"]}
    first_query = hrefs(page)
    page.locator("#search-input").fill("公积金")
    page.locator("#search-form button[type=submit]").click()
    wait_done(page)
    assert params(page) == {"q": ["公积金"]}
    page.locator("#search-input").fill("公开")
    page.locator("#search-input").press("Enter")
    wait_done(page)
    page.locator('input[name="scope"][value="title"]').check()
    wait_done(page)
    page.locator('[data-filter-group="validity"] summary').click()
    page.locator('input[name="validity"][value="有效"]').check()
    wait_done(page)
    page.locator('input[name="sort"][value="date"]').check()
    wait_done(page)
    page_one = hrefs(page)
    assert len(page_one) == 10
    page.locator("#search-pages").get_by_role("link", name="2", exact=True).click()
    expect(page.locator("#search-status")).to_contain_text("第 2 页")
    assert params(page) == {"q": ["公开"], "scope": ["title"], "sort": ["date"], "validity": ["有效"], "page": ["2"]}
    page_two = hrefs(page)
    state = form_state(page)
    assert state == {"q": "公开", "scope": "title", "sort": "date", "from": "", "to": "",
                     "filters": ["validity=有效"]}
    assert page_two and not set(page_two) & set(page_one)

    page.reload()
    wait_done(page)
    assert hrefs(page) == page_two
    assert form_state(page) == state
    assert current_page(page) == "2"

    page.go_back()  # page 1 of the same search
    eventually(lambda: "page" not in params(page) and hrefs(page) == page_one, what="page 1 again")
    assert current_page(page) == "1"
    assert form_state(page) == state
    page.go_back()  # before 按时间
    eventually(lambda: "sort" not in params(page), what="no sort in the address")
    wait_done(page)
    expect(page.locator('input[name="sort"][value="relevance"]')).to_be_checked()
    for _ in range(3):  # before the filter, the scope, the query
        page.go_back()
    eventually(lambda: params(page) == {"q": ["公积金"]} and form_state(page)["q"] == "公积金", what="公积金")
    page.go_back()
    eventually(lambda: params(page) == {"q": ["公开"]} and hrefs(page) == first_query, what="the first query")
    assert form_state(page) == {"q": "公开", "scope": "all", "sort": "relevance", "from": "", "to": "",
                                "filters": []}
    page.go_back()  # the search page as it was opened: no search, no result
    eventually(lambda: params(page) == {} and not hrefs(page) and form_state(page)["q"] == "", what="no search")
    expect(page.locator("#search-pages")).to_be_hidden()


def test_an_address_opened_directly_shows_its_state(page: Page, served: str) -> None:
    open_search(page, served, "公开", params={"sort": "date"})
    page.locator("#search-pages").get_by_role("link", name="下一页").click()
    expect(page.locator("#search-status")).to_contain_text("第 2 页")
    by_clicking = hrefs(page)
    text = open_search(page, served, "公开", params={"sort": "date", "page": "2"})
    assert "第 2 页" in text, text
    assert hrefs(page) == by_clicking
    assert current_page(page) == "2"
    assert form_state(page) == {"q": "公开", "scope": "all", "sort": "date", "from": "", "to": "", "filters": []}
    # and with a filter, a scope and a range
    page.goto(search_url(served, "公开", {"scope": "title", "kind": "政策文件", "from": "2020-01-01"}))
    wait_done(page)
    assert form_state(page) == {"q": "公开", "scope": "title", "sort": "relevance", "from": "2020-01-01", "to": "",
                                "filters": ["kind=政策文件"]}
    expect(page.locator('[data-filter-group="kind"]')).to_have_attribute("open", "")
    shown = results(page)
    assert shown and all("公开" in r.title and r.date >= "2020-01-01" and "政策文件" in r.meta for r in shown)


# -- pagination ---------------------------------------------------------------------------------------------------


def test_the_pager_moves_between_pages_of_ten(page: Page, served: str, docs: tuple[Doc, ...]) -> None:
    # a query with 3 to 10 pages of results: the pager shows ten page numbers at most (公开, on every catalog
    # page's 公开方式, had more than ten pages once the demo had more than 100 catalog documents)
    wanted = matching(docs, "管理")
    pages = -(-len(wanted) // PAGE_SIZE)
    assert 3 <= pages <= 10
    text = open_search(page, served, "管理")
    assert f"找到 {len(wanted)} 条结果，第 1 页，共 {pages} 页" in text, text
    numbers = [str(n) for n in range(1, pages + 1)]
    assert pager_labels(page) == [*numbers, "下一页"]
    assert current_page(page) == "1"
    first = hrefs(page)
    assert len(first) == PAGE_SIZE
    pager = page.locator("#search-pages")
    expect(pager).to_have_attribute("aria-label", "搜索结果分页")

    pager.get_by_role("link", name="下一页").click()
    expect(page.locator("#search-status")).to_contain_text(f"第 2 页，共 {pages} 页")
    assert current_page(page) == "2"
    assert pager_labels(page) == ["上一页", *numbers, "下一页"]
    assert params(page)["page"] == ["2"]
    second = hrefs(page)
    assert len(second) == PAGE_SIZE and not set(first) & set(second)
    assert page.evaluate("document.activeElement.id") == "search-status"  # a keyboard user hears the new page

    pager.get_by_role("link", name=str(pages), exact=True).click()
    expect(page.locator("#search-status")).to_contain_text(f"第 {pages} 页，共 {pages} 页")
    assert pager_labels(page) == ["上一页", *numbers]
    assert len(hrefs(page)) == len(wanted) - (pages - 1) * PAGE_SIZE

    pager.get_by_role("link", name="上一页").click()
    expect(page.locator("#search-status")).to_contain_text(f"第 {pages - 1} 页")
    pager.get_by_role("link", name="1", exact=True).click()
    expect(page.locator("#search-status")).to_contain_text("第 1 页")
    assert hrefs(page) == first
    assert "page" not in params(page)
    everything = [r.href for r in all_pages(page)]
    assert len(everything) == len(set(everything)) and set(everything) == wanted


def test_no_pager_for_one_page(page: Page, served: str) -> None:
    open_search(page, served, "公积金")
    expect(page.locator("#search-pages")).to_be_hidden()
    assert "页" not in status(page)


# -- highlighting -------------------------------------------------------------------------------------------------


def test_the_excerpts_mark_exactly_the_query(page: Page, served: str) -> None:
    open_search(page, served, "公积金")
    items = page.locator("#search-results > li")
    assert items.count() > 0
    for item in items.all():
        marks = item.locator(".result-excerpt mark").all_inner_texts()
        assert marks and set(marks) == {"公积金"}, item.inner_text()
    title_marks = page.locator(".result-title mark").all_inner_texts()
    assert title_marks and set(title_marks) == {"公积金"}


def test_the_excerpts_mark_each_term(page: Page, served: str) -> None:
    open_search(page, served, "公积金 缴存")
    for item in page.locator("#search-results > li").all():
        marks = set(item.locator(".result-excerpt mark").all_inner_texts())
        assert marks and marks <= {"公积金", "缴存"}, item.inner_text()


def test_partial_matches_mark_the_words_of_the_query(page: Page, served: str) -> None:
    open_search(page, served, "公积金管理办法")
    items = page.locator("#search-results > li.partial")
    assert items.count() > 0
    for item in items.all():
        marks = set(item.locator(".result-excerpt mark").all_inner_texts())
        assert marks and marks <= {"公积金", "管理", "办法"}, (marks, item.inner_text())


@pytest.mark.parametrize("code", ["12440000MB2D16927G/2025-00006",  # a 索引号 (also in the result's meta line)
                                  "SLCG-2026-0158"])  # a 项目编号 in the text of two tenders
def test_an_excerpt_shows_the_text_as_the_page_has_it(page: Page, served: str, demo_site: Path,
                                                      docs: tuple[Doc, ...], code: str) -> None:
    # the pages have these codes in capitals: the excerpt shows and marks them so, as the query has them
    open_search(page, served, code)
    wanted = matching(docs, code)
    assert wanted and {r.href for r in results(page)} == wanted
    for url in wanted:
        assert code in (demo_site / url.removeprefix("/xxgk/") / "index.html").read_text("utf-8"), url
    marks = page.locator(".result-excerpt mark").all_inner_texts()
    assert marks and set(marks) == {code}, marks


# -- accessibility ------------------------------------------------------------------------------------------------

AXE_STATES = {
    "empty": {},
    "results": {"q": "公积金"},
    "no results": {"q": "qzxjvw"},
    "partial results": {"q": "公积金管理办法"},
    "page 2": {"q": "公开", "page": "2"},
    "scope title": {"q": "公积金", "scope": "title"},
    "scope docno": {"q": "〔2023〕", "scope": "docno"},
    "sort date": {"q": "公积金", "sort": "date"},
    "filter and range": {"q": "公开", "kind": "政策文件", "from": "2024-01-01", "to": "2025-12-31"},
}


@pytest.mark.parametrize("state", list(AXE_STATES))
def test_no_accessibility_violations_in_each_state(page: Page, served: str, state: str) -> None:
    query = dict(AXE_STATES[state])
    q = query.pop("q", "")
    page.goto(search_url(served, q, query))
    if q:
        wait_done(page)
    else:
        page.wait_for_load_state("networkidle")
        expect(page.locator("#search-results > li")).to_have_count(0)
    results_ = Axe().run(page, options=WCAG)
    assert results_.violations_count == 0, results_.generate_report()
