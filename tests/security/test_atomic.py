"""Spec 4: a build is atomic (the old output stays whole until the new one is complete) and reproducible.

- the kill test: a ~1500-document site built into OUT, then a build of a changed site SIGKILLed while it
  writes its staging folder `.OUT.govsite-new`: OUT must be exactly the first build, and the next build
  must complete over the leftovers;
- a kill at any step of the swap (simulated in-process) must leave OUT whole, old or new;
- two builds with the same inputs and --now are byte-identical (pagefind/ excepted), and SOURCE_DATE_EPOCH
  naming the same instant gives the same bytes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from helpers import NOW, REPO_ROOT, build_args, build_site, catalog_doc, tree_digest, write_site
from security_helpers import build

import govsite.uncached
import govsite.write
from govsite.outlock import output_lock
from govsite.write import stage_dir

DOCUMENTS = 1500


DOC = """---
title: {revision}关于第{i}项工作的通知
index_no: 11440000MB2C12345X/2025-{i:05d}
agency: czt
written: 2025-03-01
topic: 财政、金融、审计
genre: 通知
review: 已审查
---

## 正文

{revision}第{i}项工作的具体安排如下，请认真贯彻执行。
"""


def _big_site(root: Path, revision: str) -> Path:
    files = {f"content/policies/2025/d{i:04d}.md": DOC.format(revision=revision, i=i)
             for i in range(1, DOCUMENTS + 1)}
    return write_site(root, files)


def _child_env() -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "PYTHONIOENCODING": "utf-8"}
    env.pop("SOURCE_DATE_EPOCH", None)
    return env


def test_a_killed_build_leaves_the_previous_output_whole(tmp_path: Path) -> None:
    out = tmp_path / "out"
    stage = tmp_path / ".out.govsite-new"
    first = build(_big_site(tmp_path / "site1", "初版"), out)
    assert first.code == 0, first.stderr
    before = tree_digest(out)
    assert len(before) > DOCUMENTS

    changed = _big_site(tmp_path / "site2", "修订版")
    with subprocess.Popen([sys.executable, "-m", "govsite", *build_args(changed, out)], stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE,
                          env=_child_env()) as child:
        deadline = time.monotonic() + 60
        while child.poll() is None and not stage.exists() and time.monotonic() < deadline:
            time.sleep(0.001)
        if child.poll() is not None:
            pytest.fail(f"the second build ended (status {child.returncode}) before it could be killed: "
                        f"{child.stderr.read().decode(errors='replace') if child.stderr else ''}")
        time.sleep(0.02)  # let it write a part of the staging folder
        child.kill()  # SIGKILL
        child.wait()
    assert child.returncode == -9
    assert stage.exists()  # killed partway: the staging folder is left behind
    staged = len(tree_digest(stage))
    print(f"killed with {staged} of about {len(before)} files staged")

    assert tree_digest(out) == before  # every file identical, none added or removed
    assert (out / "index.html").is_file()

    third = build(changed, out)  # completes over the leftover staging folder
    assert third.code == 0, third.stderr
    after = tree_digest(out)
    assert set(after) == set(before)
    assert after["policies/2025/d0001/index.html"] != before["policies/2025/d0001/index.html"]
    assert "修订版关于第1500项工作的通知" in (out / "policies/2025/d1500/index.html").read_text(encoding="utf-8")
    # the staging folder now holds the output before this build (kept for the next build to update)
    assert tree_digest(stage) == before
    assert not (tmp_path / ".out.govsite-old").exists()


def _small_site(root: Path, revision: str) -> Path:
    return write_site(root, {
        f"content/policies/2025/d{i}.md": catalog_doc(index_no=f"11440000MB2C12345X/2025-{i:05d}",
                                                      title=f"{revision}文件{i}")
        for i in range(1, 6)
    })


class _Killed(BaseException):
    """Stands for a SIGKILL: nothing after it runs, no cleanup either."""


class _KillSwitch:
    """Counts the renames and removals made inside the swap and raises _Killed before the `step`-th one."""

    def __init__(self, step: int) -> None:
        self.step = step
        self.calls: list[str] = []
        self.active = False

    def counted(self, name: str, real: Callable[..., object]) -> Callable[..., object]:
        def call(*args: object, **kwargs: object) -> object:
            if self.active:
                self.calls.append(f"{name}{tuple(os.fspath(a) for a in args if isinstance(a, (str, Path)))}")
                if len(self.calls) == self.step:
                    raise _Killed
            return real(*args, **kwargs)
        return call

    def swap(self, real_swap: Callable[..., object]) -> Callable[..., object]:
        def call(stage: Path, target: Path, **options: object) -> object:
            self.active = True
            try:
                return real_swap(stage, target, **options)
            finally:
                self.active = False
        return call


def test_a_kill_at_any_step_of_the_swap_leaves_out_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The swap that puts the new output in place (write.swap_in) is interrupted before its 1st, 2nd, …
    rename or removal: each time OUT must be the whole old or the whole new output, never missing or mixed,
    and the next build must complete. Without the cache: the build with it keeps the old output at the
    staging folder, so its swap is one exchange of the two folders (Linux), with no step to interrupt.

    (The first version renamed OUT aside and then the staging folder to OUT: a kill between the two left no
    OUT at all, and every build had that window in which a web server serving OUT answered 404.)
    """
    site1, site2 = _small_site(tmp_path / "site1", "初版"), _small_site(tmp_path / "site2", "修订版")
    assert build(site2, tmp_path / "expected").code == 0
    new = tree_digest(tmp_path / "expected")
    real_swap, real_replace, real_rmtree = govsite.write.swap_in, os.replace, shutil.rmtree
    for step in range(1, 10):
        out = tmp_path / f"out{step}"
        assert build(site1, out).code == 0
        old = tree_digest(out)
        switch = _KillSwitch(step)
        monkeypatch.setattr(govsite.uncached, "swap_in", switch.swap(real_swap))
        monkeypatch.setattr(govsite.write.os, "replace", switch.counted("os.replace", real_replace))
        monkeypatch.setattr(govsite.write.shutil, "rmtree", switch.counted("shutil.rmtree", real_rmtree))
        try:
            build(site2, out, "--no-cache")
            killed = False
        except _Killed:
            killed = True
        monkeypatch.undo()
        state = tree_digest(out) if out.is_dir() else None
        assert state in (old, new), (f"killed before {switch.calls[-1]} (step {step}): OUT is "
                                     f"{'missing' if state is None else 'neither the old nor the new output'}; "
                                     f"steps: {switch.calls}")
        assert build(site2, out).code == 0 and tree_digest(out) == new  # the next build completes
        if not killed:  # the swap had fewer steps than `step`: every one of them was interrupted once
            assert step > 1, f"the kill never came (step {step}): the swap was not the one patched"
            break


