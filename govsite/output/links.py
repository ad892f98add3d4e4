"""Where each kind of page lives: page paths for taxonomy terms and the links templates receive."""

from __future__ import annotations

from urllib.parse import urlsplit

from govsite.model.site import Entry, SiteModel
from govsite.output.views import DocLink, DocRow, TermLink
from govsite.registry import Agency, Genre, Topic
from govsite.urls import encode, join_base

CN_NUMERALS = ("", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
               "十一", "十二", "十三", "十四", "十五")


def href(model: SiteModel, rel: str) -> str:
    """A root-relative, percent-encoded link to a page path."""
    return join_base(model.config.base_path, encode(rel))


def absolute(model: SiteModel, rel: str) -> str:
    """An absolute URL (feeds, sitemap, open data, canonical links)."""
    return model.config.base_url + encode(rel)


def origin(model: SiteModel) -> str:
    """scheme://host of base_url, to make a root-relative link absolute."""
    parts = urlsplit(model.config.base_url)
    return f"{parts.scheme}://{parts.netloc}"


def topic_path(topic: Topic) -> str:
    return f"catalog/topic/{topic.slug}/"


def agency_path(agency: Agency) -> str:
    return f"catalog/agency/{agency.key}/"


def genre_path(genre: Genre) -> str:
    return f"catalog/genre/{genre.slug}/"


def year_path(year: int) -> str:
    return f"catalog/year/{year}/"


def art20_path(number: int) -> str:
    return f"catalog/art20/{number}/"


def art20_label(number: int, name: str) -> str:
    return f"第二十条第（{CN_NUMERALS[number]}）项 {name}"


def published_date(model: SiteModel, entry: Entry) -> str:
    published = entry.doc.published
    return published.astimezone(model.config.tz).date().isoformat() if published else ""


def doc_link(model: SiteModel, entry: Entry) -> DocLink:
    return DocLink(entry.doc.title, href(model, entry.url), entry.index_no)


def doc_row(model: SiteModel, entry: Entry) -> DocRow:
    from govsite.content.document import KIND_LABELS
    return DocRow(
        title=entry.doc.title, url=href(model, entry.url), index_no=entry.index_no,
        agency=entry.agency.name if entry.agency else "", published=published_date(model, entry),
        doc_no=entry.doc.doc_no, kind_label=KIND_LABELS[entry.doc.kind], validity=entry.validity,
        topics=tuple(t.label for t in entry.topics),
    )


def catalog_nav(model: SiteModel) -> tuple[TermLink, ...]:
    """The catalog's views, for side menus."""
    return (
        TermLink("全部目录", href(model, "catalog/")),
        TermLink("按主题分类", href(model, "catalog/topic/")),
        TermLink("按发布机构", href(model, "catalog/agency/")),
        TermLink("按体裁分类", href(model, "catalog/genre/")),
        TermLink("按年份", href(model, "catalog/year/")),
        TermLink("按法定公开类别", href(model, "catalog/art20/")),
    )
