"""No unpublished text can be found through the search page of a real browser (spec 3.3, issue: no leaks)."""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

TESTS = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(TESTS))
from helpers import build_site  # noqa: E402
from test_publication import MARKERS, leaky_site  # noqa: E402

TEXT_MARKERS = [m for m in MARKERS if m.isalpha() and m.isupper()]


@pytest.fixture(scope="module")
def leaky_portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("leaky")
    out = root / "out" / "xxgk"
    result = build_site(leaky_site(root / "site"), out, search=True)
    assert result.returncode == 0, result.stderr
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(out.parent))
    handler.log_message = lambda *args: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/xxgk/"
    finally:
        server.shutdown()
        server.server_close()


def test_the_search_page_finds_published_text(page: Page, leaky_portal: str) -> None:
    page.goto(leaky_portal + "search/?q=PUBLISHEDMARK")
    expect(page.locator("#search-results li")).to_have_count(1, timeout=15_000)


@pytest.mark.parametrize("marker", TEXT_MARKERS)
def test_the_search_page_finds_no_unpublished_text(page: Page, leaky_portal: str, marker: str) -> None:
    page.goto(leaky_portal + "search/?q=" + marker)
    expect(page.locator("#search-status")).to_contain_text("找到 0 条结果", timeout=15_000)  # the search ran
    assert page.locator("#search-results li").count() == 0
