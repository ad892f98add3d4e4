"""Every HTML page of the portal, rendered through the theme into an output plan (path → bytes)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from jinja2 import Environment
from markupsafe import Markup

from govsite.bodies import Bodies
from govsite.content.document import CATALOG_KINDS, KIND_LABELS, TopicDetails
from govsite.markdown import Rendered
from govsite.memo import Memo
from govsite.model.derived import Derived
from govsite.model.site import Entry, SiteModel
from govsite.model.tenders import TenderProject
from govsite.output.apply import apply_kit_pages, kit_url
from govsite.output.columns import SITEMAP_PAGE, column_pages, site_map, statutory_columns
from govsite.output.docview import doc_view, search_filters
from govsite.output.feeds import summary_of
from govsite.output.links import absolute, catalog_nav, doc_row, href
from govsite.output.lists import ListSpec, list_page, list_page_rel, page_count
from govsite.output.meta import article_meta, column_meta, site_meta
from govsite.output.ports import PageOut, RenderCache
from govsite.output.services import (
    SERVICE_FILTER_LABELS,
    guide_list_pages,
    guide_list_values,
    guide_view,
    power_list_pages,
    power_list_values,
    power_view,
    values_job,
)
from govsite.output.special import (
    TenderListPage,
    fund_view,
    project_path,
    project_view,
    projects_by_path,
    report_view,
    tender_crumbs,
    tender_list_pages,
    tender_list_view,
)
from govsite.output.topics import topic_entries
from govsite.output.views import (
    Contact,
    DocRow,
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


def document_view(model: SiteModel, derived: Derived, projects: dict[str, TenderProject], entry: Entry,
                  rendered: Rendered, apply_url: str) -> DocView:
    """The document's view, with its tender project, fund table or annual report where it has one."""
    view = doc_view(model, entry, rendered, apply_url)
    project = projects.get(entry.doc.path)
    table = derived.fund_tables.get(entry.doc.path)
    shown = not entry.withheld_body  # a 依申请公开 document shows none of its contents
    return replace(
        view,
        project=project_view(model, project, entry.doc.path) if project else None,
        fund=fund_view(model, entry, table) if table is not None and shown else None,
        report=report_view(entry, derived, rendered.html) if entry.doc.kind == "report" and shown else None,
        power=power_view(model, entry), guide=guide_view(model, entry),
    )


Lists = tuple[list[ListSpec], list[tuple[str, TermIndex]]]
"""Every list (catalog views and sections) and every overview of terms, made once per build."""

PageJob = Callable[[], PageOut]
"""Renders one page. Independent of every other job, so jobs can run in parallel."""


def page_jobs(model: SiteModel, bodies: Bodies, derived: Derived, env: Environment, lists: Lists,
              has_search: bool, memo: Memo[bytes] | None = None, reuse: RenderCache | None = None,
              record: bool = False) -> list[PageJob]:
    """One job per page; with a memo or the last build's keys, a page whose values did not change is not
    rendered again. With `record`, the memo is not read: each page comes back with what it was made from,
    for the memo of the process that collects the jobs' results (the jobs then run in workers)."""
    # what every page depends on besides its own values (the `url` function follows from site.base_path)
    context = (env.globals["site"], env.globals["now"], env.globals["preview"], env.globals["theme_digest"])

    def render(template: str, rel: str, title: str, **values: object) -> PageOut:
        def compute() -> bytes:
            html = env.get_template(template).render(page_title=title, canonical=absolute(model, rel), **values)
            return html.encode("utf-8")
        out_rel = rel + "index.html" if rel.endswith("/") or rel == "" else rel
        if reuse is not None:
            return reuse.page(out_rel, (template, title, values, context), compute)
        if memo is None:
            return PageOut(out_rel, compute())
        if record:
            return PageOut(out_rel, compute(), made_from=((template, rel), (title, values, context)))
        return PageOut(out_rel, memo.get((template, rel), (title, values, context), compute))

    def job(template: str, rel: str, title: str, **values: object) -> PageJob:
        return lambda: render(template, rel, title, **values)

    apply_url = apply_page_url(model)
    projects = projects_by_path(derived)
    jobs: list[PageJob] = [_entry_job(model, bodies, derived, projects, apply_url, entry, render)
                           for entry in model.entries]
    specs, overviews = lists
    row = _row_maker(model)
    for spec in specs:
        for n in range(1, page_count(model, spec) + 1):
            jobs.append(_list_job(model, spec, n, row, render))
    config = model.config
    jobs += [job("terms.html", rel, terms.title, terms=terms, page_meta=column_meta(config, terms.title, "catalog"))
             for rel, terms in overviews]
    jobs += [_tender_list_job(model, derived, page, render) for page in tender_list_pages(derived)]
    jobs += [_project_job(model, project, render) for project in derived.projects]
    jobs += [values_job(power_list_values, model, bodies, derived, rel, key, render)
             for rel, key in power_list_pages(model, derived)]
    jobs += [values_job(guide_list_values, model, bodies, derived, rel, key, render)
             for rel, key in guide_list_pages(model, derived)]
    topics = tuple(TermLink(e.doc.title, href(model, e.url)) for e in model.entries if e.doc.kind == "topic")
    jobs.append(job("topics.html", "topics/", "专题", topics=topics, page_meta=column_meta(config, "专题", "topic")))
    site = env.globals["site"]
    assert isinstance(site, SiteView)
    jobs.append(job("sitemap.html", SITEMAP_PAGE, "网站地图",
                    sitemap=site_map(model, lists, derived, site.menu, has_search)))
    jobs += [job(template, rel, title, **values) for template, rel, title, values in apply_kit_pages(model)]
    jobs.append(job("home.html", "", model.config.title, home=_home(model, topics)))
    if has_search:
        settings = model.registry.search
        jobs.append(job("search.html", "search/", "搜索", filters=filter_groups(model),
                        synonyms=settings.synonym_table(), popular=list(settings.popular)))
    jobs.append(lambda: PageOut("404.html", env.get_template("404.html").render(
        page_title="页面未找到", canonical=absolute(model, "404.html")).encode("utf-8")))
    return jobs


