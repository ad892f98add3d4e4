"""`govsite new KIND`: a new document with the required fields filled or marked TODO and the next free 索引号."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from govsite.config import SiteConfig
from govsite.content.document import KIND_LABELS, SECTION_KINDS, Document
from govsite.errors import UsageError
from govsite.model.index_no import format_index_no
from govsite.registry import Agency, Registry

SECTION_OF: dict[str, str] = {str(kind): section for section, kind in SECTION_KINDS.items()} | {"page": "pages"}
KIND_ALIASES = {**{label: kind for kind, label in KIND_LABELS.items()}, **{s: k for s, k in SECTION_KINDS.items()},
                "pages": "page", "页面": "page"}
TODO = "TODO"


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


def _kind_lines(kind: str, agency: Agency, today: datetime) -> list[str]:
    if kind == "policy":
        return ["文件类别: 其他          # 规章 / 行政规范性文件 / 其他", "有效性: 有效"]
    if kind == "interpretation":
        return [f"解读文件: {TODO}          # 被解读政策的索引号"]
    if kind == "tender":
        return [f"项目编号: {TODO}", "公告类型: 招标公告", "采购方式: 公开招标", f"采购人: {agency.name}",
                f"预算金额: {TODO}          # 元", f"投标截止时间: {TODO}      # 例如 {today.year}-12-31 09:30"]
    if kind == "fund":
        return [f"资金名称: {TODO}", f"年度: {today.year}", "单位: 万元", "明细:",
                f"  - {{项目: {TODO}, 预算: 0.00, 支出: 0.00}}"]
    if kind == "report":
        return [f"年度: {today.year - 1}", "统计范围: 全部"]
    return []


def new_document(config: SiteConfig, registry: Registry, documents: tuple[Document, ...], kind_name: str,
                 agency_key: str | None, title: str | None, now: datetime) -> NewDocument:
    """The text and path of a new document; nothing is written here."""
    kind = resolve_kind(kind_name)
    today = now.astimezone(config.tz)
    section = SECTION_OF[kind]
    title_text = title or f"{TODO}: 标题"
    if kind in ("page", "topic"):
        stem = f"{kind}-{today:%Y%m%d-%H%M%S}"
        text = f"---\n标题: {_quoted(title_text)}\n---\n\n{TODO}: 正文\n"
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
        f"主题分类: {TODO}          # 例如 财政、金融、审计/财政",
        f"体裁分类: {TODO}          # 例如 通知、意见、公告、报告",
        f"# 文号: 示财发〔{today.year}〕1号    # 有文号时删去行首的 #",
        "保密审查: 未审查          # 审查通过后改为 已审查，才会发布",
        *_kind_lines(kind, agency, today),
        "---", "", "## 一、", "", f"{TODO}: 正文", "",
    ]
    return NewDocument(f"content/{section}/{today.year}/{agency.key}-{today.year}-{seq:05d}.md", "\n".join(lines),
                       index_no)


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def write_new(site: Path, new: NewDocument) -> Path:
    """Create the file; never overwrite one."""
    path = site / new.path
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as stream:
        stream.write(new.text)
    return path
