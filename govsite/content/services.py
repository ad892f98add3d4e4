"""The front matter of 权责清单 items (content/powers/) and 办事指南 (content/guides/): fields and their reading."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal

from govsite.content import coerce as c
from govsite.content.coerce import Ctx
from govsite.content.document import Attachment, Document, Ref
from govsite.content.fields import Field, FieldValues, nested_list
from govsite.content.servicedocs import (
    ALL_EVENTS,
    APPLICANTS,
    MATERIAL_FORMS,
    POWER_CATEGORIES,
    PROVIDER_TYPES,
    Fee,
    GuideDetails,
    Material,
    PowerDetails,
    Step,
    StepLink,
)
from govsite.content.yamlnodes import YNode

DAYS = c.integer(0, 3650)


def _step_id(node: YNode, ctx: Ctx) -> str:
    raw = c.text(node, ctx)
    if any(ch.isspace() for ch in raw) or "," in raw or "，" in raw:
        raise c.fail(node, ctx, f"'{raw}' is not a usable step id", "write a short id without spaces or commas, "
                     "e.g. shouli or 受理")
    return raw


STEP_FIELDS = (
    Field("id", "编号", _step_id, required=True),
    Field("name", "名称", c.bounded_text(40), required=True),
    Field("actor", "承办", c.text),
    Field("limit", "时限", c.text),
    Field("next", "下一步", c.ref_list),
)
MATERIAL_FIELDS = (
    Field("name", "材料名称", c.text, required=True),
    Field("form", "材料形式", c.choice(*MATERIAL_FORMS)),
    Field("copies", "份数", c.integer(0, 99)),
    Field("template", "样表", c.text),
    Field("note", "备注", c.text),
)
FEE_FIELDS = (
    Field("item", "收费项目", c.text, required=True),
    Field("amount", "金额", c.money, required=True),
    Field("unit", "计费单位", c.text),
    Field("basis", "收费依据", c.text),
)

POWER_FIELDS = (
    Field("item", "事项名称", c.text),
    Field("code", "编码", c.text, required=True),
    Field("category", "类别", c.choice(*POWER_CATEGORIES), required=True),
    Field("basis", "实施依据", c.text, required=True),
    Field("implementer", "实施主体", c.text, required=True),
    Field("duties", "责任事项", c.text_list),
    Field("accountability", "追责情形", c.text_list),
    Field("promised_days", "承诺时限", DAYS),
    Field("statutory_days", "法定时限", DAYS),
    Field("steps", "流程", nested_list(STEP_FIELDS, "steps")),
)
GUIDE_FIELDS = (
    Field("service", "事项名称", c.text),
    Field("applicant", "办事对象", c.choice(*APPLICANTS), required=True),
    Field("life_event", "办事主题", c.choice(*ALL_EVENTS), required=True),
    Field("scope", "适用范围", c.text, required=True),
    Field("basis", "办理依据", c.text_list),
    Field("conditions", "受理条件", c.text_list),
    Field("materials", "申请材料", nested_list(MATERIAL_FIELDS, "materials")),
    Field("steps", "办理流程", nested_list(STEP_FIELDS, "steps")),
    Field("promised_days", "承诺时限", DAYS),
    Field("statutory_days", "法定时限", DAYS),
    Field("fees", "收费标准", nested_list(FEE_FIELDS, "fees")),
    Field("fee_basis", "收费依据", c.text),
    Field("place", "办理地点", c.text),
    Field("hours", "办理时间", c.text),
    Field("phone", "咨询电话", c.text),
    Field("complaint_phone", "投诉电话", c.text),
    Field("provider", "办理单位", c.text),
    Field("provider_type", "单位性质", c.choice(*PROVIDER_TYPES)),
    Field("sector", "行业", c.text),
)


def _items(value: object) -> tuple[tuple[FieldValues, int], ...]:
    return value if isinstance(value, tuple) else ()


def _texts(value: object) -> tuple[str, ...]:
    return tuple(v for v in value if isinstance(v, str)) if isinstance(value, tuple) else ()


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _copies(value: object) -> int:
    copies = _int(value)
    return 1 if copies is None else copies


def _amount(value: object) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(0)  # an amount that could not be read is reported


def _str(values: Mapping[str, object], key: str, default: str = "") -> str:
    value = values.get(key)
    return str(value) if value is not None else default


def read_steps(value: object) -> tuple[Step, ...]:
    """The steps of a `steps` list as read by its field table."""
    steps = []
    for item, line in _items(value):
        links = item.get("next", ())
        refs = links if isinstance(links, tuple) else ()
        nexts = tuple(StepLink(r.value, r.line) for r in refs if isinstance(r, Ref))
        steps.append(Step(str(item.get("id")), str(item.get("name")), _str(item.values, "actor"),
                          _str(item.values, "limit"), nexts, line))
    return tuple(steps)


def power_details(v: Mapping[str, object]) -> PowerDetails | None:
    """A 权力事项's details, or None when a required field could not be read (already reported)."""
    if not all(k in v for k in ("code", "category", "basis", "implementer")):
        return None
    return PowerDetails(
        code=str(v["code"]), category=str(v["category"]), basis=str(v["basis"]), implementer=str(v["implementer"]),
        item=_str(v, "item"), duties=_texts(v.get("duties")), accountability=_texts(v.get("accountability")),
        promised_days=_int(v.get("promised_days")), statutory_days=_int(v.get("statutory_days")),
        steps=read_steps(v.get("steps")))


