"""Tender projects: the notices sharing a project_code, their computed status and the checks of spec 3.2/3.5."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from govsite.content.document import Document, TenderDetails
from govsite.errors import Diagnostic, error, warning
from govsite.model.site import Entry

STAGE_ORDER = ("招标公告", "更正公告", "中标候选人公示", "中标结果公告", "合同公告", "终止公告")
STATUSES = ("招标中", "已截止", "公示中", "已中标", "已终止")
MIN_BID_DAYS = 20
MIN_PUBLICITY_DAYS = 3


@dataclass(frozen=True)
class TenderNotice:
    """One published notice of a project."""

    entry: Entry
    tender: TenderDetails


@dataclass(frozen=True)
class TenderProject:
    """All notices of one project_code, in order, and the status they give at build time."""

    code: str
    title: str
    notices: tuple[TenderNotice, ...]
    status: str
    status_date: datetime | None  # the deadline or publicity end the status depends on
    deadline: datetime | None
    method: str
    purchaser: str
    budget: Decimal | None

    @property
    def award(self) -> TenderDetails | None:
        return next((n.tender for n in reversed(self.notices) if n.tender.award is not None), None)


def _published(entry: Entry) -> datetime:
    assert entry.doc.published is not None
    return entry.doc.published


def effective_deadline(notices: tuple[TenderNotice, ...]) -> datetime | None:
    """The original deadline, replaced by the latest 更正公告 that gives one."""
    deadline = None
    for notice in notices:
        if notice.tender.stage in ("招标公告", "更正公告") and notice.tender.deadline is not None:
            deadline = notice.tender.deadline
    return deadline


def tender_status(notices: tuple[TenderNotice, ...], now: datetime) -> tuple[str, datetime | None]:
    """Spec 3.5: 已终止 > 已中标 > 公示中 (until publicity_end) > 招标中 (until the deadline) > 已截止."""
    stages = {n.tender.stage for n in notices}
    if "终止公告" in stages:
        return "已终止", None
    if stages & {"中标结果公告", "合同公告"}:
        return "已中标", None
    publicity = [n.tender for n in notices if n.tender.stage == "中标候选人公示"]
    if publicity:
        end = publicity[-1].publicity_end
        return ("公示中" if end is not None and now < end else "已截止"), end
    deadline = effective_deadline(notices)
    if deadline is not None and now < deadline:
        return "招标中", deadline
    return "已截止", deadline


def tender_projects(catalog: tuple[Entry, ...], now: datetime) -> tuple[TenderProject, ...]:
    """Group the published notices by project_code; projects sorted by code."""
    groups: dict[str, list[TenderNotice]] = {}
    for entry in catalog:
        if isinstance(entry.doc.details, TenderDetails) and entry.doc.published is not None:
            groups.setdefault(entry.doc.details.project_code, []).append(TenderNotice(entry, entry.doc.details))
    projects = []
    for code, group in sorted(groups.items()):
        notices = tuple(sorted(group, key=lambda n: (_published(n.entry), STAGE_ORDER.index(n.tender.stage))))
        status, status_date = tender_status(notices, now)
        first = next((n for n in notices if n.tender.stage == "招标公告"), notices[0])
        projects.append(TenderProject(
            code=code, title=_project_title(first.entry.doc.title), notices=notices, status=status,
            status_date=status_date, deadline=effective_deadline(notices),
            method=next((n.tender.method for n in notices if n.tender.method), ""),
            purchaser=first.tender.purchaser,
            budget=next((n.tender.budget for n in notices if n.tender.budget is not None), None)))
    return tuple(projects)


def _project_title(notice_title: str) -> str:
    for suffix in ("公开招标公告", "招标公告", "竞争性磋商公告", "竞争性谈判公告", "询价公告", "采购公告", "公告"):
        if notice_title.endswith(suffix) and len(notice_title) > len(suffix):
            return notice_title[: -len(suffix)]
    return notice_title


def check_tenders(documents: tuple[Document, ...]) -> tuple[Diagnostic, ...]:
    """Periods, award against budget, and notices after termination, over every tender document."""
    groups: dict[str, list[tuple[Document, TenderDetails]]] = {}
    for doc in documents:
        if isinstance(doc.details, TenderDetails) and doc.published is not None:
            groups.setdefault(doc.details.project_code, []).append((doc, doc.details))
    problems: list[Diagnostic] = []
    for notices in groups.values():
        notices.sort(key=lambda pair: (pair[0].published or datetime.min, pair[0].path))
        problems.extend(_project_checks(notices))
    return tuple(problems)


def _project_checks(notices: list[tuple[Document, TenderDetails]]) -> Iterator[Diagnostic]:
    budget = next((t.budget for _d, t in notices if t.budget is not None), None)
    terminated: Document | None = None
    for doc, tender in notices:
        assert doc.published is not None
        if terminated is not None and terminated.published is not None and doc.published > terminated.published:
            yield error(doc.path, doc.line_of("stage"),
                        f"this {tender.stage} is dated after the project's 终止公告 ({terminated.path})",
                        "a terminated project takes no further notices; start a new project_code")
        if tender.stage == "终止公告" and terminated is None:
            terminated = doc
        if tender.stage == "招标公告" and tender.method == "公开招标" and tender.deadline is not None:
            days = (tender.deadline.date() - doc.published.date()).days
            if days < MIN_BID_DAYS:
                yield warning(doc.path, doc.line_of("deadline"),
                              f"the bid period is {days} days; 公开招标 needs at least {MIN_BID_DAYS}",
                              "set the deadline at least 20 days after the publication date")
        if tender.stage == "中标候选人公示" and tender.publicity_end is not None:
            days = (tender.publicity_end.date() - doc.published.date()).days
            if days < MIN_PUBLICITY_DAYS:
                yield warning(doc.path, doc.line_of("publicity_end"),
                              f"the publicity period is {days} days; at least {MIN_PUBLICITY_DAYS} are required",
                              "set publicity_end at least 3 days after the publication date")
        if tender.award is not None and budget is not None and tender.award.amount > budget:
            yield warning(doc.path, doc.line_of("award"),
                          f"the award amount {tender.award.amount:,.2f} is above the budget {budget:,.2f}",
                          "check the amount, or explain the difference in the notice")
