"""Discovery: the only reader of the site folder. Finds Markdown sources, inventories other files and lists
the static files (the theme's and the site's). Given what the last discovery read (`Known`, kept by
long-running processes), a file whose stat is unchanged and which last changed well before that snapshot is
taken from it instead of being read again."""

from __future__ import annotations

import hashlib
import mimetypes
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from govsite.errors import Diagnostic, error

CONTENT = "content"
# a file whose status changed this close before a snapshot is read again next time, however its stat looks:
# file times are coarse (a tick of several milliseconds), so a file saved twice in one tick with the same
# size would otherwise look unchanged ("racy git"); the margin also covers clocks that lag a little
RACY_NS = 2_000_000_000


@dataclass(frozen=True)
class SourceFile:
    """A Markdown source: its site-relative posix path and its bytes."""

    path: str
    data: bytes


@dataclass(frozen=True)
class AssetFile:
    """A non-Markdown file under content/ (attachment, CSV, image) and what the catalog shows about it."""

    path: str
    size: int
    sha256: str
    mime: str


@dataclass(frozen=True)
class Seen:
    """A file as discovery read it: its status (size, modification and change times, inode, device; of the
    file a link leads to) and what was read: the bytes of a source or CSV file, an asset's summary."""

    status: tuple[int, int, int, int, int]
    data: bytes | None = None
    asset: AssetFile | None = None


@dataclass(frozen=True)
class Known:
    """What one discovery read, by path in the site, and when it began (`taken_ns`, the clock's nanoseconds)."""

    files: Mapping[str, Seen] = field(default_factory=dict)
    taken_ns: int = 0

    def trusted(self, rel: str, status: tuple[int, int, int, int, int]) -> Seen | None:
        """What was read of `rel` last time, when it is certainly still its content: the same status, and its
        last change (the change time, which no program can set back) RACY_NS or more before that snapshot."""
        seen = self.files.get(rel)
        if seen is None or seen.status != status or status[2] >= self.taken_ns - RACY_NS:
            return None
        return seen


@dataclass(frozen=True)
class Inventory:
    """Everything discovery found."""

    sources: tuple[SourceFile, ...]
    assets: dict[str, AssetFile]
    outside_links: frozenset[str]  # symlinks under content/ that point outside the site
    diagnostics: tuple[Diagnostic, ...]
    data_files: dict[str, bytes] = field(default_factory=dict)  # CSV files, read for fund tables
    known: Known = field(default_factory=Known)  # what this discovery read, for the next one


@dataclass
class _Walk:
    """What one walk of content/ has found so far (local to one call of `discover`)."""

    site_real: str
    known: Known
    seen: dict[str, Seen] = field(default_factory=dict)
    sources: list[SourceFile] = field(default_factory=list)
    assets: dict[str, AssetFile] = field(default_factory=dict)
    data_files: dict[str, bytes] = field(default_factory=dict)
    outside: set[str] = field(default_factory=set)
    problems: list[Diagnostic] = field(default_factory=list)
    visited: set[str] = field(default_factory=set)

    def inside(self, path: str) -> bool:
        real = os.path.realpath(path)
        return real == self.site_real or real.startswith(self.site_real + os.sep)


def discover(site: Path, known: Known | None = None) -> Inventory:
    """Walk content/ in a stable order; hidden files and folders are skipped. A file `known` from the last
    discovery (Known.trusted) is not read again.

    A linked folder is followed when it stays inside the site (the demo mounts docs/editor as pages that
    way); a link that leads outside the site is an error and is not followed.
    """
    taken_ns = time.time_ns()
    root = site / CONTENT
    if not root.is_dir():
        return Inventory((), {}, frozenset(), (), known=Known({}, taken_ns))
    walk = _Walk(os.path.realpath(site), known if known is not None else Known())
    _folder(walk, str(root), CONTENT)
    return Inventory(tuple(walk.sources), walk.assets, frozenset(walk.outside), tuple(walk.problems),
                     walk.data_files, Known(walk.seen, taken_ns))


