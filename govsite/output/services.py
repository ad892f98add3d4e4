"""Pages of 权责清单 items and 办事指南: the sections of their document pages, and their lists.

The lists are made as the page engine requires: `power_list_pages` / `guide_list_pages` enumerate
(output path, key), and `power_list_values` / `guide_list_values` are pure functions of the site's values
that find everything by that key.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from govsite.bodies import Bodies
from govsite.content.servicedocs import (
    EVENT_SLUGS,
    LIFE_EVENTS,
    POWER_CATEGORIES,
    POWER_CATEGORY_SLUGS,
    GuideDetails,
    PowerDetails,
    Step,
    flow_problems,
)
from govsite.model.derived import Derived
from govsite.model.site import Entry, SiteModel
from govsite.output.flowchart import FlowLink, FlowView, flow_view
from govsite.output.links import href
from govsite.output.meta import column_meta
from govsite.output.service_views import (
    ChoiceGroup,
    FeeRow,
    FilterChoice,
    GuideView,
    MaterialRow,
    PowerView,
    RowGroup,
    ServiceListView,
    ServiceRow,
)
from govsite.output.views import SiteMapGroup, TermLink
from govsite.urls import resolve_relative

POWER_LIST = "powers/list/"
GUIDE_LIST = "guides/list/"
ENTERPRISE_LIST = "guides/enterprises/"
SERVICE_FILTER_LABELS = (("power_category", "权力类别"), ("service_theme", "办事主题"),
                         ("provider_type", "办理单位性质"))
ValuesFn = Callable[[SiteModel, Bodies, Derived, str], tuple[str, str, dict[str, object]]]


def days_text(days: int | None) -> str:
    return "" if days is None else ("即办" if days == 0 else f"{days} 个工作日")


def _prefix(entry: Entry) -> str:
    return "flow-" + hashlib.sha1(entry.url.encode()).hexdigest()[:8]


def _flow(entry: Entry, steps: tuple[Step, ...], title: str) -> FlowView | None:
    return flow_view(steps, title, _prefix(entry)) if steps and not flow_problems(steps) else None


def power_view(model: SiteModel, entry: Entry) -> PowerView | None:
    """A power item's section, or None for another kind (or a 依申请公开 item, whose contents are withheld)."""
    d = entry.doc.details
    if not isinstance(d, PowerDetails) or entry.withheld_body:
        return None
    name = d.item or entry.doc.title
    return PowerView(name, d.code, d.category, href(model, category_path(d.category)), d.basis, d.implementer,
                     d.duties, d.accountability, days_text(d.promised_days), days_text(d.statutory_days),
                     _flow(entry, d.steps, f"{name}运行流程图"))


def guide_view(model: SiteModel, entry: Entry) -> GuideView | None:
    """A guide's section, or None for another kind (or a 依申请公开 guide)."""
    d = entry.doc.details
    if not isinstance(d, GuideDetails) or entry.withheld_body:
        return None
    name = d.service or entry.doc.title
    materials = tuple(MaterialRow(m.name, m.form, m.copies, _template(model, entry, m.template), m.note)
                      for m in d.materials)
    fees = tuple(FeeRow(f.item, f"{f.amount:,.2f}", f.unit, f.basis) for f in d.fees)
    supervisor = entry.agency.name if entry.agency else ""
    return GuideView(
        name, d.applicant, d.life_event, href(model, event_path(d.applicant, d.life_event)), d.scope, d.basis,
        d.conditions, materials, _flow(entry, d.steps, f"{name}办理流程图"), days_text(d.promised_days),
        days_text(d.statutory_days), fees, d.fee_basis, d.place, d.hours, d.phone, d.complaint_phone,
        d.provider or supervisor, d.provider_type, d.provider_type == "公共企事业单位", d.sector, supervisor)


def _template(model: SiteModel, entry: Entry, file: str) -> FlowLink | None:
    source = resolve_relative(entry.doc.path, file) if file else None
    if source is None or source not in model.assets:
        return None
    return FlowLink(source.rsplit("/", 1)[-1], href(model, source.removeprefix("content/")))


def category_path(category: str) -> str:
    return f"powers/category/{POWER_CATEGORY_SLUGS[category]}/"


def event_path(applicant: str, event: str) -> str:
    return f"guides/event/{EVENT_SLUGS[(applicant, event)]}/"


