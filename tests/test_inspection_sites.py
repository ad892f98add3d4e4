"""The national website inspection (`govsite check`): fixture sites that fail each item with the exact report,
the demo that passes, and the inputs that fixtures cannot give (serious wording hits, blank columns, the
external-link probe against a local server).

Every folder ``tests/inspection_sites/<name>/`` is a small site (its content/, and its own site.yaml or
data/agencies.yaml only where the case needs keys of its own: else the base ones of tests/helpers.py); the test
copies it to a temporary folder (helpers.copy_fixture_site), runs
``govsite check --site SITE --now 2026-11-27T12:00:00+08:00`` and compares everything it prints on stderr (the
findings with their hint lines, the counts and the inspection's summary block) with ``expected.txt`` line for
line. Regenerate the expectations with::

    GOVSITE_UPDATE_EXPECTED=1 .venv/bin/python -m pytest tests/test_inspection_sites.py

then read ``git diff tests/inspection_sites``: each path, line, indicator and figure must be right.
"""

from __future__ import annotations

import http.server
import os
import threading
import time
from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from helpers import NOW, REPO_ROOT, build_site, catalog_doc, copy_fixture_site, run_govsite, write_site

from govsite.errors import error
from govsite.inspection.columns import Column
from govsite.inspection.crawl import Crawl, crawl
from govsite.inspection.findings import verdict
from govsite.inspection.rules import blank_columns
from govsite.inspection.run import check_site_folder
from govsite.model.publication import BuildOptions

SITES_DIR = Path(__file__).resolve().parent / "inspection_sites"
NOW_VALUE = datetime.fromisoformat(NOW)
UPDATE = os.environ.get("GOVSITE_UPDATE_EXPECTED", "") in ("1", "all")
CASES = sorted(p.name for p in SITES_DIR.iterdir() if (p / "content").is_dir())


def _copy(name: str, tmp_path: Path) -> Path:
    return copy_fixture_site(SITES_DIR / name, tmp_path / "site")


def test_every_fixture_has_expectations() -> None:
    missing = [name for name in CASES if not (SITES_DIR / name / "expected.txt").is_file()]
    assert UPDATE or not missing, f"inspection fixtures without expected.txt: {missing}"
    assert len(CASES) >= 10


