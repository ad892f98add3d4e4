"""The government gazette (政府公报) on sites written inline: pages, lists, feeds, open data, search filters,
numbering and the promulgation order of a 规章 (规章制定程序条例 Arts 31-32)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

from helpers import NOW, build_site, catalog_doc, write_site

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
RULE_ORDER = {"adopted": "2025-12-20", "adopted_by": "省人民政府第60次常务会议", "promulgated": "2026-01-05",
              "effective": "2026-03-01"}


def rule(seq: int, **fields: Any) -> str:
    """A 规章 with its promulgation order (令号 as its 文号)."""
    front = {**RULE_ORDER, **fields}
    return catalog_doc(index_no=f"11440000MB2C12345X/2026-{seq:05d}", title=f"示例省第{seq}号规章管理办法",
                       written="2026-01-05", doc_no=f"示例省人民政府令第{seq}号", genre="命令（令）", category="规章",
                       **front)


def norm(seq: int, **fields: Any) -> str:
    """A 行政规范性文件."""
    front = {"title": f"示例省财政厅第{seq}号规范性文件", **fields}
    return catalog_doc(index_no=f"11440000MB2C12345X/2026-{seq:05d}", written="2026-01-10",
                       doc_no=f"示财规〔2026〕{seq}号", category="行政规范性文件", **front)


def issue(seq: int, year: int, number: int, total: int, items: list[dict[str, Any]], **fields: Any) -> str:
    """A gazette issue in Chinese keys (the English ones are tested separately)."""
    front: dict[str, Any] = {"索引号": f"11440000MB2C12345X/{year}-{seq:05d}", "标题": f"示例省人民政府公报{year}年第{number}期",
                             "成文日期": f"{year}-{min(number, 12):02d}-28", "体裁分类": "公报", "年度": year,
                             "年度期号": number, "总期号": total, "目录": items}
    front.update(fields)
    return catalog_doc(body="本期公报目录。\n", **front)


def build(tmp_path: Path, files: dict[str, str | bytes], *extra: str, search: bool = False) -> tuple[int, str, Path]:
    site = write_site(tmp_path / "site", files)
    out = tmp_path / "out"
    result = build_site(site, out, *extra, now=NOW, search=search)
    return result.returncode, result.stderr, out


def demo_files() -> dict[str, str | bytes]:
    """Two 2026 issues and one 2025 issue; a 规章 and a 规范性文件 linked by 索引号 and by path."""
    return {
        "content/policies/2026/rule.md": rule(1),
        "content/policies/2026/norm.md": norm(2),
        "content/gazette/2026/di-1-qi.md": issue(10, 2026, 1, 101, [
            {"文件": "11440000MB2C12345X/2026-00001", "页码": 2},
            {"文件": "../../policies/2026/norm.md", "页码": 7},
            {"标题": "示例省人民政府关于任免示例同志职务的通知", "栏目": "人事任免"}], **{"PDF版": "2026-01.pdf"}),
        "content/gazette/2026/2026-01.pdf": PDF,
        "content/gazette/2026/di-2-qi.md": issue(11, 2026, 2, 102, [{"文件": "11440000MB2C12345X/2026-00002"}]),
        "content/gazette/2025/di-12-qi.md": issue(3, 2025, 12, 100, [{"标题": "人事任免"}]),
    }


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_year_index_lists_issues_by_year_newest_first(tmp_path: Path) -> None:
    code, stderr, out = build(tmp_path, demo_files())
    assert code == 0, stderr
    assert "warning" not in stderr
    page = (out / "gazette/index.html").read_text(encoding="utf-8")
    assert page.index('id="y2026"') < page.index('id="y2025"')
    assert page.index("2026年第2期") < page.index("2026年第1期") < page.index("2025年第12期")
    text = text_of(page)
    assert "总第101期" in text and "总第102期" in text and "共 3 期" in text
    assert 'href="/xxgk/gazette/2026/2026-01.pdf" type="application/pdf"' in page
    assert 'href="/xxgk/gazette/2026/di-1-qi/"' in page
    assert '<meta name="ColumnType" content="政府公报">' in page
    assert not (out / "gazette/page/2").exists()


def test_an_issue_page_lists_its_contents_with_links_and_doc_numbers(tmp_path: Path) -> None:
    code, stderr, out = build(tmp_path, demo_files())
    assert code == 0, stderr
    page = (out / "gazette/2026/di-1-qi/index.html").read_text(encoding="utf-8")
    contents = page[page.index('class="gazette-contents"'):]
    text = text_of(contents)
    assert "本期目录 （3 件）" in text
    # grouped by 文件类别 (政府规章, 行政规范性文件), then the editor's own heading
    assert contents.index("政府规章") < contents.index("行政规范性文件") < contents.index("人事任免")
    assert '<a href="/xxgk/policies/2026/rule/">示例省第1号规章管理办法</a>' in contents
    assert '<a href="/xxgk/policies/2026/norm/">示例省财政厅第2号规范性文件</a>' in contents
    assert "示例省人民政府令第1号" in text and "示财规〔2026〕2号" in text
    assert "示例省人民政府关于任免示例同志职务的通知" in text
    assert "上一期： 2025年第12期（总第100期）" in text and "下一期： 2026年第2期（总第102期）" in text
    assert "本期公报全文（PDF版）" in page  # the PDF among the attachments, with its size and SHA-256
    assert "总第101期" in text_of(page[:page.index('class="gazette-contents"')])  # the metadata table
    # a policy page names the issues that print it
    policy = (out / "policies/2026/rule/index.html").read_text(encoding="utf-8")
    assert "刊登本文件的政府公报" in policy and 'href="/xxgk/gazette/2026/di-1-qi/"' in policy
    assert "公布日期" in policy and "省人民政府第60次常务会议" in policy


def test_the_gazette_is_in_the_catalog_feeds_and_open_data(tmp_path: Path) -> None:
    code, stderr, out = build(tmp_path, demo_files())
    assert code == 0, stderr
    records = json.loads((out / "catalog.json").read_text(encoding="utf-8"))
    issues = [r for r in records if r["kind"] == "gazette"]
    assert len(issues) == 3
    first = next(r for r in issues if r["title"] == "示例省人民政府公报2026年第1期")
    assert first["attachments"][0]["url"] == "https://www.example.gov.cn/xxgk/gazette/2026/2026-01.pdf"
    raw_csv = (out / "catalog.csv").read_bytes()
    assert raw_csv.startswith(b"\xef\xbb\xbf") and "示例省人民政府公报2026年第2期".encode() in raw_csv
    data = json.loads((out / "gazette.json").read_text(encoding="utf-8"))
    assert [(d["year"], d["issue"], d["total"]) for d in data] == [(2026, 2, 102), (2026, 1, 101), (2025, 12, 100)]
    assert data[1]["items"][0] == {"section": "政府规章", "title": "示例省第1号规章管理办法", "doc_no": "示例省人民政府令第1号",
                                   "index_no": "11440000MB2C12345X/2026-00001",
                                   "url": "https://www.example.gov.cn/xxgk/policies/2026/rule/", "category": "规章",
                                   "page": 2}
    gazette_csv = (out / "gazette.csv").read_bytes()
    assert gazette_csv.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(gazette_csv[3:].decode("utf-8"))))
    assert len(rows) == 5 and rows[1]["doc_no"] == "示例省人民政府令第1号" and rows[1]["page"] == "2"
    for feed in ("gazette/feed.xml", "feed.xml"):
        assert "示例省人民政府公报2026年第2期" in (out / feed).read_text(encoding="utf-8")
    assert "示例省人民政府公报2025年第12期" in (out / "gazette/rss.xml").read_text(encoding="utf-8")
    assert "/xxgk/gazette/" in (out / "sitemap.xml").read_text(encoding="utf-8")


def test_search_filters_cover_the_gazette(tmp_path: Path) -> None:
    code, stderr, out = build(tmp_path, demo_files(), search=True)
    assert code == 0, stderr
    page = (out / "gazette/2026/di-1-qi/index.html").read_text(encoding="utf-8")
    for value in ("kind:政府公报", "agency:示例省财政厅", "year:2026", "genre:公报"):
        assert f'data-pagefind-filter="{value}"' in page
    body = page[page.index("data-pagefind-body"):]
    assert "示例省第1号规章管理办法" in body  # the contents are searchable text of the issue
    search = (out / "search/index.html").read_text(encoding="utf-8")
    assert re.search(r'name="kind" value="政府公报"', search), "the kind filter offers 政府公报"


def test_english_keys_work_like_the_aliases(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {
        "content/policies/2026/norm.md": norm(2),
        "content/gazette/2026/no-1.md": catalog_doc(
            index_no="11440000MB2C12345X/2026-00010", title="示例省人民政府公报2026年第1期", written="2026-01-28",
            genre="公报", year=2026, issue=1, total=101, pdf="no-1.pdf",
            items=[{"document": "11440000MB2C12345X/2026-00002", "section": "部门文件", "page": 3}]),
        "content/gazette/2026/no-1.pdf": PDF,
    }
    code, stderr, out = build(tmp_path, files)
    assert code == 0, stderr
    text = text_of((out / "gazette/2026/no-1/index.html").read_text(encoding="utf-8"))
    assert "部门文件" in text and "示财规〔2026〕2号" in text


def test_gaps_and_totals_out_of_step_are_warnings(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {
        "content/gazette/2026/a.md": issue(1, 2026, 1, 101, [{"标题": "甲"}]),
        "content/gazette/2026/b.md": issue(2, 2026, 4, 104, [{"标题": "乙"}]),  # 第2期, 第3期 missing
        "content/gazette/2026/c.md": issue(3, 2026, 5, 107, [{"标题": "丙"}]),  # 总期号 should be 105
    }
    code, stderr, _out = build(tmp_path, files)
    assert code == 0, stderr
    assert "content/gazette/2026/b.md:10: warning: 2026年 has no 第2期、第3期 before 第4期" in stderr
    assert ("content/gazette/2026/c.md:11: warning: 总期号 107 does not follow 2026年第4期 (总第104期): expected 105"
            in stderr)


def test_a_draft_issue_may_list_an_unpublished_document_and_nothing_of_either_leaks(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {
        "content/policies/2026/secret.md": norm(2, title="尚未审查的规范性文件", review="未审查"),
        "content/gazette/2026/draft.md": issue(5, 2026, 1, 101, [{"文件": "11440000MB2C12345X/2026-00002"}],
                                               标题="尚未出版的公报", draft=True),
        "content/policies/2026/other.md": norm(3),
    }
    code, stderr, out = build(tmp_path, files)
    assert code == 0, stderr
    assert "error" not in stderr
    for path in out.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert "尚未审查的规范性文件".encode() not in data, path
            assert "尚未出版的公报".encode() not in data, path
    assert not (out / "gazette").exists() and not (out / "gazette.json").exists()


def test_a_rule_may_come_into_force_sooner_when_it_says_why(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {
        "content/policies/2026/rule.md": rule(1, effective="2026-01-05", early_reason="涉及国家安全，公布后立即施行"),
        "content/gazette/2026/a.md": issue(5, 2026, 1, 101, [{"文件": "11440000MB2C12345X/2026-00001"}]),
    }
    code, stderr, out = build(tmp_path, files)
    assert code == 0, stderr
    assert "涉及国家安全，公布后立即施行" in (out / "policies/2026/rule/index.html").read_text(encoding="utf-8")


def test_a_rule_adopted_after_its_promulgation_is_an_error(tmp_path: Path) -> None:
    code, stderr, _out = build(tmp_path, {"content/policies/2026/rule.md": rule(1, adopted="2026-01-06")})
    assert code == 1
    assert "content/policies/2026/rule.md:11: error: 通过日期 2026-01-06 is after 公布日期 2026-01-05" in stderr


def test_the_pdf_must_be_a_pdf_file_beside_the_issue(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {
        "content/gazette/2026/a.md": issue(5, 2026, 1, 101, [{"标题": "甲"}], **{"PDF版": "a.docx"}),
        "content/gazette/2026/b.md": issue(6, 2026, 2, 102, [{"标题": "乙"}], **{"PDF版": "b.pdf"}),
    }
    code, stderr, _out = build(tmp_path, files)
    assert code == 1
    assert "content/gazette/2026/a.md:14: error: PDF版: 'a.docx' is not a PDF file" in stderr
    assert "content/gazette/2026/b.md:14: error: attachment 'b.pdf' does not exist" in stderr


def test_an_issue_needs_its_numbers_and_contents(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {
        "content/gazette/2026/a.md": catalog_doc(index_no="11440000MB2C12345X/2026-00005", genre="公报", 年度=2026),
    }
    code, stderr, _out = build(tmp_path, files)
    assert code == 1
    for field in ("'issue' (年度期号)", "'total' (总期号)", "'items' (目录)"):
        assert f"content/gazette/2026/a.md:1: error: missing required field {field}" in stderr


def test_a_page_cannot_take_the_year_index_s_address(tmp_path: Path) -> None:
    code, stderr, _out = build(tmp_path, {"content/gazette.md": "---\ntitle: 公报\n---\n\n正文。\n"})
    assert code == 1
    assert "content/gazette.md:1: error: the address gazette/ is reserved for govsite's own pages" in stderr
