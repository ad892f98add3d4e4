"""Writing the output plan: a fresh folder beside the old one, swapped in when complete (atomic).

Files whose bytes did not change are hard-linked from the previous output instead of written, so they keep
their inode and modification time and rsync or CDN uploads stay small.
"""

from __future__ import annotations

import ctypes
import filecmp
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TypeVar

from govsite.cache import digest_bytes
from govsite.output.ports import OutputPlan

T = TypeVar("T")


def safe_relative(rel: str) -> bool:
    """A relative output path that cannot escape the output folder."""
    parts = rel.split("/")
    return bool(rel) and not rel.startswith("/") and ".." not in parts and "" not in parts \
        and "\\" not in rel and "\x00" not in rel


def stage_dir(out: Path) -> Path:
    """The folder a build writes into before it replaces `out`."""
    return out.parent / f".{out.name}.govsite-new"


class _Folders:
    """Creates each parent folder once."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.made: set[Path] = set()

    def target(self, rel: str) -> Path:
        if not safe_relative(rel):
            raise ValueError(f"refusing to write outside the output folder: {rel!r}")
        target = self.root / rel
        if target.parent not in self.made:
            target.parent.mkdir(parents=True, exist_ok=True)
            self.made.add(target.parent)
        return target


def _same_bytes(old: Path, data: bytes) -> bool:
    try:
        if old.is_symlink() or old.stat().st_size != len(data):
            return False
        return old.read_bytes() == data
    except OSError:
        return False


def _link_or(old: Path, new: Path) -> bool:
    try:
        os.link(old, new)
    except OSError:
        return False
    return True


def link_or_copy(source: Path, target: Path) -> None:
    """`target` as a hard link to `source` where the file system allows it, else as a copy."""
    if not _link_or(source, target):
        shutil.copyfile(source, target)


DISCARD_SUFFIX = ".discard-"
REMOVE_FOLDERS = "import shutil, sys\nfor folder in sys.argv[1:]: shutil.rmtree(folder, ignore_errors=True)"


class Discard:
    """Folders set aside (renamed at once) and removed by another process while the build goes on.

    Removing a large output is slow (the old staging folder of a 100,000-document site: about a minute on a
    disk that discards freed blocks), and it is file-system work that can overlap the build's rendering.
    `finish` waits for the removal and removes anything left in this process, so that errors are not lost.
    Folders set aside by a build that was killed are removed with the next build's.
    """

    def __init__(self, folder: Path) -> None:
        self.folders: list[Path] = sorted(folder.parent.glob(f"{folder.name}{DISCARD_SUFFIX}*"))
        if folder.exists():
            aside = folder.with_name(f"{folder.name}{DISCARD_SUFFIX}{os.getpid()}-{os.urandom(4).hex()}")
            os.replace(folder, aside)
            self.folders.append(aside)
        self.process: subprocess.Popen[bytes] | None = None
        if self.folders:
            try:
                self.process = subprocess.Popen([sys.executable, "-c", REMOVE_FOLDERS, *map(str, self.folders)],
                                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                                stderr=subprocess.DEVNULL)
            except OSError:  # no process to spare: `finish` removes them here
                self.process = None

    def finish(self, wait: bool = True) -> None:
        """Wait for the removal and remove here what it left (raising what that meets); without `wait` (a
        build that failed or was stopped: its error comes first), leave it running: the next build removes
        whatever it has not."""
        if wait:
            if self.process is not None:
                self.process.wait()
            for folder in self.folders:
                if folder.exists():
                    shutil.rmtree(folder)
        self.process = None
        self.folders = []


class StageWriter:
    """Writes files into the staging folder, pages as soon as they are rendered (so that the whole output is
    never held in memory at once).

    The folder is made ready at the first file, so a build that stops before rendering changes nothing:
    emptied, or, when `spare` gives the digests of the files still in it (the build before last, kept by the
    build cache), kept as it is and only brought up to date. `before_first` runs then (the build cache drops
    its record, since the staging folder is about to change). A file whose bytes equal the same file of
    `previous` (the current output: by `current`'s digests where known, else by comparing bytes) is linked.
    """

    def __init__(self, stage: Path, previous: Path | None, spare: Mapping[str, bytes] | None = None,
                 current: Mapping[str, bytes] | None = None, before_first: Callable[[], None] | None = None) -> None:
        self.stage = stage
        self.previous = previous if previous is not None and previous.is_dir() else None
        self.spare = spare
        self.current = current or {}
        self.before_first = before_first
        self.folders: _Folders | None = None
        self.touched: set[str] = set()  # the files written or linked by this process
        self.discard: Discard | None = None  # an old staging folder being removed meanwhile

    @property
    def count(self) -> int:
        """How many files this process has written or linked."""
        return len(self.touched)

    def start(self) -> _Folders:
        """The folder, made ready on the first call."""
        if self.folders is None:
            if self.before_first is not None:
                self.before_first()
            if self.spare is None:
                self.discard = Discard(self.stage)
                self.stage.mkdir(parents=True)
            self.folders = _Folders(self.stage)
        return self.folders

    def finish(self, succeeded: bool = True) -> None:
        """The end of the build: after a success the old staging folder is gone; after a failure it may still
        be being removed (the next build removes what is left)."""
        if self.discard is not None:
            self.discard.finish(wait=succeeded)
            self.discard = None

    def __call__(self, rel: str, data: bytes, digest: bytes | None = None) -> None:
        """Write one file (its digest, when known, saves comparing bytes)."""
        target = self._target(rel, digest)
        if target is not None and not self._linked(rel, target, digest, data=data):
            target.write_bytes(data)

    def copy(self, rel: str, source: Path, digest: bytes | None = None) -> None:
        """A file copied from the site or the theme."""
        target = self._target(rel, digest)
        if target is not None and not self._linked(rel, target, digest, source=source):
            shutil.copyfile(source, target)

    def link(self, rel: str, digest: bytes) -> None:
        """A page the last build made from the same values: its file in the output is still right."""
        target = self._target(rel, digest)
        if target is not None and not self._linked(rel, target, digest):
            raise FileNotFoundError(f"the last output's {rel} is gone; build again without the cache")

    def _target(self, rel: str, digest: bytes | None) -> Path | None:
        """Where to make the file (removed first if the staging folder had it), or None when it is right there."""
        folders = self.start()
        if self.spare is not None and digest is not None and self.spare.get(rel) == digest:
            return None
        target = folders.target(rel)
        self.touched.add(rel)
        if self.spare is not None:
            target.unlink(missing_ok=True)  # never changed in place: it may be linked from the output
        return target

    def _linked(self, rel: str, target: Path, digest: bytes | None, data: bytes | None = None,
                source: Path | None = None) -> bool:
        """Link the output's file when it is already right (known by digest, else compared); whether it was."""
        if self.previous is None:
            return False
        old = self.previous / rel
        known = self.current.get(rel)
        if known is not None and digest is not None:
            same = known == digest
        elif data is not None:
            same = _same_bytes(old, data)
        elif source is not None:
            same = old.is_file() and not old.is_symlink() and filecmp.cmp(old, source, shallow=False)
        else:
            same = False
        return same and _link_or(old, target)


def write_plan(plan: OutputPlan, stage: Path, previous: Path | None = None, writer: StageWriter | None = None) -> None:
    """Write every file into an empty staging folder, reusing unchanged files of `previous` by hard link
    (pages the `writer` already wrote are left as they are)."""
    if writer is not None:
        _write_all(plan, writer)
        return
    own = StageWriter(stage, previous)
    finished(own, lambda: _write_all(plan, own), lambda _done: True)


def _write_all(plan: OutputPlan, writer: StageWriter) -> None:
    for rel, data in sorted(plan.files.items()):
        writer(rel, data)
    for rel, page in sorted(plan.kept.items()):  # only the build cache plans these
        writer.link(rel, page.output)
    for rel, source in sorted(plan.copies.items()):
        writer.copy(rel, source)


def finished(writer: StageWriter, work: Callable[[], T], ok: Callable[[T], bool]) -> T:
    """Run `work` (a build writing through `writer`), then end the writer: it waits for an old staging
    folder's removal only when the work succeeded (`ok`), so that a failure is reported at once."""
    try:
        result = work()
    except BaseException:
        writer.finish(succeeded=False)
        raise
    writer.finish(ok(result))
    return result


def _remove(stage: Path, rel: str) -> None:
    """Remove a file of the staging folder and the folders it leaves empty."""
    (stage / rel).unlink(missing_ok=True)
    parent = (stage / rel).parent
    while parent != stage:
        try:
            parent.rmdir()
        except OSError:  # not empty
            return
        parent = parent.parent


def update_stage(plan: OutputPlan, writer: StageWriter, digests: Mapping[str, bytes]) -> int:
    """Bring the staging folder, which holds the build before last (`writer.spare`: its files' digests), to
    the new output (`digests`): files it no longer has are removed, the others written through the writer,
    which leaves alone those already right (pages it wrote as they were rendered aside). The number of files
    written or linked here.
    """
    before = writer.count
    writer.start()
    for rel in sorted((writer.spare or {}).keys() - digests.keys()):
        _remove(writer.stage, rel)
    for rel, digest in digests.items():
        data = plan.files.get(rel)
        if rel in plan.written:
            continue
        if data is not None:
            writer(rel, data, digest)
        elif rel in plan.copies:
            writer.copy(rel, plan.copies[rel], digest)
        else:
            writer.link(rel, digest)
    return writer.count - before


RENAME_EXCHANGE = 2
AT_FDCWD = -100


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one atomic step (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)
    result = renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE)
    return bool(result == 0)


