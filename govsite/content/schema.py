"""The front matter schema of spec 3.1–3.2: every field of every kind, with its Chinese alias and reader."""

from __future__ import annotations

import re
from collections.abc import Mapping

from govsite.content import coerce as c
from govsite.content.coerce import Ctx, Invalid
from govsite.content.document import Kind
from govsite.content.fields import Field, nested, nested_list
from govsite.content.services import GUIDE_FIELDS, POWER_FIELDS
from govsite.content.standard_schema import QA_FIELDS, STANDARD_FIELDS
from govsite.content.yamlnodes import YNode, plain
from govsite.errors import error

DISCLOSURE_MODES = ("主动公开", "依申请公开", "不予公开")
REVIEW_STATES = ("已审查", "未审查")
VALIDITIES = ("有效", "失效", "废止", "已修订")
POLICY_CATEGORIES = ("规章", "行政规范性文件", "其他")
TENDER_STAGES = ("招标公告", "更正公告", "中标候选人公示", "中标结果公告", "合同公告", "终止公告")
TENDER_METHODS = ("公开招标", "邀请招标", "竞争性谈判", "竞争性磋商", "询价", "单一来源", "框架协议")
FUND_UNITS = ("元", "万元")
REPORT_SCOPES = ("全部", "本机关")


def _extra(node: YNode, ctx: Ctx) -> object:
    if node.kind != "map":
        raise Invalid(error(ctx.path, node.line, f"{ctx.key}: expected key: value lines, not {node.describe()}",
                            "put the site's own fields under 'extra:' indented by two spaces"))
    return plain(node)


PROJECT_CODE = re.compile(r"[0-9A-Za-z\u4e00-\u9fff〔〕()（）_-]+(?:[.][0-9A-Za-z\u4e00-\u9fff〔〕()（）_-]+)*")


_project_code = c.matching(PROJECT_CODE, "'{raw}' is not a usable project code",
                           "use letters, digits, Chinese characters, hyphens, underscores and dots, without spaces "
                           "or '/'")


def _pdf_file(node: YNode, ctx: Ctx) -> object:
    found = c.ref(node, ctx)
    if not found.value.lower().endswith(".pdf"):
        raise c.fail(node, ctx, f"'{found.value}' is not a PDF file",
                     "give the name of the issue's PDF file beside this document, e.g. 2026-01.pdf")
    return found


def _plain_mapping(node: YNode, ctx: Ctx) -> object:
    c.mapping_node(node, ctx)
    return node


ATTACHMENT_FIELDS = (Field("file", "文件", c.text, required=True), Field("title", "标题", c.text))
CANDIDATE_FIELDS = (
    Field("rank", "排名", c.integer(1, 999), required=True),
    Field("name", "名称", c.text, required=True),
    Field("price", "报价", c.money),
)
AWARD_FIELDS = (Field("supplier", "中标供应商", c.text, required=True),
                Field("amount", "中标金额", c.money, required=True))
TOTAL_FIELDS = (Field("budget", "预算", c.money), Field("spent", "支出", c.money))
ROW_FIELDS = (
    Field("item", "项目", c.text, required=True),
    Field("budget", "预算", c.money),
    Field("spent", "支出", c.money),
    Field("note", "备注", c.text),
)
GAZETTE_ITEM_FIELDS = (
    Field("document", "文件", c.ref),
    Field("title", "标题", c.bounded_text(200)),
    Field("section", "栏目", c.bounded_text(50)),
    Field("page", "页码", c.integer(1, 9999)),
)
MATCH_FIELDS = (
    Field("topic", "主题分类", c.ref_list),
    Field("keywords", "主题词", c.text_list),
    Field("kinds", "类型", c.text_list),
    Field("agency", "发布机构", c.ref_list),
)

CATALOG_FIELDS = (
    Field("title", "标题", c.bounded_text(200), required=True),
    Field("index_no", "索引号", c.ref, required=True),
    Field("agency", "发布机构", c.ref, required=True),
    Field("written", "成文日期", c.a_date, required=True),
    Field("published", "发布日期", c.a_datetime),
    Field("topic", "主题分类", c.ref_list, required=True),
    Field("genre", "体裁分类", c.ref, required=True),
    Field("doc_no", "文号", c.text),
    Field("summary", "内容概述", c.bounded_text(300)),
    Field("keywords", "主题词", c.text_list),
    Field("audience", "服务对象", c.text_list),
    Field("art20", "法定公开类别", c.integer(1, 15)),
    Field("disclosure", "公开方式", c.choice(*DISCLOSURE_MODES)),
    Field("review", "保密审查", c.choice(*REVIEW_STATES)),
    Field("draft", "草稿", c.boolean),
    Field("expires", "失效日期", c.a_date),
    Field("attachments", "附件", nested_list(ATTACHMENT_FIELDS, "attachments")),
    Field("related", "相关文件", c.ref_list),
    Field("slug", "", c.slug),
    Field("extra", "", _extra),
)

