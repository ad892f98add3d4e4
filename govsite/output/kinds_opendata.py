"""Open data of the structured kinds, beside catalog.json: every 标准目录 row (standards.json, standards.csv) and
every 政策问答 entry (qa.json, qa.csv); the CSVs in UTF-8 with BOM and CRLF, lists joined with ';'."""

from __future__ import annotations

import csv
import io
import json

from govsite.bodies import Bodies
from govsite.content.document import QaDetails
from govsite.model.derived import Derived
from govsite.model.site import SiteModel
from govsite.output.feeds import summary_of
from govsite.output.links import absolute, published_date

STANDARD_COLUMNS = ("field", "catalog_index_no", "catalog_url", "first", "second", "content", "basis", "time_limit",
                    "subject", "channels", "audience", "mode", "levels", "due", "status", "documents")
QA_COLUMNS = ("index_no", "title", "url", "qa_topic", "question", "asked", "channel", "agency", "published",
              "keywords", "summary", "policies")


def standard_records(model: SiteModel, derived: Derived) -> list[dict[str, object]]:
    """One record per row of every shown standard catalog (依申请公开 ones excepted), in catalog order."""
    records: list[dict[str, object]] = []
    for entry in model.catalog:
        table = derived.standards.get(entry.doc.path)
        if table is None or entry.withheld_body:
            continue
        for line in table.lines:
            row = line.row
            records.append({
                "field": table.field, "catalog_index_no": entry.index_no, "catalog_url": absolute(model, entry.url),
                "first": row.first, "second": row.second, "content": row.content, "basis": row.basis,
                "time_limit": row.time_limit, "subject": row.subject, "channels": row.channels,
                "audience": row.audience, "mode": row.mode, "levels": list(row.levels),
                "due": line.due.isoformat() if line.due else "", "status": line.status,
                "documents": [absolute(model, model.by_path[p].url) for p in line.documents]})
    return records


def qa_records(model: SiteModel, bodies: Bodies, derived: Derived) -> list[dict[str, object]]:
    """One record per shown Q&A entry, newest first."""
    records: list[dict[str, object]] = []
    for entry in model.catalog:
        details = entry.doc.details
        if not isinstance(details, QaDetails):
            continue
        records.append({
            "index_no": entry.index_no, "title": entry.doc.title, "url": absolute(model, entry.url),
            "qa_topic": details.qa_topic, "question": "" if entry.withheld_body else details.question,
            "asked": details.asked.isoformat() if details.asked else "", "channel": details.channel,
            "agency": entry.agency.name if entry.agency else "", "published": published_date(model, entry),
            "keywords": list(entry.doc.keywords), "summary": summary_of(entry, bodies),
            "policies": [absolute(model, model.by_path[p].url) for p in derived.qa.policies.get(entry.doc.path, ())]})
    return records


def records_json(records: list[dict[str, object]]) -> bytes:
    """One record per line, like catalog.json."""
    lines = ",\n".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in records)
    return ("[\n" + lines + "\n]\n").encode("utf-8")


def records_csv(columns: tuple[str, ...], records: list[dict[str, object]]) -> bytes:
    """The same columns as the JSON, UTF-8 with BOM; lists joined with ';'."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for record in records:
        writer.writerow([";".join(str(v) for v in value) if isinstance(value, list) else str(value)
                         for value in (record[c] for c in columns)])
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def kinds_open_data(model: SiteModel, bodies: Bodies, derived: Derived) -> dict[str, bytes]:
    """The files, present only when the site has documents of the kind."""
    files: dict[str, bytes] = {}
    if derived.standards:
        standards = standard_records(model, derived)
        files["standards.json"] = records_json(standards)
        files["standards.csv"] = records_csv(STANDARD_COLUMNS, standards)
    if derived.qa.topics:
        answers = qa_records(model, bodies, derived)
        files["qa.json"] = records_json(answers)
        files["qa.csv"] = records_csv(QA_COLUMNS, answers)
    return files
