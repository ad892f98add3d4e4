"""Helpers of the search page's browser tests: what the page shows, and the truth it is checked against.

The truth is read from the built demo as the index sees it (``govsite.search_twin.extract``, the normalised
indexed text, title and 文号 of every indexed page; docs/search.md): a query matches a page when the page's
text contains every term (a term with synonyms: the term or one of them).

What the page shows is read the way a person reads it: the status line, the results (link, title, the date in
the ``.result-meta`` line, the 部分匹配 mark), the pager.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import quote, unquote, urlencode

import yaml
from helpers import REPO_ROOT
from playwright.sync_api import Page, expect

from govsite.search_text import normalize

BASE = "/xxgk/"  # the demo's base path (conftest.SUB_PATH)
PAGE_SIZE = 10
SEARCH_TIMEOUT = 20_000  # ms: the first search of a page loads the index
DATE = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")
COUNT = re.compile(r"找到 (\d+) 条结果")
PARTIAL = re.compile(r"另有 (\d+) 条部分匹配")
TERM = re.compile(r'"([^"]*)"|(\S+)')


# -- the truth --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Doc:
    """One indexed page of the demo: its URL (``/xxgk/...``, decoded) and what search compares a query with."""

    url: str
    text: str  # normalised indexed text
    title: str  # normalised
    doc_no: str  # normalised
    published: str  # YYYY-MM-DD
    filters: frozenset[tuple[str, str]]

    def field(self, scope: str) -> str:
        return {"title": self.title, "docno": self.doc_no}.get(scope, self.text)


@cache
def _read_docs(out: str) -> tuple[Doc, ...]:
    from govsite.search_twin import extract

    folder = Path(out)
    docs = []
    for path in sorted(folder.rglob("*.html")):
        rel = path.relative_to(folder).as_posix()
        if rel.startswith("pagefind/"):
            continue
        page = extract(path.read_bytes())
        if page is None:
            continue
        url = BASE + (rel[: -len("index.html")] if rel == "index.html" or rel.endswith("/index.html") else rel)
        docs.append(Doc(url, page.text, page.title, page.doc_no, page.meta.get("published", "")[:10],
                        frozenset(page.filters)))
    return tuple(docs)


def read_docs(demo_site: Path) -> tuple[Doc, ...]:
    """Every indexed page of the built demo (the folder ``.../out/xxgk``), in path order."""
    return _read_docs(str(demo_site))


@cache
def synonyms() -> Mapping[str, tuple[str, ...]]:
    """The demo's synonyms (data/search.yaml), keys and values normalised."""
    raw = (yaml.safe_load((REPO_ROOT / "data" / "search.yaml").read_text(encoding="utf-8")) or {}).get("synonyms")
    table: dict[str, tuple[str, ...]] = {}
    for key, values in (raw or {}).items():
        values = [values] if isinstance(values, str) else list(values or [])
        table[normalize(str(key))] = tuple(normalize(str(v)) for v in values)
    return table


def terms_of(query: str) -> list[str]:
    """The normalised terms of a query: split on spaces, a quoted part one term with its spaces."""
    found = (normalize(quoted or word) for quoted, word in TERM.findall(normalize(query)))
    return [term for term in found if term]


def matching(docs: Iterable[Doc], query: str, scope: str = "all", *, with_synonyms: bool = True,
             where: Callable[[Doc], bool] = lambda doc: True) -> set[str]:
    """The URLs of the pages whose text (title, 文号 for those scopes) has every term of the query."""
    table = synonyms() if with_synonyms else {}
    alternatives = [(term, *table.get(term, ())) for term in terms_of(query)]
    return {doc.url for doc in docs
            if alternatives and where(doc) and all(any(a in doc.field(scope) for a in alts) for alts in alternatives)}


def by_url(docs: Iterable[Doc]) -> dict[str, Doc]:
    return {doc.url: doc for doc in docs}


# -- the page ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    """One result as the page shows it."""

    href: str  # decoded
    title: str
    meta: str
    date: str  # the first YYYY-MM-DD of the meta line ("" without one)
    partial: bool


def search_url(site: str, query: str = "", params: Mapping[str, str | list[str]] | None = None) -> str:
    """``<site>search/?q=...&...`` (a list value repeats its key)."""
    pairs: list[tuple[str, str]] = [("q", query)] if query else []
    for key, value in (params or {}).items():
        pairs.extend((key, v) for v in ([value] if isinstance(value, str) else value))
    return site + "search/" + ("?" + urlencode(pairs, quote_via=quote) if pairs else "")


def status(page: Page) -> str:
    return page.locator("#search-status").inner_text()


def wait_done(page: Page) -> str:
    """Waits until the page has finished a search (its status says how many it found); returns the status."""
    expect(page.locator("#search-status")).to_contain_text("找到", timeout=SEARCH_TIMEOUT)
    return status(page)


def open_search(page: Page, site: str, query: str = "", params: Mapping[str, str | list[str]] | None = None) -> str:
    """Opens the search page for a query (and parameters) and waits for its results; returns the status."""
    page.goto(search_url(site, query, params))
    return wait_done(page)


def counts(page: Page) -> tuple[int, int]:
    """(exact, partial) counts the status states."""
    text = status(page)
    found = COUNT.search(text)
    assert found, f"no count in the status: {text!r}"
    partial = PARTIAL.search(text)
    return int(found.group(1)), int(partial.group(1)) if partial else 0


def results(page: Page) -> list[Result]:
    """The results shown, in order."""
    shown = []
    for item in page.locator("#search-results > li").all():
        link = item.locator(".result-title a")
        meta = item.locator(".result-meta")
        meta_text = meta.inner_text() if meta.count() else ""
        date = DATE.search(meta_text)
        shown.append(Result(unquote(str(link.get_attribute("href"))), link.inner_text(), meta_text,
                            date.group(1) if date else "", "partial" in (item.get_attribute("class") or "").split()))
    return shown


def hrefs(page: Page) -> list[str]:
    return [result.href for result in results(page)]


def pager_labels(page: Page) -> list[str]:
    return [a.inner_text() for a in page.locator("#search-pages a").all()]


def current_page(page: Page) -> str:
    current = page.locator('#search-pages a[aria-current="page"]')
    expect(current).to_have_count(1)
    return current.inner_text()


def all_pages(page: Page) -> list[Result]:
    """Every result of the current search, following 下一页 to the last page (from the page shown)."""
    shown = results(page)
    following = page.locator("#search-pages a", has_text="下一页")
    while following.count():
        before = status(page)
        following.click()
        expect(page.locator("#search-status")).not_to_have_text(before, timeout=SEARCH_TIMEOUT)
        wait_done(page)
        shown.extend(results(page))
    return shown


def eventually(check: Callable[[], object], timeout: float = SEARCH_TIMEOUT / 1000, what: str = "") -> None:
    """Retries `check` until it returns a true value (the page updates after a history navigation); an
    AssertionError of `check` (e.g. no count in the status while it searches) is a false value until the end."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            if check():
                return
            problem = None
        except AssertionError as error:
            problem = error
        if time.monotonic() > deadline:
            raise AssertionError(f"not true after {timeout} s: {what or check}") from problem
        time.sleep(0.1)


def segment_words(page: Page, text: str) -> list[str]:
    """The words of `text` by the browser's segmenter (as the search page cuts a term for partial matches)."""
    return list(page.evaluate(
        "(text) => [...new Intl.Segmenter('zh', {granularity: 'word'}).segment(text)]"
        ".filter((s) => s.isWordLike).map((s) => s.segment)", text))
