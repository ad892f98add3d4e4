"""Every HTML page of the portal, rendered through the theme into an output plan (path → bytes)."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import replace

from markupsafe import Markup

from govsite.bodies import Bodies
from govsite.content.document import CATALOG_KINDS, KIND_LABELS, TopicDetails
from govsite.markdown import Rendered
from govsite.model.derived import Derived
from govsite.model.site import Entry, SiteModel
from govsite.model.tenders import TenderProject
from govsite.output.apply import apply_kit_pages, kit_url
from govsite.output.columns import SITEMAP_PAGE, column_pages, site_map, statutory_columns
from govsite.output.docview import doc_view, search_filters
from govsite.output.engine import PageSpec, PageValues
from govsite.output.feeds import summary_of
from govsite.output.gazette import (
    GAZETTE_INDEX,
    gazette_index_pages,
    gazette_index_values,
    gazette_issue_view,
    gazette_links,
)
from govsite.output.links import absolute, catalog_nav, doc_row, href
from govsite.output.lists import ListSpec, list_page, list_page_rel, page_count
from govsite.output.meta import article_meta, column_meta, site_meta
from govsite.output.qa import (
    policy_questions,
    qa_index_pages,
    qa_index_values,
    qa_topic_pages,
    qa_topic_values,
    qa_view,
)
from govsite.output.services import (
    SERVICE_FILTER_LABELS,
    guide_list_pages,
    guide_list_values,
    guide_view,
    power_list_pages,
    power_list_values,
    power_view,
)
from govsite.output.special import (
    fund_view,
    project_path,
    project_view,
    projects_by_path,
    report_view,
    tender_crumbs,
    tender_list_pages,
    tender_list_view,
    today_of,
)
from govsite.output.standards import standard_view
from govsite.output.topics import topic_entries
from govsite.output.track import Site
from govsite.output.views import (
    Contact,
    DocView,
    FilterGroup,
    HomeSection,
    HomeView,
    NavItem,
    PageView,
    PublisherView,
    SiteView,
    TermIndex,
    TermLink,
    TopicView,
)

APPLY_TITLE = re.compile("依申请")


def site_view(model: SiteModel, has_search: bool, has_logo: bool) -> SiteView:
    """The values every template shows: title, base path, menu and publisher footer."""
    config = model.config
    p = config.publisher
    columns = {e.url for e in column_pages(model)}  # in the main navigation already
    menu_pages = sorted((e for e in model.entries if e.doc.menu is not None and e.url not in columns),
                        key=lambda e: (e.doc.menu, e.url))
    badge = p.badge
    return SiteView(
        title=config.title, lang=config.language, base_path=config.base_path, base_url=config.base_url,
        publisher=PublisherView(p.sponsor, p.operator, p.site_code, p.icp, p.police,
                                "".join(ch for ch in p.police if ch.isdigit()),
                                Contact(p.contact.phone, p.contact.email, p.contact.address),
                                href(model, badge.image.removeprefix("static/")) if badge else "",
                                badge.url if badge else "", p.error_report_url),
        menu=tuple(NavItem(e.doc.title, href(model, e.url)) for e in menu_pages),
        has_search=has_search, logo_url=href(model, "logo.svg") if has_logo else "",
        meta=site_meta(config), columns=statutory_columns(model), sitemap_url=href(model, SITEMAP_PAGE),
    )


def apply_page_url(model: SiteModel) -> str:
    """The site's 依申请公开 page (a page whose title mentions 依申请), or ''."""
    for entry in model.entries:
        if entry.doc.kind == "page" and APPLY_TITLE.search(entry.doc.title):
            return href(model, entry.url)
    return ""


def document_view(model: SiteModel, derived: Derived, project: TenderProject | None, entry: Entry,
                  rendered: Rendered, apply_url: str, today: str = "") -> DocView:
    """The document's view, with its tender project, fund table or annual report where it has one."""
    view = doc_view(model, entry, rendered, apply_url)
    table = derived.fund_tables.get(entry.doc.path)
    shown = not entry.withheld_body  # a 依申请公开 document shows none of its contents
    return replace(
        view,
        project=project_view(model, project, entry.doc.path, today) if project else None,
        fund=fund_view(model, entry, table) if table is not None and shown else None,
        report=report_view(entry, derived, rendered.html) if entry.doc.kind == "report" and shown else None,
        standard=standard_view(model, derived, entry.doc.path, entry.url) if shown else None,
        qa=qa_view(model, derived, entry), questions=policy_questions(model, derived, entry),
        gazette=gazette_issue_view(model, derived, entry.doc.path) if shown else None,
        in_gazette=gazette_links(model, derived, entry.doc.path),
        power=power_view(model, entry), guide=guide_view(model, entry),
    )


Lists = tuple[list[ListSpec], list[tuple[str, TermIndex]]]
"""Every list (catalog views and sections) and every overview of terms, made once per build."""