def service_filters(entry: Entry) -> tuple[tuple[str, str], ...]:
    """The search filters of a power item (权力类别) and of a guide (办事主题, 办理单位性质)."""
    d = entry.doc.details
    if isinstance(d, PowerDetails):
        return (("power_category", d.category),)
    if isinstance(d, GuideDetails):
        return (("service_theme", f"{d.applicant}·{d.life_event}"), ("provider_type", d.provider_type))
    return ()


def _powers(derived: Derived) -> list[tuple[Entry, PowerDetails]]:
    found = [(e, d) for e in derived.services if isinstance(d := e.doc.details, PowerDetails)]
    return sorted(found, key=lambda pair: (POWER_CATEGORIES.index(pair[1].category), pair[1].code))


def _guides(derived: Derived) -> list[tuple[Entry, GuideDetails]]:
    found = [(e, d) for e in derived.services if isinstance(d := e.doc.details, GuideDetails)]
    return sorted(found, key=lambda pair: (pair[0].doc.title, pair[0].doc.path))


def power_list_pages(model: SiteModel, derived: Derived) -> list[tuple[str, str]]:
    """The list of all power items, one per category and one per agency that has some."""
    powers = _powers(derived)
    if not powers:
        return []
    pages = [(POWER_LIST, "all")]
    pages += [(category_path(c), "category:" + c) for c in POWER_CATEGORIES if any(d.category == c for _e, d in powers)]
    agencies = {e.agency.key for e, _d in powers if e.agency}
    pages += [(f"powers/agency/{a.key}/", "agency:" + a.key) for a in model.registry.agencies if a.key in agencies]
    return pages


def _power_row(model: SiteModel, entry: Entry, d: PowerDetails) -> ServiceRow:
    return ServiceRow(d.item or entry.doc.title, href(model, entry.url), d.code, d.category, d.implementer, "",
                      days_text(d.promised_days), days_text(d.statutory_days))


def power_list_values(model: SiteModel, bodies: Bodies, derived: Derived,
                      key: str) -> tuple[str, str, dict[str, object]]:
    """The page of one power list (`all`, `category:<类别>`, `agency:<key>`)."""
    powers = _powers(derived)
    view, _, value = key.partition(":")
    agency = model.registry.agency(value) if view == "agency" else None
    chosen = [(e, d) for e, d in powers if view == "all" or (view == "category" and d.category == value)
              or (agency is not None and e.agency is not None and e.agency.key == agency.key)]
    title = "权责清单" if view == "all" else f"权责清单：{agency.name if agency else value}"
    categories = [c for c in POWER_CATEGORIES if any(d.category == c for _e, d in powers)]
    agencies = [a for a in model.registry.agencies if any(e.agency and e.agency.key == a.key for e, _d in powers)]
    filters = (
        ChoiceGroup("按类别", (FilterChoice("全部", href(model, POWER_LIST), view == "all", len(powers)),
                               *(FilterChoice(c, href(model, category_path(c)), value == c,
                                              sum(d.category == c for _e, d in powers)) for c in categories))),
        ChoiceGroup("按实施机关", tuple(FilterChoice(a.name, href(model, f"powers/agency/{a.key}/"), value == a.key,
                                                     sum(bool(e.agency and e.agency.key == a.key) for e, _d in powers))
                                        for a in agencies)))
    groups = tuple(RowGroup(c, tuple(_power_row(model, e, d) for e, d in chosen if d.category == c))
                   for c in categories if any(d.category == c for _e, d in chosen))
    listing = ServiceListView(
        "power", title, "行政权力事项的名称、编码、类别、实施依据、实施主体、责任事项、追责情形、时限及运行流程图。",
        filters, groups, len(chosen), href(model, "powers/feed.xml"),
        (FlowLink("JSON", href(model, "powers.json")), FlowLink("CSV", href(model, "powers.csv"))),
        (FlowLink("首页", href(model, "")), FlowLink("权责清单", href(model, POWER_LIST))))
    return "services.html", title, {"listing": listing, "page_meta": column_meta(model.config, title, "power")}


