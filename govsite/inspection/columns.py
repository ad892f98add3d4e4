"""The columns (栏目) of a built site: every list page govsite generates, with what it lists, its newest
entry and the period within which the indicators want it updated (both worked out only when a rule asks: a
large site has hundreds of columns, the rules look at the few the home page links)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from operator import attrgetter

from govsite.model.derived import Derived
from govsite.model.site import Entry, SiteModel
from govsite.output.lists import catalog_lists, section_lists
from govsite.output.special import tender_list_pages

NEWS_GENRE = "工作动态"
NEWS_DAYS = 14  # news-type columns: two weeks (检查指标, single-veto item)
OTHER_DAYS = 183  # notices, policies and the rest: six months
YEARLY = {"reports": 366}  # the annual reports column is updated once a year
PUBLISHED = attrgetter("doc.published")


@dataclass(frozen=True)
class Column:
    """A list page: `page` is its output path (…/index.html), `count` the items it lists, `entries` the
    entries that date it; `freshness` is site.yaml's (section or "news" → days)."""

    page: str
    title: str
    count: int
    entries: Sequence[Entry] = ()  # newest first, as the model's catalog and every list made from it
    freshness: Mapping[str, int] = field(default_factory=dict, compare=False)

    @cached_property
    def newest(self) -> Entry | None:
        """The entry that dates the column: its first with a publication date."""
        return next((entry for entry in self.entries if entry.doc.published is not None), None)

    @cached_property
    def period(self) -> int:
        """The days within which the indicators want it updated."""
        return _period(self.freshness, self.page.removesuffix("index.html"), self.entries)


def _period(freshness: Mapping[str, int], path: str, entries: Iterable[Entry]) -> int:
    """site.yaml's freshness for the section (first folder of the path) first; then news-type (every entry
    工作动态): freshness `news` or 14 days; then a year for the annual reports, else 183 days."""
    section = path.split("/", 1)[0]
    if section in freshness:
        return freshness[section]
    listed = list(entries)
    if listed and all(e.genre is not None and e.genre.name == NEWS_GENRE for e in listed):
        return freshness.get("news", NEWS_DAYS)
    return YEARLY.get(section, OTHER_DAYS)


def newest_first(entries: Iterable[Entry]) -> list[Entry]:
    """`entries` newest first (those published at the same time in the order given, undated ones last)."""
    listed = list(entries)
    dated = sorted((e for e in listed if e.doc.published is not None), key=PUBLISHED, reverse=True)
    return dated + [e for e in listed if e.doc.published is None]


def site_columns(model: SiteModel, derived: Derived) -> dict[str, Column]:
    """Every list page by its output path (a list's entries are in the catalog's order, newest first)."""
    columns: dict[str, Column] = {}
    freshness = model.config.freshness
    for spec in [*section_lists(model), *catalog_lists(model)[0]]:
        columns[spec.path + "index.html"] = Column(spec.path + "index.html", spec.title, len(spec.entries),
                                                   spec.entries, freshness)
    for path, title, projects in tender_list_pages(derived):
        entries = newest_first(n.entry for p in projects for n in p.notices)
        columns[path + "index.html"] = Column(path + "index.html", title, len(projects), entries, freshness)
    return columns
