"""The inspection's rules: each a function from the site model, its columns and the crawl to findings."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal

from govsite.content.document import Document, PolicyDetails, ReportDetails
from govsite.errors import Diagnostic
from govsite.inspection.columns import Column
from govsite.inspection.crawl import Crawl
from govsite.inspection.extract import shows_date
from govsite.inspection.findings import Finding, finding
from govsite.model.site import SiteModel
from govsite.model.workdays import workdays_between

HOME_DAYS = 14
VETO_COUNT = 5  # 5 or more stale or blank columns: single veto
POLICY_COLUMN = "policies/index.html"  # "the policy top-level column not updated in 6 months −5"
POLICY_COLUMN_POINTS = Decimal(5)
DEAD_HOME_POINTS, DEAD_OTHER_POINTS = Decimal(1), Decimal("0.1")  # unverified figures
ART26_DAYS = 20
GUIDE_DAYS = 365
INTERPRETATION_REQUIRED = ("规章", "行政规范性文件")


def date_line(doc: Document) -> int:
    """The line of the date the portal shows as published (发布日期, else 成文日期 stands in for it)."""
    return doc.line_of("published" if "published" in doc.lines else "written")


def home(model: SiteModel, crawl: Crawl) -> Iterator[Finding]:
    """单项否决: the home page shows no item published within 14 days."""
    shown = [e for e in model.catalog if e.url + "index.html" in crawl.home_links and e.doc.published]
    newest = max(shown, key=lambda e: e.doc.published or model.options.now, default=None)
    now = model.options.now
    if newest is None or newest.doc.published is None:
        yield finding("index.html", 1, "首页不更新", "the home page shows no dated item",
                      "publish a document the home page lists", veto=True)
    elif now - newest.doc.published > timedelta(days=HOME_DAYS):
        yield finding(newest.doc.path, date_line(newest.doc), "首页不更新",
                      f"the newest item on the home page is {(now - newest.doc.published).days} days old "
                      f"(the indicator allows {HOME_DAYS})", "publish current information that the home page lists",
                      veto=True)


def stale_columns(model: SiteModel, columns: Mapping[str, Column], crawl: Crawl) -> Iterator[Finding]:
    """Columns linked from the home page or the main navigation not updated in their period."""
    now = model.options.now
    linked = crawl.home_links | crawl.nav_links
    stale = [c for page, c in sorted(columns.items()) if page in linked and c.newest is not None
             and c.newest.doc.published is not None and now - c.newest.doc.published > timedelta(days=c.period)]
    veto = len(stale) >= VETO_COUNT
    for column in stale:
        doc = column.newest.doc if column.newest else None
        assert doc is not None and doc.published is not None
        points = POLICY_COLUMN_POINTS if column.page == POLICY_COLUMN else None
        yield finding(doc.path, date_line(doc), "栏目不更新",
                      f"column {column.page.removesuffix('index.html')} ({column.title}): the newest entry is "
                      f"{(now - doc.published).days} days old (the period is {column.period} days; "
                      f"{len(stale)} such column(s), {VETO_COUNT} or more is 单项否决)",
                      "publish current information in this column, or set its period in site.yaml freshness",
                      veto=veto, points=points, note=points is None and not veto)


def blank_columns(columns: Mapping[str, Column], crawl: Crawl) -> Iterator[Finding]:
    """Column pages a visitor can reach that list nothing (空白栏目)."""
    blank = [c for page, c in sorted(columns.items()) if page in crawl.reached and c.count == 0]
    veto = len(blank) >= VETO_COUNT
    for column in blank:
        yield finding(column.page, 1, "空白栏目",
                      f"column {column.page.removesuffix('index.html')} ({column.title}) lists nothing "
                      f"({len(blank)} blank column(s), {VETO_COUNT} or more is 单项否决)",
                      "publish an entry in it, or remove the links that lead to it", veto=veto, note=not veto)


def wording(serious: Sequence[Diagnostic]) -> Iterator[Finding]:
    """Serious wording errors (严重表述错误), found by the wording checker, each a single-veto item."""
    for problem in serious:
        yield finding(problem.path, problem.line, "严重表述错误", problem.message, problem.hint, veto=True)


def dead_links(model: SiteModel, crawl: Crawl) -> Iterator[Finding]:
    """Internal links that lead nowhere: −1 on the home page, −0.1 elsewhere (unverified figures). A link on a
    document's page points at the document's body; one on a generated page at the built page's line."""
    sources = {e.url + "index.html": e.doc for e in model.entries}
    for dead in crawl.dead:
        points = DEAD_HOME_POINTS if dead.page == "index.html" else DEAD_OTHER_POINTS
        doc = sources.get(dead.page)
        path, line = (doc.path, doc.body_line) if doc else (dead.page, dead.line)
        page = dead.page.removesuffix("index.html") or "the home page"
        yield finding(path, line, "链接不可用", f"the link {dead.target} on {page} leads to no page",
                      "correct the link in the document or the template it comes from", points=points,
                      unverified=True)


