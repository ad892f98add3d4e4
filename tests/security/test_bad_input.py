"""Hostile and unusual inputs beyond tests/sites/*: sizes, paths, symlinks, names, YAML bombs and tags.

tests/sites already covers: YAML syntax errors, front matter that is not a mapping, 2024-13-40, money as text,
GBK, a binary .md, an empty file, no front matter, attachment ../../etc/passwd, alias + English duplicates.

For every case: the exit status, no "Traceback" on stderr (and, on failure, nothing but diagnostics, hints and
the summary line), and for failures that the output folder holding a sentinel is left exactly as it was.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from helpers import DEFAULT_SITE_YAML, REPO_ROOT, build_args, catalog_doc, site_yaml, write_site
from security_helpers import (
    Run,
    bad_stderr_lines,
    build,
    built,
    check_output,
    diagnostic_lines,
    make_out,
    refused,
    untouched,
)

MB = 1024 * 1024
PARAGRAPH = "各市、县（区）财政局，省直各单位：为进一步做好预算执行工作，现将有关事项通知如下。\n\n"


def _fails_cleanly(run: Run, out: Path, *expected: str) -> None:
    """Exit 1, only diagnostics on stderr (each expected text among them), the output folder untouched."""
    assert "Traceback" not in run.stderr, run.stderr
    assert run.code == 1, run.stderr
    assert bad_stderr_lines(run.stderr) == [], run.stderr
    for text in expected:
        assert text in run.stderr, run.stderr
    assert untouched(out)


def _builds(run: Run) -> None:
    assert "Traceback" not in run.stderr, run.stderr
    assert run.code == 0, run.stderr


# ------------------------------------------------------------------------------------------------ sizes

def test_a_five_megabyte_document_builds(tmp_path: Path) -> None:
    body = "## 正文\n\n" + PARAGRAPH * (5 * MB // len(PARAGRAPH.encode())) + "文末标记。\n"
    site = write_site(tmp_path / "site", {"content/policies/2025/big.md": catalog_doc(body=body)})
    assert 5 * MB <= (site / "content/policies/2025/big.md").stat().st_size < 6 * MB
    out = tmp_path / "out"
    _builds(build(site, out, catch=True))
    page = (out / "policies/2025/big/index.html").read_text(encoding="utf-8")
    assert "文末标记。" in page and len(page.encode()) > 5 * MB


def test_a_document_over_ten_megabytes_is_a_clear_error(tmp_path: Path) -> None:
    body = PARAGRAPH * (11 * MB // len(PARAGRAPH.encode()))
    site = write_site(tmp_path / "site", {"content/policies/2025/huge.md": catalog_doc(body=body)})
    out = make_out(tmp_path / "out")
    run = build(site, out, catch=True)
    _fails_cleanly(run, out, "content/policies/2025/huge.md:1: error: the file is 11 MB; the limit is 10 MB",
                   "  hint: split the document, or attach the long text as a file")


# ------------------------------------------------------------------------------------ paths and symlinks

def test_an_absolute_attachment_path_is_an_error(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {
        "content/policies/2025/a.md": catalog_doc(attachments=[{"file": "/etc/passwd", "title": "附件"}]),
    })
    out = make_out(tmp_path / "out")
    _fails_cleanly(build(site, out, catch=True), out,
                   "content/policies/2025/a.md:10: error: attachment '/etc/passwd' is outside the site's content")


def _outside(tmp_path: Path) -> Path:
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.txt").write_text("OUTSIDESECRET\n", encoding="utf-8")
    (folder / "secret.md").write_text(catalog_doc(index_no="11440000MB2C12345X/2025-00099",
                                                  title="OUTSIDETITLE", body="OUTSIDESECRET\n"), encoding="utf-8")
    return folder


def test_a_symlinked_attachment_pointing_outside_is_an_error(tmp_path: Path) -> None:
    outside = _outside(tmp_path)
    site = write_site(tmp_path / "site", {
        "content/policies/2025/a.md": catalog_doc(attachments=[{"file": "secret.txt", "title": "附件"}]),
    })
    os.symlink(outside / "secret.txt", site / "content/policies/2025/secret.txt")
    out = make_out(tmp_path / "out")
    _fails_cleanly(build(site, out, catch=True), out,
                   "content/policies/2025/a.md:10: error: attachment 'secret.txt' is a link to outside the site")


def test_a_symlinked_markdown_file_pointing_outside_is_an_error(tmp_path: Path) -> None:
    outside = _outside(tmp_path)
    site = write_site(tmp_path / "site", {"content/policies/2025/a.md": catalog_doc()})
    os.symlink(outside / "secret.md", site / "content/policies/2025/secret.md")
    out = make_out(tmp_path / "out")
    _fails_cleanly(build(site, out, catch=True), out,
                   "content/policies/2025/secret.md:1: error: this file is a link to a place outside the site folder")


def test_a_link_to_nothing_in_content_is_an_error_not_a_crash(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {"content/policies/2025/a.md": catalog_doc()})
    os.symlink("../../docs/editor", site / "content/policies/guide")  # docs/ was not copied with the site
    out = make_out(tmp_path / "out")
    _fails_cleanly(build(site, out, catch=True), out,
                   "content/policies/guide:1: error: this is a link to '../../docs/editor', which does not exist")


def test_a_symlinked_folder_pointing_outside_is_not_published(tmp_path: Path) -> None:
    outside = _outside(tmp_path)
    site = write_site(tmp_path / "site", {"content/policies/2025/a.md": catalog_doc()})
    os.symlink(outside, site / "content/policies/ext")
    (site / "static").mkdir()
    os.symlink(outside, site / "static/linked")
    os.symlink(outside / "secret.txt", site / "static/secret.txt")
    out = make_out(tmp_path / "out")
    # refused with a diagnostic naming the link (the linked folder's content reaches no output: none is written)
    refused(build(site, out, catch=True), out, [
        "content/policies/ext:1: error: this folder is a link to a place outside the site folder",
        "  hint: replace the link with a copy of the folder"])


@pytest.mark.parametrize(("link", "message"), [
    ("[x](../../../../etc/passwd)", "link '../../../../etc/passwd' points outside the site's content"),
    ("![x](../../../../etc/passwd)", "link '../../../../etc/passwd' points outside the site's content"),
    ("[x](/etc/passwd)", "link '/etc/passwd' points outside the site's content"),
    ("![x](/etc/passwd)", "link '/etc/passwd' points outside the site's content"),
    ("[x](<../../../../../../../../../../../../etc/passwd>)",
     "link '../../../../../../../../../../../../etc/passwd' points outside the site's content"),
    ("[x](..%2F..%2F..%2F..%2Fetc%2Fpasswd)", "link '..%2F..%2F..%2F..%2Fetc%2Fpasswd' points outside the site's content"),
    # secret.txt is a symlink to outside the site: named as such, not as a missing file
    ("[x](secret.txt)", "link 'secret.txt' points to a file that is a link to a place outside the site folder"),
    ("![x](secret.txt)", "link 'secret.txt' points to a file that is a link to a place outside the site folder"),
])
def test_markdown_links_out_of_the_site_are_errors(tmp_path: Path, link: str, message: str) -> None:
    outside = _outside(tmp_path)
    site = write_site(tmp_path / "site", {"content/policies/2025/a.md": catalog_doc(body=f"正文\n\n{link}\n")})
    os.symlink(outside / "secret.txt", site / "content/policies/2025/secret.txt")
    out = make_out(tmp_path / "out")
    _fails_cleanly(build(site, out, catch=True), out, f"content/policies/2025/a.md:13: error: {message}")


@pytest.mark.parametrize("link", ["[x](file:///etc/passwd)", "![x](file:///etc/passwd)", "<file:///etc/passwd>",
                                  "[x](FILE:///etc/passwd)", "[x](file://localhost/etc/passwd)"])
def test_file_urls_are_shown_as_text(tmp_path: Path, link: str) -> None:
    site = write_site(tmp_path / "site", {"content/policies/2025/a.md": catalog_doc(body=f"正文\n\n{link}\n")})
    out = tmp_path / "out"
    _builds(build(site, out, catch=True))
    checked = check_output(out)
    assert checked.problems == []
    page = checked.sources["policies/2025/a/index.html"]
    assert 'href="file:' not in page.lower() and 'src="file:' not in page.lower()
    assert not any("root:" in p.read_text(errors="replace") for p in out.rglob("*") if p.is_file())


@pytest.mark.parametrize("slug", ["../../x", "..", "x/../../y", "/etc", "a/b", "%2e%2e", "x\\..\\y", "关于"])
def test_a_slug_attempting_traversal_is_rejected(tmp_path: Path, slug: str) -> None:
    site = write_site(tmp_path / "site", {"content/policies/2025/a.md": catalog_doc(slug=slug)})
    out = make_out(tmp_path / "out")
    _fails_cleanly(build(site, out, catch=True), out,
                   f"content/policies/2025/a.md:9: error: slug: '{slug}' is not a valid slug",
                   "hint: use lowercase letters a-z, digits and single hyphens")


# ------------------------------------------------------------------------------------------ names, depth

def test_a_file_name_with_spaces_and_chinese_works(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {
        "content/pages/关于 我们.md": "---\ntitle: 关于我们\nmenu: 1\n---\n\n本站介绍。\n",
        "content/policies/2025/通知 一.md": catalog_doc(
            attachments=[{"file": "附件 1.txt", "title": "附件一"}],
            body="见[关于我们](<../../pages/关于 我们.md>)和[关于](../../pages/关于%20我们.md)。\n"),
        "content/policies/2025/附件 1.txt": "附件\n",
    })
    out = tmp_path / "out"
    _builds(build(site, out, catch=True))
    assert (out / "pages/关于 我们/index.html").is_file()
    assert (out / "policies/2025/附件 1.txt").is_file()  # files are published at their content path
    page_url = "/xxgk/pages/%E5%85%B3%E4%BA%8E%20%E6%88%91%E4%BB%AC/"
    doc_url = "/xxgk/policies/2025/%E9%80%9A%E7%9F%A5%20%E4%B8%80/"
    locs = {loc.text for loc in ET.parse(out / "sitemap.xml").getroot().iter(
        "{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    assert "https://www.example.gov.cn" + page_url in locs
    assert "https://www.example.gov.cn" + doc_url in locs
    doc_page = (out / "policies/2025/通知 一/index.html").read_text(encoding="utf-8")
    assert doc_page.count(f'href="{page_url}"') >= 3  # the main menu and both body links
    assert 'href="/xxgk/policies/2025/%E9%99%84%E4%BB%B6%201.txt"' in doc_page
    home = (out / "index.html").read_text(encoding="utf-8")
    assert f'href="{doc_url}"' in home and f'href="{page_url}"' in home
    checked = check_output(out)
    assert checked.problems == []


def test_a_deeply_nested_folder_works(tmp_path: Path) -> None:
    folder = "/".join(f"d{n}" for n in range(60))
    site = write_site(tmp_path / "site", {
        f"content/pages/{folder}/shen.md": "---\ntitle: 很深的页面\n---\n\n正文。\n",
        f"content/policies/{folder}/a.md": catalog_doc(),
    })
    out = tmp_path / "out"
    _builds(build(site, out, catch=True))
    assert (out / f"pages/{folder}/shen/index.html").is_file()
    assert (out / f"policies/{folder}/a/index.html").is_file()


# --------------------------------------------------------------------------------------------------- YAML

def _billion_laughs(levels: int, indent: str = "") -> str:
    lines = [f'{indent}lol0: &l0 ["lol"]']
    lines += [f"{indent}lol{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


def _limited() -> None:  # in the child: at most 1 GiB of address space
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


BOMB_SECONDS = 5.0


@pytest.mark.parametrize("where", ["front matter", "site.yaml"])
def test_a_yaml_bomb_neither_hangs_nor_explodes(tmp_path: Path, where: str) -> None:
    """Billion laughs (9 levels of 9 aliases: 9^8 strings if expanded) must end within a few seconds."""
    if where == "front matter":
        doc = catalog_doc().replace("review: 已审查\n", "review: 已审查\nextra:\n" + _billion_laughs(9, "  "))
        site = write_site(tmp_path / "site", {"content/policies/2025/a.md": doc})
    else:
        site = write_site(tmp_path / "site", {"content/policies/2025/a.md": catalog_doc(),
                                              "site.yaml": DEFAULT_SITE_YAML + _billion_laughs(9)})
    out = make_out(tmp_path / "out")
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "PYTHONIOENCODING": "utf-8"}
    env.pop("SOURCE_DATE_EPOCH", None)
    start = time.monotonic()
    with subprocess.Popen([sys.executable, "-m", "govsite", *build_args(site, out)], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, env=env, preexec_fn=_limited) as child:
        try:
            _stdout, stderr_bytes = child.communicate(timeout=BOMB_SECONDS)
        except subprocess.TimeoutExpired:
            child.kill()
            child.communicate()
            pytest.fail(f"YAML bomb in {where}: the build was still running after {BOMB_SECONDS} s (killed)")
    stderr = stderr_bytes.decode("utf-8", "replace")
    assert time.monotonic() - start < BOMB_SECONDS
    assert "Traceback" not in stderr and "MemoryError" not in stderr, stderr[-3000:]
    # every anchored collection is refused where it stands (site.yaml's keys are unknown besides)
    alias = "error: YAML anchors and aliases (&name, *name) are not supported here"
    if where == "front matter":
        expected = [text for line in range(10, 18) for text in (f"content/policies/2025/a.md:{line}: {alias}",
                                                                  "  hint: write the value out in full")]
    else:
        expected = [text for n in range(9) for text in (
            *((f"site.yaml:{5 + n}: {alias}", "  hint: write the value out in full") if n < 8 else ()),
            f"site.yaml:{5 + n}: error: unknown field 'lol{n}'",
            "  hint: known fields: title, base_url, language, timezone, theme, publisher, index_no, review_required, "
            "pagination, feed_limit, raw_html, freshness, …")]
    assert (child.returncode, diagnostic_lines(stderr)) == (1, expected), stderr[-3000:]
    assert untouched(out)


@pytest.mark.parametrize("where", ["front matter", "site.yaml", "data/agencies.yaml", "data/topics.yaml"])
@pytest.mark.parametrize("form", ["seq", "scalar", "map", "name"])
def test_python_yaml_tags_are_never_executed(tmp_path: Path, where: str, form: str) -> None:
    marker = tmp_path / "PWNED"
    tag = {"seq": f"!!python/object/apply:os.system ['touch {marker}']",
           "scalar": f"!!python/object/apply:os.system 'touch {marker}'",
           "map": f"!!python/object/new:os.system {{args: ['touch {marker}']}}",
           "name": "!!python/name:os.system"}[form]
    files = {"content/policies/2025/a.md": catalog_doc()}
    if where == "front matter":
        files["content/policies/2025/a.md"] = catalog_doc().replace("review: 已审查", f"review: 已审查\nsummary: {tag}")
    elif where == "site.yaml":
        files["site.yaml"] = DEFAULT_SITE_YAML + f"language: {tag}\n"
    elif where == "data/agencies.yaml":
        files["data/agencies.yaml"] = f"- key: czt\n  name: {tag}\n  code: 11440000MB2C12345X\n"
    else:
        files["data/topics.yaml"] = f"- name: 财政、金融、审计\n  slug: {tag}\n"
    site = write_site(tmp_path / "site", files)
    out = make_out(tmp_path / "out")
    run = build(site, out, catch=True)
    assert not marker.exists(), "a YAML tag was executed"
    text, mapping = "expected text, not a list", "expected text, not a mapping (key: value lines)"
    unusable = "of '财政、金融、审计' is not usable in an address"
    slug_hint = "  hint: use lowercase letters a-z, digits and hyphens, e.g. czjrsj"
    refusals = {  # the tag is ignored: a list or mapping where text is expected is refused as such
        ("front matter", "seq"): [f"content/policies/2025/a.md:9: error: summary: {text}", TEXT_HINT],
        ("front matter", "map"): [f"content/policies/2025/a.md:9: error: summary: {mapping}", TEXT_HINT],
        ("site.yaml", "seq"): [f"site.yaml:5: error: language: {text}", TEXT_HINT],
        ("site.yaml", "map"): [f"site.yaml:5: error: language: {mapping}", TEXT_HINT],
        ("data/agencies.yaml", "seq"): [*UNKNOWN_CZT, f"data/agencies.yaml:2: error: name: {text}", TEXT_HINT],
        ("data/agencies.yaml", "map"): [*UNKNOWN_CZT, f"data/agencies.yaml:2: error: name: {mapping}", TEXT_HINT],
        ("data/topics.yaml", "seq"): [f"data/topics.yaml:1: error: the slug '['touch {marker}']' {unusable}",
                                      slug_hint],
        ("data/topics.yaml", "scalar"): [f"data/topics.yaml:1: error: the slug 'touch {marker}' {unusable}",
                                         slug_hint],
        ("data/topics.yaml", "map"): [f"data/topics.yaml:1: error: the slug '{{'args': ['touch {marker}']}}' "
                                      f"{unusable}", slug_hint],
    }
    if (where, form) in refusals:
        refused(run, out, refusals[where, form])
    else:  # a scalar's text is taken as it is written after the tag (empty for !!python/name:…)
        built(run)


TEXT_HINT = "  hint: write the value on the same line after the colon"
UNKNOWN_CZT = ["content/policies/2025/a.md:4: error: unknown agency 'czt'",
               "  hint: use an agency key or full name from data/agencies.yaml"]


# ------------------------------------------------------------------------------ bugs found along the way
# (project codes, registry slugs, copies replacing pages, same-name files, control characters: fixed in
# 2b702c4 while these tests were written; they stay as regression tests)

@pytest.mark.parametrize("code", ["../../x", "../../../../../tmp/escaped", "a//b", " x/ ", "/abs"])
def test_a_project_code_cannot_reach_outside_its_folder(tmp_path: Path, code: str) -> None:
    """project_code is free text and becomes tenders/projects/<code>/: it must be checked like a path part."""
    site = write_site(tmp_path / "site", {
        "content/tenders/2025/a.md": catalog_doc(project_code=code, stage="终止公告", purchaser="示例省财政厅"),
    })
    out = make_out(tmp_path / "out")
    refused(build(site, out, catch=True), out, [
        f"content/tenders/2025/a.md:9: error: project_code: '{code.strip()}' is not a usable project code",
        "  hint: use letters, digits, Chinese characters, hyphens, underscores and dots, without spaces or '/'"])
    assert not (tmp_path / "x").exists() and not (tmp_path.parent / "escaped").exists()


@pytest.mark.parametrize("registry", ["topics", "genres"])
def test_a_registry_slug_cannot_reach_outside_the_catalog(tmp_path: Path, registry: str) -> None:
    """data/topics.yaml and data/genres.yaml give URL slugs: catalog/topic/<slug>/ must stay a folder of catalog/."""
    files = {"content/policies/2025/a.md": catalog_doc()}
    if registry == "topics":
        files["data/topics.yaml"] = "- name: 财政、金融、审计\n  slug: ../../evil\n"
    else:
        files["data/genres.yaml"] = "- name: 通知\n  slug: ../../evil\n"
    site = write_site(tmp_path / "site", files)
    out = make_out(tmp_path / "out")
    run = build(site, out, catch=True)
    assert "Traceback" not in run.stderr, run.stderr
    assert run.code == 1, run.stderr
    assert bad_stderr_lines(run.stderr) == [] and untouched(out), run.stderr
    assert f"data/{registry}.yaml" in run.stderr


def test_an_attachment_named_index_html_does_not_replace_the_page(tmp_path: Path) -> None:
    """An attachment is copied into the document's own folder: one named index.html overwrote the page itself
    (and published the file's script, although raw HTML is off). Attachments are now published where they
    stand in content/ (docs/architecture.md): this one at policies/2025/index.html, beside the page's folder."""
    site = write_site(tmp_path / "site", {
        "content/policies/2025/a.md": catalog_doc(attachments=[{"file": "index.html", "title": "附件"}]),
        "content/policies/2025/index.html": "<script>alert(1)</script>ATTACHMENTPAGE",
    })
    out = make_out(tmp_path / "out")
    built(build(site, out, catch=True))
    page = (out / "policies/2025/a/index.html").read_text(encoding="utf-8")
    assert "ATTACHMENTPAGE" not in page and "示例省财政厅关于做好2025年预算执行工作的通知" in page
    assert '<a href="/xxgk/policies/2025/index.html" type="text/html">附件</a>' in page
    assert (out / "policies/2025/index.html").read_text(encoding="utf-8") == "<script>alert(1)</script>ATTACHMENTPAGE"


def test_two_linked_files_with_the_same_name_keep_their_own_content(tmp_path: Path) -> None:
    """Files linked from a body are copied into the document's folder by their base name: ../x/表.txt and
    ../y/表.txt both became a/表.txt, and both links served the second file."""
    site = write_site(tmp_path / "site", {
        "content/policies/2025/a.md": catalog_doc(body="[甲](../x/表.txt)和[乙](../y/表.txt)\n"),
        "content/policies/x/表.txt": "FIRSTFILE\n",
        "content/policies/y/表.txt": "SECONDFILE\n",
    })
    out = make_out(tmp_path / "out")
    built(build(site, out, catch=True))  # each file is published where it stands in content/
    page = (out / "policies/2025/a/index.html").read_text(encoding="utf-8")
    assert '<a href="/xxgk/policies/x/%E8%A1%A8.txt">甲</a>' in page
    assert '<a href="/xxgk/policies/y/%E8%A1%A8.txt">乙</a>' in page
    hrefs = [h.split('"', 1)[0] for h in page.split('href="')[1:] if "txt" in h.split('"', 1)[0]]
    assert len(set(hrefs)) == 2, hrefs
    served = {(out / h.removeprefix("/xxgk/").replace("%E8%A1%A8", "表")).read_text(encoding="utf-8") for h in hrefs}
    assert served == {"FIRSTFILE\n", "SECONDFILE\n"}


@pytest.mark.parametrize(("field", "text", "refused_as"), [
    ("title", "标题\x01控制字符", "2: error: title: contains an invisible control character (U+0001)"),
    ("title", "标题\x1b[31m", "2: error: title: contains an invisible control character (U+001B)"),
    ("summary", "概述\x0b竖排", "9: error: summary: contains an invisible control character (U+000B)"),
    ("body", "正文\x0c换页\n", None),
    ("title", "非字符\ufffe", "2: error: title: contains an invisible control character (U+FFFE)"),
], ids=["title-\x01", "title-\x1b", "summary-\x0b", "body-\x0c", "title-\ufffe"])
def test_control_characters_do_not_break_the_feeds(tmp_path: Path, field: str, text: str,
                                                   refused_as: str | None) -> None:
    """A control character (valid in YAML double quotes and in Markdown) made every feed ill-formed XML:
    in front matter it is refused with a diagnostic, in a body it is dropped (docs/architecture.md)."""
    doc = catalog_doc(body=text) if field == "body" else catalog_doc(**{field: text})
    site = write_site(tmp_path / "site", {"content/policies/2025/a.md": doc})
    out = make_out(tmp_path / "out")
    run = build(site, out, catch=True)
    if refused_as is not None:
        refused(run, out, [f"content/policies/2025/a.md:{refused_as}", "  hint: delete it and type the text again; "
                           "it often comes with text copied from Word or PDF files"])
        return
    built(run)
    assert "正文换页" in (out / "policies/2025/a/index.html").read_text(encoding="utf-8")
    checked = check_output(out)
    assert [p for p in checked.problems if "XML" in p] == []


@pytest.mark.parametrize("base_url", ["https://www.example.gov.cn//xxgk/", "https://www.example.gov.cn//evil.example/"])
def test_a_double_slash_in_base_url_does_not_send_links_to_another_host(tmp_path: Path, base_url: str) -> None:
    """base_path '//xxgk/' made every root-relative link protocol-relative: <script src="//xxgk/static/…">
    loads from the host 'xxgk' (or any host an operator's typo names). Refuse it, or keep the links local."""
    site = write_site(tmp_path / "site", {
        "site.yaml": site_yaml(base_url=base_url),
        "content/policies/2025/a.md": catalog_doc(),
    })
    out = make_out(tmp_path / "out")
    refused(build(site, out, catch=True), out, [
        f"site.yaml:2: error: base_url: '{base_url}' has an empty path segment (//)",
        "  hint: write e.g. https://www.example.gov.cn/xxgk/"])


@pytest.mark.parametrize(("base_url", "problem"), [
    ("javascript:alert(1)//", "is not an absolute http(s) URL"), ("xxgk", "is not an absolute http(s) URL"),
    ("//evil.example/", "is not an absolute http(s) URL"),
    ("https://www.example.gov.cn//evil.example/", "has an empty path segment (//)"),
    ("ftp://files.example/", "is not an absolute http(s) URL"),
], ids=["javascript:alert(1)//", "xxgk", "//evil.example/", "https://www.example.gov.cn//evil.example/",
        "ftp://files.example/"])
def test_an_invalid_base_url_option_is_refused_or_made_safe(tmp_path: Path, base_url: str, problem: str) -> None:
    """--base-url was taken as it is (site.yaml's base_url is checked, the option was not): javascript:alert(1)//
    became the canonical link and every feed and sitemap URL, 'xxgk' made every link relative and broken.
    Spec 4: a usage error exits with status 2; a URL that can be made safe (a doubled slash) may be."""
    site = write_site(tmp_path / "site", {"content/policies/2025/a.md": catalog_doc()})
    out = make_out(tmp_path / "out")
    run = build(site, out, "--base-url", base_url, catch=True)
    assert (run.code, run.stderr) == (2, f"govsite: error: --base-url: '{base_url}' {problem}; write e.g. "
                                         "https://www.example.gov.cn/xxgk/\n")
    assert untouched(out)


@pytest.mark.parametrize(("link", "target"), [
    ("body", "static/a11y.js"),
    ("attachment", "static/a11y.js"),
    ("body", "static/theme.css"),
])
def test_a_content_file_cannot_replace_the_themes_static_files(tmp_path: Path, link: str, target: str) -> None:
    """Files under content/ are published at their content path (2b702c4): content/static/reading-mode.js (now a11y.js),
    linked or attached from any document, replaced the theme's script that every page loads — an editor's
    JavaScript on every page although raw HTML is off. The collision check covers generated pages only."""
    doc = catalog_doc(body=f"[说明](../../{target})\n") if link == "body" \
        else catalog_doc(attachments=[{"file": f"../../{target}", "title": "说明"}])
    site = write_site(tmp_path / "site", {
        "content/policies/2025/a.md": doc,
        f"content/{target}": "alert('EDITORSCRIPT')\n",
    })
    out = make_out(tmp_path / "out")
    refused(build(site, out, catch=True), out, [
        f"content/{target}:1: error: this file would replace the file govsite writes at {target}",
        "  hint: rename the file or move it to another folder"])


def test_a_link_to_a_symlinked_markdown_file_names_the_link_not_a_missing_file(tmp_path: Path) -> None:
    outside = _outside(tmp_path)
    site = write_site(tmp_path / "site", {"content/policies/2025/a.md": catalog_doc(body="正文\n\n[x](secret.md)\n")})
    os.symlink(outside / "secret.md", site / "content/policies/2025/secret.md")
    out = make_out(tmp_path / "out")
    run = build(site, out, catch=True)
    _fails_cleanly(run, out, "content/policies/2025/secret.md:1: error: this file is a link to a place outside the site folder",
                   "content/policies/2025/a.md:13: error: link 'secret.md' points to a file that is a link to a place "
                   "outside the site folder")
    assert "missing file" not in run.stderr


def test_a_folder_link_back_up_the_tree_is_walked_once(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {"content/policies/2025/a.md": catalog_doc()})
    os.symlink(site / "content", site / "content/policies/2025/loop")  # a cycle: content/…/loop → content
    out = make_out(tmp_path / "out")
    run = build(site, out, catch=True)
    _builds(run)
    pages = [p for p in out.rglob("index.html") if "policies/2025/a" in p.as_posix()]
    assert len(pages) == 1, pages
