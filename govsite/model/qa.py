"""回应关切 / 政策问答: the shown entries grouped by 问答主题, each policy's entries (a policy page lists the
questions that cite it), and the checks: a 相关政策 must exist and, for a shown entry, be published (an
error: an answer must not point at what the public cannot read)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from govsite.content.document import Document, QaDetails
from govsite.errors import Diagnostic, error, warning
from govsite.model.site import Entry, SiteModel
from govsite.model.standards import Lookups, document_target, lookups
from govsite.urls import page_path

TOPICS_PATH = "qa/topics/"


@dataclass(frozen=True)
class QaIndex:
    """Shown Q&A entries (source paths, newest first) by topic, and by the policy they cite."""

    topics: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (问答主题, entries), topics by name
    by_policy: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # policy path → entries
    policies: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # entry path → its policies' paths

    def topic(self, name: str) -> tuple[str, ...]:
        return next((paths for topic, paths in self.topics if topic == name), ())


def qa_index(model: SiteModel, documents: tuple[Document, ...], found: Lookups | None = None,
             shown: Iterable[Entry] | None = None) -> QaIndex:
    """The shown entries (model.catalog is newest first) by topic and by cited policy (`shown`: the catalog's
    Q&A entries, in its order, when already picked out)."""
    by_index, by_path = found if found is not None else lookups(documents)
    topics: dict[str, list[str]] = {}
    by_policy: dict[str, list[str]] = {}
    cited: dict[str, tuple[str, ...]] = {}
    for entry in shown if shown is not None else model.catalog:
        details = entry.doc.details
        if not isinstance(details, QaDetails):
            continue
        topics.setdefault(details.qa_topic, []).append(entry.doc.path)
        targets = (document_target(entry.doc.path, ref.value, by_index, by_path) for ref in details.policies)
        paths = tuple(dict.fromkeys(t.path for t in targets if t is not None and t.path in model.by_path))
        cited[entry.doc.path] = paths
        for path in paths:
            by_policy.setdefault(path, []).append(entry.doc.path)
    return QaIndex(tuple((name, tuple(paths)) for name, paths in sorted(topics.items())),
                   {k: tuple(v) for k, v in by_policy.items()}, cited)


def check_qa(model: SiteModel, documents: tuple[Document, ...], found: Lookups | None = None) -> Iterator[Diagnostic]:
    """Every Q&A entry's 相关政策 and dates; a document of another kind at a Q&A topic page's address."""
    by_index, by_path = found if found is not None else lookups(documents)
    tz = model.config.tz
    for doc in sorted(documents, key=lambda d: d.path):
        entry = model.by_path.get(doc.path)  # a shown document's address is known
        if (entry.url if entry is not None else page_path(doc.path, doc.slug)).startswith(TOPICS_PATH):
            yield error(doc.path, doc.line_of("slug") if doc.slug else 1,
                        f"the address {TOPICS_PATH} and the folders under it are reserved for the Q&A topic pages",
                        "move the file to another folder under content/qa/, or give it another slug")
        details = doc.details
        if not isinstance(details, QaDetails):
            continue
        shown = doc.path in model.by_path
        for ref in details.policies:
            target = document_target(doc.path, ref.value, by_index, by_path)
            if target is None:
                yield error(doc.path, ref.line,
                            f"相关政策 '{ref.value}' is neither the 索引号 nor the path of a document",
                            "write the policy's 索引号, e.g. 11440000MB2C12345X/2025-00008")
            elif not target.is_catalog:
                yield error(doc.path, ref.line, f"相关政策 '{ref.value}' is not a catalog document",
                            "cite a policy or another document of the catalog")
            elif shown and target.path not in model.by_path:
                yield error(doc.path, ref.line, f"相关政策 '{ref.value}' ({target.path}) is not published, but this "
                            "answer is", "publish the policy first, or remove it from 相关政策 (or hold the answer "
                            "back with 草稿: true until the policy is published)")
        if details.asked is not None and doc.published is not None \
                and details.asked > doc.published.astimezone(tz).date():
            yield warning(doc.path, doc.line_of("asked"),
                          f"提问日期 {details.asked} is after the answer's publication date",
                          "check the date the question was asked")
