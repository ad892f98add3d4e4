"""`govsite new KIND`: a new document with the required fields filled or marked TODO and the next free 索引号."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from govsite.config import SiteConfig
from govsite.content.document import KIND_LABELS, SECTION_KINDS, Document
from govsite.content.servicedocs import service_lines
from govsite.environment import require_new_file
from govsite.errors import EnvironmentProblem, UsageError
from govsite.model.index_no import format_index_no
from govsite.registry import Agency, Registry

SECTION_OF: dict[str, str] = {str(kind): section for section, kind in SECTION_KINDS.items()} | {"page": "pages"}
KIND_ALIASES = {**{label: kind for kind, label in KIND_LABELS.items()}, **{s: k for s, k in SECTION_KINDS.items()},
                "pages": "page", "页面": "page"}
TODO = "TODO"


class KindNames(tuple[str, ...]):
    """The kinds for argparse `choices`: lists (in help and in errors) the English names, and also accepts each
    kind's section folder and Chinese label."""

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and (super().__contains__(name) or name in KIND_ALIASES)


KINDS = KindNames(SECTION_OF)


@dataclass(frozen=True)
class Example:
    """Valid stand-in values for `govsite init`'s example documents: they build at once, each marked TODO."""

    policy: str = ""
    """The 索引号 of the example policy: the example interpretation explains it, the example topic lists it."""


@dataclass(frozen=True)
class NewDocument:
    """Where the new file goes and what it says."""

    path: str
    text: str
    index_no: str


def resolve_kind(name: str) -> str:
    """A kind by its English name, section folder or Chinese label."""
    kind = name if name in SECTION_OF else KIND_ALIASES.get(name, "")
    if not kind:
        raise UsageError(f"unknown kind '{name}'; choose one of: " + ", ".join(SECTION_OF))
    return kind


def next_sequence(documents: tuple[Document, ...], agency: Agency, year: int) -> int:
    """One more than the highest sequence number this agency used in this year (1 when none)."""
    prefix = f"{agency.code}/{year:04d}-"
    numbers = [d.index_no.value[len(prefix):] for d in documents
               if d.index_no is not None and d.index_no.value.startswith(prefix)]
    used = [int(n) for n in numbers if n.isdigit()]
    return max(used, default=0) + 1


def _agency(registry: Registry, key: str | None) -> Agency:
    if key:
        agency = registry.agency(key)
        if agency is None:
            raise UsageError(f"unknown agency '{key}'; choose one of: " + ", ".join(a.key for a in registry.agencies))
        return agency
    if len(registry.agencies) == 1:
        return registry.agencies[0]
    raise UsageError("--agency KEY is required; choose one of: " + ", ".join(a.key for a in registry.agencies))


def _kind_lines(kind: str, agency: Agency, today: datetime, example: Example | None) -> list[str]:
    if kind == "policy":
        return ["文件类别: 其他          # 规章 / 行政规范性文件 / 其他", "有效性: 有效"]
    if kind == "interpretation":
        if example:
            return [f"解读文件: {example.policy}          # 被解读政策的索引号"]
        return [f"解读文件: {TODO}          # 被解读政策的索引号"]
    if kind == "tender":
        if example:
            deadline = today + timedelta(days=30)
            return [f"项目编号: EXAMPLE-{today.year}-001      # {TODO}: 项目编号", "公告类型: 招标公告",
                    "采购方式: 公开招标", f"采购人: {agency.name}", f"预算金额: 0.00          # {TODO}: 预算金额（元）",
                    f"投标截止时间: {deadline:%Y-%m-%d} 09:30      # {TODO}: 投标截止时间"]
        return [f"项目编号: {TODO}", "公告类型: 招标公告", "采购方式: 公开招标", f"采购人: {agency.name}",
                f"预算金额: {TODO}          # 元", f"投标截止时间: {TODO}      # 例如 {today.year}-12-31 09:30"]
    if kind == "fund":
        item = "'TODO: 项目'" if example else TODO
        return [f"资金名称: {_quoted(TODO + ': 资金名称') if example else TODO}", f"年度: {today.year}", "单位: 万元",
                "明细:", f"  - {{项目: {item}, 预算: 0.00, 支出: 0.00}}"]
    if kind == "report":
        return [f"年度: {today.year - 1}", "统计范围: 全部"]
    if kind == "standard":
        return [f"领域: {TODO}          # 例如 义务教育、户籍管理",
                "事项:          # 事项多时改用 数据文件: mulu.csv（同一文件夹中的 CSV）",
                f"  - 一级事项: {TODO}", f"    二级事项: {TODO}", f"    公开内容: {TODO}", f"    公开依据: {TODO}",
                "    公开时限: 信息形成或变更之日起20个工作日内", f"    公开主体: {TODO}",
                "    公开渠道和载体: 政府网站",
                "    公开对象: 全社会          # 全社会 / 特定群体", "    公开方式: 主动          # 主动 / 依申请",
                "    公开层级: 县级          # 县级 / 乡级 / 县级、乡级"]
    if kind == "qa":
        return [f"问答主题: {TODO}          # 同一主题的问答集中在一个页面", "# 问题: 来信、来电的原话",
                f"# 提问日期: {today:%Y-%m-%d}", "# 提问渠道: 12345热线", "# 相关政策: [索引号]"]
    if kind == "gazette":
        return [f"年度: {today.year}", f"年度期号: {TODO}          # 本年第几期",
                f"总期号: {TODO}          # 创刊以来第几期",
                f"# PDF版: {today.year}-01.pdf    # 本期PDF文件（放在本文件旁边）；有PDF时删去行首的 #",
                "目录:", f"  - 文件: {TODO}          # 刊登文件的索引号，或相对路径 ../../policies/…/….md",
                "    页码: 1"]
    if kind in ("power", "guide"):
        return service_lines(kind, agency.name, TODO)
    return []


