"""The parsed document: typed front matter fields, the body, and where each field stands in the file."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from govsite.content.servicedocs import GuideDetails, PowerDetails

Kind = Literal["disclosure", "policy", "interpretation", "tender", "fund", "report", "topic", "page", "power", "guide"]

SECTION_KINDS: Mapping[str, Kind] = {
    "disclosures": "disclosure",
    "policies": "policy",
    "interpretations": "interpretation",
    "tenders": "tender",
    "funds": "fund",
    "reports": "report",
    "topics": "topic",
    "powers": "power",
    "guides": "guide",
}
CATALOG_KINDS: tuple[Kind, ...] = ("disclosure", "policy", "interpretation", "tender", "fund", "report")
CATALOG_KINDS += ("power", "guide")
KIND_LABELS: Mapping[str, str] = {
    "disclosure": "公开事项",
    "policy": "政策文件",
    "interpretation": "政策解读",
    "tender": "招标采购",
    "fund": "资金使用",
    "report": "年度报告",
    "topic": "专题",
    "page": "页面",
    "power": "权责清单",
    "guide": "办事指南",
}


def kind_of_section(section: str) -> Kind:
    """The first folder under content/ decides the kind; anything unknown is a page."""
    return SECTION_KINDS.get(section, "page")


@dataclass(frozen=True)
class Ref:
    """A value that points elsewhere (an index number, a topic), with the line it was written on."""

    value: str
    line: int


@dataclass(frozen=True)
class Attachment:
    """An attachment entry: a file beside the document and its title."""

    file: str
    title: str
    line: int


@dataclass(frozen=True)
class PolicyDetails:
    """Fields only policies have (spec 3.2)."""

    validity: str = "有效"
    effective: date | None = None
    repealed: date | None = None
    replaced_by: Ref | None = None
    category: str = "其他"


@dataclass(frozen=True)
class InterpretationDetails:
    """An interpretation names the policy it explains."""

    interprets: Ref


@dataclass(frozen=True)
class Candidate:
    """One ranked bidder in a 中标候选人公示."""

    rank: int
    name: str
    price: Decimal | None


@dataclass(frozen=True)
class Award:
    """The winning supplier and amount of a 中标结果公告."""

    supplier: str
    amount: Decimal


@dataclass(frozen=True)
class TenderDetails:
    """One notice of a tender project."""

    project_code: str
    stage: str
    purchaser: str
    method: str = ""
    agent: str = ""
    budget: Decimal | None = None
    deadline: datetime | None = None
    opening: datetime | None = None
    candidates: tuple[Candidate, ...] = ()
    publicity_end: datetime | None = None
    award: Award | None = None


@dataclass(frozen=True)
class FundRow:
    """One line of a fund report's table."""

    item: str
    budget: Decimal | None
    spent: Decimal | None
    note: str
    line: int


@dataclass(frozen=True)
class FundDetails:
    """A fund-use or budget report: rows inline or from a CSV beside the document."""

    fund: str
    fiscal_year: int
    period: str = ""
    unit: str = "万元"
    rows: tuple[FundRow, ...] = ()
    data: Ref | None = None
    total_budget: Decimal | None = None
    total_spent: Decimal | None = None
    total_line: int = 0
    total_lines: Mapping[str, int] = field(default_factory=dict)  # budget / spent → line inside `total`


@dataclass(frozen=True)
class ReportDetails:
    """An annual report's year, scope and the figures the catalog cannot know (plain nested values)."""

    year: int
    scope: str = "全部"
    proactive: Mapping[str, object] = field(default_factory=dict)
    applications: Mapping[str, object] = field(default_factory=dict)
    appeals: Mapping[str, object] = field(default_factory=dict)
    lines: Mapping[str, int] = field(default_factory=dict)  # dotted key (applications.new) → line


@dataclass(frozen=True)
class TopicMatch:
    """A topic page's selection rule: criteria combine with AND, values inside one with OR."""

    topics: tuple[Ref, ...] = ()
    keywords: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    agencies: tuple[Ref, ...] = ()


@dataclass(frozen=True)
class TopicDetails:
    """A curated topic page: a match rule or an explicit list of documents."""

    match: TopicMatch | None = None
    documents: tuple[Ref, ...] = ()


Details = (PolicyDetails | InterpretationDetails | TenderDetails | FundDetails | ReportDetails | TopicDetails
           | PowerDetails | GuideDetails)


@dataclass(frozen=True)
class Document:
    """One content file, parsed: what the editor wrote, typed, with the line of every key."""

    path: str  # relative to the site folder, posix, e.g. content/policies/2025/tongzhi.md
    section: str
    kind: Kind
    lines: Mapping[str, int]
    body: str
    body_line: int
    title: str
    index_no: Ref | None = None
    agency: Ref | None = None
    written: date | None = None
    published: datetime | None = None
    topics: tuple[Ref, ...] = ()
    genre: Ref | None = None
    doc_no: str = ""
    summary: str = ""
    keywords: tuple[str, ...] = ()
    audience: tuple[str, ...] = ()
    art20: int | None = None
    disclosure: str = "主动公开"
    review: str = "未审查"
    draft: bool = False
    expires: date | None = None
    updated: date | None = None  # a page's 更新日期 (the 指南 must be kept up to date, Art 53)
    attachments: tuple[Attachment, ...] = ()
    related: tuple[Ref, ...] = ()
    slug: str = ""
    menu: int | None = None
    extra: Mapping[str, object] = field(default_factory=dict)
    details: Details | None = None
    has_errors: bool = False  # some field could not be read: computed checks that would mislead are skipped

    @property
    def is_catalog(self) -> bool:
        return self.kind in CATALOG_KINDS

    def line_of(self, key: str) -> int:
        """The line of a front matter key; the opening `---` (line 1) when the key is absent."""
        return self.lines.get(key, 1)