def guide_details(v: Mapping[str, object]) -> GuideDetails | None:
    """A 办事指南's details, or None when a required field could not be read (already reported)."""
    if not all(k in v for k in ("applicant", "life_event", "scope")):
        return None
    materials = tuple(
        Material(str(m.get("name")), _str(m.values, "form", "原件"), _copies(m.get("copies")),
                 _str(m.values, "template"), _str(m.values, "note"), line, m.lines.get("template", line))
        for m, line in _items(v.get("materials")))
    fees = tuple(Fee(str(f.get("item")), _amount(f.get("amount")), _str(f.values, "unit", "元"),
                     _str(f.values, "basis"), line)
                 for f, line in _items(v.get("fees")))
    return GuideDetails(
        applicant=str(v["applicant"]), life_event=str(v["life_event"]), scope=str(v["scope"]),
        service=_str(v, "service"), basis=_texts(v.get("basis")), conditions=_texts(v.get("conditions")),
        materials=materials, steps=read_steps(v.get("steps")), promised_days=_int(v.get("promised_days")),
        statutory_days=_int(v.get("statutory_days")), fees=fees, fee_basis=_str(v, "fee_basis"),
        place=_str(v, "place"), hours=_str(v, "hours"), phone=_str(v, "phone"),
        complaint_phone=_str(v, "complaint_phone"), provider=_str(v, "provider"),
        provider_type=_str(v, "provider_type", "行政机关"), sector=_str(v, "sector"))


def service_texts(doc: Document) -> Iterator[tuple[int, str]]:
    """(file line, text) of a power item's or guide's fields a reader sees as text (for the wording check)."""
    d = doc.details
    if not isinstance(d, PowerDetails | GuideDetails):
        return
    keys = ("item", "basis", "implementer", "duties", "accountability") if isinstance(d, PowerDetails) else (
        "service", "scope", "basis", "conditions", "fee_basis", "place", "provider")
    for key in keys:
        value = getattr(d, key)
        for text in (value,) if isinstance(value, str) else value:
            if text:
                yield doc.line_of(key), text
    for step in d.steps:
        yield step.line, f"{step.name}\n{step.actor}"
    if isinstance(d, GuideDetails):
        for material in d.materials:
            yield material.line, f"{material.name}\n{material.note}"
        for fee in d.fees:
            yield fee.line, f"{fee.item}\n{fee.basis}"


def form_attachments(details: object) -> tuple[Attachment, ...]:
    """A guide's downloadable forms (申请材料 → 样表) as attachments: checked, copied and listed like them."""
    if not isinstance(details, GuideDetails):
        return ()
    return tuple(Attachment(m.template, f"{m.name}（样表）", m.template_line) for m in details.materials if m.template)