@pytest.mark.parametrize("name", CASES)
def test_check_reports_exactly_the_expected_findings(name: str, tmp_path: Path) -> None:
    site = _copy(name, tmp_path)
    before = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*"))
    result = run_govsite("check", "--site", site, "--now", NOW, cwd=tmp_path)
    lines = result.stderr.splitlines()
    # findings are warnings: check fails on them only with --strict, or on the build's own errors (a serious
    # wording error is both an error of the build and a single-veto finding)
    assert result.returncode == (1 if any(": error: " in line for line in lines) else 0), result.stderr
    if UPDATE:
        (SITES_DIR / name / "expected.txt").write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    else:
        assert lines == (SITES_DIR / name / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == before  # nothing written


def test_strict_fails_on_any_finding(tmp_path: Path) -> None:
    failing = run_govsite("check", "--site", _copy("guide-not-updated", tmp_path), "--now", NOW, "--strict")
    assert failing.returncode == 1
    assert "content/pages/guide.md:3: error: [扣分·指南未更新]" in failing.stderr
    clean = run_govsite("check", "--site", _copy("passes", tmp_path / "passes"), "--now", NOW, "--strict")
    assert clean.returncode == 0, clean.stderr


def test_build_prints_the_inspection_line(tmp_path: Path) -> None:
    passing = build_site(_copy("policy-column-stale", tmp_path), tmp_path / "out")
    assert passing.returncode == 0, passing.stderr
    assert passing.stdout.splitlines()[-1] == \
        "govsite: inspection: 合格 (95/100), 1 finding(s) — run govsite check"


def test_the_demo_passes_the_inspection() -> None:
    checked = check_site_folder(REPO_ROOT, BuildOptions(NOW_VALUE))
    assert checked.inspection is not None, checked.diagnostics
    result = checked.inspection.verdict
    assert (result.label, result.vetoes) == ("合格", ())
    assert not [f for f in checked.inspection.findings if f.veto or f.indicator == "空白栏目"]


def test_the_demo_links_no_empty_tender_status_page() -> None:
    """The demo has no project 已截止 or 公示中: those filter pages are neither generated nor linked."""
    checked = check_site_folder(REPO_ROOT, BuildOptions(NOW_VALUE))
    assert checked.inspection is not None
    messages = " ".join(d.message for d in checked.inspection.diagnostics)
    assert "status/closed" not in messages and "status/publicity" not in messages


def test_serious_wording_hits_are_a_single_veto(tmp_path: Path) -> None:
    hits = (error("content/disclosures/2026/fresh.md", 7, "严重表述错误：'中华人民共和国国务院总里' → '总理'",
                  "write the official form"),)
    checked = check_site_folder(_copy("passes", tmp_path), BuildOptions(NOW_VALUE), serious_wording=hits)
    assert checked.inspection is not None
    assert [d.format() for d in checked.inspection.diagnostics] == [
        "content/disclosures/2026/fresh.md:7: warning: [单项否决·严重表述错误] "
        "严重表述错误：'中华人民共和国国务院总里' → '总理'\n  hint: write the official form"]
    assert (checked.inspection.verdict.label, checked.inspection.verdict.vetoes) == ("不合格", ("严重表述错误",))


def _columns(blank: int) -> dict[str, Column]:
    return {f"c{n}/index.html": Column(f"c{n}/index.html", f"栏目{n}", 0) for n in range(blank)}


@pytest.mark.parametrize(("blank", "veto"), [(4, False), (5, True)])
def test_five_reachable_blank_columns_are_a_single_veto(blank: int, veto: bool) -> None:
    columns = {**_columns(blank), "hidden/index.html": Column("hidden/index.html", "无链接", 0)}
    reached = Crawl(frozenset([*columns, "index.html"]) - {"hidden/index.html"}, frozenset(), frozenset(), ())
    found = list(blank_columns(columns, reached))
    assert [f.diagnostic.path for f in found] == [f"c{n}/index.html" for n in range(blank)]
    assert {f.veto for f in found} == {veto}
    assert found[0].diagnostic.message.startswith("[单项否决·空白栏目]" if veto else "[空白栏目]")
    assert verdict(found).passed is not veto


def test_the_crawler_follows_links_from_the_home_page_only() -> None:
    pages = {"index.html": b'<nav class="main-nav"><a href="/b/a/">A</a></nav><a href="/b/gone/">x</a>',
             "a/index.html": b'<a href="/b/">home</a><a href="https://example.org/">out</a>',
             "island/index.html": b"<p>nothing links here</p>"}
    found = crawl(pages, frozenset(pages), "/b/")
    assert found.reached == {"index.html", "a/index.html"}
    assert found.nav_links == {"a/index.html"}
    assert [(d.page, d.target) for d in found.dead] == [("index.html", "/b/gone/")]
    assert verdict([]).score == Decimal(100)


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/slow":
            time.sleep(3)
        self.send_response({"/ok": 200, "/slow": 200}.get(self.path, 404))
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def local_server() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_external_links_are_probed_only_when_asked(tmp_path: Path, local_server: str) -> None:
    body = f"见[正常]({local_server}/ok)。\n\n见[失效]({local_server}/missing)。\n\n见[超时]({local_server}/slow)。\n"
    site = write_site(tmp_path / "site", {
        "content/pages/guide.md": (SITES_DIR / "passes/content/pages/guide.md").read_text(encoding="utf-8"),
        "content/disclosures/2026/links.md": catalog_doc(index_no="11440000MB2C12345X/2026-00001",
                                                         written="2026-11-20", body=body)})
    plain = check_site_folder(site, BuildOptions(NOW_VALUE))
    assert plain.inspection is not None and plain.inspection.findings == ()
    probed = check_site_folder(site, BuildOptions(NOW_VALUE), external=True, timeout=1.0)
    assert probed.inspection is not None
    assert [(d.path, d.line, d.message) for d in probed.inspection.diagnostics] == [
        ("content/disclosures/2026/links.md", 13, f"[扣分·链接不可用] external link {local_server}/missing: "
                                                  "the server answers 404"),
        ("content/disclosures/2026/links.md", 15, f"[扣分·链接不可用] external link {local_server}/slow: "
                                                  "no answer within 1 seconds")]


def test_a_status_no_project_has_gets_no_page_and_no_filter_link(tmp_path: Path) -> None:
    tender = catalog_doc(index_no="11440000MB2C12345X/2026-00001", title="示例项目招标公告", written="2026-11-20",
                         published="2026-11-20 09:00", genre="招标采购", project_code="P-1", stage="招标公告",
                         purchaser="示例省财政厅", method="公开招标", budget=1000000, deadline="2026-12-20 09:30")
    site = write_site(tmp_path / "site", {"content/tenders/2026/a.md": tender})
    out = tmp_path / "out"
    result = build_site(site, out)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (out / "tenders/projects/status").iterdir()) == ["open"]
    listing = (out / "tenders/projects/index.html").read_text(encoding="utf-8")
    assert "status/open/" in listing and "status/closed/" not in listing and "status/awarded/" not in listing
    assert (out / "tenders/projects/status/open/feed.xml").is_file()
