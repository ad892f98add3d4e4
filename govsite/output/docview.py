"""One catalog document → the `DocView` its page template shows."""

from __future__ import annotations

from decimal import Decimal

from markupsafe import Markup

from govsite.content.document import (
    KIND_LABELS,
    FundDetails,
    GazetteDetails,
    PolicyDetails,
    ReportDetails,
    TenderDetails,
)
from govsite.markdown import Rendered
from govsite.model.site import Entry, SiteModel
from govsite.output.kind_filters import kind_filters
from govsite.output.links import (
    agency_path,
    art20_label,
    art20_path,
    doc_link,
    genre_path,
    href,
    published_date,
    topic_path,
)
from govsite.output.services import service_filters
from govsite.output.views import AttachmentView, Banner, DocLink, DocView, TermLink
from govsite.urls import resolve_relative


def _clip(text: str, limit: int) -> str:
    return text[:limit] + ("…" if len(text) > limit else "")


def size_text(size: int) -> str:
    """Human file size: 980 B, 12.3 KB, 4.5 MB."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def money_text(amount: Decimal | None, unit: str = "元") -> str:
    """1234567.5 → 1,234,567.50 元."""
    return "" if amount is None else f"{amount:,.2f} {unit}"


def attachment_views(model: SiteModel, entry: Entry) -> tuple[AttachmentView, ...]:
    """The document's attachments with size, type and SHA-256 (none for a withheld 依申请公开 body)."""
    if entry.withheld_body:
        return ()
    views = []
    for attachment in entry.doc.attachments:
        source = resolve_relative(entry.doc.path, attachment.file) or ""
        asset = model.assets[source]
        name = source.rsplit("/", 1)[-1]
        views.append(AttachmentView(attachment.title, href(model, source.removeprefix("content/")), name, asset.size,
                                    size_text(asset.size), asset.mime, asset.sha256))
    return tuple(views)


def _linked(model: SiteModel, index_no: str) -> DocLink | None:
    target = model.by_index.get(index_no)
    return doc_link(model, target) if target else None


def _banner(model: SiteModel, entry: Entry) -> Banner | None:
    details = entry.doc.details
    replacement = None
    if isinstance(details, PolicyDetails) and details.replaced_by is not None:
        target = model.by_index.get(details.replaced_by.value)
        replacement = TermLink(target.doc.title, href(model, target.url)) if target else None
    if entry.validity == "废止":
        when = details.repealed.isoformat() if isinstance(details, PolicyDetails) and details.repealed else ""
        text = f"本文件已于{when}废止。" if when else "本文件已废止。"
        return Banner("repealed", text, replacement)
    if entry.validity == "失效":
        when = entry.doc.expires.isoformat() if entry.doc.expires else ""
        return Banner("expired", f"本文件已于{when}失效。" if when else "本文件已失效。", replacement)
    if entry.validity == "已修订":
        return Banner("revised", "本文件已修订，请以修订后的文件为准。", replacement)
    return None


def _details(entry: Entry) -> tuple[tuple[str, str], ...]:
    d = entry.doc.details
    if isinstance(d, PolicyDetails):
        return tuple((k, v) for k, v in (("文件类别", d.category),
                                        ("通过会议", d.adopted_by),
                                        ("通过日期", d.adopted.isoformat() if d.adopted else ""),
                                        ("公布日期", d.promulgated.isoformat() if d.promulgated else ""),
                                        ("生效日期", d.effective.isoformat() if d.effective else ""),
                                        ("提前施行理由", d.early_reason),
                                        ("废止日期", d.repealed.isoformat() if d.repealed else "")) if v)
    if isinstance(d, TenderDetails):
        rows = [("项目编号", d.project_code), ("公告类型", d.stage), ("采购方式", d.method), ("采购人", d.purchaser),
                ("代理机构", d.agent), ("预算金额", money_text(d.budget)),
                ("投标截止时间", d.deadline.strftime("%Y-%m-%d %H:%M") if d.deadline else ""),
                ("开标时间", d.opening.strftime("%Y-%m-%d %H:%M") if d.opening else ""),
                ("公示截止", d.publicity_end.strftime("%Y-%m-%d %H:%M") if d.publicity_end else "")]
        rows += [(f"中标候选人（第{c.rank}名）", f"{c.name} {money_text(c.price)}".strip()) for c in d.candidates]
        if d.award:
            rows += [("中标供应商", d.award.supplier), ("中标金额", money_text(d.award.amount))]
        return tuple((k, v) for k, v in rows if v)
    if isinstance(d, FundDetails):
        return tuple((k, v) for k, v in (("资金名称", d.fund), ("年度", str(d.fiscal_year)), ("期间", d.period),
                                        ("金额单位", d.unit)) if v)
    if isinstance(d, ReportDetails):
        return (("报告年度", str(d.year)), ("统计范围", d.scope))
    if isinstance(d, GazetteDetails):
        return (("年度", str(d.year)), ("年度期号", f"第{d.issue}期"), ("总期号", f"总第{d.total}期"))
    return ()