def site_inputs(model: SiteModel, bodies: Bodies, derived: Derived, lists: Lists) -> Site:
    """What pages are made from; the lists and overviews by path, so that a page looks its own up."""
    specs, overviews = lists
    by_path: dict[str, object] = {spec.path: spec for spec in specs}
    by_path.update(overviews)
    return Site(model, bodies, derived, by_path, projects_by_path(derived),
                {project.code: project for project in derived.projects}, apply_page_url(model), today_of(model))


def page_specs(model: SiteModel, derived: Derived, lists: Lists, has_search: bool,
               site_menu: tuple[NavItem, ...]) -> list[PageSpec]:
    """Every page of the portal: where it goes, what makes it, and how its values are made from the site
    (each looks up what it shows by key, on the site it is given, so that its reads are recorded)."""
    specs = [_entry_spec(entry) for entry in model.entries]
    lists_, overviews = lists
    for spec in lists_:
        if spec.path == GAZETTE_INDEX:  # the gazette's year index takes the place of its section's list
            continue
        specs += [_list_spec(spec.path, list_page_rel(spec, n), n) for n in range(1, page_count(model, spec) + 1)]
    specs += [PageSpec(rel, ("terms", rel), functools.partial(_terms_values, rel)) for rel, _terms in overviews]
    specs += [PageSpec(page[0], ("tenders", page[0]), functools.partial(_tender_list_values, page[0]))
              for page in tender_list_pages(derived)]
    specs += [PageSpec(project_path(p), ("project", p.code), functools.partial(_project_values, p.code))
              for p in derived.projects]
    specs += [PageSpec(rel, ("qa-topic", key), functools.partial(_pure_values, qa_topic_values, key))
              for rel, key in qa_topic_pages(model, derived)]
    specs += [PageSpec(rel, ("qa-index", key), functools.partial(_pure_values, qa_index_values, key))
              for rel, key in qa_index_pages(model, derived)]
    specs += [PageSpec(rel, ("gazette", key), functools.partial(_pure_values, gazette_index_values, key))
              for rel, key in gazette_index_pages(model, derived)]
    specs += [PageSpec(rel, ("powers", key), functools.partial(_pure_values, power_list_values, key))
              for rel, key in power_list_pages(model, derived)]
    specs += [PageSpec(rel, ("guides", key), functools.partial(_pure_values, guide_list_values, key))
              for rel, key in guide_list_pages(model, derived)]
    specs.append(PageSpec("topics/", ("topics",), _topics_values))
    specs.append(PageSpec(SITEMAP_PAGE, ("sitemap",), functools.partial(_sitemap_values, has_search, site_menu)))
    specs += [PageSpec(rel, ("kit", rel), functools.partial(_kit_values, rel))
              for _template, rel, _title, _values in apply_kit_pages(model)]
    specs.append(PageSpec("", ("home",), _home_values))
    if has_search:
        specs.append(PageSpec("search/", ("search",), _search_values))
    specs.append(PageSpec("404.html", ("404",), lambda _site: ("404.html", "页面未找到", {})))
    return specs


def _entry_spec(entry: Entry) -> PageSpec:
    return PageSpec(entry.url, ("entry", entry.doc.path), functools.partial(_entry_values, entry.doc.path))


def _list_spec(path: str, rel: str, n: int) -> PageSpec:
    return PageSpec(rel, ("list", path, n), functools.partial(_list_values, path, n))


def _pure_values(values: Callable[[SiteModel, Bodies, Derived, str], PageValues], key: str,
                 site: Site) -> PageValues:
    """A page written as a pure `<thing>_values(model, bodies, derived, key)` function (new kinds)."""
    return values(site.model, site.bodies, site.derived, key)


def _entry_values(path: str, site: Site) -> PageValues:
    """A document, topic or page."""
    model, bodies = site.model, site.bodies
    entry = model.by_path[path]
    rendered = bodies.rendered[path]
    doc = entry.doc
    if doc.kind == "topic":
        return "topic.html", doc.title, {"topic": _topic_view(model, entry, rendered.html),
                                         "page_meta": column_meta(model.config, doc.title, "topic", doc.summary,
                                                                  doc.keywords)}
    meta = article_meta(model.config, doc.title, doc.published, entry.agency.name if entry.agency else "",
                        absolute(model, entry.url), doc.keywords, summary_of(entry, bodies))
    if doc.is_catalog:
        project = site.project_of.get(path)
        return "document.html", doc.title, {"page_meta": meta, "doc": document_view(
            model, site.derived, project, entry, rendered, site.apply_url, site.today)}
    kit = kit_url(model) if APPLY_TITLE.search(doc.title) else ""  # the 依申请公开 page links the kit
    return "page.html", doc.title, {"page_meta": meta, "page": PageView(
        doc.title, Markup(rendered.html), rendered.toc, (TermLink("首页", href(model, "")),),
        entry.preview_reason, kit)}


