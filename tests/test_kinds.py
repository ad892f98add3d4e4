"""Tender projects, fund tables and annual reports on sites written inline (spec 3.2, 3.5)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers import NOW, build_site, catalog_doc, write_site


def tender(seq: int, stage: str, published: str, **fields: object) -> str:
    return catalog_doc(index_no=f"11440000MB2C12345X/2026-{seq:05d}", title=f"示例项目{stage}", written=published[:10],
                       published=published, genre="招标采购", project_code=fields.pop("project_code", "P-1"),
                       stage=stage, purchaser="示例省财政厅", **fields)


def build(tmp_path: Path, files: dict[str, str], now: str = NOW) -> tuple[int, str, Path]:
    site = write_site(tmp_path / "site", files)
    out = tmp_path / "out"
    result = build_site(site, out, now=now)
    return result.returncode, result.stderr, out


OPEN = {"method": "公开招标", "budget": 1000000, "deadline": "2026-12-20 09:30"}


@pytest.mark.parametrize(("files", "status"), [
    ({"a": tender(1, "招标公告", "2026-11-01 09:00", **OPEN)}, "招标中"),
    ({"a": tender(1, "招标公告", "2026-10-01 09:00", method="公开招标", budget=1, deadline="2026-11-01 09:30")},
     "已截止"),
    ({"a": tender(1, "招标公告", "2026-10-01 09:00", method="公开招标", budget=1, deadline="2026-11-01 09:30"),
      "b": tender(2, "更正公告", "2026-10-20 09:00", deadline="2026-12-01 09:30")}, "招标中"),
    ({"a": tender(1, "招标公告", "2026-10-01 09:00", **OPEN),
      "b": tender(2, "中标候选人公示", "2026-11-25 09:00", publicity_end="2026-11-30 17:00",
                  candidates=[{"rank": 1, "name": "甲公司", "price": 990000}])}, "公示中"),
    ({"a": tender(1, "招标公告", "2026-10-01 09:00", **OPEN),
      "b": tender(2, "中标结果公告", "2026-11-26 09:00", award={"supplier": "甲公司", "amount": 990000})}, "已中标"),
    ({"a": tender(1, "招标公告", "2026-10-01 09:00", **OPEN), "b": tender(2, "终止公告", "2026-11-02 09:00")},
     "已终止"),
])
def test_project_status_at_now(tmp_path: Path, files: dict[str, str], status: str) -> None:
    code, stderr, out = build(tmp_path, {f"content/tenders/2026/{k}.md": v for k, v in files.items()})
    assert code == 0, stderr
    page = (out / "tenders/projects/P-1/index.html").read_text(encoding="utf-8")
    assert status in page
    listing = (out / "tenders/projects/index.html").read_text(encoding="utf-8")
    assert "P-1" in listing


def test_notices_are_listed_in_order_on_the_project_page(tmp_path: Path) -> None:
    files = {"content/tenders/2026/b.md": tender(2, "更正公告", "2026-11-05 09:00", deadline="2026-12-28 09:30"),
             "content/tenders/2026/a.md": tender(1, "招标公告", "2026-11-01 09:00", **OPEN)}
    code, stderr, out = build(tmp_path, files)
    assert code == 0, stderr
    page = (out / "tenders/projects/P-1/index.html").read_text(encoding="utf-8")
    assert page.index("示例项目招标公告") < page.index("示例项目更正公告")
    assert "2026-12-28 09:30" in page  # the corrected deadline replaces the original


def test_short_bid_period_and_award_above_budget_warn(tmp_path: Path) -> None:
    files = {"content/tenders/2026/a.md": tender(1, "招标公告", "2026-10-01 09:00", method="公开招标", budget=100,
                                                 deadline="2026-10-10 09:00"),
             "content/tenders/2026/b.md": tender(2, "中标结果公告", "2026-10-20 09:00",
                                                 award={"supplier": "甲公司", "amount": 101})}
    code, stderr, _out = build(tmp_path, files)
    assert code == 0
    assert "warning: the bid period is 9 days; 公开招标 needs at least 20" in stderr
    assert "warning: the award amount 101.00 is above the budget 100.00" in stderr


def fund(rows: list[dict[str, object]], **fields: object) -> str:
    return catalog_doc(index_no="11440000MB2C12345X/2025-00009", title="专项资金使用情况", genre="预决算",
                       fund="示例专项资金", fiscal_year=2025, rows=rows, **fields)


ROWS = [{"item": "甲", "budget": "100.10", "spent": "50.05"}, {"item": "乙", "budget": "0.20", "spent": "0.10"},
        {"item": "丙", "budget": "1000000.00", "spent": "999999.99"}]


def test_fund_totals_and_rate_are_exact_to_the_fen(tmp_path: Path) -> None:
    code, stderr, out = build(tmp_path, {"content/funds/2025/f.md": fund(ROWS, total={"budget": "1000100.30",
                                                                                    "spent": "1000050.14"})})
    assert code == 0, stderr
    page = (out / "funds/2025/f/index.html").read_text(encoding="utf-8")
    assert "1,000,100.30" in page and "1,000,050.14" in page
    assert "100.00%" in page  # 1000050.14 / 1000100.30 = 99.99498 → 100.00 (half up)
    assert "50.00%" in page
    assert "<svg" in page and "<desc" in page
    table = (out / "funds/2025/f/fund-table.csv").read_bytes()
    assert table.startswith(b"\xef\xbb\xbf") and "合计,1000100.30,1000050.14".encode() in table


def test_fund_total_off_by_one_fen_is_an_error_on_its_line(tmp_path: Path) -> None:
    text = fund(ROWS, total={"budget": "1000100.31"})
    line = next(n for n, t in enumerate(text.splitlines(), 1) if t.startswith("total:")) + 1  # its budget line
    code, stderr, out = build(tmp_path, {"content/funds/2025/f.md": text})
    assert code == 1 and not out.exists()
    assert (f"content/funds/2025/f.md:{line}: error: 合计 budget is 1,000,100.31 万元, "
            "but the rows add up to 1,000,100.30 万元") in stderr


def test_fund_rows_from_a_csv_file(tmp_path: Path) -> None:
    csv_text = 'item,budget,spent,note\r\n"设备购置，含安装",120.50,100.25,"备注,有逗号"\r\n培训,9.50,9.50,\r\n'
    files = {"content/funds/2025/f.md": catalog_doc(index_no="11440000MB2C12345X/2025-00009", genre="预决算",
                                                    fund="示例", fiscal_year=2025, data="f.csv",
                                                    total={"budget": "130.00", "spent": "109.75"}),
             "content/funds/2025/f.csv": "\ufeff" + csv_text}
    code, stderr, out = build(tmp_path, files)
    assert code == 0, stderr
    page = (out / "funds/2025/f/index.html").read_text(encoding="utf-8")
    assert "设备购置，含安装" in page and "备注,有逗号" in page and "84.42%" in page


ROW = [1, 1, 0, 0, 0, 0, 2]


def report(**overrides: object) -> str:
    applications = {"new": [2, 1, 0, 0, 0, 0, 3], "carried_over": [0, 0, 0, 0, 0, 0, 0],
                    "outcomes": {"disclosed": [1, 1, 0, 0, 0, 0, 2], "partly": [0] * 7,
                                 "withheld": {"属于国家秘密": [1, 0, 0, 0, 0, 0, 1]},
                                 "total": [2, 1, 0, 0, 0, 0, 3]},
                    "carried_forward": [0] * 7}
    applications.update(overrides)  # type: ignore[arg-type]
    return catalog_doc(index_no="11440000MB2C12345X/2026-00001", title="2025年政府信息公开工作年度报告",
                       written="2026-01-20", genre="报告", year=2025, applications=applications,
                       appeals={"reconsideration": {"upheld": 1, "corrected": 0, "other": 0, "pending": 1,
                                                    "total": 2}},
                       body="## 一、总体情况\n\n概述。\n\n## 五、存在的主要问题及改进情况\n\n问题。\n")


def policy(seq: int, written: str, category: str, **fields: object) -> str:
    return catalog_doc(index_no=f"11440000MB2C12345X/{written[:4]}-{seq:05d}", written=written, category=category,
                       title=f"政策{seq}", **fields)


def test_annual_report_section_two_counts_the_catalog(tmp_path: Path) -> None:
    files = {
        "content/reports/2026/r.md": report(),
        "content/policies/a.md": policy(1, "2025-03-01", "规章"),
        "content/policies/b.md": policy(2, "2024-03-01", "规章", validity="废止", repealed="2025-06-01"),
        "content/policies/c.md": policy(3, "2023-03-01", "行政规范性文件"),
        "content/policies/d.md": policy(4, "2025-05-01", "行政规范性文件", expires="2025-10-01"),
        "content/policies/e.md": policy(5, "2025-07-01", "其他"),
        "content/policies/f.md": policy(6, "2025-08-01", "规章", draft=True),
    }
    code, stderr, out = build(tmp_path, files)
    assert code == 0, stderr
    page = (out / "reports/2026/r/index.html").read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    assert re.search(r"规章 1 1 1 ", text), text[:2000]  # issued 2025: a; repealed 2025: b; in force: a
    assert re.search(r"行政规范性文件 1 0 1 ", text)  # issued: d; in force: c (d expired)
    assert page.index("一、总体情况") < page.index("三、收到和处理政府信息公开申请情况") < page.index("五、存在的主要问题")


def test_annual_report_identity_mismatch_names_row_and_column(tmp_path: Path) -> None:
    code, stderr, _out = build(tmp_path, {"content/reports/2026/r.md": report(new=[3, 1, 0, 0, 0, 0, 4])})
    assert code == 1
    assert "error: column 自然人: 一 + 二 = 3, but 三（七）总计 + 四 = 2" in stderr
    assert "error: column 总计: 一 + 二 = 4, but 三（七）总计 + 四 = 3" in stderr


def test_catalog_json_has_the_reports_and_funds(tmp_path: Path) -> None:
    code, stderr, out = build(tmp_path, {"content/reports/2026/r.md": report(), "content/funds/2025/f.md": fund(ROWS)})
    assert code == 0, stderr
    kinds = sorted(r["kind"] for r in json.loads((out / "catalog.json").read_text(encoding="utf-8")))
    assert kinds == ["fund", "report"]


def test_a_replaced_policy_links_to_its_replacement_and_back(tmp_path: Path) -> None:
    files = {
        "content/policies/old.md": policy(1, "2023-03-01", "规章", validity="废止", repealed="2025-06-01",
                                          replaced_by="11440000MB2C12345X/2025-00002"),
        "content/policies/new.md": policy(2, "2025-05-01", "规章"),
        "content/policies/gone.md": policy(3, "2023-04-01", "其他", expires="2025-01-01"),
    }
    code, stderr, out = build(tmp_path, files)
    assert code == 0, stderr
    old = (out / "policies/old/index.html").read_text(encoding="utf-8")
    assert "本文件已于2025-06-01废止" in old and 'href="/xxgk/policies/new/"' in old
    new = (out / "policies/new/index.html").read_text(encoding="utf-8")
    assert 'href="/xxgk/policies/old/"' in new and "本文件替代的文件" in new
    assert "本文件已于2025-01-01失效" in (out / "policies/gone/index.html").read_text(encoding="utf-8")


def test_a_late_interpretation_counts_working_days_with_holidays(tmp_path: Path) -> None:
    holidays = ("holidays:\n  - {date: 2025-10-01, name: 国庆节}\n  - {date: 2025-10-02, name: 国庆节}\n"
                "  - {date: 2025-10-03, name: 国庆节}\nworkdays:\n  - {date: 2025-09-28, name: 国庆节调休}\n")
    files = {
        "data/holidays.yaml": holidays,
        "content/policies/p.md": policy(1, "2025-09-26", "其他"),  # Friday
        # Sat 27 (no), Sun 28 (make-up: yes), Mon 29, Tue 30 (yes), Wed 1 – Fri 3 (holidays): 3 working days
        "content/interpretations/on-time.md": catalog_doc(index_no="11440000MB2C12345X/2025-00002", written="2025-10-03",
                                                          interprets="11440000MB2C12345X/2025-00001", genre="解读"),
        "content/interpretations/late.md": catalog_doc(index_no="11440000MB2C12345X/2025-00003", written="2025-10-06",
                                                       interprets="11440000MB2C12345X/2025-00001", genre="解读"),
    }
    code, stderr, _out = build(tmp_path, files)
    assert code == 0, stderr
    assert "late.md" in stderr and "published 4 working days after its policy" in stderr
    assert "on-time.md" not in stderr
