"""The progress line: drawn on a terminal after a moment, erased at the end, never anywhere else."""

from __future__ import annotations

import io
import time
from pathlib import Path

from helpers import build_site, catalog_doc, write_site

from govsite.parallel import run_jobs
from govsite.progress import Progress, progress_line


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_line_shows_the_stage_the_count_and_the_time_left() -> None:
    assert progress_line("rendering pages", 6250, 15098, 5.0) == \
        "rendering pages [#########...............] 6,250/15,098, about 7 s left"
    assert progress_line("parsing", 99, 100, 1.0).endswith("99/100, less than a second left")


def test_on_a_terminal_it_is_drawn_and_erased_at_the_end() -> None:
    screen = Terminal()
    report = Progress(screen, enabled=True, delay=0.0).stage("rendering pages")
    jobs = [lambda: time.sleep(0.002) for _ in range(400)]
    run_jobs(jobs, workers=1, report=report)
    shown = screen.getvalue()
    assert "rendering pages [" in shown and "/400, " in shown
    assert shown.endswith("\r\x1b[K")  # nothing of it stays on the screen


def test_a_short_stage_draws_nothing() -> None:
    screen = Terminal()
    report = Progress(screen, enabled=True, delay=60.0).stage("parsing")
    run_jobs([lambda: None for _ in range(50)], workers=1, report=report)
    assert screen.getvalue() == ""


def test_not_a_terminal_means_silent(tmp_path: Path) -> None:
    assert not Progress.for_terminal(io.StringIO()).enabled
    assert Progress.for_terminal(Terminal()).enabled
    site = write_site(tmp_path / "site", {f"content/policies/d{i}.md": catalog_doc(
        index_no=f"11440000MB2C12345X/2025-{i:05d}") for i in range(1, 30)})
    run = build_site(site, tmp_path / "o")
    assert run.returncode == 0, run.stderr
    assert "\r" not in run.stderr and "\x1b" not in run.stderr and "[#" not in run.stdout + run.stderr
