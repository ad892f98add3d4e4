"""The annual report's figures (spec 3.2 `report`): official rows with aliases, read into plain numbers + lines."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from govsite.content import coerce as c
from govsite.content.coerce import Ctx, Invalid
from govsite.content.fields import Field, FieldValues, nested
from govsite.content.yamlnodes import YNode
from govsite.errors import error

COLUMNS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")

WITHHELD_ROWS = ("属于国家秘密", "其他法律行政法规禁止公开", "危及“三安全一稳定”", "保护第三方合法权益",
                 "属于三类内部事务信息", "属于四类过程性信息", "属于行政执法案卷", "属于行政查询事项")
UNABLE_ROWS = ("本机关不掌握相关政府信息", "没有现成信息需要另行制作", "补正后申请内容仍不明确")
NOT_PROCESSED_ROWS = ("信访举报投诉类申请", "重复申请", "要求提供公开出版物", "无正当理由大量反复申请",
                      "要求行政机关确认或重新出具已获取信息")
OTHER_ROWS = ("申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
              "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "其他")


def count_row(node: YNode, ctx: Ctx) -> tuple[int, ...]:
    """Seven whole numbers, in the column order of the standard table."""
    items = c.sequence_items(node, ctx)
    if len(items) != len(COLUMNS):
        raise c.fail(node, ctx, f"has {len(items)} numbers; a row has {len(COLUMNS)}",
                     "give the numbers in the order " + ", ".join(COLUMNS))
    return tuple(whole_number(item, ctx) for item in items)


def whole_number(node: YNode, ctx: Ctx) -> int:
    """A count of zero or more."""
    value = c.integer(0, 10**9)(node, ctx)
    assert isinstance(value, int)
    return value


def _rows(labels: tuple[str, ...]) -> tuple[Field, ...]:
    return tuple(Field(label, "", count_row) for label in labels)


def _appeal_fields() -> tuple[Field, ...]:
    number = c.integer(0, 10**9)
    return (Field("upheld", "结果维持", number), Field("corrected", "结果纠正", number),
            Field("other", "其他结果", number), Field("pending", "尚未审结", number),
            Field("total", "总计", number))


OUTCOME_FIELDS = (
    Field("disclosed", "予以公开", count_row),
    Field("partly", "部分公开", count_row),
    Field("withheld", "不予公开", nested(_rows(WITHHELD_ROWS), "不予公开")),
    Field("unable", "无法提供", nested(_rows(UNABLE_ROWS), "无法提供")),
    Field("not_processed", "不予处理", nested(_rows(NOT_PROCESSED_ROWS), "不予处理")),
    Field("other", "其他处理", nested(_rows(OTHER_ROWS), "其他处理")),
    Field("total", "总计", count_row),
)
PROACTIVE_FIELDS = (
    Field("licensing", "行政许可", c.integer(0, 10**9)),
    Field("penalty", "行政处罚", c.integer(0, 10**9)),
    Field("coercion", "行政强制", c.integer(0, 10**9)),
    Field("fees", "行政事业性收费", c.money),
)
APPLICATION_FIELDS = (
    Field("new", "本年新收", count_row),
    Field("carried_over", "上年结转", count_row),
    Field("outcomes", "办理结果", nested(OUTCOME_FIELDS, "办理结果")),
    Field("carried_forward", "结转下年度", count_row),
)
APPEAL_FIELDS = (
    Field("reconsideration", "行政复议", nested(_appeal_fields(), "行政复议")),
    Field("litigation_direct", "未经复议直接起诉", nested(_appeal_fields(), "未经复议直接起诉")),
    Field("litigation_after", "复议后起诉", nested(_appeal_fields(), "复议后起诉")),
)
SECTION_FIELDS: Mapping[str, tuple[Field, ...]] = {
    "proactive": PROACTIVE_FIELDS, "applications": APPLICATION_FIELDS, "appeals": APPEAL_FIELDS,
}


def read_figures(section: str, node: YNode, ctx: Ctx) -> tuple[dict[str, object], dict[str, int]]:
    """One figures section → (plain nested values, line of every dotted key). Raises Invalid."""
    values = nested(SECTION_FIELDS[section], ctx.key)(node, ctx)
    assert isinstance(values, FieldValues)
    lines: dict[str, int] = {section: node.line}
    return _plain(values, section, lines), lines


def _plain(values: FieldValues, prefix: str, lines: dict[str, int]) -> dict[str, object]:
    result: dict[str, object] = {}
    for key, value in values.values.items():
        dotted = f"{prefix}.{key}"
        lines[dotted] = values.lines.get(key, 0)
        result[key] = _plain(value, dotted, lines) if isinstance(value, FieldValues) else value
    return result


def fees_value(figures: Mapping[str, object]) -> Decimal | None:
    """The 行政事业性收费 amount, when given."""
    proactive = figures.get("proactive")
    if isinstance(proactive, dict):
        fees = proactive.get("fees")
        return fees if isinstance(fees, Decimal) else None
    return None


def figures_error(path: str, line: int, message: str) -> Invalid:
    """An Invalid about the figures as a whole."""
    return Invalid(error(path, line, message))
