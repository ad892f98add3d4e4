"""The rules of 权责清单 items and 办事指南: time limits, process steps, life events and providers."""

from __future__ import annotations

from collections.abc import Iterator

from govsite.content.document import Document
from govsite.content.servicedocs import LIFE_EVENTS, GuideDetails, PowerDetails, flow_problems
from govsite.errors import Diagnostic, error


def check_services(documents: tuple[Document, ...]) -> tuple[Diagnostic, ...]:
    """Every problem of the power items and service guides (unpublished ones are checked too)."""
    problems: list[Diagnostic] = []
    for doc in sorted(documents, key=lambda d: d.path):
        details = doc.details
        if isinstance(details, PowerDetails | GuideDetails):
            problems.extend(_time_limits(doc, details.promised_days, details.statutory_days))
            problems.extend(error(doc.path, p.line, p.message, p.hint) for p in flow_problems(details.steps))
        if isinstance(details, GuideDetails):
            problems.extend(_guide_rules(doc, details))
    return tuple(problems)


def _time_limits(doc: Document, promised: int | None, statutory: int | None) -> Iterator[Diagnostic]:
    if promised is not None and statutory is not None and promised > statutory:
        yield error(doc.path, doc.line_of("promised_days"),
                    f"承诺时限 ({promised} working days) is longer than 法定时限 ({statutory} working days)",
                    "the promised time must not exceed the statutory one: lower 承诺时限 or correct 法定时限")


def _guide_rules(doc: Document, guide: GuideDetails) -> Iterator[Diagnostic]:
    events = LIFE_EVENTS[guide.applicant]
    if guide.life_event not in events:
        yield error(doc.path, doc.line_of("life_event"),
                    f"办事主题 '{guide.life_event}' is not a theme of {guide.applicant} services",
                    f"for 办事对象 {guide.applicant} use one of: " + ", ".join(events))
    if guide.provider_type == "公共企事业单位" and not guide.provider:
        yield error(doc.path, doc.line_of("provider_type"),
                    "a public enterprise's guide (单位性质: 公共企事业单位) needs its 办理单位",
                    "add a line 'provider: …' (or '办理单位: …') with the enterprise's name, e.g. 某县自来水有限公司")
