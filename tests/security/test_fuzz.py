"""Fuzzing the whole pipeline in-process: random and mutated front matter and Markdown, then `govsite build`.

The only allowed outcomes: exit 0 with an output folder, or exit 1 with diagnostics (`path:line: error: …`,
hint lines, the summary line) and the output folder untouched. An exception escaping govsite.cli.main or any
other exit status fails.

Budget: GOVSITE_FUZZ_EXAMPLES (default 60 per property) — a long run is
``GOVSITE_FUZZ_EXAMPLES=5000 .venv/bin/python -m pytest tests/security/test_fuzz.py``.

When a build succeeds, every output file is also parsed (HTML, XML, JSON, CSV: security_helpers.check_output)
and must hold nothing executable.

Every failure found so far is reproduced exactly by a test_regression_* test at the end. While a crash is
reported but not fixed, list it in KNOWN_CRASHES (exception type + the govsite frame that raised it): the
properties then skip inputs that hit it and keep looking for new ones; GOVSITE_FUZZ_STRICT=1 fails on them too.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import DEFAULT_AGENCIES_YAML, DEFAULT_SITE_YAML, catalog_doc, dump_yaml, site_yaml, write_site
from hypothesis import HealthCheck, Phase, event, example, given, settings
from hypothesis import strategies as st
from security_helpers import (
    DIAGNOSTIC_RE,
    HINT_RE,
    SUMMARY_RE,
    build,
    built,
    check_output,
    make_out,
    refused,
    untouched,
)

from govsite.content import report_schema, schema
from govsite.content.document import kind_of_section

EXAMPLES = int(os.environ.get("GOVSITE_FUZZ_EXAMPLES", "60"))
STRICT = os.environ.get("GOVSITE_FUZZ_STRICT", "") == "1"
FUZZ_SETTINGS = settings(max_examples=EXAMPLES, deadline=None,
                         phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
                         suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                                HealthCheck.data_too_large, HealthCheck.filter_too_much])

# ------------------------------------------------------------------------------------------ known crashes


@dataclass(frozen=True)
class KnownCrash:
    """A crash already reported (and reproduced by a regression test below)."""

    name: str
    exception: type[BaseException]
    file: str  # the govsite file whose frame raised it (innermost govsite frame)
    function: str


# Crashes reported and not fixed yet, skipped by the properties (not under GOVSITE_FUZZ_STRICT=1) so that they
# keep looking for new ones; each has its test_regression_* below. Empty: the crashes found so far (integer()
# on 0x0F, execution_rate beyond precision, fund sums overflowing, a tender without a date in
# tender_projects, 文号 ']…[' in normalise_doc_no) are fixed; e.g.
# KnownCrash("integer() on a YAML int like 0x0F", ValueError, "govsite/content/coerce.py", "convert").
KNOWN_CRASHES: tuple[KnownCrash, ...] = ()


def _innermost_govsite_frame(problem: BaseException) -> traceback.FrameSummary | None:
    frames = [f for f in traceback.extract_tb(problem.__traceback__) if "/govsite/" in f.filename]
    return frames[-1] if frames else None


def known_crash(problem: BaseException) -> KnownCrash | None:
    frame = _innermost_govsite_frame(problem)
    if frame is None:
        return None
    for crash in KNOWN_CRASHES:
        if isinstance(problem, crash.exception) and frame.filename.endswith(crash.file) \
                and frame.name == crash.function:
            return crash
    return None


# ------------------------------------------------------------------------------------------- the property


def check_outcome(site: Path, out: Path) -> None:
    """Build; assert one of the allowed outcomes."""
    make_out(out)
    try:
        run = build(site, out)
    except Exception as problem:
        crash = known_crash(problem)
        if crash is None or STRICT:
            raise
        event(f"known crash: {crash.name}")
        return
    lines = [line for line in run.stderr.split("\n") if line]  # the line protocol: one diagnostic per \n
    odd = odd_lines(lines)
    assert odd == [], f"stderr lines that are not diagnostics:\n{run.stderr[-3000:]}"
    if run.code == 0:
        event("built")
        assert (out / "index.html").is_file() and (out / "catalog.json").is_file()
        assert not any(": error: " in line for line in lines), run.stderr
        problems = check_output(out).problems  # every HTML/XML/JSON/CSV file parses, nothing executable
        assert problems == [], "\n".join(problems[:20])
    else:
        event("refused")
        assert run.code == 1, f"exit status {run.code}:\n{run.stderr[-3000:]}"
        assert any(DIAGNOSTIC_RE.match(line) and ": error: " in line for line in lines), run.stderr
        assert untouched(out), "a failed build changed the output folder"


def odd_lines(lines: list[str]) -> list[tuple[int, str]]:
    """(index, line) of each line that is neither a diagnostic, a hint nor the summary."""
    return [(n, line) for n, line in enumerate(lines)
            if not (DIAGNOSTIC_RE.match(line) or HINT_RE.match(line) or SUMMARY_RE.match(line))]


def in_scratch(files: dict[str, str | bytes], *, site_yaml: str = DEFAULT_SITE_YAML,
               agencies_yaml: str = DEFAULT_AGENCIES_YAML, base: Path | None = None) -> None:
    """Write the site into a fresh folder, check the outcome, remove the folder."""
    scratch = Path(tempfile.mkdtemp(prefix="fuzz-", dir=base))
    try:
        site = write_site(scratch / "site", files, site_yaml=site_yaml, agencies_yaml=agencies_yaml)
        check_outcome(site, scratch / "out")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


# ------------------------------------------------------------------------------------------ the generators

def _keys(*tables: tuple[Any, ...]) -> list[str]:
    names = {name for table in tables for field in table for name in (field.key, field.alias) if name}
    return sorted(names)


TOP_KEYS = _keys(schema.CATALOG_FIELDS, *schema.KIND_FIELDS.values(), schema.PAGE_FIELDS, schema.TOPIC_FIELDS)
NESTED_KEYS = _keys(schema.ATTACHMENT_FIELDS, schema.CANDIDATE_FIELDS, schema.AWARD_FIELDS, schema.TOTAL_FIELDS,
                    schema.ROW_FIELDS, schema.MATCH_FIELDS, report_schema.PROACTIVE_FIELDS,
                    report_schema.APPLICATION_FIELDS, report_schema.OUTCOME_FIELDS, report_schema.APPEAL_FIELDS,
                    *(report_schema._rows(rows) for rows in (report_schema.WITHHELD_ROWS, report_schema.UNABLE_ROWS,
                                                             report_schema.NOT_PROCESSED_ROWS,
                                                             report_schema.OTHER_ROWS)))
JUNK_KEYS = ["titel", "Title", "TITLE", "标 题", "extra", "__proto__", "x" * 300, "1", "null", "<script>", "?",
             "title ", "索引号：", "a.b", "-", "~"]
ENUMS = [*schema.DISCLOSURE_MODES, *schema.REVIEW_STATES, *schema.VALIDITIES, *schema.POLICY_CATEGORIES,
         *schema.TENDER_STAGES, *schema.TENDER_METHODS, *schema.FUND_UNITS, *schema.REPORT_SCOPES,
         "czt", "jyt", "示例省财政厅", "财政、金融、审计", "财政、金融、审计/财政", "通知", "决定",
         "11440000MB2C12345X/2025-00001", "11440000MB2C12345X/2025-00002", "11440000MB2C23456Y/2025-00003",
         "fujian.txt", "data.csv", "../fujian.txt", "/etc/passwd", "示财发〔2025〕12号", "示财发[2025]12号", "][",
         "1e30", "1E+1000000", "1e-1000000", "0x0F", "../../x", "a//b", "<script>alert(1)</script>", "{{7*7}}"]
RAW_SCALARS = [
    "0x0F", "0o17", "0b101", "1_000", "+12", "-0", "007", ".nan", ".inf", "-.inf", "~", "null", "yes", "No", "on",
    "2025-02-29", "2024-02-29", "2025-13-01", "2024-13-40", "2025-03-01 25:61", "2025-03-01T09:30:00+14:00",
    "2025-03-01T09:30:00-99:99", "2025-03-01T24:00:00", "9999-12-31", "0001-01-01", "1-1-1", "1e400", "1e-400",
    "-1", "1e30", "1E+1000000", "0.0000001", "12,345.6", "１２", "[2025]", "][", "〔〕", "\"\\x01\\x0b\\ufffe\"",
    "\"\\u2028\\u2029\"", "!!binary aGVsbG8=", "!!str 12", "!!int '12'", "!!float 1", "!!timestamp 2025-01-01",
    "!!set {a, b}", "!!omap [a: 1]", "!!python/object/apply:os.system ['true']", "!!python/name:os.system",
    "!custom x", "&a anchored", "[&b x, *b]", "|\n  block\n  text", ">\n  folded", "[1, [2, [3]]]",
    "{a: {b: {c: d}}}", "[]", "{}", "''", "\"\"", "'  '", "[~, ~]", "{? complex : key}",
]


@dataclass(frozen=True)
class Raw:
    """A YAML scalar written exactly as given (so that 0x0F stays an int, !!tags stay tags …)."""

    text: str


scalars = st.one_of(
    st.text(max_size=24), st.sampled_from(ENUMS), st.integers(-(10**6), 10**40), st.floats(), st.booleans(),
    st.none(), st.dates(), st.datetimes(), st.text(alphabet=st.characters(max_codepoint=0x3000), max_size=8),
)
values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.sampled_from(NESTED_KEYS + JUNK_KEYS[:4]), children, max_size=4),
    ),
    max_leaves=12,
)
any_value = st.one_of(values, st.sampled_from(RAW_SCALARS).map(Raw))
keys = st.one_of(st.sampled_from(TOP_KEYS), st.sampled_from(JUNK_KEYS), st.text(max_size=10))


def _yaml_entry(key: str, value: object) -> str:
    if isinstance(value, Raw):
        key_text = yaml.safe_dump(key, allow_unicode=True).split("\n", 1)[0] if key else "''"
        indented = value.text.replace("\n", "\n  ")
        return f"{key_text}: {indented}\n"
    try:
        return yaml.safe_dump({key: value}, allow_unicode=True, sort_keys=False, width=10_000)
    except (yaml.YAMLError, ValueError):
        return ""


SECTIONS = ["disclosures", "policies", "interpretations", "tenders", "funds", "reports", "topics", "pages", "misc",
            "gazette"]
BASE_FIELDS: dict[str, dict[str, Any]] = {
    "disclosures": {},
    "policies": {"validity": "有效"},
    "interpretations": {"interprets": "11440000MB2C12345X/2025-00001"},
    "tenders": {"project_code": "ZB-2025-001", "stage": "招标公告", "purchaser": "示例省财政厅",
                "budget": "1000000.00", "deadline": "2026-12-30 09:30"},
    "funds": {"fund": "专项资金", "fiscal_year": 2025, "rows": [{"item": "甲", "budget": "10", "spent": "5"}]},
    "reports": {"year": 2025},
    "gazette": {"year": 2025, "issue": 1, "total": 1, "items": [{"document": "11440000MB2C12345X/2025-00001"}]},
}

LINK_TARGETS = ["../2025/base.md", "base.md", "../../policies/2025/base.md", "fujian.txt", "data.csv",
                "../../../etc/passwd", "/etc/passwd", "file:///etc/passwd", "https://www.example.gov.cn/",
                "//evil.example/", "javascript:alert(1)", "#frag", "?q=1", "", "%2e%2e/%2e%2e/x", "mailto:a@b.cn",
                "fujian.txt#x", "missing.md", "./", ".", "..", "<a b.md>", "fujian%2etxt", "%00", "base.md#%E4%B8%80"]
HTML_SNIPPETS = ["<script>alert(1)</script>", "<b>x</b>", "<img src=x onerror=alert(1)>", "<!-- c -->", "</div>",
                 "<table><tr><td>x", "&amp; &lt; &#0; &#x110000; &bogus;", "<a href='javascript:x'>y</a>"]
inline_text = st.one_of(st.text(max_size=30), st.sampled_from(HTML_SNIPPETS), st.sampled_from(LINK_TARGETS))
link = st.builds(lambda bang, text, target: f"{bang}[{text}]({target})", st.sampled_from(["", "!"]),
                 st.text(max_size=8), st.one_of(st.sampled_from(LINK_TARGETS), st.text(max_size=12)))
table = st.builds(
    lambda head, rows: "| " + " | ".join(head) + " |\n|" + "---|" * len(head) + "\n"
    + "".join("| " + " | ".join(row) + " |\n" for row in rows),
    st.lists(st.text(alphabet="甲乙ab|-:\\ ", max_size=5), min_size=1, max_size=4),
    st.lists(st.lists(inline_text, max_size=5), max_size=4))
block = st.one_of(
    inline_text, link, table,
    st.builds(lambda n, t: "#" * n + " " + t, st.integers(1, 7), inline_text),
    st.builds(lambda t: f"```\n{t}\n```", st.text(max_size=20)),
    st.builds(lambda t: f"> {t}", inline_text), st.builds(lambda t: f"- {t}\n  - {t}", inline_text),
    st.builds(lambda t: f"[^1]: {t}\n\n脚注[^1]", inline_text),
    st.builds(lambda t: f"[r]: {t}\n\n[引用][r]", st.sampled_from(LINK_TARGETS)),
    st.sampled_from(["---", "...", "***", "\t\tcode", "<div>\n\n**x**\n\n</div>", "![](fujian.txt)"]),
)
markdown = st.lists(block, max_size=8).flatmap(
    lambda blocks: st.sampled_from(["\n\n", "\n"]).map(lambda sep: sep.join(blocks) + "\n"))

edits = st.lists(st.tuples(st.sampled_from(["insert", "delete", "duplicate-line"]), st.integers(0, 10**6),
                           st.text(max_size=4)), max_size=3)


def mutate(text: str, changes: list[tuple[str, int, str]]) -> str:
    for kind, position, chunk in changes:
        at = position % (len(text) + 1)
        if kind == "insert":
            text = text[:at] + chunk + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + len(chunk) + 1:]
        else:
            lines = text.split("\n")
            n = position % len(lines)
            lines.insert(n, lines[n])
            text = "\n".join(lines)
    return text


_good_amounts = st.sampled_from(["0", "1", "10.5", "1e30", "1E+1000000", "1e-1000000", "1,000", "0.001",
                                 "99999999999999999999999999999999", "12.345", "0.5E-5"])
amounts = st.one_of(  # mostly valid (one bad amount makes the whole list invalid, and nothing is computed)
    _good_amounts, _good_amounts, _good_amounts, st.sampled_from(["-1", "NaN", "Infinity", "0x10", "一百"]),
    st.decimals(min_value=0, allow_nan=False, allow_infinity=False).map(str), st.integers(0, 10**30).map(str))
counts = st.lists(st.one_of(st.integers(-1, 10**10), st.sampled_from(RAW_SCALARS[:12])), max_size=8)
short_text = st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=10)
files = st.sampled_from(["fujian.txt", "data.csv", "missing.txt", "../2025/fujian.txt", "/etc/passwd", ".", "",
                         "../../policies/2025/base.md", "fujian.txt/"])
index_numbers = st.sampled_from(["11440000MB2C12345X/2025-00001", "11440000MB2C12345X/2025-00002",
                                 "11440000MB2C12345X/2099-99999", "x"])
rows = st.lists(st.fixed_dictionaries({"item": short_text}, optional={"budget": amounts, "spent": amounts,
                                                                      "note": short_text}), max_size=4)
candidates = st.lists(st.fixed_dictionaries({"rank": st.integers(-1, 1000), "name": short_text},
                                            optional={"price": amounts}), max_size=3)
award = st.fixed_dictionaries({"supplier": short_text, "amount": amounts})
total = st.fixed_dictionaries({}, optional={"budget": amounts, "spent": amounts})
attachments = st.lists(st.fixed_dictionaries({"file": files}, optional={"title": short_text}), max_size=3)
proactive = st.fixed_dictionaries({}, optional={"licensing": st.integers(-1, 10**10), "penalty": st.integers(0, 9),
                                                "fees": amounts})
applications = st.fixed_dictionaries({}, optional={
    "new": counts, "carried_over": counts, "carried_forward": counts,
    "outcomes": st.fixed_dictionaries({}, optional={"disclosed": counts, "total": counts,
                                                    "withheld": st.fixed_dictionaries({}, optional={"属于国家秘密": counts})})})
appeals = st.fixed_dictionaries({}, optional={"reconsideration": st.fixed_dictionaries(
    {}, optional={"upheld": st.integers(-1, 10**10), "total": st.integers(0, 10)})})
match = st.fixed_dictionaries({}, optional={"topic": st.sampled_from(["财政、金融、审计", "不存在", "财政、金融、审计/财政"]),
                                            "kinds": st.lists(st.sampled_from(["policy", "tender", "x"]), max_size=2),
                                            "agency": st.sampled_from(["czt", "jyt", "x"]), "keywords": short_text})
gazette_items = st.lists(st.fixed_dictionaries({}, optional={
    "document": st.one_of(index_numbers, st.sampled_from(LINK_TARGETS)), "title": short_text,
    "section": short_text, "page": st.integers(-1, 10**5)}), max_size=3)
STRUCTURED = {
    "items": gazette_items, "目录": gazette_items,
    "rows": rows, "明细": rows, "candidates": candidates, "中标候选人": candidates, "award": award, "中标结果": award,
    "total": total, "合计": total, "attachments": attachments, "附件": attachments, "proactive": proactive,
    "主动公开": proactive, "applications": applications, "收到和处理申请": applications, "appeals": appeals,
    "复议诉讼": appeals, "match": match, "匹配": match, "related": st.lists(index_numbers, max_size=3),
    "documents": st.lists(index_numbers, max_size=3), "interprets": index_numbers, "replaced_by": index_numbers,
    "data": files, "数据文件": files, "budget": amounts, "预算金额": amounts,
}


def _kind_keys(section: str) -> list[str]:
    fields = schema.fields_for(kind_of_section(section))
    return sorted({name for field in fields for name in (field.key, field.alias) if name})


@st.composite
def documents(draw: Callable[..., Any]) -> tuple[str, bytes]:
    """(section, file bytes) of one fuzzed document: gently (the kind's own keys, plausible values) or wildly
    (any key, any value, dropped fields, byte-level edits, CRLF, BOM)."""
    section = draw(st.sampled_from(SECTIONS))
    wild = draw(st.booleans())
    entries: list[tuple[str, object]] = []
    if section in BASE_FIELDS:
        base = {"title": "测试文件", "index_no": "11440000MB2C12345X/2025-00002", "agency": "czt",
                "written": Raw("2025-03-01"), "topic": "财政、金融、审计", "genre": "通知", "review": "已审查",
                **BASE_FIELDS[section]}
        if not wild and draw(st.booleans()):  # the kind's structured values, drawn (exact amounts, counts …)
            base.update({"funds": lambda: {"rows": draw(rows), "total": draw(total)},
                         "tenders": lambda: {"budget": draw(amounts), "candidates": draw(candidates),
                                             "award": draw(award)},
                         "reports": lambda: {"proactive": draw(proactive), "applications": draw(applications),
                                             "appeals": draw(appeals)}}.get(section, dict)())
        entries = [(k, v) for k, v in base.items() if not wild or draw(st.integers(0, 9)) > 0]  # drop a few
    else:
        entries = [("title", "测试页面")]
    kind_keys = _kind_keys(section)
    key_strategy = keys if wild else st.one_of(
        st.sampled_from(kind_keys), st.sampled_from([k for k in kind_keys if k in STRUCTURED] or kind_keys))
    value_strategy = any_value if wild else st.one_of(st.sampled_from(ENUMS), st.sampled_from(RAW_SCALARS).map(Raw),
                                                      scalars, values)
    for _ in range(draw(st.integers(0, 5 if wild else 3))):
        key = draw(key_strategy)
        structured = STRUCTURED.get(key)
        value = draw(structured if structured is not None and draw(st.integers(0, 3)) else value_strategy)
        entries = [(k, v) for k, v in entries if k != key or (wild and draw(st.booleans()))]  # replace/twice
        entries.insert(draw(st.integers(0, len(entries))), (key, value))
    front = "".join(_yaml_entry(k, v) for k, v in entries)
    text = "---\n" + front + "---\n\n" + draw(markdown)
    if wild:
        text = mutate(text, draw(edits))
        if draw(st.integers(0, 4)) == 0:
            text = text.replace("\n", "\r\n")
    data = text.encode("utf-8")
    if wild and draw(st.integers(0, 9)) == 0:
        data = b"\xef\xbb\xbf" + data
    return section, data


csv_text = st.builds(
    lambda header, rows: header + "\n" + "\n".join(",".join(row) for row in rows) + "\n",
    st.sampled_from(["item,budget,spent,note", "项目,预算,支出,备注", "item,budget", "budget", "", "\ufeffitem,budget"]),
    st.lists(st.lists(st.one_of(st.text(max_size=6), st.sampled_from(RAW_SCALARS[:40]), st.just('"a,"b"')),
                      max_size=5), max_size=4))


def _site_files(section: str, data: bytes, csv: str) -> dict[str, str | bytes]:
    return {
        "content/policies/2025/base.md": catalog_doc(),
        f"content/{section}/2025/fuzz.md": data,
        f"content/{section}/2025/fujian.txt": "附件\n",
        f"content/{section}/2025/data.csv": csv,
    }


@FUZZ_SETTINGS
@given(doc=documents(), csv=csv_text)
@example(doc=("policies", catalog_doc(index_no="11440000MB2C12345X/2025-00002", body="[x](base.md)\n").encode()),
         csv="item,budget\n")
def test_front_matter_and_markdown_never_crash_the_build(tmp_path: Path, doc: tuple[str, bytes], csv: str) -> None:
    section, data = doc
    in_scratch(_site_files(section, data, csv), base=tmp_path)


SITE_KEYS = ["title", "base_url", "language", "timezone", "theme", "publisher", "index_no", "review_required",
             "pagination", "feed_limit", "raw_html", "freshness", "sponsor", "主办单位", "pattern", "titel"]


@st.composite
def site_yamls(draw: Callable[..., Any]) -> str:
    base: list[tuple[str, object]] = [
        ("title", "示例省人民政府信息公开"), ("base_url", "https://www.example.gov.cn/xxgk/"),
        ("publisher", {"sponsor": "示例省人民政府办公厅"})]
    base = [entry for entry in base if draw(st.integers(0, 7)) > 0]
    for _ in range(draw(st.sampled_from([0, 1, 1, 2, 3]))):
        key = draw(st.one_of(st.sampled_from(SITE_KEYS), st.sampled_from(SITE_KEYS), st.text(max_size=6)))
        value = draw(st.one_of(any_value, st.sampled_from([
            "Asia/Shanghai", "UTC", "Mars/Olympus", "../../etc/localtime", "https://x.example", "ftp://x/",
            "https://例子.中国/信息 公开/", "https://www.example.gov.cn/a?b=c#d", "https://[::1]:99999/",
            "(?P<code>x)(?P<year>y)(?P<seq>z)", "(?P<code>", "[", "0", "10001", {"sponsor": "x", "site_code": "1"},
            {"pattern": "(?P<code>.*)"}, {"policies": 0}, {"news": "x"}])))
        base = [(k, v) for k, v in base if k != key]
        base.append((key, value))
    text = "".join(_yaml_entry(k, v) for k, v in base)
    return mutate(text, draw(edits)) if draw(st.integers(0, 3)) == 0 else text


@FUZZ_SETTINGS
@given(site_yaml=site_yamls(), agencies=st.one_of(
    st.just(DEFAULT_AGENCIES_YAML), st.just(DEFAULT_AGENCIES_YAML), st.just(DEFAULT_AGENCIES_YAML),
    any_value.map(lambda v: v.text if isinstance(v, Raw) else dump_yaml(v))))
def test_site_yaml_and_agencies_never_crash_the_build(tmp_path: Path, site_yaml: str, agencies: str) -> None:
    in_scratch({"content/policies/2025/base.md": catalog_doc()}, site_yaml=site_yaml,
               agencies_yaml=agencies, base=tmp_path)


# ----------------------------------------------------------------------------- regressions found by fuzzing

def _regression(tmp_path: Path, files: dict[str, str | bytes], *, code: int, lines: list[str]) -> None:
    """One explicit input that crashed govsite: now exactly this exit status and these diagnostic lines (with
    their hints, in order; the failure summary aside), and a refused build leaves the output untouched."""
    site = write_site(tmp_path / "site", files)
    out = make_out(tmp_path / "out")
    run = build(site, out, catch=True)
    if code == 1:
        refused(run, out, lines)
    else:
        built(run, lines)
        assert (out / "index.html").is_file() and (out / "catalog.json").is_file()


NOT_A_WHOLE_NUMBER = "  hint: write a number from 1 to 15"
NOT_AN_AMOUNT = "  hint: write a plain number without units or separators, e.g. 1250000.00"


@pytest.mark.parametrize("raw", ["0x0F", "0o17", "0b1"])
def test_regression_hexadecimal_integer(tmp_path: Path, raw: str) -> None:
    """`art20: 0x0F` is a YAML int whose text int() cannot read: ValueError in coerce.integer."""
    _regression(tmp_path, {"content/policies/2025/a.md": catalog_doc().replace("review: 已审查",
                                                                                 f"review: 已审查\nart20: {raw}")},
                code=1, lines=[f"content/policies/2025/a.md:9: error: art20: '{raw}' is not a whole number",
                               NOT_A_WHOLE_NUMBER])


def test_regression_hexadecimal_integer_in_site_yaml(tmp_path: Path) -> None:
    """The same converter reads site.yaml's pagination."""
    _regression(tmp_path, {"site.yaml": DEFAULT_SITE_YAML + "pagination: 0x10\n",
                           "content/policies/2025/a.md": catalog_doc()},
                code=1, lines=["site.yaml:5: error: pagination: '0x10' is not a whole number",
                               "  hint: write a number from 1 to 1000"])


def test_regression_base_url_with_an_unclosed_ipv6_bracket(tmp_path: Path) -> None:
    """`base_url: https://[www…`: urlsplit raises ValueError ('Invalid IPv6 URL')."""
    _regression(tmp_path, {"site.yaml": site_yaml(base_url="https://[www.example.gov.cn/xxgk/"),
                           "content/policies/2025/a.md": catalog_doc()},
                code=1, lines=["site.yaml:2: error: base_url: 'https://[www.example.gov.cn/xxgk/' is not a valid URL "
                               "(Invalid IPv6 URL)", "  hint: write e.g. https://www.example.gov.cn/xxgk/"])


def test_regression_doc_no_with_closing_bracket_first(tmp_path: Path) -> None:
    """`doc_no: "]["`: normalise_doc_no finds '[' and ']' but ']' only before '[': str.index raises. Now it is
    a 文号 in an unusual form: a warning, and the site builds."""
    _regression(tmp_path, {"content/policies/2025/a.md": catalog_doc(doc_no="][")},
                code=0, lines=["content/policies/2025/a.md:9: warning: 文号 '][' is not in the usual form",
                               "  hint: write 机关代字〔YYYY〕N号, e.g. 示财发〔2025〕12号"])


@pytest.mark.parametrize(("budget", "spent", "inline", "csv"), [
    ("1", "1e30", ["content/funds/2025/a.md:14: error: spent: '1e30' is not an amount", NOT_AN_AMOUNT],
     ["content/funds/2025/data.csv:2: error: column spent: '1e30' is not an amount",
      "  hint: write a plain number such as 1250.50"]),
    ("0.000001", "999999999999999.999999", [], []),
    ("999999999999999.999999", "0.000001", [], []),
], ids=["1-1e30", "0.000001-999999999999999.999999", "999999999999999.999999-0.000001"])
def test_regression_execution_rate_beyond_decimal_precision(tmp_path: Path, budget: str, spent: str,
                                                            inline: list[str], csv: list[str]) -> None:
    """budget 1, spent 1e30: (spent / budget * 100).quantize(0.01) needs 35 digits: InvalidOperation. Amounts
    are now limited to 15 digits and 6 decimals (1e30 is refused); the extreme rates within that range must
    work, from front matter and from a CSV data file."""
    _regression(tmp_path / "inline", {"content/funds/2025/a.md": catalog_doc(
        fund="专项资金", fiscal_year=2025, rows=[{"item": "甲", "budget": budget, "spent": spent}])},
        code=1 if inline else 0, lines=inline)
    _regression(tmp_path / "csv", {
        "content/funds/2025/a.md": catalog_doc(fund="专项资金", fiscal_year=2025, data="data.csv"),
        "content/funds/2025/data.csv": f"item,budget,spent\n甲,{budget},{spent}\n乙,{budget},{budget}\n"},
        code=1 if csv else 0, lines=csv)


@pytest.mark.parametrize("amount", ["1E+1000000", "1e-1000000"])
def test_regression_fund_amount_overflow(tmp_path: Path, amount: str) -> None:
    """An amount past the decimal context's exponent range: decimal.Overflow in the sums or the rate."""
    _regression(tmp_path, {"content/funds/2025/a.md": catalog_doc(
        fund="专项资金", fiscal_year=2025, rows=[{"item": "甲", "budget": amount, "spent": "1"}])},
        code=1, lines=[f"content/funds/2025/a.md:13: error: budget: '{amount}' is not an amount", NOT_AN_AMOUNT])


def test_regression_tender_without_written_date(tmp_path: Path) -> None:
    """A tender notice missing `written` (an error) is still grouped into projects, whose sort asserts that
    every notice has a 发布日期: AssertionError in tenders._published instead of the missing-field error."""
    _regression(tmp_path, {"content/tenders/2025/a.md": catalog_doc(
        written=None, project_code="ZB-2025-001", stage="终止公告", purchaser="示例省财政厅")},
        code=1, lines=["content/tenders/2025/a.md:1: error: missing required field 'written' (成文日期)",
                       "  hint: add a line 'written: …' (or '成文日期: …')"])


def test_regression_diagnostic_yaml_reader_error_is_one_line(tmp_path: Path) -> None:
    """A control character in front matter: PyYAML's ReaderError text has a second line
    ('  in "<unicode string>", position 208') that goes to stderr as is, and the line given is the front
    matter's first line (2), not the line of the character (9)."""
    _regression(tmp_path, {
        "content/policies/2025/a.md": catalog_doc().replace("review: 已审查", "review: 已审查\n\x08x: 1")},
        code=1, lines=["content/policies/2025/a.md:9: error: an invisible control character (U+0008) is not allowed "
                       "here", "  hint: delete it and type the text again; it often comes with text copied from Word "
                       "or PDF files"])


def test_regression_diagnostic_echoing_a_newline_stays_one_line(tmp_path: Path) -> None:
    """Messages quote the editor's text as is: a key or value with a newline splits the diagnostic, and a
    crafted key can print a forged diagnostic line for another file. Now the newline is shown as \\n."""
    _regression(tmp_path, {"content/policies/2025/a.md": catalog_doc().replace(
        "review: 已审查", 'review: 已审查\n"titel\\nother.md:1: error: forged": x\ndisclosure: "a\\nb"')},
        code=1, lines=["content/policies/2025/a.md:9: error: unknown field 'titel\\nother.md:1: error: forged'",
                       "  hint: known fields: title, index_no, agency, written, published, topic, genre, doc_no, "
                       "summary, keywords, audience, art20, …; put a site's own fields under 'extra'",
                       "content/policies/2025/a.md:10: error: disclosure: 'a\\nb' is not allowed",
                       "  hint: use one of: 主动公开, 依申请公开, 不予公开"])
