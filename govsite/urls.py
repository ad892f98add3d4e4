"""URL functions: source path → page path, percent-encoding, joining the base path. Pure and total."""

from __future__ import annotations

import posixpath
from functools import lru_cache
from urllib.parse import quote


def page_path(rel_path: str, slug: str = "") -> str:
    """`content/policies/2025/tongzhi.md` → `policies/2025/tongzhi/` (the slug replaces the stem)."""
    parts = rel_path.split("/")
    if parts and parts[0] == "content":
        parts = parts[1:]
    stem = parts[-1][:-3] if parts[-1].endswith(".md") else parts[-1]
    parts[-1] = slug or stem
    return "/".join(p for p in parts if p) + "/"


@lru_cache(maxsize=1 << 16)
def encode(path: str) -> str:
    """Percent-encode a relative path for use in a link; '/' stays, non-ASCII becomes UTF-8 %XX."""
    return quote(path, safe="/-._~")


def join_base(base_path: str, rel: str) -> str:
    """`/xxgk/` + `catalog/` → `/xxgk/catalog/`; `rel` must already be encoded."""
    base = base_path if base_path.endswith("/") else base_path + "/"
    return base + rel.lstrip("/")


def resolve_relative(from_file: str, target: str) -> str | None:
    """Resolve a link written in `from_file` (site-relative) to a site-relative path; None if it escapes."""
    if target.startswith("/"):
        return None
    folder = posixpath.dirname(from_file)
    joined = posixpath.normpath(posixpath.join(folder, target))
    if joined.startswith("..") or joined.startswith("/") or joined == ".":
        return None
    return joined


def is_external(href: str) -> bool:
    """True for links that leave the site (a scheme or protocol-relative) and for fragments/queries only."""
    lowered = href.strip().lower()
    return (
        "://" in lowered
        or lowered.startswith(("//", "mailto:", "tel:", "#", "?", "javascript:", "data:"))
    )
