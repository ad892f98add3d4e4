"""The plain values templates receive (docs/theme.md is their contract)."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from govsite.markdown import Heading


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
