"""Cross-document checks: references, attachments and the per-kind rules of spec 3.2."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from govsite.content.document import (
    Document,
    FundDetails,
    InterpretationDetails,
    PolicyDetails,
    Ref,
    TenderDetails,
    TopicDetails,
)
from govsite.errors import Diagnostic, error, warning
from govsite.model.site import SiteModel
from govsite.model.workdays import workdays_between
from govsite.urls import resolve_relative


def check_site(model: SiteModel, documents: tuple[Document, ...],
               outside_links: frozenset[str]) -> tuple[Diagnostic, ...]:
    """Every cross-document problem, over all documents (unpublished ones are checked too)."""
    by_index = {d.index_no.value: d for d in documents if d.index_no is not None}
    problems: list[Diagnostic] = []
    for doc in sorted(documents, key=lambda d: d.path):
        problems.extend(_references(model, doc, by_index))
        problems.extend(_attachments(model, doc, outside_links))
        problems.extend(_kind_rules(model, doc, outside_links))
    return tuple(problems)


def _check_ref(model: SiteModel, doc: Document, ref: Ref, by_index: dict[str, Document],
               what: str) -> Iterator[Diagnostic]:
    target = by_index.get(ref.value)
    if target is None:
        yield error(doc.path, ref.line, f"{what} '{ref.value}' is not the 索引号 of any document",
                    "check the number against the other document's 索引号")
    elif target.path not in model.by_path and doc.path in model.by_path:
        yield warning(doc.path, ref.line, f"{what} '{ref.value}' ({target.path}) is not published",
                      "the reference is shown as text without a link until that document is published")


def _references(model: SiteModel, doc: Document, by_index: dict[str, Document]) -> Iterator[Diagnostic]:
    for ref in doc.related:
        yield from _check_ref(model, doc, ref, by_index, "related document")
    details = doc.details
    if isinstance(details, PolicyDetails) and details.replaced_by is not None:
        yield from _check_ref(model, doc, details.replaced_by, by_index, "replacement")
    if isinstance(details, InterpretationDetails):
        yield from _check_ref(model, doc, details.interprets, by_index, "interpreted policy")
        policy = by_index.get(details.interprets.value)
        if policy is not None and policy.kind != "policy":
            yield error(doc.path, details.interprets.line,
                        f"'{details.interprets.value}' is a {policy.kind}, not a policy",
                        "解读文件 must be the 索引号 of a document in content/policies/")
        elif policy is not None:
            yield from _late_interpretation(model, doc, policy)
    if isinstance(details, TopicDetails):
        for ref in details.documents:
            yield from _check_ref(model, doc, ref, by_index, "listed document")
        if details.match is not None:
            for topic in details.match.topics:
                if model.registry.topic(topic.value.replace(" / ", "/")) is None:
                    yield error(doc.path, topic.line, f"unknown topic '{topic.value}'",
                                "use a topic from the taxonomy")
            for agency in details.match.agencies:
                if model.registry.agency(agency.value) is None:
                    yield error(doc.path, agency.line, f"unknown agency '{agency.value}'",
                                "use an agency key or full name from data/agencies.yaml")


def _late_interpretation(model: SiteModel, doc: Document, policy: Document) -> Iterator[Diagnostic]:
    if doc.published is None or policy.published is None:
        return
    tz = model.config.tz
    start, end = policy.published.astimezone(tz).date(), doc.published.astimezone(tz).date()
    days = workdays_between(start, end, model.registry.holidays, model.registry.workdays)
    if days > 3:
        yield warning(doc.path, doc.line_of("published"),
                      f"this interpretation was published {days} working days after its policy ({start})",
                      "interpretations should be published within 3 working days of the policy")


def _attachments(model: SiteModel, doc: Document, outside_links: frozenset[str]) -> Iterator[Diagnostic]:
    for attachment in doc.attachments:
        target = resolve_relative(doc.path, attachment.file)
        if target is None or not target.startswith("content/"):
            yield error(doc.path, attachment.line, f"attachment '{attachment.file}' is outside the site's content",
                        "put the file beside the document and write only its name")
        elif target in outside_links:
            yield error(doc.path, attachment.line, f"attachment '{attachment.file}' is a link to outside the site",
                        "replace the link with a copy of the file")
        elif target not in model.assets:
            folder = posixpath.dirname(doc.path)
            yield error(doc.path, attachment.line, f"attachment '{attachment.file}' does not exist",
                        f"put the file in {folder}/ or correct the name (names are case-sensitive)")


def _kind_rules(model: SiteModel, doc: Document,
                outside_links: frozenset[str]) -> Iterator[Diagnostic]:
    details = doc.details
    if isinstance(details, PolicyDetails) and details.validity == "废止" and details.repealed is None:
        yield error(doc.path, doc.line_of("validity"), "a repealed policy (有效性: 废止) needs its 废止日期",
                    "add a line 'repealed: YYYY-MM-DD'")
    if isinstance(details, TenderDetails):
        yield from _tender_rules(doc, details)
    if isinstance(details, FundDetails):
        if details.data is not None:
            target = resolve_relative(doc.path, details.data.value)
            if target is None or target in outside_links or target not in model.assets:
                yield error(doc.path, details.data.line, f"data file '{details.data.value}' does not exist",
                            "put the CSV file beside the document")
        elif not details.rows and "rows" not in doc.lines:
            yield error(doc.path, doc.line_of("fund"), "a fund report needs its rows (明细) or a data file (数据文件)",
                        "add 'rows:' with item, budget and spent, or 'data: table.csv'")


TENDER_ALIASES = {"budget": "预算金额", "deadline": "投标截止时间", "award": "中标结果", "candidates": "中标候选人",
                  "publicity_end": "公示截止"}


def _tender_rules(doc: Document, tender: TenderDetails) -> Iterator[Diagnostic]:
    required: dict[str, tuple[tuple[str, object], ...]] = {
        "招标公告": (("budget", tender.budget), ("deadline", tender.deadline)),
        "中标结果公告": (("award", tender.award),),
        "中标候选人公示": (("candidates", tender.candidates or None), ("publicity_end", tender.publicity_end)),
    }
    for key, value in required.get(tender.stage, ()):
        if value is None and key not in doc.lines:  # a value given but invalid is reported where it stands
            alias = TENDER_ALIASES[key]
            yield error(doc.path, 1, f"a {tender.stage} needs '{key}' ({alias})",
                        f"add a line '{key}: …' (or '{alias}: …')")
