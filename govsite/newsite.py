"""`govsite init DIR`: the files of a new site that builds at once and whose only findings are its TODOs.

Everything is gathered first (`site_files`), then written (`write_site`) without ever overwriting a file.
The example documents come from `govsite new`'s templates (govsite.newdoc) with valid stand-in values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from govsite.config import Publisher, SiteConfig, base_url_problem, normalise_base_url
from govsite.content.document import Document
from govsite.content.parse import parse_document
from govsite.environment import file_in_the_way
from govsite.errors import EnvironmentProblem, UsageError
from govsite.newdoc import TODO, Example, NewDocument, new_document
from govsite.registry import Agency, Registry
from govsite.skeleton import page_texts

AGENCY_KEY = "main"
PLACEHOLDER_CODE = "000000000000000000"
SITE_CODE = re.compile(r"[0-9A-Za-z]{10}")
TITLE_SUFFIXES = ("信息公开专栏", "信息公开网", "信息公开", "门户网站", "网站")
EXAMPLE_KINDS = ("policy", "interpretation", "disclosure", "tender", "fund", "report", "topic")


@dataclass(frozen=True)
class NewSite:
    """What `govsite init` was asked for, checked: the sponsor is derived from the title when not given."""

    title: str
    base_url: str
    site_code: str
    sponsor: str
    sponsor_derived: bool
    now: datetime


def new_site(title: str, base_url: str, site_code: str, sponsor: str | None, now: datetime) -> NewSite:
    """Check the flags; a problem is a one-line UsageError (exit 2) naming the flag and an example."""
    title = title.strip()
    if not title or len(title) > 100 or "\n" in title:
        raise UsageError(f"--title: '{title}' must be one line of 1 to 100 characters; "
                         "write e.g. --title 示例市人民政府信息公开")
    problem = base_url_problem(base_url)
    if problem:
        raise UsageError(f"--base-url: {problem}; write e.g. https://www.example.gov.cn/xxgk/")
    if not SITE_CODE.fullmatch(site_code):
        raise UsageError(f"--site-code: '{site_code}' is not a 网站标识码 (10 letters or digits); "
                         "write e.g. --site-code 4400000001")
    derived = sponsor is None
    body = (sponsor or _sponsor_from(title)).strip()
    if not body:
        raise UsageError(f"--sponsor is needed: the title '{title}' does not name the 主办单位; "
                         "write e.g. --sponsor 示例市人民政府办公室")
    return NewSite(title, normalise_base_url(base_url.strip()), site_code, body, derived, now)


def _sponsor_from(title: str) -> str:
    """示例市人民政府信息公开 → 示例市人民政府 (the title without a trailing 信息公开, 网站 …)."""
    for suffix in TITLE_SUFFIXES:
        if title.endswith(suffix):
            return title[: -len(suffix)]
    return ""


def site_files(site: NewSite) -> tuple[tuple[str, str], ...]:
    """Every file of the new site as (relative path, text); nothing is written here."""
    config = SiteConfig(title=site.title, base_url=site.base_url,
                        publisher=Publisher(sponsor=site.sponsor, site_code=site.site_code))
    agency = Agency(AGENCY_KEY, site.sponsor, PLACEHOLDER_CODE)
    registry = Registry((agency,), (), (), (), frozenset(), frozenset())
    today = site.now.astimezone(config.tz)
    documents: list[Document] = []
    files: list[tuple[str, str]] = [("site.yaml", _site_yaml(site, config, today)),
                                    ("data/agencies.yaml", _agencies(site))]
    example = Example()
    for kind in EXAMPLE_KINDS:
        new = new_document(config, registry, tuple(documents), kind, AGENCY_KEY, _title(kind, today),
                           _report_time(site.now, today) if kind == "report" else site.now, example)
        if kind == "policy":
            example = Example(policy=new.index_no)
        files.append((_renamed(new, kind), new.text))
        parsed = parse_document(new.path, new.text.encode("utf-8"), config.tz)
        if parsed.document is not None:
            documents.append(parsed.document)
    files.extend(page_texts(site.title, site.sponsor, today))
    return tuple(files)


def _report_time(now: datetime, today: datetime) -> datetime:
    """The example annual report (last year's) is dated no later than a government's deadline, 31 March
    (Article 50), so that the new site's inspection finds it on time."""
    deadline = today.replace(month=3, day=31, hour=12, minute=0, second=0, microsecond=0)
    return min(now, deadline)


def _title(kind: str, today: datetime) -> str:
    if kind == "report":
        return f"{TODO}: {today.year - 1}年政府信息公开工作年度报告"
    return {"policy": f"{TODO}: 政策文件标题", "interpretation": f"{TODO}: 政策解读标题",
            "disclosure": f"{TODO}: 公开事项标题", "tender": f"{TODO}: 招标公告标题",
            "fund": f"{TODO}: 资金使用情况标题",
            "topic": f"{TODO}: 专题名称"}[kind]


def _renamed(new: NewDocument, kind: str) -> str:
    """The example topic gets a readable file name instead of `govsite new`'s time stamp."""
    return "content/topics/shili-zhuanti.md" if kind == "topic" else new.path


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _site_yaml(site: NewSite, config: SiteConfig, today: datetime) -> str:
    """site.yaml, with the declared defaults of language, timezone, theme and review_required written out."""
    sponsor_note = f"          # {TODO}: 由标题推出，请核对主办单位全称" if site.sponsor_derived else ""
    return "\n".join([
        f"# {site.title} — govsite 站点配置（govsite init 于 {today:%Y-%m-%d} 生成；字段说明见 docs/editor/fields.md）",
        f"title: {_quoted(site.title)}",
        f"base_url: {site.base_url}",
        f"language: {config.language}",
        f"timezone: {config.timezone}",
        f"theme: {config.theme}",
        "publisher:",
        f"  sponsor: {_quoted(site.sponsor)}{sponsor_note}",
        f"  site_code: \"{site.site_code}\"",
        f"  # {TODO}: 填写承办单位、备案号和联系方式后删去行首的 #（页脚显示，检查指标要求）",
        "  # operator: 示例市大数据中心",
        "  # icp: 粤ICP备00000000号",
        "  # police: 粤公网安备00000000000000号",
        "  # contact: {phone: 020-00000000, email: xxgk@example.gov.cn, address: 示例市示例路1号}",
        f"review_required: {'true' if config.review_required else 'false'}",
        "",
    ])


def _agencies(site: NewSite) -> str:
    return "\n".join([
        "# 发布机构名录：key 用于前置元数据、网址和文件名；name 为全称；",
        "# code 为统一社会信用代码（18 位），即索引号前缀。",
        "# 每个发布机构一项；改动 key 或 code 时，示例文件的 发布机构 和 索引号 也要一起改。",
        f"- key: {AGENCY_KEY}",
        f"  name: {_quoted(site.sponsor)}",
        f"  code: {PLACEHOLDER_CODE}          # {TODO}: 本机关的统一社会信用代码（18 位）",
        "",
    ])


def existing(folder: Path, files: tuple[tuple[str, str], ...]) -> list[str]:
    """The files init would write that are already there (init never overwrites)."""
    return [rel for rel, _text in files if (folder / rel).exists()]


def write_site(folder: Path, files: tuple[tuple[str, str], ...]) -> None:
    """Write every file; refuse, before writing anything, when one of them exists."""
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"'{folder}' is a file, not a folder; give a new or empty folder")
    blocking = file_in_the_way(folder / "site.yaml")
    if blocking is not None:
        raise EnvironmentProblem(f"'{folder}' cannot be made: '{blocking}' is a file, not a folder; give a new or "
                                 "empty folder")
    taken = existing(folder, files)
    if taken:
        more = f" and {len(taken) - 1} other file(s) it would write" if len(taken) > 1 else ""
        raise UsageError(f"'{folder / taken[0]}'{more} already exist(s); govsite init never overwrites files: "
                         "give a new or empty folder")
    for rel, text in files:
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
