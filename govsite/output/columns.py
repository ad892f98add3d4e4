"""The portal's columns (栏目): the statutory four in the main navigation, the HTML site map (网站地图) listing
every non-empty list page, and each page's last-modified day for sitemap.xml."""

from __future__ import annotations

import re
from collections.abc import Iterable
from operator import attrgetter

from govsite.content.document import TopicDetails
from govsite.model.derived import Derived
from govsite.model.site import Entry, SiteModel
from govsite.output.links import href, published_date
from govsite.output.lists import ListSpec, list_page_rel, page_count
from govsite.output.qa import qa_last_modified, qa_site_map
from govsite.output.services import service_site_map
from govsite.output.special import project_path, tender_list_pages
from govsite.output.topics import topic_entries
from govsite.output.views import NavItem, SiteMapGroup, SiteMapView, TermIndex, TermLink

SITEMAP_PAGE = "sitemap/"
GUIDE_TITLE = re.compile("公开指南")
RULES_TITLE = re.compile("公开制度")
CATALOG_COLUMN = "法定主动公开内容"
REPORTS_COLUMN = "政府信息公开年报"

Lists = tuple[list[ListSpec], list[tuple[str, TermIndex]]]


def _page_titled(model: SiteModel, pattern: re.Pattern[str]) -> Entry | None:
    return next((e for e in model.entries if e.doc.kind == "page" and pattern.search(e.doc.title)), None)


def reports_section(model: SiteModel) -> str:
    """The section of the annual reports (`reports`), or '' when the site has none."""
    return next((e.doc.section for e in model.catalog if e.doc.kind == "report"), "")


def column_pages(model: SiteModel) -> tuple[Entry, ...]:
    """The 指南 and 制度 pages (by title: 政府信息公开指南, 政府信息公开制度), where the site has them."""
    return tuple(e for e in (_page_titled(model, GUIDE_TITLE), _page_titled(model, RULES_TITLE)) if e is not None)


def statutory_columns(model: SiteModel) -> tuple[NavItem, ...]:
    """国办公开办函〔2019〕61号: 指南, 制度, 法定主动公开内容 (the catalog), 年报 — those the site has."""
    pages = tuple(NavItem(e.doc.title, href(model, e.url)) for e in column_pages(model))
    reports = reports_section(model)
    return (*pages, NavItem(CATALOG_COLUMN, href(model, "catalog/")),
            *((NavItem(REPORTS_COLUMN, href(model, f"{reports}/")),) if reports else ()))


def site_map(model: SiteModel, lists: Lists, derived: Derived, menu: Iterable[NavItem],
             has_search: bool) -> SiteMapView:
    """Every column a reader can reach from the navigation; empty lists are left out (they are not linked)."""
    specs, overviews = lists
    reports = reports_section(model)

    def link(title: str, rel: str) -> TermLink:
        return TermLink(title, href(model, rel))
    sections = [s for s in specs if not s.path.startswith("catalog/") and s.entries and s.path != f"{reports}/"]
    groups = [SiteMapGroup("首页", href(model, ""), ())]
    groups += [SiteMapGroup(e.doc.title, href(model, e.url), ()) for e in column_pages(model)]
    groups.append(SiteMapGroup(CATALOG_COLUMN, href(model, "catalog/"),
                               tuple(link(s.title, s.path) for s in sections)))
    for rel, terms in overviews:
        children = tuple(link(s.title, s.path) for s in specs if s.path.startswith(rel) and s.entries)
        if children:
            groups.append(SiteMapGroup(terms.title, href(model, rel), children))
    if reports:
        groups.append(SiteMapGroup(REPORTS_COLUMN, href(model, f"{reports}/"), ()))
    tenders = [(rel, title) for rel, title, projects in tender_list_pages(derived) if projects]
    if tenders:
        groups.append(SiteMapGroup("采购项目", href(model, tenders[0][0]),
                                   tuple(link(title, rel) for rel, title in tenders[1:])))
    groups += qa_site_map(model, derived)
    groups += service_site_map(model, derived)
    topics = tuple(link(e.doc.title, e.url) for e in model.entries if e.doc.kind == "topic")
    if topics:
        groups.append(SiteMapGroup("专题", href(model, "topics/"), topics))
    others = (*menu, *((NavItem("搜索", href(model, "search/")),) if has_search else ()))
    groups += [SiteMapGroup(item.title, item.url, ()) for item in others]
    return SiteMapView("网站地图", tuple(groups), (TermLink("首页", href(model, "")),))


_path_of = attrgetter("doc.path")


def last_modified(model: SiteModel, lists: Lists, derived: Derived) -> tuple[dict[str, str], str]:
    """Each page's last-modified day (YYYY-MM-DD, a W3C datetime): a document's publication day; a list page
    its newest entry's; a topic the newest of itself and its documents; a tender project its newest notice.
    Pages not in the map (home, overviews, search …) take the site's newest day, returned second."""
    by_path = {e.doc.path: published_date(model, e) for e in model.entries if e.doc.published}

    def newest(entries: Iterable[Entry], default: str) -> str:
        return max(filter(None, map(by_path.get, map(_path_of, entries))), default=default)

    site_day = max(by_path.values(), default="")
    days = {e.url: by_path[e.doc.path] for e in model.entries if e.doc.path in by_path}
    for entry in model.entries:
        details = entry.doc.details
        if isinstance(details, TopicDetails):
            days[entry.url] = max(days.get(entry.url, ""), newest(topic_entries(model, details), ""))
    size = model.config.pagination
    for spec in lists[0]:
        for n in range(1, page_count(model, spec) + 1):
            days[list_page_rel(spec, n)] = newest(spec.entries[(n - 1) * size:n * size], site_day)
    for project in derived.projects:
        days[project_path(project)] = newest((n.entry for n in project.notices), site_day)
    for rel, _title, projects in tender_list_pages(derived):
        days[rel] = newest((n.entry for p in projects for n in p.notices), site_day)
    days.update(qa_last_modified(model, derived))
    return {rel: day for rel, day in days.items() if day}, site_day
