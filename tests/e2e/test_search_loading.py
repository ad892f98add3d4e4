"""The search page when the index does not load cleanly, on the demo: a refused index file is fetched again
and the results stay exact; a file that never loads makes the page say that its results may be incomplete
(govsite/search_fetch.js, docs/search.md "Loading the index")."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import ClassVar

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import SUB_PATH, _Handler
from playwright.sync_api import Page, expect
from search_helpers import Doc, counts, hrefs, matching, open_search, read_docs

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
QUERY = "公开"  # on most pages: its index files are fetched for the first search


class _Troubled(_Handler):
    """Refuses the first request for each index file (503) when `refuse_once`; answers 404 for every index
    file when `lose_all`. Records the index files asked for."""

    refuse_once = False
    lose_all = False
    asked: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        if self.path.endswith(".pf_index"):
            cls = type(self)
            first = self.path not in cls.asked
            cls.asked.append(self.path)
            if cls.lose_all or (cls.refuse_once and first):
                self.send_response(404 if cls.lose_all else 503)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
        super().do_GET()


@contextmanager
def _serving(root: Path, **trouble: bool) -> Iterator[tuple[str, type[_Troubled]]]:
    handler = type("Troubled", (_Troubled,), {"asked": [], **trouble})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/{SUB_PATH}/", handler
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def docs(demo_site: Path) -> tuple[Doc, ...]:
    return read_docs(demo_site)


def test_refused_index_files_are_fetched_again_and_the_results_stay_exact(page: Page, demo_site: Path,
                                                                          docs: tuple[Doc, ...]) -> None:
    with _serving(demo_site.parent, refuse_once=True) as (site, handler):
        open_search(page, site, QUERY)
        relevant = matching(docs, QUERY)
        assert counts(page) == (len(relevant), 0)
        assert set(hrefs(page)) <= relevant and len(hrefs(page)) == min(10, len(relevant))
        expect(page.locator("#search-incomplete")).to_be_hidden()
        refused = {path for path in handler.asked if handler.asked.count(path) >= 2}
        assert refused, "no index file was asked for twice: the server did not refuse any"


def test_an_index_file_that_never_loads_is_reported_on_the_page(page: Page, demo_site: Path) -> None:
    with _serving(demo_site.parent, lose_all=True) as (site, _handler):
        open_search(page, site, QUERY)
        notice = page.locator("#search-incomplete")
        expect(notice).to_be_visible()
        expect(notice).to_have_attribute("role", "alert")
        expect(notice).to_contain_text("搜索结果可能不完整")
        expect(notice.get_by_role("link", name="重新加载本页")).to_have_attribute("href", "")
        report = Axe().run(page, options=WCAG)
        assert report.violations_count == 0, report.generate_report()
