"""Annual reports (国办公开办函〔2021〕30号): section 二 computed from the catalog, the table identities checked."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from govsite.content.document import Document, PolicyDetails, ReportDetails
from govsite.content.report_schema import COLUMNS
from govsite.errors import Diagnostic, error, warning
from govsite.model.site import Entry

ROW_LABELS = {
    "applications.new": "一、本年新收政府信息公开申请数量",
    "applications.carried_over": "二、上年结转政府信息公开申请数量",
    "applications.outcomes.disclosed": "三、（一）予以公开",
    "applications.outcomes.partly": "三、（二）部分公开",
    "applications.outcomes.withheld": "三、（三）不予公开",
    "applications.outcomes.unable": "三、（四）无法提供",
    "applications.outcomes.not_processed": "三、（五）不予处理",
    "applications.outcomes.other": "三、（六）其他处理",
    "applications.outcomes.total": "三、（七）总计",
    "applications.carried_forward": "四、结转下年度继续办理",
}
APPEAL_LABELS = {"reconsideration": "行政复议", "litigation_direct": "行政诉讼（未经复议直接起诉）",
                 "litigation_after": "行政诉讼（复议后起诉）"}
SUB_GROUPS = ("withheld", "unable", "not_processed", "other")


@dataclass(frozen=True)
class PolicyCounts:
    """One row of section 二 for 规章 or 行政规范性文件."""

    category: str
    issued: int
    repealed: int
    in_force: int


def section_two(report: Entry, catalog: tuple[Entry, ...]) -> tuple[PolicyCounts, ...]:
    """本年制发, 本年废止 and 现行有效 from the published policies in the report's scope (spec 3.5)."""
    details = report.doc.details
    assert isinstance(details, ReportDetails)
    year_end = date(details.year, 12, 31)
    rows = []
    for category in ("规章", "行政规范性文件"):
        policies = [e for e in catalog if isinstance(e.doc.details, PolicyDetails)
                    and e.doc.details.category == category
                    and (details.scope == "全部" or e.agency == report.agency)]
        issued = sum(1 for e in policies if e.doc.written is not None and e.doc.written.year == details.year)
        repealed = sum(1 for e in policies if (r := _repealed(e)) is not None and r.year == details.year)
        in_force = sum(1 for e in policies if _in_force(e, year_end))
        rows.append(PolicyCounts(category, issued, repealed, in_force))
    return tuple(rows)


def _in_force(entry: Entry, year_end: date) -> bool:
    """Written by the end of the year and neither repealed nor expired by then."""
    repealed = _repealed(entry)
    expires = entry.doc.expires
    return entry.doc.written is not None and entry.doc.written <= year_end \
        and not (repealed is not None and repealed <= year_end) and not (expires is not None and expires < year_end)


def _repealed(entry: Entry) -> date | None:
    details = entry.doc.details
    return details.repealed if isinstance(details, PolicyDetails) else None


def _row(values: Mapping[str, object], key: str) -> tuple[int, ...]:
    value: object = values
    for part in key.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return tuple(value) if isinstance(value, tuple) else (0,) * len(COLUMNS)


def _sub_rows(applications: Mapping[str, object], group: str) -> dict[str, tuple[int, ...]]:
    outcomes = applications.get("outcomes")
    rows = outcomes.get(group) if isinstance(outcomes, dict) else None
    return {k: v for k, v in rows.items() if isinstance(v, tuple)} if isinstance(rows, dict) else {}


def check_report(doc: Document, details: ReportDetails) -> tuple[Diagnostic, ...]:
    """Every identity of the standard tables; each mismatch names its row and column."""
    if not details.applications and not details.appeals:
        return ()
    return tuple([*_row_totals(doc, details), *_outcome_totals(doc, details), *_balance(doc, details),
                  *_appeal_totals(doc, details)])


def _line(doc: Document, details: ReportDetails, key: str) -> int:
    return details.lines.get(key) or details.lines.get(key.rsplit(".", 1)[0]) or doc.line_of("applications")


