"""The catalog as open data: catalog.json and catalog.csv (UTF-8 with BOM), sitemap.xml and robots.txt."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping

from govsite.bodies import Bodies
from govsite.model.site import Entry, SiteModel
from govsite.output.docview import attachment_views
from govsite.output.feeds import summary_of
from govsite.output.links import absolute, origin, published_date

COLUMNS = ("index_no", "title", "url", "kind", "agency", "agency_code", "written", "published", "topic", "genre",
           "doc_no", "validity", "summary", "keywords", "disclosure", "attachments")
SITEMAP_LIMIT = 50_000


def catalog_record(model: SiteModel, bodies: Bodies, entry: Entry) -> dict[str, object]:
    """One published catalog document's record, keyed by the English field names (its catalog.json line and
    catalog.csv row: output/pieces.py)."""
    return {
        "index_no": entry.index_no, "title": entry.doc.title, "url": absolute(model, entry.url),
        "kind": entry.doc.kind, "agency": entry.agency.name if entry.agency else "",
        "agency_code": entry.agency.code if entry.agency else "",
        "written": entry.doc.written.isoformat() if entry.doc.written else "",
        "published": published_date(model, entry), "topic": [t.name for t in entry.topics],
        "genre": entry.genre.name if entry.genre else "", "doc_no": entry.doc.doc_no,
        "validity": entry.validity, "summary": summary_of(entry, bodies), "keywords": list(entry.doc.keywords),
        "disclosure": entry.doc.disclosure,
        "attachments": [{"title": a.title, "url": origin(model) + a.url, "size": a.size, "sha256": a.sha256}
                        for a in attachment_views(model, entry)],
    }


def json_line(record: dict[str, object]) -> str:
    # one record per line: compact (the C encoder) yet readable and friendly to line-based diffs
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def catalog_csv_of(rows: Iterable[str]) -> bytes:
    """catalog.csv (UTF-8 with BOM) from its records' rows (csv_rows: the same columns as the JSON, lists
    joined with ';', attachments as their URLs), under the row of column names."""
    return b"\xef\xbb\xbf" + (",".join(COLUMNS) + "\r\n" + "".join(rows)).encode("utf-8")


def csv_rows(records: Iterable[dict[str, object]]) -> list[str]:
    """Each record's CSV row (with its line end): lists joined with ';', attachments as their URLs."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    rows = []
    for record in records:
        row = []
        for column in COLUMNS:
            value = record[column]
            if column == "attachments" and isinstance(value, list):
                value = ";".join(str(a["url"]) for a in value)
            elif isinstance(value, list):
                value = ";".join(str(v) for v in value)
            row.append(str(value))
        writer.writerow(row)
        rows.append(buffer.getvalue())
        buffer.seek(0)
        buffer.truncate()
    return rows


def sitemap_files(model: SiteModel, page_paths: list[str], lastmod: Mapping[str, str],
                  default: str) -> Iterator[tuple[str, str]]:
    """sitemap.xml (an index of sitemap-N.xml past 50,000 URLs); lastmod from `lastmod` by page path
    (output/columns.last_modified), else `default` (the site's newest day)."""
    urls = []
    for path in sorted(page_paths):
        rel = path[: -len("index.html")] if path.endswith("index.html") else path
        mod = lastmod.get(rel, default)
        urls.append(f"  <url><loc>{_xml(absolute(model, rel))}</loc>"
                    + (f"<lastmod>{mod}</lastmod>" if mod else "") + "</url>")
    head = '<?xml version="1.0" encoding="utf-8"?>\n'
    if len(urls) <= SITEMAP_LIMIT:
        yield "sitemap.xml", head + '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' \
            + "\n".join(urls) + "\n</urlset>\n"
        return
    parts = [urls[i:i + SITEMAP_LIMIT] for i in range(0, len(urls), SITEMAP_LIMIT)]
    index = []
    for n, part in enumerate(parts, 1):
        name = f"sitemap-{n}.xml"
        index.append(f"  <sitemap><loc>{_xml(absolute(model, name))}</loc></sitemap>")
        yield name, head + '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' \
            + "\n".join(part) + "\n</urlset>\n"
    yield "sitemap.xml", head + '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' \
        + "\n".join(index) + "\n</sitemapindex>\n"


def robots_txt(model: SiteModel) -> str:
    return f"User-agent: *\nAllow: /\nSitemap: {absolute(model, 'sitemap.xml')}\n"


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
