"""Standard catalogs (基层政务公开标准目录): rows from the front matter or a CSV, each row's due date (given,
or 形成日期 plus the working or calendar days its 公开时限 names), the documents that fulfil it, its status
on the build's day, and the checks of these (path:line in the document or the CSV)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from govsite.content.document import Document, StandardDetails, StandardRow
from govsite.content.standard_schema import rows_from_csv
from govsite.errors import Diagnostic, error, warning
from govsite.model.site import SiteModel
from govsite.model.workdays import is_workday
from govsite.urls import resolve_relative

WORKING_DAYS = re.compile(r"(\d{1,3})\s*个?\s*工作日")
CALENDAR_DAYS = re.compile(r"(\d{1,3})\s*(?:个)?\s*(?:自然日|日|天)")
STATUSES = ("已公开", "待公开", "逾期未公开", "依申请公开", "未设时限")


@dataclass(frozen=True)
class StandardLine:
    """A row as the page shows it: its due date, the published documents that fulfil it, its status."""

    row: StandardRow
    due: date | None
    documents: tuple[str, ...]  # source paths of shown documents, in the order written
    status: str


@dataclass(frozen=True)
class StandardTable:
    """The rows of one field's standard catalog, computed for the build's day."""

    field: str
    lines: tuple[StandardLine, ...]


def time_limit_days(time_limit: str) -> tuple[int, bool] | None:
    """'信息形成或变更之日起20个工作日内' → (20, True): a number of working days (True) or calendar days."""
    match = WORKING_DAYS.search(time_limit)
    if match:
        return int(match[1]), True
    match = CALENDAR_DAYS.search(time_limit)
    return (int(match[1]), False) if match else None


def add_workdays(start: date, count: int, holidays: frozenset[date], workdays: frozenset[date]) -> date:
    """The `count`-th working day after `start` (as workdays_between counts them)."""
    day = start
    while count > 0:
        day += timedelta(days=1)
        count -= is_workday(day, holidays, workdays)
    return day


def due_date(row: StandardRow, holidays: frozenset[date], workdays: frozenset[date]) -> date | None:
    """截止日期 as given, else 形成日期 plus the days of 公开时限; None when neither says."""
    if row.due is not None:
        return row.due
    if row.arises is None:
        return None
    days = time_limit_days(row.time_limit)
    if days is None:
        return None
    count, working = days
    return add_workdays(row.arises, count, holidays, workdays) if working else row.arises + timedelta(days=count)


def standard_rows(doc: Document, details: StandardDetails, data_files: Mapping[str, bytes],
                  model: SiteModel) -> tuple[tuple[StandardRow, ...], tuple[Diagnostic, ...]]:
    """The rows: inline, or read from the data file (a missing file is reported by check_standard)."""
    if details.data is None:
        return details.rows, ()
    source = resolve_relative(doc.path, details.data.value)
    if source is None or source not in data_files:
        return (), ()
    return rows_from_csv(source, data_files[source], model.config.tz)


def document_target(doc_path: str, ref: str, by_index: Mapping[str, Document],
                    by_path: Mapping[str, Document]) -> Document | None:
    """A 公开文件 reference: a 索引号, a path from the site folder (content/…), or one relative to the document."""
    if ref in by_index:
        return by_index[ref]
    if ref in by_path:
        return by_path[ref]
    relative = resolve_relative(doc_path, ref)
    return by_path.get(relative) if relative else None


Lookups = tuple[Mapping[str, Document], Mapping[str, Document]]
"""Every parsed document by 索引号 and by path (made once for all the site's standard catalogs)."""


def lookups(documents: tuple[Document, ...]) -> Lookups:
    return {d.index_no.value: d for d in documents if d.index_no is not None}, {d.path: d for d in documents}


def standard_table(model: SiteModel, details: StandardDetails, rows: tuple[StandardRow, ...],
                   found: Lookups) -> StandardTable:
    """Each row's due date, shown documents and status on the build's day."""
    today = model.options.now.astimezone(model.config.tz).date()
    by_index, by_path = found
    registry = model.registry
    lines = []
    for row in rows:
        due = due_date(row, registry.holidays, registry.workdays)
        targets = (document_target(row.source, ref.value, by_index, by_path) for ref in row.documents)
        shown = tuple(dict.fromkeys(t.path for t in targets if t is not None and t.path in model.by_path))
        lines.append(StandardLine(row, due, shown, row_status(row, due, shown, today)))
    return StandardTable(details.field, tuple(lines))


def row_status(row: StandardRow, due: date | None, shown: tuple[str, ...], today: date) -> str:
    """已公开 (a published document fulfils it), 依申请公开, 未设时限, 待公开 (due later) or 逾期未公开."""
    if shown:
        return "已公开"
    if row.mode == "依申请":
        return "依申请公开"
    if due is None:
        return "未设时限"
    return "待公开" if due >= today else "逾期未公开"


def check_standard(model: SiteModel, doc: Document, details: StandardDetails, rows: tuple[StandardRow, ...],
                   found: Lookups) -> Iterator[Diagnostic]:
    """The data file exists, there are rows, each row's dates and documents make sense."""
    if details.data is not None:
        target = resolve_relative(doc.path, details.data.value)
        if target is None or target in model.outside_links or target not in model.assets:
            yield error(doc.path, details.data.line, f"data file '{details.data.value}' does not exist",
                        "put the CSV file beside the document and write its name")
            return
        if not target.lower().endswith(".csv"):
            yield error(doc.path, details.data.line, f"data file '{details.data.value}' is not a CSV file",
                        "save the table as CSV UTF-8 (另存为 → CSV UTF-8) and write the .csv file's name")
            return
    elif not details.rows:
        yield error(doc.path, doc.line_of("field"),
                    "a standard catalog needs its rows (事项) or a data file (数据文件)",
                    "add '事项:' with one entry per row, or '数据文件: 目录.csv'")
        return
    by_index, by_path = found
    for row in rows:
        yield from _row_checks(model, doc, row, by_index, by_path)


def _row_checks(model: SiteModel, doc: Document, row: StandardRow, by_index: Mapping[str, Document],
                by_path: Mapping[str, Document]) -> Iterator[Diagnostic]:
    where = f"事项 '{row.second or row.first}'"
    if row.due is None and row.arises is not None and time_limit_days(row.time_limit) is None:
        yield error(row.source, row.line, f"{where}: 形成日期 is given but 公开时限 '{row.time_limit}' names no "
                    "number of days to count from it", "write the due date as 截止日期: YYYY-MM-DD, or a time limit "
                    "such as '信息形成之日起20个工作日内'")
    if row.due is not None and row.arises is not None and row.due < row.arises:
        yield error(row.source, row.line, f"{where}: 截止日期 {row.due} is before 形成日期 {row.arises}",
                    "correct one of the two dates")
    for ref in row.documents:
        target = document_target(row.source, ref.value, by_index, by_path)
        if target is None:
            yield error(row.source, ref.line, f"{where}: 公开文件 '{ref.value}' is neither the 索引号 nor the path "
                        "of a document", "write the document's 索引号, or its path such as "
                        "content/policies/2025/tongzhi.md")
        elif not target.is_catalog:
            yield error(row.source, ref.line, f"{where}: 公开文件 '{ref.value}' is not a catalog document",
                        "link the document of the catalog that publishes this 事项")
        elif target.path not in model.by_path and doc.path in model.by_path:
            yield warning(row.source, ref.line, f"{where}: 公开文件 '{ref.value}' ({target.path}) is not published",
                          "the row counts as not yet published until that document is")


def standard_tables(model: SiteModel, documents: tuple[Document, ...], data_files: Mapping[str, bytes],
                    found: Lookups | None = None) -> tuple[dict[str, StandardTable], list[Diagnostic]]:
    """Every standard catalog checked; the tables of shown ones computed for their pages (`found`: the
    documents' lookups when already made)."""
    tables: dict[str, StandardTable] = {}
    problems: list[Diagnostic] = []
    for doc in documents:
        if not isinstance(doc.details, StandardDetails) or doc.has_errors:
            continue
        found = found if found is not None else lookups(documents)
        rows, row_problems = standard_rows(doc, doc.details, data_files, model)
        problems += [*row_problems, *check_standard(model, doc, doc.details, rows, found)]
        if doc.path in model.by_path:
            tables[doc.path] = standard_table(model, doc.details, rows, found)
    return tables, problems
