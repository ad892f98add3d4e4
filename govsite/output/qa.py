"""回应关切 / 政策问答 pages: the question box of an answer's page, the answers a policy page lists, a page
per 问答主题 and the overview of topics. Each page's values are a pure function of the site's values and
its key (`qa_topic_values`, `qa_index_values`), its pages enumerated by `qa_topic_pages` / `qa_index_pages`."""

from __future__ import annotations

from urllib.parse import urlencode

from govsite.bodies import Bodies
from govsite.content.document import KIND_LABELS, QaDetails
from govsite.model.derived import Derived
from govsite.model.qa import TOPICS_PATH
from govsite.model.site import Entry, SiteModel
from govsite.output.feeds import summary_of
from govsite.output.links import doc_link, href, published_date
from govsite.output.meta import column_meta
from govsite.output.views import (
    AskView,
    DocLink,
    QaIndexView,
    QaItem,
    QaTopicView,
    QaView,
    SiteMapGroup,
    TermLink,
)

QA_LABEL = KIND_LABELS["qa"]
INDEX_TITLE = "回应关切与政策问答"


def topic_path(name: str) -> str:
    return f"{TOPICS_PATH}{name}/"


def ask_view(model: SiteModel) -> AskView:
    interaction = model.config.interaction
    return AskView(interaction.letter_box, interaction.phone)


def search_url(model: SiteModel, topic: str = "") -> str:
    """The search page with the Q&A filter set (and the topic's, for a topic)."""
    query = [("kind", QA_LABEL)] + ([("qa_topic", topic)] if topic else [])
    return href(model, "search/") + "?" + urlencode(query)


def qa_view(model: SiteModel, derived: Derived, entry: Entry) -> QaView | None:
    """The question box of a Q&A entry's page (None for any other document)."""
    details = entry.doc.details
    if not isinstance(details, QaDetails):
        return None
    others = [p for p in derived.qa.topic(details.qa_topic) if p != entry.doc.path][:5]
    return QaView(
        topic=TermLink(details.qa_topic, href(model, topic_path(details.qa_topic))),
        question=details.question, asked=details.asked.isoformat() if details.asked else "",
        channel=details.channel, agency=entry.agency.name if entry.agency else "",
        policies=tuple(doc_link(model, model.by_path[p]) for p in derived.qa.policies.get(entry.doc.path, ())),
        same_topic=tuple(doc_link(model, model.by_path[p]) for p in others), ask=ask_view(model))


def policy_questions(model: SiteModel, derived: Derived, entry: Entry) -> tuple[DocLink, ...]:
    """The published answers that cite this document, newest first."""
    return tuple(doc_link(model, model.by_path[p]) for p in derived.qa.by_policy.get(entry.doc.path, ()))


def _crumbs(model: SiteModel) -> tuple[TermLink, ...]:
    return (TermLink("首页", href(model, "")), TermLink(INDEX_TITLE, href(model, TOPICS_PATH)))


def qa_topic_pages(model: SiteModel, derived: Derived) -> list[tuple[str, str]]:
    """(output path, key) of each topic's page: the key is the topic's name."""
    return [(topic_path(name), name) for name, _paths in derived.qa.topics]


def qa_topic_values(model: SiteModel, bodies: Bodies, derived: Derived, key: str) -> tuple[str, str, dict[str, object]]:
    """The page of the 问答主题 `key`."""
    items = []
    for path in derived.qa.topic(key):
        entry = model.by_path[path]
        details = entry.doc.details
        assert isinstance(details, QaDetails)
        items.append(QaItem(entry.doc.title, href(model, entry.url), details.question,
                            entry.agency.name if entry.agency else "",
                            details.asked.isoformat() if details.asked else "", published_date(model, entry),
                            summary_of(entry, bodies)))
    title = f"政策问答：{key}"
    view = QaTopicView(title, key, tuple(items), search_url(model, key), href(model, "qa/feed.xml"),
                       ask_view(model), _crumbs(model))
    meta = column_meta(model.config, title, "qa", f"{model.config.title}关于“{key}”的政策问答")
    return "qa_topic.html", title, {"qa": view, "page_meta": meta}


def qa_index_pages(model: SiteModel, derived: Derived) -> list[tuple[str, str]]:
    """The overview of topics, when the site has any answer."""
    return [(TOPICS_PATH, "")] if derived.qa.topics else []


def qa_index_values(model: SiteModel, bodies: Bodies, derived: Derived, key: str) -> tuple[str, str, dict[str, object]]:
    """The overview of every 问答主题 (the key is unused: there is one overview)."""
    topics = tuple((TermLink(name, href(model, topic_path(name))), len(paths),
                    tuple(doc_link(model, model.by_path[p]) for p in paths[:3]))
                   for name, paths in derived.qa.topics)
    view = QaIndexView(INDEX_TITLE, topics, search_url(model), href(model, "qa/"), ask_view(model), _crumbs(model))
    return "qa_topics.html", INDEX_TITLE, {"qa": view, "page_meta": column_meta(model.config, INDEX_TITLE, "qa")}


def qa_site_map(model: SiteModel, derived: Derived) -> list[SiteMapGroup]:
    """The HTML site map's group of the Q&A topics (none when the site has no answer)."""
    if not derived.qa.topics:
        return []
    return [SiteMapGroup(INDEX_TITLE, href(model, TOPICS_PATH),
                         tuple(TermLink(name, href(model, topic_path(name))) for name, _paths in derived.qa.topics))]


def qa_last_modified(model: SiteModel, derived: Derived) -> dict[str, str]:
    """sitemap.xml's day of each topic page (its newest answer) and of the overview (the newest of all)."""
    days = {topic_path(name): max(published_date(model, model.by_path[p]) for p in paths)
            for name, paths in derived.qa.topics}
    return {**days, TOPICS_PATH: max(days.values())} if days else {}
