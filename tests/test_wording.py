"""The wording check (错别字, 严重表述错误): every built-in wrong form found at its line, the site's list adding,
overriding and disabling entries, exact names, what is not prose (code, quotations, link targets), serious
entries as errors that stop the build, and data/wording.yaml's own diagnostics.

The broken data/wording.yaml as the command line reports it is tests/sites/wording-yaml-errors.
"""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from helpers import NOW, build_site, catalog_doc, run_govsite
from hypothesis import given, settings
from hypothesis import strategies as st

from govsite.clock import resolve_now
from govsite.errors import Diagnostic
from govsite.model.publication import BuildOptions
from govsite.pipeline import load_site
from govsite.registry import load_registry
from govsite.wording import compile_matcher, find_hits
from govsite.wordingsettings import Correction, ExactName, WordingSettings, built_in_corrections

DOC = "content/policies/2025/a.md"
WORDING = "data/wording.yaml"
BUILT_IN = built_in_corrections()


def wording_problems(site: Path) -> list[Diagnostic]:
    """The wording diagnostics (and data/wording.yaml's) of a site, as `govsite build` gathers them."""
    loaded = load_site(site, BuildOptions(resolve_now(NOW, site)), workers=False)
    return [d for d in loaded.diagnostics if "错别字" in d.message or "严重表述错误" in d.message
            or "looks like the name" in d.message or d.path == WORDING]


def formatted(site: Path) -> list[str]:
    return sorted(d.format() for d in wording_problems(site))


def used(entry: Correction) -> str:
    """A line in which the entry's wrong form is wrong (its `next` condition met)."""
    if entry.next == "date":
        return f"{entry.wrong}2025年12月31日，全省共受理申请120件。"
    if entry.next == "clause-end":
        return f"报名时间于12月31日{entry.wrong}。"
    return f"请各单位注意：{entry.wrong}的情况要及时纠正。"


def body_at(lines: list[str]) -> tuple[str, int]:
    """A catalog document whose body is these lines, and the file line of the first."""
    text = catalog_doc(body="\n\n".join(lines))
    first = text.split("\n").index(lines[0]) + 1
    return text, first


def test_the_built_in_list_has_40_to_80_entries_and_reads_without_problems() -> None:
    assert 40 <= len(BUILT_IN) <= 80
    assert len({e.wrong for e in BUILT_IN}) == len(BUILT_IN)
    assert any(e.serious for e in BUILT_IN) and any(not e.serious for e in BUILT_IN)


def test_every_built_in_wrong_form_is_found_at_its_line(make_site) -> None:  # type: ignore[no-untyped-def]
    lines = [used(entry) for entry in BUILT_IN]  # one paragraph each: line 2k after the first
    text, first = body_at(lines)
    site = make_site({DOC: text})
    problems = wording_problems(site)
    expected = {(DOC, first + 2 * n, entry.wrong, entry.serious) for n, entry in enumerate(BUILT_IN)}
    found = {(d.path, d.line, d.message.split("'")[1], d.is_error) for d in problems}
    assert found == expected
    by_line = {d.line: d for d in problems}
    for n, entry in enumerate(BUILT_IN):
        assert f"write '{entry.right}'" in by_line[first + 2 * n].hint


def test_no_built_in_exception_and_no_quoted_mention_is_reported(make_site) -> None:  # type: ignore[no-untyped-def]
    lines = [f"本地区{exception}的数据已核实。" for entry in BUILT_IN for exception in entry.exceptions]
    lines += [f"将“{entry.wrong}”更正为“{entry.right}”。" for entry in BUILT_IN if not entry.next]
    lines += ["截止时间为每月底，投标截止、开标同时进行。", "截至目前，截至2025年底，统计截至：2025年12月31日。",
              "其它事项和其他事项都可以写。"]
    site = make_site({DOC: catalog_doc(body="\n\n".join(lines))})
    assert formatted(site) == []


def test_the_date_and_clause_end_rules(make_site) -> None:  # type: ignore[no-untyped-def]
    text, first = body_at(["截止2025年12月31日。", "截止 12月31日，截止今年", "截止日期为5日，报名截至。",
                           "截至2025年底。"])
    site = make_site({DOC: text})
    assert [(d.line, d.message) for d in sorted(wording_problems(site))] == [
        (first, "possible typo (错别字): '截止' before a date"),
        (first + 2, "possible typo (错别字): '截止' before a date"),
        (first + 2, "possible typo (错别字): '截止' before a date"),
        (first + 4, "possible typo (错别字): '截至' at the end of a clause"),
    ]


