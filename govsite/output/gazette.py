"""The gazette's pages and open data: the year index (gazette/), each issue's contents on its own document
page, gazette.json and gazette.csv.

Each page's values are a pure function of the site's values, looked up by key (`gazette_index_values`,
enumerated by `gazette_index_pages`); an issue's contents (`gazette_issue_view`) and the issues that print a
document (`gazette_links`) are found by the document's source path.
"""

from __future__ import annotations

import csv
import io
import json

from govsite.bodies import Bodies
from govsite.model.derived import Derived
from govsite.model.gazette import GazetteIssue
from govsite.model.site import SiteModel
from govsite.output.docview import attachment_views
from govsite.output.links import absolute, href, origin
from govsite.output.meta import column_meta
from govsite.output.views import (
    GazetteIndexView,
    GazetteIssueView,
    GazetteItemView,
    GazetteSection,
    GazetteYear,
    TermLink,
)

GAZETTE_INDEX = "gazette/"  # the year index takes the place of the section's list
GAZETTE_TITLE = "政府公报"


def issue_label(issue: GazetteIssue) -> str:
    return f"{issue.year}年第{issue.issue}期"


def _issue_link(model: SiteModel, issue: GazetteIssue) -> TermLink:
    entry = model.by_path[issue.path]
    return TermLink(f"{issue_label(issue)}（总第{issue.total}期）", href(model, entry.url))


def _issue_view(model: SiteModel, derived: Derived, issue: GazetteIssue) -> GazetteIssueView:
    entry = model.by_path[issue.path]
    pdf = next((a for a in attachment_views(model, entry) if a.filename.lower().endswith(".pdf")), None)
    sections: dict[str, list[GazetteItemView]] = {}
    for item in issue.items:
        url = href(model, model.by_path[item.path].url) if item.path else ""
        page = str(item.page) if item.page is not None else ""
        sections.setdefault(item.section, []).append(GazetteItemView(item.title, url, item.doc_no, page))
    issues = derived.gazette  # newest first
    at = issues.index(issue)
    return GazetteIssueView(
        label=issue_label(issue), total=issue.total, url=href(model, entry.url),
        date=entry.doc.written.isoformat() if entry.doc.written else "",
        pdf_url=pdf.url if pdf else "", pdf_size=pdf.size_text if pdf else "",
        sections=tuple(GazetteSection(name, tuple(items)) for name, items in sections.items()),
        count=len(issue.items), index_url=href(model, GAZETTE_INDEX) + f"#y{issue.year}",
        previous=_issue_link(model, issues[at + 1]) if at + 1 < len(issues) else None,
        next=_issue_link(model, issues[at - 1]) if at > 0 else None)


def gazette_issue_view(model: SiteModel, derived: Derived, path: str) -> GazetteIssueView | None:
    """The contents of the issue at source `path`, or None when it is not a shown issue."""
    issue = next((i for i in derived.gazette if i.path == path), None)
    return _issue_view(model, derived, issue) if issue is not None else None


def gazette_links(model: SiteModel, derived: Derived, path: str) -> tuple[TermLink, ...]:
    """The shown issues whose contents list the document at source `path` (刊登于), oldest first."""
    return tuple(_issue_link(model, i) for i in reversed(derived.gazette) if path in i.listed)


def gazette_index_pages(model: SiteModel, derived: Derived) -> list[tuple[str, str]]:
    """The year index, when the site shows an issue (an empty column is a blank column to an inspector)."""
    return [(GAZETTE_INDEX, GAZETTE_INDEX)] if derived.gazette else []


def gazette_index_values(model: SiteModel, bodies: Bodies, derived: Derived,
                         key: str) -> tuple[str, str, dict[str, object]]:
    """gazette/: every shown issue by year, newest first, with its 总期号, date, number of entries and PDF."""
    years: dict[int, list[GazetteIssueView]] = {}
    for issue in derived.gazette:
        years.setdefault(issue.year, []).append(_issue_view(model, derived, issue))
    crumbs = (TermLink("首页", href(model, "")), TermLink("政府信息公开目录", href(model, "catalog/")))
    view = GazetteIndexView(GAZETTE_TITLE, len(derived.gazette),
                            tuple(GazetteYear(y, f"y{y}", tuple(v)) for y, v in years.items()),
                            href(model, GAZETTE_INDEX + "feed.xml"), crumbs)
    description = f"{model.config.title}政府公报：按年度浏览各期目录、总期号和PDF版全文"
    return "gazette.html", GAZETTE_TITLE, {"gazette": view, "page_meta": column_meta(
        model.config, GAZETTE_TITLE, "gazette", description)}



GAZETTE_COLUMNS = ("year", "issue", "total", "issue_index_no", "issue_url", "date", "pdf", "section", "title",
                   "doc_no", "index_no", "url", "page")


def gazette_records(model: SiteModel, derived: Derived) -> list[dict[str, object]]:
    """gazette.json: one record per shown issue, newest first, with its contents."""
    records: list[dict[str, object]] = []
    for issue in derived.gazette:
        entry = model.by_path[issue.path]
        pdf = next((a for a in attachment_views(model, entry) if a.filename.lower().endswith(".pdf")), None)
        items = [{"section": item.section, "title": item.title, "doc_no": item.doc_no,
                  "index_no": model.by_path[item.path].index_no if item.path else "",
                  "url": absolute(model, model.by_path[item.path].url) if item.path else "",
                  "category": item.category, "page": item.page} for item in issue.items]
        records.append({"year": issue.year, "issue": issue.issue, "total": issue.total,
                        "index_no": entry.index_no, "title": entry.doc.title, "url": absolute(model, entry.url),
                        "date": entry.doc.written.isoformat() if entry.doc.written else "",
                        "pdf": origin(model) + pdf.url if pdf else "", "items": items})
    return records


def gazette_files(model: SiteModel, derived: Derived) -> dict[str, bytes]:
    """gazette.json (issues with their contents) and gazette.csv (one row per contents entry, UTF-8 with BOM),
    beside catalog.json; nothing when the site shows no issue."""
    if not derived.gazette:
        return {}
    records = gazette_records(model, derived)
    text = "[\n" + ",\n".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in records) + "\n]\n"
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(GAZETTE_COLUMNS)
    for record in records:
        items = record["items"]
        assert isinstance(items, list)
        for item in items:
            writer.writerow([record["year"], record["issue"], record["total"], record["index_no"], record["url"],
                             record["date"], record["pdf"], item["section"], item["title"], item["doc_no"],
                             item["index_no"], item["url"], "" if item["page"] is None else item["page"]])
    return {"gazette.json": text.encode("utf-8"), "gazette.csv": b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")}
