"""A progress line for long builds on a terminal: the stage, how many done and the seconds left.

It appears only when the stream is a terminal and a stage has run for a moment (small sites build without
it), redraws itself at most ten times a second, and is erased when the stage ends, so nothing of it is left
in the build's output. Anywhere else (a pipe, a log file, CI) it writes nothing at all.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

Report = Callable[[int, int], None]
"""Called with (done, total) as a stage goes on."""

BAR_WIDTH = 24


def silent(done: int, total: int) -> None:
    """The report of a build without a progress line."""


@dataclass(frozen=True)
class Progress:
    """Where and whether to draw progress lines."""

    stream: TextIO
    enabled: bool
    delay: float = 0.5  # seconds a stage runs before its line appears

    @classmethod
    def for_terminal(cls, stream: TextIO | None = None) -> Progress:
        """Enabled when the stream (standard error by default) is a terminal that can redraw a line."""
        stream = stream if stream is not None else sys.stderr
        return cls(stream, stream.isatty() and os.environ.get("TERM") != "dumb")

    @classmethod
    def quiet(cls) -> Progress:
        """No progress lines (a build run by another program, the preview, a test)."""
        return cls(sys.stderr, False)

    def stage(self, label: str) -> Report:
        """The report function of one stage (e.g. "rendering pages")."""
        if not self.enabled:
            return silent
        started = time.monotonic()
        drawn = [0.0, False]  # when the line was last drawn, whether it is on screen

        def report(done: int, total: int) -> None:
            now = time.monotonic()
            finished = done >= total
            if finished:
                if drawn[1]:
                    self.stream.write("\r\x1b[K")
                    self.stream.flush()
                return
            if now - started < self.delay or now - float(drawn[0]) < 0.1 or done <= 0:
                return
            drawn[0], drawn[1] = now, True
            self.stream.write("\r" + progress_line(label, done, total, now - started) + "\x1b[K")
            self.stream.flush()
        return report


def progress_line(label: str, done: int, total: int, elapsed: float) -> str:
    """E.g. `rendering pages [##########..............] 6,250/15,098, about 9 s left`."""
    total = max(total, 1)
    done = min(max(done, 0), total)
    filled = BAR_WIDTH * done // total
    left = elapsed * (total - done) / done if done else 0.0
    when = f"about {left:.0f} s left" if left >= 1 else "less than a second left"
    return f"{label} [{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done:,}/{total:,}, {when}"
