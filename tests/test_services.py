"""权责清单 items and 办事指南 on sites written inline: fields and aliases, checks with path:line, pages, lists,
feeds, open data and search filters."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from helpers import build_site, catalog_doc, write_site

STEPS: list[dict[str, Any]] = [
    {"id": "shouli", "name": "受理", "actor": "政务服务窗口", "limit": "即时", "next": ["shencha", "buyu"]},
    {"id": "buyu", "name": "不予受理", "actor": "政务服务窗口"},
    {"id": "shencha", "name": "审查", "actor": "业务处", "limit": "5个工作日", "next": ["jueding"]},
    {"id": "jueding", "name": "作出决定", "actor": "分管厅领导", "limit": "2个工作日"},
]


def power(seq: int = 1, **fields: Any) -> str:
    values: dict[str, Any] = {
        "title": "政府采购代理机构名录登记", "index_no": f"11440000MB2C12345X/2025-{seq:05d}", "genre": "通知",
        "code": "000106001000", "category": "行政确认", "basis": "《政府采购代理机构管理暂行办法》第四条",
        "implementer": "示例省财政厅", "duties": ["受理责任", "审查责任"], "accountability": ["不依法受理的"],
        "promised_days": 10, "statutory_days": 20, "steps": STEPS}
    values.update(fields)
    return catalog_doc(**values)


def guide(seq: int = 11, **fields: Any) -> str:
    values: dict[str, Any] = {
        "title": "居民供水报装办事指南", "index_no": f"11440000MB2C12345X/2025-{seq:05d}", "genre": "通知",
        "applicant": "个人", "life_event": "住房", "scope": "中心城区居民用户新装自来水",
        "provider": "示例市自来水有限公司", "provider_type": "公共企事业单位", "sector": "供水",
        "materials": [{"name": "用水申请表", "form": "原件", "copies": 1, "template": "shenqingbiao.docx"},
                      {"name": "身份证", "form": "复印件", "copies": 2}],
        "fees": [{"item": "水表安装费", "amount": "1280.50", "unit": "元/户", "basis": "示发改价格〔2024〕58号"}],
        "steps": STEPS, "promised_days": 3, "statutory_days": 5, "phone": "0660-12345678",
        "complaint_phone": "0660-12345679", "place": "人民路18号营业厅", "hours": "工作日 8:30—17:30"}
    values.update(fields)
    return catalog_doc(**values)


FORM = {"content/guides/2025/shenqingbiao.docx": b"PK\x03\x04 form"}


def build(tmp_path: Path, files: dict[str, str | bytes], *, search: bool = False) -> tuple[int, str, Path]:
    site = write_site(tmp_path / "site", files)
    result = build_site(site, tmp_path / "out", search=search)
    return result.returncode, result.stderr, tmp_path / "out"


def read(out: Path, rel: str) -> str:
    return (out / rel).read_text(encoding="utf-8")


def section(html: str, cls: str) -> str:
    match = re.search(rf'<section class="service-section {cls}".*?</section>', html, re.S)
    assert match, cls
    return match.group(0)


def test_a_power_item_page_shows_its_fields_and_its_flow_chart(tmp_path: Path) -> None:
    code, stderr, out = build(tmp_path, {"content/powers/2025/mingl.md": power()})
    assert code == 0, stderr
    html = section(read(out, "powers/2025/mingl/index.html"), "power-section")
    for text in ("000106001000", "行政确认", "《政府采购代理机构管理暂行办法》第四条", "10 个工作日", "20 个工作日",
                 "受理责任", "不依法受理的"):
        assert text in html, text
    svg = re.search(r"<svg [^>]*>", html)
    assert svg and 'role="img"' in svg.group(0) and "viewBox=" in svg.group(0)
    labels = re.search(r'aria-labelledby="([^" ]+) ([^"]+)"', svg.group(0))
    assert labels and f'<title id="{labels[1]}">' in html and f'<desc id="{labels[2]}">' in html
    assert len(re.findall(r'<g class="flow-step[ "]', html)) == 4  # every step drawn
    steps = re.findall(r'<li id="flow-[0-9a-f]+-s\d+">(.*?)</li>', html, re.S)
    assert len(steps) == 4
    assert "分支" in steps[0] and "审查" in steps[0] and "不予受理" in steps[0]
    assert "办理结束" in steps[1] and "下一步" in steps[2]


def test_english_keys_and_chinese_aliases_give_the_same_page(tmp_path: Path) -> None:
    chinese_steps = [{"编号": s["id"], "名称": s["name"], "承办": s.get("actor"), "时限": s.get("limit"),
                      "下一步": s.get("next")} for s in STEPS]
    chinese_steps = [{k: v for k, v in s.items() if v is not None} for s in chinese_steps]
    aliased = catalog_doc(title="政府采购代理机构名录登记", index_no="11440000MB2C12345X/2025-00001", genre="通知",
                          编码="000106001000", 类别="行政确认", 实施依据="《政府采购代理机构管理暂行办法》第四条",
                          实施主体="示例省财政厅", 责任事项=["受理责任", "审查责任"], 追责情形=["不依法受理的"],
                          承诺时限=10, 法定时限=20, 流程=chinese_steps)
    pages = []
    for name, text in (("en", power()), ("zh", aliased)):
        code, stderr, out = build(tmp_path / name, {"content/powers/2025/mingl.md": text})
        assert code == 0, stderr
        pages.append(section(read(out, "powers/2025/mingl/index.html"), "power-section"))
    assert pages[0] == pages[1]


@pytest.mark.parametrize(("steps", "line", "message"), [
    ([{"id": "a", "name": "受理", "next": ["b"]}, {"id": "b", "name": "审查", "next": ["a"]}],
     28, "step 'b' leads back to step 'a': a flow chart cannot loop"),
    ([{"id": "a", "name": "受理", "next": ["b"]}, {"id": "b", "name": "审查"}, {"id": "c", "name": "归档"}],
     27, "step 'c' cannot be reached from the first step 'a'"),
    ([{"id": "a", "name": "受理", "next": ["b"]}, {"id": "b", "name": "审查"}, {"id": "b", "name": "决定"}],
     27, "step id 'b' is used twice (first on line 25)"),
    ([{"id": "a", "name": "受理", "next": ["b", "x"]}, {"id": "b", "name": "审查"}],
     25, "step 'a' leads to step 'x', which does not exist"),
])
def test_flow_chart_mistakes_are_errors_on_their_line(tmp_path: Path, steps: list[dict[str, Any]], line: int,
                                                      message: str) -> None:
    # with these defaults 'steps:' is line 20; a step's id and name take a line each, its 'next' one more per id
    code, stderr, out = build(tmp_path, {"content/powers/2025/mingl.md": power(steps=steps)})
    assert code == 1
    assert f"content/powers/2025/mingl.md:{line}: error: {message}" in stderr, stderr
    assert not out.exists()


def test_a_promised_time_equal_to_the_statutory_one_is_fine(tmp_path: Path) -> None:
    code, stderr, _out = build(tmp_path, {"content/powers/2025/mingl.md": power(promised_days=20)})
    assert code == 0, stderr


def test_an_unknown_category_names_the_allowed_ones(tmp_path: Path) -> None:
    code, stderr, _out = build(tmp_path, {"content/powers/2025/mingl.md": power(category="行政审批")})
    assert code == 1
    assert "mingl.md:10: error: category: '行政审批' is not allowed" in stderr
    assert "行政许可, 行政处罚, 行政强制" in stderr


def test_a_guide_page_shows_materials_fees_contacts_and_its_enterprise(tmp_path: Path) -> None:
    code, stderr, out = build(tmp_path, {"content/guides/2025/gongshui.md": guide(), **FORM})
    assert code == 0, stderr
    page = read(out, "guides/2025/gongshui/index.html")
    html = section(page, "guide-section")
    assert "本事项由公共企事业单位<strong>示例市自来水有限公司</strong>办理（供水行业），行业主管部门为示例省财政厅" in html
    assert '<td class="num">1,280.50</td>' in html  # exact, as written
    assert '<a href="/xxgk/guides/2025/shenqingbiao.docx" download>shenqingbiao.docx</a>' in html
    assert (out / "guides/2025/shenqingbiao.docx").read_bytes() == FORM["content/guides/2025/shenqingbiao.docx"]
    assert "用水申请表（样表）" in page  # the form is one of the page's attachments too
    for text in ("复印件", '<td class="num">2</td>', "tel:0660-12345678", "0660-12345679", "人民路18号营业厅",
                 "工作日 8:30—17:30", "3 个工作日", "5 个工作日", 'href="/xxgk/guides/event/zhufang/"'):
        assert text in html, text
    assert "svg" in html and "办理流程" in html


def test_a_guide_without_fees_says_it_is_free(tmp_path: Path) -> None:
    code, stderr, out = build(tmp_path, {"content/guides/2025/gongshui.md": guide(fees=None), **FORM})
    assert code == 0, stderr
    assert "<p>不收费。</p>" in read(out, "guides/2025/gongshui/index.html")


@pytest.mark.parametrize(("fields", "expected"), [
    ({"applicant": "法人", "life_event": "出生"},
     ":10: error: 办事主题 '出生' is not a theme of 法人 services"),
    ({"provider": None}, ":12: error: a public enterprise's guide (单位性质: 公共企事业单位) needs its 办理单位"),
    ({"fees": [{"item": "安装费", "amount": "1,280.5元"}]}, ":25: error: amount: '1280.5元' is not an amount"),
    ({"materials": [{"name": "申请表", "template": "missing.docx"}]}, ":17: error: attachment 'missing.docx' does not exist"),
    ({"promised_days": 6}, ":49: error: 承诺时限 (6 working days) is longer than 法定时限 (5 working days)"),
])
def test_guide_mistakes_are_errors_on_their_line(tmp_path: Path, fields: dict[str, Any], expected: str) -> None:
    code, stderr, _out = build(tmp_path, {"content/guides/2025/gongshui.md": guide(**fields), **FORM})
    assert code == 1
    assert "content/guides/2025/gongshui.md" + expected in stderr, stderr


SITE: dict[str, str | bytes] = {
    "content/powers/2025/mingl.md": power(1),
    "content/powers/2025/chufa.md": power(2, title="对违法行为的行政处罚", code="000206001000", category="行政处罚",
                                          agency="jyt", index_no="11440000MB2C23456Y/2025-00002"),
    "content/guides/2025/gongshui.md": guide(),
    "content/guides/2025/kaiban.md": guide(12, title="企业开办办事指南", applicant="法人", life_event="开办",
                                           provider=None, provider_type=None, sector=None, fees=None, materials=None),
    **FORM,
}


def test_lists_by_category_agency_theme_and_enterprise(tmp_path: Path) -> None:
    code, stderr, out = build(tmp_path, SITE)
    assert code == 0, stderr
    everything = read(out, "powers/list/index.html")
    assert "政府采购代理机构名录登记" in everything and "对违法行为的行政处罚" in everything
    assert everything.index(">行政处罚<span") < everything.index(">行政确认<span")  # in the order of the categories
    penalty = read(out, "powers/category/chufa/index.html")
    assert "对违法行为的行政处罚" in penalty and "政府采购代理机构名录登记" not in penalty
    agency = read(out, "powers/agency/czt/index.html")
    assert "政府采购代理机构名录登记" in agency and "对违法行为的行政处罚" not in agency
    assert not (out / "powers/category/xuke").exists()  # no page for a category without items
    housing = read(out, "guides/event/zhufang/index.html")
    assert "居民供水报装办事指南" in housing and "企业开办办事指南" not in housing
    enterprises = read(out, "guides/enterprises/index.html")
    assert "示例市自来水有限公司<span class=\"muted\">（公共企事业单位）</span>" in enterprises
    assert "企业开办办事指南" not in enterprises
    guides = read(out, "guides/list/index.html")
    assert guides.index("个人·住房") < guides.index("法人·开办")
    assert "guides/event/kaiban/" in guides and "guides/event/chusheng/" not in guides


def test_feeds_have_the_new_kinds(tmp_path: Path) -> None:
    code, stderr, out = build(tmp_path, SITE)
    assert code == 0, stderr
    assert "<title>政府采购代理机构名录登记</title>" in read(out, "powers/feed.xml")
    assert "<title>居民供水报装办事指南</title>" in read(out, "guides/rss.xml")
    assert "企业开办办事指南" in read(out, "feed.xml")
    items = json.loads(read(out, "guides/feed.json"))["items"]
    assert {i["title"] for i in items} == {"居民供水报装办事指南", "企业开办办事指南"}


def test_open_data_rows(tmp_path: Path) -> None:
    code, stderr, out = build(tmp_path, SITE)
    assert code == 0, stderr
    raw = (out / "catalog.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw[3:].decode("utf-8"))))
    assert sorted(r["kind"] for r in rows) == ["guide", "guide", "power", "power"]
    gongshui = next(r for r in rows if r["title"] == "居民供水报装办事指南")
    assert gongshui["attachments"].endswith("/xxgk/guides/2025/shenqingbiao.docx")
    powers_raw = (out / "powers.csv").read_bytes()
    assert powers_raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in powers_raw
    power_rows = list(csv.DictReader(io.StringIO(powers_raw[3:].decode("utf-8"))))
    mingl = next(r for r in power_rows if r["code"] == "000106001000")
    assert mingl["category"] == "行政确认" and mingl["promised_days"] == "10" and mingl["statutory_days"] == "20"
    assert mingl["steps"] == "shouli:受理>shencha,buyu;buyu:不予受理;shencha:审查>jueding;jueding:作出决定"
    guides = json.loads(read(out, "guides.json"))
    water = next(g for g in guides if g["provider_type"] == "公共企事业单位")
    assert water["provider"] == "示例市自来水有限公司" and water["agency"] == "示例省财政厅"
    assert water["fees"] == [{"item": "水表安装费", "amount": "1280.50", "unit": "元/户", "basis": "示发改价格〔2024〕58号"}]
    guide_rows = list(csv.DictReader(io.StringIO((out / "guides.csv").read_bytes()[3:].decode("utf-8"))))
    assert next(r for r in guide_rows if r["applicant"] == "个人")["fees"] == "水表安装费 1280.50元/户"


def test_search_filters_of_the_new_kinds(tmp_path: Path) -> None:
    code, stderr, out = build(tmp_path, SITE, search=True)
    assert code == 0, stderr
    power_page = read(out, "powers/2025/chufa/index.html")
    assert 'data-pagefind-filter="power_category:行政处罚"' in power_page
    assert 'data-pagefind-filter="kind:权责清单"' in power_page
    guide_page = read(out, "guides/2025/gongshui/index.html")
    assert 'data-pagefind-filter="service_theme:个人·住房"' in guide_page
    assert 'data-pagefind-filter="provider_type:公共企事业单位"' in guide_page
    search = read(out, "search/index.html")
    for group, value in (("power_category", "行政处罚"), ("power_category", "行政确认"), ("kind", "办事指南"),
                         ("service_theme", "法人·开办"), ("provider_type", "公共企事业单位")):
        assert f'name="{group}" value="{value}"' in search, (group, value)


def test_an_address_of_the_lists_is_reserved(tmp_path: Path) -> None:
    code, stderr, _out = build(tmp_path, {"content/powers/list.md": power()})
    assert code == 1
    assert "content/powers/list.md:1: error: the address powers/list/ is reserved" in stderr


def test_materials_count_as_written_and_default_to_one_copy(tmp_path: Path) -> None:
    materials = [{"name": "电子照片", "form": "电子材料", "copies": 0}, {"name": "户口簿"}]
    code, stderr, out = build(tmp_path, {"content/guides/2025/gongshui.md": guide(materials=materials)})
    assert code == 0, stderr
    rows = re.findall(r"<tr>\s*<td>\d</td>\s*<th scope=\"row\">(.*?)</th>\s*<td>(.*?)</td>\s*"
                      r"<td class=\"num\">(\d+)</td>", read(out, "guides/2025/gongshui/index.html"))
    assert rows == [("电子照片", "电子材料", "0"), ("户口簿", "原件", "1")]


def test_the_wording_check_reads_the_fields_and_steps(tmp_path: Path) -> None:
    steps = [{"id": "a", "name": "受理", "next": ["b"]}, {"id": "b", "name": "统一布署核查"}]
    code, stderr, _out = build(tmp_path, {"content/powers/2025/mingl.md": power(basis="按排专人审查", steps=steps)})
    assert code == 0, stderr
    assert "content/powers/2025/mingl.md:11: warning:" in stderr and "按排" in stderr
    assert "content/powers/2025/mingl.md:25: warning:" in stderr and "布署" in stderr
