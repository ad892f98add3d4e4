"""The open data files and feeds are joined from pieces kept between builds (govsite/output/pieces.py).

A preview rebuild makes again only the pieces whose inputs changed (counted here), and a piece whose input
changed outside the document's source (its attachment file, site.yaml's base_url, the registry's agency name)
is never kept: the files then equal a clean build's byte for byte.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import DEFAULT_AGENCIES_YAML, NOW, build_request, catalog_doc, site_yaml, write_site

import govsite.output.pieces
from govsite.build import build
from govsite.memo import BuildMemo
from govsite.serve import PreviewState, rebuild

OPEN_DATA = ("catalog.json", "catalog.csv", "feed.xml", "rss.xml", "feed.json", "disclosures/feed.xml",
             "catalog/agency/czt/feed.xml", "catalog/agency/jyt/feed.json")
FOLDER = "content/disclosures/2025/"


def documents() -> dict[str, str]:
    files = {}
    for i in range(1, 7):
        agency, code = ("czt", "11440000MB2C12345X") if i % 2 else ("jyt", "11440000MB2C23456Y")
        attachments = [{"file": "a.txt", "title": "附件"}] if i == 1 else None
        files[f"{FOLDER}d{i}.md"] = catalog_doc(index_no=f"{code}/2025-{i:05d}", agency=agency,
                                                title=f"第{i}号公开事项", written=f"2025-0{i}-01",
                                                attachments=attachments)
    files[FOLDER + "a.txt"] = "附件的第一版\n"
    return files


class Preview:
    """govsite serve's rebuilds of one site, counting the catalog records and feeds each one makes."""

    def __init__(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.site = write_site(tmp_path / "site", documents())
        self.out, self.clean = tmp_path / "preview", tmp_path / "clean"
        self.out.mkdir()
        self.state, self.memo = PreviewState(), BuildMemo()
        self.records: list[str] = []
        self.feeds: list[str] = []
        self._count(monkeypatch, "catalog_record", lambda args: self.records.append(args[2].doc.path))
        self._count(monkeypatch, "feed_files", lambda args: self.feeds.append(args[2].feed))
        self.rebuild()

    @staticmethod
    def _count(monkeypatch: pytest.MonkeyPatch, name: str, note: Callable[[tuple[Any, ...]], None]) -> None:
        made = getattr(govsite.output.pieces, name)

        def counted(*args: Any) -> Any:
            note(args)
            return made(*args)
        monkeypatch.setattr(govsite.output.pieces, name, counted)

    def rebuild(self) -> None:
        self.records.clear()
        self.feeds.clear()
        rebuild(self.site, self.out, self.state, self.memo, NOW, search=False)
        assert not self.state.errors, self.state.errors

    def assert_clean(self) -> None:
        """The open data files equal those of a clean build with the preview's options."""
        result = build(build_request(self.site, self.clean, drafts=True, future=True, unreviewed=True,
                                     search=False))
        assert result.ok, [d.format() for d in result.diagnostics]
        for rel in OPEN_DATA:
            assert (self.out / rel).read_bytes() == (self.clean / rel).read_bytes(), rel


@pytest.fixture
def preview(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Preview:
    made = Preview(tmp_path, monkeypatch)
    assert len(made.records) == 6 and "feed.xml" in made.feeds  # the first build makes every piece
    return made


def test_a_rebuild_makes_again_only_the_pieces_of_the_edited_document(preview: Preview) -> None:
    preview.rebuild()
    assert preview.records == [] and preview.feeds == []  # nothing changed: every piece kept
    doc = preview.site / FOLDER / "d4.md"
    doc.write_text(doc.read_text(encoding="utf-8").replace("第4号公开事项", "第4号公开事项（修订）"),
                   encoding="utf-8")
    preview.rebuild()
    assert preview.records == [FOLDER + "d4.md"]
    # the feeds that show d4 (the site's, its section's, its agency's, its topic's…), not czt's
    assert "feed.xml" in preview.feeds and "catalog/agency/jyt/feed.xml" in preview.feeds
    assert "catalog/agency/czt/feed.xml" not in preview.feeds
    preview.assert_clean()
    assert "第4号公开事项（修订）" in (preview.out / "catalog.csv").read_text(encoding="utf-8-sig")


def test_a_changed_attachment_file_makes_its_document_s_piece_again(preview: Preview) -> None:
    (preview.site / FOLDER / "a.txt").write_text("附件的第二版，长一些\n", encoding="utf-8")  # not in d1.md
    preview.rebuild()
    assert preview.records == [FOLDER + "d1.md"]
    preview.assert_clean()


def test_a_new_base_url_makes_every_piece_again(preview: Preview) -> None:
    (preview.site / "site.yaml").write_text(site_yaml(base_url="https://gk.example.gov.cn/"), encoding="utf-8")
    preview.rebuild()
    assert len(preview.records) == 6 and "feed.xml" in preview.feeds
    preview.assert_clean()
    assert '"url":"https://gk.example.gov.cn/' in (preview.out / "catalog.json").read_text(encoding="utf-8")


def test_an_agency_renamed_in_the_registry_makes_every_piece_again(preview: Preview) -> None:
    (preview.site / "data/agencies.yaml").write_text(DEFAULT_AGENCIES_YAML.replace("示例省教育厅", "示例省教育委员会"),
                                                     encoding="utf-8")
    preview.rebuild()
    assert len(preview.records) == 6
    preview.assert_clean()
    assert "示例省教育委员会" in (preview.out / "catalog.json").read_text(encoding="utf-8")


def test_a_new_body_makes_its_document_s_summary_again(preview: Preview) -> None:
    doc = preview.site / FOLDER / "d2.md"
    doc.write_text(doc.read_text(encoding="utf-8").replace("各市、县（区）财政局", "各市、县（区）教育局"),
                   encoding="utf-8")
    preview.rebuild()
    assert preview.records == [FOLDER + "d2.md"]
    preview.assert_clean()
