"""The output lock: a second holder waits; a file system that cannot lock builds anyway, saying so."""

from __future__ import annotations

import errno
import threading
import time
from pathlib import Path

import pytest

from govsite import outlock
from govsite.outlock import locked_folder, output_lock


def test_the_lock_is_the_parent_or_the_nearest_existing_folder_above(tmp_path: Path) -> None:
    assert locked_folder(tmp_path / "out") == tmp_path
    assert locked_folder(tmp_path / "not/yet/there/out") == tmp_path


def test_a_second_holder_waits_for_the_first(tmp_path: Path) -> None:
    out = tmp_path / "out"
    heard: list[str] = []
    order: list[str] = []

    def second() -> None:
        with output_lock(out, heard.append):
            order.append("second")

    with output_lock(out, heard.append):
        thread = threading.Thread(target=second)
        thread.start()
        time.sleep(0.3)
        order.append("first done")
    thread.join(timeout=10)
    assert order == ["first done", "second"]
    assert heard == [f"another govsite build into {tmp_path} is running; waiting for it to finish"]


def test_a_file_system_without_locks_builds_anyway_and_says_so(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    def no_locks(fd: int, operation: int) -> None:
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(outlock.fcntl, "flock", no_locks)
    heard: list[str] = []
    with output_lock(tmp_path / "out", heard.append):
        pass
    assert heard == [f"cannot lock {tmp_path} (No locks available): building without waiting for other builds; "
                     "do not start two builds into it at once"]
