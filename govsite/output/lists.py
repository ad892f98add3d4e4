"""The catalog and its views (topic, agency, genre, year, Article 20) and section lists, paginated."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from govsite.content.document import KIND_LABELS
from govsite.model.site import Entry, SiteModel
from govsite.output.links import (
    agency_path,
    art20_label,
    art20_path,
    catalog_nav,
    doc_row,
    genre_path,
    href,
    published_date,
    topic_path,
    year_path,
)
from govsite.output.views import DocRow, Listing, PageLink, Pagination, TermCount, TermIndex, TermLink


@dataclass(frozen=True)
class ListSpec:
    """One paginated list: where it lives, its title and its entries (already newest first)."""

    path: str
    title: str
    entries: tuple[Entry, ...]
    crumbs: tuple[TermLink, ...]
    feed: str = ""
    description: str = ""
    kind: str = "catalog"
    """The kind of document listed (a section's), or 'catalog' for the catalog and its views (ColumnType)."""


def page_window(current: int, count: int, around: int = 2) -> list[int]:
    """Page numbers to link: the first, the last and those near the current one; 0 marks a gap."""
    shown = sorted({1, count, *range(max(1, current - around), min(count, current + around) + 1)})
    numbers: list[int] = []
    for number in shown:
        if numbers and number - numbers[-1] > 1:
            numbers.append(0)
        numbers.append(number)
    return numbers


def page_count(model: SiteModel, spec: ListSpec) -> int:
    """How many pages a list has (at least one, even when empty)."""
    return max(1, -(-len(spec.entries) // model.config.pagination))


def list_page_rel(spec: ListSpec, n: int) -> str:
    """Page 1 of a list is at the list's path, page n at path/page/n/."""
    return spec.path if n == 1 else f"{spec.path}page/{n}/"


def list_page(model: SiteModel, spec: ListSpec, n: int, rows: Callable[[Entry], DocRow] | None = None) -> Listing:
    """Page `n` of a list (each page is made on its own, so that pages can be made in parallel)."""
    size = model.config.pagination
    count = page_count(model, spec)
    row = rows if rows is not None else (lambda entry: doc_row(model, entry))
    items = tuple(row(e) for e in spec.entries[(n - 1) * size:n * size])
    pagination = Pagination(
        current=n, count=count,
        prev_url=href(model, list_page_rel(spec, n - 1)) if n > 1 else "",
        next_url=href(model, list_page_rel(spec, n + 1)) if n < count else "",
        pages=tuple(PageLink(i, href(model, list_page_rel(spec, i)), i == n) if i else PageLink(0, "", False)
                    for i in page_window(n, count)),
    )
    return Listing(spec.title, spec.description, items, len(spec.entries), pagination,
                   href(model, spec.feed) if spec.feed else "", catalog_nav(model), spec.crumbs)


def _crumbs(model: SiteModel, *extra: TermLink) -> tuple[TermLink, ...]:
    return (TermLink("首页", href(model, "")), TermLink("政府信息公开目录", href(model, "catalog/")), *extra)


def _grouped(model: SiteModel, keys: Callable[[Entry], list[str]]) -> dict[str, tuple[Entry, ...]]:
    groups: dict[str, list[Entry]] = {}
    for entry in model.catalog:
        for key in keys(entry):
            groups.setdefault(key, []).append(entry)
    return {k: tuple(v) for k, v in groups.items()}


def _topic_keys(entry: Entry) -> list[str]:
    names = {t.name for t in entry.topics} | {t.parent for t in entry.topics if t.parent}
    return sorted(names)


def catalog_lists(model: SiteModel) -> tuple[list[ListSpec], list[tuple[str, TermIndex]]]:
    """Every catalog list and every overview of terms."""
    specs = [ListSpec("catalog/", "政府信息公开目录", model.catalog, _crumbs(model), "feed.xml")]
    overviews: list[tuple[str, TermIndex]] = []
    registry = model.registry
    by_topic = _grouped(model, _topic_keys)
    topic_counts = []
    for topic in registry.topics:
        entries = by_topic.get(topic.name, ())
        if entries:
            specs.append(ListSpec(topic_path(topic), f"主题分类：{topic.label}", entries,
                                  _crumbs(model, TermLink("按主题分类", href(model, "catalog/topic/"))),
                                  topic_path(topic) + "feed.xml" if not topic.parent else ""))
        if not topic.parent:
            children = tuple(TermCount(c.label.split(" / ")[-1], href(model, topic_path(c)),
                                       len(by_topic.get(c.name, ())), ())
                             for c in registry.topics if c.parent == topic.name and by_topic.get(c.name))
            topic_counts.append(TermCount(topic.label, href(model, topic_path(topic)) if entries else "",
                                          len(entries), children))
    overviews.append(("catalog/topic/", TermIndex("按主题分类浏览", tuple(topic_counts), catalog_nav(model),
                                                  _crumbs(model))))
    simple: list[tuple[str, str, Callable[[Entry], list[str]], list[tuple[str, str, str]]]] = [
        ("agency", "按发布机构浏览", lambda e: [e.agency.key] if e.agency else [],
         [(a.key, a.name, agency_path(a)) for a in registry.agencies]),
        ("genre", "按体裁分类浏览", lambda e: [e.genre.name] if e.genre else [],
         [(g.name, g.name, genre_path(g)) for g in registry.genres]),
        ("year", "按年份浏览", lambda e: [published_date(model, e)[:4]],
         [(y, f"{y}年", year_path(int(y))) for y in sorted({published_date(model, e)[:4] for e in model.catalog},
                                                          reverse=True)]),
        ("art20", "按法定公开类别浏览", lambda e: [str(e.doc.art20)] if e.doc.art20 else [],
         [(str(a.number), art20_label(a.number, a.name), art20_path(a.number)) for a in registry.art20]),
    ]
    for view, title, keys, terms in simple:
        groups = _grouped(model, keys)
        counts = []
        for key, name, path in terms:
            entries = groups.get(key, ())
            counts.append(TermCount(name, href(model, path) if entries else "", len(entries), ()))
            if entries:
                feed = path + "feed.xml" if view == "agency" else ""
                specs.append(ListSpec(path, name if view != "agency" else f"发布机构：{name}", entries,
                                      _crumbs(model, TermLink(title.replace("浏览", ""),
                                                              href(model, f"catalog/{view}/"))), feed))
        overviews.append((f"catalog/{view}/", TermIndex(title, tuple(counts), catalog_nav(model), _crumbs(model))))
    return specs, overviews


def section_lists(model: SiteModel) -> list[ListSpec]:
    """A list per catalog section (`policies/` …) with its feed."""
    specs = []
    sections: dict[str, list[Entry]] = {}
    for entry in model.catalog:
        sections.setdefault(entry.doc.section, []).append(entry)
    for section, entries in sorted(sections.items()):
        kind = entries[0].doc.kind
        # the reports' list is the statutory column 政府信息公开年报 (国办公开办函〔2019〕61号)
        label = "政府信息公开年报" if kind == "report" else KIND_LABELS[kind]
        specs.append(ListSpec(f"{section}/", label, tuple(entries),
                              (TermLink("首页", href(model, "")), TermLink(label, href(model, f"{section}/"))),
                              f"{section}/feed.xml", kind=kind))
    return specs
