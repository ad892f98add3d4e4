"""The plain values templates receive (docs/theme.md is their contract)."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from govsite.markdown import Heading
from govsite.output.service_views import GuideView, PowerView


@dataclass(frozen=True)
class TermLink:
    name: str
    url: str


@dataclass(frozen=True)
class DocLink:
    title: str
    url: str
    index_no: str


@dataclass(frozen=True)
class NavItem:
    title: str
    url: str


@dataclass(frozen=True)
class MetaTag:
    """`<meta name="…" content="…">` of the web-page design rules (output/meta.py)."""

    name: str
    content: str


@dataclass(frozen=True)
class Contact:
    phone: str
    email: str
    address: str


@dataclass(frozen=True)
class PublisherView:
    sponsor: str
    operator: str
    site_code: str
    icp: str
    police: str
    police_code: str
    contact: Contact
    badge_url: str = ""  # the 党政机关网站标识 image, published from the site's static/
    badge_link: str = ""
    error_report_url: str = ""  # 我为政府网站找错


@dataclass(frozen=True)
class SiteView:
    title: str
    lang: str
    base_path: str
    base_url: str
    publisher: PublisherView
    menu: tuple[NavItem, ...]
    has_search: bool
    logo_url: str
    meta: tuple[MetaTag, ...] = ()  # SiteName, SiteDomain, SiteIDCode: on every page
    columns: tuple[NavItem, ...] = ()  # the statutory columns (指南, 制度, 法定主动公开内容, 年报) in the main nav
    sitemap_url: str = ""  # the HTML site map (网站地图)


@dataclass(frozen=True)
class Banner:
    level: str
    text: str
    link: TermLink | None


@dataclass(frozen=True)
class AttachmentView:
    title: str
    url: str
    filename: str
    size: int
    size_text: str
    mime: str
    sha256: str


@dataclass(frozen=True)
class DocView:
    title: str
    url: str
    kind: str
    kind_label: str
    index_no: str
    doc_no: str
    written: str
    published: str
    summary: str
    agency: TermLink
    topics: tuple[TermLink, ...]
    genre: TermLink
    art20: TermLink | None
    keywords: tuple[str, ...]
    audience: tuple[str, ...]
    disclosure: str
    withheld_body: bool
    apply_url: str
    validity: str
    banner: Banner | None
    expires: str
    attachments: tuple[AttachmentView, ...]
    related: tuple[DocLink, ...]
    interpretations: tuple[DocLink, ...]
    interprets: DocLink | None
    replaced_by: DocLink | None
    replaces: tuple[DocLink, ...]
    details: tuple[tuple[str, str], ...]
    body_html: Markup
    toc: tuple[Heading, ...]
    filters: tuple[tuple[str, str], ...]
    unpublished_reason: str
    project: ProjectView | None = None
    fund: FundView | None = None
    report: ReportView | None = None
    standard: StandardView | None = None  # 标准目录: the table of 事项
    qa: QaView | None = None  # 政策问答: the question box
    questions: tuple[DocLink, ...] = ()  # the answers (政策问答) that cite this document
    gazette: GazetteIssueView | None = None  # a gazette issue's contents
    in_gazette: tuple[TermLink, ...] = ()  # the gazette issues that print this document
    power: PowerView | None = None
    guide: GuideView | None = None


@dataclass(frozen=True)
class DocRow:
    title: str
    url: str
    index_no: str
    agency: str
    published: str
    doc_no: str
    kind_label: str
    validity: str
    topics: tuple[str, ...]


@dataclass(frozen=True)
class PageLink:
    number: int
    url: str
    current: bool


@dataclass(frozen=True)
class Pagination:
    current: int
    count: int
    prev_url: str
    next_url: str
    pages: tuple[PageLink, ...]


@dataclass(frozen=True)
class Listing:
    title: str
    description: str
    items: tuple[DocRow, ...]
    total: int
    pagination: Pagination
    feed_url: str
    nav: tuple[TermLink, ...]
    crumbs: tuple[TermLink, ...]


@dataclass(frozen=True)
class TermCount:
    name: str
    url: str
    count: int
    children: tuple[TermCount, ...]


@dataclass(frozen=True)
class TermIndex:
    title: str
    terms: tuple[TermCount, ...]
    nav: tuple[TermLink, ...]
    crumbs: tuple[TermLink, ...]


@dataclass(frozen=True)
class TopicView:
    title: str
    body_html: Markup
    items: tuple[DocRow, ...]
    crumbs: tuple[TermLink, ...]


@dataclass(frozen=True)
class PageView:
    title: str
    body_html: Markup
    toc: tuple[Heading, ...]
    crumbs: tuple[TermLink, ...]
    unpublished_reason: str
    apply_kit_url: str = ""  # on the 依申请公开 page: the kit's index (forms, offices, process, fees), or ''


@dataclass(frozen=True)
class HomeSection:
    kind_label: str
    url: str
    items: tuple[DocRow, ...]


@dataclass(frozen=True)
class HomeView:
    sections: tuple[HomeSection, ...]
    topics: tuple[TermLink, ...]
    views: tuple[TermLink, ...]
    counts: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class FilterGroup:
    name: str
    label: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class NoticeRow:
    title: str
    url: str
    stage: str
    published: str
    current: bool


@dataclass(frozen=True)
class ProjectView:
    code: str
    title: str
    url: str
    status: str
    status_note: str
    deadline: str
    method: str
    purchaser: str
    budget: str
    award_supplier: str
    award_amount: str
    notices: tuple[NoticeRow, ...]


@dataclass(frozen=True)
class FilterLink:
    name: str
    url: str
    current: bool
    count: int


@dataclass(frozen=True)
class FilterLinks:
    label: str
    links: tuple[FilterLink, ...]


@dataclass(frozen=True)
class TenderListView:
    title: str
    filters: tuple[FilterLinks, ...]
    projects: tuple[ProjectView, ...]
    feed_url: str
    crumbs: tuple[TermLink, ...]


@dataclass(frozen=True)
class FundLineView:
    item: str
    budget: str
    spent: str
    rate: str
    note: str


@dataclass(frozen=True)
class FundView:
    unit: str
    lines: tuple[FundLineView, ...]
    total_budget: str
    total_spent: str
    rate: str
    has_spent: bool
    chart_svg: Markup
    csv_url: str


@dataclass(frozen=True)
class ReportRow:
    label: str
    level: int
    values: tuple[str, ...]


@dataclass(frozen=True)
class ReportView:
    year: int
    policy_rows: tuple[ReportRow, ...]  # 规章 / 行政规范性文件: 本年制发, 本年废止, 现行有效
    proactive_rows: tuple[ReportRow, ...]  # 行政许可 … with one value
    application_rows: tuple[ReportRow, ...]  # seven values each
    appeal_row: tuple[str, ...]  # fifteen values
    before_html: Markup  # the narrative before the tables (一、总体情况)
    after_html: Markup  # the narrative after them (五、六)


@dataclass(frozen=True)
class SiteMapGroup:
    """One column of the site map and the list pages under it."""

    title: str
    url: str
    children: tuple[TermLink, ...]


@dataclass(frozen=True)
class SiteMapView:
    title: str
    groups: tuple[SiteMapGroup, ...]
    crumbs: tuple[TermLink, ...]


@dataclass(frozen=True)
class StandardRowView:
    """One 事项 as text and links."""

    number: int
    first: str
    second: str
    content: str
    basis: str
    time_limit: str
    subject: str
    channels: str
    audience: str
    mode: str
    levels: str
    due: str
    status: str
    status_slug: str
    documents: tuple[DocLink, ...]


@dataclass(frozen=True)
class StandardView:
    """A field's catalog: its rows, how many are in each state on the build's day, the CSV's address."""

    field: str
    rows: tuple[StandardRowView, ...]
    counts: tuple[tuple[str, int], ...]
    csv_url: str
    day: str


