"""The 依申请公开 kit's pages: an index of the handling offices with the fee table, the process page with its
flow chart, and one printable form page (and .docx) per agency with an office and per form version."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from govsite.applykit.docx import form_docx
from govsite.applykit.fees import PER_APPLICATION, PER_PAGE, FeeBand
from govsite.applykit.form import VERSIONS, FormVersion
from govsite.applykit.process import DECISIONS, STEPS, Step, flow_chart_svg
from govsite.model.site import SiteModel
from govsite.output.links import href
from govsite.output.views import TermLink
from govsite.registry import Agency, Office

KIT = "yishenqing/"
PROCESS = KIT + "liucheng/"


@dataclass(frozen=True)
class FormLink:
    name: str
    url: str
    docx_url: str


@dataclass(frozen=True)
class OfficeView:
    """An agency's handling office as shown on the index and on each form."""

    agency: str
    office: Office
    forms: tuple[FormLink, ...]


@dataclass(frozen=True)
class ApplyIndexView:
    offices: tuple[OfficeView, ...]
    process_url: str
    per_application: tuple[FeeBand, ...]
    per_page: tuple[FeeBand, ...]
    crumbs: tuple[TermLink, ...]


@dataclass(frozen=True)
class ApplyFormView:
    version: FormVersion
    office: OfficeView
    docx_url: str
    index_url: str
    process_url: str
    crumbs: tuple[TermLink, ...]


@dataclass(frozen=True)
class ApplyProcessView:
    steps: tuple[Step, ...]
    decisions: tuple[Step, ...]
    chart: Markup
    index_url: str
    crumbs: tuple[TermLink, ...]


def _form_rel(agency: Agency, version: FormVersion) -> str:
    return f"{KIT}{agency.key}/{version.slug}/"


def _docx_rel(agency: Agency, version: FormVersion) -> str:
    return f"{KIT}{agency.key}/{version.slug}.docx"


def _with_office(model: SiteModel) -> tuple[Agency, ...]:
    return tuple(a for a in model.registry.agencies if a.office is not None)


def _office_view(model: SiteModel, agency: Agency) -> OfficeView:
    assert agency.office is not None
    forms = tuple(FormLink(v.name, href(model, _form_rel(agency, v)), href(model, _docx_rel(agency, v)))
                  for v in VERSIONS)
    return OfficeView(agency.name, agency.office, forms)


def apply_kit_pages(model: SiteModel) -> list[tuple[str, str, str, dict[str, object]]]:
    """(template, path, title, values) of every kit page; none when no agency names a handling office."""
    agencies = _with_office(model)
    if not agencies:
        return []
    home = TermLink("首页", href(model, ""))
    kit = TermLink("依申请公开办理指引", href(model, KIT))
    index = ApplyIndexView(tuple(_office_view(model, a) for a in agencies), href(model, PROCESS),
                           PER_APPLICATION, PER_PAGE, (home,))
    pages: list[tuple[str, str, str, dict[str, object]]] = [
        ("apply_index.html", KIT, "依申请公开办理指引", {"kit": index}),
        ("apply_process.html", PROCESS, "依申请公开办理流程", {"process": ApplyProcessView(
            STEPS, DECISIONS, Markup(flow_chart_svg()), href(model, KIT), (home, kit))}),
    ]
    for agency in agencies:
        office = _office_view(model, agency)
        for version in VERSIONS:
            view = ApplyFormView(version, office, href(model, _docx_rel(agency, version)), href(model, KIT),
                                 href(model, PROCESS), (home, kit))
            pages.append(("apply_form.html", _form_rel(agency, version),
                          f"政府信息公开申请表（{version.name}）- {agency.name}", {"form": view}))
    return pages


def kit_url(model: SiteModel) -> str:
    """The kit's index, or '' when the site has no kit (no agency names a handling office)."""
    return href(model, KIT) if _with_office(model) else ""


def apply_kit_files(model: SiteModel) -> dict[str, bytes]:
    """The .docx of each form page."""
    return {_docx_rel(a, v): form_docx(v, a) for a in _with_office(model) for v in VERSIONS}