def guide_list_pages(model: SiteModel, derived: Derived) -> list[tuple[str, str]]:
    """The list of all guides by theme, one per 办事主题 that has some, and the public enterprises' guides."""
    guides = _guides(derived)
    if not guides:
        return []
    pages = [(GUIDE_LIST, "all")]
    pages += [(event_path(a, e), f"event:{a}:{e}") for a, events in LIFE_EVENTS.items() for e in events
              if any(d.applicant == a and d.life_event == e for _x, d in guides)]
    if any(d.provider_type == "公共企事业单位" for _e, d in guides):
        pages.append((ENTERPRISE_LIST, "enterprise"))
    return pages


def _guide_row(model: SiteModel, entry: Entry, d: GuideDetails) -> ServiceRow:
    provider = d.provider or (entry.agency.name if entry.agency else "")
    return ServiceRow(d.service or entry.doc.title, href(model, entry.url), "", f"{d.applicant}·{d.life_event}",
                      provider, "公共企事业单位" if d.provider_type == "公共企事业单位" else "",
                      days_text(d.promised_days), days_text(d.statutory_days))


def guide_list_values(model: SiteModel, bodies: Bodies, derived: Derived,
                      key: str) -> tuple[str, str, dict[str, object]]:
    """The page of one guide list (`all`, `event:<个人|法人>:<主题>`, `enterprise`)."""
    guides = _guides(derived)
    view, _, rest = key.partition(":")
    applicant, _, event = rest.partition(":")
    if view == "enterprise":
        chosen = [(e, d) for e, d in guides if d.provider_type == "公共企事业单位"]
        title = "公共企事业单位办事指南"
    elif view == "event":
        chosen = [(e, d) for e, d in guides if d.applicant == applicant and d.life_event == event]
        title = f"办事指南：{applicant}·{event}"
    else:
        chosen, title = guides, "办事指南"
    filters = tuple(
        ChoiceGroup(f"{a}办事", tuple(FilterChoice(e, href(model, event_path(a, e)), (a, e) == (applicant, event),
                                                   sum(d.applicant == a and d.life_event == e for _x, d in guides))
                                      for e in events if any(d.applicant == a and d.life_event == e
                                                             for _x, d in guides)))
        for a, events in LIFE_EVENTS.items())
    enterprises = sum(d.provider_type == "公共企事业单位" for _e, d in guides)
    if enterprises:
        filters += (ChoiceGroup("其他", (FilterChoice("公共企事业单位", href(model, ENTERPRISE_LIST),
                                                     view == "enterprise", enterprises),
                                        FilterChoice("全部", href(model, GUIDE_LIST), view == "all", len(guides)))),)
    groups = tuple(RowGroup(f"{a}·{e}", tuple(_guide_row(model, x, d) for x, d in chosen
                                               if d.applicant == a and d.life_event == e))
                   for a, events in LIFE_EVENTS.items() for e in events
                   if any(d.applicant == a and d.life_event == e for _x, d in chosen))
    listing = ServiceListView(
        "guide", title, "按个人和法人办事主题分类的办事指南，含公共企事业单位（供水、供电、供气、公交等）的办事公开。",
        tuple(g for g in filters if g.links), groups, len(chosen), href(model, "guides/feed.xml"),
        (FlowLink("JSON", href(model, "guides.json")), FlowLink("CSV", href(model, "guides.csv"))),
        (FlowLink("首页", href(model, "")), FlowLink("办事指南", href(model, GUIDE_LIST))))
    return "services.html", title, {"listing": listing, "page_meta": column_meta(model.config, title, "guide")}


def service_site_map(model: SiteModel, derived: Derived) -> list[SiteMapGroup]:
    """The groups of the HTML site map: 权责清单 and 办事指南 with their lists (those the site has)."""
    groups = []
    lists = (("权责清单", power_list_pages(model, derived)), ("办事指南", guide_list_pages(model, derived)))
    for title, pages in lists:
        if pages:
            children = tuple(TermLink(_list_title(model, key, title), href(model, rel))
                             for rel, key in pages[1:])
            groups.append(SiteMapGroup(title, href(model, pages[0][0]), children))
    return groups


def _list_title(model: SiteModel, key: str, kind_title: str) -> str:
    view, _, value = key.partition(":")
    if view == "agency":
        agency = model.registry.agency(value)
        return f"{kind_title}：{agency.name if agency else value}"
    if view == "event":
        return f"{kind_title}：{value.replace(':', '·')}"
    return {"enterprise": "公共企事业单位办事指南"}.get(view, f"{kind_title}：{value}")
