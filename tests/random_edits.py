"""The random edits of every kind an editor makes to a site (tests/random_site.py), one function per kind.

Each edit changes the site's values, rewrites the files that hold them (a rename also rewrites the links to
the document; an agency change also the interpretations that name the policy's 索引号) and returns what it
did, in words, for the failure message. Every edit keeps the site valid (tests/random_breaks.py makes it
invalid on purpose). Used through tests/equivalence.py against both engines.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import yaml
from random_site import AGENCIES, CLOCK_FORMAT, GENRES, TOPICS, Doc, RandomSite, tender

from govsite.theme_folder import builtin_theme

Edit = Callable[[RandomSite], str]

OVERRIDDEN_TEMPLATES = {"base.html": "</main>", "document.html": "{% block content %}",
                        "list.html": "{% block content %}", "home.html": "{% block content %}"}


def edit_title(site: RandomSite) -> str:
    rel = site.choose(catalog=False)
    assert rel is not None
    site.docs[rel].fields["title"] = f"{site.words(3)}的{site.rng.choice(['通知', '意见', '页面'])}{site.next_seq()}"
    site.write(rel)
    return f"title of {rel}"


def edit_body(site: RandomSite) -> str:
    rel = site.choose(catalog=False)
    assert rel is not None
    doc = site.docs[rel]
    others = [other for other in sorted(site.docs) if other != rel and other not in doc.links]
    way = site.rng.choice(["text", "text", "link", "unlink"])
    if way == "link" and others:
        doc.links.append(site.rng.choice(others))
    elif way == "unlink" and doc.links:
        doc.links.pop(site.rng.randrange(len(doc.links)))
    else:
        way = "text"
        doc.text = site.paragraph() + ("\n\n- " + site.words(3)) * site.rng.randint(0, 2)
    site.write(rel)
    return f"body of {rel} ({way})"


def _dated(rel: str) -> bool:
    return rel.split("/")[1] in ("policies", "interpretations")


def edit_date(site: RandomSite) -> str:
    rel = site.rng.choice([r for r in sorted(site.docs) if _dated(r) and r not in site.frozen])
    fields = site.docs[rel].fields
    way = site.rng.choice(["written", "published", "published", "published soon", "no published"])
    if way == "written":
        fields["written"] = site.past_date()
        fields.pop("published", None)
    elif way == "published":
        day = datetime.fromisoformat(fields["written"]) + timedelta(days=site.rng.randint(0, 30))
        fields["published"] = f"{day:%Y-%m-%d} {site.rng.randint(8, 18):02d}:{site.rng.choice([0, 30]):02d}"
    elif way == "published soon":  # after the clock, by a few hours: a future document
        fields["written"] = f"{site.now:%Y-%m-%d}"
        fields["published"] = f"{site.now + timedelta(hours=site.rng.randint(1, 30)):%Y-%m-%d %H:%M}"
    else:
        fields.pop("published", None)
    site.write(rel)
    return f"{way} date of {rel}: {fields['written']} / {fields.get('published')}"


def _set_index_no(site: RandomSite, rel: str, index_no: str) -> None:
    """Give a document another 索引号, and the interpretations that name it the new one."""
    old = site.docs[rel].fields["index_no"]
    site.docs[rel].fields["index_no"] = index_no
    for other, doc in sorted(site.docs.items()):
        if doc.fields.get("interprets") == old:
            doc.fields["interprets"] = index_no
            site.write(other)


def edit_metadata(site: RandomSite) -> str:
    rel = site.choose()
    assert rel is not None
    fields = site.docs[rel].fields
    ways = ["topic", "agency", "doc_no", "keywords", "summary", "expires", "draft", "review"]
    if rel.split("/")[1] == "policies":
        ways += ["genre", "validity", "category", "art20", "disclosure"]
    way = site.rng.choice(ways)
    if way == "topic":
        fields["topic"] = site.rng.choice([*TOPICS, TOPICS[1:3]])
    elif way == "agency":
        agency = "jyt" if fields["agency"] == "czt" else "czt"
        fields["agency"] = agency
        _set_index_no(site, rel, AGENCIES[agency] + "/" + fields["index_no"].split("/", 1)[1])
    elif way == "genre":
        fields["genre"] = site.rng.choice(GENRES)
    elif way == "doc_no":
        fields["doc_no"] = f"示财〔{fields['written'][:4]}〕{site.rng.randint(1, 99)}号"
    elif way == "keywords":
        fields["keywords"] = [site.words(1) for _ in range(site.rng.randint(1, 3))]
    elif way == "summary":
        fields["summary"] = site.words(5) + "。"
    elif way == "expires":
        if "expires" in fields:
            del fields["expires"]
        else:
            fields["expires"] = f"{site.now + timedelta(days=site.rng.randint(-300, 300)):%Y-%m-%d}"
    elif way in ("draft", "review", "disclosure"):
        flip = {"draft": (True, None), "review": ("未审查", "已审查"), "disclosure": ("依申请公开", None)}[way]
        value = flip[0] if fields.get(way) != flip[0] else flip[1]
        if value is None:
            fields.pop(way, None)
        else:
            fields[way] = value
    elif way == "validity":
        fields["validity"] = site.rng.choice(["有效", "失效"])
    elif way == "category":
        fields["category"] = site.rng.choice(["规章", "行政规范性文件", "其他"])
    elif way == "art20":
        fields["art20"] = site.rng.randint(1, 15)
    site.write(rel)
    return f"{way} of {rel}: {fields.get(way)}"


def edit_new(site: RandomSite) -> str:
    seq = site.next_seq()
    way = site.rng.choice(["policy", "policy", "interpretation", "tender", "correction", "page", "topic"])
    if way == "policy":
        rel = f"content/policies/{site.rng.choice(['2024', '2025', '2026', 'tongzhi'])}/n{seq}.md"
        doc = site.policy(seq)
        if site.rng.random() < 0.5:
            doc.links.append(site.rng.choice(sorted(site.docs)))
    elif way == "interpretation":
        policy = site.choose(section="policies")
        assert policy is not None
        fields = site.docs[policy].fields
        doc = site.policy(seq, genre="解读", interprets=fields["index_no"])
        doc.fields.update(written=fields["written"], index_no=f"{AGENCIES[doc.fields['agency']]}/{fields['written'][:4]}-"
                                                             f"{seq:05d}")
        rel = f"content/interpretations/2026/n{seq}.md"
    elif way in ("tender", "correction"):
        project = f"SLCG-2026-{seq:04d}" if way == "tender" else "SLCG-2026-0001"
        deadline = site.now + timedelta(days=site.rng.randint(-5, 40), hours=site.rng.randint(0, 12))
        doc = tender(site, seq, f"{site.now - timedelta(days=25):%Y-%m-%d}", f"{deadline:%Y-%m-%d %H:%M}", project)
        if way == "correction":
            doc.fields.update(stage="更正公告", title=f"示例采购项目更正公告{seq}")
            doc.fields.pop("budget")
        rel = f"content/tenders/2026/n{seq}.md"
    elif way == "page":
        rel = f"content/pages/n{seq}.md"
        doc = Doc({"title": f"页面{seq}", "menu": site.rng.randint(2, 9)}, site.paragraph())
    else:
        rel = f"content/topics/n{seq}.md"
        doc = Doc({"title": f"专题{seq}", "match": {"agency": site.rng.choice(sorted(AGENCIES))}}, "专题。")
    site.add(rel, doc)
    return f"new {way} {rel}"


def _remove_links_to(site: RandomSite, target: str) -> None:
    for rel in site.linking(target):
        site.docs[rel].links = [link for link in site.docs[rel].links if link != target]
        site.write(rel)


def edit_delete(site: RandomSite) -> str:
    if sum(doc.catalog for doc in site.docs.values()) < 6:
        return edit_new(site) + " (instead of a deletion: few documents left)"
    rel = site.choose(catalog=False, movable=True)
    assert rel is not None
    doc = site.docs.pop(rel)
    (site.root / rel).unlink()
    _remove_links_to(site, rel)
    kept = site.rng.random() < 0.3  # a file beside it that nothing names any more is still published
    if not kept:
        for name in [a["file"] for a in doc.fields.get("attachments", [])] + doc.files:
            (site.root / posixpath.dirname(rel) / name).unlink(missing_ok=True)
    return f"deleted {rel}" + (" (its files kept)" if kept else "")


def edit_rename(site: RandomSite) -> str:
    rel = site.choose(catalog=False)
    assert rel is not None
    section = rel.split("/")[1]
    folder = posixpath.dirname(rel)
    if section in ("policies", "interpretations", "tenders"):
        folder = f"content/{section}/{site.rng.choice(['2024', '2025', '2026', 'zhengce/2026'])}"
    stem = site.rng.choice([f"r{site.next_seq()}", f"文件{site.next_seq()}", posixpath.basename(rel)[:-3]])
    new = f"{folder}/{stem}.md"
    if new in site.docs:
        new = f"{folder}/r{site.next_seq()}.md"
    doc = site.docs.pop(rel)
    site.docs[new] = doc
    for name in [a["file"] for a in doc.fields.get("attachments", [])] + doc.files:
        (site.root / folder).mkdir(parents=True, exist_ok=True)
        (site.root / posixpath.dirname(rel) / name).rename(site.root / folder / name)
    (site.root / rel).unlink()
    site.write(new)
    for other in site.linking(rel):
        site.docs[other].links = [new if link == rel else link for link in site.docs[other].links]
        site.write(other)
    return f"renamed {rel} to {new}"


def edit_template(site: RandomSite) -> str:
    """The site's own themes/default/templates override of a built-in template: added, changed or removed."""
    name = site.rng.choice(sorted(OVERRIDDEN_TEMPLATES))
    path = site.root / "themes/default/templates" / name
    if path.exists() and site.rng.random() < 0.4:
        path.unlink()
        return f"template override {name} removed"
    anchor = OVERRIDDEN_TEMPLATES[name]
    marker = f"<p class=\"edit\">版本{site.next_seq()}</p>"
    text = (builtin_theme() / "templates" / name).read_text(encoding="utf-8")
    assert anchor in text, (name, anchor)
    text = text.replace(anchor, marker + anchor, 1) if anchor.startswith("</") else text.replace(anchor, anchor + marker, 1)
    added = not path.exists()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return f"template override {name} {'added' if added else 'changed'}"


