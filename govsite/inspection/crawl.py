"""The site as an inspector's crawler sees it: the pages reached from the home page through links, the home
page's and the main navigation's links, and internal links that lead nowhere. Worked out from each page's
extract (govsite.inspection.extract): a build reads again only the pages that changed, then this is set work."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from govsite.inspection.extract import PageExtract, extract_all, page_links, target_of
from govsite.progress import Report, silent

SKIPPED = ("pagefind/",)  # the search index is built after the pages; check does not build it


@dataclass(frozen=True)
class DeadLink:
    """A link on a built page to an address of the site where nothing is."""

    page: str
    target: str
    line: int


@dataclass(frozen=True)
class Crawl:
    """What a crawler starting at index.html finds: page paths are output paths (folder/index.html);
    `extracts` are those of the reached pages."""

    reached: frozenset[str]
    home_links: frozenset[str]
    nav_links: frozenset[str]
    dead: tuple[DeadLink, ...]
    extracts: Mapping[str, PageExtract] = field(default_factory=dict)


def crawl(pages: Mapping[str, bytes], paths: frozenset[str], base_path: str, report: Report = silent) -> Crawl:
    """The crawl of rendered `pages` (output path → HTML); `paths` are all output files (pages and copies)."""
    return crawl_extracts(extract_all(pages, base_path, report), paths, base_path)


def crawl_extracts(extracts: Mapping[str, PageExtract], paths: frozenset[str], base_path: str) -> Crawl:
    """Breadth-first from index.html over the pages whose `extracts` are given (every HTML file of the output);
    `paths` are all output files. Dead links are listed page by page (pages in path order), each page's in
    its order."""
    if "index.html" not in extracts:
        return Crawl(frozenset(), frozenset(), frozenset(), ())
    home = extracts["index.html"]
    reached = {"index.html"}
    linked: set[str] = set()
    frontier = ["index.html"]
    while frontier:
        found: set[str] = set()
        shared: dict[int, frozenset[str]] = {}  # many pages hold the same set: each is added once
        for page in frontier:
            extract = extracts[page]
            shared[id(extract.shared)] = extract.shared
            found |= extract.targets
        for links in shared.values():
            found |= links
        linked |= found
        frontier = [target for target in found - reached
                    if target.endswith(".html") and target in extracts and not target.startswith(SKIPPED)]
        reached.update(frontier)
    nowhere = {target for target in linked - paths if not target.startswith(SKIPPED)}
    dead = [DeadLink(page, href, line) for page in sorted(reached) if _links_to(extracts[page], nowhere)
            for href, line in page_links(extracts[page]) if target_of(href, base_path) in nowhere] if nowhere else []
    return Crawl(frozenset(reached), home.linked, home.nav, tuple(dead), {page: extracts[page] for page in reached})


def _links_to(extract: PageExtract, targets: set[str]) -> bool:
    return not (extract.targets.isdisjoint(targets) and extract.shared.isdisjoint(targets))
