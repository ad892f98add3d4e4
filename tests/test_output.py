"""Spec 5: the output tree: pages, lists, feeds, open data, sitemap, links under the base path."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from helpers import build_site, catalog_doc, site_yaml, tree_digest, write_site


def many_documents(n: int) -> dict[str, str]:
    files = {}
    for i in range(1, n + 1):
        agency, code = ("czt", "11440000MB2C12345X") if i % 2 else ("jyt", "11440000MB2C23456Y")
        files[f"content/disclosures/2025/d{i:03d}.md"] = catalog_doc(
            index_no=f"{code}/2025-{i:05d}", agency=agency, title=f"第{i}号公开事项",
            written=f"2025-{1 + i % 12:02d}-{1 + i % 27:02d}", art20=1 + i % 15,
            topic=["财政、金融、审计/财政", "科技、教育/教育"] if i % 3 == 0 else "财政、金融、审计")
    return files


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("out")
    files = many_documents(25)
    files["site.yaml"] = site_yaml(title="示例门户", pagination=10,
                                   publisher={"icp": "粤ICP备00000000号", "police": "粤公网安备44010402000000号"})
    files["content/pages/指南.md"] = "---\ntitle: 政府信息公开指南\nmenu: 1\n---\n正文\n"
    site = write_site(root / "site", files)
    result = build_site(site, root / "out")
    assert result.returncode == 0, result.stderr
    return root / "out"


def test_catalog_is_paginated_newest_first(built: Path) -> None:
    assert (built / "catalog/page/3/index.html").exists()
    assert not (built / "catalog/page/4").exists()
    first = (built / "catalog/index.html").read_text(encoding="utf-8")
    assert "/xxgk/catalog/page/2/" in first


def test_every_view_of_the_catalog_exists(built: Path) -> None:
    for view in ("topic/czjrsj", "topic/kjjy", "agency/czt", "agency/jyt", "genre/notice", "year/2025", "art20/1"):
        assert (built / "catalog" / view / "index.html").exists(), view
    for overview in ("topic", "agency", "genre", "year", "art20"):
        assert (built / "catalog" / overview / "index.html").exists()


def test_feeds_are_well_formed(built: Path) -> None:
    atom = ET.parse(built / "feed.xml").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert len(atom.findall("a:entry", ns)) == 25
    assert ET.parse(built / "rss.xml").getroot().tag == "rss"
    feed = json.loads((built / "feed.json").read_text(encoding="utf-8"))
    assert feed["version"] == "https://jsonfeed.org/version/1.1" and len(feed["items"]) == 25
    for sub in ("disclosures/feed.xml", "catalog/topic/czjrsj/feed.xml", "catalog/agency/czt/feed.xml"):
        ET.parse(built / sub)


def test_catalog_csv_has_bom_and_the_json_columns(built: Path) -> None:
    data = (built / "catalog.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data[3:].decode("utf-8"))))
    records = json.loads((built / "catalog.json").read_text(encoding="utf-8"))
    assert len(rows) == len(records) == 25
    assert list(rows[0]) == list(records[0])
    assert records[0]["url"].startswith("https://www.example.gov.cn/xxgk/")
    assert (records[0]["title"], records[0]["agency"]) == ("第23号公开事项", "示例省财政厅")  # the newest, by its full name


def test_sitemap_lists_absolute_urls(built: Path) -> None:
    root = ET.parse(built / "sitemap.xml").getroot()
    locs = [e.text or "" for e in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert all(loc.startswith("https://www.example.gov.cn/xxgk/") for loc in locs)
    assert "https://www.example.gov.cn/xxgk/pages/%E6%8C%87%E5%8D%97/" in locs
    assert "Sitemap: https://www.example.gov.cn/xxgk/sitemap.xml" in (built / "robots.txt").read_text()


LINK = re.compile(r'(?:href|src|action)="([^"]*)"')


def internal_links(out: Path) -> set[str]:
    links = set()
    for page in out.rglob("*.html"):
        for link in LINK.findall(page.read_text(encoding="utf-8")):
            if not re.match(r"^(https?:|mailto:|tel:|#)", link):
                links.add(link)
    return links


def test_every_internal_link_is_under_the_base_path_and_exists(built: Path) -> None:
    from urllib.parse import unquote
    for link in internal_links(built):
        assert link.startswith("/xxgk/"), link
        target = built / unquote(link[len("/xxgk/"):].split("#")[0].split("?")[0])
        assert target.exists() or (target / "index.html").exists(), link


def test_footer_and_language_on_every_page(built: Path) -> None:
    for page in built.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert '<html lang="zh-CN"' in html, page
        assert "示例省人民政府办公厅" in html and "粤ICP备00000000号" in html, page


def test_base_url_override_moves_every_link(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", many_documents(3))
    out = tmp_path / "out"
    result = build_site(site, out, "--base-url", "https://portal.example.cn/gk/open/")
    assert result.returncode == 0, result.stderr
    assert all(link.startswith("/gk/open/") for link in internal_links(out))
    assert "https://portal.example.cn/gk/open/" in (out / "sitemap.xml").read_text(encoding="utf-8")


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", many_documents(5))
    for name in ("a", "b"):
        assert build_site(site, tmp_path / name, search=True).returncode == 0
    assert tree_digest(tmp_path / "a", skip_top=("pagefind",)) == tree_digest(tmp_path / "b", skip_top=("pagefind",))
    assert (tmp_path / "a/pagefind/pagefind.js").exists()


def test_source_date_epoch_is_now(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {
        "content/policies/2025/a.md": catalog_doc(published="2025-03-02 09:00"),
        "content/policies/2025/b.md": catalog_doc(index_no="11440000MB2C12345X/2025-00002",
                                                  published="2025-03-02 09:01")})
    epoch = {"SOURCE_DATE_EPOCH": "1740877200"}  # 2025-03-02 09:00 +08:00
    assert build_site(site, tmp_path / "o", now=None, env=epoch).returncode == 0
    assert (tmp_path / "o/policies/2025/a/index.html").exists()  # published at now
    assert not (tmp_path / "o/policies/2025/b").exists()  # a minute after now


def test_a_site_theme_overrides_one_template(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {
        "content/policies/2025/a.md": catalog_doc(),
        "themes/default/templates/404.html": "<!DOCTYPE html><html lang=\"zh-CN\"><title>x</title>OWN404</html>",
        "themes/default/static/extra.css": "body{}",
    })
    out = tmp_path / "out"
    assert build_site(site, out).returncode == 0
    assert "OWN404" in (out / "404.html").read_text(encoding="utf-8")
    assert (out / "static/extra.css").exists() and (out / "static/theme.css").exists()
    assert "OWN404" not in (out / "index.html").read_text(encoding="utf-8")


def test_links_between_documents_become_page_links(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {
        "content/policies/2025/a.md": catalog_doc(body="见[附件](table.csv)和[另一文件](../2024/b.md#二)。\n"),
        "content/policies/2025/table.csv": "a,b\n1,2\n",
        "content/policies/2024/b.md": catalog_doc(index_no="11440000MB2C12345X/2024-00002", written="2024-05-01"),
    })
    out = tmp_path / "out"
    assert build_site(site, out).returncode == 0
    html = (out / "policies/2025/a/index.html").read_text(encoding="utf-8")
    assert 'href="/xxgk/policies/2024/b/#%E4%BA%8C"' in html
    assert 'href="/xxgk/policies/2025/table.csv"' in html  # files are published where they stand in content/
    assert (out / "policies/2025/table.csv").exists()


def test_unchanged_files_are_not_rewritten(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", many_documents(3))
    out = tmp_path / "out"
    assert build_site(site, out).returncode == 0
    page, home = out / "disclosures/2025/d001/index.html", out / "index.html"
    before = {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in (page, home)}
    (site / "content/disclosures/2025/d002.md").write_text(
        catalog_doc(index_no="11440000MB2C23456Y/2025-00002", agency="jyt", title="改过的标题", written="2025-03-03"),
        encoding="utf-8")
    assert build_site(site, out).returncode == 0
    assert (page.stat().st_ino, page.stat().st_mtime_ns) == before[page]  # same bytes: the same file, untouched
    assert (home.stat().st_ino, home.stat().st_mtime_ns) != before[home]  # the home page lists the new title
    assert "改过的标题" in home.read_text(encoding="utf-8")