def _all_rows(details: ReportDetails) -> Iterator[tuple[str, str, tuple[int, ...]]]:
    apps = {"applications": details.applications}
    for key in ("applications.new", "applications.carried_over", "applications.outcomes.disclosed",
                "applications.outcomes.partly", "applications.outcomes.total", "applications.carried_forward"):
        yield key, ROW_LABELS[key], _row(apps, key)
    for group in SUB_GROUPS:
        for label, row in _sub_rows(details.applications, group).items():
            group_label = ROW_LABELS["applications.outcomes." + group]
            yield f"applications.outcomes.{group}.{label}", f"{group_label}·{label}", row


def _row_totals(doc: Document, details: ReportDetails) -> Iterator[Diagnostic]:
    for key, label, row in _all_rows(details):
        if key not in details.lines:
            continue
        if row[-1] != sum(row[:-1]):
            yield error(doc.path, _line(doc, details, key),
                        f"{label}: the 总计 column is {row[-1]}, but the other columns add up to {sum(row[:-1])}",
                        "总计 is the sum of 自然人 and the five kinds of 法人或其他组织")


def _outcome_totals(doc: Document, details: ReportDetails) -> Iterator[Diagnostic]:
    apps = {"applications": details.applications}
    total = _row(apps, "applications.outcomes.total")
    parts = [_row(apps, "applications.outcomes.disclosed"), _row(apps, "applications.outcomes.partly")]
    for group in SUB_GROUPS:
        parts.extend(_sub_rows(details.applications, group).values())
    for column, name in enumerate(COLUMNS):
        computed = sum(p[column] for p in parts)
        if total[column] != computed:
            yield error(doc.path, _line(doc, details, "applications.outcomes.total"),
                        f"三、（七）总计, column {name}: {total[column]}, but （一）to（六）add up to {computed}",
                        "（七）总计 is the sum of （一）予以公开 to （六）其他处理, every sub-row included")


def _balance(doc: Document, details: ReportDetails) -> Iterator[Diagnostic]:
    apps = {"applications": details.applications}
    new, old = _row(apps, "applications.new"), _row(apps, "applications.carried_over")
    done, later = _row(apps, "applications.outcomes.total"), _row(apps, "applications.carried_forward")
    for column, name in enumerate(COLUMNS):
        received, handled = new[column] + old[column], done[column] + later[column]
        if received != handled:
            yield error(doc.path, _line(doc, details, "applications.carried_forward"),
                        f"column {name}: 一 + 二 = {received}, but 三（七）总计 + 四 = {handled}",
                        "every application received or carried over is handled this year or carried forward")


def _appeal_totals(doc: Document, details: ReportDetails) -> Iterator[Diagnostic]:
    for key, label in APPEAL_LABELS.items():
        group = details.appeals.get(key)
        if not isinstance(group, dict):
            continue
        parts = sum(int(str(group.get(k, 0))) for k in ("upheld", "corrected", "other", "pending"))
        total = int(str(group.get("total", 0)))
        if total != parts:
            yield error(doc.path, details.lines.get(f"appeals.{key}.total") or details.lines.get(f"appeals.{key}", 1),
                        f"{label} 总计 is {total}, but 结果维持 + 结果纠正 + 其他结果 + 尚未审结 = {parts}",
                        "总计 is the sum of the four results")


def missing_last_report(reports: tuple[Document, ...], now: datetime) -> tuple[Diagnostic, ...]:
    """After 31 January, a site that publishes reports should have last year's."""
    if not reports:
        return ()
    last_year = now.year - 1
    if (now.month, now.day) <= (1, 31):
        return ()
    years = {d.details.year for d in reports if isinstance(d.details, ReportDetails) and not d.draft}
    if last_year in years:
        return ()
    return (warning("content/reports", 1, f"there is no annual report for {last_year}",
                    f"departments publish the {last_year} report by 31 January, governments by 31 March"),)