def search_filters(model: SiteModel, entry: Entry) -> tuple[tuple[str, str], ...]:
    """The Pagefind filters of a document: kind, topics (top level), agency, year, genre, validity."""
    filters = [("kind", KIND_LABELS[entry.doc.kind])]
    filters += sorted({("topic", t.parent or t.name) for t in entry.topics})
    if entry.agency:
        filters.append(("agency", entry.agency.name))
    year = published_date(model, entry)[:4]
    if year:
        filters.append(("year", year))
    if entry.genre:
        filters.append(("genre", entry.genre.name))
    filters.append(("validity", entry.validity or "有效"))
    filters += kind_filters(entry)
    filters += service_filters(entry)
    return tuple(filters)


def doc_view(model: SiteModel, entry: Entry, rendered: Rendered, apply_url: str) -> DocView:
    """Everything a document page shows, resolved to text and links."""
    doc = entry.doc
    art20 = None
    if doc.art20 is not None:
        name = next((a.name for a in model.registry.art20 if a.number == doc.art20), "")
        art20 = TermLink(art20_label(doc.art20, name), href(model, art20_path(doc.art20)))
    replaced_by = None
    if isinstance(doc.details, PolicyDetails) and doc.details.replaced_by is not None:
        replaced_by = _linked(model, doc.details.replaced_by.value)
    interprets = None
    interprets_ref = getattr(doc.details, "interprets", None)
    if interprets_ref is not None:
        interprets = _linked(model, interprets_ref.value)
    summary = doc.summary or ("" if entry.withheld_body else _clip(rendered.lead, 120))
    return DocView(
        title=doc.title, url=href(model, entry.url), kind=doc.kind, kind_label=KIND_LABELS[doc.kind],
        index_no=entry.index_no, doc_no=doc.doc_no, written=doc.written.isoformat() if doc.written else "",
        published=published_date(model, entry), summary=summary,
        agency=TermLink(entry.agency.name, href(model, agency_path(entry.agency))) if entry.agency
        else TermLink("", ""),
        topics=tuple(TermLink(t.label, href(model, topic_path(t))) for t in entry.topics),
        genre=TermLink(entry.genre.name, href(model, genre_path(entry.genre))) if entry.genre else TermLink("", ""),
        art20=art20, keywords=doc.keywords, audience=doc.audience, disclosure=doc.disclosure,
        withheld_body=entry.withheld_body, apply_url=apply_url if entry.withheld_body else "",
        validity=entry.validity, banner=_banner(model, entry),
        expires=doc.expires.isoformat() if doc.expires else "",
        attachments=attachment_views(model, entry),
        related=tuple(link for ref in doc.related if (link := _linked(model, ref.value)) is not None),
        interpretations=tuple(doc_link(model, e) for e in model.interpretations.get(entry.index_no, ())),
        interprets=interprets, replaced_by=replaced_by,
        replaces=tuple(doc_link(model, e) for e in model.replaces.get(entry.index_no, ())),
        details=_details(entry), body_html=Markup(rendered.html), toc=rendered.toc,
        filters=search_filters(model, entry), unpublished_reason=entry.preview_reason,
    )
