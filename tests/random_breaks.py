"""Ways to make the random site (tests/random_site.py) invalid on purpose, each with the way to mend it: a
document's unknown key or missing title, a broken link in a published document, a duplicate 索引号, an unknown
site.yaml key, unreadable data/agencies.yaml, a template syntax error, a 严重 wording error."""

from __future__ import annotations

import re
from collections.abc import Callable

from random_site import RandomSite

WHILE_BROKEN = ("title", "body", "static", "now")  # edits made while the site is broken (they leave it broken)


def break_site(site: RandomSite) -> tuple[str, Callable[[], None]]:
    """Make the site invalid in one of several ways; returns what was done and how to undo it."""
    way = site.rng.choice(["unknown key", "missing title", "broken link", "duplicate 索引号", "site.yaml key",
                           "agencies YAML", "template syntax", "serious wording"])
    rel = site.choose()
    if way == "broken link":  # a link is checked only in a document that is published
        rel = site.rng.choice([r for r in sorted(site.docs) if site.docs[r].catalog and site.shown(r)] or [None])
        way = way if rel is not None else "unknown key"
        rel = rel or site.choose()
    assert rel is not None
    path = site.root / rel
    if way in ("unknown key", "missing title", "broken link"):
        site.frozen.add(rel)
        text = path.read_text(encoding="utf-8")
        text = {"unknown key": lambda: text.replace("\ntitle:", "\ntitel:", 1),
                "missing title": lambda: re.sub(r"\ntitle: [^\n]*", "", text, count=1),
                "broken link": lambda: text + "\n见[缺失文件](missing.md)。\n"}[way]()
        path.write_text(text, encoding="utf-8")

        def undo_doc() -> None:
            site.frozen.discard(rel)
            site.write(rel)
        return f"{way} in {rel}", undo_doc
    if way == "duplicate 索引号":
        copy = site.root / f"content/policies/2026/dup{site.next_seq()}.md"
        copy.write_text(path.read_text(encoding="utf-8").replace("\ntitle: ", "\ntitle: 副本", 1), encoding="utf-8")
        return f"{way} of {rel} in {copy.name}", lambda: copy.unlink()
    target = {"site.yaml key": "site.yaml", "agencies YAML": "data/agencies.yaml",
              "template syntax": "themes/default/templates/list.html", "serious wording": "data/wording.yaml"}[way]
    file = site.root / target
    before = file.read_bytes() if file.exists() else None
    broken = {"site.yaml key": lambda: (before or b"") + b"paginaton: 3\n",
              "agencies YAML": lambda: (before or b"") + b"- key: [\n",
              "template syntax": lambda: b"{% extends \"base.html\" %}{% block content %}{% if %}{% endblock %}",
              "serious wording": lambda: "错别字:\n  工作: {正确写法: 事务, 严重: true}\n".encode()}[way]()
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_bytes(broken)

    def undo_file() -> None:
        if before is None:
            file.unlink()
        else:
            file.write_bytes(before)
    return f"{way} in {target}", undo_file
