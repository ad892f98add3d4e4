"""The parsed document: typed front matter fields, the body, and where each field stands in the file."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from govsite.content.servicedocs import GuideDetails, PowerDetails

Kind = Literal["disclosure", "policy", "interpretation", "tender", "fund", "report", "topic", "page",
               "standard", "qa", "gazette", "power", "guide"]

SECTION_KINDS: Mapping[str, Kind] = {
    "disclosures": "disclosure",
    "policies": "policy",
    "interpretations": "interpretation",
    "tenders": "tender",
    "funds": "fund",
    "reports": "report",
    "topics": "topic",
    "standards": "standard",
    "qa": "qa",
    "gazette": "gazette",
    "powers": "power",
    "guides": "guide",
}
CATALOG_KINDS: tuple[Kind, ...] = ("disclosure", "policy", "interpretation", "tender", "fund", "report",
                                  "standard", "qa", "gazette", "power", "guide")
KIND_LABELS: Mapping[str, str] = {
    "disclosure": "公开事项",
    "policy": "政策文件",
    "interpretation": "政策解读",
    "tender": "招标采购",
    "fund": "资金使用",
    "report": "年度报告",
    "topic": "专题",
    "page": "页面",
    "standard": "标准目录",
    "qa": "政策问答",
    "gazette": "政府公报",
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
    adopted: date | None = None  # 通过日期 (a 规章's promulgation order, 规章制定程序条例 Art 31)
    adopted_by: str = ""  # 通过会议
    promulgated: date | None = None  # 公布日期
    early_reason: str = ""  # 提前施行理由: why it comes into force sooner than 30 days after promulgation


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


@dataclass(frozen=True)
class StandardRow:
    """One 事项 of a 基层政务公开标准目录 (国办发〔2019〕54号), from the front matter or a CSV beside it."""

    first: str  # 一级事项
    second: str  # 二级事项
    content: str  # 公开内容（要素）
    basis: str  # 公开依据
    time_limit: str  # 公开时限, as the catalog words it
    subject: str  # 公开主体
    channels: str  # 公开渠道和载体
    audience: str  # 公开对象: 全社会 / 特定群体
    mode: str  # 公开方式: 主动 / 依申请
    levels: tuple[str, ...]  # 公开层级: 县级, 乡级
    arises: date | None  # 形成日期: when the duty to publish arose
    due: date | None  # 截止日期: by when it must be published (given, or from 形成日期 and 公开时限)
    documents: tuple[Ref, ...]  # 公开文件: the catalog documents that fulfil it (索引号 or path)
    line: int
    source: str = ""  # the file the row stands in: the document, or its CSV


@dataclass(frozen=True)
class StandardDetails:
    """A standard catalog of one field (领域): rows inline or from a CSV beside the document."""

    field: str
    rows: tuple[StandardRow, ...] = ()
    data: Ref | None = None


@dataclass(frozen=True)
class QaDetails:
    """A question and its answer (回应关切, 政策问答); the answering agency is the document's agency."""

    qa_topic: str
    question: str = ""
    asked: date | None = None
    channel: str = ""
    policies: tuple[Ref, ...] = ()


@dataclass(frozen=True)
class GazetteItem:
    """One entry of a gazette issue's contents: a catalog document (索引号 or relative path) or a plain title."""

    document: Ref | None
    title: str
    section: str  # the contents' heading it goes under (栏目); '' = by the document's 文件类别
    page: int | None
    line: int


@dataclass(frozen=True)
class GazetteDetails:
    """A gazette issue (政府公报): its numbers, its PDF and its contents."""

    year: int
    issue: int  # 年度期号
    total: int  # 总期号
    pdf: Ref | None = None
    items: tuple[GazetteItem, ...] = ()


Details = (
    PolicyDetails | InterpretationDetails | TenderDetails | FundDetails | ReportDetails | TopicDetails
    | StandardDetails | QaDetails | GazetteDetails | PowerDetails | GuideDetails
)


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
