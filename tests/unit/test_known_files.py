"""Discovery with what the last discovery read (govsite.content.discover.Known): a file is taken from it only
when its status is unchanged and it last changed well before that snapshot; anything else is read again."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from helpers import NOW, catalog_doc, write_site

from govsite.content.discover import RACY_NS, Inventory, Known, Seen, discover
from govsite.memo import BuildMemo
from govsite.serve import PreviewState, rebuild


def _site(tmp_path: Path) -> Path:
    (tmp_path / "content" / "news").mkdir(parents=True)
    (tmp_path / "content" / "news" / "a.md").write_bytes(b"---\ntitle: AAAA\n---\nbody\n")
    (tmp_path / "content" / "news" / "table.csv").write_bytes(b"x,y\n1,2\n")
    (tmp_path / "content" / "news" / "file.pdf").write_bytes(b"%PDF-1.4 one")
    return tmp_path


def _aged(known: Known) -> Known:
    """The same snapshot as if it had been taken long after every file last changed."""
    return replace(known, taken_ns=known.taken_ns + 10 * RACY_NS)


def _marked(known: Known, rel: str, data: bytes) -> Known:
    """`known` with other bytes recorded for `rel`: a discovery that returns them took the file from `known`."""
    seen = known.files[rel]
    return replace(known, files={**known.files, rel: replace(seen, data=data)})


def _source(inventory: Inventory, rel: str) -> bytes:
    return next(source.data for source in inventory.sources if source.path == rel)


def test_an_unchanged_old_file_is_taken_from_what_was_read(tmp_path: Path) -> None:
    site = _site(tmp_path)
    known = _aged(discover(site).known)
    again = discover(site, _marked(known, "content/news/a.md", b"remembered"))
    assert _source(again, "content/news/a.md") == b"remembered"
    assert again.assets["content/news/file.pdf"] is known.files["content/news/file.pdf"].asset
    assert again.data_files["content/news/table.csv"] is known.files["content/news/table.csv"].data


def test_a_file_rewritten_in_the_same_tick_with_the_same_size_is_read_again(tmp_path: Path) -> None:
    site = _site(tmp_path)
    path = site / "content" / "news" / "a.md"
    first = discover(site)
    before = os.stat(path)
    path.write_bytes(b"---\ntitle: BBBB\n---\nbody\n")  # same size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # and the same modification time
    assert os.stat(path).st_size == before.st_size
    assert _source(discover(site, first.known), "content/news/a.md") == b"---\ntitle: BBBB\n---\nbody\n"


def test_a_file_changed_just_before_the_snapshot_is_read_again(tmp_path: Path) -> None:
    site = _site(tmp_path)
    known = discover(site).known  # every file changed within RACY_NS of it
    again = discover(site, _marked(known, "content/news/a.md", b"remembered"))
    assert _source(again, "content/news/a.md") == b"---\ntitle: AAAA\n---\nbody\n"


def test_a_changed_status_is_read_again_however_old_the_snapshot(tmp_path: Path) -> None:
    site = _site(tmp_path)
    known = _aged(discover(site).known)
    path = site / "content" / "news" / "a.md"
    replacement = site / "content" / "news" / ".new"
    replacement.write_bytes(b"---\ntitle: CCCC\n---\nbody\n")
    os.replace(replacement, path)  # an editor's save: another inode
    (site / "content" / "news" / "file.pdf").write_bytes(b"%PDF-1.4 two, longer")
    again = discover(site, known)
    assert _source(again, "content/news/a.md") == b"---\ntitle: CCCC\n---\nbody\n"
    assert again.assets["content/news/file.pdf"].size == len(b"%PDF-1.4 two, longer")


def test_new_and_removed_files_are_seen(tmp_path: Path) -> None:
    site = _site(tmp_path)
    known = _aged(discover(site).known)
    (site / "content" / "news" / "a.md").unlink()
    (site / "content" / "news" / "b.md").write_bytes(b"---\ntitle: B\n---\n")
    again = discover(site, known)
    assert [source.path for source in again.sources] == ["content/news/b.md"]
    assert set(again.known.files) == {"content/news/b.md", "content/news/table.csv", "content/news/file.pdf"}


def test_known_trusts_only_the_same_status_changed_long_before() -> None:
    status = (10, 1_000, 1_000, 7, 1)
    known = Known({"content/a.md": Seen(status, b"x")}, taken_ns=1_000 + RACY_NS + 1)
    assert known.trusted("content/a.md", status) is not None
    assert known.trusted("content/a.md", (10, 1_000, 1_001, 7, 1)) is None  # changed again (chmod, rewrite)
    assert known.trusted("content/b.md", status) is None
    assert replace(known, taken_ns=1_000 + RACY_NS).trusted("content/a.md", status) is None


def test_the_preview_sees_a_title_rewritten_in_the_same_tick_with_the_same_size(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {"content/policies/a.md": catalog_doc(title="关于甲项工作的通知")})
    out, state, memo = tmp_path / "out", PreviewState(), BuildMemo()
    rebuild(site, out, state, memo, NOW, search=False)
    path = site / "content" / "policies" / "a.md"
    before = os.stat(path)
    text = path.read_text(encoding="utf-8").replace("关于甲项工作的通知", "关于乙项工作的通知")
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(path).st_size == before.st_size
    rebuild(site, out, state, memo, NOW, search=False)
    assert state.errors == []
    page = next((out / "policies").rglob("index.html")).read_text(encoding="utf-8")
    assert "关于乙项工作的通知" in page and "关于甲项工作的通知" not in page
