"""Atom 1.0, RSS 2.0 and JSON Feed 1.1 for the whole catalog, each section, topic and agency."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from xml.sax.saxutils import escape, quoteattr

from govsite.bodies import Bodies
from govsite.model.site import Entry, SiteModel
from govsite.output.links import absolute
from govsite.output.lists import ListSpec


@dataclass(frozen=True)
class FeedItem:
    """One entry, the same in every format."""

    title: str
    url: str
    published: datetime
    summary: str
    author: str
    categories: tuple[str, ...]


def summary_of(entry: Entry, bodies: Bodies) -> str:
    """The editor's summary, else the start of the body (never the body of a 依申请公开 document)."""
    if entry.doc.summary or entry.withheld_body:
        return entry.doc.summary
    text = bodies.rendered[entry.doc.path].lead
    return text[:200] + ("…" if len(text) > 200 else "")


def _items(model: SiteModel, entries: tuple[Entry, ...], bodies: Bodies) -> list[FeedItem]:
    return [FeedItem(e.doc.title, absolute(model, e.url), e.doc.published or _today(model),
                     summary_of(e, bodies), e.agency.name if e.agency else model.config.publisher.sponsor,
                     tuple(t.label for t in e.topics))
            for e in entries[:model.config.feed_limit]]


def _today(model: SiteModel) -> datetime:
    """The start of the build's day: what a feed shows where a date is missing (a day, so feeds stay the same)."""
    now = model.options.now.astimezone(model.config.tz)
    return now.replace(hour=0, minute=0, second=0, microsecond=0)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def atom(model: SiteModel, title: str, rel: str, page: str, items: list[FeedItem]) -> str:
    """An Atom 1.0 document; `updated` is the newest entry's date, so the feed is reproducible."""
    feed_url = absolute(model, rel)
    updated = _iso(items[0].published) if items else _iso(_today(model))
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={quoteattr(model.config.language)}>',
             f"  <title>{escape(title)}</title>", f"  <id>{escape(feed_url)}</id>",
             f"  <link rel=\"self\" href={quoteattr(feed_url)}/>",
             f"  <link rel=\"alternate\" type=\"text/html\" href={quoteattr(absolute(model, page))}/>",
             f"  <updated>{updated}</updated>",
             f"  <author><name>{escape(model.config.publisher.sponsor)}</name></author>"]
    for item in items:
        lines += ["  <entry>", f"    <title>{escape(item.title)}</title>", f"    <id>{escape(item.url)}</id>",
                  f"    <link href={quoteattr(item.url)}/>", f"    <published>{_iso(item.published)}</published>",
                  f"    <updated>{_iso(item.published)}</updated>",
                  f"    <author><name>{escape(item.author)}</name></author>"]
        lines += [f"    <category term={quoteattr(c)}/>" for c in item.categories]
        if item.summary:
            lines.append(f"    <summary>{escape(item.summary)}</summary>")
        lines.append("  </entry>")
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def rss(model: SiteModel, title: str, rel: str, page: str, items: list[FeedItem]) -> str:
    """An RSS 2.0 document."""
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">', "<channel>",
             f"  <title>{escape(title)}</title>", f"  <link>{escape(absolute(model, page))}</link>",
             f"  <description>{escape(title)}</description>",
             f"  <language>{escape(model.config.language.lower())}</language>",
             f"  <atom:link href={quoteattr(absolute(model, rel))} rel=\"self\" type=\"application/rss+xml\"/>"]
    if items:
        lines.append(f"  <lastBuildDate>{format_datetime(items[0].published)}</lastBuildDate>")
    for item in items:
        lines += ["  <item>", f"    <title>{escape(item.title)}</title>", f"    <link>{escape(item.url)}</link>",
                  f"    <guid isPermaLink=\"true\">{escape(item.url)}</guid>",
                  f"    <pubDate>{format_datetime(item.published)}</pubDate>"]
        lines += [f"    <category>{escape(c)}</category>" for c in item.categories]
        if item.summary:
            lines.append(f"    <description>{escape(item.summary)}</description>")
        lines.append("  </item>")
    lines += ["</channel>", "</rss>"]
    return "\n".join(lines) + "\n"


def json_feed(model: SiteModel, title: str, rel: str, page: str, items: list[FeedItem]) -> str:
    """A JSON Feed 1.1 document."""
    feed = {
        "version": "https://jsonfeed.org/version/1.1", "title": title, "language": model.config.language,
        "home_page_url": absolute(model, page), "feed_url": absolute(model, rel),
        "items": [{"id": i.url, "url": i.url, "title": i.title, "summary": i.summary,
                   "content_text": i.summary or i.title, "date_published": _iso(i.published),
                   "authors": [{"name": i.author}], "tags": list(i.categories)} for i in items],
    }
    return json.dumps(feed, ensure_ascii=False, separators=(",", ":")) + "\n"


def feed_specs(specs: list[ListSpec], open_tenders: tuple[Entry, ...]) -> list[ListSpec]:
    """Every list that has a feed, and the open tenders' list."""
    open_spec = ListSpec("tenders/projects/status/open/", "正在招标的项目", open_tenders, (),
                         "tenders/projects/status/open/feed.xml")
    return [spec for spec in [*specs, open_spec] if spec.feed]


def feed_files(model: SiteModel, bodies: Bodies, spec: ListSpec) -> tuple[tuple[str, str], ...]:
    """One list's feed in each format: (output path, text); it shows the list's first `feed_limit` entries."""
    folder = spec.feed[: -len("feed.xml")]
    page = spec.path
    title = model.config.title if folder == "" else f"{spec.title} - {model.config.title}"
    items = _items(model, spec.entries, bodies)
    return ((folder + "feed.xml", atom(model, title, folder + "feed.xml", page, items)),
            (folder + "rss.xml", rss(model, title, folder + "rss.xml", page, items)),
            (folder + "feed.json", json_feed(model, title, folder + "feed.json", page, items)))
