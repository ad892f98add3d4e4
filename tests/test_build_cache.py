"""The build cache (govsite.cached): its record and staging folder, and its shortcuts.

That a rebuild through the cache writes what a clean build writes, after random edits of every kind, is
tests/test_random_edits.py; here, along random edits, the cache's record keeps the output's true stamps and
the staging folder is updated rather than written anew; then the shortcuts: nothing changed, a touched file,
a hand-edited output file, `now` passing a publication time, other options, an unreadable cache and a build
that dies while it updates the staging folder.
"""

from __future__ import annotations

import os
import pickle
import shutil
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from equivalence import CommandLine, Reference, Series
from helpers import NOW, build_request, tree_digest
from random_edits import EDITS
from random_site import RandomSite, make_random_site

import govsite.cached
from govsite.build import build
from govsite.cache import cache_dir, output_stamps
from govsite.request import BuildResult
from govsite.write import update_stage


def cached(site: RandomSite, out: Path, now: str = NOW, base_url: str | None = None) -> BuildResult:
    result = build(build_request(site.root, out, now=now, base_url=base_url, search=False, cache=True))
    assert result.ok, [d.format() for d in result.diagnostics]
    return result


def clean(site: RandomSite, out: Path, now: str = NOW, base_url: str | None = None) -> dict[str, str]:
    if out.exists():
        shutil.rmtree(out)
    result = build(build_request(site.root, out, now=now, base_url=base_url, search=False))
    assert result.ok, [d.format() for d in result.diagnostics]
    return tree_digest(out)


def recorded_stamps(out: Path) -> dict[str, tuple[int, int, int]]:
    """The output's files as the cache record has them (size, mtime, inode)."""
    with (cache_dir(out) / "record.pickle").open("rb") as stream:
        record = pickle.load(stream)
    return {rel: (s.size, s.mtime_ns, s.ino) for rel, s in record.output.items()}


def stat_stamps(out: Path) -> dict[str, tuple[int, int, int]]:
    """The output's files as they are (the search index aside)."""
    return {rel: (st.st_size, st.st_mtime_ns, st.st_ino) for rel, st in output_stamps(out).items()}


def small_site(root: Path) -> RandomSite:
    return make_random_site(root, 7)


