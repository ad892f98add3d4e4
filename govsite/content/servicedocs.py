"""The typed details of 权责清单 items and 办事指南 (service guides), and the graph of their process steps."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

POWER_CATEGORIES = ("行政许可", "行政处罚", "行政强制", "行政征收", "行政给付", "行政检查", "行政确认", "行政奖励",
                    "行政裁决", "其他")
POWER_CATEGORY_SLUGS = dict(zip(POWER_CATEGORIES, ("xuke", "chufa", "qiangzhi", "zhengshou", "jifu", "jiancha",
                                                   "queren", "jiangli", "caijue", "qita"), strict=True))
APPLICANTS = ("个人", "法人")
LIFE_EVENTS: dict[str, tuple[str, ...]] = {
    "个人": ("出生", "入学", "就业", "婚育", "住房", "医疗", "社保", "出行", "退休", "身后", "其他"),
    "法人": ("开办", "经营", "投资", "用工", "纳税", "变更", "注销", "其他"),
}
EVENT_SLUGS: dict[tuple[str, str], str] = {
    ("个人", "出生"): "chusheng", ("个人", "入学"): "ruxue", ("个人", "就业"): "jiuye", ("个人", "婚育"): "hunyu",
    ("个人", "住房"): "zhufang", ("个人", "医疗"): "yiliao", ("个人", "社保"): "shebao", ("个人", "出行"): "chuxing",
    ("个人", "退休"): "tuixiu", ("个人", "身后"): "shenhou", ("个人", "其他"): "geren-qita",
    ("法人", "开办"): "kaiban", ("法人", "经营"): "jingying", ("法人", "投资"): "touzi",
    ("法人", "用工"): "yonggong", ("法人", "纳税"): "nashui", ("法人", "变更"): "biangeng",
    ("法人", "注销"): "zhuxiao", ("法人", "其他"): "faren-qita",
}
ALL_EVENTS = tuple(dict.fromkeys(e for events in LIFE_EVENTS.values() for e in events))
PROVIDER_TYPES = ("行政机关", "公共企事业单位")
MATERIAL_FORMS = ("原件", "复印件", "原件及复印件", "电子材料")


@dataclass(frozen=True)
class StepLink:
    """A `next` entry of a step: the id of the step it leads to, and the line it was written on."""

    target: str
    line: int


@dataclass(frozen=True)
class Step:
    """One step of a process (办理流程): who acts, in what time, and the steps that may follow."""

    id: str
    name: str
    actor: str
    limit: str
    next: tuple[StepLink, ...]
    line: int


@dataclass(frozen=True)
class PowerDetails:
    """One 权力事项 of the 权责清单."""

    code: str
    category: str
    basis: str
    implementer: str
    item: str = ""
    duties: tuple[str, ...] = ()
    accountability: tuple[str, ...] = ()
    promised_days: int | None = None
    statutory_days: int | None = None
    steps: tuple[Step, ...] = ()


@dataclass(frozen=True)
class Material:
    """One line of 申请材料: its name, original or copy, how many, and a form to download (a file beside)."""

    name: str
    form: str
    copies: int
    template: str
    note: str
    line: int
    template_line: int = 0  # the line of `template` (样表), where a missing file is reported


@dataclass(frozen=True)
class Fee:
    """One 收费项目 with its exact amount."""

    item: str
    amount: Decimal
    unit: str
    basis: str
    line: int


@dataclass(frozen=True)
class GuideDetails:
    """A 办事指南: for an agency's service or a public enterprise's (water, power, gas, transport …)."""

    applicant: str
    life_event: str
    scope: str
    service: str = ""
    basis: tuple[str, ...] = ()
    conditions: tuple[str, ...] = ()
    materials: tuple[Material, ...] = ()
    steps: tuple[Step, ...] = ()
    promised_days: int | None = None
    statutory_days: int | None = None
    fees: tuple[Fee, ...] = ()
    fee_basis: str = ""
    place: str = ""
    hours: str = ""
    phone: str = ""
    complaint_phone: str = ""
    provider: str = ""
    provider_type: str = "行政机关"
    sector: str = ""


def service_lines(kind: str, agency: str, todo: str) -> list[str]:
    """The kind's own front matter lines of `govsite new power|guide` (errors until the TODOs are filled in)."""
    flow = ["流程:" if kind == "power" else "办理流程:",
            "  - {编号: shouli, 名称: 受理, 承办: 窗口, 时限: 即时, 下一步: [jueding]}",
            "  - {编号: jueding, 名称: 作出决定, 时限: 5个工作日}",
            "# 承诺时限: 5          # 工作日，不得超过法定时限", "# 法定时限: 20"]
    if kind == "power":
        return [f"编码: {todo}", f"类别: {todo}          # " + " / ".join(POWER_CATEGORIES), f"实施依据: {todo}",
                f"实施主体: {agency}", f"责任事项: [{todo}]", f"追责情形: [{todo}]", *flow]
    themes = "；".join(f"{who}：{'、'.join(events)}" for who, events in LIFE_EVENTS.items())
    return [f"办事对象: 个人          # {' / '.join(APPLICANTS)}", f"办事主题: {todo}          # {themes}",
            f"适用范围: {todo}", f"受理条件: [{todo}]", "申请材料:",
            f"  - {{材料名称: {todo}, 材料形式: 原件, 份数: 1}}", *flow,
            f"办理地点: {todo}", f"办理时间: {todo}", f"咨询电话: {todo}", f"投诉电话: {todo}",
            "# 办理单位: 某县自来水有限公司          # 公共企事业单位办理时填写，并写 单位性质: 公共企事业单位"]