def _row_maker(model: SiteModel) -> Callable[[Entry], DocRow]:
    """A document's list row, made once in each process that renders list pages (a document appears in
    several lists: the catalog, its section, topics, agency, genre, year)."""
    made: dict[str, DocRow] = {}

    def row(entry: Entry) -> DocRow:
        found = made.get(entry.doc.path)
        if found is None:
            found = made[entry.doc.path] = doc_row(model, entry)
        return found
    return row


def _list_job(model: SiteModel, spec: ListSpec, n: int, row: Callable[[Entry], DocRow],
              render: Callable[..., PageOut]) -> PageJob:
    """The job of page `n` of a list: its listing is made inside the job (in a worker, in parallel)."""
    def run() -> PageOut:
        listing = list_page(model, spec, n, row)
        return render("list.html", list_page_rel(spec, n), spec.title if n == 1 else f"{spec.title}（第{n}页）",
                      listing=listing, page_meta=column_meta(model.config, spec.title, spec.kind, spec.description))
    return run


def _tender_list_job(model: SiteModel, derived: Derived, page: TenderListPage,
                     render: Callable[..., PageOut]) -> PageJob:
    """The job of one page of the project list (its view is made in the job)."""
    return lambda: render("tenders.html", page[0], page[1], tenders=tender_list_view(model, derived, page),
                          page_meta=column_meta(model.config, page[1], "tender"))


def _project_job(model: SiteModel, project: TenderProject, render: Callable[..., PageOut]) -> PageJob:
    """The job of one tender project's page (its view is made in the job)."""
    published = [n.entry.doc.published for n in project.notices if n.entry.doc.published]
    meta = article_meta(model.config, project.title, max(published, default=None), project.purchaser,
                        absolute(model, project_path(project)))
    return lambda: render("tender_project.html", project_path(project), project.title,
                          project=project_view(model, project), crumbs=tender_crumbs(model), page_meta=meta)


def _entry_job(model: SiteModel, bodies: Bodies, derived: Derived, projects: dict[str, TenderProject],
               apply_url: str, entry: Entry, render: Callable[..., PageOut]) -> PageJob:
    """The job of one document, topic or page: its view is made inside the job (in a worker, in parallel)."""
    rendered = bodies.rendered[entry.doc.path]
    doc = entry.doc
    if doc.kind == "topic":
        return lambda: render("topic.html", entry.url, doc.title, topic=_topic_view(model, entry, rendered.html),
                              page_meta=column_meta(model.config, doc.title, "topic", doc.summary, doc.keywords))
    meta = article_meta(model.config, doc.title, doc.published, entry.agency.name if entry.agency else "",
                        absolute(model, entry.url), doc.keywords, summary_of(entry, bodies))
    if doc.is_catalog:
        return lambda: render("document.html", entry.url, doc.title, page_meta=meta,
                              doc=document_view(model, derived, projects, entry, rendered, apply_url))
    kit = kit_url(model) if APPLY_TITLE.search(doc.title) else ""  # the 依申请公开 page links the kit
    return lambda: render("page.html", entry.url, doc.title, page_meta=meta, page=PageView(
        doc.title, Markup(rendered.html), rendered.toc, (TermLink("首页", href(model, "")),),
        entry.preview_reason, kit))


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
                 ("genre", "体裁"), ("validity", "有效性"))
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