def new_document(config: SiteConfig, registry: Registry, documents: tuple[Document, ...], kind_name: str,
                 agency_key: str | None, title: str | None, now: datetime,
                 example: Example | None = None) -> NewDocument:
    """The text and path of a new document; nothing is written here.

    With `example` (govsite init), every field holds a valid stand-in marked TODO and the document is marked
    reviewed, so that the new site builds with one entry in each column and `govsite check` lists the TODOs.
    """
    kind = resolve_kind(kind_name)
    today = now.astimezone(config.tz)
    section = SECTION_OF[kind]
    title_text = title or f"{TODO}: 标题"
    if kind in ("page", "topic"):
        stem = f"{kind}-{today:%Y%m%d-%H%M%S}"
        listed = f"文件: [{example.policy}]          # {TODO}: 专题收录的文件（索引号），或改用 匹配:\n" \
            if example and kind == "topic" else ""
        text = f"---\n标题: {_quoted(title_text)}\n{listed}---\n\n{TODO}: 正文\n"
        return NewDocument(f"content/{section}/{stem}.md", text, "")
    agency = _agency(registry, agency_key)
    seq = next_sequence(documents, agency, today.year)
    index_no = format_index_no(agency.code, today.year, seq)
    lines = [
        "---",
        f"标题: {_quoted(title_text)}",
        f"索引号: {index_no}",
        f"发布机构: {agency.key}          # {agency.name}",
        f"成文日期: {today:%Y-%m-%d}",
        *_classification(example),
        f"# 文号: 示财发〔{today.year}〕1号    # 有文号时删去行首的 #",
        f"保密审查: 已审查          # {TODO}: 示例文件；换成真实内容并经保密审查后保留 已审查" if example
        else "保密审查: 未审查          # 审查通过后改为 已审查，才会发布",
        *_kind_lines(kind, agency, today, example),
        "---", "", "## 一、", "", f"{TODO}: 正文", "",
    ]
    return NewDocument(f"content/{section}/{today.year}/{agency.key}-{today.year}-{seq:05d}.md", "\n".join(lines),
                       index_no)


def _classification(example: Example | None) -> list[str]:
    if example:
        return [f"主题分类: 综合政务/其他          # {TODO}: 选择主题分类，例如 财政、金融、审计/财政",
                f"体裁分类: 其他          # {TODO}: 选择体裁分类，例如 通知、意见、公告、报告"]
    return [f"主题分类: {TODO}          # 例如 财政、金融、审计/财政",
            f"体裁分类: {TODO}          # 例如 通知、意见、公告、报告"]


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def write_new(site: Path, new: NewDocument) -> Path:
    """Create the file; never overwrite one."""
    path = site / new.path
    require_new_file(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as stream:
            stream.write(new.text)
    except FileExistsError:
        unused = f", though no document has the 索引号 {new.index_no}" if new.index_no else ""
        raise EnvironmentProblem(f"'{path}' is already there{unused}: govsite new never overwrites a file; rename "
                                 "that file and run it again") from None
    return path
