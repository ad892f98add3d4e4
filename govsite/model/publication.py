"""Spec 3.3, decided once: is a document published, and if not, why."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from govsite.content.document import Document


@dataclass(frozen=True)
class BuildOptions:
    """What this build includes beyond the published documents, and its notion of now."""

    now: datetime
    drafts: bool = False
    future: bool = False
    unreviewed: bool = False  # only the local preview (govsite serve) shows documents awaiting review


@dataclass(frozen=True)
class Publication:
    """The decision for one document: shown or not, why not, and whether only a preview shows it."""

    shown: bool
    reason: str = ""  # why it is not published ('' when it is)
    preview_only: bool = False


def decide(doc: Document, review_required: bool, options: BuildOptions) -> Publication:
    """Apply the publication rules; 不予公开 is never shown, unreviewed documents only in the local preview."""
    if not doc.is_catalog:
        if doc.draft:
            return Publication(options.drafts, "草稿", preview_only=True)
        return Publication(True)
    if doc.disclosure == "不予公开":
        return Publication(False, "不予公开")
    if review_required and doc.review != "已审查":
        return Publication(options.unreviewed and _not_future(doc, options), "未审查（保密审查）",
                           preview_only=True)
    if doc.draft:
        return Publication(options.drafts and _not_future(doc, options), "草稿", preview_only=True)
    if doc.published is not None and doc.published > options.now:
        return Publication(options.future, "未到发布日期", preview_only=True)
    return Publication(True)


def _not_future(doc: Document, options: BuildOptions) -> bool:
    return options.future or doc.published is None or doc.published <= options.now
