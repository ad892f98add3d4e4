"""The input snapshot: every input file by its path in the site, however the site folder is named."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from govsite.cache import snapshot_inputs


def make_site(root: Path) -> Path:
    site = root / "site"
    (site / "content/policies/2025").mkdir(parents=True)
    (site / "content/policies/2025/a.md").write_text("a", encoding="utf-8")
    (site / "content/.hidden.md").write_text("h", encoding="utf-8")
    (site / "docs/editor").mkdir(parents=True)
    (site / "docs/editor/guide.md").write_text("g", encoding="utf-8")
    (site / "content/guide").symlink_to(site / "docs/editor")  # a linked folder inside the site: followed
    (root / "outside").mkdir()
    (root / "outside/x.md").write_text("x", encoding="utf-8")
    (site / "content/away").symlink_to(root / "outside")  # a link that leaves the site: not followed
    (site / "data").mkdir()
    (site / "data/funds.csv").write_text("1", encoding="utf-8")
    (site / "site.yaml").write_text("title: t\n", encoding="utf-8")
    return site


EXPECTED = {"site.yaml", "content/policies/2025/a.md", "content/guide/guide.md", "data/funds.csv"}


@pytest.mark.parametrize("spelling", ["absolute", "relative", "dot", "trailing"])
def test_paths_are_site_relative_for_every_spelling_of_the_site_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spelling: str) -> None:
    site = make_site(tmp_path)
    monkeypatch.chdir(tmp_path if spelling == "relative" else site)
    given = {"absolute": site, "relative": Path("site"), "dot": Path("."),
             "trailing": Path(str(site) + os.sep)}[spelling]
    stamps, _taken = snapshot_inputs(given, None)
    assert set(stamps) == EXPECTED
