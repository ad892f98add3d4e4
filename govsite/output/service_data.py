"""The 权责清单 and 办事指南 as open data: powers.json / powers.csv and guides.json / guides.csv (UTF-8 with BOM).

Each is written only when the site has documents of the kind; catalog.json and catalog.csv list them too, as
every catalog document. Amounts are written exactly as the editor gave them (strings in JSON, never floats).
"""

from __future__ import annotations

import csv
import io
import json

from govsite.content.servicedocs import GuideDetails, PowerDetails, Step
from govsite.model.site import SiteModel
from govsite.output.links import absolute

POWER_COLUMNS = ("index_no", "title", "url", "code", "category", "implementer", "agency", "basis", "duties",
                 "accountability", "promised_days", "statutory_days", "steps")
GUIDE_COLUMNS = ("index_no", "title", "url", "applicant", "life_event", "provider", "provider_type", "agency",
                 "scope", "conditions", "materials", "promised_days", "statutory_days", "fees", "fee_basis", "place",
                 "hours", "phone", "complaint_phone", "steps")


def _steps(steps: tuple[Step, ...]) -> list[dict[str, object]]:
    return [{"id": s.id, "name": s.name, "actor": s.actor, "limit": s.limit, "next": [n.target for n in s.next]}
            for s in steps]


def power_records(model: SiteModel) -> list[dict[str, object]]:
    """One record per published power item, in catalog order (newest first)."""
    records: list[dict[str, object]] = []
    for entry in model.catalog:
        d = entry.doc.details
        if not isinstance(d, PowerDetails) or entry.withheld_body:
            continue
        records.append({
            "index_no": entry.index_no, "title": entry.doc.title, "url": absolute(model, entry.url), "code": d.code,
            "category": d.category, "implementer": d.implementer, "agency": entry.agency.name if entry.agency else "",
            "basis": d.basis, "duties": list(d.duties), "accountability": list(d.accountability),
            "promised_days": d.promised_days, "statutory_days": d.statutory_days, "steps": _steps(d.steps)})
    return records


def guide_records(model: SiteModel) -> list[dict[str, object]]:
    """One record per published service guide, in catalog order (newest first)."""
    records: list[dict[str, object]] = []
    for entry in model.catalog:
        d = entry.doc.details
        if not isinstance(d, GuideDetails) or entry.withheld_body:
            continue
        agency = entry.agency.name if entry.agency else ""
        records.append({
            "index_no": entry.index_no, "title": entry.doc.title, "url": absolute(model, entry.url),
            "applicant": d.applicant, "life_event": d.life_event, "provider": d.provider or agency,
            "provider_type": d.provider_type, "agency": agency, "scope": d.scope, "conditions": list(d.conditions),
            "materials": [{"name": m.name, "form": m.form, "copies": m.copies} for m in d.materials],
            "promised_days": d.promised_days, "statutory_days": d.statutory_days,
            "fees": [{"item": f.item, "amount": str(f.amount), "unit": f.unit, "basis": f.basis} for f in d.fees],
            "fee_basis": d.fee_basis, "place": d.place, "hours": d.hours, "phone": d.phone,
            "complaint_phone": d.complaint_phone, "steps": _steps(d.steps)})
    return records


def _cell(column: str, value: object) -> str:
    if value is None:
        return ""
    if column == "steps" and isinstance(value, list):
        return ";".join(f"{s['id']}:{s['name']}" + (f">{','.join(s['next'])}" if s["next"] else "") for s in value)
    if column == "materials" and isinstance(value, list):
        return ";".join(f"{m['name']}({m['form']}×{m['copies']})" for m in value)
    if column == "fees" and isinstance(value, list):
        return ";".join(f"{f['item']} {f['amount']}{f['unit']}" for f in value)
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return str(value)


def records_csv(records: list[dict[str, object]], columns: tuple[str, ...]) -> bytes:
    """The records as CSV, UTF-8 with BOM and CRLF (spreadsheet programs); lists joined with ';'."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for record in records:
        writer.writerow([_cell(c, record[c]) for c in columns])
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def records_json(records: list[dict[str, object]]) -> bytes:
    text = "[\n" + ",\n".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in records) + "\n]\n"
    return text.encode("utf-8")


def service_open_data(model: SiteModel) -> dict[str, bytes]:
    """powers.json/.csv and guides.json/.csv, for the kinds the site has."""
    files: dict[str, bytes] = {}
    for name, records, columns in (("powers", power_records(model), POWER_COLUMNS),
                                   ("guides", guide_records(model), GUIDE_COLUMNS)):
        if records:
            files[f"{name}.json"] = records_json(records)
            files[f"{name}.csv"] = records_csv(records, columns)
    return files
