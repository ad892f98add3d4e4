"""Per-document values kept between builds (govsite.model.reuse): reused only for the very same parsed
document, with equal settings, while `now` stays in the document's own stable window; and a preview whose
memo placed documents before builds what a fresh one builds."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

from helpers import catalog_doc, write_site

from govsite.content.document import Document
from govsite.content.parse import parse_document
from govsite.memo import BuildMemo
from govsite.model.publication import BuildOptions
from govsite.model.reuse import Moments, PerDocument
from govsite.pipeline import load_site

CST = timezone(timedelta(hours=8))
NOW = datetime(2026, 11, 27, 12, 0, tzinfo=CST)
SOURCE = "---\ntitle: 通知\npublished: 2026-11-28 09:00\n---\n正文\n"


def _doc(text: str = SOURCE) -> Document:
    parsed = parse_document("content/news/a.md", text.encode(), CST)
    assert parsed.document is not None, parsed.diagnostics
    return parsed.document


def _counting() -> tuple[list[int], Callable[[], int]]:
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(calls)
    return calls, compute


def test_the_same_document_in_its_window_is_reused() -> None:
    memo: PerDocument[int] = PerDocument()
    doc, moments = _doc(), Moments()
    calls, compute = _counting()
    memo.begin("settings")
    assert memo.get(doc, NOW, CST, moments, compute) == 1
    memo.advance()
    memo.begin("settings")
    assert memo.get(doc, NOW + timedelta(hours=1), CST, moments, compute) == 1
    assert len(calls) == 1


def test_another_document_object_settings_or_window_compute_again() -> None:
    memo: PerDocument[int] = PerDocument()
    doc, moments = _doc(), Moments()
    calls, compute = _counting()
    memo.begin("settings")
    memo.get(doc, NOW, CST, moments, compute)
    memo.advance()
    memo.begin("settings")
    memo.get(_doc(), NOW, CST, moments, compute)  # an equal document, but parsed again
    assert len(calls) == 2
    memo.advance()
    memo.begin("other settings")
    memo.get(doc, NOW, CST, moments, compute)
    assert len(calls) == 3
    memo.advance()
    memo.begin("other settings")
    memo.get(doc, datetime(2026, 11, 28, 9, 0, tzinfo=CST), CST, moments, compute)
    assert len(calls) == 4  # its publication time has come: past the end of its window
    memo.advance()
    memo.begin("other settings")
    memo.get(doc, datetime(2026, 11, 28, 9, 30, tzinfo=CST), CST, moments, compute)
    assert len(calls) == 4


def test_a_window_ends_at_midnight_without_moments() -> None:
    memo: PerDocument[int] = PerDocument()
    doc, moments = _doc("---\ntitle: 通知\n---\n正文\n"), Moments()
    calls, compute = _counting()
    for now in (NOW, NOW + timedelta(hours=11), NOW + timedelta(hours=12)):
        memo.begin("settings")
        memo.get(doc, now, CST, moments, compute)
        memo.advance()
    assert len(calls) == 2  # the third is the next day


def test_a_preview_memo_places_documents_as_a_fresh_build_does(tmp_path: Path) -> None:
    write_site(tmp_path, {
        "content/policies/a.md": catalog_doc(published="2026-11-28T09:00:00+08:00"),
        "content/policies/b.md": catalog_doc(index_no="11440000MB2C12345X/2025-00002",
                                             published="2026-11-20T09:00:00+08:00"),
    })
    options = BuildOptions(NOW, drafts=True, future=False)
    memo = BuildMemo()
    shown = []
    for now in (NOW, NOW + timedelta(hours=20), NOW + timedelta(hours=22)):
        kept = load_site(tmp_path, replace(options, now=now), memo=memo, workers=False)
        memo.advance()
        fresh = load_site(tmp_path, replace(options, now=now), workers=False)
        assert kept.model is not None and fresh.model is not None
        assert kept.model.entries == fresh.model.entries and kept.model.held == fresh.model.held
        assert kept.diagnostics == fresh.diagnostics and kept.window == fresh.window
        shown.append([e.doc.path for e in kept.model.entries])
    assert shown == [["content/policies/b.md"]] * 2 + [["content/policies/a.md", "content/policies/b.md"]]
