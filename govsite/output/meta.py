"""The machine-readable meta tags of the national web-page design rules (政府网站网页设计规范), as page values.

Every page: SiteName, SiteDomain, SiteIDCode (omitted when site.yaml has no publisher.site_code).
Column (list) pages: ColumnName, ColumnDescription, ColumnKeywords, ColumnType.
Article pages (documents, topics, pages, tender projects): ArticleTitle, PubDate (YYYY-MM-DD HH:MM in the
site's time zone), ContentSource, and Keywords, Description, Url where the data exists.
The theme only prints them (base.html: `site.meta` and `page_meta`).
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlsplit

from govsite.config import SiteConfig
from govsite.content.document import Kind
from govsite.output.views import MetaTag

# ColumnType: the design rule's own list of values could not be checked against its text, so these are
# the column names inspectors' crawlers see on disclosure portals (documented in docs/theme.md).
COLUMN_TYPES: dict[str, str] = {
    "disclosure": "信息公开",
    "policy": "政策文件",
    "interpretation": "政策解读",
    "tender": "招标采购",
    "fund": "财政资金",
    "report": "信息公开年报",
    "topic": "专题专栏",
    "standard": "信息公开",
    "qa": "回应关切",
    "gazette": "政府公报",
    "catalog": "信息公开",
    "power": "权责清单",
    "guide": "办事服务",
}
DESCRIPTION_LIMIT = 200


def site_meta(config: SiteConfig) -> tuple[MetaTag, ...]:
    """The tags every page carries."""
    tags = [MetaTag("SiteName", config.title), MetaTag("SiteDomain", urlsplit(config.base_url).hostname or "")]
    if config.publisher.site_code:
        tags.append(MetaTag("SiteIDCode", config.publisher.site_code))
    return tuple(tags)


def column_type(kind: Kind | str) -> str:
    """The ColumnType of a list of one kind of document ('catalog' for the catalog and its views)."""
    return COLUMN_TYPES.get(kind, COLUMN_TYPES["catalog"])


def column_meta(config: SiteConfig, name: str, kind: Kind | str, description: str = "",
                keywords: tuple[str, ...] = ()) -> tuple[MetaTag, ...]:
    """A column page's tags; the description defaults to the column's place in the portal."""
    ctype = column_type(kind)
    words = _unique((*_name_parts(name), *keywords, ctype, "政府信息公开"))
    return (MetaTag("ColumnName", name),
            MetaTag("ColumnDescription", description or f"{config.title}“{name}”栏目（{ctype}）"),
            MetaTag("ColumnKeywords", ",".join(words)),
            MetaTag("ColumnType", ctype))


def article_meta(config: SiteConfig, title: str, published: datetime | None, source: str, url: str,
                 keywords: tuple[str, ...] = (), description: str = "") -> tuple[MetaTag, ...]:
    """An article page's tags; PubDate only when the page has a publication time."""
    tags = [MetaTag("ArticleTitle", title)]
    if published is not None:
        tags.append(MetaTag("PubDate", published.astimezone(config.tz).strftime("%Y-%m-%d %H:%M")))
    tags.append(MetaTag("ContentSource", source or config.publisher.sponsor))
    if keywords:
        tags.append(MetaTag("Keywords", ",".join(keywords)))
    if description:
        text = " ".join(description.split())
        cut = text[:DESCRIPTION_LIMIT] + ("…" if len(text) > DESCRIPTION_LIMIT else "")
        tags.append(MetaTag("Description", cut))
    tags.append(MetaTag("Url", url))
    return tuple(tags)


def _name_parts(name: str) -> tuple[str, ...]:
    """'主题分类：财政、金融、审计' → ('主题分类', '财政、金融、审计')."""
    return tuple(part.strip() for part in name.split("：") if part.strip())


def _unique(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(w for w in words if w))
