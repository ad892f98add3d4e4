"""The inspection line of `govsite build` reads again only the pages that changed (their extracts are kept in
the build cache folder by the page's digest), and its findings are always those of a full inspection.

A series of random edits (title, date, a link that leads nowhere added or removed, a new or deleted document,
the guide's date, a template with a dead link on every page) is applied to a small site; after each, the
build's inspection (kept extracts) is compared with a full crawl of the same output and with `govsite
check`'s inspection of the site: the same findings, line for line, every time.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest
from helpers import NOW, REPO_ROOT, build_request, build_site, catalog_doc, copy_fixture_site, site_yaml, write_site

from govsite.build import build
from govsite.cache import cache_dir
from govsite.clock import resolve_now
from govsite.inspection import Inspection
from govsite.inspection import run as inspection_run
from govsite.inspection.columns import site_columns
from govsite.inspection.extract import PageExtract, extract_page, shows_date
from govsite.inspection.kept import Kept, ToWrite, to_write
from govsite.inspection.run import check_site_folder, inspect_build
from govsite.model.publication import BuildOptions
from govsite.pipeline import load_site

GUIDE = (REPO_ROOT / "tests/inspection_sites/passes/content/pages/guide.md").read_text(encoding="utf-8")
DEAD = '见<a href="/xxgk/nowhere-{n}/">原文</a>。\n'
NEVER = datetime.fromisoformat("0001-01-01T00:00:00+00:00")


def document(seq: int, rng: random.Random, dead: int | None = None) -> str:
    body = f"## 一、正文\n\n内容{rng.randint(0, 10**6)}。\n" + (DEAD.format(n=dead) if dead is not None else "")
    return catalog_doc(index_no=f"11440000MB2C12345X/2026-{seq:05d}", title=f"文件{seq}-{rng.randint(0, 999)}",
                       written=f"2026-{rng.randint(9, 11):02d}-{rng.randint(1, 28):02d}", body=body)


ACTIONS = ("title", "date", "dead link", "link mended", "new", "delete", "guide", "template")


def edit(site: Path, rng: random.Random, step: int, action: str) -> None:
    """One change of the kind `action` to the site, at random."""
    docs = sorted((site / "content/disclosures").glob("*.md"))
    target = rng.choice(docs)
    seq = int(target.stem.removeprefix("d"))
    if action in ("title", "date", "link mended"):
        target.write_text(document(seq, rng), encoding="utf-8")
    elif action == "dead link":
        target.write_text(document(seq, rng, dead=step), encoding="utf-8")
    elif action == "new":
        (site / f"content/disclosures/d{100 + step}.md").write_text(document(100 + step, rng), encoding="utf-8")
    elif action == "delete" and len(docs) > 3:
        target.unlink()
    elif action == "guide":  # out of date (over a year), then up to date again
        guide = site / "content/pages/guide.md"
        stale = "2026-06-01" in guide.read_text(encoding="utf-8")
        guide.write_text(GUIDE.replace("2026-06-01", f"2025-{rng.randint(1, 10):02d}-01" if stale else "2026-06-01"),
                         encoding="utf-8")
    elif action == "template":
        base = (REPO_ROOT / "themes/default/templates/base.html").read_text(encoding="utf-8")
        link = f'<p><a href="/xxgk/gone-{step}/">旧</a></p>' if rng.random() < 0.5 else ""
        folder = site / "themes/default/templates"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "base.html").write_text(base.replace("</main>", f"{link}</main>"), encoding="utf-8")


def report(inspection: Inspection | None) -> list[str]:
    assert inspection is not None
    return [d.format() for d in inspection.diagnostics] + [repr(inspection.verdict)]


def small_site(root: Path) -> Path:
    rng = random.Random(7)
    files = {"content/pages/guide.md": GUIDE}
    files |= {f"content/disclosures/d{n}.md": document(n, rng, dead=n if n == 2 else None) for n in range(1, 7)}
    return write_site(root, files, site_yaml=site_yaml(raw_html=True))


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The pages the build's inspection reads and parses (a small site's run in this process): their sizes."""
    read: list[int] = []
    real: Callable[[bytes, str], PageExtract] = extract_page

    def counting(data: bytes, base_path: str) -> PageExtract:
        read.append(len(data))
        return real(data, base_path)

    monkeypatch.setattr(inspection_run, "extract_page", counting)
    return read


