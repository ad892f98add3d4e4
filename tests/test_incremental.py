"""The preview's incremental rebuilds (memos kept, only changed files written) always equal a clean build.

A series of random edits (title, topic, date, body, delete, rename, new document, template change) is applied
to a small site; after each, the files the preview server holds are compared with a fresh build of the same
site into an empty folder: they must be byte-identical every time.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from helpers import NOW, REPO_ROOT, build_request, catalog_doc, tree_digest, write_site

import govsite.output.plan
from govsite.memo import BuildMemo
from govsite.output.engine import PageSpec
from govsite.pipeline import prepare
from govsite.serve import PreviewState, rebuild
from govsite.write import write_plan

TOPICS = ["财政、金融、审计", "财政、金融、审计/财政", "科技、教育/教育", "综合政务/政务公开"]


def clean_build(site: Path, out: Path) -> dict[str, str]:
    request = build_request(site, out, drafts=True, future=True, unreviewed=True, search=False)
    result, plan = prepare(request)
    assert plan is not None, [d.format() for d in result.diagnostics]
    write_plan(plan, out)
    return tree_digest(out)


def document(seq: int, rng: random.Random) -> str:
    day = rng.randint(1, 28)
    return catalog_doc(index_no=f"11440000MB2C12345X/2025-{seq:05d}", title=f"文件{seq}-{rng.randint(0, 999)}",
                       written=f"2025-{rng.randint(1, 12):02d}-{day:02d}", topic=rng.choice(TOPICS),
                       body=f"## 一、正文\n\n内容{rng.randint(0, 10**6)}，见[首页文件](d1.md)。\n")


def edit(site: Path, rng: random.Random, step: int) -> str:
    """One random change to the site; returns what it did."""
    docs = sorted((site / "content/policies").glob("*.md"))
    action = rng.choice(["title", "topic", "date", "body", "delete", "rename", "new", "template"])
    target = rng.choice([d for d in docs if d.name != "d1.md"] or docs)
    seq = int(target.stem.lstrip("dx").split("-")[0]) if target.stem.lstrip("dx").split("-")[0].isdigit() else 1
    if action in ("title", "topic", "date", "body"):
        target.write_text(document(seq, rng), encoding="utf-8")
    elif action == "delete" and target.name != "d1.md" and len(docs) > 3:
        target.unlink()
    elif action == "rename" and target.name != "d1.md":
        target.rename(target.with_name(f"x{seq}-{step}.md"))
    elif action == "new":
        fresh = 100 + step
        (site / f"content/policies/d{fresh}.md").write_text(document(fresh, rng), encoding="utf-8")
    elif action == "template":
        base = (REPO_ROOT / "themes/default/templates/base.html").read_text(encoding="utf-8")
        folder = site / "themes/default/templates"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "base.html").write_text(base.replace("</main>", f"<p>版本{step}</p></main>"), encoding="utf-8")
    return action


def test_fifty_random_edits_give_the_same_output_as_clean_builds(tmp_path: Path) -> None:
    rng = random.Random(20261127)
    site = write_site(tmp_path / "site", {f"content/policies/d{i}.md": document(i, rng) for i in range(1, 9)})
    preview = tmp_path / "preview"
    preview.mkdir()
    state, memo = PreviewState(), BuildMemo()
    rebuild(site, preview, state, memo, NOW, search=False)
    assert not state.errors, state.errors
    actions = []
    for step in range(50):
        actions.append(edit(site, rng, step))
        rebuild(site, preview, state, memo, NOW, search=False)
        assert not state.errors, (actions, state.errors)
        clean = clean_build(site, tmp_path / f"clean-{step}")
        assert tree_digest(preview) == clean, f"differs after {actions}"
    assert len(set(actions)) >= 6  # the series really exercised most kinds of edit


def test_a_first_preview_build_on_every_core_records_what_the_next_builds_use(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The preview's first build makes its pages in workers (enough pages for two) and records what each
    read; the rebuilds after it, in this process, make only the pages whose reads changed, and still equal
    clean builds."""
    rng = random.Random(7)
    site = write_site(tmp_path / "site", {f"content/policies/d{i}.md": document(i, rng) for i in range(1, 301)})
    preview = tmp_path / "preview"
    preview.mkdir()
    state, memo = PreviewState(), BuildMemo()
    rebuild(site, preview, state, memo, NOW, search=False, workers=True)
    assert not state.errors, state.errors
    assert memo.recorded is not None and len(memo.recorded.pages) > 400  # every page, from the workers
    assert tree_digest(preview) == clean_build(site, tmp_path / "clean-first")
    made: list[str] = []
    page_job = govsite.output.plan.page_job

    def counted(spec: PageSpec, *args: Any) -> Any:
        made.append(spec.out_rel)
        return page_job(spec, *args)

    monkeypatch.setattr(govsite.output.plan, "page_job", counted)
    (site / "content/policies/d5.md").write_text(document(5, rng), encoding="utf-8")  # one document edited
    rebuild(site, preview, state, memo, NOW, search=False)
    documents = [rel for rel in made if rel.startswith("policies/d")]
    assert documents == ["policies/d5/index.html"], made  # not the other 299 documents' pages
    assert len(made) < 100, made  # and of the lists only pages the moved document entered, left or shifted
    assert tree_digest(preview) == clean_build(site, tmp_path / "clean-one")
    for step in range(3):
        action = edit(site, rng, step)
        rebuild(site, preview, state, memo, NOW, search=False)
        assert not state.errors, (action, state.errors)
        assert tree_digest(preview) == clean_build(site, tmp_path / f"clean-{step}"), action
