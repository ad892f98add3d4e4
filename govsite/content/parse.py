"""A source file → a typed `Document` plus diagnostics; nothing here knows about the rest of the site."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from typing import TypeVar
from zoneinfo import ZoneInfo

from govsite.content.coerce import Ctx, Invalid, start_of_day
from govsite.content.document import (
    Attachment,
    Award,
    Candidate,
    Details,
    Document,
    FundDetails,
    FundRow,
    GazetteDetails,
    GazetteItem,
    InterpretationDetails,
    Kind,
    PolicyDetails,
    Ref,
    ReportDetails,
    TenderDetails,
    TopicDetails,
    TopicMatch,
    kind_of_section,
)
from govsite.content.fields import FieldValues, read_fields
from govsite.content.report_schema import read_figures
from govsite.content.schema import fields_for
from govsite.content.services import form_attachments, guide_details, power_details
from govsite.content.source import decode_text, split_front_matter
from govsite.content.standard_schema import qa_details, standard_details
from govsite.content.yamlnodes import YNode, parse_yaml
from govsite.errors import Diagnostic, error

T = TypeVar("T")


@dataclass(frozen=True)
class Parsed:
    """The document (None when it could not be read at all) and what was wrong with it.

    A document with errors is still returned with the fields that could be read, so that the checks across
    the site can run on it; any error stops the build before anything is written.
    """

    document: Document | None
    diagnostics: tuple[Diagnostic, ...]


def parse_document(rel_path: str, data: bytes, tz: ZoneInfo) -> Parsed:
    """Parse one `content/<section>/…/*.md` file."""
    text, problems = decode_text(data, rel_path)
    if text is None:
        return Parsed(None, problems)
    split, problems = split_front_matter(text, rel_path)
    if split is None:
        return Parsed(None, problems)
    yaml_result = parse_yaml(split.front_matter, rel_path, split.front_matter_line)
    if yaml_result.diagnostics and yaml_result.root is None:
        return Parsed(None, yaml_result.diagnostics)
    root = yaml_result.root
    if root is None or root.kind != "map":
        what = "empty" if root is None else f"{root.describe()}"
        return Parsed(None, (*yaml_result.diagnostics, error(
            rel_path, 1, f"the front matter must be key: value lines, but it is {what}",
            "write one field per line, e.g. 'title: 关于…的通知'")))
    parts = rel_path.split("/")
    section = parts[1] if len(parts) > 2 else ""
    kind = kind_of_section(section)
    read = read_fields(root, fields_for(kind), rel_path, tz, 1)
    diagnostics = list(yaml_result.diagnostics) + list(read.diagnostics)
    try:
        details = _details(kind, read, root, Ctx(rel_path, kind, tz))
    except Invalid as problem:
        diagnostics.extend(problem.diagnostics)
        details = None
    # even with errors, the fields that did read are kept: the site-wide checks (agency, topic, 索引号,
    # links) still run on them, so one bad field does not hide the file's other problems
    document = _document(rel_path, section, kind, read, split.body, split.body_line, details, tz)
    if any(d.is_error for d in diagnostics):
        document = replace(document, has_errors=True)
    return Parsed(document, tuple(diagnostics))


def _document(path: str, section: str, kind: Kind, read: FieldValues, body: str, body_line: int,
              details: Details | None, tz: ZoneInfo) -> Document:
    v = read.values
    written = _opt(v, "written", date)
    published = _opt(v, "published", datetime)
    if published is None and written is not None:
        published = start_of_day(written, tz)
    attachments = tuple(
        Attachment(str(item.get("file")), str(item.get("title") or item.get("file")), line)
        for item, line in _pairs(v.get("attachments"))
    )
    pdf = _opt(v, "pdf", Ref)
    if pdf is not None:  # a gazette issue's PDF is its first attachment: checked, copied and listed like any
        attachments = (Attachment(pdf.value, "本期公报全文（PDF版）", pdf.line), *attachments)
    attachments += form_attachments(details)
    return Document(
        path=path, section=section, kind=kind, lines=dict(read.lines), body=body, body_line=body_line,
        title=str(v.get("title", "")), index_no=_opt(v, "index_no", Ref), agency=_opt(v, "agency", Ref),
        written=written, published=published, topics=_refs(v, "topic"), genre=_opt(v, "genre", Ref),
        doc_no=normalise_doc_no(str(v.get("doc_no", ""))), summary=str(v.get("summary", "")),
        keywords=_texts(v, "keywords"), audience=_texts(v, "audience"), art20=_opt(v, "art20", int),
        disclosure=str(v.get("disclosure", "主动公开")),
        review=str(v.get("review", "未审查")), draft=bool(v.get("draft", False)),
        expires=_opt(v, "expires", date), updated=_opt(v, "updated", date), attachments=attachments,
        related=_refs(v, "related"),
        slug=str(v.get("slug", "")), menu=_opt(v, "menu", int), extra=_mapping(v.get("extra")),
        details=details,
    )


YEAR_BRACKETS = re.compile(r"[\[［(（〔【](\d{4})[\]］)）〕】]")


def normalise_doc_no(doc_no: str) -> str:
    """`[2025]`, `［2025］`, `(2025)`, `【2025】` around the year become `〔2025〕`."""
    return YEAR_BRACKETS.sub(r"〔\1〕", doc_no)


def _opt(values: Mapping[str, object], key: str, kind: type[T]) -> T | None:
    value = values.get(key)
    return value if isinstance(value, kind) else None


def _refs(values: Mapping[str, object], key: str) -> tuple[Ref, ...]:
    value = values.get(key, ())
    return tuple(v for v in value if isinstance(v, Ref)) if isinstance(value, tuple) else ()


def _texts(values: Mapping[str, object], key: str) -> tuple[str, ...]:
    value = values.get(key, ())
    return tuple(v for v in value if isinstance(v, str)) if isinstance(value, tuple) else ()


def _mapping(value: object) -> dict[str, object]:
    return dict(value) if isinstance(value, dict) else {}


def _pairs(value: object) -> tuple[tuple[FieldValues, int], ...]:
    return value if isinstance(value, tuple) else ()


def _details(kind: Kind, read: FieldValues, root: YNode, ctx: Ctx) -> Details | None:
    v = read.values
    if kind == "policy":
        return PolicyDetails(
            validity=str(v.get("validity", "有效")), effective=_opt(v, "effective", date),
            repealed=_opt(v, "repealed", date), replaced_by=_opt(v, "replaced_by", Ref),
            category=str(v.get("category", "其他")),
            adopted=_opt(v, "adopted", date), adopted_by=str(v.get("adopted_by", "")),
            promulgated=_opt(v, "promulgated", date), early_reason=str(v.get("early_reason", "")))
    if kind == "interpretation":
        interprets = _opt(v, "interprets", Ref)
        return InterpretationDetails(interprets) if interprets else None
    if kind == "tender":
        return _tender(v)
    if kind == "fund":
        return _fund(v, read.lines)
    if kind == "report":
        return _report(v, root, ctx)
    if kind == "topic":
        return _topic(v)
    if kind == "standard":
        return standard_details(ctx.path, v)
    if kind == "qa":
        return qa_details(v)
    if kind == "gazette":
        return _gazette(v)
    if kind == "power":
        return power_details(v)
    if kind == "guide":
        return guide_details(v)
    return None


def _tender(v: Mapping[str, object]) -> TenderDetails | None:
    if "project_code" not in v or "stage" not in v or "purchaser" not in v:
        return None
    candidates = tuple(
        Candidate(int(str(item.get("rank"))), str(item.get("name")), _opt(item.values, "price", Decimal))
        for item, _line in _pairs(v.get("candidates"))
    )
    award_values = v.get("award")
    award = None
    if isinstance(award_values, FieldValues):
        amount = _opt(award_values.values, "amount", Decimal)
        award = Award(str(award_values.get("supplier")), amount if amount is not None else Decimal(0))
    return TenderDetails(
        project_code=str(v["project_code"]), stage=str(v["stage"]), purchaser=str(v["purchaser"]),
        method=str(v.get("method", "")), agent=str(v.get("agent", "")), budget=_opt(v, "budget", Decimal),
        deadline=_opt(v, "deadline", datetime), opening=_opt(v, "opening", datetime), candidates=candidates,
        publicity_end=_opt(v, "publicity_end", datetime), award=award)


def _fund(v: Mapping[str, object], lines: Mapping[str, int]) -> FundDetails | None:
    if "fund" not in v or "fiscal_year" not in v:
        return None
    rows = tuple(
        FundRow(str(item.get("item")), _opt(item.values, "budget", Decimal), _opt(item.values, "spent", Decimal),
                str(item.get("note", "")), line)
        for item, line in _pairs(v.get("rows"))
    )
    total = v.get("total")
    total_values = total.values if isinstance(total, FieldValues) else {}
    return FundDetails(
        fund=str(v["fund"]), fiscal_year=int(str(v["fiscal_year"])), period=str(v.get("period", "")),
        unit=str(v.get("unit", "万元")), rows=rows, data=_opt(v, "data", Ref),
        total_budget=_opt(total_values, "budget", Decimal), total_spent=_opt(total_values, "spent", Decimal),
        total_line=lines.get("total", 0), total_lines=dict(total.lines) if isinstance(total, FieldValues) else {})


def _report(v: Mapping[str, object], root: YNode, ctx: Ctx) -> ReportDetails | None:
    if "year" not in v:
        return None
    sections: dict[str, dict[str, object]] = {}
    lines: dict[str, int] = {}
    problems: list[Diagnostic] = []
    for section in ("proactive", "applications", "appeals"):
        node = v.get(section)
        if not isinstance(node, YNode):
            continue
        try:
            sections[section], section_lines = read_figures(section, node, Ctx(ctx.path, section, ctx.tz))
        except Invalid as problem:
            problems.extend(problem.diagnostics)
            continue
        lines.update(section_lines)
    if problems:
        raise Invalid(*problems)
    return ReportDetails(year=int(str(v["year"])), scope=str(v.get("scope", "全部")),
                         proactive=sections.get("proactive", {}), applications=sections.get("applications", {}),
                         appeals=sections.get("appeals", {}), lines=lines)


def _topic(v: Mapping[str, object]) -> TopicDetails:
    match_values = v.get("match")
    match = None
    if isinstance(match_values, FieldValues):
        m = match_values.values
        match = TopicMatch(topics=_refs(m, "topic"), keywords=_texts(m, "keywords"),
                           kinds=_texts(m, "kinds"), agencies=_refs(m, "agency"))
    return TopicDetails(match=match, documents=_refs(v, "documents"))


def _gazette(v: Mapping[str, object]) -> GazetteDetails | None:
    if "year" not in v or "issue" not in v or "total" not in v:
        return None
    items = tuple(
        GazetteItem(_opt(item.values, "document", Ref), str(item.get("title", "")), str(item.get("section", "")),
                    _opt(item.values, "page", int), line)
        for item, line in _pairs(v.get("items"))
    )
    return GazetteDetails(year=int(str(v["year"])), issue=int(str(v["issue"])), total=int(str(v["total"])),
                          pdf=_opt(v, "pdf", Ref), items=items)
