"""Small command-line checks of diagnostics and exit statuses (spec 3.4 and 4), with inline sites.

Exit status: 0 success, 1 content errors, 2 usage errors. Warnings do not fail a build unless --strict.
Fixture sites with exact expected diagnostics live in tests/sites/ (see test_broken_sites.py).
"""

from __future__ import annotations

from pathlib import Path

from helpers import NOW, build_site, catalog_doc, run_govsite

DOC = "content/policies/2025/a.md"
# catalog_doc()'s front matter: line 1 '---', then title 2, index_no 3, agency 4, written 5, topic 6,
# genre 7, review 8, '---' 9, a blank line 10, the body from line 11.


def build(site: Path, out: Path, *extra: str):  # type: ignore[no-untyped-def]
    return build_site(site, out, *extra, cwd=site.parent)


def diagnostics(stderr: str) -> list[str]:
    """The diagnostic lines of stderr, without govsite's own summary lines."""
    return [line for line in stderr.splitlines() if not line.startswith("govsite: ")]


def tree(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def test_valid_minimal_site_builds(make_site, tmp_path: Path) -> None:
    site = make_site({DOC: catalog_doc()})
    result = build(site, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert diagnostics(result.stderr) == []
    assert (tmp_path / "out" / "index.html").is_file()
    assert (tmp_path / "out" / "policies" / "2025" / "a" / "index.html").is_file()


def test_warning_does_not_fail_the_build(make_site, tmp_path: Path) -> None:
    # 索引号 year 2024, 成文日期 2025: a warning (spec 3.5).
    site = make_site({DOC: catalog_doc(index_no="11440000MB2C12345X/2024-00001")})
    result = build(site, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert diagnostics(result.stderr)[0].startswith(f"{DOC}:3: warning: 索引号 year 2024 ")
    assert "1 warning(s)" in result.stdout
    assert (tmp_path / "out" / "index.html").is_file()


def test_strict_turns_the_warning_into_an_error(make_site, tmp_path: Path) -> None:
    site = make_site({DOC: catalog_doc(index_no="11440000MB2C12345X/2024-00001")})
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("old", encoding="utf-8")
    result = build(site, out, "--strict")
    assert result.returncode == 1
    assert diagnostics(result.stderr)[0].startswith(f"{DOC}:3: error: 索引号 year 2024 ")
    assert tree(out) == ["keep.txt"]


def test_link_to_unpublished_document_warns_and_strict_fails(make_site, tmp_path: Path) -> None:
    site = make_site({
        DOC: catalog_doc(body="详见[采购通知](b.md)。\n"),
        "content/policies/2025/b.md": catalog_doc(index_no="11440000MB2C12345X/2025-00002", review="未审查"),
    })
    result = build(site, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert diagnostics(result.stderr) == [
        f"{DOC}:11: warning: link 'b.md' points to a document that is not published",
        "  hint: the link text is shown without a link until that document is published",
    ]
    assert build(site, tmp_path / "out2", "--strict").returncode == 1
    assert not (tmp_path / "out2").exists()


def test_unknown_option_is_a_usage_error(make_site, tmp_path: Path) -> None:
    site = make_site({DOC: catalog_doc()})
    result = build(site, tmp_path / "out", "--bogus")
    assert result.returncode == 2
    assert "--bogus" in result.stderr
    assert not (tmp_path / "out").exists()


def test_bad_now_and_missing_site_are_usage_errors(make_site, tmp_path: Path) -> None:
    site = make_site({DOC: catalog_doc()})
    before = tree(tmp_path)
    assert run_govsite("build", "--site", site, "--now", "明天", cwd=tmp_path).returncode == 2
    assert run_govsite("build", "--site", tmp_path / "nowhere", "--now", NOW, cwd=tmp_path).returncode == 2
    assert tree(tmp_path) == before


def test_check_writes_nothing(make_site, tmp_path: Path) -> None:
    site = make_site({DOC: catalog_doc()})
    before = tree(tmp_path)
    result = run_govsite("check", "--site", site, "--now", NOW, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert tree(tmp_path) == before


def test_check_reports_errors_with_exit_1(make_site, tmp_path: Path) -> None:
    site = make_site({DOC: catalog_doc(genre="通之")})
    before = tree(tmp_path)
    result = run_govsite("check", "--site", site, "--now", NOW, cwd=tmp_path)
    assert result.returncode == 1
    # check adds the inspection report's warnings (empty sections …): look at the errors only.
    assert [line for line in diagnostics(result.stderr) if ": error: " in line] == \
        [f"{DOC}:7: error: unknown genre '通之'"]
    assert tree(tmp_path) == before


def test_bom_and_crlf_keep_line_numbers(make_site, tmp_path: Path) -> None:
    text = catalog_doc(written="2025-02-30").replace("\n", "\r\n")
    site = make_site({DOC: b"\xef\xbb\xbf" + text.encode("utf-8")})
    result = build(site, tmp_path / "out")
    assert result.returncode == 1
    assert diagnostics(result.stderr)[0] == f"{DOC}:5: error: written: '2025-02-30' is not a valid date"


def test_key_given_twice_names_the_first_line(make_site, tmp_path: Path) -> None:
    text = catalog_doc().replace("review: 已审查\n", "review: 已审查\ntitle: 重复的标题\n")
    site = make_site({DOC: text})
    result = build(site, tmp_path / "out")
    assert result.returncode == 1
    assert diagnostics(result.stderr)[0] == f"{DOC}:9: error: key 'title' is given twice (first on line 2)"


def test_unclosed_front_matter_is_reported_on_line_1(make_site, tmp_path: Path) -> None:
    text = catalog_doc().replace("---\n\n", "\n", 1)  # drop the closing '---'
    site = make_site({DOC: text})
    result = build(site, tmp_path / "out")
    assert result.returncode == 1
    assert diagnostics(result.stderr)[0] == f"{DOC}:1: error: the front matter is not closed: no second '---' line"


def test_chinese_keys_are_accepted(make_site, tmp_path: Path) -> None:
    doc = catalog_doc(标题="示例省财政厅关于做好预算执行工作的通知", 主题分类="财政、金融、审计/财政")
    site = make_site({DOC: doc})
    result = build(site, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert diagnostics(result.stderr) == []
