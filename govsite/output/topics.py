"""Which catalog documents a topic page lists: its `documents`, or every document its `match` selects."""

from __future__ import annotations

from govsite.content.document import KIND_LABELS, TopicDetails
from govsite.model.site import Entry, SiteModel


def topic_entries(model: SiteModel, details: TopicDetails) -> tuple[Entry, ...]:
    """Listed documents in their given order, or matched documents newest first."""
    if details.documents:
        return tuple(e for ref in details.documents if (e := model.by_index.get(ref.value)) is not None)
    if details.match is None:
        return ()
    return tuple(e for e in model.catalog if _matches(model, e, details))


def _matches(model: SiteModel, entry: Entry, details: TopicDetails) -> bool:
    match = details.match
    assert match is not None
    if match.topics:
        wanted = {t.value.replace(" / ", "/") for t in match.topics}
        names = {t.name for t in entry.topics} | {t.parent for t in entry.topics if t.parent}
        if not wanted & names:
            return False
    if match.keywords:
        text = " ".join((*entry.doc.keywords, entry.doc.title))
        if not any(k in text for k in match.keywords):
            return False
    if match.kinds:
        kinds = set(match.kinds)
        if entry.doc.kind not in kinds and KIND_LABELS[entry.doc.kind] not in kinds and \
                entry.doc.section not in kinds:
            return False
    if match.agencies:
        agencies = {a for ref in match.agencies if (a := model.registry.agency(ref.value)) is not None}
        if entry.agency not in agencies:
            return False
    return True