NOT_PROSE = """\
段落里的 `按排` 是代码，[链接文字](https://example.com/按排/) 的地址不查，<https://按排.example.com/>。

```
按排 在代码块里
```

    按排 在缩进代码块里

> 引用的原文：按排

这一行才是错的：按排
"""


def test_code_spans_code_blocks_quotations_and_link_targets_are_skipped(make_site) -> None:  # type: ignore[no-untyped-def]
    text = catalog_doc(body=NOT_PROSE)
    site = make_site({DOC: text})
    last = text.split("\n").index("这一行才是错的：按排") + 1
    assert formatted(site) == [f"{DOC}:{last}: warning: possible typo (错别字): '按排'\n"
                               "  hint: write '安排' (if '按排' is right here, add it under 'disabled' (停用) or give "
                               "it an exception in data/wording.yaml)"]


def test_link_text_table_cells_and_a_wrapped_paragraph_are_checked_at_their_lines(make_site) -> None:  # type: ignore[no-untyped-def]
    body = "第一行\n第二行有[布署](b.md)\n\n| 项目 | 说明 |\n|---|---|\n| 帐户 | 无 |\n"
    text = catalog_doc(body=body)
    site = make_site({DOC: text})
    source = text.split("\n")
    lines = {d.message.split("'")[1]: d.line for d in wording_problems(site)}
    assert lines == {"布署": source.index("第二行有[布署](b.md)") + 1, "帐户": source.index("| 帐户 | 无 |") + 1}


def test_front_matter_text_fields_are_checked_at_their_lines(make_site) -> None:  # type: ignore[no-untyped-def]
    text = catalog_doc(title="关于做好帐户管理工作的通知", summary="部署撤消事项", keywords=["转帐"],
                       attachments=[{"file": "a.pdf", "title": "签定表"}])
    site = make_site({DOC: text, "content/policies/2025/a.pdf": b"%PDF-1.4\n"})
    source = text.split("\n")

    def line(prefix: str) -> int:
        return next(n for n, row in enumerate(source, 1) if row.lstrip(" -").startswith(prefix))
    assert {(d.message.split("'")[1], d.line) for d in wording_problems(site)} == {
        ("帐户", line("title:")), ("撤消", line("summary:")), ("转帐", line("keywords:")),
        ("签定", line("file: a.pdf"))}  # an attachment's entry


SITE_LIST = """\
错别字:
  按排:
    正确写法: 安排好
    严重: true
  示例省政府: 示例省人民政府
停用: [布署]
"""


def test_a_site_list_adds_overrides_and_disables_entries(make_site) -> None:  # type: ignore[no-untyped-def]
    text, first = body_at(["按排工作。", "示例省政府发布。", "布署工作。", "帐户管理。"])
    site = make_site({DOC: text, WORDING: SITE_LIST})
    assert [(d.line, d.severity.value, d.message, d.hint) for d in sorted(wording_problems(site))] == [
        (first, "error", "serious wording error (严重表述错误): '按排'", "write '安排好' (data/wording.yaml)"),
        (first + 2, "warning", "possible typo (错别字): '示例省政府'",
         "write '示例省人民政府' (if '示例省政府' is right here, add it under 'disabled' (停用) or give it an "
         "exception in data/wording.yaml)"),
        (first + 6, "warning", "possible typo (错别字): '帐户'",
         "write '账户' (if '帐户' is right here, add it under 'disabled' (停用) or give it an exception in "
         "data/wording.yaml)"),
    ]