def _folder(walk: _Walk, folder: str, rel: str) -> None:
    """One folder (`rel`: its path in the site), its files and then its subfolders, each in name order; each
    real folder once (a link back up the tree is not walked twice)."""
    real = os.path.realpath(folder)
    if real in walk.visited:
        return
    walk.visited.add(real)
    with os.scandir(folder) as listing:
        entries = sorted(listing, key=lambda entry: entry.name)
    folders = []
    for entry in entries:
        if _is_dir(entry) and not entry.name.startswith((".", "_")):
            if entry.is_symlink() and not walk.inside(entry.path):
                walk.outside.add(f"{rel}/{entry.name}")
                walk.problems.append(error(f"{rel}/{entry.name}", 1, "this folder is a link to a place outside "
                                           "the site folder", "replace the link with a copy of the folder"))
            else:
                folders.append(entry)
    for entry in entries:
        if not _is_dir(entry) and not entry.name.startswith("."):
            _file(walk, entry, f"{rel}/{entry.name}")
    for entry in folders:
        _folder(walk, entry.path, f"{rel}/{entry.name}")


def _is_dir(entry: os.DirEntry[str]) -> bool:
    """A folder, or a link to one (as os.walk counts them)."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _file(walk: _Walk, entry: os.DirEntry[str], rel: str) -> None:
    if entry.is_symlink() and not walk.inside(entry.path):
        walk.outside.add(rel)
        if entry.name.endswith(".md"):
            walk.problems.append(error(rel, 1, "this file is a link to a place outside the site folder",
                                       "replace the link with a copy of the file"))
        return
    try:
        seen = _read(entry, rel, walk.known)
    except OSError as problem:
        walk.problems.append(_unreadable(entry, rel, problem))
        return
    walk.seen[rel] = seen
    if seen.asset is None:
        walk.sources.append(SourceFile(rel, seen.data or b""))
        return
    walk.assets[rel] = seen.asset
    if seen.data is not None:
        walk.data_files[rel] = seen.data


def _read(entry: os.DirEntry[str], rel: str, known: Known) -> Seen:
    """A file's content (a source's or CSV file's bytes, an asset's summary): as last read when `known`
    trusts it, else read now. Its status is taken before it is read, so a change while it is read leaves a
    status that no longer matches next time."""
    stat = os.stat(entry.path)
    status = (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino, stat.st_dev)
    seen = known.trusted(rel, status)
    if seen is not None:
        return seen
    if entry.name.endswith(".md"):
        return Seen(status, _bytes(entry.path))
    data = _bytes(entry.path) if entry.name.lower().endswith(".csv") else None
    return Seen(status, data, _asset(Path(entry.path), rel))


def _bytes(path: str) -> bytes:
    with open(path, "rb") as stream:
        return stream.read()


def _unreadable(entry: os.DirEntry[str], rel: str, problem: OSError) -> Diagnostic:
    """Why a file of content/ cannot be read: a link to nothing, or the system's reason."""
    if entry.is_symlink() and not os.path.exists(entry.path):
        return error(rel, 1, f"this is a link to '{os.readlink(entry.path)}', which does not exist",
                     "remove the link, or put back the file or folder it points to")
    return error(rel, 1, f"this file cannot be read ({problem.strerror or type(problem).__name__})",
                 "check that the file is there and that its permissions let govsite read it")


def _asset(full: Path, rel: str) -> AssetFile:
    digest = hashlib.sha256()
    size = 0
    with full.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 16), b""):
            digest.update(chunk)
            size += len(chunk)
    mime = mimetypes.guess_type(full.name)[0] or "application/octet-stream"
    return AssetFile(rel, size, digest.hexdigest(), mime)


def settings_files(site: Path) -> tuple[SourceFile, ...]:
    """site.yaml and the data/ YAML files as they are on disk (for `govsite check`'s TODO list)."""
    paths = [site / "site.yaml", *sorted((site / "data").glob("*.yaml"))]
    return tuple(SourceFile(p.relative_to(site).as_posix(), p.read_bytes()) for p in paths if p.is_file())


def static_files(theme_static: tuple[Path, ...], site: Path) -> dict[str, Path]:
    """Files copied as they are, by output path: the theme's static/ folders under static/ (given most
    specific first: the site's own theme before the built-in one, which it overrides file by file), then the
    site's own static/ folder at the output's root. Hidden files are left out, and symbolic links in the
    site's static/ (they may lead outside the site)."""
    copies: dict[str, Path] = {}
    for folder in reversed(theme_static):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                copies["static/" + path.relative_to(folder).as_posix()] = path
    site_static = site / "static"
    if site_static.is_dir():
        for path in sorted(site_static.rglob("*")):
            if path.is_file() and not path.name.startswith(".") and not path.is_symlink():
                copies[path.relative_to(site_static).as_posix()] = path
    return copies
