"""What every page must carry (政府网站网页设计规范, 政府网站发展指引), checked on the built demo: the meta
tags of each type of page, the footer marks, the HTML site map listing every column, sitemap.xml's lastmod,
the four statutory columns in the main navigation; and the site.yaml keys and advice behind them."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote

import pytest
from helpers import REPO_ROOT, build_site, site_yaml, write_site
from lxml import html

BASE = "/xxgk/"
SITE_TAGS = {"SiteName": "示例省人民政府信息公开", "SiteDomain": "www.example.gov.cn", "SiteIDCode": "4400000001"}
COLUMN_TAGS = ("ColumnName", "ColumnDescription", "ColumnKeywords", "ColumnType")
ARTICLE_TAGS = ("ArticleTitle", "PubDate", "ContentSource", "Url")
COLUMN_TYPES = {"信息公开", "政策文件", "政策解读", "招标采购", "财政资金", "信息公开年报", "专题专栏", "权责清单", "办事服务"}
PUB_DATE = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$")
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("marks") / "out"
    result = build_site(REPO_ROOT, out, search=True)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def pages(demo: Path) -> dict[str, html.HtmlElement]:
    """Every HTML page of the build by its URL path (/xxgk/…/), 404.html by its file name."""
    found = {}
    for path in sorted(demo.rglob("*.html")):
        rel = path.relative_to(demo).as_posix()
        if rel.startswith(("pagefind/", "static/")):
            continue
        url = BASE + rel.removesuffix("index.html") if rel.endswith("index.html") else rel
        found[url] = html.fromstring(path.read_bytes())
    assert len(found) > 200
    return found


@pytest.fixture(scope="module")
def records(demo: Path) -> list[dict[str, object]]:
    return list(json.loads((demo / "catalog.json").read_text(encoding="utf-8")))


def meta(page: html.HtmlElement) -> dict[str, list[str]]:
    tags: dict[str, list[str]] = {}
    for element in page.xpath("//head/meta[@name]"):
        tags.setdefault(element.get("name"), []).append(element.get("content"))
    return tags


def path_of(url: str) -> str:
    """An absolute or root-relative URL as a key of `pages` (not percent-encoded)."""
    return unquote(url.removeprefix("https://www.example.gov.cn"))


SERVICE_LISTS = ("powers/list/", "powers/category/", "powers/agency/", "guides/list/", "guides/event/",
                 "guides/enterprises/")


def is_column(url: str) -> bool:
    """The list pages: the catalog and its views, section lists, tender project lists, topics."""
    first = url.removeprefix(BASE).split("/")[0]
    if url.removeprefix(BASE).startswith(SERVICE_LISTS) or url.removeprefix(BASE) in ("powers/", "guides/"):
        return True
    if url.startswith(BASE + "tenders/projects/"):
        return url == BASE + "tenders/projects/" or url.startswith(BASE + "tenders/projects/status/") \
            or url.startswith(BASE + "tenders/projects/method/")
    return first in ("catalog", "topics") or (url.removeprefix(BASE).count("/") == 1 and first in (
        "policies", "disclosures", "interpretations", "tenders", "funds", "reports")) or "/page/" in url


# -- meta tags -------------------------------------------------------------------------------------------------


def test_every_page_carries_the_site_tags_once(pages: dict[str, html.HtmlElement]) -> None:
    for url, page in pages.items():
        tags = meta(page)
        assert {name: tags.get(name) for name in SITE_TAGS} == {k: [v] for k, v in SITE_TAGS.items()}, url


def test_every_list_page_carries_the_column_tags(pages: dict[str, html.HtmlElement]) -> None:
    columns = [url for url in pages if is_column(url)]
    assert len(columns) > 80
    for url in columns:
        tags = meta(pages[url])
        assert all(len(tags.get(name, [])) == 1 and tags[name][0] for name in COLUMN_TAGS), (url, tags)
        assert tags["ColumnType"][0] in COLUMN_TYPES, url
        assert "ArticleTitle" not in tags, url


def test_column_tags_of_known_lists(pages: dict[str, html.HtmlElement]) -> None:
    policies = meta(pages[BASE + "policies/"])
    assert policies["ColumnName"] == ["政策文件"] and policies["ColumnType"] == ["政策文件"]
    assert policies["ColumnDescription"] == ["示例省人民政府信息公开“政策文件”栏目（政策文件）"]
    assert policies["ColumnKeywords"] == ["政策文件,政府信息公开"]
    agency = meta(pages[BASE + "catalog/agency/czt/"])
    assert agency["ColumnName"] == ["发布机构：示例省财政厅"] and agency["ColumnType"] == ["信息公开"]
    assert agency["ColumnKeywords"] == ["发布机构,示例省财政厅,信息公开,政府信息公开"]
    assert meta(pages[BASE + "reports/"])["ColumnType"] == ["信息公开年报"]
    assert meta(pages[BASE + "reports/"])["ColumnName"] == ["政府信息公开年报"]
    assert meta(pages[BASE + "tenders/projects/"])["ColumnType"] == ["招标采购"]
    assert meta(pages[BASE + "catalog/page/2/"])["ColumnName"] == ["政府信息公开目录"]
    assert meta(pages[BASE + "topics/"])["ColumnType"] == ["专题专栏"]
    assert meta(pages[BASE + "powers/category/xuke/"])["ColumnType"] == ["权责清单"]
    assert meta(pages[BASE + "guides/enterprises/"])["ColumnName"] == ["公共企事业单位办事指南"]


def test_every_document_carries_the_article_tags(pages: dict[str, html.HtmlElement],
                                                 records: list[dict[str, object]]) -> None:
    assert len(records) == 119  # 80, and 2 标准目录, 20 政策问答, the gazette's two issues, 15 权责清单 and 办事指南
    for record in records:
        url = path_of(str(record["url"]))
        tags = meta(pages[url])
        assert all(len(tags.get(name, [])) == 1 for name in ARTICLE_TAGS), (url, tags)
        assert tags["ArticleTitle"] == [record["title"]], url
        assert PUB_DATE.match(tags["PubDate"][0]) and tags["PubDate"][0][:10] == record["published"], url
        assert tags["ContentSource"] == [record["agency"]], url
        assert tags["Url"] == [record["url"]], url
        assert ("Keywords" in tags) == bool(record["keywords"]), url
        assert not any(name.startswith("Column") for name in tags), url


def test_article_tags_of_a_known_document(pages: dict[str, html.HtmlElement]) -> None:
    tags = meta(pages[BASE + "policies/2025/chengzhen-laojiu-xiaoqu-gaizao-shishi-fangan/"])
    assert tags["ArticleTitle"] == ["示例省住房和城乡建设厅关于印发《示例省2025年城镇老旧小区改造工作实施方案》的通知"]
    assert tags["PubDate"] == ["2025-04-25 00:00"]
    assert tags["ContentSource"] == ["示例省住房和城乡建设厅"]
    assert tags["Keywords"] == ["老旧小区改造,城市更新,加装电梯"]
    assert tags["Description"][0].startswith("2025年全省计划改造城镇老旧小区1,286个")
    assert tags["Url"] == ["https://www.example.gov.cn/xxgk/policies/2025/chengzhen-laojiu-xiaoqu-gaizao-shishi-fangan/"]


def test_pages_and_projects_are_articles_and_the_rest_carry_site_tags_only(
        pages: dict[str, html.HtmlElement]) -> None:
    guide = meta(pages[BASE + "pages/guide/"])
    assert guide["ArticleTitle"] == ["政府信息公开指南"] and guide["ContentSource"] == ["示例省人民政府办公厅"]
    assert guide["Url"] == ["https://www.example.gov.cn/xxgk/pages/guide/"]
    project = meta(pages[BASE + "tenders/projects/SLCG-2026-0158/"])
    assert all(name in project for name in ARTICLE_TAGS) and PUB_DATE.match(project["PubDate"][0])
    for url in (BASE, BASE + "search/", BASE + "sitemap/", "404.html"):
        assert set(meta(pages[url])) - {"robots"} == {"viewport", "generator", *SITE_TAGS}, url


# -- footer and navigation ----------------------------------------------------------------------------------------


def test_every_page_carries_the_footer_marks(demo: Path, pages: dict[str, html.HtmlElement]) -> None:
    for url, page in pages.items():
        footer = page.xpath("//footer")[0]
        badge = footer.xpath(".//a[@class='gov-badge']")
        assert [a.get("href") for a in badge] == ["https://bszs.conac.cn/sitename?method=show&id=0000000000"], url
        assert [(i.get("src"), i.get("alt")) for i in badge[0].xpath("img")] == [(BASE + "dzjg.svg", "党政机关网站标识")]
        assert [a.get("href") for a in footer.xpath(".//a[.='我为政府网站找错']")] == [
            "https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=4400000001"], url
        assert [a.get("href") for a in footer.xpath(".//a[.='网站地图']")] == [BASE + "sitemap/"], url
    assert (demo / "dzjg.svg").is_file()


def test_the_four_statutory_columns_lead_the_main_navigation(pages: dict[str, html.HtmlElement]) -> None:
    expected = [("首页", BASE), ("政府信息公开指南", BASE + "pages/guide/"),
                ("政府信息公开制度", BASE + "pages/gongkai-zhidu/"), ("法定主动公开内容", BASE + "catalog/"),
                ("政府信息公开年报", BASE + "reports/")]
    for url, page in pages.items():
        links = [(a.text_content(), a.get("href")) for a in page.xpath("//nav[@class='main-nav']//a")]
        assert links[:5] == expected, url
        assert len({href for _name, href in links}) == len(links), url  # 指南 and 制度 are not repeated
    current = pages[BASE + "reports/"].xpath("//nav[@class='main-nav']//a[@aria-current='page']/text()")
    assert "政府信息公开年报" in current


# -- site maps ----------------------------------------------------------------------------------------------------


def shows_nothing(page: html.HtmlElement) -> bool:
    summary = " ".join(page.xpath("//main//div[@class='list-summary']/p[1]/text()"))
    return bool(re.search(r"共 0 (条|个项目)", summary))


def test_the_html_site_map_lists_every_column(pages: dict[str, html.HtmlElement]) -> None:
    listed = [path_of(h) for h in pages[BASE + "sitemap/"].xpath("//main//ul[@class='site-map']//a/@href")]
    assert len(listed) == len(set(listed))
    assert all(href in pages for href in listed), [h for h in listed if h not in pages]
    columns = {url for url in pages if is_column(url) and "/page/" not in url}
    empty = {url for url in columns if shows_nothing(pages[url])}
    # the demo has no closed or publicity project: those filter pages are empty (generated today; a site may
    # stop generating them, so they may be absent), and nothing else is
    assert empty <= {BASE + "tenders/projects/status/closed/", BASE + "tenders/projects/status/publicity/"}
    assert columns - empty <= set(listed), sorted(columns - empty - set(listed))
    assert not empty & set(listed)
    nav = {path_of(h) for h in pages[BASE].xpath("//nav[@class='main-nav']//a/@href")}
    assert nav <= set(listed)


def test_every_sitemap_url_has_a_lastmod(demo: Path, pages: dict[str, html.HtmlElement],
                                         records: list[dict[str, object]]) -> None:
    root = ET.parse(demo / "sitemap.xml").getroot()
    lastmod = {path_of(u.findtext(SM + "loc") or ""): u.findtext(SM + "lastmod") for u in root.iter(SM + "url")}
    assert set(lastmod) == {url for url in pages if url != "404.html"}
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", day or "") for day in lastmod.values()), lastmod
    for record in records:
        assert lastmod[path_of(str(record["url"]))] == record["published"]
    newest = max(str(r["published"]) for r in records)
    assert lastmod[BASE] == lastmod[BASE + "catalog/"] == lastmod[BASE + "sitemap/"] == newest
    policies = [str(r["published"]) for r in records if r["kind"] == "policy"]
    assert lastmod[BASE + "policies/"] == max(policies)
    assert lastmod[BASE + "policies/page/2/"] == sorted(policies, reverse=True)[20]


# -- site.yaml --------------------------------------------------------------------------------------------------

def build(tmp_path: Path, files: dict[str, str] | None = None, **site_keys: object) -> tuple[int, str, Path]:
    """Build the base site with ``site_keys`` changed in its site.yaml (helpers.site_yaml)."""
    site = write_site(tmp_path / "site", {"site.yaml": site_yaml(**site_keys), **(files or {})})
    out = tmp_path / "out"
    result = build_site(site, out)
    return result.returncode, result.stderr, out


def diagnostics(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if not line.startswith("govsite:")]


def test_a_missing_badge_image_is_an_error_at_its_line(tmp_path: Path) -> None:
    status, stderr, out = build(tmp_path, publisher={"badge": {"image": "static/dzjg.png",
                                                               "url": "https://bszs.conac.cn/x"}})
    assert status == 1
    assert diagnostics(stderr) == [
        "site.yaml:6: error: publisher.badge.image: 'static/dzjg.png' does not exist",
        "  hint: put the 党政机关网站标识 image in the site's static/ folder, or correct the path"]
    assert not out.exists()


def test_a_badge_from_another_host_is_refused(tmp_path: Path) -> None:
    status, stderr, _out = build(tmp_path, publisher={"党政机关网站标识": {"图片": "https://cdn.example.com/dzjg.png",
                                                                          "链接": "https://bszs.conac.cn/x"}})
    assert status == 1
    assert diagnostics(stderr)[0] == \
        "site.yaml:6: error: 图片: 'https://cdn.example.com/dzjg.png' is not a file under static/"


def test_the_chinese_keys_give_the_footer_marks(tmp_path: Path) -> None:
    status, stderr, out = build(
        tmp_path, files={"static/mark/dzjg.png": "png"}, publisher={
            "党政机关网站标识": {"图片": "static/mark/dzjg.png", "链接": "https://bszs.conac.cn/x"},
            "我为政府网站找错": "https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=4400000009"})
    assert status == 0, stderr
    page = html.fromstring((out / "index.html").read_bytes())
    assert page.xpath("//a[@class='gov-badge']/img/@src") == ["/xxgk/mark/dzjg.png"]
    assert page.xpath("//a[@class='error-report']/@href") == [
        "https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=4400000009"]


def test_without_the_keys_there_are_no_marks_and_no_site_code_tag(tmp_path: Path) -> None:
    status, stderr, out = build(tmp_path)
    assert status == 0 and diagnostics(stderr) == [], stderr
    page = html.fromstring((out / "index.html").read_bytes())
    assert not page.xpath("//*[@class='footer-marks']")
    assert set(meta(page)) == {"viewport", "generator", "SiteName", "SiteDomain"}
    assert meta(page)["SiteDomain"] == ["www.example.gov.cn"]


def test_base_url_not_https_or_not_gov_cn_is_advice(tmp_path: Path) -> None:
    status, stderr, out = build(tmp_path, base_url="http://portal.example.cn:8080/gk/")
    assert status == 0, stderr
    assert diagnostics(stderr) == [
        "site.yaml:2: warning: base_url: 'http://portal.example.cn:8080/gk/' is not https",
        "  hint: government websites are served over https (政府网站发展指引)",
        "site.yaml:2: warning: base_url: 'portal.example.cn' is not under .gov.cn",
        "  hint: a government website uses a domain under .gov.cn (政府网站发展指引)"]
    assert meta(html.fromstring((out / "index.html").read_bytes()))["SiteDomain"] == ["portal.example.cn"]
