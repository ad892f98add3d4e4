"""The editor's lists of held-back and expired documents (`govsite list`)."""

from __future__ import annotations

from dataclasses import dataclass

from govsite.model.site import SiteModel


@dataclass(frozen=True)
class ListedDocument:
    """A line of `govsite list`: path, title and why it is in the list."""

    path: str
    title: str
    reason: str


def listed(model: SiteModel, which: str) -> tuple[ListedDocument, ...]:
    """`drafts`, `future`, `held` (awaiting review or not disclosed) or `expired` documents."""
    if which == "expired":
        return tuple(ListedDocument(e.doc.path, e.doc.title, "失效" if e.validity == "失效" else e.validity)
                     for e in model.entries if e.validity in ("失效", "废止"))
    reasons = {"drafts": ("草稿",), "future": ("未到发布日期",), "held": ("未审查（保密审查）", "不予公开")}[which]
    return tuple(ListedDocument(h.path, h.title, h.reason) for h in model.held if h.reason in reasons)