def _list_values(path: str, n: int, site: Site) -> PageValues:
    """Page `n` of a list."""
    model = site.model
    spec = site.lists[path]
    assert isinstance(spec, ListSpec)
    listing = list_page(model, spec, n)
    return "list.html", spec.title if n == 1 else f"{spec.title}（第{n}页）", {
        "listing": listing, "page_meta": column_meta(model.config, spec.title, spec.kind, spec.description)}


def _terms_values(rel: str, site: Site) -> PageValues:
    terms = site.lists[rel]
    assert isinstance(terms, TermIndex)
    return "terms.html", terms.title, {"terms": terms,
                                       "page_meta": column_meta(site.model.config, terms.title, "catalog")}


def _tender_list_values(rel: str, site: Site) -> PageValues:
    page = next(page for page in tender_list_pages(site.derived) if page[0] == rel)
    return "tenders.html", page[1], {"tenders": tender_list_view(site.model, site.derived, page, site.today),
                                     "page_meta": column_meta(site.model.config, page[1], "tender")}


def _project_values(code: str, site: Site) -> PageValues:
    model, project = site.model, site.projects[code]
    published = [n.entry.doc.published for n in project.notices if n.entry.doc.published]
    meta = article_meta(model.config, project.title, max(published, default=None), project.purchaser,
                        absolute(model, project_path(project)))
    return "tender_project.html", project.title, {"project": project_view(model, project, today=site.today),
                                                   "crumbs": tender_crumbs(model), "page_meta": meta}


def _topic_links(model: SiteModel) -> tuple[TermLink, ...]:
    return tuple(TermLink(e.doc.title, href(model, e.url)) for e in model.entries if e.doc.kind == "topic")


def _topics_values(site: Site) -> PageValues:
    return "topics.html", "专题", {"topics": _topic_links(site.model),
                                  "page_meta": column_meta(site.model.config, "专题", "topic")}


def _sitemap_values(has_search: bool, menu: tuple[NavItem, ...], site: Site) -> PageValues:
    specs = [spec for spec in site.lists.values() if isinstance(spec, ListSpec)]
    overviews = [(rel, terms) for rel, terms in site.lists.items() if isinstance(terms, TermIndex)]
    return "sitemap.html", "网站地图", {"sitemap": site_map(site.model, (specs, overviews), site.derived, menu,
                                                         has_search)}


def _kit_values(rel: str, site: Site) -> PageValues:
    template, _rel, title, values = next(page for page in apply_kit_pages(site.model) if page[1] == rel)
    return template, title, values


def _home_values(site: Site) -> PageValues:
    return "home.html", site.model.config.title, {"home": _home(site.model, _topic_links(site.model))}


def _search_values(site: Site) -> PageValues:
    settings = site.model.registry.search
    return "search.html", "搜索", {"filters": filter_groups(site.model), "synonyms": settings.synonym_table(),
                                  "popular": list(settings.popular)}


def _topic_view(model: SiteModel, entry: Entry, html: str) -> TopicView:
    details = entry.doc.details
    entries = topic_entries(model, details) if isinstance(details, TopicDetails) else ()
    crumbs = (TermLink("首页", href(model, "")), TermLink("专题", href(model, "topics/")))
    return TopicView(entry.doc.title, Markup(html), tuple(doc_row(model, e) for e in entries), crumbs)


def _home(model: SiteModel, topics: tuple[TermLink, ...]) -> HomeView:
    sections = []
    counts = []
    for kind in CATALOG_KINDS:
        entries = [e for e in model.catalog if e.doc.kind == kind]
        if entries:
            section = entries[0].doc.section
            sections.append(HomeSection(KIND_LABELS[kind], href(model, f"{section}/"),
                                        tuple(doc_row(model, e) for e in entries[:6])))
            counts.append((KIND_LABELS[kind], len(entries)))
    return HomeView(tuple(sections), topics, catalog_nav(model), tuple(counts))


FILTER_LABELS: tuple[tuple[str, str], ...]
FILTER_LABELS = (("kind", "类型"), ("topic", "主题分类"), ("agency", "发布机构"), ("year", "年份"),
                 ("genre", "体裁"), ("validity", "有效性"),
                 ("field", "标准目录领域"), ("qa_topic", "问答主题"))
FILTER_LABELS += SERVICE_FILTER_LABELS


def filter_groups(model: SiteModel) -> tuple[FilterGroup, ...]:
    """The search filters and the values that occur in the published catalog."""
    values: dict[str, set[str]] = {name: set() for name, _ in FILTER_LABELS}
    for entry in model.catalog:
        if entry.withheld_body:
            continue
        for name, value in search_filters(model, entry):
            values[name].add(value)
    order = {"kind": [KIND_LABELS[k] for k in CATALOG_KINDS]}
    groups = []
    for name, label in FILTER_LABELS:
        ranked = order.get(name)
        found = sorted(values[name], key=lambda v: (ranked.index(v) if ranked and v in ranked else 99, v),
                       reverse=(name == "year"))
        if found:
            groups.append(FilterGroup(name, label, tuple(found)))
    return tuple(groups)
