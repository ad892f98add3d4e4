"""The statutory process of an application (Articles 30, 33, 36 and 37 of the 2019 Regulations) as steps and
decision types, and the SVG flow chart drawn from them at build time (the page shows the same steps as an
ordered list: the chart's text alternative)."""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape


@dataclass(frozen=True)
class Step:
    title: str
    detail: str


STEPS = (
    Step("提交申请",
         "以书面形式（含数据电文）向受理机构提出；书面确有困难的可以口头提出，由受理机构代为填写（第二十九条）。"),
    Step("申请内容不明确的，告知补正",
         "自收到申请之日起7个工作日内一次性告知补正事项和合理的补正期限；答复期限自收到补正的申请之日起计算（第三十条）。"),
    Step("20个工作日内答复",
         "能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内答复（第三十三条）。"),
    Step("需要延长的，告知申请人",
         "经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不超过20个工作日；征求第三方意见的时间不计算在内（第三十三条）。"),
    Step("作出答复", "按下列情形之一答复（第三十六条、第三十七条）。"),
)

DECISIONS = (
    Step("已主动公开", "告知获取该政府信息的方式、途径（第三十六条第一项）"),
    Step("予以公开", "提供该政府信息，或者告知获取的方式、途径和时间（第三十六条第二项）"),
    Step("部分公开", "提供可以公开的内容，对不予公开的部分说明理由（第三十七条）"),
    Step("不予公开", "告知申请人不予公开并说明理由（第三十六条第三项）"),
    Step("信息不存在", "经检索没有所申请公开信息的，告知该政府信息不存在（第三十六条第四项）"),
    Step("不属于本机关负责公开", "告知并说明理由；能够确定负责机关的，告知其名称、联系方式（第三十六条第五项）"),
    Step("重复申请", "已就同一信息作出答复、申请人重复申请的，告知不予重复处理（第三十六条第六项）"),
    Step("按其他法律法规办理", "工商、不动产登记资料等另有规定的，告知依照有关法律、行政法规办理（第三十六条第七项）"),
)

WIDTH = 760
BOX_H = 44
GAP = 26
FONT = 'font-family="sans-serif"'


def _box(x: int, y: int, w: int, text: str, fill: str) -> str:
    return (f'<rect x="{x}" y="{y}" width="{w}" height="{BOX_H}" rx="6" fill="{fill}" stroke="#1f3a5f" '
            f'stroke-width="1.5"/><text x="{x + w // 2}" y="{y + 28}" text-anchor="middle" font-size="17" '
            f'{FONT} fill="#111">{escape(text)}</text>')


def _arrow(x: int, y1: int, y2: int) -> str:
    return (f'<line x1="{x}" y1="{y1}" x2="{x}" y2="{y2 - 6}" stroke="#1f3a5f" stroke-width="2"/>'
            f'<path d="M{x - 6} {y2 - 8} L{x} {y2} L{x + 6} {y2 - 8} Z" fill="#1f3a5f"/>')


def flow_chart_svg(title_id: str = "apply-flow-title", desc_id: str = "apply-flow-desc") -> str:
    """The chart: the steps one under another, then the decision types in two columns. Scales to its
    container's width (viewBox, no fixed width), so it never scrolls sideways at any zoom."""
    parts: list[str] = []
    y = 10
    box_w = 520
    x = (WIDTH - box_w) // 2
    for n, step in enumerate(STEPS, 1):
        if n > 1:
            parts.append(_arrow(WIDTH // 2, y - GAP, y))
        parts.append(_box(x, y, box_w, f"{n}. {step.title}", "#e8f0fa"))
        y += BOX_H + GAP
    col_w = 350
    rows = (len(DECISIONS) + 1) // 2
    parts.append(_arrow(WIDTH // 2, y - GAP, y))
    for i, decision in enumerate(DECISIONS):
        cx = 20 + (i % 2) * (col_w + 20)
        cy = y + (i // 2) * (BOX_H + 12)
        parts.append(_box(cx, cy, col_w, decision.title, "#fff7e0"))
    height = y + rows * (BOX_H + 12) + 8
    desc = "；".join(f"{n}. {s.title}" for n, s in enumerate(STEPS, 1)) + "。答复情形：" + \
        "、".join(d.title for d in DECISIONS) + "。"
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="apply-flow" viewBox="0 0 {WIDTH} {height}" '
            f'role="img" aria-labelledby="{title_id} {desc_id}" preserveAspectRatio="xMidYMin meet">'
            f'<title id="{title_id}">政府信息公开申请办理流程图</title>'
            f'<desc id="{desc_id}">{escape(desc)}</desc>{"".join(parts)}</svg>')
