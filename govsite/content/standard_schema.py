"""The front matter of two kinds: the 基层政务公开标准目录 (国办发〔2019〕54号, `content/standards/`) with its
rows of 事项, inline or from a CSV beside the document, and 回应关切 / 政策问答 entries (`content/qa/`).

Every key has a Chinese alias; a CSV's columns may be named by either. The rows are read here into
`StandardRow` values; the due dates computed from 公开时限 (working days) are the model's (model/standards.py).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from datetime import date
from zoneinfo import ZoneInfo

from govsite.content import coerce as c
from govsite.content.coerce import Ctx
from govsite.content.document import QaDetails, Ref, StandardDetails, StandardRow
from govsite.content.fields import Field, FieldValues, nested_list
from govsite.content.source import decode_text
from govsite.content.yamlnodes import YNode
from govsite.errors import Diagnostic, error

AUDIENCES = ("全社会", "特定群体")
MODES = ("主动", "依申请")
LEVELS = ("县级", "乡级")
QA_CHANNELS = ("来信", "12345热线", "热线电话", "网上留言", "媒体关注", "座谈调研", "其他")
TOPIC_NAME = re.compile(r"[0-9A-Za-z\u4e00-\u9fff（）()_-]{1,40}")


def _levels(node: YNode, ctx: Ctx) -> tuple[str, ...]:
    values = c.text_list(node, ctx)
    wrong = [v for v in values if v not in LEVELS]
    if wrong or not values:
        raise c.fail(node, ctx, f"'{'、'.join(wrong) or c.text(node, ctx)}' is not a 公开层级",
                     "write 县级, 乡级 or 县级、乡级")
    return tuple(v for v in LEVELS if v in values)


_topic_name = c.matching(TOPIC_NAME, "'{raw}' cannot name a topic page",
                         "use at most 40 Chinese characters, letters or digits, without spaces, '/' or punctuation")


ROW_FIELDS = (
    Field("first", "一级事项", c.text, required=True),
    Field("second", "二级事项", c.text),
    Field("content", "公开内容", c.text, required=True),
    Field("basis", "公开依据", c.text, required=True),
    Field("time_limit", "公开时限", c.text, required=True),
    Field("subject", "公开主体", c.text, required=True),
    Field("channels", "公开渠道和载体", c.text, required=True),
    Field("audience", "公开对象", c.choice(*AUDIENCES), required=True),
    Field("mode", "公开方式", c.choice(*MODES), required=True),
    Field("level", "公开层级", _levels, required=True),
    Field("arises", "形成日期", c.a_date),
    Field("due", "截止日期", c.a_date),
    Field("documents", "公开文件", c.ref_list),
)

STANDARD_FIELDS = (
    Field("field", "领域", c.bounded_text(40), required=True),
    Field("items", "事项", nested_list(ROW_FIELDS, "items")),
    Field("data", "数据文件", c.ref),
)

QA_FIELDS = (
    Field("qa_topic", "问答主题", _topic_name, required=True),
    Field("question", "问题", c.bounded_text(2000)),
    Field("asked", "提问日期", c.a_date),
    Field("channel", "提问渠道", c.choice(*QA_CHANNELS)),
    Field("policies", "相关政策", c.ref_list),
)


def _text(values: Mapping[str, object], key: str) -> str:
    value = values.get(key, "")
    return value if isinstance(value, str) else ""


def _date(values: Mapping[str, object], key: str) -> date | None:
    value = values.get(key)
    return value if isinstance(value, date) else None


def _row(values: Mapping[str, object], line: int, source: str) -> StandardRow:
    levels = values.get("level", ())
    documents = values.get("documents", ())
    return StandardRow(
        first=_text(values, "first"), second=_text(values, "second"), content=_text(values, "content"),
        basis=_text(values, "basis"), time_limit=_text(values, "time_limit"), subject=_text(values, "subject"),
        channels=_text(values, "channels"), audience=_text(values, "audience"), mode=_text(values, "mode"),
        levels=levels if isinstance(levels, tuple) else (), arises=_date(values, "arises"), due=_date(values, "due"),
        documents=tuple(d for d in documents if isinstance(d, Ref)) if isinstance(documents, tuple) else (),
        line=line, source=source)


def standard_details(path: str, v: Mapping[str, object]) -> StandardDetails | None:
    """A standard catalog from its read fields (None when its 领域 is missing)."""
    if "field" not in v:
        return None
    items = v.get("items")
    rows = tuple(_row(item.values, line, path) for item, line in items if isinstance(item, FieldValues)) \
        if isinstance(items, tuple) else ()
    data = v.get("data")
    return StandardDetails(field=str(v["field"]), rows=rows, data=data if isinstance(data, Ref) else None)


def qa_details(v: Mapping[str, object]) -> QaDetails | None:
    """A question and answer from its read fields (None when its 问答主题 is missing)."""
    if "qa_topic" not in v:
        return None
    policies = v.get("policies", ())
    return QaDetails(qa_topic=str(v["qa_topic"]), question=_text(v, "question"), asked=_date(v, "asked"),
                     channel=_text(v, "channel"),
                     policies=tuple(p for p in policies if isinstance(p, Ref)) if isinstance(policies, tuple) else ())


# a CSV column may be named by the key, the alias, or the alias as 54号 prints it
COLUMN_NAMES: dict[str, str] = {
    **{f.key: f.key for f in ROW_FIELDS}, **{f.alias: f.key for f in ROW_FIELDS},
    "公开内容（要素）": "content", "公开内容(要素)": "content", "公开渠道": "channels", "公开载体": "channels",
}
REQUIRED_COLUMNS = tuple(f for f in ROW_FIELDS if f.required)
CSV_HINT = ("in Excel choose 另存为 → 'CSV UTF-8（逗号分隔）'; in WPS 另存为 → CSV and the encoding UTF-8; "
            "or convert it: iconv -f GB18030 -t UTF-8 {path} > new.csv")


def rows_from_csv(path: str, data: bytes, tz: ZoneInfo) -> tuple[tuple[StandardRow, ...], tuple[Diagnostic, ...]]:
    """RFC 4180 rows (UTF-8, a BOM accepted; GBK refused) with a header line naming the columns; each row is
    checked like an inline one, its problems reported at the CSV's line where the row starts."""
    text, problems = decode_text(data, path)
    if text is None:
        return (), tuple(error(d.path, d.line, d.message.replace("Markdown text file", "CSV file"),
                               CSV_HINT.format(path=path) if "UTF-8" in d.message else d.hint) for d in problems)
    reader = csv.reader(io.StringIO(text, newline=""))
    names = [h.strip() for h in next(reader, [])]
    header = [COLUMN_NAMES.get(name, "") for name in names]
    found: list[Diagnostic] = [
        error(path, 1, f"unknown column '{name}'",
              "known columns: " + "、".join(f.alias for f in ROW_FIELDS) + " (or their English keys)")
        for name, key in zip(names, header, strict=True) if not key and name]
    missing = [f for f in REQUIRED_COLUMNS if f.key not in header]
    found += [error(path, 1, f"the CSV has no column {f.alias} ({f.key}), which every row needs",
                    f"add the column '{f.alias}' to the first line and fill it in on every row") for f in missing]
    if found:
        return (), tuple(found)
    rows: list[StandardRow] = []
    start = 2
    for record in reader:
        line, start = start, reader.line_num + 1
        if not any(cell.strip() for cell in record):
            continue
        row, row_problems = _csv_row(path, line, dict(zip(header, record, strict=False)), tz)
        found += row_problems
        if row is not None:
            rows.append(row)
    return tuple(rows), tuple(found)


def _csv_row(path: str, line: int, cells: Mapping[str, str],
             tz: ZoneInfo) -> tuple[StandardRow | None, list[Diagnostic]]:
    values: dict[str, object] = {}
    problems: list[Diagnostic] = []
    for f in ROW_FIELDS:
        raw = cells.get(f.key, "").strip()
        if not raw:
            if f.required:
                problems.append(error(path, line, f"column {f.alias} ({f.key}) is empty",
                                      f"fill in {f.alias} on this row"))
            continue
        if f.key == "documents":
            values[f.key] = tuple(Ref(part, line) for part in re.split(r"[;；\s]+", raw) if part)
            continue
        node = YNode("scalar", line, raw=raw)
        try:
            values[f.key] = f.convert(node, Ctx(path, f.alias, tz, line))
        except c.Invalid as problem:
            problems.extend(problem.diagnostics)
    return (None if problems else _row(values, line, path)), problems