def test_after_random_edits_the_kept_inspection_equals_a_full_one(tmp_path: Path, counted: list[int]) -> None:
    site, out = small_site(tmp_path / "site"), tmp_path / "out"
    rng = random.Random(2026)
    actions = ["first build", *rng.sample(ACTIONS * 3, len(ACTIONS) * 3)]
    seen: set[str] = set()
    for step, action in enumerate(actions):
        if step:
            edit(site, rng, step, action)
        request = build_request(site, out, search=False, cache=True)
        result = build(request)
        assert result.ok, [d.format() for d in result.diagnostics]
        if result.unchanged:  # the edit changed nothing: there is no line (nor anything to inspect)
            continue
        assert result.built is not None
        pages = sum(rel.endswith(".html") for rel in result.built.output)
        counted.clear()
        kept = report(inspect_build(result.built, out, keep=True))
        read_again = len(counted)
        full = report(inspect_build(result.built, out, keep=False))
        checked = check_site_folder(site, request.options)
        assert checked.inspection is not None
        assert kept == full == report(checked.inspection), f"step {step}: {action}"
        if action == "first build":
            assert read_again == pages
        elif action == "title":  # the document's page and the lists that show it; never every page
            assert 0 < read_again < pages, (step, read_again, pages)
        seen.update(line.split("] ", 1)[0] for line in kept if "[" in line)
        again = report(inspect_build(result.built, out, keep=True))  # everything kept now: nothing read
        assert again == kept and len(counted) == read_again + pages
    # the findings were not empty: dead links of a document's body, of a template on every page, and more
    assert {"[扣分 −1·链接不可用", "[扣分 −0.1·链接不可用", "[扣分·指南未更新"} <= {line.split(": ")[-1] for line in seen}
    assert any(line.startswith("content/disclosures/") and "链接不可用" in line for line in seen)
    assert any(line.startswith("catalog/") and "链接不可用" in line for line in seen)


def test_a_new_dead_link_is_in_the_line_after_an_edit(tmp_path: Path) -> None:
    site, out = copy_fixture_site(REPO_ROOT / "tests/inspection_sites/dead-link", tmp_path / "site"), tmp_path / "out"
    first = build_site(site, out)
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines()[-1] == "govsite: inspection: 合格 (99.9/100), 1 finding(s) — run govsite check"
    assert (cache_dir(out) / "inspection.pickle").is_file()
    doc = site / "content/disclosures/2026/fresh.md"
    text = doc.read_text(encoding="utf-8")
    doc.write_text(text + '\n又见<a href="/xxgk/gone/">旧文</a>。\n', encoding="utf-8")
    second = build_site(site, out)
    assert second.returncode == 0, second.stderr
    assert second.stdout.splitlines()[-1] == "govsite: inspection: 合格 (99.8/100), 2 finding(s) — run govsite check"
    doc.write_text(text.replace("/xxgk/nowhere/", "/xxgk/"), encoding="utf-8")
    mended = build_site(site, out)
    assert mended.stdout.splitlines()[-1] == "govsite: inspection: 合格 (100/100), 0 finding(s)"


def test_without_the_cache_nothing_is_kept(tmp_path: Path) -> None:
    site, out = copy_fixture_site(REPO_ROOT / "tests/inspection_sites/dead-link", tmp_path / "site"), tmp_path / "out"
    result = build_site(site, out, "--no-cache", "--timings")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == \
        "govsite: inspection: 合格 (99.9/100), 1 finding(s) — run govsite check"
    assert any(line.split() == ["inspection", line.split()[1], "s"] for line in result.stdout.splitlines())
    assert not cache_dir(out).exists()


