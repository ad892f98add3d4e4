"""`govsite init`: a new site that builds at once and whose only `govsite check` findings are its TODOs."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import NOW, REPO_ROOT, build_site, run_govsite

FLAGS = ("--title", "示例市人民政府信息公开", "--base-url", "https://www.example.gov.cn/xxgk/",
         "--site-code", "4400000001", "--now", NOW)
HINT = "  hint: replace the TODO with what it asks for (and delete the TODO), then run govsite check again"

# Every finding of `govsite check` on a site just written by `govsite init` with FLAGS: each is a TODO the
# editor must fill in, and nothing else. (When the inspection grows, a new finding here means the new site
# is not inspection-ready: fix the init templates, not this list.)
EXPECTED_FINDINGS = """\
content/disclosures/2026/main-2026-00003.md:2: warning: TODO left to fill in: 标题: 'TODO: 公开事项标题'
content/disclosures/2026/main-2026-00003.md:6: warning: TODO left to fill in: 主题分类: 综合政务/其他          # TODO: 选择主题分类，例如 财政、金融、审计/财政
content/disclosures/2026/main-2026-00003.md:7: warning: TODO left to fill in: 体裁分类: 其他          # TODO: 选择体裁分类，例如 通知、意见、公告、报告
content/disclosures/2026/main-2026-00003.md:9: warning: TODO left to fill in: 保密审查: 已审查          # TODO: 示例文件；换成真实内容并经保密审查后保留 已审查
content/disclosures/2026/main-2026-00003.md:14: warning: TODO left to fill in: TODO: 正文
content/funds/2026/main-2026-00005.md:2: warning: TODO left to fill in: 标题: 'TODO: 资金使用情况标题'
content/funds/2026/main-2026-00005.md:6: warning: TODO left to fill in: 主题分类: 综合政务/其他          # TODO: 选择主题分类，例如 财政、金融、审计/财政
content/funds/2026/main-2026-00005.md:7: warning: TODO left to fill in: 体裁分类: 其他          # TODO: 选择体裁分类，例如 通知、意见、公告、报告
content/funds/2026/main-2026-00005.md:9: warning: TODO left to fill in: 保密审查: 已审查          # TODO: 示例文件；换成真实内容并经保密审查后保留 已审查
content/funds/2026/main-2026-00005.md:10: warning: TODO left to fill in: 资金名称: 'TODO: 资金名称'
content/funds/2026/main-2026-00005.md:14: warning: TODO left to fill in: - {项目: 'TODO: 项目', 预算: 0.00, 支出: 0.00}
content/funds/2026/main-2026-00005.md:19: warning: TODO left to fill in: TODO: 正文
content/interpretations/2026/main-2026-00002.md:2: warning: TODO left to fill in: 标题: 'TODO: 政策解读标题'
content/interpretations/2026/main-2026-00002.md:6: warning: TODO left to fill in: 主题分类: 综合政务/其他          # TODO: 选择主题分类，例如 财政、金融、审计/财政
content/interpretations/2026/main-2026-00002.md:7: warning: TODO left to fill in: 体裁分类: 其他          # TODO: 选择体裁分类，例如 通知、意见、公告、报告
content/interpretations/2026/main-2026-00002.md:9: warning: TODO left to fill in: 保密审查: 已审查          # TODO: 示例文件；换成真实内容并经保密审查后保留 已审查
content/interpretations/2026/main-2026-00002.md:15: warning: TODO left to fill in: TODO: 正文
content/pages/gongkai-zhidu.md:15: warning: TODO left to fill in: TODO: 列出本机关的政府信息公开工作制度（保密审查、主动公开、依申请公开、考核等），已在本网站发布的可加链接。
content/pages/guide.md:19: warning: TODO left to fill in: TODO: 列出本机关的其他公开渠道和政府信息公开查阅场所（名称、地址、开放时间）。
content/pages/guide.md:39: warning: TODO left to fill in: TODO: 工作机构名称、办公地址、办公时间、联系电话、传真、电子邮箱和邮政编码。
content/pages/yishenqing.md:10: warning: TODO left to fill in: TODO: 受理机构名称、地址、邮政编码、办公时间、联系电话和传真。
content/pages/yishenqing.md:16: warning: TODO left to fill in: TODO: 只写本机关实际提供的申请方式（如在线申请系统的网址）；没有的方式不要写。
content/policies/2026/main-2026-00001.md:2: warning: TODO left to fill in: 标题: 'TODO: 政策文件标题'
content/policies/2026/main-2026-00001.md:6: warning: TODO left to fill in: 主题分类: 综合政务/其他          # TODO: 选择主题分类，例如 财政、金融、审计/财政
content/policies/2026/main-2026-00001.md:7: warning: TODO left to fill in: 体裁分类: 其他          # TODO: 选择体裁分类，例如 通知、意见、公告、报告
content/policies/2026/main-2026-00001.md:9: warning: TODO left to fill in: 保密审查: 已审查          # TODO: 示例文件；换成真实内容并经保密审查后保留 已审查
content/policies/2026/main-2026-00001.md:16: warning: TODO left to fill in: TODO: 正文
content/reports/2026/main-2026-00006.md:2: warning: TODO left to fill in: 标题: 'TODO: 2025年政府信息公开工作年度报告'
content/reports/2026/main-2026-00006.md:6: warning: TODO left to fill in: 主题分类: 综合政务/其他          # TODO: 选择主题分类，例如 财政、金融、审计/财政
content/reports/2026/main-2026-00006.md:7: warning: TODO left to fill in: 体裁分类: 其他          # TODO: 选择体裁分类，例如 通知、意见、公告、报告
content/reports/2026/main-2026-00006.md:9: warning: TODO left to fill in: 保密审查: 已审查          # TODO: 示例文件；换成真实内容并经保密审查后保留 已审查
content/reports/2026/main-2026-00006.md:16: warning: TODO left to fill in: TODO: 正文
content/tenders/2026/main-2026-00004.md:2: warning: TODO left to fill in: 标题: 'TODO: 招标公告标题'
content/tenders/2026/main-2026-00004.md:6: warning: TODO left to fill in: 主题分类: 综合政务/其他          # TODO: 选择主题分类，例如 财政、金融、审计/财政
content/tenders/2026/main-2026-00004.md:7: warning: TODO left to fill in: 体裁分类: 其他          # TODO: 选择体裁分类，例如 通知、意见、公告、报告
content/tenders/2026/main-2026-00004.md:9: warning: TODO left to fill in: 保密审查: 已审查          # TODO: 示例文件；换成真实内容并经保密审查后保留 已审查
content/tenders/2026/main-2026-00004.md:10: warning: TODO left to fill in: 项目编号: EXAMPLE-2026-001      # TODO: 项目编号
content/tenders/2026/main-2026-00004.md:14: warning: TODO left to fill in: 预算金额: 0.00          # TODO: 预算金额（元）
content/tenders/2026/main-2026-00004.md:15: warning: TODO left to fill in: 投标截止时间: 2026-12-27 09:30      # TODO: 投标截止时间
content/tenders/2026/main-2026-00004.md:20: warning: TODO left to fill in: TODO: 正文
content/topics/shili-zhuanti.md:2: warning: TODO left to fill in: 标题: 'TODO: 专题名称'
content/topics/shili-zhuanti.md:3: warning: TODO left to fill in: 文件: [000000000000000000/2026-00001]          # TODO: 专题收录的文…
content/topics/shili-zhuanti.md:6: warning: TODO left to fill in: TODO: 正文
data/agencies.yaml:6: warning: TODO left to fill in: code: 000000000000000000          # TODO: 本机关的统一社会信用代码（18 位）
site.yaml:8: warning: TODO left to fill in: sponsor: '示例市人民政府'          # TODO: 由标题推出，请核对主办单位全称
site.yaml:10: warning: TODO left to fill in: TODO: 填写承办单位、备案号和联系方式后删去行首的 #（页脚显示，检查指标要求）
"""


def findings(stderr: str) -> list[str]:
    """The diagnostic lines of a run, without hints and the summary line."""
    return [line for line in stderr.splitlines() if line and not line.startswith(("  hint:", "govsite: "))]


def test_init_writes_a_site_that_builds_and_whose_only_findings_are_its_todos(tmp_path: Path) -> None:
    site = tmp_path / "mysite"  # missing: init creates it
    written = run_govsite("init", site, *FLAGS)
    assert written.returncode == 0, written.stderr
    assert written.stdout.splitlines()[0] == f"created {site}: 12 files (site.yaml, data/agencies.yaml, content/)"
    built = build_site(site, tmp_path / "out", search=True)
    assert built.returncode == 0, built.stderr
    assert ": error:" not in built.stderr and ": warning:" not in built.stderr, built.stderr
    assert "built 6 published documents" in built.stdout
    for page in ("index.html", "catalog/index.html", "search/index.html"):
        assert (tmp_path / "out" / page).is_file(), page
    checked = run_govsite("check", "--site", site, "--now", NOW)
    assert checked.returncode == 0, checked.stderr
    assert findings(checked.stderr) == EXPECTED_FINDINGS.splitlines()
    assert set(line for line in checked.stderr.splitlines() if line.startswith("  hint:")) == {HINT}
    summary = [line for line in checked.stderr.splitlines() if line.startswith("govsite: ")]
    assert summary == ["govsite: 0 error(s), 46 warning(s)", "govsite: inspection: 合格 (100/100), 0 finding(s)"]


def test_the_todos_are_all_there_is_to_fill_in(tmp_path: Path) -> None:
    """With every TODO line settled as an editor would, check has nothing left to say."""
    site = tmp_path / "site"
    assert run_govsite("init", site, *FLAGS, "--sponsor", "示例市人民政府办公室").returncode == 0
    for path in site.rglob("*"):
        if path.is_file():
            lines = path.read_text(encoding="utf-8").splitlines()
            settled = [line.split("# TODO")[0].rstrip() if "# TODO" in line else line.replace("TODO: ", "")
                       for line in lines]
            path.write_text("\n".join(settled) + "\n", encoding="utf-8")
    checked = run_govsite("check", "--site", site, "--now", NOW, "--strict")
    assert checked.returncode == 0, checked.stderr
    assert findings(checked.stderr) == []


def test_a_given_sponsor_is_written_without_a_todo(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert run_govsite("init", site, *FLAGS, "--sponsor", "示例市人民政府办公室").returncode == 0
    text = (site / "site.yaml").read_text(encoding="utf-8")
    assert "  sponsor: '示例市人民政府办公室'\n" in text
    assert "name: '示例市人民政府办公室'" in (site / "data/agencies.yaml").read_text(encoding="utf-8")


def test_init_refuses_a_folder_with_a_site_yaml_and_writes_nothing(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "site.yaml").write_text("title: 旧站\n", encoding="utf-8")
    result = run_govsite("init", site, *FLAGS)
    assert result.returncode == 2
    assert result.stderr == (f"govsite: error: '{site / 'site.yaml'}' already exist(s); govsite init never "
                             "overwrites files: give a new or empty folder\n")
    assert sorted(p.name for p in site.iterdir()) == ["site.yaml"]
    assert (site / "site.yaml").read_text(encoding="utf-8") == "title: 旧站\n"


def test_init_names_how_many_files_are_in_the_way(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert run_govsite("init", site, *FLAGS).returncode == 0
    again = run_govsite("init", site, *FLAGS)
    assert again.returncode == 2
    assert again.stderr == (f"govsite: error: '{site / 'site.yaml'}' and 11 other file(s) it would write already "
                            "exist(s); govsite init never overwrites files: give a new or empty folder\n")


def test_init_writes_into_an_existing_folder_with_other_files(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / ".git").mkdir(parents=True)
    (site / "README.md").write_text("说明\n", encoding="utf-8")
    assert run_govsite("init", site, *FLAGS).returncode == 0
    assert (site / "README.md").read_text(encoding="utf-8") == "说明\n"
    assert (site / "site.yaml").is_file()


@pytest.mark.parametrize(("flag", "value", "message"), [
    ("--base-url", "www.example.gov.cn/xxgk/",
     "govsite: error: --base-url: 'www.example.gov.cn/xxgk/' is not an absolute http(s) URL; "
     "write e.g. https://www.example.gov.cn/xxgk/"),
    ("--base-url", "https://www.example.gov.cn/xxgk/?a=1",
     "govsite: error: --base-url: 'https://www.example.gov.cn/xxgk/?a=1' has a query or fragment; "
     "write e.g. https://www.example.gov.cn/xxgk/"),
    ("--site-code", "440000001",
     "govsite: error: --site-code: '440000001' is not a 网站标识码 (10 letters or digits); "
     "write e.g. --site-code 4400000001"),
    ("--site-code", "44000-0001",
     "govsite: error: --site-code: '44000-0001' is not a 网站标识码 (10 letters or digits); "
     "write e.g. --site-code 4400000001"),
    ("--title", "  ",
     "govsite: error: --title: '' must be one line of 1 to 100 characters; write e.g. --title 示例市人民政府信息公开"),
    ("--title", "示例市政务服务",
     "govsite: error: --sponsor is needed: the title '示例市政务服务' does not name the 主办单位; "
     "write e.g. --sponsor 示例市人民政府办公室"),
    ("--now", "yesterday",
     "govsite: error: --now: 'yesterday' is not a date or date-time (e.g. 2026-11-27T12:00:00+08:00)"),
])
def test_bad_flags_are_one_line_errors_with_exit_2(tmp_path: Path, flag: str, value: str, message: str) -> None:
    flags = list(FLAGS)
    flags[flags.index(flag) + 1] = value
    result = run_govsite("init", tmp_path / "site", *flags)
    assert result.returncode == 2
    assert result.stderr == message + "\n"
    assert not (tmp_path / "site").exists()


def test_a_missing_title_is_a_usage_error(tmp_path: Path) -> None:
    result = run_govsite("init", tmp_path / "site", "--base-url", "https://www.example.gov.cn/", "--site-code",
                         "4400000001")
    assert result.returncode == 2
    assert "the following arguments are required: --title" in result.stderr


def test_an_empty_folder_points_to_init(tmp_path: Path) -> None:
    result = build_site(tmp_path, tmp_path / "out", search=True)
    assert result.returncode == 1
    assert ("site.yaml:1: error: site.yaml is missing\n  hint: every site needs a site.yaml with title, base_url "
            "and publisher.sponsor; to start a new site, run: govsite init FOLDER --title … --base-url … "
            "--site-code …\n") in result.stderr


VNU_JAR = Path(os.environ.get("VNU_JAR", REPO_ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"))


def test_the_new_site_is_valid_html(tmp_path: Path) -> None:
    java = shutil.which("java")
    if java is None or not VNU_JAR.is_file():
        pytest.skip("vnu.jar is not installed (make test installs it)")
    site = tmp_path / "site"
    assert run_govsite("init", site, *FLAGS).returncode == 0
    built = build_site(site, tmp_path / "out")
    assert built.returncode == 0, built.stderr
    checked = subprocess.run([java, "-jar", str(VNU_JAR), "--errors-only", "--skip-non-html", str(tmp_path / "out")],
                             capture_output=True, text=True, check=False, timeout=300)
    assert checked.returncode == 0, checked.stderr[-4000:]


def test_check_reports_todo_markers_but_not_mentions_of_them(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert run_govsite("init", site, *FLAGS, "--sponsor", "示例市人民政府办公室").returncode == 0
    for path in site.rglob("*"):  # settle init's own TODOs: only this test's page is left
        if path.is_file():
            text = path.read_text(encoding="utf-8").replace("TODO: ", "").replace("# TODO", "#")
            path.write_text(text, encoding="utf-8")
    (site / "content/pages/help.md").write_text(
        "---\n标题: 帮助\n---\n\n新文件中的 TODO 都要填写，`TODO` 写在代码中也不算。\n\n```text\n列出每一处 TODO\n"
        "TODO: 这是示例\n```\n\nTODO: 还没写\n\n联系电话：TODO\n", encoding="utf-8")
    checked = run_govsite("check", "--site", site, "--now", NOW)
    assert findings(checked.stderr) == [
        "content/pages/help.md:12: warning: TODO left to fill in: TODO: 还没写",
        "content/pages/help.md:14: warning: TODO left to fill in: 联系电话：TODO",
    ]


def test_the_demo_portal_has_no_todo_left() -> None:
    checked = run_govsite("check", "--site", REPO_ROOT, "--now", NOW)
    assert "TODO left to fill in" not in checked.stderr
