"""Views of the computed kinds: tender projects and their list, fund tables with chart, annual reports."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from decimal import Decimal

from markupsafe import Markup

from govsite.content.document import ReportDetails
from govsite.content.report_schema import (
    COLUMNS,
    NOT_PROCESSED_ROWS,
    OTHER_ROWS,
    UNABLE_ROWS,
    WITHHELD_ROWS,
)
from govsite.model.derived import Derived
from govsite.model.funds import FundTable
from govsite.model.site import Entry, SiteModel
from govsite.model.tenders import STATUSES, TenderProject
from govsite.output.charts import fund_chart
from govsite.output.links import href, published_date
from govsite.output.views import (
    FilterLink,
    FilterLinks,
    FundLineView,
    FundView,
    NoticeRow,
    ProjectView,
    ReportRow,
    ReportView,
    TenderListView,
    TermLink,
)

STATUS_SLUGS = dict(zip(STATUSES, ("open", "closed", "publicity", "awarded", "terminated"), strict=True))
METHOD_SLUGS = {"公开招标": "gkzb", "邀请招标": "yqzb", "竞争性谈判": "jzxtp", "竞争性磋商": "jzxcs",
                "询价": "xj", "单一来源": "dyly", "框架协议": "kjxy"}
FUND_CSV = "fund-table.csv"


def project_path(project: TenderProject) -> str:
    return f"tenders/projects/{project.code}/"


def _money(amount: Decimal | None, unit: str = "元") -> str:
    return "" if amount is None else f"{amount:,.2f} {unit}"


def today_of(model: SiteModel) -> str:
    """The build's day (pages say 状态计算于 that day, so that they stay the same all day)."""
    return model.options.now.astimezone(model.config.tz).strftime("%Y-%m-%d")


def project_view(model: SiteModel, project: TenderProject, current: str = "", today: str = "") -> ProjectView:
    """A project's status, the date it depends on, and its notices in order (`today`: today_of(model))."""
    tz = model.config.tz
    today = today or today_of(model)
    when = project.status_date.astimezone(tz).strftime("%Y-%m-%d %H:%M") if project.status_date else ""
    publicity = any(n.tender.stage == "中标候选人公示" for n in project.notices)
    notes = {"招标中": f"投标截止时间 {when}", "公示中": f"公示截止 {when}",
             "已截止": (f"公示已于 {when} 结束" if publicity else f"投标已于 {when} 截止") if when else ""}
    note = notes.get(project.status, "")
    award = project.award
    return ProjectView(
        code=project.code, title=project.title, url=href(model, project_path(project)), status=project.status,
        status_note=f"{note}（状态计算于 {today}）" if note else f"状态计算于 {today}",
        deadline=project.deadline.astimezone(tz).strftime("%Y-%m-%d %H:%M") if project.deadline else "",
        method=project.method, purchaser=project.purchaser, budget=_money(project.budget),
        award_supplier=award.award.supplier if award and award.award else "",
        award_amount=_money(award.award.amount) if award and award.award else "",
        notices=tuple(NoticeRow(n.entry.doc.title, href(model, n.entry.url), n.tender.stage,
                                published_date(model, n.entry), n.entry.doc.path == current)
                      for n in project.notices))


def projects_by_path(derived: Derived) -> dict[str, TenderProject]:
    """Each notice's project, by the notice's source path."""
    return {n.entry.doc.path: p for p in derived.projects for n in p.notices}


TenderListPage = tuple[str, str, tuple[TenderProject, ...]]
"""One page of the project list: its path, title and the projects it shows."""


def tender_list_pages(derived: Derived) -> list[TenderListPage]:
    """All projects, then one static page per status and per method (filters that work without JavaScript);
    a status no project has gets no page (an empty list is a blank column, 空白栏目, to an inspector)."""
    projects = derived.projects
    pages: list[TenderListPage] = [("tenders/projects/", "全部采购项目", projects)]
    pages += [(f"tenders/projects/status/{slug}/", f"采购项目：{status}",
               tuple(p for p in projects if p.status == status)) for status, slug in _statuses(projects)]
    pages += [(f"tenders/projects/method/{METHOD_SLUGS[m]}/", f"采购项目：{m}",
               tuple(p for p in projects if p.method == m)) for m in _methods(projects)]
    return pages


