"""An old staging folder is set aside at once and removed while the build goes on, never left behind."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from helpers import build_site, catalog_doc, write_site

from govsite.write import DISCARD_SUFFIX, StageWriter, stage_dir


def _old_tree(folder: Path, files: int = 50) -> None:
    for i in range(files):
        page = folder / f"p{i % 5}/d{i}/index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"old page {i}", encoding="utf-8")


def _set_aside(out: Path) -> list[Path]:
    return sorted(out.parent.glob(f"{stage_dir(out).name}{DISCARD_SUFFIX}*"))


def test_an_old_staging_folder_is_set_aside_at_once_and_gone_after_the_build(tmp_path: Path) -> None:
    out = tmp_path / "out"
    stage = stage_dir(out)
    _old_tree(stage)
    writer = StageWriter(stage, None)
    writer("index.html", b"new")
    # the staging folder is fresh at once: none of the old files, whatever the removal has done so far
    assert sorted(p.relative_to(stage).as_posix() for p in stage.rglob("*")) == ["index.html"]
    writer.finish()
    assert _set_aside(out) == []
    assert (stage / "index.html").read_bytes() == b"new"


def test_folders_set_aside_by_a_killed_build_go_with_the_next_one(tmp_path: Path) -> None:
    out = tmp_path / "out"
    stage = stage_dir(out)
    left = stage.with_name(f"{stage.name}{DISCARD_SUFFIX}4242-0badf00d")  # its build was killed while removing
    _old_tree(left)
    writer = StageWriter(stage, None)
    writer.start()
    writer.finish()
    assert not left.exists()
    assert stage.is_dir() and not any(stage.iterdir())


def test_a_writer_that_never_started_removes_nothing(tmp_path: Path) -> None:
    stage = stage_dir(tmp_path / "out")
    _old_tree(stage, 3)
    writer = StageWriter(stage, None)  # a build that stopped on errors before its first page
    writer.finish()
    assert len(list(stage.rglob("*.html"))) == 3


def test_a_build_over_a_stale_staging_folder_leaves_only_its_output(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {"content/policies/2025/a.md": catalog_doc(title="新的文件")})
    out = tmp_path / "out"
    _old_tree(stage_dir(out), 200)
    result = build_site(site, out)
    assert result.returncode == 0, result.stderr
    assert "新的文件" in (out / "policies/2025/a/index.html").read_text(encoding="utf-8")
    assert not (out / "p0").exists()  # nothing of the old staging folder reached the output
    assert _set_aside(out) == []
    assert sorted(p.name for p in tmp_path.iterdir() if "discard" in p.name) == []


def test_without_a_process_to_remove_them_the_build_removes_them_itself(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    def no_process(*args: object, **kwargs: object) -> None:
        raise OSError("fork: Resource temporarily unavailable")

    out = tmp_path / "out"
    stage = stage_dir(out)
    _old_tree(stage)
    monkeypatch.setattr(subprocess, "Popen", no_process)
    writer = StageWriter(stage, None)
    writer.start()
    assert len(_set_aside(out)) == 1  # set aside all the same: the staging folder is fresh at once
    writer.finish()
    assert _set_aside(out) == []


def test_a_failed_build_does_not_wait_and_the_next_build_removes_what_is_left(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    class SlowRemoval:  # stands for the removal of a very large folder, still running
        def __init__(self, *args: object, **kwargs: object) -> None:
            pass

        def wait(self) -> int:
            raise AssertionError("a failed build waited for the old folder's removal")

    out = tmp_path / "out"
    stage = stage_dir(out)
    _old_tree(stage)
    with monkeypatch.context() as patch:
        patch.setattr(subprocess, "Popen", SlowRemoval)
        failed = StageWriter(stage, None)
        failed.start()
        failed.finish(succeeded=False)  # its error is reported at once
    assert len(_set_aside(out)) == 1
    following = StageWriter(stage, None)
    following.start()
    following.finish()
    assert _set_aside(out) == []
