"""The standard catalog (基层政务公开标准目录) as its page shows it: the table of 事项 with each row's status and
the documents that fulfil it, and the same rows as a CSV (UTF-8 with BOM) beside the page."""

from __future__ import annotations

import csv
import io

from govsite.model.derived import Derived
from govsite.model.site import SiteModel
from govsite.model.standards import StandardLine, StandardTable
from govsite.output.links import doc_link, href
from govsite.output.views import StandardRowView, StandardView

STANDARD_CSV = "standard-catalog.csv"
CSV_COLUMNS = ("一级事项", "二级事项", "公开内容（要素）", "公开依据", "公开时限", "公开主体", "公开渠道和载体",
               "公开对象", "公开方式", "公开层级", "截止日期", "公开情况", "公开文件")
STATUS_SLUGS = {"已公开": "done", "待公开": "pending", "逾期未公开": "overdue", "依申请公开": "on-request",
                "未设时限": "none"}


def _row_view(model: SiteModel, number: int, line: StandardLine) -> StandardRowView:
    row = line.row
    return StandardRowView(
        number, row.first, row.second, row.content, row.basis, row.time_limit, row.subject, row.channels,
        row.audience, row.mode, "、".join(row.levels), line.due.isoformat() if line.due else "", line.status,
        STATUS_SLUGS.get(line.status, "none"),
        tuple(doc_link(model, model.by_path[path]) for path in line.documents))


def standard_view(model: SiteModel, derived: Derived, path: str, url: str) -> StandardView | None:
    """The table of the standard catalog at `path` (None for any other document)."""
    table = derived.standards.get(path)
    if table is None:
        return None
    counts = tuple((status, n) for status in STATUS_SLUGS
                   if (n := sum(line.status == status for line in table.lines)))
    day = model.options.now.astimezone(model.config.tz).date().isoformat()
    return StandardView(table.field, tuple(_row_view(model, n, line) for n, line in enumerate(table.lines, 1)),
                        counts, href(model, url + STANDARD_CSV), day)


def standard_csv(model: SiteModel, table: StandardTable) -> bytes:
    """The rows with their due dates and status, UTF-8 with BOM and CRLF, for spreadsheet programs."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for line in table.lines:
        row = line.row
        documents = ";".join(model.by_path[p].index_no or model.by_path[p].url for p in line.documents)
        writer.writerow([row.first, row.second, row.content, row.basis, row.time_limit, row.subject, row.channels,
                         row.audience, row.mode, "、".join(row.levels), line.due.isoformat() if line.due else "",
                         line.status, documents])
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def standard_files(model: SiteModel, derived: Derived) -> dict[str, bytes]:
    """Each shown standard catalog's CSV, beside its page (none for a 依申请公开 one)."""
    return {model.by_path[path].url + STANDARD_CSV: standard_csv(model, table)
            for path, table in sorted(derived.standards.items()) if not model.by_path[path].withheld_body}
