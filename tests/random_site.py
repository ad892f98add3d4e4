"""A small site the random-edit driver (tests/random_edits.py) changes, kept as values and written from them.

The site has what the edits need to reach: policies linking to each other (relative Markdown links), an
interpretation of a policy, a tender project whose deadline is near the tests' clock, a document published
a little after it, a draft, an unreviewed document, an attachment, a topic and a page, a static file, and
the data/ files (agencies, holidays, search settings, wording list). Documents are held as `Doc` values and
written from them, so an edit changes a value and rewrites the file, and a link follows a renamed document.
"""

from __future__ import annotations

import copy
import posixpath
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from helpers import BASE_SITE, NOW, dump_yaml, write_site

AGENCIES = {"czt": "11440000MB2C12345X", "jyt": "11440000MB2C23456Y"}  # key → code (the 索引号 prefix)
TOPICS = ["财政、金融、审计", "财政、金融、审计/财政", "科技、教育/教育", "综合政务/政务公开"]
GENRES = ["通知", "意见", "公告", "规划计划"]
WORDS = ["预算", "绩效", "采购", "教育", "公开", "审计", "资金", "监督", "服务", "改革"]
CLOCK_FORMAT = "%Y-%m-%dT%H:%M:%S+08:00"
TENDER_PROJECT = "SLCG-2026-0001"


@dataclass
class Doc:
    """A document as values: its front matter (in order), its own text, the documents it links to (site
    paths, written as relative links) and the files beside it that its body links to."""

    fields: dict[str, Any]
    text: str
    links: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    @property
    def catalog(self) -> bool:
        return "index_no" in self.fields


@dataclass
class RandomSite:
    """The site on disk and the values it was written from; `now` is the clock its builds use."""

    root: Path
    rng: random.Random
    docs: dict[str, Doc] = field(default_factory=dict)  # by site path, e.g. content/policies/2025/p1.md
    now: datetime = field(default_factory=lambda: datetime.fromisoformat(NOW))
    seq: int = 100  # the next 索引号 sequence number and file stem
    frozen: set[str] = field(default_factory=set)  # paths an edit must leave alone (broken on purpose)
    settings: dict[str, Any] = field(default_factory=dict)  # site.yaml
    data: dict[str, Any] = field(default_factory=dict)  # data/*.yaml by site path (None: the file is absent)

    @property
    def now_text(self) -> str:
        return self.now.strftime(CLOCK_FORMAT)

    def next_seq(self) -> int:
        self.seq += 1
        return self.seq

    def write(self, rel: str) -> None:
        """Write the document at `rel` from its values."""
        doc = self.docs[rel]
        folder = posixpath.dirname(rel)
        body = doc.text
        for target in doc.links:
            body += f"\n\n参见[相关文件]({posixpath.relpath(target, folder)})。"
        for name in doc.files:
            body += f"\n\n下载[{name}]({name})。"
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("---\n" + dump_yaml(doc.fields) + "---\n\n" + body + "\n", encoding="utf-8")

    def write_yaml(self, rel: str) -> None:
        """Write site.yaml or a data/ file from its values (a data/ file whose value is None is removed)."""
        value = self.settings if rel == "site.yaml" else self.data[rel]
        path = self.root / rel
        if value is None:
            path.unlink(missing_ok=True)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(dump_yaml(value), encoding="utf-8")

    def add(self, rel: str, doc: Doc) -> None:
        self.docs[rel] = doc
        self.write(rel)

    def choose(self, *, catalog: bool = True, section: str | None = None, movable: bool = False) -> str | None:
        """A random document (not frozen) of the catalog (or any), optionally of one section; `movable`:
        one no other document names by its 索引号 (an interpretation's policy), so it may go."""
        named = {str(d.fields.get("interprets")) for d in self.docs.values()}
        choices = [rel for rel, doc in sorted(self.docs.items())
                   if rel not in self.frozen and (doc.catalog or not catalog)
                   and (section is None or rel.split("/")[1] == section)
                   and not (movable and doc.fields.get("index_no") in named)]
        return self.rng.choice(choices) if choices else None

    def shown(self, rel: str) -> bool:
        """Whether a document is published by every build (its links are then checked): not a draft, reviewed,
        its body public, published before the clock."""
        fields = self.docs[rel].fields
        when = str(fields.get("published", fields.get("written", "")))[:10]
        return not fields.get("draft") and fields.get("review", "已审查") == "已审查" \
            and fields.get("disclosure", "主动公开") == "主动公开" and when < f"{self.now:%Y-%m-%d}"

    def linking(self, target: str) -> list[str]:
        """The documents whose bodies link to `target`."""
        return [rel for rel, doc in sorted(self.docs.items()) if target in doc.links]

    def words(self, count: int) -> str:
        return "".join(self.rng.choice(WORDS) for _ in range(count))

    def paragraph(self) -> str:
        return (f"## 一、{self.words(2)}\n\n{self.words(6)}工作，第{self.rng.randint(1, 10**6)}号。"
                f"\n\n## 二、{self.words(2)}\n\n{self.words(8)}。")

    def past_date(self) -> str:
        """A date before the clock, in 2025 or 2026."""
        day = self.now.date() - timedelta(days=self.rng.randint(1, 600))
        return day.isoformat()

    def policy(self, seq: int, **extra: Any) -> Doc:
        agency = self.rng.choice(sorted(AGENCIES))
        written = self.past_date()
        fields: dict[str, Any] = {
            "title": f"关于{self.words(3)}的通知{seq}",
            "index_no": f"{AGENCIES[agency]}/{written[:4]}-{seq:05d}",
            "agency": agency,
            "written": written,
            "topic": self.rng.choice(TOPICS),
            "genre": self.rng.choice(GENRES),
            "review": "已审查",
        }
        fields.update(extra)
        return Doc(fields, self.paragraph())


