"""The validated site model: what is published, where each page lives, and how documents refer to each other."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date

from govsite.config import SiteConfig
from govsite.content.discover import AssetFile, Inventory
from govsite.content.document import Document, InterpretationDetails, PolicyDetails
from govsite.errors import Diagnostic, error
from govsite.model.index_no import IndexNumber
from govsite.model.publication import BuildOptions, decide
from govsite.model.resolve import resolve_document
from govsite.model.reuse import Moments, PerDocument
from govsite.registry import Agency, Genre, Registry, Topic
from govsite.urls import page_path


@dataclass(frozen=True)
class Entry:
    """A document that this build shows, with everything resolved."""

    doc: Document
    url: str  # page path relative to the base, not encoded: policies/2025/tongzhi/
    agency: Agency | None = None
    index: IndexNumber | None = None
    topics: tuple[Topic, ...] = ()
    genre: Genre | None = None
    validity: str = ""
    withheld_body: bool = False
    preview_reason: str = ""  # non-empty only in --drafts/--future previews

    @property
    def index_no(self) -> str:
        return self.index.text if self.index else (self.doc.index_no.value if self.doc.index_no else "")


@dataclass(frozen=True)
class Held:
    """A document held back from publication, and why (counted in the build summary)."""

    path: str
    title: str
    reason: str


@dataclass(frozen=True)
class SiteModel:
    """Everything the renderers need, decided and validated; nothing after this decides publication."""

    config: SiteConfig
    registry: Registry
    options: BuildOptions
    entries: tuple[Entry, ...]  # every shown document, by path
    catalog: tuple[Entry, ...]  # shown catalog documents, newest first
    held: tuple[Held, ...]
    assets: Mapping[str, AssetFile]
    unpublished_paths: frozenset[str]  # parsed documents that are not shown
    outside_links: frozenset[str] = frozenset()  # files under content/ that are links out of the site
    by_path: Mapping[str, Entry] = field(default_factory=dict)
    by_index: Mapping[str, Entry] = field(default_factory=dict)
    interpretations: Mapping[str, tuple[Entry, ...]] = field(default_factory=dict)
    replaces: Mapping[str, tuple[Entry, ...]] = field(default_factory=dict)


def validity_of(doc: Document, today: date) -> str:
    """有效性: a policy's stated validity, and 失效 for any catalog document past its `expires` date."""
    if doc.expires is not None and doc.expires < today:  # spec: after its 失效日期
        return "失效"
    if isinstance(doc.details, PolicyDetails):
        return doc.details.validity
    return ""


@dataclass(frozen=True)
class Placed:
    """One document as the model places it: its entry when shown, else why it is held back, and its problems;
    with what the catalog's order and cross-references need of it (kept between builds: govsite.model.reuse)."""

    entry: Entry | None
    held: Held | None
    problems: tuple[Diagnostic, ...]
    newest: tuple[float, str] = (0.0, "")  # its place in the catalog, newest first (_newest_first)
    interprets: str = ""  # the 索引号 of the policy an interpretation explains
    replaced_by: str = ""  # the 索引号 of the policy that replaces it


def build_model(config: SiteConfig, registry: Registry, documents: tuple[Document, ...], inventory: Inventory,
                options: BuildOptions, reuse: PerDocument[Placed] | None = None,
                moments: Moments | None = None) -> tuple[SiteModel, tuple[Diagnostic, ...]]:
    """Decide publication, resolve references and collect every cross-document problem. With `reuse` (and
    the `moments` of the documents, for its windows), a document unchanged since the last build is placed as
    it was then (govsite.model.reuse)."""
    pattern = re.compile(config.index_pattern)
    today = options.now.astimezone(config.tz).date()
    if reuse is not None:
        reuse.begin((config.review_required, config.index_pattern, config.tz, registry, options.drafts,
                     options.future, options.unreviewed, options.now.tzinfo))
    known = moments if moments is not None else Moments()
    ordered = sorted(documents, key=lambda d: d.path)
    placed = []
    for doc in ordered:
        def place(doc: Document = doc) -> Placed:
            return _place(doc, config.review_required, registry, pattern, options, today)
        placed.append(place() if reuse is None else reuse.get(doc, options.now, config.tz, known, place))
    problems = [problem for one in placed for problem in one.problems]
    entries = [one.entry for one in placed if one.entry is not None]
    held = [one.held for one in placed if one.held is not None]
    problems.extend(_duplicate_index_numbers(ordered))
    problems.extend(_url_collisions(entries))
    shown = sorted((one for one in placed if one.entry is not None and one.entry.doc.is_catalog),
                   key=lambda one: one.newest)
    catalog = tuple(one.entry for one in shown if one.entry is not None)
    model = SiteModel(
        config=config, registry=registry, options=options, entries=tuple(entries), catalog=catalog,
        held=tuple(held), assets=inventory.assets, unpublished_paths=frozenset(h.path for h in held),
        outside_links=inventory.outside_links, by_path={e.doc.path: e for e in entries},
        by_index={e.index_no: e for e in catalog if e.index_no},
        interpretations=_group(shown, lambda one: one.interprets),
        replaces=_group(shown, lambda one: one.replaced_by),
    )
    return model, tuple(problems)