def edit_data(site: RandomSite) -> str:
    rel = site.rng.choice(sorted(site.data))
    value = site.data[rel]
    n = site.next_seq()
    if rel == "data/agencies.yaml":
        if site.rng.random() < 0.5:
            value[0]["name"] = site.rng.choice(["示例省财政厅", "示例省财政厅（省国资委）", f"示例省财政厅{n}"])
        elif len(value) > 2:
            value.pop()
        else:
            value.append({"key": "fgw", "name": "示例省发展和改革委员会", "code": "11440000MB2C34567Z"})
    elif rel == "data/holidays.yaml":
        value["holidays"] = [{"date": f"2026-{site.rng.randint(1, 11):02d}-{site.rng.randint(1, 28):02d}",
                              "name": "假日"} for _ in range(site.rng.randint(0, 4))]
    elif rel == "data/search.yaml":
        value = None if value is not None and site.rng.random() < 0.3 else \
            {"synonyms": {site.words(1): [site.words(2)]}, "popular": [site.words(1), site.words(2)]}
    elif rel == "data/wording.yaml":
        value = {"错别字": {site.words(1) + "执形": site.words(1)}} if site.rng.random() < 0.7 else None
    else:  # topics.yaml, genres.yaml: the built-in lists with one slug changed, or no file (the built-in ones)
        value = None if value is not None and site.rng.random() < 0.4 else _with_slug(rel, f"slug-{n}")
    site.data[rel] = value
    site.write_yaml(rel)
    return f"{rel} {'removed' if value is None else 'changed'}"


