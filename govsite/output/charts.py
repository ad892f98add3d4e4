"""A fund table drawn at build time as an inline SVG bar chart, readable without JavaScript."""

from __future__ import annotations

from decimal import Decimal
from xml.sax.saxutils import escape

from govsite.model.funds import FundTable

BAR_HEIGHT = 14
ROW_HEIGHT = 44
LABEL_WIDTH = 220
CHART_WIDTH = 420
BUDGET_COLOUR = "#1f4e79"
SPENT_COLOUR = "#a61b1b"


def _fmt(amount: Decimal) -> str:
    return f"{amount:,.2f}"


MAX_BARS = 30


def _short(text: str, limit: int = 16) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def fund_chart(table: FundTable, title: str, ident: str = "chart") -> str:
    """SVG with role=img, a <title> naming it and a <desc> that states every figure in words."""
    lines = table.lines[:MAX_BARS]
    largest = max([line.budget or Decimal(0) for line in lines] + [line.spent or Decimal(0) for line in lines]
                  + [Decimal(1)])
    height = ROW_HEIGHT * len(lines) + 40
    width = LABEL_WIDTH + CHART_WIDTH + 140
    desc = "；".join(
        f"{line.item}：预算{_fmt(line.budget or Decimal(0))}{table.unit}"
        + (f"，支出{_fmt(line.spent)}{table.unit}" if line.spent is not None else "")
        + (f"，执行率{line.rate}%" if line.rate is not None else "")
        for line in lines)
    if len(table.lines) > MAX_BARS:
        desc += f"；另有{len(table.lines) - MAX_BARS}项未在图中显示，见上表"
        title += f"（前{MAX_BARS}项）"
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="fund-chart" role="img" viewBox="0 0 {width} {height}" '
             f'aria-labelledby="{ident}-title" aria-describedby="{ident}-desc">',
             f'<title id="{ident}-title">{escape(title)}</title>', f'<desc id="{ident}-desc">{escape(desc)}</desc>',
             f'<rect x="{LABEL_WIDTH}" y="6" width="12" height="12" fill="{BUDGET_COLOUR}"/>',
             f'<text x="{LABEL_WIDTH + 18}" y="17" font-size="13" fill="#222">预算</text>']
    if table.has_spent:
        parts += [f'<rect x="{LABEL_WIDTH + 70}" y="6" width="12" height="12" fill="{SPENT_COLOUR}"/>',
                  f'<text x="{LABEL_WIDTH + 88}" y="17" font-size="13" fill="#222">支出</text>']
    for index, line in enumerate(lines):
        top = 34 + index * ROW_HEIGHT
        parts.append(f'<text x="{LABEL_WIDTH - 8}" y="{top + BAR_HEIGHT}" font-size="13" text-anchor="end" '
                     f'fill="#222">{escape(_short(line.item))}</text>')
        for offset, value, colour in ((0, line.budget, BUDGET_COLOUR), (BAR_HEIGHT + 2, line.spent, SPENT_COLOUR)):
            if value is None:
                continue
            bar = max(1, int(value / largest * CHART_WIDTH))
            parts.append(f'<rect x="{LABEL_WIDTH}" y="{top + offset}" width="{bar}" height="{BAR_HEIGHT}" '
                         f'fill="{colour}"/>')
            parts.append(f'<text x="{LABEL_WIDTH + bar + 6}" y="{top + offset + 11}" font-size="12" '
                         f'fill="#222">{_fmt(value)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)