def test_random_edits_keep_the_record_true_and_update_the_staging_folder(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    site = small_site(tmp_path / "site")
    out = tmp_path / "out"
    updates: list[tuple[int, int]] = []  # (files written into the staging folder, files of the output)

    def spy(plan: Any, writer: Any, digests: Any) -> int:
        written = update_stage(plan, writer, digests)
        updates.append((writer.count, len(digests)))  # every file written or linked into the staging folder
        return written

    monkeypatch.setattr(govsite.cached, "update_stage", spy)
    series = Series(site, CommandLine(out), Reference(tmp_path / "clean", shows_everything=False))
    series.check("first build", "the site as made")
    kinds = sorted(EDITS)
    for step in range(26):
        kind = kinds[step % len(kinds)]
        series.check(kind, EDITS[kind](site))
        assert recorded_stamps(out) == stat_stamps(out), f"the record's stamps are wrong after {series.done[-1]}"
    # the staging folder (the build before last) was updated rather than written anew: in a site this small
    # many files show every document, but the other documents' pages, the theme's files and more are kept
    assert len(updates) >= 20 and all(written < total for written, total in updates), updates
    assert sum(total - written for written, total in updates) >= 10 * len(updates), updates


def test_nothing_changed_keeps_every_file(tmp_path: Path) -> None:
    site = small_site(tmp_path / "site")
    out = tmp_path / "out"
    first = cached(site, out)
    inodes = {p: p.stat().st_ino for p in out.rglob("*") if p.is_file()}
    again = cached(site, out)
    assert again.unchanged and not first.unchanged
    assert (again.published, again.files) == (first.published, first.files)
    assert {p: p.stat().st_ino for p in out.rglob("*") if p.is_file()} == inodes
    doc = site.root / "content/policies/2026/p3.md"
    os.utime(doc, ns=(doc.stat().st_atime_ns, doc.stat().st_mtime_ns + 5_000_000_000))  # touched, same bytes
    assert cached(site, out).unchanged


def test_a_hand_edited_output_file_is_put_right(tmp_path: Path) -> None:
    site = small_site(tmp_path / "site")
    out = tmp_path / "out"
    cached(site, out)
    (out / "index.html").write_text("edited by hand", encoding="utf-8")
    (out / "stray.html").write_text("left here", encoding="utf-8")
    assert not cached(site, out).unchanged
    assert tree_digest(out) == clean(site, tmp_path / "clean")


def test_now_passing_a_publication_time_rebuilds(tmp_path: Path) -> None:
    site = small_site(tmp_path / "site")  # p8 is published at 14:00, the tender's bids close at 15:00
    out = tmp_path / "out"
    cached(site, out, now="2026-11-27T12:00:00+08:00")
    assert not (out / "policies/2026/p8").exists()
    assert cached(site, out, now="2026-11-27T13:59:59+08:00").unchanged
    assert not cached(site, out, now="2026-11-27T14:00:00+08:00").unchanged
    assert (out / "policies/2026/p8/index.html").is_file()
    assert tree_digest(out) == clean(site, tmp_path / "clean", now="2026-11-27T14:00:00+08:00")
    assert not cached(site, out, now="2026-11-27T15:00:00+08:00").unchanged  # the tender's status changes
    assert tree_digest(out) == clean(site, tmp_path / "clean", now="2026-11-27T15:00:00+08:00")
    assert not cached(site, out, now="2026-11-28T09:00:00+08:00").unchanged  # a new day: dates may change


def test_other_options_do_not_use_the_cache(tmp_path: Path) -> None:
    site = small_site(tmp_path / "site")
    out = tmp_path / "out"
    cached(site, out, base_url="https://a.example.gov.cn/")
    assert not cached(site, out, base_url="https://b.example.gov.cn/").unchanged
    assert "b.example.gov.cn" in (out / "sitemap.xml").read_text(encoding="utf-8")
    assert tree_digest(out) == clean(site, tmp_path / "clean", base_url="https://b.example.gov.cn/")


def test_an_unreadable_cache_is_noted_and_everything_is_built(tmp_path: Path) -> None:
    site = small_site(tmp_path / "site")
    out = tmp_path / "out"
    cached(site, out)
    for name in ("record.pickle", "memo.pickle"):
        (cache_dir(out) / name).write_bytes(b"not a pickle")
    result = cached(site, out)
    assert not result.unchanged and any("could not be read" in note for note in result.notes)
    assert tree_digest(out) == clean(site, tmp_path / "clean")


def test_a_build_that_dies_while_updating_the_staging_folder_leaves_no_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = small_site(tmp_path / "site")
    out = tmp_path / "out"
    for _ in range(2):  # two builds: the second keeps the first's output as the staging folder
        EDITS["title"](site)
        cached(site, out)
    before = tree_digest(out)

    def dies(*args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(govsite.cached, "update_stage", dies)
    EDITS["body"](site)
    with pytest.raises(KeyboardInterrupt):
        cached(site, out)
    monkeypatch.undo()
    assert tree_digest(out) == before and not (cache_dir(out) / "record.pickle").exists()
    assert not cached(site, out).unchanged
    assert tree_digest(out) == clean(site, tmp_path / "clean")


def test_a_memo_is_only_used_with_the_key_it_was_made_with(tmp_path: Path) -> None:
    from govsite.cache import CacheFiles
    from govsite.memo import BuildMemo
    from govsite.memofiles import MemoFiles

    memos = MemoFiles(CacheFiles(tmp_path / "cache"))
    memo = BuildMemo()
    memo.parsed.get("content/a.md", "inputs", lambda: "parsed")  # type: ignore[arg-type,return-value]
    memos.save(memo, ("key-a",))
    assert MemoFiles(CacheFiles(tmp_path / "cache")).load(("key-a",)).parsed.previous
    assert not MemoFiles(CacheFiles(tmp_path / "cache")).load(("key-b",)).parsed.previous
    memos.drop()
    assert not MemoFiles(CacheFiles(tmp_path / "cache")).load(("key-a",)).parsed.previous


def test_a_build_with_nothing_to_do_loads_no_stage_of_the_build(tmp_path: Path) -> None:
    """The command line's build with nothing to do imports the record's modules only (govsite.lookback):
    no stage, no Jinja, no Markdown; and it keeps the memos (a later edit is incremental)."""
    import subprocess
    import sys
    import textwrap

    site = small_site(tmp_path / "site")
    out = tmp_path / "out"
    assert cached(site, out).ok
    script = textwrap.dedent(f"""
        import sys
        from govsite.cli import main
        code = main(["build", "--site", {str(site.root)!r}, "--out", {str(out)!r}, "--no-search",
                     "--now", {NOW!r}])
        heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("jinja2", "markdown_it", "govsite")
                       and m.startswith(("jinja2", "markdown_it", "govsite.pipeline", "govsite.output",
                                         "govsite.cached", "govsite.memo", "govsite.inspection")))
        print("HEAVY", heavy)
        sys.exit(code)
    """)
    ran = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert ran.returncode == 0, ran.stderr
    assert "nothing changed" in ran.stdout, ran.stdout
    assert "HEAVY []" in ran.stdout, ran.stdout
    assert (cache_dir(out) / "memo.pickle").is_file() and (cache_dir(out) / "pages.pickle").is_file()


def test_old_files_are_known_by_their_stat_until_they_change(tmp_path: Path) -> None:
    site = small_site(tmp_path / "site")
    for path in site.root.rglob("*"):  # files written long ago: a first build does not hash them
        if path.is_file():
            os.utime(path, (1_600_000_000, 1_600_000_000))
    out = tmp_path / "out"
    cached(site, out)
    assert cached(site, out).unchanged
    for kind in ("title", "body", "rename", "template", "data", "static"):
        EDITS[kind](site)
        assert not cached(site, out).unchanged, kind
        assert tree_digest(out) == clean(site, tmp_path / "clean"), kind
    doc = site.root / "content/policies/2026/p1.md"
    os.utime(doc, (1_600_000_100, 1_600_000_100))  # touched: its hash is taken now, the bytes are the same
    cached(site, out)
    assert tree_digest(out) == clean(site, tmp_path / "clean")


def _folders_seen_long_ago(out: Path) -> None:
    """Every output folder's time set an hour back and the record made to say so (as if the last build had
    been long ago): the record's folders are then not racy."""
    from govsite.cache import CacheFiles, output_folders

    files = CacheFiles(cache_dir(out))
    with (cache_dir(out) / "record.pickle").open("rb") as stream:
        record = pickle.load(stream)
    hour_ago = record.folders.taken_ns - 3_600_000_000_000
    for folder in record.folders.times:
        os.utime(out / folder, ns=(hour_ago, hour_ago))
    files.save(replace(record, folders=output_folders(out, record.output)))


def test_an_unchanged_output_is_known_by_the_stat_of_its_files_and_folders(tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """With the folders' times as recorded, a build with nothing to do lists no folder; a file added, or one
    changed in place, is still seen, and the next build equals a clean one."""
    import govsite.cache

    site = small_site(tmp_path / "site")
    out = tmp_path / "out"
    cached(site, out)
    cached(site, out)  # the second build records the folders of the output it swapped in
    _folders_seen_long_ago(out)
    with monkeypatch.context() as patched:
        patched.setattr(govsite.cache, "output_stamps", lambda *_args: pytest.fail("the output was listed"))
        assert cached(site, out).unchanged
    (out / "policies" / "extra.html").write_text("x", encoding="utf-8")
    assert not cached(site, out).unchanged and not (out / "policies" / "extra.html").exists()
    assert tree_digest(out) == clean(site, tmp_path / "clean")
    cached(site, out)
    _folders_seen_long_ago(out)
    page = next(out.rglob("index.html"))
    page.write_bytes(page.read_bytes() + b" ")
    assert not cached(site, out).unchanged and tree_digest(out) == clean(site, tmp_path / "clean")


def test_a_file_added_in_the_tick_the_folder_was_seen_is_found(tmp_path: Path) -> None:
    """A folder changed less than two seconds before the record saw it could change again within the same
    clock tick: its entries are listed (here a file added and the folder's time put back as recorded)."""
    site = small_site(tmp_path / "site")
    out = tmp_path / "out"
    cached(site, out)
    cached(site, out)
    folder = out / "policies"
    recorded = folder.stat().st_mtime_ns
    (folder / "extra.html").write_text("x", encoding="utf-8")
    os.utime(folder, ns=(recorded, recorded))
    assert not cached(site, out).unchanged and not (folder / "extra.html").exists()


def test_a_build_with_nothing_to_do_sees_the_folders_again_until_they_are_settled(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Folders changed just before the record saw them cannot be trusted by their time: the next build with
    nothing to do lists the output once and records the folders again, and the one after it lists nothing."""
    import govsite.cache

    site = small_site(tmp_path / "site")
    out = tmp_path / "out"
    cached(site, out)
    cached(site, out)
    hour_ago = time.time_ns() - 3_600_000_000_000
    for folder in (out, *(path for path in out.rglob("*") if path.is_dir())):
        os.utime(folder, ns=(hour_ago, hour_ago))  # as if written long ago (the files' stamps unchanged)
    listed: list[Path] = []
    with monkeypatch.context() as patched:
        patched.setattr(govsite.cache, "output_stamps", lambda out, *rest: listed.append(out) or output_stamps(out))
        assert cached(site, out).unchanged and listed == [out]  # not settled: listed, then recorded
        assert cached(site, out).unchanged and listed == [out]  # settled: known by stat alone
