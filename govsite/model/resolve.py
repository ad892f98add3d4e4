"""Resolving a catalog document's references to the registries: agency, 索引号, topics, genre."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from govsite.content.document import Document, Ref
from govsite.content.fields import did_you_mean
from govsite.errors import Diagnostic, error, warning
from govsite.model.index_no import IndexNumber, parse_index_no
from govsite.registry import Agency, Genre, Registry, Topic

AGENCY_CODE_RE = re.compile(r"[0-9A-Z]{9}|[0-9A-Z]{18}")  # an invalid code is reported in agencies.yaml only
DOC_NO_RE = re.compile(r"^(.+〔\d{4}〕第?\d+号|.+令第\d+号)$")


@dataclass(frozen=True)
class Resolved:
    """A catalog document's registry entries (None where they did not resolve)."""

    agency: Agency | None
    index: IndexNumber | None
    topics: tuple[Topic, ...]
    genre: Genre | None


def resolve_document(doc: Document, registry: Registry, pattern: re.Pattern[str],
                     now: datetime) -> tuple[Resolved, tuple[Diagnostic, ...]]:
    """Look up agency, topics, genre and 索引号; report every problem with its line and a hint."""
    problems: list[Diagnostic] = []
    agency = _agency(doc, registry, problems)
    index = _index(doc, agency, pattern, problems)
    topics = tuple(t for ref in doc.topics if (t := _topic(doc, ref, registry, problems)) is not None)
    genre = _genre(doc, registry, problems)
    _dates(doc, now, problems)
    if doc.doc_no and not DOC_NO_RE.match(doc.doc_no):
        problems.append(warning(doc.path, doc.line_of("doc_no"), f"文号 '{doc.doc_no}' is not in the usual form",
                                "write 机关代字〔YYYY〕N号, e.g. 示财发〔2025〕12号"))
    return Resolved(agency, index, topics, genre), tuple(problems)


def _agency(doc: Document, registry: Registry, problems: list[Diagnostic]) -> Agency | None:
    if doc.agency is None:
        return None
    agency = registry.agency(doc.agency.value)
    if agency is None:
        names = [a.key for a in registry.agencies] + [a.name for a in registry.agencies]
        hint = did_you_mean(doc.agency.value, names) or "use an agency key or full name from data/agencies.yaml"
        problems.append(error(doc.path, doc.agency.line, f"unknown agency '{doc.agency.value}'", hint))
    return agency


def _index(doc: Document, agency: Agency | None, pattern: re.Pattern[str],
           problems: list[Diagnostic]) -> IndexNumber | None:
    if doc.index_no is None:
        return None
    ref = doc.index_no
    index = parse_index_no(ref.value, pattern)
    if index is None:
        example = f"{agency.code if agency else '11440000MB2C12345X'}/2025-00001"
        problems.append(error(doc.path, ref.line, f"索引号 '{ref.value}' does not match the site's pattern",
                              f"write e.g. {example} (agency code / year - five-digit number)"))
        return None
    if agency is not None and index.code != agency.code and AGENCY_CODE_RE.fullmatch(agency.code):
        problems.append(error(doc.path, ref.line,
                              f"索引号 '{ref.value}' starts with {index.code}, but {agency.name}'s code is "
                              f"{agency.code}", f"write {agency.code}/{index.year}-{index.seq:05d}"))
    years = {d.year for d in (doc.written, doc.published) if d is not None}
    if years and index.year not in years:
        problems.append(warning(doc.path, ref.line,
                                f"索引号 year {index.year} differs from the year the document was written "
                                f"({min(years)})", "the year part is normally the year of 成文日期"))
    return index


def _topic(doc: Document, ref: Ref, registry: Registry, problems: list[Diagnostic]) -> Topic | None:
    value = ref.value.replace(" / ", "/").replace("／", "/")
    topic = registry.topic(value)
    if topic is None:
        parents = [t for t in registry.topics if t.parent and t.name.split("/", 1)[1] == value]
        if len(parents) == 1:
            hint = f"did you mean '{parents[0].name}'? (a sub-topic is written parent/child)"
        else:
            hint = did_you_mean(value, [t.name for t in registry.topics]) or \
                "use a topic from the national taxonomy (data/topics.yaml or the built-in list)"
        problems.append(error(doc.path, ref.line, f"unknown topic '{ref.value}'", hint))
    return topic


def _genre(doc: Document, registry: Registry, problems: list[Diagnostic]) -> Genre | None:
    if doc.genre is None:
        return None
    genre = registry.genre(doc.genre.value)
    if genre is None:
        hint = did_you_mean(doc.genre.value, [g.name for g in registry.genres]) or \
            "use a genre such as 通知, 意见, 公告, 报告, 规划计划, 工作动态, 其他"
        problems.append(error(doc.path, doc.genre.line, f"unknown genre '{doc.genre.value}'", hint))
    return genre


def _dates(doc: Document, now: datetime, problems: list[Diagnostic]) -> None:
    if doc.written is None:
        return
    if doc.published is not None and "published" in doc.lines:
        published_day = doc.published.astimezone(now.tzinfo).date()
        if published_day < doc.written:
            problems.append(error(doc.path, doc.line_of("published"),
                                  f"发布日期 {published_day} is before 成文日期 {doc.written}",
                                  "a document cannot be published before it was written"))
    if doc.written > now.astimezone(now.tzinfo).date():
        problems.append(warning(doc.path, doc.line_of("written"), f"成文日期 {doc.written} is in the future",
                                "check the year"))
