"""What the catalog computes beyond single documents: tender projects, fund tables, annual-report counts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from govsite.content.document import Document, FundDetails, ReportDetails
from govsite.errors import Diagnostic
from govsite.model.funds import FundTable, check_fund, fund_rows, fund_table
from govsite.model.reports import PolicyCounts, check_report, missing_last_report, section_two
from govsite.model.services import check_services
from govsite.model.site import SiteModel
from govsite.model.tenders import TenderProject, check_tenders, tender_projects


@dataclass(frozen=True)
class Derived:
    """Computed values the pages show, keyed by the source path of their document."""

    projects: tuple[TenderProject, ...] = ()
    fund_tables: Mapping[str, FundTable] = field(default_factory=dict)
    report_counts: Mapping[str, tuple[PolicyCounts, ...]] = field(default_factory=dict)


def derive(model: SiteModel, documents: tuple[Document, ...],
           data_files: Mapping[str, bytes]) -> tuple[Derived, tuple[Diagnostic, ...]]:
    """Compute and check the special kinds; every document is checked, only shown ones are computed for pages."""
    problems: list[Diagnostic] = list(check_tenders(documents))
    problems.extend(check_services(documents))
    tables: dict[str, FundTable] = {}
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
    reports = tuple(d for d in documents if d.kind == "report")
    problems.extend(missing_last_report(reports, model.options.now.astimezone(model.config.tz)))
    counts = {e.doc.path: section_two(e, model.catalog) for e in model.catalog
              if isinstance(e.doc.details, ReportDetails)}
    projects = tender_projects(model.catalog, model.options.now)
    return Derived(projects, tables, counts), tuple(problems)