@dataclass(frozen=True)
class AskView:
    """Where to ask (site.yaml interaction): the external letter box or message form, and a phone."""

    letter_box: str
    phone: str


@dataclass(frozen=True)
class QaView:
    """The question box of an answer's page."""

    topic: TermLink
    question: str
    asked: str
    channel: str
    agency: str
    policies: tuple[DocLink, ...]
    same_topic: tuple[DocLink, ...]
    ask: AskView


@dataclass(frozen=True)
class QaItem:
    """One answer in a topic's list."""

    title: str
    url: str
    question: str
    agency: str
    asked: str
    published: str
    summary: str


@dataclass(frozen=True)
class QaTopicView:
    """A topic's page: its answers, newest first, a search of them, where to ask."""

    title: str
    topic: str
    items: tuple[QaItem, ...]
    search_url: str
    feed_url: str
    ask: AskView
    crumbs: tuple[TermLink, ...]


@dataclass(frozen=True)
class QaIndexView:
    """The overview: every topic with its number of answers and its newest ones."""

    title: str
    topics: tuple[tuple[TermLink, int, tuple[DocLink, ...]], ...]
    search_url: str
    list_url: str
    ask: AskView
    crumbs: tuple[TermLink, ...]


@dataclass(frozen=True)
class GazetteItemView:
    """One line of an issue's contents; `url` is '' for an entry without a document."""

    title: str
    url: str
    doc_no: str
    page: str


@dataclass(frozen=True)
class GazetteSection:
    """The entries of an issue under one heading (政府规章, 行政规范性文件 … or the editor's 栏目)."""

    name: str
    items: tuple[GazetteItemView, ...]


@dataclass(frozen=True)
class GazetteIssueView:
    label: str  # 2026年第1期
    total: int  # 总期号
    url: str
    date: str  # 出版日期 (the issue's 成文日期)
    pdf_url: str
    pdf_size: str
    sections: tuple[GazetteSection, ...]
    count: int
    index_url: str  # the year index, at this issue's year
    previous: TermLink | None = None
    next: TermLink | None = None


@dataclass(frozen=True)
class GazetteYear:
    year: int
    anchor: str
    issues: tuple[GazetteIssueView, ...]


@dataclass(frozen=True)
class GazetteIndexView:
    title: str
    count: int
    years: tuple[GazetteYear, ...]
    feed_url: str
    crumbs: tuple[TermLink, ...]
