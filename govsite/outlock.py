"""One build at a time into an output folder: an exclusive lock on the folder that holds it.

Two builds into one output at once (a build started while another still runs, overlapping CI jobs, an editor
running `make build` twice) would share the staging folder and the build cache beside the output: one could
publish pages of the other, and leave a cache that describes neither. So a build locks the output's parent
folder from before it reads the cache until its output is swapped in and the cache saved; a second build
waits, saying so. The lock is the operating system's (flock on the folder itself): no file is written, and
it goes with the process, so a killed build never leaves it held. Builds into other folders of the same
parent wait for each other too, which costs only time.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: builds are not locked
    fcntl = None  # type: ignore[assignment]


def locked_folder(out: Path) -> Path:
    """The folder whose lock guards `out`: its parent, or the nearest folder above that exists yet."""
    folder = out.absolute().parent
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent
    return folder


@contextmanager
def output_lock(out: Path, waiting: Callable[[str], None]) -> Iterator[None]:
    """Hold the lock of `out` for the block; `waiting` hears, once, that another build holds it."""
    if fcntl is None:  # pragma: no cover
        yield
        return
    folder = locked_folder(out)
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError as problem:
        waiting(_unlocked(folder, problem))
        yield
        return
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            waiting(f"another govsite build into {folder} is running; waiting for it to finish")
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        except OSError as problem:  # e.g. a network file system without locks: build all the same
            waiting(_unlocked(folder, problem))
        yield
    finally:
        os.close(descriptor)  # releases the lock


def _unlocked(folder: Path, problem: OSError) -> str:
    return (f"cannot lock {folder} ({problem.strerror or type(problem).__name__}): building without waiting "
            "for other builds; do not start two builds into it at once")
