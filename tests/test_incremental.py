"""The preview's first build runs on every core and records what its rebuilds use.

That every preview rebuild (govsite.serve.rebuild) equals a clean build after random edits of every kind is
tests/test_random_edits.py; here, the reads the first build's pages recorded in forked workers let the next
build in this process make only the pages whose reads changed, and the rebuilds after it still equal clean
builds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from equivalence import Preview, Reference, Series
from helpers import tree_digest
from random_edits import EDITS
from random_site import make_random_site

import govsite.output.plan
from govsite.output.engine import PageSpec
from govsite.serve import rebuild


def test_a_first_preview_build_on_every_core_records_what_the_next_builds_use(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The preview's first build makes its pages in workers (enough pages for two) and records what each
    read; the rebuild after one edit, in this process, makes only the pages whose reads changed."""
    site = make_random_site(tmp_path / "site", 7)
    for n in range(1000, 1300):
        site.add(f"content/policies/2025/m{n}.md", site.policy(n))
    preview = Preview(tmp_path / "preview")
    preview.out.mkdir()
    rebuild(site.root, preview.out, preview.state, preview.memo, site.now_text, search=False, workers=True)
    assert not preview.state.errors, preview.state.errors
    recorded = preview.memo.recorded
    assert recorded is not None and len(recorded.pages) > 400  # every page, from the workers
    series = Series(site, preview, Reference(tmp_path / "clean", shows_everything=True))
    assert tree_digest(preview.out) == series.reference.build(site)
    made: list[str] = []
    page_job = govsite.output.plan.page_job

    def counted(spec: PageSpec, *args: Any) -> Any:
        made.append(spec.out_rel)
        return page_job(spec, *args)

    edit = EDITS["title"](site)  # one document edited
    with monkeypatch.context() as patched:
        patched.setattr(govsite.output.plan, "page_job", counted)
        rebuild(site.root, preview.out, preview.state, preview.memo, site.now_text, search=False)
    assert not preview.state.errors, (edit, preview.state.errors)
    assert 0 < len(made) < 100, made  # not the other 300 documents' pages: only what read the edited one
    assert tree_digest(preview.out) == series.reference.build(site), edit
    for kind in ("body", "template", "new"):
        series.check(kind, EDITS[kind](site))
