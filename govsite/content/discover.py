"""Discovery: the only reader of the site folder. Finds Markdown sources, inventories other files and lists
the static files (the theme's and the site's)."""

from __future__ import annotations

import hashlib
import mimetypes
import os
from dataclasses import dataclass, field
from pathlib import Path

from govsite.errors import Diagnostic, error

CONTENT = "content"


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
class Inventory:
    """Everything discovery found."""

    sources: tuple[SourceFile, ...]
    assets: dict[str, AssetFile]
    outside_links: frozenset[str]  # symlinks under content/ that point outside the site
    diagnostics: tuple[Diagnostic, ...]
    data_files: dict[str, bytes] = field(default_factory=dict)  # CSV files, read for fund tables


@dataclass
class _Walk:
    """What one walk of content/ has found so far (local to one call of `discover`)."""

    site_real: str
    sources: list[SourceFile] = field(default_factory=list)
    assets: dict[str, AssetFile] = field(default_factory=dict)
    data_files: dict[str, bytes] = field(default_factory=dict)
    outside: set[str] = field(default_factory=set)
    problems: list[Diagnostic] = field(default_factory=list)
    visited: set[str] = field(default_factory=set)

    def inside(self, path: str) -> bool:
        real = os.path.realpath(path)
        return real == self.site_real or real.startswith(self.site_real + os.sep)


def discover(site: Path) -> Inventory:
    """Walk content/ in a stable order; hidden files and folders are skipped.

    A linked folder is followed when it stays inside the site (the demo mounts docs/editor as pages that
    way); a link that leads outside the site is an error and is not followed.
    """
    root = site / CONTENT
    if not root.is_dir():
        return Inventory((), {}, frozenset(), ())
    walk = _Walk(os.path.realpath(site))
    _folder(walk, str(root), CONTENT)
    return Inventory(tuple(walk.sources), walk.assets, frozenset(walk.outside), tuple(walk.problems),
                     walk.data_files)


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
        if entry.name.endswith(".md"):
            with open(entry.path, "rb") as stream:
                walk.sources.append(SourceFile(rel, stream.read()))
            return
        walk.assets[rel] = _asset(Path(entry.path), rel)
        if entry.name.lower().endswith(".csv"):
            with open(entry.path, "rb") as stream:
                walk.data_files[rel] = stream.read()
    except OSError as problem:
        walk.problems.append(_unreadable(entry, rel, problem))


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
