"""Fund reports: rows inline or from a CSV, exact decimal totals and 执行率, declared totals checked."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal

from govsite.content.coerce import AMOUNT
from govsite.content.document import Document, FundDetails, FundRow
from govsite.content.source import decode_text
from govsite.errors import Diagnostic, error
from govsite.urls import resolve_relative

CENT = Decimal("0.01")
COLUMN_ALIASES = {"item": "item", "项目": "item", "budget": "budget", "预算": "budget", "spent": "spent",
                  "支出": "spent", "note": "note", "备注": "note"}


@dataclass(frozen=True)
class FundLine:
    """One row with its 执行率 (None when there is no budget or no spending figure)."""

    item: str
    budget: Decimal | None
    spent: Decimal | None
    note: str
    rate: Decimal | None


@dataclass(frozen=True)
class FundTable:
    """The table a fund page shows: rows, totals and the overall 执行率, all exact."""

    unit: str
    lines: tuple[FundLine, ...]
    total_budget: Decimal
    total_spent: Decimal | None
    rate: Decimal | None

    @property
    def has_spent(self) -> bool:
        return self.total_spent is not None


def execution_rate(budget: Decimal | None, spent: Decimal | None) -> Decimal | None:
    """执行率 in percent, rounded half up to two places."""
    if budget is None or spent is None or budget == 0:
        return None
    exact = Context(prec=60)  # amounts have at most 21 digits: the rate is exact before rounding
    return exact.divide(exact.multiply(spent, Decimal(100)), budget).quantize(CENT, rounding=ROUND_HALF_UP,
                                                                             context=exact)


def _amount(raw: str, path: str, line: int, column: str, problems: list[Diagnostic]) -> Decimal | None:
    text = raw.strip().replace(",", "")
    if not text:
        return None
    if not AMOUNT.fullmatch(text):
        problems.append(error(path, line, f"column {column}: '{raw}' is not an amount",
                              "write a plain number such as 1250.50"))
        return None
    return Decimal(text)


def rows_from_csv(path: str, data: bytes) -> tuple[tuple[FundRow, ...], tuple[Diagnostic, ...]]:
    """Read item,budget,spent,note (or 项目,预算,支出,备注) rows; RFC 4180 quoting, LF or CRLF, BOM accepted."""
    text, problems = decode_text(data, path)
    if text is None:
        return (), problems
    reader = csv.reader(io.StringIO(text))
    header = [COLUMN_ALIASES.get(h.strip().lower(), h.strip()) for h in next(reader, [])]
    found: list[Diagnostic] = []
    if "item" not in header or "budget" not in header:
        return (), (error(path, 1, "the CSV needs the columns item and budget (and optionally spent, note)",
                          "the first line names the columns, e.g. item,budget,spent,note"),)
    rows = []
    for record in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in record):
            continue
        cells = dict(zip(header, record, strict=False))
        budget = _amount(cells.get("budget", ""), path, line, "budget", found)
        spent = _amount(cells.get("spent", ""), path, line, "spent", found)
        rows.append(FundRow(cells.get("item", "").strip(), budget, spent, cells.get("note", "").strip(), line))
    return tuple(rows), tuple(found)


def fund_rows(doc: Document, details: FundDetails,
              data_files: dict[str, bytes]) -> tuple[tuple[FundRow, ...], tuple[Diagnostic, ...]]:
    """The document's rows: inline, or read from its data file."""
    if details.data is None:
        return details.rows, ()
    source = resolve_relative(doc.path, details.data.value)
    if source is None or source not in data_files:
        return (), ()  # reported by the reference checks
    return rows_from_csv(source, data_files[source])


def fund_table(details: FundDetails, rows: tuple[FundRow, ...]) -> FundTable:
    """Totals and rates, in decimal arithmetic."""
    lines = tuple(FundLine(r.item, r.budget, r.spent, r.note, execution_rate(r.budget, r.spent)) for r in rows)
    total_budget = sum((r.budget or Decimal(0) for r in rows), Decimal(0))
    has_spent = any(r.spent is not None for r in rows)
    total_spent = sum((r.spent or Decimal(0) for r in rows), Decimal(0)) if has_spent else None
    return FundTable(details.unit, lines, total_budget, total_spent, execution_rate(total_budget, total_spent))


def check_fund(doc: Document, details: FundDetails, table: FundTable) -> tuple[Diagnostic, ...]:
    """A declared 合计 must equal the sums exactly."""
    problems = []
    line = details.total_line or doc.line_of("total")
    for label, declared, computed in (("budget", details.total_budget, table.total_budget),
                                      ("spent", details.total_spent, table.total_spent)):
        if declared is not None and declared != (computed if computed is not None else Decimal(0)):
            problems.append(error(doc.path, details.total_lines.get(label, line),
                                  f"合计 {label} is {declared:,.2f} {details.unit}, but the rows add up to "
                                  f"{computed or 0:,.2f} {details.unit}",
                                  "correct the total or the rows; amounts must agree to the fen"))
    return tuple(problems)
