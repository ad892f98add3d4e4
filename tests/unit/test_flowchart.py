"""The flow chart of a process: its rows, its problems, its SVG and text alternative (output/flowchart.py)."""

from __future__ import annotations

import re

from govsite.content.servicedocs import Step, StepLink, flow_layers, flow_problems
from govsite.output.flowchart import BOX_W, PER_ROW, flow_svg, flow_view


def step(sid: str, *nexts: str, line: int = 1, name: str = "") -> Step:
    return Step(sid, name or sid, "窗口", "1个工作日", tuple(StepLink(n, line) for n in nexts), line)


def test_rows_follow_the_longest_path_and_branches_sit_under_their_step() -> None:
    steps = (step("a", "c", "b"), step("b", "d"), step("c", "d"), step("d"))
    rows = flow_layers(steps)
    assert [[s.id for s in row] for row in rows] == [["a"], ["c", "b"], ["d"]]  # c first: a names it first
    skip = (step("a", "b", "d"), step("b", "c"), step("c", "d"), step("d"))
    assert [[s.id for s in row] for row in flow_layers(skip)] == [["a"], ["b"], ["c"], ["d"]]


def test_problems_name_their_lines() -> None:
    assert [p.line for p in flow_problems((step("a", "x", line=3), step("b", line=5)))] == [3]
    loop = flow_problems((step("a", "b", line=2), step("b", "a", line=4)))
    assert [(p.line, p.message) for p in loop] == [(4, "step 'b' leads back to step 'a': a flow chart cannot loop")]
    lonely = flow_problems((step("a", line=2), step("b", line=4)))
    assert [(p.line, p.message) for p in lonely] == [(4, "step 'b' cannot be reached from the first step 'a'")]
    assert flow_problems((step("a", "b"), step("b"))) == ()


def test_a_wide_row_wraps_so_the_chart_stays_narrow() -> None:
    steps = (step("a", *"bcdefg"), *(step(s) for s in "bcdefg"))
    svg = flow_svg(steps, "测试", "t")
    width = int(re.search(r'viewBox="0 0 (\d+) ', svg).group(1))  # type: ignore[union-attr]
    assert width < (PER_ROW + 1) * BOX_W
    assert svg.count('<g class="flow-step') == 7


def test_text_is_escaped_and_the_chart_is_labelled() -> None:
    steps = (step("a", "b", name="<受理>&"), step("b"))
    svg = flow_svg(steps, "标题<x>", "p")
    assert "&lt;受理&gt;&amp;" in svg and "<受理>" not in svg
    assert 'role="img" aria-labelledby="p-title p-desc"' in svg
    assert '<title id="p-title">标题&lt;x&gt;</title>' in svg
    assert "共2个步骤" in svg


def test_the_text_alternative_links_each_branch_to_its_step() -> None:
    view = flow_view((step("a", "b", "c"), step("b"), step("c")), "流程", "f")
    assert view is not None and view.branches == 1
    assert [(n.name, n.url) for n in view.steps[0].next] == [("b", "#f-s2"), ("c", "#f-s3")]
    assert flow_view((), "流程", "f") is None
