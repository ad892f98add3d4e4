"""The government gazette (政府公报): issues and their contents, and the checks of the 规章制定程序条例.

An issue is a catalog document in content/gazette/ (GazetteDetails): 年度, 年度期号, 总期号, its PDF and its
contents (目录), each entry a catalog document by 索引号 or by relative path. The checks:

- numbering: a 年度期号 used twice in one year, or a 总期号 used twice, is an error; a gap inside a year and a
  总期号 that does not follow the issue numbers are warnings (an issue may not have been entered yet);
- contents: an entry naming no document, or a document that is missing, is not a catalog document, or is not
  published while the issue is, is an error (a gazette issue cannot print a text the portal holds back);
- a 规章 in an issue must carry its promulgation order (规章制定程序条例 Art 31): 令号 (its 文号, 令第N号),
  通过日期, 公布日期 and 施行日期 (生效日期); an error on the 规章's own file;
- any 规章 with both dates comes into force at least 30 days after promulgation (Art 32) unless it gives its
  提前施行理由; it cannot be promulgated before it was adopted.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from govsite.content.document import Document, GazetteDetails, GazetteItem, PolicyDetails
from govsite.errors import Diagnostic, error, warning
from govsite.model.site import Entry, SiteModel
from govsite.model.standards import Lookups, lookups
from govsite.urls import resolve_relative

MIN_DAYS_TO_FORCE = 30  # 规章制定程序条例 Art 32: 自公布之日起30日后施行
ORDER_NO = re.compile(r"令第?\d+号$")
CATEGORY_SECTIONS = {"规章": "政府规章", "行政规范性文件": "行政规范性文件"}
OTHER_SECTION = "其他文件"


@dataclass(frozen=True)
class IssueItem:
    """One line of an issue's contents, resolved: `path` is the shown document's source path ('' = text only)."""

    title: str
    path: str
    doc_no: str
    category: str
    section: str
    page: int | None


@dataclass(frozen=True)
class GazetteIssue:
    """A shown issue: its source path (the key of its page), numbers and contents in the order written."""

    path: str
    year: int
    issue: int
    total: int
    items: tuple[IssueItem, ...]
    listed: frozenset[str] = frozenset()  # the source paths of the documents it prints


def gazette_issues(model: SiteModel, shown: Iterable[Entry] | None = None) -> tuple[GazetteIssue, ...]:
    """The shown issues, newest first (year, then 年度期号), with their contents resolved to shown documents
    (`shown`: the catalog's gazette entries when already picked out, else the whole catalog is looked at)."""
    issues = []
    for entry in shown if shown is not None else model.catalog:
        details = entry.doc.details
        if isinstance(details, GazetteDetails) and not entry.withheld_body:  # 依申请公开: the metadata only
            items = tuple(i for item in details.items if (i := _resolved(model, entry.doc, item)) is not None)
            issues.append(GazetteIssue(entry.doc.path, details.year, details.issue, details.total, items,
                                       frozenset(i.path for i in items if i.path)))
    return tuple(sorted(issues, key=lambda i: (-i.year, -i.issue, i.path)))


def _resolved(model: SiteModel, issue: Document, item: GazetteItem) -> IssueItem | None:
    """An entry as the page shows it; one whose document is not shown is left out, title and all."""
    if item.document is None:
        return IssueItem(item.title, "", "", "", item.section or OTHER_SECTION, item.page) if item.title else None
    target = _shown_target(model, issue.path, item.document.value)
    if target is None:
        return None
    details = target.details
    category = details.category if isinstance(details, PolicyDetails) else ""
    section = item.section or CATEGORY_SECTIONS.get(category, OTHER_SECTION)
    return IssueItem(item.title or target.title, target.path, target.doc_no, category, section, item.page)


def _shown_target(model: SiteModel, issue_path: str, value: str) -> Document | None:
    if value.endswith(".md"):
        entry = model.by_path.get(resolve_relative(issue_path, value) or "")
    else:
        entry = model.by_index.get(value)
    return entry.doc if entry is not None and entry.doc.is_catalog else None


def check_gazette(model: SiteModel, documents: tuple[Document, ...],
                  indexed: Lookups | None = None) -> tuple[Diagnostic, ...]:
    """Numbering, contents and the promulgation order of each 规章 in an issue, over every issue (shown or not);
    `indexed`: the documents' lookups when already made."""
    issues = sorted(((d, d.details) for d in documents if isinstance(d.details, GazetteDetails)),
                    key=lambda pair: pair[0].path)
    by_index, by_path = indexed if indexed is not None else lookups(documents)
    problems = list(_numbering(issues))
    listed: dict[str, tuple[Document, GazetteItem]] = {}  # each 规章 by path → the first issue entry naming it
    for doc, details in issues:
        for item in details.items:
            target, found = _target(model, doc, item, by_index, by_path)
            problems.extend(found)
            if target is not None and target.path not in listed:
                listed[target.path] = (doc, item)
    for path, (doc, item) in sorted(listed.items()):
        problems.extend(_order_data(by_path[path], doc, item))
    return tuple(problems)


def _numbering(issues: list[tuple[Document, GazetteDetails]]) -> Iterator[Diagnostic]:
    numbers: dict[tuple[int, int], Document] = {}
    totals: dict[int, Document] = {}
    for doc, d in issues:
        first = numbers.setdefault((d.year, d.issue), doc)
        if first is not doc:
            yield error(doc.path, doc.line_of("issue"),
                        f"年度期号 {d.issue} of {d.year} is already used by {first.path}",
                        "every issue of a year needs its own 年度期号; correct the number")
        earlier = totals.setdefault(d.total, doc)
        if earlier is not doc:
            yield error(doc.path, doc.line_of("total"), f"总期号 {d.total} is already used by {earlier.path}",
                        "every issue needs its own 总期号; correct the number")
    ordered = sorted(((d.year, d.issue, d.total, doc) for doc, d in issues), key=lambda t: (t[0], t[1], t[3].path))
    for (year, issue, total, _doc), (year2, issue2, total2, doc2) in itertools.pairwise(ordered):
        if year2 == year and issue2 - issue > 1:
            missing = "、".join(f"第{n}期" for n in range(issue + 1, min(issue2, issue + 4)))
            yield warning(doc2.path, doc2.line_of("issue"),
                          f"{year}年 has no {missing}{'…' if issue2 - issue > 4 else ''} before 第{issue2}期",
                          "add the missing issues (they may be drafts), or correct the 年度期号")
        elif year2 == year and issue2 > issue and total2 != total + (issue2 - issue):
            yield warning(doc2.path, doc2.line_of("total"),
                          f"总期号 {total2} does not follow {year}年第{issue}期 (总第{total}期): "
                          f"expected {total + issue2 - issue}", "check the 总期号 printed on the issue")
        elif (year2, issue2) != (year, issue) and total2 <= total:
            yield warning(doc2.path, doc2.line_of("total"),
                          f"总期号 {total2} is not after {year}年第{issue}期's (总第{total}期)",
                          "总期号 counts every issue ever published: a later issue has a larger number")


def _target(model: SiteModel, issue: Document, item: GazetteItem, by_index: Mapping[str, Document],
            by_path: Mapping[str, Document]) -> tuple[Document | None, tuple[Diagnostic, ...]]:
    """The 规章 an entry names (None for anything else) and what is wrong with the entry."""
    if item.document is None:
        if item.title:
            return None, ()
        return None, (error(issue.path, item.line, "a contents entry needs its document (文件) or a title (标题)",
                            "write 'document: <索引号>' (or a relative path such as ../../policies/2026/x.md)"),)
    value = item.document.value
    target = by_path.get(resolve_relative(issue.path, value) or "") if value.endswith(".md") else by_index.get(value)
    if target is None:
        what = "path" if value.endswith(".md") else "索引号"
        return None, (error(issue.path, item.document.line, f"contents entry '{value}' is not the {what} of any "
                            "document", "check it against the document's 索引号 (or its path from this file)"),)
    if not target.is_catalog:
        return None, (error(issue.path, item.document.line, f"contents entry '{value}' ({target.path}) is not a "
                            "catalog document", "a gazette issue lists documents of the catalog (政策文件 …)"),)
    if issue.path in model.by_path and target.path not in model.by_path:
        return None, (error(issue.path, item.document.line, f"contents entry '{value}' ({target.path}) is not "
                            "published", "publish that document first, or take it out of this issue: a published "
                            "issue cannot list a text the portal holds back"),)
    is_rule = isinstance(target.details, PolicyDetails) and target.details.category == "规章"
    return (target if is_rule else None), ()


def _order_data(rule: Document, issue: Document, item: GazetteItem) -> Iterator[Diagnostic]:
    details = rule.details
    assert isinstance(details, PolicyDetails)
    missing = [label for label, present in (
        ("令号 (文号 …令第N号)", bool(ORDER_NO.search(rule.doc_no))),
        ("通过日期 (adopted)", details.adopted is not None),
        ("公布日期 (promulgated)", details.promulgated is not None),
        ("施行日期 (生效日期, effective)", details.effective is not None)) if not present]
    if missing:
        line = item.document.line if item.document is not None else item.line
        yield error(rule.path, 1, f"this 规章 is in the gazette ({issue.path}:{line}) without its promulgation "
                    f"order: {', '.join(missing)} missing",
                    "add them to its front matter, e.g. '文号: 示例省人民政府令第1号', '通过日期: YYYY-MM-DD', "
                    "'公布日期: YYYY-MM-DD', '生效日期: YYYY-MM-DD' (规章制定程序条例 第三十一条)")


def check_regulations(documents: tuple[Document, ...]) -> tuple[Diagnostic, ...]:
    """Art 32 on every 规章 that has its dates: in force 30 days after promulgation at the soonest, unless it says
    why; not promulgated before it was adopted."""
    problems: list[Diagnostic] = []
    for doc in sorted(documents, key=lambda d: d.path):
        d = doc.details
        if not isinstance(d, PolicyDetails) or d.category != "规章" or d.promulgated is None:
            continue
        if d.adopted is not None and d.adopted > d.promulgated:
            problems.append(error(doc.path, doc.line_of("adopted"),
                                  f"通过日期 {d.adopted} is after 公布日期 {d.promulgated}",
                                  "a 规章 is promulgated after the meeting that adopted it; check both dates"))
        if d.effective is None:
            continue
        days = (d.effective - d.promulgated).days
        if days < MIN_DAYS_TO_FORCE and not d.early_reason:
            problems.append(error(
                doc.path, doc.line_of("effective"),
                f"this 规章 comes into force {days} days after it is promulgated (公布日期 {d.promulgated}, "
                f"施行日期 {d.effective}); the rule is {MIN_DAYS_TO_FORCE} days or more",
                f"set 生效日期 to {MIN_DAYS_TO_FORCE} or more days after 公布日期, or say why it takes effect sooner "
                "in '提前施行理由: …' (规章制定程序条例 第三十二条)"))
    return tuple(problems)
