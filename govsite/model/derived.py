"""What the catalog computes beyond single documents: tender projects, fund tables, annual-report counts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from govsite.content.document import Document, FundDetails, ReportDetails
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
    """Compute and check the special kinds; every document is checked, only shown ones are computed for pages."""
    problems: list[Diagnostic] = list(check_tenders(documents))
    indexed = lookups(documents)  # every document by 索引号 and by path, made once for the checks below
    problems.extend(check_gazette(model, documents, indexed))
    problems.extend(check_regulations(documents))
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
    standards, standard_problems = standard_tables(model, documents, data_files, indexed)
    problems += [*standard_problems, *check_qa(model, documents, indexed)]
    services = tuple(e for e in model.catalog if e.doc.kind in ("power", "guide"))
    return Derived(projects, tables, counts, standards, qa_index(model, documents, indexed),
                   gazette_issues(model), services), tuple(problems)
