"""The inspection of standard catalogs (基层政务公开标准目录, 国办发〔2019〕54号): a 主动公开 row whose due date
(截止日期, or 形成日期 plus its 公开时限) has passed with no published document linked to it."""

from __future__ import annotations

from collections.abc import Iterator

from govsite.inspection.findings import Finding, finding
from govsite.model.derived import Derived
from govsite.model.site import SiteModel

INDICATOR = "标准目录事项未按时公开"


def overdue_rows(model: SiteModel, derived: Derived) -> Iterator[Finding]:
    """Each overdue row, at its line (in the document or its CSV): a deduction the rules give no figure for."""
    today = model.options.now.astimezone(model.config.tz).date()
    for path, table in sorted(derived.standards.items()):
        for line in table.lines:
            if line.status != "逾期未公开" or line.due is None:
                continue
            row = line.row
            yield finding(row.source, row.line, INDICATOR,
                          f"{table.field}: 事项 '{row.second or row.first}' was due by {line.due} "
                          f"({(today - line.due).days} days ago; 公开时限 {row.time_limit}) and no published "
                          f"document fulfils it ({model.by_path[path].url})",
                          "publish the information and list its 索引号 under 公开文件 in the row")
