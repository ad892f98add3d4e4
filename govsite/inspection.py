"""The operator's inspection report (政府网站检查): empty and stale sections, missing interpretations, dates,
external links to review; and the editor's lists of held-back documents."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta

from govsite.bodies import Bodies
from govsite.content.document import CATALOG_KINDS, KIND_LABELS, Document, PolicyDetails
from govsite.errors import Diagnostic, warning
from govsite.model.site import SiteModel
from govsite.newdoc import SECTION_OF

NEWS_GENRE = "工作动态"
DEFAULT_FRESHNESS = {"news": 14, "policies": 183, "disclosures": 183, "interpretations": 183, "tenders": 183}
INTERPRETATION_REQUIRED = ("规章", "行政规范性文件")


@dataclass(frozen=True)
class ListedDocument:
    """A line of `govsite list`: path, title and why it is in the list."""

    path: str
    title: str
    reason: str


def inspect(model: SiteModel, bodies: Bodies | None) -> tuple[Diagnostic, ...]:
    """Everything an inspection would flag, as warnings (so that --strict fails on them)."""
    return tuple([*_sections(model), *_interpretations(model), *_external_links(model, bodies)])


def _sections(model: SiteModel) -> Iterator[Diagnostic]:
    now = model.options.now
    freshness = {**DEFAULT_FRESHNESS, **model.config.freshness}
    for kind in CATALOG_KINDS:
        section = SECTION_OF[kind]
        entries = [e for e in model.catalog if e.doc.section == section]
        if not entries:
            yield warning(f"content/{section}", 1, f"section {section} ({KIND_LABELS[kind]}) has no published document",
                          "an empty column fails a government-website inspection; publish or remove it from the menu")
            continue
        days = freshness.get(section)
        newest = entries[0].doc.published
        if days and newest is not None and now - newest > timedelta(days=days):
            yield warning(entries[0].doc.path, _date_line(entries[0].doc),
                          f"section {section}: the newest document is {(now - newest).days} days old "
                          f"(the rule is {days} days)", "publish current information, or set freshness in site.yaml")
    news = [e for e in model.catalog if e.genre is not None and e.genre.name == NEWS_GENRE]
    days = freshness.get("news")
    if news and days and news[0].doc.published is not None and now - news[0].doc.published > timedelta(days=days):
        yield warning(news[0].doc.path, _date_line(news[0].doc),
                      f"news (工作动态): the newest item is {(now - news[0].doc.published).days} days old "
                      f"(the rule is {days} days)", "news columns must be updated at least every two weeks")


def _date_line(doc: Document) -> int:
    """The line of the date the portal shows as published (发布日期, else 成文日期 stands in for it)."""
    return doc.line_of("published" if "published" in doc.lines else "written")


def _interpretations(model: SiteModel) -> Iterator[Diagnostic]:
    for entry in model.catalog:
        details = entry.doc.details
        if isinstance(details, PolicyDetails) and details.category in INTERPRETATION_REQUIRED \
                and entry.validity in ("有效", "") and not model.interpretations.get(entry.index_no):
            yield warning(entry.doc.path, entry.doc.line_of("category"),
                          f"this {details.category} has no published interpretation (政策解读)",
                          "publish an interpretation with 解读文件: " + entry.index_no)


def _external_links(model: SiteModel, bodies: Bodies | None) -> Iterator[Diagnostic]:
    if bodies is None:
        return
    for entry in model.entries:
        for url, line in bodies.rendered[entry.doc.path].external:
            yield warning(entry.doc.path, line, f"external link to review: {url}",
                          "check that the link still works and leads to an official source")


def listed(model: SiteModel, which: str) -> tuple[ListedDocument, ...]:
    """`drafts`, `future`, `held` (awaiting review or not disclosed) or `expired` documents."""
    if which == "expired":
        return tuple(ListedDocument(e.doc.path, e.doc.title, "失效" if e.validity == "失效" else e.validity)
                     for e in model.entries if e.validity in ("失效", "废止"))
    reasons = {"drafts": ("草稿",), "future": ("未到发布日期",), "held": ("未审查（保密审查）", "不予公开")}[which]
    return tuple(ListedDocument(h.path, h.title, h.reason) for h in model.held if h.reason in reasons)
