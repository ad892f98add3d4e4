"""The plain values the theme receives for 权责清单 items and 办事指南, and for their lists (docs/theme.md)."""

from __future__ import annotations

from dataclasses import dataclass

from govsite.output.flowchart import FlowLink, FlowView


@dataclass(frozen=True)
class PowerView:
    """A 权力事项's fields and its flow chart."""

    item: str
    code: str
    category: str
    category_url: str
    basis: str
    implementer: str
    duties: tuple[str, ...]
    accountability: tuple[str, ...]
    promised: str  # "5 个工作日", or ''
    statutory: str
    flow: FlowView | None


@dataclass(frozen=True)
class MaterialRow:
    name: str
    form: str
    copies: int
    template: FlowLink | None  # the form to download (an attachment of the guide)
    note: str


@dataclass(frozen=True)
class FeeRow:
    item: str
    amount: str  # exact, with thousands separators: 1,280.00
    unit: str
    basis: str


@dataclass(frozen=True)
class GuideView:
    """A 办事指南's fields; for a public enterprise, the provider is the enterprise and the agency supervises."""

    service: str
    applicant: str
    life_event: str
    event_url: str
    scope: str
    basis: tuple[str, ...]
    conditions: tuple[str, ...]
    materials: tuple[MaterialRow, ...]
    flow: FlowView | None
    promised: str
    statutory: str
    fees: tuple[FeeRow, ...]
    fee_basis: str
    place: str
    hours: str
    phone: str
    complaint_phone: str
    provider: str
    provider_type: str
    public_enterprise: bool
    sector: str
    supervisor: str  # the publishing agency: for a public enterprise its 主管部门


@dataclass(frozen=True)
class ServiceRow:
    """One line of a list of power items or service guides."""

    title: str
    url: str
    code: str  # 编码 of a power item; '' for a guide
    category: str  # 类别 of a power item, 办事主题 of a guide
    provider: str  # 实施主体 / 办理单位
    provider_note: str  # '公共企事业单位' for an enterprise's guide
    promised: str
    statutory: str


@dataclass(frozen=True)
class FilterChoice:
    name: str
    url: str
    current: bool
    count: int


@dataclass(frozen=True)
class ChoiceGroup:
    label: str
    links: tuple[FilterChoice, ...]


@dataclass(frozen=True)
class RowGroup:
    heading: str  # '' for a list without headings
    rows: tuple[ServiceRow, ...]


@dataclass(frozen=True)
class ServiceListView:
    """A list page of power items or guides: its filters (static pages) and its rows in groups."""

    kind: str  # power / guide
    title: str
    intro: str
    filters: tuple[ChoiceGroup, ...]
    groups: tuple[RowGroup, ...]
    total: int
    feed_url: str
    data_urls: tuple[FlowLink, ...]  # the open data files (JSON, CSV)
    crumbs: tuple[FlowLink, ...]
