"""What the catalog computes beyond single documents: tender projects, fund tables, annual-report counts."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from operator import attrgetter
from typing import TypeVar

from govsite.content.document import (
    Document,
    FundDetails,
    GazetteDetails,
    PolicyDetails,
    QaDetails,
    ReportDetails,
    StandardDetails,
    TenderDetails,
)
from govsite.content.servicedocs import GuideDetails, PowerDetails
from govsite.errors import Diagnostic
from govsite.model.funds import FundTable, check_fund, fund_rows, fund_table
from govsite.model.gazette import GazetteIssue, check_gazette, check_regulations, gazette_issues
from govsite.model.qa import QaIndex, check_qa, qa_index
from govsite.model.reports import PolicyCounts, check_report, missing_last_report, section_two
from govsite.model.services import check_services
from govsite.model.site import Entry, SiteModel
from govsite.model.standards import StandardTable, lookups, standard_tables
from govsite.model.tenders import TenderProject, check_tenders, tender_projects


@dataclass(frozen=True)
class Derived:
    """Computed values the pages show, keyed by the source path of their document."""

    projects: tuple[TenderProject, ...] = ()
    fund_tables: Mapping[str, FundTable] = field(default_factory=dict)
    report_counts: Mapping[str, tuple[PolicyCounts, ...]] = field(default_factory=dict)
    standards: Mapping[str, StandardTable] = field(default_factory=dict)  # 标准目录, by source path
    qa: QaIndex = field(default_factory=QaIndex)  # 政策问答 by topic and by cited policy
    gazette: tuple[GazetteIssue, ...] = ()  # the shown gazette issues, newest first
    services: tuple[Entry, ...] = ()  # the shown 权责清单 and 办事指南 entries, in catalog order


def derive(model: SiteModel, documents: tuple[Document, ...],
           data_files: Mapping[str, bytes]) -> tuple[Derived, tuple[Diagnostic, ...]]:
    """Compute and check the special kinds; every document is checked, only shown ones are computed for pages.
    Each check is given the documents of its kind (grouped once, in their order), and the lookups by 索引号
    and by path are made once for all."""
    kinds = _by_details(documents, attrgetter("details"))
    indexed = lookups(documents)
    problems: list[Diagnostic] = list(check_tenders(_of(kinds, TenderDetails)))
    problems.extend(check_gazette(model, _of(kinds, GazetteDetails), indexed))
    problems.extend(check_regulations(_of(kinds, PolicyDetails)))
    problems.extend(check_services(_of(kinds, PowerDetails, GuideDetails)))
    tables, fund_problems = _fund_tables(model, _of(kinds, FundDetails, ReportDetails), data_files)
    problems += fund_problems
    reports = tuple(d for d in documents if d.kind == "report")
    problems.extend(missing_last_report(reports, model.options.now.astimezone(model.config.tz)))
    shown = _by_details(model.catalog, attrgetter("doc.details"))
    policies = _of(shown, PolicyDetails)
    counts = {e.doc.path: section_two(e, policies) for e in _of(shown, ReportDetails)}
    projects = tender_projects(_of(shown, TenderDetails), model.options.now)
    standards, standard_problems = standard_tables(model, _of(kinds, StandardDetails), data_files, indexed)
    problems += [*standard_problems, *check_qa(model, documents, indexed)]
    services = tuple(e for e in model.catalog if e.doc.kind in ("power", "guide"))
    return Derived(projects, tables, counts, standards, qa_index(model, documents, indexed, _of(shown, QaDetails)),
                   gazette_issues(model, _of(shown, GazetteDetails)), services), tuple(problems)


def _fund_tables(model: SiteModel, documents: tuple[Document, ...],
                 data_files: Mapping[str, bytes]) -> tuple[dict[str, FundTable], list[Diagnostic]]:
    """The fund reports' tables (of shown ones) and the fund and annual reports' problems."""
    tables: dict[str, FundTable] = {}
    problems: list[Diagnostic] = []
    for doc in documents:
        if doc.has_errors:  # sums over rows that could not all be read would only mislead
            continue
        if isinstance(doc.details, FundDetails):
            rows, found = fund_rows(doc, doc.details, dict(data_files))
            problems.extend(found)
            table = fund_table(doc.details, rows)
            problems.extend(check_fund(doc, doc.details, table))
            if doc.path in model.by_path:
                tables[doc.path] = table
        if isinstance(doc.details, ReportDetails):
            problems.extend(check_report(doc, doc.details))
    return tables, problems


T = TypeVar("T")


def _by_details(items: Iterable[T], details: Callable[[T], object]) -> dict[type, list[T]]:
    """Items by the class of their details (every details class stands alone: no subclasses), in order."""
    groups: dict[type, list[T]] = {}
    for item in items:
        groups.setdefault(type(details(item)), []).append(item)
    return groups


def _of(groups: Mapping[type, list[T]], *kinds: type) -> tuple[T, ...]:
    """The items of these details classes; of one class in their order (several: class by class)."""
    return tuple(item for kind in kinds for item in groups.get(kind, ()))
