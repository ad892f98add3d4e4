"""The columns (栏目) of a built site: every list page govsite generates, with what it lists, its newest
entry and the period within which the indicators want it updated."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from govsite.model.derived import Derived
from govsite.model.site import Entry, SiteModel
from govsite.output.lists import catalog_lists, section_lists
from govsite.output.special import tender_list_pages

NEWS_GENRE = "工作动态"
NEWS_DAYS = 14  # news-type columns: two weeks (检查指标, single-veto item)
OTHER_DAYS = 183  # notices, policies and the rest: six months
YEARLY = {"reports": 366}  # the annual reports column is updated once a year


@dataclass(frozen=True)
class Column:
    """A list page: `page` is its output path (…/index.html); `newest` the entry that dates it."""

    page: str
    title: str
    count: int
    newest: Entry | None
    period: int


def _period(model: SiteModel, path: str, entries: Iterable[Entry]) -> int:
    """site.yaml's freshness for the section (first folder of the path) first; then news-type (every entry
    工作动态): freshness `news` or 14 days; then a year for the annual reports, else 183 days."""
    freshness = model.config.freshness
    section = path.split("/", 1)[0]
    if section in freshness:
        return freshness[section]
    listed = list(entries)
    if listed and all(e.genre is not None and e.genre.name == NEWS_GENRE for e in listed):
        return freshness.get("news", NEWS_DAYS)
    return YEARLY.get(section, OTHER_DAYS)


def _newest(entries: Iterable[Entry]) -> Entry | None:
    dated = [e for e in entries if e.doc.published is not None]
    return max(dated, key=lambda e: e.doc.published or datetime.min) if dated else None


def site_columns(model: SiteModel, derived: Derived) -> dict[str, Column]:
    """Every list page by its output path."""
    columns: dict[str, Column] = {}
    for spec in [*section_lists(model), *catalog_lists(model)[0]]:
        columns[spec.path + "index.html"] = Column(spec.path + "index.html", spec.title, len(spec.entries),
                                                   _newest(spec.entries), _period(model, spec.path, spec.entries))
    for path, title, projects in tender_list_pages(derived):
        entries = [n.entry for p in projects for n in p.notices]
        columns[path + "index.html"] = Column(path + "index.html", title, len(projects), _newest(entries),
                                              _period(model, path, entries))
    return columns
