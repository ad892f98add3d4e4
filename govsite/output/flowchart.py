"""A process's steps drawn at build time as an accessible SVG flow chart, with its text alternative.

The chart goes from top to bottom, one row per step of the longest path to it, at most three boxes side by
side (a longer row wraps), so that it stays narrow; it scales with its viewBox (max-width: 100% in the theme).
Arrows into the next row go straight down; an arrow that skips rows runs in a lane on the right. The SVG is
role="img" with <title> and <desc>; the ordered list beside it (FlowView.steps) says the same in words.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from markupsafe import Markup

from govsite.content.servicedocs import Step, flow_layers

BOX_W = 200
GAP_X = 24
GAP_Y = 44
MARGIN = 12
LANE = 28  # the right-hand lane of arrows that skip rows
PER_ROW = 3
NAME_CHARS = 12
META_CHARS = 15


@dataclass(frozen=True)
class FlowLink:
    """A link to another step of the text alternative."""

    name: str
    url: str


@dataclass(frozen=True)
class FlowStepView:
    """One step of the text alternative."""

    anchor: str
    number: int
    name: str
    actor: str
    limit: str
    next: tuple[FlowLink, ...]  # links to the anchors of the steps that may follow


@dataclass(frozen=True)
class FlowView:
    """The chart (inline SVG) and its text alternative."""

    title: str
    svg: Markup
    steps: tuple[FlowStepView, ...]
    branches: int


@dataclass(frozen=True)
class _Box:
    step: Step
    x: int
    y: int
    h: int
    row: int
    name_lines: tuple[str, ...]
    meta_lines: tuple[str, ...]


def _wrap(text: str, width: int) -> tuple[str, ...]:
    """Cut text into lines of `width` characters (a CJK character or two Latin ones count as one)."""
    lines: list[str] = []
    line = ""
    size = 0.0
    for ch in text:
        step = 1.0 if ord(ch) > 0x2E7F else 0.55
        if size + step > width and line:
            lines.append(line)
            line, size = "", 0.0
        line += ch
        size += step
    if line:
        lines.append(line)
    return tuple(lines)


def _meta(step: Step) -> str:
    return "，".join(part for part in (step.actor, step.limit) if part)


def _layout(steps: tuple[Step, ...]) -> tuple[list[_Box], int, int]:
    rows: list[tuple[Step, ...]] = []
    for layer in flow_layers(steps):
        rows += [layer[i:i + PER_ROW] for i in range(0, len(layer), PER_ROW)]
    columns = max((len(r) for r in rows), default=1)
    inner = columns * BOX_W + (columns - 1) * GAP_X
    width = inner + 2 * MARGIN + LANE
    boxes: list[_Box] = []
    y = MARGIN
    for n, row in enumerate(rows):
        made = [(s, _wrap(s.name, NAME_CHARS)[:3], _wrap(_meta(s), META_CHARS)[:2]) for s in row]
        height = max(16 + 20 * len(name) + 17 * len(meta) for _s, name, meta in made)
        left = MARGIN + (inner - (len(row) * BOX_W + (len(row) - 1) * GAP_X)) // 2
        for i, (step, name, meta) in enumerate(made):
            boxes.append(_Box(step, left + i * (BOX_W + GAP_X), y, height, n, name, meta))
        y += height + GAP_Y
    return boxes, width, y - GAP_Y + MARGIN


def _box_svg(box: _Box, first: bool) -> list[str]:
    end = not box.step.next
    cls = "flow-step" + (" flow-start" if first else "") + (" flow-end" if end else "")
    cx = box.x + BOX_W // 2
    out = [f'<g class={quoteattr(cls)}>',
           f'<rect x="{box.x}" y="{box.y}" width="{BOX_W}" height="{box.h}" rx="{14 if end or first else 4}" '
           'fill="none" stroke="currentColor" stroke-width="' + ("2.5" if first or end else "1.5") + '"/>']
    y = box.y + 24
    for line in box.name_lines:
        out.append(f'<text x="{cx}" y="{y}" text-anchor="middle" font-size="15" font-weight="bold" '
                   f'fill="currentColor">{escape(line)}</text>')
        y += 20
    for line in box.meta_lines:
        out.append(f'<text x="{cx}" y="{y - 2}" text-anchor="middle" font-size="12" fill="currentColor">'
                   f'{escape(line)}</text>')
        y += 17
    out.append("</g>")
    return out


def _arrow_svg(source: _Box, target: _Box, lane_x: int, marker: str) -> str:
    if target.row == source.row + 1:
        x1, y1 = source.x + BOX_W // 2, source.y + source.h
        x2, y2 = target.x + BOX_W // 2, target.y
        mid = y1 + GAP_Y // 2
        points = f"{x1},{y1} {x1},{mid} {x2},{mid} {x2},{y2 - 2}"
    else:  # around the rows in between, on the right
        x1, y1 = source.x + BOX_W, source.y + source.h // 2
        x2, y2 = target.x + BOX_W, target.y + target.h // 2
        points = f"{x1},{y1} {lane_x},{y1} {lane_x},{y2} {x2 + 2},{y2}"
    return (f'<polyline points="{points}" fill="none" stroke="currentColor" stroke-width="1.5" '
            f'marker-end="url(#{marker})"/>')


def flow_svg(steps: tuple[Step, ...], title: str, prefix: str) -> str:
    """The inline SVG of a process (for steps that passed flow_problems)."""
    boxes, width, height = _layout(steps)
    where = {b.step.id: b for b in boxes}
    marker = f"{prefix}-arrow"
    branches = sum(1 for s in steps if len(s.next) > 1)
    desc = (f"共{len(steps)}个步骤，从“{steps[0].name}”开始"
            + (f"，有{branches}处分支" if branches else "") + "。各步骤的承办和时限见图下的文字说明。")
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="flowchart-svg" viewBox="0 0 {width} {height}" '
           f'width="{width}" height="{height}" style="max-width:100%;height:auto" role="img" '
           f'aria-labelledby="{prefix}-title {prefix}-desc">',
           f'<title id="{prefix}-title">{escape(title)}</title>', f'<desc id="{prefix}-desc">{escape(desc)}</desc>',
           f'<defs><marker id="{marker}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
           'orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="currentColor"/></marker></defs>']
    lane_x = width - MARGIN - LANE // 2
    for box in boxes:
        out += [_arrow_svg(box, where[link.target], lane_x, marker) for link in box.step.next]
    for n, box in enumerate(boxes):
        out += _box_svg(box, n == 0)  # the first step is the only one in the first row
    out.append("</svg>")
    return "".join(out)


def flow_view(steps: tuple[Step, ...], title: str, prefix: str) -> FlowView | None:
    """The chart and its ordered list of steps with their branches, or None for a process without steps."""
    if not steps:
        return None
    anchors = {s.id: f"{prefix}-s{n}" for n, s in enumerate(steps, 1)}
    names = {s.id: s.name for s in steps}
    views = tuple(FlowStepView(anchors[s.id], n, s.name, s.actor, s.limit,
                               tuple(FlowLink(names[link.target], "#" + anchors[link.target]) for link in s.next))
                  for n, s in enumerate(steps, 1))
    return FlowView(title, Markup(flow_svg(steps, title, prefix)), views, sum(1 for s in steps if len(s.next) > 1))