def test_a_damaged_kept_file_is_read_past(tmp_path: Path) -> None:
    site, out = copy_fixture_site(REPO_ROOT / "tests/inspection_sites/dead-link", tmp_path / "site"), tmp_path / "out"
    assert build_site(site, out).returncode == 0
    (cache_dir(out) / "inspection.pickle").write_bytes(b"\x80\x05not a pickle")
    doc = site / "content/disclosures/2026/fresh.md"
    doc.write_text(doc.read_text(encoding="utf-8").replace("原文", "原文件"), encoding="utf-8")
    again = build_site(site, out)
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines()[-1] == \
        "govsite: inspection: 合格 (99.9/100), 1 finding(s) — run govsite check"


@pytest.mark.parametrize("html", [
    "<td>2025-03-04</td>", "<td> 2025-03-04</td>", "<td>2025-3-4</td>", "<p>2025年3月4日</p>", "<p>12025年3月4日</p>",
    "<p>2025年03月4日</p>", "<p>2025年3月14日</p>", "<p>2025年13月4日</p>", "<p>２０２５年3月4日</p>",
    "<p>发布于2025年3月4日，2024年1月2日</p>", "<p>2025年3月4日2025年3月4日</p>", '<time datetime="2025-03-04">今天</time>',
    "<b>2025-03-04</b><i>2025年3月4</i>日", "<p>x>2025-03-04<y</p>", "",
])
def test_a_kept_page_shows_a_date_exactly_when_its_text_does(html: str) -> None:
    data = f"<html><body>{html}</body></html>".encode()
    extract = extract_page(data, "/xxgk/")
    for day in (date(2025, 3, 4), date(2024, 1, 2), date(25, 3, 4)):
        text = data.decode("utf-8", "replace")
        shown = f">{day.isoformat()}<" in text or f"{day.year}年{day.month}月{day.day}日" in text
        assert shows_date(extract, day) is shown, (html, day)


def test_a_page_with_nothing_in_it_has_no_links() -> None:
    assert extract_page(b"", "/xxgk/").linked == frozenset()
    assert extract_page(b"   ", "/xxgk/").days == ""


def test_a_column_s_newest_entry_is_the_newest_it_lists(tmp_path: Path) -> None:
    """Columns are dated by their first dated entry: the lists keep the catalog's order, newest first."""
    site = small_site(tmp_path / "site")
    loaded = load_site(site, BuildOptions(resolve_now(NOW, site)))
    demo = load_site(REPO_ROOT, BuildOptions(resolve_now(NOW, REPO_ROOT)))
    checked = 0
    for model, derived in ((loaded.model, loaded.derived), (demo.model, demo.derived)):
        assert model is not None
        for column in site_columns(model, derived).values():
            dated = [e for e in column.entries if e.doc.published is not None]
            assert column.newest is (max(dated, key=lambda e: e.doc.published or NEVER) if dated else None)
            checked += 1
    assert checked > 30


def test_an_edit_writes_a_delta_and_growth_the_whole_set_anew() -> None:
    pages = {bytes([n]): extract_page(f'<a href="/xxgk/p{n}/">{n}</a><a href="/xxgk/">首页</a>'.encode(), "/xxgk/")
             for n in range(20)}
    kept = Kept(dict(pages))
    assert to_write(kept, {}, pages.keys()) == ToWrite(None, None)  # nothing read again: nothing written
    fresh = {b"new": extract_page(b'<a href="/xxgk/new/">new</a>', "/xxgk/")}
    small = to_write(kept, fresh, [*list(pages)[1:], b"new"])  # one page changed
    assert small.base is None and small.delta is not None and set(small.delta) == {b"new"}
    assert small.delta[b"new"].linked == {"new/index.html"}
    grown = to_write(Kept(dict(pages), small.delta), fresh, [*list(pages)[:14], b"new"])  # 6 pages gone
    assert grown.delta == {} and grown.base is not None and set(grown.base) == {*list(pages)[:14], b"new"}
    assert all(grown.base[d].linked == e.linked for d, e in pages.items() if d in grown.base)
    shared = {id(grown.base[d].shared) for d in list(pages)[:14]}
    assert len(shared) == 1 and grown.base[b"\x00"].shared == {"index.html"}  # the link all pages have, once