def _place(doc: Document, review_required: bool, registry: Registry, pattern: re.Pattern[str],
           options: BuildOptions, today: date) -> Placed:
    """One document: its entry when this build shows it, else why it is held back; and its problems."""
    decision = decide(doc, review_required, options)
    url = page_path(doc.path, doc.slug)
    if not doc.is_catalog:
        if not decision.shown:
            return Placed(None, Held(doc.path, doc.title, decision.reason), ())
        return Placed(Entry(doc, url, preview_reason=decision.reason), None, ())
    resolved, found = resolve_document(doc, registry, pattern, options.now)
    entry = Entry(doc, url, resolved.agency, resolved.index, resolved.topics, resolved.genre,
                  validity_of(doc, today), doc.disclosure == "依申请公开",
                  decision.reason if decision.preview_only and decision.shown else "")
    if not decision.shown:
        return Placed(None, Held(doc.path, doc.title, decision.reason), found)
    return Placed(entry, None, found, _newest_first(entry), _interprets(entry), _replaced_by(entry))


def _newest_first(entry: Entry) -> tuple[float, str]:
    published = entry.doc.published
    return (-(published.timestamp() if published else 0.0), entry.index_no or entry.doc.path)


def _interprets(entry: Entry) -> str:
    details = entry.doc.details
    return details.interprets.value if isinstance(details, InterpretationDetails) else ""


def _replaced_by(entry: Entry) -> str:
    details = entry.doc.details
    if isinstance(details, PolicyDetails) and details.replaced_by is not None:
        return details.replaced_by.value
    return ""


def _group(catalog: list[Placed], key: Callable[[Placed], str]) -> dict[str, tuple[Entry, ...]]:
    """Catalog entries by the 索引号 `key` gives of them (none: left out), each group by path."""
    groups: dict[str, list[Entry]] = {}
    for one in catalog:
        target = key(one)
        if target and one.entry is not None:
            groups.setdefault(target, []).append(one.entry)
    return {k: tuple(sorted(v, key=lambda e: e.doc.path)) for k, v in groups.items()}


def _duplicate_index_numbers(documents: list[Document]) -> list[Diagnostic]:
    seen: dict[str, Document] = {}
    problems = []
    for doc in documents:  # by path
        if doc.index_no is None:
            continue
        first = seen.get(doc.index_no.value)
        if first is not None:
            problems.append(error(doc.path, doc.index_no.line,
                                  f"索引号 '{doc.index_no.value}' is already used by {first.path}",
                                  "every document needs its own 索引号; use the next free number"))
        else:
            seen[doc.index_no.value] = doc
    return problems


RESERVED: tuple[str, ...] = ("catalog/", "search/", "static/", "pagefind/", "tenders/projects/")
RESERVED += ("powers/list/", "powers/category/", "powers/agency/", "guides/list/", "guides/event/",
             "guides/enterprises/")


def _url_collisions(entries: list[Entry]) -> list[Diagnostic]:
    seen: dict[str, Entry] = {}
    problems = []
    for entry in entries:
        first = seen.get(entry.url)
        if first is not None:
            problems.append(error(entry.doc.path, _slug_line(entry.doc),
                                  f"this page would have the same address ({entry.url}) as {first.doc.path}",
                                  "rename the file or give it another slug"))
        elif entry.url.startswith(RESERVED) or entry.url in ("topics/", "404/", "sitemap/", "gazette/"):
            problems.append(error(entry.doc.path, _slug_line(entry.doc),
                                  f"the address {entry.url} is reserved for govsite's own pages",
                                  "move the file to another folder"))
        seen[entry.url] = entry
    return problems


def _slug_line(doc: Document) -> int:
    return doc.line_of("slug") if doc.slug else 1
