"""The site as an inspector's crawler sees it: the pages reached from the home page through links, the home
page's and the main navigation's links, and internal links that lead nowhere (read from rendered pages)."""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

import lxml.html

SKIPPED = ("pagefind/",)  # the search index is built after the pages; check does not build it


@dataclass(frozen=True)
class DeadLink:
    """A link on a built page to an address of the site where nothing is."""

    page: str
    target: str
    line: int


@dataclass(frozen=True)
class Crawl:
    """What a crawler starting at index.html finds: page paths are output paths (folder/index.html)."""

    reached: frozenset[str]
    home_links: frozenset[str]
    nav_links: frozenset[str]
    dead: tuple[DeadLink, ...]


def target_of(href: str, base_path: str) -> str | None:
    """The output path a link leads to, or None when it leaves the site (another host, mailto:, #…)."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path.startswith(base_path):
        return None
    rel = unquote(parts.path[len(base_path):])
    return rel + "index.html" if rel == "" or rel.endswith("/") else rel


def _links(data: bytes, base_path: str) -> tuple[list[tuple[str, str, int]], set[str]]:
    """Every internal link (href, target, line) of a page, and the targets of its main navigation."""
    root = lxml.html.document_fromstring(data)
    links: list[tuple[str, str, int]] = []
    nav: set[str] = set()
    for anchor in root.iter("a"):
        href = anchor.get("href")
        target = target_of(href, base_path) if href else None
        if href and target is not None:
            links.append((href, target, anchor.sourceline or 1))
    for anchor in root.xpath('//nav[contains(concat(" ", @class, " "), " main-nav ")]//a[@href]'):
        target = target_of(anchor.get("href"), base_path)
        if target is not None:
            nav.add(target)
    return links, nav


def crawl(pages: Mapping[str, bytes], paths: frozenset[str], base_path: str) -> Crawl:
    """Breadth-first from index.html over the HTML pages; `paths` are all output files (pages and copies)."""
    if "index.html" not in pages:
        return Crawl(frozenset(), frozenset(), frozenset(), ())
    home, nav = _links(pages["index.html"], base_path)
    reached = {"index.html"}
    queue = deque(["index.html"])
    dead: list[DeadLink] = []
    while queue:
        page = queue.popleft()
        links = home if page == "index.html" else _links(pages[page], base_path)[0]
        for href, target, line in links:
            if target.startswith(SKIPPED):
                continue
            if target not in paths:
                dead.append(DeadLink(page, href, line))
            elif target.endswith(".html") and target in pages and target not in reached:
                reached.add(target)
                queue.append(target)
    return Crawl(frozenset(reached), frozenset(t for _h, t, _l in home), frozenset(nav), tuple(dead))