def swap_in(stage: Path, out: Path, keep_previous: bool = False) -> bool:
    """Replace `out` by `stage` so that `out` is at every moment either the whole old or the whole new output.

    Where the system can exchange two folders atomically (Linux), it does; elsewhere the old output is
    renamed aside first, and a folder left aside by an interrupted swap is put back by the next build.
    With `keep_previous`, the old output is left at `stage` (the next build updates it instead of writing
    everything again); returns whether it was.
    """
    old = out.parent / f".{out.name}.govsite-old"
    if old.exists() and not out.exists():
        os.replace(old, out)  # an earlier swap was interrupted between its two renames
    if old.exists():
        shutil.rmtree(old)
    if out.exists() and _exchange(stage, out):
        if not keep_previous:
            shutil.rmtree(stage)  # now holds the previous output
        return keep_previous
    if out.exists():
        os.replace(out, old)
    os.replace(stage, out)
    if old.exists():
        shutil.rmtree(old)
    return False


def write_changed(plan: OutputPlan, out: Path, previous: dict[str, bytes],
                  keep: tuple[str, ...] = ()) -> dict[str, bytes]:
    """Preview builds: update `out` in place, writing only changed files and removing vanished ones.

    `previous` maps each path written last time to its content (the very objects the memos hold, so keeping
    them costs no memory, and an unchanged page is recognised by identity); the new map is returned.
    Top-level folders named in `keep` (e.g. the search index) are left alone.
    """
    folders = _Folders(out)
    digests: dict[str, bytes] = {}
    for rel, data in plan.files.items():
        digests[rel] = data
        before = previous.get(rel)
        if before is not data and before != data:
            folders.target(rel).write_bytes(data)
    for rel, key in plan.kept.items():  # pages the last build made from what is read the same now
        digests[rel] = previous.get(rel, key.output)
    for rel, source in plan.copies.items():
        stat = source.stat()
        digest = digest_bytes(f"{source}\0{stat.st_size}\0{stat.st_mtime_ns}".encode())
        digests[rel] = digest
        if previous.get(rel) != digest:
            shutil.copyfile(source, folders.target(rel))
    for rel in set(previous) - set(digests):
        if rel.split("/", 1)[0] not in keep:
            (out / rel).unlink(missing_ok=True)
    return digests
