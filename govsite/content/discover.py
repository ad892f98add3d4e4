"""Discovery: the only reader of the site folder. Finds Markdown sources and inventories other files."""

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


def discover(site: Path) -> Inventory:
    """Walk content/ in a stable order; hidden files and folders are skipped.

    A linked folder is followed when it stays inside the site (the demo mounts docs/editor as pages that
    way); a link that leads outside the site is an error and is not followed.
    """
    root = site / CONTENT
    sources: list[SourceFile] = []
    assets: dict[str, AssetFile] = {}
    data_files: dict[str, bytes] = {}
    outside: set[str] = set()
    problems: list[Diagnostic] = []
    site_real = site.resolve()
    if not root.is_dir():
        return Inventory((), {}, frozenset(), ())
    visited: set[str] = set()
    for folder, dirs, files in os.walk(root, followlinks=True):
        real = os.path.realpath(folder)
        if real in visited:  # a link back up the tree: walk each real folder once
            dirs[:] = []
            continue
        visited.add(real)
        kept = []
        for name in sorted(d for d in dirs if not d.startswith((".", "_"))):
            full = Path(folder) / name
            if full.is_symlink() and not _inside(full, site_real):
                rel = full.relative_to(site).as_posix()
                outside.add(rel)
                problems.append(error(rel, 1, "this folder is a link to a place outside the site folder",
                                      "replace the link with a copy of the folder"))
                continue
            kept.append(name)
        dirs[:] = kept
        for name in sorted(files):
            if name.startswith("."):
                continue
            full = Path(folder) / name
            rel = full.relative_to(site).as_posix()
            if full.is_symlink() and not _inside(full, site_real):
                outside.add(rel)
                if name.endswith(".md"):
                    problems.append(error(rel, 1, "this file is a link to a place outside the site folder",
                                          "replace the link with a copy of the file"))
                continue
            if name.endswith(".md"):
                sources.append(SourceFile(rel, full.read_bytes()))
            else:
                assets[rel] = _asset(full, rel)
                if name.lower().endswith(".csv"):
                    data_files[rel] = full.read_bytes()
    return Inventory(tuple(sources), assets, frozenset(outside), tuple(problems), data_files)


def _inside(path: Path, site_real: Path) -> bool:
    try:
        path.resolve().relative_to(site_real)
    except (ValueError, OSError):
        return False
    return True


def _asset(full: Path, rel: str) -> AssetFile:
    digest = hashlib.sha256()
    size = 0
    with full.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 16), b""):
            digest.update(chunk)
            size += len(chunk)
    mime = mimetypes.guess_type(full.name)[0] or "application/octet-stream"
    return AssetFile(rel, size, digest.hexdigest(), mime)