KIND_FIELDS: Mapping[str, tuple[Field, ...]] = {
    "disclosure": (),
    "policy": (
        Field("validity", "有效性", c.choice(*VALIDITIES)),
        Field("effective", "生效日期", c.a_date),
        Field("repealed", "废止日期", c.a_date),
        Field("replaced_by", "替代文件", c.ref),
        Field("category", "文件类别", c.choice(*POLICY_CATEGORIES)),
        Field("adopted", "通过日期", c.a_date),
        Field("adopted_by", "通过会议", c.bounded_text(100)),
        Field("promulgated", "公布日期", c.a_date),
        Field("early_reason", "提前施行理由", c.bounded_text(300)),
    ),
    "interpretation": (Field("interprets", "解读文件", c.ref, required=True),),
    "tender": (
        Field("project_code", "项目编号", _project_code, required=True),
        Field("stage", "公告类型", c.choice(*TENDER_STAGES), required=True),
        Field("method", "采购方式", c.choice(*TENDER_METHODS)),
        Field("purchaser", "采购人", c.text, required=True),
        Field("agent", "代理机构", c.text),
        Field("budget", "预算金额", c.money),
        Field("deadline", "投标截止时间", c.a_datetime),
        Field("opening", "开标时间", c.a_datetime),
        Field("candidates", "中标候选人", nested_list(CANDIDATE_FIELDS, "candidates")),
        Field("publicity_end", "公示截止", c.a_datetime),
        Field("award", "中标结果", nested(AWARD_FIELDS, "award")),
    ),
    "fund": (
        Field("fund", "资金名称", c.text, required=True),
        Field("fiscal_year", "年度", c.integer(1949, 2200), required=True),
        Field("period", "期间", c.text),
        Field("unit", "单位", c.choice(*FUND_UNITS)),
        Field("rows", "明细", nested_list(ROW_FIELDS, "rows")),
        Field("data", "数据文件", c.ref),
        Field("total", "合计", nested(TOTAL_FIELDS, "total")),
    ),
    "report": (
        Field("year", "年度", c.integer(1949, 2200), required=True),
        Field("scope", "统计范围", c.choice(*REPORT_SCOPES)),
        Field("proactive", "主动公开", _plain_mapping),
        Field("applications", "收到和处理申请", _plain_mapping),
        Field("appeals", "复议诉讼", _plain_mapping),
    ),
    "standard": STANDARD_FIELDS,
    "qa": QA_FIELDS,
    "gazette": (
        Field("year", "年度", c.integer(1949, 2200), required=True),
        Field("issue", "年度期号", c.integer(1, 999), required=True),
        Field("total", "总期号", c.integer(1, 999999), required=True),
        Field("pdf", "PDF版", _pdf_file),
        Field("items", "目录", nested_list(GAZETTE_ITEM_FIELDS, "items"), required=True),
    ),
    "power": POWER_FIELDS,
    "guide": GUIDE_FIELDS,
}

PAGE_FIELDS = (
    Field("title", "标题", c.bounded_text(200), required=True),
    Field("menu", "菜单", c.integer(0, 999)),
    Field("summary", "内容概述", c.bounded_text(300)),
    Field("draft", "草稿", c.boolean),
    Field("updated", "更新日期", c.a_date),
    Field("slug", "", c.slug),
    Field("extra", "", _extra),
)
TOPIC_FIELDS = (
    *PAGE_FIELDS,
    Field("match", "匹配", nested(MATCH_FIELDS, "match")),
    Field("documents", "文件", c.ref_list),
)


def fields_for(kind: Kind) -> tuple[Field, ...]:
    """Every field a document of this kind may have."""
    if kind == "page":
        return PAGE_FIELDS
    if kind == "topic":
        return TOPIC_FIELDS
    return CATALOG_FIELDS + KIND_FIELDS[kind]