def test_leftover_staging_and_old_folders_do_not_break_a_build(tmp_path: Path) -> None:
    out = tmp_path / "out"
    for leftover in (tmp_path / ".out.govsite-new", tmp_path / ".out.govsite-old"):
        (leftover / "policies/2025/junk").mkdir(parents=True)
        (leftover / "policies/2025/junk/index.html").write_text("JUNK", encoding="utf-8")
        (leftover / "index.html").write_text("JUNK", encoding="utf-8")
    site = _small_site(tmp_path / "site", "初版")
    assert build(site, out).code == 0
    assert not (out / "policies/2025/junk").exists()
    assert "JUNK" not in (out / "index.html").read_text(encoding="utf-8")
    assert not (tmp_path / ".out.govsite-old").exists()  # .out.govsite-new may stay: the previous output, kept
    fresh = tmp_path / "fresh"
    assert build(site, fresh).code == 0
    assert tree_digest(out) == tree_digest(fresh)


@pytest.mark.parametrize("cache", ["cache", "no-cache"])
def test_a_build_waits_while_another_build_writes_beside_it(tmp_path: Path, cache: str) -> None:
    """Two builds into one folder at once would share the staging folder and the cache: the second waits."""
    site = _small_site(tmp_path / "site", "初版")
    out = tmp_path / "out"
    heard: list[str] = []
    no_cache = ["--no-cache"] if cache == "no-cache" else []
    command = [sys.executable, "-m", "govsite", *build_args(site, out, *no_cache)]
    with output_lock(out, heard.append):  # stands for a build that is writing
        child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_child_env(),
                                 text=True, encoding="utf-8")
        try:
            assert child.stderr is not None
            note = child.stderr.readline()  # printed before it waits
            assert "another govsite build into" in note and "waiting for it to finish" in note, note
            time.sleep(0.5)
            assert child.poll() is None  # still waiting: nothing written yet
            assert not out.exists() and not stage_dir(out).exists()
        except BaseException:
            child.kill()
            raise
    stdout, stderr = child.communicate(timeout=120)  # the lock released: it builds
    assert child.returncode == 0, stderr
    assert "built 5 published documents" in stdout
    assert heard == []  # this test's own lock was free