def _statuses(projects: tuple[TenderProject, ...]) -> list[tuple[str, str]]:
    """The statuses some project has, with their URL slugs, in the order of STATUSES."""
    return [(status, slug) for status, slug in STATUS_SLUGS.items() if any(p.status == status for p in projects)]


def _methods(projects: tuple[TenderProject, ...]) -> list[str]:
    return sorted({p.method for p in projects if p.method}, key=lambda m: list(METHOD_SLUGS).index(m))


def tender_list_view(model: SiteModel, derived: Derived, page: TenderListPage, today: str = "") -> TenderListView:
    """One page of the project list, with the status and method filters (made inside the page's job)."""
    rel, title, selected = page
    projects = derived.projects
    status_links = (FilterLink("全部", href(model, "tenders/projects/"), rel == "tenders/projects/", len(projects)),
                    *(FilterLink(s, href(model, f"tenders/projects/status/{slug}/"),
                                 rel == f"tenders/projects/status/{slug}/",
                                 sum(p.status == s for p in projects)) for s, slug in _statuses(projects)))
    method_links = tuple(FilterLink(m, href(model, f"tenders/projects/method/{METHOD_SLUGS[m]}/"),
                                    rel == f"tenders/projects/method/{METHOD_SLUGS[m]}/",
                                    sum(p.method == m for p in projects)) for m in _methods(projects))
    return TenderListView(title, (FilterLinks("按状态", status_links), FilterLinks("按采购方式", method_links)),
                          tuple(project_view(model, p, today=today) for p in selected),
                          href(model, "tenders/projects/status/open/feed.xml"), tender_crumbs(model))


def tender_crumbs(model: SiteModel) -> tuple[TermLink, ...]:
    """The breadcrumbs of the project list and of each project's page."""
    return (TermLink("首页", href(model, "")), TermLink("招标采购", href(model, "tenders/")),
            TermLink("采购项目", href(model, "tenders/projects/")))


def open_tender_entries(derived: Derived) -> tuple[Entry, ...]:
    """The notices of projects still open for bids, newest first (for the open-tenders feed)."""
    entries = [n.entry for p in derived.projects if p.status == "招标中" for n in p.notices]
    return tuple(sorted(entries, key=lambda e: e.doc.published.timestamp() if e.doc.published else 0, reverse=True))


def _rate(rate: Decimal | None) -> str:
    return f"{rate}%" if rate is not None else ""


def fund_view(model: SiteModel, entry: Entry, table: FundTable) -> FundView:
    """Thousands separators in the report's unit; the chart and a CSV of the same figures."""
    def amount(value: Decimal | None) -> str:
        return f"{value:,.2f}" if value is not None else ""
    lines = tuple(FundLineView(line.item, amount(line.budget), amount(line.spent), _rate(line.rate), line.note)
                  for line in table.lines)
    return FundView(table.unit, lines, amount(table.total_budget), amount(table.total_spent), _rate(table.rate),
                    table.has_spent, Markup(fund_chart(table, f"{entry.doc.title}（单位：{table.unit}）",
                                                       "chart-" + hashlib.sha1(entry.url.encode()).hexdigest()[:8])),
                    href(model, entry.url + FUND_CSV))


