"""标准目录 (基层政务公开标准目录, 国办发〔2019〕54号) and 回应关切 / 政策问答 on sites written inline: pages,
lists, feeds, open data rows, search filters, the overdue-row inspection and the checks' path:line."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

from helpers import NOW, build_request, build_site, catalog_doc, run_govsite, write_site

from govsite.content.document import StandardRow
from govsite.model.standards import add_workdays, due_date, time_limit_days
from govsite.output.pages import filter_groups
from govsite.pipeline import load_site

POLICY = catalog_doc(title="示例省教育厅关于做好义务教育招生入学工作的通知", index_no="11440000MB2C23456Y/2026-00001",
                     agency="jyt", written="2026-03-02", topic="科技、教育/教育")
ROW = ("    公开依据: 《中华人民共和国义务教育法》\n    公开主体: 县级教育行政部门\n    公开渠道和载体: 政府网站\n"
       "    公开对象: 全社会\n    公开层级: 县级、乡级\n")


def standard(rows: str, **fields: object) -> str:
    """A standard catalog of 义务教育 with the given rows (YAML list items under 事项)."""
    front = {"标题": "示例省义务教育领域基层政务公开标准目录", "索引号": "11440000MB2C23456Y/2026-00101",
             "发布机构": "jyt", "成文日期": "2026-09-14", "主题分类": "科技、教育/教育", "体裁分类": "其他", **fields}
    head = "".join(f"{k}: {v}\n" for k, v in front.items())
    return f"---\n{head}保密审查: 已审查\n领域: 义务教育\n{rows}---\n\n本目录供基层对照使用。\n"


ROWS = ("事项:\n"
        "  - 一级事项: 招生入学\n    二级事项: 招生政策\n    公开内容: 招生方案、划片范围\n    公开时限: 信息形成之日起20个工作日内\n"
        f"    公开方式: 主动\n    形成日期: 2026-03-02\n    公开文件: 11440000MB2C23456Y/2026-00001\n{ROW}"
        "  - 一级事项: 招生入学\n    二级事项: 招生结果\n    公开内容: 录取结果\n    公开时限: 信息形成之日起5个工作日内\n"
        f"    公开方式: 主动\n    形成日期: 2026-11-02\n{ROW}"
        "  - 一级事项: 教育督导\n    二级事项: 督导报告\n    公开内容: 督导评估报告\n    公开时限: 报告形成后及时公开\n"
        f"    公开方式: 主动\n    截止日期: 2026-12-31\n{ROW}"
        "  - 一级事项: 教育督导\n    二级事项: 办学情况\n    公开内容: 学校内部管理制度\n    公开时限: 依申请之日起20个工作日内\n"
        f"    公开方式: 依申请\n{ROW}")


def build(tmp_path: Path, files: dict[str, str | bytes], **site: str) -> tuple[int, str, Path]:
    site_path = write_site(tmp_path / "site", files)
    out = tmp_path / "out"
    result = build_site(site_path, out)
    return result.returncode, result.stderr, out


def test_due_dates_count_working_days_and_skip_holidays() -> None:
    assert time_limit_days("信息形成或变更之日起20个工作日内") == (20, True)
    assert time_limit_days("自批准之日起7日内") == (7, False)
    assert time_limit_days("及时公开") is None
    holidays = frozenset({date(2026, 10, 1), date(2026, 10, 2)})
    # Wed 30 Sep: Thu 1 and Fri 2 are holidays, Sat 3 a make-up working day, then Mon 5
    assert add_workdays(date(2026, 9, 30), 2, holidays, frozenset({date(2026, 10, 3)})) == date(2026, 10, 5)
    row = StandardRow("a", "", "c", "b", "信息形成之日起5个工作日内", "s", "ch", "全社会", "主动", ("县级",),
                      date(2026, 11, 2), None, (), 1)
    assert due_date(row, frozenset(), frozenset()) == date(2026, 11, 9)


def test_standard_catalog_page_shows_rows_status_and_documents(tmp_path: Path) -> None:
    code, stderr, out = build(tmp_path, {"content/policies/p.md": POLICY, "content/standards/yiwu.md": standard(ROWS)})
    assert code == 0, stderr
    page = (out / "standards/yiwu/index.html").read_text(encoding="utf-8")
    assert '<table class="standard-table">' in page and '<th scope="col">公开渠道和载体</th>' in page
    assert "已公开</span><br><a href=\"/xxgk/policies/p/\">示例省教育厅关于做好义务教育招生入学工作的通知</a>" in page
    assert "逾期未公开" in page  # 2 Nov + 5 working days = 9 Nov < 27 Nov, nothing linked
    assert "待公开" in page and "截止 <time datetime=\"2026-12-31\">" in page
    assert "依申请公开" in page and "县级、乡级" in page
    assert 'data-pagefind-filter="field:义务教育"' in page and 'data-pagefind-filter="kind:标准目录"' in page
    rows = list(csv.reader(io.StringIO((out / "standards/yiwu/standard-catalog.csv").read_bytes()
                                       .decode("utf-8-sig"))))
    assert rows[0][:3] == ["一级事项", "二级事项", "公开内容（要素）"]
    assert [r[11] for r in rows[1:]] == ["已公开", "逾期未公开", "待公开", "依申请公开"]
    assert rows[1][12] == "11440000MB2C23456Y/2026-00001" and rows[2][10] == "2026-11-09"


def test_standard_rows_are_in_open_data_feeds_and_the_catalog(tmp_path: Path) -> None:
    code, stderr, out = build(tmp_path, {"content/policies/p.md": POLICY, "content/standards/yiwu.md": standard(ROWS)})
    assert code == 0, stderr
    records = json.loads((out / "standards.json").read_text(encoding="utf-8"))
    assert [(r["second"], r["status"], r["levels"]) for r in records][:2] == [
        ("招生政策", "已公开", ["县级", "乡级"]), ("招生结果", "逾期未公开", ["县级", "乡级"])]
    assert records[0]["documents"] == ["https://www.example.gov.cn/xxgk/policies/p/"]
    data = (out / "standards.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    assert len(list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))) == 5
    catalog = json.loads((out / "catalog.json").read_text(encoding="utf-8"))
    assert [r["kind"] for r in catalog if r["index_no"].endswith("2026-00101")] == ["standard"]
    assert "示例省义务教育领域基层政务公开标准目录" in (out / "standards/feed.xml").read_text(encoding="utf-8")
    assert "示例省义务教育领域基层政务公开标准目录" in (out / "standards/index.html").read_text(encoding="utf-8")


CSV_ROWS = ("first,second,公开内容（要素）,basis,time_limit,subject,channels,audience,mode,level,形成日期,公开文件\r\n"
            '招生入学,招生政策,"招生方案、\r\n划片范围",《义务教育法》,信息形成之日起20个工作日内,县级教育行政部门,政府网站,'
            "全社会,主动,县级,2026-03-02,../policies/p.md\r\n"
            "招生入学,招生结果,录取结果,《义务教育法》,信息形成之日起5个工作日内,县级教育行政部门,政府网站,特定群体,主动,"
            "县级,2026-11-02,\r\n")


def test_rows_from_a_csv_with_bom_crlf_and_english_columns(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {"content/policies/p.md": POLICY,
                                     "content/standards/yiwu.md": standard("数据文件: mulu.csv\n"),
                                     "content/standards/mulu.csv": b"\xef\xbb\xbf" + CSV_ROWS.encode("utf-8")}
    code, stderr, out = build(tmp_path, files)
    assert code == 0, stderr
    page = (out / "standards/yiwu/index.html").read_text(encoding="utf-8")
    assert "招生方案、\n划片范围" in page and "/xxgk/policies/p/" in page
    assert (out / "standards/mulu.csv").is_file()  # the editor's file, published beside the page


def test_the_inspection_reports_an_overdue_row_at_its_csv_line(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {"content/policies/p.md": POLICY,
                                     "content/standards/yiwu.md": standard("数据文件: mulu.csv\n"),
                                     "content/standards/mulu.csv": CSV_ROWS}
    site = write_site(tmp_path / "site", files)
    result = run_govsite("check", "--site", str(site), "--now", NOW)
    # the first record spans lines 2–3; the overdue one starts on line 4
    assert ("content/standards/mulu.csv:4: warning: [扣分·标准目录事项未按时公开] 义务教育: 事项 '招生结果' was due by "
            "2026-11-09 (18 days ago; 公开时限 信息形成之日起5个工作日内)") in result.stderr, result.stderr
    assert "mulu.csv:2: warning: [扣分·标准目录" not in result.stderr  # fulfilled by the linked policy


def test_a_row_linking_a_missing_document_or_without_days_is_an_error_on_its_line(tmp_path: Path) -> None:
    rows = ("事项:\n  - 一级事项: 招生入学\n    公开内容: 招生方案\n    公开时限: 及时公开\n    公开方式: 主动\n"
            f"    形成日期: 2026-03-02\n    公开文件: [11440000MB2C23456Y/2026-00099]\n{ROW}")
    code, stderr, _out = build(tmp_path, {"content/standards/yiwu.md": standard(rows)})
    assert code == 1
    assert ("content/standards/yiwu.md:11: error: 事项 '招生入学': 形成日期 is given but 公开时限 '及时公开' names no "
            "number of days to count from it") in stderr
    assert ("content/standards/yiwu.md:16: error: 事项 '招生入学': 公开文件 '11440000MB2C23456Y/2026-00099' is neither "
            "the 索引号 nor the path of a document") in stderr


def test_a_standard_catalog_without_rows_is_an_error(tmp_path: Path) -> None:
    code, stderr, _out = build(tmp_path, {"content/standards/yiwu.md": standard("")})
    assert code == 1
    assert "content/standards/yiwu.md:9: error: a standard catalog needs its rows (事项) or a data file (数据文件)" in stderr


def test_a_data_file_that_is_no_csv_is_an_error(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {"content/standards/yiwu.md": standard("数据文件: mulu.xlsx\n"),
                                     "content/standards/mulu.xlsx": b"PK\x03\x04"}
    code, stderr, _out = build(tmp_path, files)
    assert code == 1
    assert "content/standards/yiwu.md:10: error: data file 'mulu.xlsx' is not a CSV file" in stderr


def qa(seq: int, title: str, topic: str, *policies: str, **extra: object) -> str:
    return catalog_doc(title=title, index_no=f"11440000MB2C23456Y/2026-{seq:05d}", agency="jyt", written="2026-10-10",
                       topic="科技、教育/教育", genre="其他", 问答主题=topic, 相关政策=list(policies) or None,
                       body="答：按照通知执行，具体以当地公布的方案为准。\n", **extra)


INTERACTION = "interaction:\n  留言信箱: https://liuyan.example.gov.cn/\n  咨询电话: '12345'\n"


def qa_site(tmp_path: Path) -> tuple[int, str, Path]:
    files: dict[str, str | bytes] = {
        "content/policies/p.md": POLICY,
        "content/qa/a.md": qa(301, "孩子上小学需要哪些材料？", "义务教育", "11440000MB2C23456Y/2026-00001",
                              问题="孩子满六周岁，报名上小学要准备什么？", 提问日期="2026-10-08", 提问渠道="12345热线"),
        "content/qa/b.md": qa(302, "随迁子女怎样入学？", "义务教育", "../policies/p.md"),
        "content/qa/c.md": qa(303, "幼儿园收费由谁定？", "学前教育"),
    }
    site = write_site(tmp_path / "site", files)
    (site / "site.yaml").write_text((site / "site.yaml").read_text(encoding="utf-8") + INTERACTION, encoding="utf-8")
    out = tmp_path / "out"
    result = build_site(site, out)
    return result.returncode, result.stderr, out


def test_a_qa_page_shows_question_agency_policies_and_where_to_ask(tmp_path: Path) -> None:
    code, stderr, out = qa_site(tmp_path)
    assert code == 0, stderr
    page = (out / "qa/a/index.html").read_text(encoding="utf-8")
    assert '<p class="qa-question-text">孩子满六周岁，报名上小学要准备什么？</p>' in page
    assert '<time datetime="2026-10-08">2026-10-08</time>（12345热线）' in page
    assert "<dt>答复机构</dt><dd>示例省教育厅</dd>" in page
    assert '<a href="https://liuyan.example.gov.cn/" rel="external">留言信箱</a>' in page
    assert '<a href="tel:12345">12345</a>' in page
    assert 'data-pagefind-filter="qa_topic:义务教育"' in page and 'data-pagefind-filter="kind:政策问答"' in page
    assert '<h2 id="qa-policies-title">相关政策</h2>' in page and "/xxgk/policies/p/" in page
    policy = (out / "policies/p/index.html").read_text(encoding="utf-8")  # linked both ways
    questions = policy[policy.index('id="questions-title"'):]
    assert "孩子上小学需要哪些材料？" in questions and "随迁子女怎样入学？" in questions
    assert "幼儿园收费由谁定？" not in questions


def test_qa_topic_pages_overview_feeds_and_open_data(tmp_path: Path) -> None:
    code, stderr, out = qa_site(tmp_path)
    assert code == 0, stderr
    topic = (out / "qa/topics/义务教育/index.html").read_text(encoding="utf-8")
    assert "<h1>政策问答：义务教育</h1>" in topic and "共 2 条问答" in topic
    assert "幼儿园收费由谁定？" not in topic and "留言信箱" in topic
    overview = (out / "qa/topics/index.html").read_text(encoding="utf-8")
    assert overview.index(">义务教育<") < overview.index(">学前教育<")  # topics by name (code point order)
    assert '<a href="/xxgk/qa/topics/%E4%B9%89%E5%8A%A1%E6%95%99%E8%82%B2/">义务教育</a>' in overview
    feed = (out / "qa/feed.xml").read_text(encoding="utf-8")
    assert feed.count("<entry>") == 3
    records = {r["title"]: r for r in json.loads((out / "qa.json").read_text(encoding="utf-8"))}
    assert records["孩子上小学需要哪些材料？"]["policies"] == ["https://www.example.gov.cn/xxgk/policies/p/"]
    assert records["孩子上小学需要哪些材料？"]["asked"] == "2026-10-08"
    assert records["幼儿园收费由谁定？"]["qa_topic"] == "学前教育"
    data = (out / "qa.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    header, *rows = csv.reader(io.StringIO(data.decode("utf-8-sig")))
    assert header[:4] == ["index_no", "title", "url", "qa_topic"] and len(rows) == 3


def test_search_filters_offer_the_standard_fields_and_qa_topics(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {"content/policies/p.md": POLICY, "content/standards/yiwu.md": standard(ROWS),
                                     "content/qa/a.md": qa(301, "孩子上小学需要哪些材料？", "义务教育")}
    site = write_site(tmp_path / "site", files)
    loaded = load_site(site, build_request(site, tmp_path / "out").options, workers=False)
    assert loaded.model is not None
    groups = {g.name: (g.label, g.values) for g in filter_groups(loaded.model)}
    assert groups["field"] == ("标准目录领域", ("义务教育",))
    assert groups["qa_topic"] == ("问答主题", ("义务教育",))
    assert groups["kind"][1] == ("政策文件", "标准目录", "政策问答")


def test_a_qa_linking_an_unpublished_policy_is_an_error_and_nothing_is_written(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {
        "content/policies/p.md": POLICY.replace("review: 已审查", "review: 已审查\ndraft: true"),
        "content/qa/a.md": qa(301, "孩子上小学需要哪些材料？", "义务教育", "11440000MB2C23456Y/2026-00001")}
    code, stderr, out = build(tmp_path, files)
    assert code == 1
    assert ("content/qa/a.md:11: error: 相关政策 '11440000MB2C23456Y/2026-00001' (content/policies/p.md) is not "
            "published, but this answer is") in stderr
    assert not out.exists()


def test_a_draft_qa_may_cite_a_draft_policy(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {
        "content/policies/p.md": POLICY.replace("review: 已审查", "review: 已审查\ndraft: true"),
        "content/qa/a.md": qa(301, "孩子上小学需要哪些材料？", "义务教育", "11440000MB2C23456Y/2026-00001", draft=True)}
    code, stderr, out = build(tmp_path, files)
    assert code == 0, stderr
    assert not (out / "qa/a").exists() and not (out / "qa/topics").exists()
    assert "孩子上小学" not in (out / "catalog.json").read_text(encoding="utf-8")


def test_new_standard_and_qa_build_once_reviewed(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {})
    for kind in ("standard", "标准目录", "qa", "政策问答"):
        result = run_govsite("new", kind, "--site", site, "--agency", "jyt", "--now", NOW)
        assert result.returncode == 0, result.stderr
    for path in (site / "content").rglob("*.md"):
        text = path.read_text(encoding="utf-8").replace("保密审查: 未审查", "保密审查: 已审查")
        path.write_text(text.replace("主题分类: TODO", "主题分类: 科技、教育/教育").replace("体裁分类: TODO", "体裁分类: 其他"),
                        encoding="utf-8")
    built = build_site(site, tmp_path / "out")
    assert built.returncode == 0, built.stderr
    assert len(list((tmp_path / "out/standards").glob("*/*/index.html"))) == 2
    assert (tmp_path / "out/qa/topics/TODO/index.html").is_file()


def test_a_document_at_the_address_of_the_qa_topics_is_an_error(tmp_path: Path) -> None:
    code, stderr, _out = build(tmp_path, {"content/qa/topics.md": qa(301, "问题？", "义务教育")})
    assert code == 1
    assert ("content/qa/topics.md:1: error: the address qa/topics/ and the folders under it are reserved for the "
            "Q&A topic pages") in stderr