def _with_slug(rel: str, slug: str) -> Any:
    """The built-in topics (or genres) with the first topic's (or genre 通知's) slug changed."""
    name = posixpath.basename(rel)
    data = yaml.safe_load((Path(__file__).resolve().parents[1] / "govsite/defaults" / name).read_text(encoding="utf-8"))
    entries = data if name == "topics.yaml" else data["official"]
    target = next(e for e in entries if e["name"] in ("财政、金融、审计", "通知"))
    target["slug"] = slug
    return data


def edit_settings(site: RandomSite) -> str:
    settings = site.settings
    way = site.rng.choice(["title", "pagination", "feed_limit", "operator", "phone", "review_required", "base_url"])
    if way == "title":
        settings["title"] = f"示例省人民政府信息公开{site.next_seq()}"
    elif way == "pagination":
        settings["pagination"] = site.rng.randint(2, 6)
    elif way == "feed_limit":
        settings["feed_limit"] = site.rng.randint(2, 8)
    elif way == "operator":
        settings["publisher"] = {**settings["publisher"], "operator": site.rng.choice(["示例省大数据中心", "示例中心"])}
    elif way == "phone":
        settings["publisher"] = {**settings["publisher"], "contact": {"phone": f"020-{site.rng.randint(10**7, 10**8 - 1)}"}}
    elif way == "review_required":
        settings["review_required"] = not settings.get("review_required", True)
    else:
        settings["base_url"] = site.rng.choice(["https://www.example.gov.cn/xxgk/", "https://gk.example.gov.cn/"])
    site.write_yaml("site.yaml")
    return f"site.yaml {way}: {settings.get(way, settings['publisher'])}"


