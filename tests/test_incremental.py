"""The preview's first build runs on every core and fills the memo its rebuilds use.

That every preview rebuild (govsite.serve.rebuild) equals a clean build after random edits of every kind is
tests/test_random_edits.py; here, the first build's pages made in forked workers are reused by the next build
in this process, and the rebuilds after it still equal clean builds.
"""

from __future__ import annotations

from pathlib import Path

from equivalence import Preview, Reference, Series
from helpers import tree_digest
from random_edits import EDITS
from random_site import make_random_site

from govsite.serve import rebuild


def test_a_first_preview_build_on_every_core_fills_the_memo_the_next_builds_use(tmp_path: Path) -> None:
    """The preview's first build runs its pages in workers (enough pages for two) and keeps what each was
    made from; the rebuilds after it, in this process, reuse them and still equal clean builds."""
    site = make_random_site(tmp_path / "site", 7)
    for n in range(1000, 1300):
        site.add(f"content/policies/2025/m{n}.md", site.policy(n))
    preview = Preview(tmp_path / "preview")
    preview.out.mkdir()
    rebuild(site.root, preview.out, preview.state, preview.memo, site.now_text, search=False, workers=True)
    assert not preview.state.errors, preview.state.errors
    pages = preview.memo.pages
    assert pages is not None and len(pages.previous) > 400  # every page, from the workers
    series = Series(site, preview, Reference(tmp_path / "clean", shows_everything=True))
    assert tree_digest(preview.out) == series.reference.build(site)
    hits: list[int] = []
    advance = pages.advance

    def counted_advance() -> None:  # the build's hits, noted before advance() resets them
        hits.append(pages.hits)
        advance()

    pages.advance = counted_advance  # type: ignore[method-assign]
    series.check("title", EDITS["title"](site))  # one document edited
    assert hits and hits[0] > 300, hits  # the workers' pages were reused: they equal what this process makes
    for kind in ("body", "template", "new"):
        series.check(kind, EDITS[kind](site))