def site_yaml_values() -> dict[str, Any]:
    """The random site's site.yaml: the base one, with small pages so that lists have several."""
    return {**BASE_SITE, "pagination": 4, "feed_limit": 5}


AGENCIES_DATA: list[dict[str, str]] = [
    {"key": "czt", "name": "示例省财政厅", "code": AGENCIES["czt"]},
    {"key": "jyt", "name": "示例省教育厅", "code": AGENCIES["jyt"]},
]
HOLIDAYS_DATA: dict[str, Any] = {"holidays": [{"date": "2026-10-01", "name": "国庆节"}],
                                 "workdays": [{"date": "2026-09-27", "name": "国庆节调休"}]}
SEARCH_DATA: dict[str, Any] = {"synonyms": {"预算": ["财政预算"]}, "popular": ["预算", "采购"]}
WORDING_DATA: dict[str, Any] = {"错别字": {"预算执形": "预算执行"}}


def make_random_site(root: Path, seed: int) -> RandomSite:
    """The random site for `seed`, written into `root`."""
    site = RandomSite(root, random.Random(seed), settings=site_yaml_values())
    site.data = copy.deepcopy({"data/agencies.yaml": AGENCIES_DATA, "data/holidays.yaml": HOLIDAYS_DATA,
                               "data/search.yaml": SEARCH_DATA, "data/wording.yaml": WORDING_DATA,
                               "data/topics.yaml": None, "data/genres.yaml": None})
    write_site(root, {"static/files/readme.txt": "静态文件\n"}, site_yaml=None, agencies_yaml=None)
    for rel in ("site.yaml", *site.data):
        site.write_yaml(rel)
    policies = {f"content/policies/{2025 + n % 2}/p{n}.md": site.policy(n) for n in range(1, 6)}
    policies["content/policies/2026/p1.md"].links.append("content/policies/2025/p2.md")
    policies["content/policies/2026/p3.md"].links.append("content/policies/2026/p1.md")
    policies["content/policies/2026/p1.md"].fields["attachments"] = [{"file": "fujian-1.pdf", "title": "附件1"}]
    (root / "content/policies/2026").mkdir(parents=True)
    (root / "content/policies/2026/fujian-1.pdf").write_bytes(b"%PDF-1.4 attachment\n")
    policies["content/policies/2025/p4.md"].fields["draft"] = True
    policies["content/policies/2026/p5.md"].fields["review"] = "未审查"
    for rel, doc in policies.items():
        site.add(rel, doc)
    later = site.policy(8, published="2026-11-27 14:00")  # two hours after the tests' clock
    later.fields["written"] = "2026-11-27"
    later.fields["index_no"] = f"{AGENCIES[later.fields['agency']]}/2026-00008"
    site.add("content/policies/2026/p8.md", later)
    policy = site.docs["content/policies/2026/p1.md"].fields
    site.add("content/interpretations/2026/i1.md", Doc({
        "title": "政策解读一", "index_no": f"{AGENCIES['czt']}/{policy['written'][:4]}-00009", "agency": "czt",
        "written": policy["written"], "topic": TOPICS[0], "genre": "解读", "review": "已审查",
        "interprets": policy["index_no"]}, site.paragraph()))
    site.add("content/tenders/2026/t1.md", tender(site, 10, "2026-11-01", "2026-11-27 15:00"))
    site.add("content/topics/zhuanti.md", Doc({"title": "财政专题", "match": {"topic": TOPICS[0]}}, "财政专题。"))
    site.add("content/pages/guide.md", Doc({"title": "公开指南", "menu": 1}, "## 指南\n\n" + site.words(5)))
    return site


def tender(site: RandomSite, seq: int, written: str, deadline: str, project: str = TENDER_PROJECT) -> Doc:
    """A 招标公告 of a tender project, published on `written`, whose bids close at `deadline`."""
    return Doc({
        "title": f"示例采购项目招标公告{seq}", "index_no": f"{AGENCIES['czt']}/{written[:4]}-{seq:05d}",
        "agency": "czt", "written": written, "topic": "综合政务/政务公开", "genre": "招标采购", "review": "已审查",
        "project_code": project, "stage": "招标公告", "method": "公开招标", "purchaser": "示例省财政厅",
        "budget": 100000 + seq, "deadline": deadline}, "招标内容：" + site.words(4) + "。")
