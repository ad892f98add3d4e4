"""The search filters only some kinds have: a 标准目录's 领域 (`field`) and a 政策问答's 问答主题 (`qa_topic`)."""

from __future__ import annotations

from govsite.content.document import QaDetails, StandardDetails
from govsite.model.site import Entry


def kind_filters(entry: Entry) -> list[tuple[str, str]]:
    """(filter name, value) pairs of the document's kind-specific filters."""
    details = entry.doc.details
    if isinstance(details, StandardDetails):
        return [("field", details.field)]
    if isinstance(details, QaDetails):
        return [("qa_topic", details.qa_topic)]
    return []