@dataclass(frozen=True)
class FlowProblem:
    """Something wrong with a process's steps, on a line of the document."""

    line: int
    message: str
    hint: str


def flow_problems(steps: tuple[Step, ...]) -> tuple[FlowProblem, ...]:
    """Doubled ids, links to missing steps, loops and steps the first step never leads to."""
    problems: list[FlowProblem] = []
    by_id: dict[str, Step] = {}
    for step in steps:
        if step.id in by_id:
            problems.append(FlowProblem(step.line, f"step id '{step.id}' is used twice (first on line "
                                        f"{by_id[step.id].line})", "give every step its own id"))
        else:
            by_id[step.id] = step
    ids = ", ".join(by_id)
    for step in steps:
        for link in step.next:
            if link.target not in by_id:
                problems.append(FlowProblem(link.line, f"step '{step.id}' leads to step '{link.target}', "
                                            "which does not exist", f"use one of the step ids: {ids}"))
    if problems or not steps:
        return tuple(problems)
    loop = _loop(steps, by_id)
    if loop is not None:
        step, link = loop
        problems.append(FlowProblem(link.line, f"step '{step.id}' leads back to step '{link.target}': "
                                    "a flow chart cannot loop", "a process goes forward only: end the branch "
                                    "(e.g. '一次性告知补正材料') instead of leading back to an earlier step"))
        return tuple(problems)
    reached = _reachable(steps[0], by_id)
    for step in steps:
        if step.id not in reached:
            problems.append(FlowProblem(step.line, f"step '{step.id}' cannot be reached from the first step "
                                        f"'{steps[0].id}'", "add its id to the 'next' of the step before it, "
                                        "or delete the step"))
    return tuple(problems)


def _reachable(start: Step, by_id: dict[str, Step]) -> set[str]:
    seen = {start.id}
    todo = [start]
    while todo:
        for link in todo.pop().next:
            if link.target not in seen:
                seen.add(link.target)
                todo.append(by_id[link.target])
    return seen


def _loop(steps: tuple[Step, ...], by_id: dict[str, Step]) -> tuple[Step, StepLink] | None:
    """The first link (in document order of a depth-first walk) that closes a loop, or None."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done

    def visit(step: Step) -> tuple[Step, StepLink] | None:
        state[step.id] = 1
        for link in step.next:
            mark = state.get(link.target)
            if mark == 1:
                return step, link
            if mark is None:
                found = visit(by_id[link.target])
                if found is not None:
                    return found
        state[step.id] = 2
        return None

    for step in steps:
        if step.id not in state:
            found = visit(step)
            if found is not None:
                return found
    return None


def flow_layers(steps: tuple[Step, ...]) -> tuple[tuple[Step, ...], ...]:
    """The steps in rows from the top: each step one row below the lowest step that leads to it (longest
    path from the first step). Only for steps without problems (no loop, every link to a step)."""
    by_id = {s.id: s for s in steps}
    depth: dict[str, int] = {}

    def level(step_id: str, parents: dict[str, list[str]]) -> int:
        if step_id not in depth:
            depth[step_id] = 1 + max((level(p, parents) for p in parents.get(step_id, [])), default=-1)
        return depth[step_id]

    parents: dict[str, list[str]] = {}
    for step in steps:
        for link in step.next:
            if link.target in by_id:
                parents.setdefault(link.target, []).append(step.id)
    rows: dict[int, list[Step]] = {}
    for step in steps:
        rows.setdefault(level(step.id, parents), []).append(step)
    order: dict[str, tuple[int, int, int]] = {}  # a step goes under the first step that leads to it
    for n in sorted(rows):
        for place, step in enumerate(sorted(rows[n], key=lambda s: order.get(s.id, (0, 0, 0)))):
            for i, link in enumerate(step.next):
                order.setdefault(link.target, (n, place, i))
        rows[n].sort(key=lambda s: order.get(s.id, (0, 0, 0)))
    return tuple(tuple(rows[n]) for n in sorted(rows))
