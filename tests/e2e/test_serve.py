"""govsite serve in a real browser: edits show up by themselves; a broken file shows the overlay until fixed."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import REPO_ROOT, catalog_doc, write_site
from playwright.sync_api import Page, expect

DOC = "content/policies/2025/a.md"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    site = write_site(tmp_path / "site", {DOC: catalog_doc(title="原来的标题"),
                                          "content/pages/about.md": "---\ntitle: 关于本站\n---\n正文\n"})
    port = free_port()
    temp = tmp_path / "temp"  # the preview's own output folder goes here: it must be gone afterwards
    temp.mkdir()
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "TMPDIR": str(temp)}
    process = subprocess.Popen([sys.executable, "-m", "govsite", "serve", "--site", str(site), "--port", str(port),
                                "--now", "2026-11-27T12:00:00+08:00"], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    assert process.stdout is not None
    deadline = time.time() + 60
    for line in process.stdout:
        if "serving" in line or time.time() > deadline:
            break
    try:
        yield site, f"http://127.0.0.1:{port}/xxgk/"
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert list(temp.iterdir()) == [], "a stopped preview left its output folder behind"


def test_an_edit_reloads_the_page_and_errors_show_an_overlay(page: Page, preview: tuple[Path, str]) -> None:
    site, url = preview
    page.goto(url + "policies/2025/a/")
    expect(page.locator("h1")).to_have_text("原来的标题")
    page.wait_for_timeout(300)  # let the page start listening for rebuilds
    (site / DOC).write_text(catalog_doc(title="新的标题"), encoding="utf-8")
    expect(page.locator("h1")).to_have_text("新的标题", timeout=10_000)

    (site / "content/pages/about.md").write_text("---\ntitle: [未闭合\n---\n正文\n", encoding="utf-8")
    overlay = page.locator("#govsite-overlay")
    expect(overlay).to_be_visible(timeout=10_000)
    expect(overlay).to_contain_text("content/pages/about.md:2: error: YAML syntax error")
    expect(page.locator("h1")).to_have_text("新的标题")  # the last good page stays underneath

    (site / "content/pages/about.md").write_text("---\ntitle: 关于本站\n---\n正文\n", encoding="utf-8")
    expect(overlay).to_have_count(0, timeout=10_000)


def test_drafts_show_in_preview_with_a_marker(page: Page, preview: tuple[Path, str]) -> None:
    site, url = preview
    (site / "content/policies/2025/draft.md").write_text(
        catalog_doc(title="草稿文件", index_no="11440000MB2C12345X/2025-00002", draft=True), encoding="utf-8")
    page.goto(url)
    page.wait_for_timeout(300)
    for _ in range(40):
        page.goto(url + "policies/2025/draft/")
        if page.locator("h1").count() and "草稿文件" in page.locator("h1").inner_text():
            break
        page.wait_for_timeout(250)
    expect(page.locator("main")).to_contain_text("未发布")


def test_the_server_refuses_paths_outside_the_output(preview: tuple[Path, str]) -> None:
    import urllib.error
    import urllib.request
    _site, url = preview
    for path in ("..%2f..%2f..%2fetc%2fpasswd", "%2e%2e/%2e%2e/etc/passwd", "..%5c..%5cetc%5cpasswd"):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(url + path, timeout=5)
        assert refused.value.code == 404
    with urllib.request.urlopen(url, timeout=5) as response:
        assert response.headers["Cache-Control"] == "no-store"


def test_a_template_change_rerenders_the_pages(page: Page, preview: tuple[Path, str]) -> None:
    site, url = preview
    page.goto(url + "policies/2025/a/")
    page.wait_for_timeout(300)
    (site / "themes/default/templates").mkdir(parents=True)
    base = (REPO_ROOT / "themes/default/templates/base.html").read_text(encoding="utf-8")
    (site / "themes/default/templates/base.html").write_text(base.replace("</main>", "<p id=\"marker\">模板已更新</p></main>"),
                                                              encoding="utf-8")
    expect(page.locator("#marker")).to_have_text("模板已更新", timeout=10_000)
