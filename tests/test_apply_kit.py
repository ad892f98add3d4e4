"""The 依申请公开 kit built from data/agencies.yaml: form pages per office and version, the .docx (read back by
python-docx with the form's fields, identical bytes across builds), the flow chart's text alternative."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import lxml.html
import pytest
from helpers import build_site, catalog_doc, write_site

from govsite.applykit.form import VERSIONS, FormVersion
from govsite.applykit.process import DECISIONS, STEPS

AGENCIES = """\
- key: czt
  name: 示例省财政厅
  code: 11440000MB2C12345X
  受理机构: 示例省财政厅办公室
  地址: 示例省示例市北京路26号
  postcode: "510002"
  phone: 020-00000201
  email: xxgk@czt.example.gov.cn
- key: jyt
  name: 示例省教育厅
  code: 11440000MB2C31762D
"""


def _build(tmp_path: Path, name: str, agencies: str = AGENCIES) -> Path:
    site = write_site(tmp_path / f"site-{name}", {"content/policies/2025/a.md": catalog_doc(agency="czt")},
                      agencies_yaml=agencies)
    out = tmp_path / f"out-{name}"
    result = build_site(site, out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("kit"), "a")


def _html_labels(page: Path) -> list[str]:
    tree = lxml.html.fromstring(page.read_bytes())
    return [th.text_content().strip() for th in tree.xpath("//table[@class='apply-form']//th[@scope='row']")]


def test_a_form_page_and_docx_per_office_and_version(built: Path) -> None:
    made = sorted(str(p.relative_to(built)) for p in (built / "yishenqing").rglob("*") if p.is_file())
    assert made == ["yishenqing/czt/faren.docx", "yishenqing/czt/faren/index.html",
                    "yishenqing/czt/gongmin.docx", "yishenqing/czt/gongmin/index.html",
                    "yishenqing/index.html", "yishenqing/liucheng/index.html"]  # jyt names no office
    page = (built / "yishenqing/czt/gongmin/index.html").read_text(encoding="utf-8")
    assert "示例省财政厅办公室" in page and "示例省示例市北京路26号" in page and "510002" in page


@pytest.mark.parametrize("version", VERSIONS, ids=lambda v: v.slug)
def test_docx_has_the_html_forms_fields(built: Path, version: FormVersion) -> None:
    slug = version.slug
    html_labels = _html_labels(built / f"yishenqing/czt/{slug}/index.html")
    document = docx.Document(io.BytesIO((built / f"yishenqing/czt/{slug}.docx").read_bytes()))
    docx_labels = [row.cells[0].text for table in document.tables for row in table.rows]
    assert docx_labels == html_labels
    assert len(html_labels) >= 12
    text = "\n".join(p.text for p in document.paragraphs)
    assert "示例省财政厅办公室" in text and "xxgk@czt.example.gov.cn" in text


def test_the_two_versions_ask_for_article_29s_fields(built: Path) -> None:
    citizen = _html_labels(built / "yishenqing/czt/gongmin/index.html")
    organisation = _html_labels(built / "yishenqing/czt/faren/index.html")
    for labels in (citizen, organisation):
        for wanted in ("联系电话", "通信地址", "邮政编码", "电子邮箱", "政府信息的名称", "文号",
                       "提供信息的形式", "获取信息的途径", "申请人签名或者盖章", "申请日期"):
            assert wanted in labels
        assert not any("用途" in label for label in labels)  # the 2019 Regulations ask for no purpose
    assert {"姓名", "证件名称", "证件号码"} <= set(citizen)
    assert {"名称", "统一社会信用代码", "法定代表人或者负责人", "联系人姓名"} <= set(organisation)


def test_docx_bytes_are_the_same_in_two_builds(built: Path, tmp_path: Path) -> None:
    again = _build(tmp_path, "b")
    for rel in ("yishenqing/czt/gongmin.docx", "yishenqing/czt/faren.docx"):
        assert (again / rel).read_bytes() == (built / rel).read_bytes()


def test_the_flow_chart_has_its_text_alternative(built: Path) -> None:
    tree = lxml.html.fromstring((built / "yishenqing/liucheng/index.html").read_bytes())
    svg = tree.xpath("//figure[@class='apply-chart']/*[local-name()='svg']")[0]
    assert svg.get("role") == "img"
    title_id, desc_id = svg.get("aria-labelledby").split()
    assert svg.xpath(f".//*[local-name()='title'][@id='{title_id}']")[0].text == "政府信息公开申请办理流程图"
    desc = svg.xpath(f".//*[local-name()='desc'][@id='{desc_id}']")[0].text
    steps = tree.xpath("//ol[@class='apply-steps']/li/strong/text()")
    decisions = tree.xpath("//ol[@class='apply-steps']/li/ul[@class='apply-decisions']/li/strong/text()")
    assert steps == [s.title for s in STEPS] and decisions == [d.title for d in DECISIONS]
    chart_text = [t.text for t in svg.xpath(".//*[local-name()='text']")]
    assert chart_text == [f"{n}. {s}" for n, s in enumerate(steps, 1)] + decisions
    assert all(s in desc for s in steps + decisions)


def test_the_fee_table_shows_the_verified_bands(built: Path) -> None:
    page = (built / "yishenqing/index.html").read_text(encoding="utf-8")
    for band in ("10件以下（含10件）", "11—30件（含30件）的部分", "100元/件", "30页以下（含30页）", "10元/页",
                 "20元/页", "40元/页", "国办函〔2020〕109号"):
        assert band in page


def test_no_kit_when_no_agency_names_an_office(tmp_path: Path) -> None:
    out = _build(tmp_path, "none", "- {key: czt, name: 示例省财政厅, code: 11440000MB2C12345X}\n")
    assert not (out / "yishenqing").exists()
