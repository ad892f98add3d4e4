"""The editor's commands: govsite new, govsite list and the inspection report of govsite check."""

from __future__ import annotations

import re
from pathlib import Path

from helpers import NOW, catalog_doc, run_govsite, site_yaml, write_site


def fill_todos(text: str) -> str:
    """What an editor does with a new file: every TODO replaced by a real value."""
    replacements = {"主题分类": "财政、金融、审计/财政", "体裁分类": "通知", "保密审查": "已审查"}
    lines = []
    for line in text.splitlines():
        key = line.split(":", 1)[0]
        if key in replacements:
            line = f"{key}: {replacements[key]}"
        lines.append(line.replace("TODO: 标题", "关于做好预算执行工作的通知").replace("TODO: 正文", "正文内容。"))
    return "\n".join(lines) + "\n"


def test_new_gives_consecutive_index_numbers_and_files_that_pass_check_once_filled(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {
        "content/policies/2026/old.md": catalog_doc(index_no="11440000MB2C12345X/2026-00007", written="2026-01-05"),
    })
    first = run_govsite("new", "policy", "--site", site, "--agency", "czt", "--now", NOW)
    second = run_govsite("new", "policy", "--site", site, "--agency", "czt", "--now", NOW)
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    numbers = [re.search(r"索引号 (\S+)\)", r.stdout).group(1) for r in (first, second)]  # type: ignore[union-attr]
    assert numbers == ["11440000MB2C12345X/2026-00008", "11440000MB2C12345X/2026-00009"]
    paths = [site / re.search(r"created (\S+)", r.stdout).group(1) for r in (first, second)]  # type: ignore[union-attr]
    unfilled = run_govsite("check", "--site", site, "--now", NOW)
    assert unfilled.returncode == 1 and "unknown topic 'TODO'" in unfilled.stderr
    for path in paths:
        path.write_text(fill_todos(path.read_text(encoding="utf-8")), encoding="utf-8")
    filled = run_govsite("check", "--site", site, "--now", NOW)
    assert filled.returncode == 0, filled.stderr
    assert ": error:" not in filled.stderr


def test_new_works_for_every_kind(tmp_path: Path) -> None:
    for kind in ("disclosure", "policy", "interpretation", "tender", "fund", "report", "topic", "page", "standard",
                 "qa", "power", "guide"):
        # a site each: a new tender's 预算金额 and 投标截止时间 are errors until filled in (see the test below)
        site = write_site(tmp_path / kind, {})
        result = run_govsite("new", kind, "--site", site, "--agency", "czt", "--title", f"新{kind}", "--now", NOW)
        assert result.returncode == 0, (kind, result.stderr)
        path = site / re.search(r"created (\S+)", result.stdout).group(1)  # type: ignore[union-attr]
        assert path.read_text(encoding="utf-8").startswith("---\n")


def test_a_new_tender_left_unfilled_stops_the_next_new_with_its_errors(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {})
    first = run_govsite("new", "tender", "--site", site, "--agency", "czt", "--now", NOW)
    assert first.returncode == 0, first.stderr
    second = run_govsite("new", "tender", "--site", site, "--agency", "czt", "--now", NOW)
    assert second.returncode == 1
    assert [line for line in second.stderr.splitlines() if not line.startswith("  hint: ")] == [
        "content/tenders/2026/czt-2026-00001.md:14: error: 预算金额: 'TODO' is not an amount",
        "content/tenders/2026/czt-2026-00001.md:15: error: 投标截止时间: 'TODO' is not a valid date or date-time",
        "govsite: new failed: 2 error(s), 0 warning(s) in the site; nothing was written: correct them and run it "
        "again",
    ]
    assert sorted(p.name for p in (site / "content/tenders/2026").iterdir()) == ["czt-2026-00001.md"]


def test_new_never_overwrites_a_file_named_after_the_next_index_number(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {
        "content/policies/2026/czt-2026-00002.md": catalog_doc(index_no="11440000MB2C12345X/2026-00001",
                                                               written="2026-01-05"),
    })
    before = (site / "content/policies/2026/czt-2026-00002.md").read_bytes()
    result = run_govsite("new", "policy", "--site", "site", "--agency", "czt", "--now", NOW, cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "govsite: error: 'site/content/policies/2026/czt-2026-00002.md' is already there, though no document has the "
        "索引号 11440000MB2C12345X/2026-00002: govsite new never overwrites a file; rename that file and run it "
        "again\n")
    assert (site / "content/policies/2026/czt-2026-00002.md").read_bytes() == before


def test_new_refuses_an_unknown_agency_with_exit_2(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {})
    result = run_govsite("new", "policy", "--site", site, "--agency", "nope", "--now", NOW)
    assert result.returncode == 2 and "czt" in result.stderr


INSPECTED = {
    "site.yaml": site_yaml(freshness={"disclosures": 30}),
    "content/policies/2026/rule.md": catalog_doc(title="示例管理办法", category="规章", written="2026-11-01",
                                                 index_no="11440000MB2C12345X/2026-00001"),
    "content/disclosures/2026/old.md": catalog_doc(index_no="11440000MB2C12345X/2026-00002", written="2026-05-01",
                                                   genre="工作动态"),
}


def test_check_reports_the_inspection_with_site_periods_and_missing_interpretations(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", INSPECTED)
    result = run_govsite("check", "--site", site, "--now", NOW)
    assert result.returncode == 0, result.stderr  # the inspection gives warnings
    err = result.stderr
    assert "content/disclosures/2026/old.md:5: warning: [栏目不更新] column disclosures/ (公开事项): the newest entry " \
           "is 210 days old (the period is 30 days;" in err  # line 5: its 成文日期, standing for the 发布日期
    assert "content/policies/2026/rule.md:5: warning: [单项否决·首页不更新] the newest item on the home page is 26 days " \
           "old (the indicator allows 14)" in err
    assert "content/policies/2026/rule.md:9: warning: [扣分·政策未解读] this 规章 has no published interpretation" in err
    assert err.splitlines()[-2:] == ["govsite: inspection: 不合格 (100/100), 4 finding(s)", "  单项否决: 首页不更新"]
    strict = run_govsite("check", "--site", site, "--now", NOW, "--strict")
    assert strict.returncode == 1


def test_list_shows_held_back_documents_with_their_reason(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {
        "content/policies/a.md": catalog_doc(title="草稿一", draft=True),
        "content/policies/b.md": catalog_doc(title="待审查", index_no="11440000MB2C12345X/2025-00002", review="未审查"),
        "content/policies/c.md": catalog_doc(title="明年", index_no="11440000MB2C12345X/2025-00003",
                                             published="2027-01-01"),
    })
    drafts = run_govsite("list", "drafts", "--site", site, "--now", NOW)
    assert drafts.stdout.strip() == "content/policies/a.md\t草稿一\t草稿"
    held = run_govsite("list", "held", "--site", site, "--now", NOW)
    assert "content/policies/b.md\t待审查\t未审查（保密审查）" in held.stdout
    future = run_govsite("list", "future", "--site", site, "--now", NOW)
    assert "content/policies/c.md\t明年\t未到发布日期" in future.stdout
