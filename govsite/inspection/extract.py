"""What the inspection reads from one built page: the internal links (where they lead, and each link's href
and line), the main navigation's links and the dates the page shows as text. An extract depends on the page's
bytes and the site's base path alone, so a build can keep it by the page's digest and read again only the
pages that changed (govsite.inspection.run)."""

from __future__ import annotations

import pickle
import re
import sys
import zlib
from collections import Counter
from collections.abc import Callable, Mapping
from datetime import date
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

import lxml.etree
import lxml.html

from govsite.parallel import run_jobs
from govsite.progress import Report, silent

MAIN_NAV = lxml.etree.XPath('//nav[contains(concat(" ", @class, " "), " main-nav ")]//a[@href]')
ISO_DAY = re.compile(r">([0-9]{4}-[0-9]{2}-[0-9]{2})<")  # a date standing alone in an element: >2025-03-04<
CN_DAY = re.compile(r"[0-9]+年[0-9]+月[0-9]+日")  # 2025年3月4日 (with every digit before 年)
SHARED_SHARE = 10


class PageExtract(NamedTuple):
    """One page as the crawler reads it. Its internal links lead to `shared | targets`: `shared` is a set many
    pages have (the navigation, the footer: one object for all of them, see `split`), `targets` the rest.
    `days` holds each date the page shows as text, one token a date between spaces. `links` stays pickled
    and compressed (it is unpacked only for a page with a link that leads nowhere): ((href, line), …) of
    every internal link, in the page's order."""

    shared: frozenset[str]
    targets: frozenset[str]
    nav: frozenset[str]  # where the links of the main navigation (<nav class="main-nav">) lead
    days: str  # " 2025-03-04 2025年3月4日 ": 2025-03-04 for each >2025-03-04<, 2025年3月4日 with every digit
    links: bytes

    @property
    def linked(self) -> frozenset[str]:
        """Every output path the page links."""
        return self.shared | self.targets

    def __reduce__(self) -> tuple[object, ...]:
        # unpickled by tuple.__new__ itself: a large site's kept extracts read back a third faster than
        # through the named tuple's own __new__ (a Python function called for each page)
        return tuple.__new__, (PageExtract, tuple(self))


NOTHING: frozenset[str] = frozenset()


def target_of(href: str, base_path: str) -> str | None:
    """The output path a link leads to, or None when it leaves the site (another host, mailto:, #…)."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path.startswith(base_path):
        return None
    rel = unquote(parts.path[len(base_path):])
    return rel + "index.html" if rel == "" or rel.endswith("/") else rel


def extract_page(data: bytes, base_path: str) -> PageExtract:
    """The extract of one page's bytes (a page lxml finds empty has no links)."""
    try:
        root = lxml.html.document_fromstring(data)
    except lxml.etree.ParserError:  # "Document is empty": nothing a crawler could follow
        root = None
    links: list[tuple[str, int]] = []
    targets: set[str] = set()
    nav: set[str] = set()
    if root is not None:
        for anchor in root.iter("a"):
            href = anchor.get("href")
            target = target_of(href, base_path) if href else None
            if href and target is not None:
                links.append((href, anchor.sourceline or 1))
                targets.add(target)
        for anchor in MAIN_NAV(root):
            target = target_of(anchor.get("href"), base_path)
            if target is not None:
                nav.add(target)
    text = data.decode("utf-8", "replace")
    days = " ".join(dict.fromkeys([*ISO_DAY.findall(text), *CN_DAY.findall(text)]))
    return PageExtract(NOTHING, frozenset(targets), frozenset(nav), f" {days} " if days else "",
                       zlib.compress(pickle.dumps(tuple(links), protocol=pickle.HIGHEST_PROTOCOL), 1))


def page_links(extract: PageExtract) -> tuple[tuple[str, int], ...]:
    """The (href, line) of every internal link of the page, in order."""
    links: tuple[tuple[str, int], ...] = pickle.loads(zlib.decompress(extract.links))  # made by extract_page
    return links


def shows_date(extract: PageExtract, day: date) -> bool:
    """Whether the page shows `day` as text: >2025-03-04< or 2025年3月4日 stands in it (the date a token of
    `days`, or, in Chinese, the end of one: 12025年3月4日 has 2025年3月4日 in it)."""
    return f" {day.isoformat()} " in extract.days or f"{day.year}年{day.month}月{day.day}日 " in extract.days


def extract_all(pages: Mapping[str, bytes], base_path: str, report: Report = silent) -> dict[str, PageExtract]:
    """The extract of every page of `pages` (output path → bytes), on every core when there are many."""
    rels = list(pages)
    return dict(zip(rels, run_jobs([_job(pages, rel, base_path) for rel in rels], report=report), strict=True))


def _job(pages: Mapping[str, bytes], rel: str, base_path: str) -> Callable[[], PageExtract]:
    return lambda: extract_page(pages[rel], base_path)


def split(extracts: Mapping[bytes, PageExtract]) -> dict[bytes, PageExtract]:
    """The same extracts with the links most pages share (those of at least one page in `SHARED_SHARE`) set
    apart: pages with the same such links hold one frozenset of them, as they hold one of their navigation;
    every other path is one string however many pages link it. Kept so, the extracts of a large site read
    back several times faster."""
    counts: Counter[str] = Counter()
    for extract in extracts.values():
        counts.update(extract.shared)
        counts.update(extract.targets)
    common = {target for target, count in counts.items() if count * SHARED_SHARE >= len(extracts)}
    sets: dict[frozenset[str], frozenset[str]] = {}
    split: dict[bytes, PageExtract] = {}
    for digest, extract in extracts.items():
        linked = extract.linked
        shared = frozenset(linked & common)
        split[digest] = extract._replace(shared=sets.setdefault(shared, shared),
                                         targets=frozenset(map(sys.intern, linked - common)),
                                         nav=sets.setdefault(extract.nav, extract.nav))
    return split
