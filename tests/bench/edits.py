"""The one-document edits the benchmarks time (tests/bench/run.py, serve_edit.py): a policy's title, body or
date, changed in its file as an editor would, keeping the site valid."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path


def middle_policy(site: Path) -> Path:
    """The edited document: the policy in the middle of content/policies (the same one every time)."""
    docs = sorted((site / "content/policies").rglob("*.md"))
    return docs[len(docs) // 2]


def edit_title(doc: Path, k: int) -> None:
    """Change the title (the k-th edit gets its own words)."""
    text = doc.read_text(encoding="utf-8")
    start = text.index("\ntitle: ") + len("\ntitle: ")
    end = text.index("\n", start)
    doc.write_text(text[:start] + text[start:end].split("（修订")[0] + f"（修订{k}）" + text[end:], encoding="utf-8")


def edit_body(doc: Path, k: int) -> None:
    """Add a sentence at the end of the body (the k-th edit gets its own words)."""
    text = doc.read_text(encoding="utf-8").rstrip("\n")
    doc.write_text(text + f"\n\n本文件第{k}次修订补充说明：请各单位遵照执行。\n", encoding="utf-8")


def edit_date(doc: Path) -> None:
    """Move the 发布日期 one day earlier (never before 成文日期: a distinct published date is later than it),
    or when there is none, the 成文日期 (which is then also the 发布日期)."""
    text = doc.read_text(encoding="utf-8")
    head, sep, body = text.partition("\n---\n")
    key = "published" if re.search(r"^published: ", head, re.M) else "written"
    found = re.search(rf"^{key}: (\d{{4}}-\d{{2}}-\d{{2}})", head, re.M)
    assert found is not None, f"{doc}: no {key} date"
    earlier = dt.date.fromisoformat(found.group(1)) - dt.timedelta(days=1)
    head = head[:found.start(1)] + earlier.isoformat() + head[found.end(1):]
    doc.write_text(head + sep + body, encoding="utf-8")