def edit_static(site: RandomSite) -> str:
    files = sorted(p for p in (site.root / "static").rglob("*") if p.is_file())
    way = site.rng.choice(["add", "change", "delete", "theme"])
    if way == "delete" and files:
        path = site.rng.choice(files)
        path.unlink()
    elif way == "change" and files:
        path = site.rng.choice(files)
        path.write_bytes(path.read_bytes() + site.words(2).encode())
    elif way == "theme":  # the site's theme overrides a built-in static file, or stops overriding it
        path = site.root / "themes/default/static/theme.css"
        if path.exists():
            path.unlink()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text((builtin_theme() / "static/theme.css").read_text(encoding="utf-8") + "\n/* 本站 */\n",
                            encoding="utf-8")
    else:
        way = "add"
        path = site.root / "static" / site.rng.choice(["files", "img", "."]) / f"s{site.next_seq()}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(site.words(3), encoding="utf-8")
    return f"static {way} {path.relative_to(site.root).as_posix()}"


def edit_attachment(site: RandomSite) -> str:
    rel = site.choose()
    assert rel is not None
    doc = site.docs[rel]
    folder = site.root / posixpath.dirname(rel)
    attachments: list[dict[str, str]] = doc.fields.setdefault("attachments", [])
    way = site.rng.choice(["bytes", "add", "remove", "title", "linked"])
    if way == "bytes" and attachments:
        path = folder / site.rng.choice(attachments)["file"]
        path.write_bytes(path.read_bytes() + site.words(2).encode())
        return f"attachment bytes {path.relative_to(site.root).as_posix()}"
    if way == "remove" and attachments:
        gone = attachments.pop(site.rng.randrange(len(attachments)))
        if site.rng.random() < 0.7:
            (folder / gone["file"]).unlink()
    elif way == "title" and attachments:
        site.rng.choice(attachments)["title"] = f"附件{site.next_seq()}"
    elif way == "linked":  # a file the body links to (not an attachment): added, or its link removed
        if doc.files and site.rng.random() < 0.5:
            doc.files.pop()
        else:
            name = f"biao{site.next_seq()}.csv"
            (folder / name).write_text("项目,金额\n预算,1\n", encoding="utf-8")
            doc.files.append(name)
    else:
        way = "add"
        name = site.rng.choice([f"fujian-{site.next_seq()}.pdf", f"附件{site.next_seq()}.xlsx"])
        (folder / name).write_bytes(b"%PDF-1.4 " + site.words(4).encode())
        attachments.append({"file": name, "title": f"附件{len(attachments) + 1}"})
    if not attachments:
        del doc.fields["attachments"]
    site.write(rel)
    return f"attachment {way} of {rel}"


def _moments(site: RandomSite) -> list[datetime]:
    """The publication times, deadlines and publicity ends after the clock."""
    found = []
    for doc in site.docs.values():
        for key in ("published", "deadline", "publicity_end"):
            value = doc.fields.get(key)
            if isinstance(value, str):
                text = value if " " in value else value + " 00:00"
                moment = datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=site.now.tzinfo)
                if moment > site.now:
                    found.append(moment)
    return sorted(found)


def edit_now(site: RandomSite) -> str:
    """`--now` moves forward: past the next publication time or deadline; or a little (often across nothing);
    when nothing lies ahead, a document to be published in a few hours, or a tender closing then, comes first."""
    ahead = _moments(site)
    if not ahead:
        seq = site.next_seq()
        later = site.now + timedelta(hours=site.rng.randint(1, 5))
        if site.rng.random() < 0.5:
            site.add(f"content/policies/2026/later{seq}.md", site.policy(
                seq, written=f"{site.now:%Y-%m-%d}", published=f"{later:%Y-%m-%d %H:%M}"))
        else:
            site.add(f"content/tenders/2026/later{seq}.md", tender(
                site, seq, f"{site.now - timedelta(days=25):%Y-%m-%d}", f"{later:%Y-%m-%d %H:%M}", f"SLCG-2026-{seq}"))
        ahead = _moments(site)
    if site.rng.random() < 0.7:
        site.now = ahead[0] + timedelta(minutes=site.rng.choice([0, 1, 30]))  # at a moment is past it
    else:
        site.now += timedelta(minutes=site.rng.randint(1, 600))
    return f"now {site.now.strftime(CLOCK_FORMAT)} (next moment was {ahead[0]:%Y-%m-%d %H:%M})"


EDITS: dict[str, Edit] = {
    "title": edit_title, "body": edit_body, "date": edit_date, "metadata": edit_metadata, "new": edit_new,
    "delete": edit_delete, "rename": edit_rename, "template": edit_template, "data": edit_data,
    "site.yaml": edit_settings, "static": edit_static, "attachment": edit_attachment, "now": edit_now,
}