def _varied_site(root: Path) -> Path:
    """A small site with every kind of page: attachments, tenders, funds, pages, topics, Unicode names."""
    tender = {"project_code": "ZB-2025-001", "purchaser": "示例省财政厅"}
    return write_site(root, {
        "content/policies/2025/通知 一.md": catalog_doc(attachments=[{"file": "附件.txt", "title": "附件一"}],
                                                      keywords=["预算", "执行"]),
        "content/policies/2025/附件.txt": "附件内容\n",
        "content/policies/2024/b.md": catalog_doc(index_no="11440000MB2C12345X/2024-00002", written="2024-05-06",
                                                  validity="废止", repealed="2025-01-01"),
        "content/tenders/2025/zb.md": catalog_doc(index_no="11440000MB2C12345X/2025-00003", stage="招标公告",
                                                  method="公开招标", budget="1000000.00",
                                                  deadline="2026-12-30 09:30", **tender),
        "content/funds/2025/zj.md": catalog_doc(index_no="11440000MB2C12345X/2025-00004", fund="专项资金",
                                                fiscal_year=2025, rows=[{"item": "甲", "budget": "10.5",
                                                                         "spent": "3.25"}]),
        "content/pages/关于.md": "---\ntitle: 关于本站\nmenu: 1\n---\n\n介绍。\n",
        "content/topics/zt.md": "---\ntitle: 专题\nmatch:\n  topic: 财政、金融、审计\n---\n\n专题介绍。\n",
    })


def test_builds_are_byte_identical_with_now_and_with_source_date_epoch(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    site = _varied_site(tmp_path / "site")
    outs = [tmp_path / "a", tmp_path / "b", tmp_path / "c"]
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    runs = [build(site, outs[0], search=True), build(site, outs[1], search=True)]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(datetime.fromisoformat(NOW).timestamp())))
    runs.append(build(site, outs[2], search=True, now=None))
    for run in runs:
        assert run.code == 0, run.stderr
    digests = [tree_digest(out, skip_top=("pagefind",)) for out in outs]
    assert (outs[0] / "pagefind").is_dir() and len(digests[0]) > 40
    assert digests[0] == digests[1]
    assert digests[2] == digests[0]


def test_the_command_line_with_source_date_epoch_gives_the_same_bytes(tmp_path: Path) -> None:
    site = _varied_site(tmp_path / "site")
    epoch = int(datetime.fromisoformat(NOW).timestamp())
    with_now = build_site(site, tmp_path / "a")
    with_epoch = build_site(site, tmp_path / "b", now=None, env={"SOURCE_DATE_EPOCH": str(epoch)})
    assert with_now.returncode == 0 and with_epoch.returncode == 0, with_now.stderr + with_epoch.stderr
    assert tree_digest(tmp_path / "a") == tree_digest(tmp_path / "b")