def undated(model: SiteModel, crawl: Crawl) -> Iterator[Finding]:
    """An item whose page, as the crawler reaches it, shows no publication date counts as not updated.
    Every catalog item has a 发布日期 (成文日期 is required), so this finds a theme that leaves it out: the
    date must stand on the page as text (2025-03-04 or 2025年3月4日), not only in an attribute."""
    tz = model.config.tz
    for entry in model.catalog:
        extract = crawl.extracts.get(entry.url + "index.html")
        if entry.doc.published is None or extract is None:
            continue
        day = entry.doc.published.astimezone(tz).date()
        if not shows_date(extract, day):
            yield finding(entry.doc.path, 1, "无发布日期", f"the page {entry.url} shows no publication date",
                          f"show 发布日期 ({day.isoformat()}) on the document page: the theme's document "
                          "template must print it")


def interpretations(model: SiteModel) -> Iterator[Finding]:
    """Policies (规章, 行政规范性文件) in force are published with their interpretation."""
    for entry in model.catalog:
        details = entry.doc.details
        if isinstance(details, PolicyDetails) and details.category in INTERPRETATION_REQUIRED \
                and entry.validity in ("有效", "") and not model.interpretations.get(entry.index_no):
            yield finding(entry.doc.path, entry.doc.line_of("category"), "政策未解读",
                          f"this {details.category} has no published interpretation (政策解读)",
                          "publish an interpretation with 解读文件: " + entry.index_no)


def is_guide(doc: Document) -> bool:
    """The 政府信息公开指南: content/pages/guide.md, or a page whose title names it."""
    return doc.kind == "page" and (doc.path.endswith("/guide.md") or "信息公开指南" in doc.title)


def guide(model: SiteModel) -> Iterator[Finding]:
    """The guide is kept up to date (Art 53): its 更新日期 within a year."""
    today = model.options.now.astimezone(model.config.tz).date()
    pages = [e.doc for e in model.entries if is_guide(e.doc)]
    if not pages:
        yield finding("content/pages", 1, "指南未更新", "the site has no 政府信息公开指南 page",
                      "write content/pages/guide.md with the guide (Art 12)")
    for doc in pages:
        if doc.updated is None:
            yield finding(doc.path, doc.line_of("title"), "指南未更新", "the guide does not say when it was updated",
                          "write 更新日期: YYYY-MM-DD in its front matter when you review it")
        elif today - doc.updated > timedelta(days=GUIDE_DAYS):
            yield finding(doc.path, doc.line_of("updated"), "指南未更新",
                          f"the guide was last updated {doc.updated} ({(today - doc.updated).days} days ago)",
                          "review the guide, then set 更新日期 to the day of the review")


def late_publication(model: SiteModel) -> Iterator[Finding]:
    """Art 26: published within 20 working days of being made (Mon–Fri, minus data/holidays.yaml)."""
    tz = model.config.tz
    registry = model.registry
    for entry in model.catalog:
        doc = entry.doc
        if doc.written is None or doc.published is None or "published" not in doc.lines:
            continue
        published = doc.published.astimezone(tz).date()
        if (published - doc.written).days <= ART26_DAYS:  # never more working days than days
            continue
        days = workdays_between(doc.written, published, registry.holidays, registry.workdays)
        if days > ART26_DAYS:
            yield finding(doc.path, doc.line_of("published"), "公开不及时",
                          f"published {days} working days after it was written ({doc.written}); Article 26 "
                          f"allows {ART26_DAYS}", "publish documents within 20 working days of being made")


def report_deadline(report_year: int, scope: str) -> date:
    """31 January for a department's own report (本机关), 31 March for a government's (全部) (Art 49–50)."""
    return date(report_year + 1, 1, 31) if scope == "本机关" else date(report_year + 1, 3, 31)


def annual_reports(model: SiteModel) -> Iterator[Finding]:
    """The annual report published after its deadline."""
    tz = model.config.tz
    for entry in model.catalog:
        details = entry.doc.details
        if not isinstance(details, ReportDetails) or entry.doc.published is None:
            continue
        deadline = report_deadline(details.year, details.scope)
        published = entry.doc.published.astimezone(tz).date()
        if published > deadline:
            who = "a department's" if details.scope == "本机关" else "a government's"
            yield finding(entry.doc.path, date_line(entry.doc), "年报逾期",
                          f"the {details.year} annual report was published {published}, after {who} deadline "
                          f"{deadline}", "publish the annual report by 31 January (departments) or 31 March "
                          "(governments)")