def fund_csv(table: FundTable) -> bytes:
    """The table with its totals, UTF-8 with BOM, for spreadsheet programs."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["项目", f"预算（{table.unit}）", f"支出（{table.unit}）", "执行率", "备注"])
    for line in table.lines:
        writer.writerow([line.item, line.budget if line.budget is not None else "",
                         line.spent if line.spent is not None else "", _rate(line.rate), line.note])
    writer.writerow(["合计", table.total_budget, table.total_spent if table.total_spent is not None else "",
                     _rate(table.rate), ""])
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def _seven(values: object) -> tuple[str, ...]:
    return tuple(str(v) for v in values) if isinstance(values, tuple) else ("0",) * len(COLUMNS)


def _group(applications: dict[str, object], key: str) -> dict[str, object]:
    outcomes = applications.get("outcomes")
    group = outcomes.get(key) if isinstance(outcomes, dict) else None
    return group if isinstance(group, dict) else {}


PROACTIVE_LABELS = (("licensing", "行政许可"), ("penalty", "行政处罚"), ("coercion", "行政强制"))
OUTCOME_GROUPS = (("三", "withheld", "不予公开", WITHHELD_ROWS), ("四", "unable", "无法提供", UNABLE_ROWS),
                  ("五", "not_processed", "不予处理", NOT_PROCESSED_ROWS), ("六", "other", "其他处理", OTHER_ROWS))


def _proactive_rows(details: ReportDetails) -> tuple[ReportRow, ...]:
    proactive = dict(details.proactive)
    fees = proactive.get("fees")
    counts = tuple(ReportRow(label, 0, (str(proactive.get(key, 0)),)) for key, label in PROACTIVE_LABELS)
    return (*counts, ReportRow("行政事业性收费", 0, (f"{fees:,.2f}" if isinstance(fees, Decimal) else "0",)))


def _application_rows(details: ReportDetails) -> tuple[ReportRow, ...]:
    apps = dict(details.applications)
    found = apps.get("outcomes")
    outcomes = found if isinstance(found, dict) else {}
    rows = [ReportRow("一、本年新收政府信息公开申请数量", 0, _seven(apps.get("new"))),
            ReportRow("二、上年结转政府信息公开申请数量", 0, _seven(apps.get("carried_over"))),
            ReportRow("三、本年度办理结果", 0, ()),
            ReportRow("（一）予以公开", 1, _seven(outcomes.get("disclosed"))),
            ReportRow("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 1, _seven(outcomes.get("partly")))]
    for number, key, title, labels in OUTCOME_GROUPS:
        rows.append(ReportRow(f"（{number}）{title}", 1, ()))
        group = _group(apps, key)
        rows += [ReportRow(f"{i}.{label}", 2, _seven(group.get(label))) for i, label in enumerate(labels, 1)]
    rows += [ReportRow("（七）总计", 1, _seven(outcomes.get("total"))),
             ReportRow("四、结转下年度继续办理", 0, _seven(apps.get("carried_forward")))]
    return tuple(rows)


def _appeal_values(details: ReportDetails) -> tuple[str, ...]:
    values: list[str] = []
    for key in ("reconsideration", "litigation_direct", "litigation_after"):
        found = details.appeals.get(key)
        group = found if isinstance(found, dict) else {}
        values += [str(group.get(k, 0)) for k in ("upheld", "corrected", "other", "pending", "total")]
    return tuple(values)


def report_view(entry: Entry, derived: Derived, body_html: str) -> ReportView:
    """The six-section standard format: narrative 一, tables 二 三 四, narrative 五 六."""
    details = entry.doc.details
    assert isinstance(details, ReportDetails)
    counts = derived.report_counts.get(entry.doc.path, ())
    policy_rows = tuple(ReportRow(c.category, 0, (str(c.issued), str(c.repealed), str(c.in_force))) for c in counts)
    before, after = split_narrative(body_html)
    return ReportView(details.year, policy_rows, _proactive_rows(details), _application_rows(details),
                      _appeal_values(details), Markup(before), Markup(after))


_AFTER_TABLES = re.compile(r"<h2[^>]*>\s*(五|六)、")


def split_narrative(html: str) -> tuple[str, str]:
    """The body up to its 五、 (or 六、) heading, and from there: the tables go between."""
    match = _AFTER_TABLES.search(html)
    return (html[: match.start()], html[match.start():]) if match else (html, "")
