"""Which catalog documents a topic page lists: its `documents`, or every document its `match` selects."""

from __future__ import annotations

from collections.abc import Callable

from govsite.content.document import KIND_LABELS, TopicDetails, TopicMatch
from govsite.model.site import Entry, SiteModel


def topic_entries(model: SiteModel, details: TopicDetails) -> tuple[Entry, ...]:
    """Listed documents in their given order, or matched documents newest first."""
    if details.documents:
        return tuple(e for ref in details.documents if (e := model.by_index.get(ref.value)) is not None)
    if details.match is None:
        return ()
    return tuple(filter(_matcher(model, details.match), model.catalog))


def _matcher(model: SiteModel, match: TopicMatch) -> Callable[[Entry], bool]:
    """Whether a document is of the topic: every condition `match` gives holds (each made ready once)."""
    wanted = frozenset(t.value.replace(" / ", "/") for t in match.topics)
    keywords = tuple(match.keywords)
    kinds = frozenset(match.kinds)
    agencies = frozenset(a for ref in match.agencies if (a := model.registry.agency(ref.value)) is not None) \
        if match.agencies else None

    def matches(entry: Entry) -> bool:
        if wanted and not any(t.name in wanted or (t.parent and t.parent in wanted) for t in entry.topics):
            return False
        if keywords:
            text = " ".join((*entry.doc.keywords, entry.doc.title))
            if not any(k in text for k in keywords):
                return False
        if kinds and entry.doc.kind not in kinds and KIND_LABELS[entry.doc.kind] not in kinds and \
                entry.doc.section not in kinds:
            return False
        return agencies is None or entry.agency in agencies
    return matches