def test_serious_entries_are_errors_that_stop_build_and_check(make_site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text, first = body_at(["根据国务院办公室通知。"])
    site = make_site({DOC: text})
    out = tmp_path / "out"
    built = build_site(site, out)
    assert built.returncode == 1 and not out.exists()
    assert (f"{DOC}:{first}: error: serious wording error (严重表述错误): '国务院办公室'\n"
            f"  hint: write '国务院办公厅' (govsite/defaults/wording.yaml)") in built.stderr
    checked = run_govsite("check", "--site", site, "--now", NOW)
    assert checked.returncode == 1 and f"{DOC}:{first}: error: serious wording error" in checked.stderr


NAMES = """\
规范名称:
  - 示例省人民政府办公厅
  - 名称: 国家发展和改革委员会
    严重: true
"""


def test_names_written_with_a_character_missing_or_changed(make_site) -> None:  # type: ignore[no-untyped-def]
    lines = ["示例省人政府办公厅印发。", "国家发展改革委员会批复。", "国家发展和改单委员会批复。",
             "示例省人民政府办公厅、示例市人民政府办公厅、示例省财政厅印发。", "其中共产党员120名。"]
    text, first = body_at(lines)
    site = make_site({DOC: text, WORDING: NAMES})
    assert [(d.line, d.severity.value, d.message) for d in sorted(wording_problems(site))] == [
        (first, "warning", "'示例省人政府办公厅' looks like the name '示例省人民政府办公厅' with a character missing"),
        (first + 2, "error", "'国家发展改革委员会' looks like the name '国家发展和改革委员会' with a character missing "
                             "(严重表述错误)"),
        (first + 4, "error", "'国家发展和改单委员会' looks like the name '国家发展和改革委员会' with a character changed "
                             "(严重表述错误)"),
    ]


def test_an_agency_name_is_never_a_near_miss() -> None:
    settings_ = WordingSettings((), (ExactName("示例省人民政府办公厅"),))
    other = "示例省人民政符办公厅"  # hypothetical agency: one character different in a changeable place
    plain = compile_matcher(settings_)
    assert [h.text for h in find_hits(plain, other)] == [other]
    matcher = compile_matcher(settings_, [other])
    assert list(find_hits(matcher, other)) == []


@pytest.mark.parametrize(("text", "message"), [
    ("错别字:\n  按排: 按排\n", "data/wording.yaml:2: error: 错别字: '按排' is given as its own right form"),
    ("错别字:\n  按: 安\n", "data/wording.yaml:2: error: 错别字: a wrong form '按' is a single character"),
    ("错别字:\n  按排:\n    正确写法: 安排\n    例外: [排名]\n",
     "data/wording.yaml:4: error: 错别字: the exception '排名' of '按排' does not contain '按排' with more around it"),
    ("错别字:\n  按排:\n    正确: 安排\n", "data/wording.yaml:3: error: 错别字: '按排': unknown field '正确'"),
    ("错别字:\n  截止:\n    正确写法: 截至\n    后接: 月份\n", "data/wording.yaml:4: error: 后接: '月份' is not allowed"),
    ("停用: [布暑]\n", "data/wording.yaml:1: error: 停用: '布暑' is not in the built-in list"),
    ("规范名称:\n  - 示例省财政厅\n  - 示例省财政厅\n",
     "data/wording.yaml:3: error: 规范名称: '示例省财政厅' is listed twice (first on line 2)"),
    ("错别字: [按排]\n", "data/wording.yaml:1: error: 错别字: expected wrong form: right form lines, not a list"),
    ("- 按排\n", "data/wording.yaml:1: error: data/wording.yaml must be key: value lines, not a list"),
    ("词语: {}\n", "data/wording.yaml:1: error: unknown field '词语'"),
])
def test_wording_yaml_problems_are_exact_diagnostics(make_site, text: str, message: str) -> None:  # type: ignore[no-untyped-def]
    site = make_site({WORDING: text})
    _registry, problems = load_registry(site, ZoneInfo("Asia/Shanghai"))
    assert message in [d.format().split("\n")[0] for d in problems if d.path == WORDING]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("按排名布署截止至2025年月日目前，。“”「」 帐户示例省人民政府办公厅x`"))
               | st.characters(), max_size=60))
def test_hits_are_real_substrings_where_reported(text: str) -> None:
    matcher = compile_matcher(WordingSettings(BUILT_IN, (ExactName("示例省人民政府办公厅"),)))
    for hit in find_hits(matcher, text):
        assert text[hit.start:hit.start + len(hit.text)] == hit.text
        assert hit.correction is not None or hit.name is not None


def test_the_demo_has_no_wording_problem_and_its_list_reads_cleanly() -> None:
    from helpers import REPO_ROOT
    registry, problems = load_registry(REPO_ROOT, ZoneInfo("Asia/Shanghai"))
    assert [d for d in problems if d.path == WORDING] == []
    assert {n.name for n in registry.wording.names} >= {"示例省人民政府办公厅"}
    assert "度过难关" not in {e.wrong for e in registry.wording.corrections}
    assert formatted(REPO_ROOT) == []
