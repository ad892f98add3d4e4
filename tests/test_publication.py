"""Spec 3.3: exactly the published documents appear; nothing of an unpublished one leaks anywhere."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from helpers import build_site, catalog_doc, site_yaml, write_site

from govsite.search_text import decode_runs


def _doc(seq: int, marker: str, **fields: object) -> str:
    return catalog_doc(index_no=f"11440000MB2C12345X/2025-{seq:05d}", title=f"文件{seq}{fields.pop('title_marker', '')}",
                       body=f"## 正文\n\n本文件的内容是{marker}，请遵照执行。\n", **fields)


def leaky_site(root: Path) -> Path:
    """One published document and one of each kind that must not be published, each with its marker."""
    return write_site(root, {
        "content/policies/2025/published.md": _doc(1, "PUBLISHEDMARK"),
        "content/policies/2025/draft.md": _doc(2, "DRAFTMARK", draft=True, title_marker="DRAFTTITLE"),
        "content/policies/2025/future.md": _doc(3, "FUTUREMARK", published="2027-01-01", title_marker="FUTURETITLE"),
        "content/policies/2025/withheld.md": _doc(4, "WITHHELDMARK", disclosure="不予公开", title_marker="WITHHELDTITLE"),
        "content/policies/2025/unreviewed.md": _doc(5, "UNREVIEWEDMARK", review="未审查", title_marker="UNREVIEWEDTITLE"),
        "content/policies/2025/on-request.md": _doc(6, "ONREQUESTMARK", disclosure="依申请公开",
                                                   attachments=[{"file": "secret.txt", "title": "附件"}]),
        "content/policies/2025/secret.txt": "ATTACHMENTMARK",
        "content/pages/draft-page.md": "---\ntitle: PAGEDRAFTTITLE\ndraft: true\n---\nPAGEDRAFTMARK\n",
    })


def _all_output_text(out: Path) -> str:
    chunks = []
    for path in sorted(out.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        chunks.append(path.as_posix())
        # Pagefind separates the words it segmented with zero-width spaces: join them again
        text = data.decode("utf-8", errors="replace").replace("\u200b", "")
        chunks.append(text)
        # the search index holds the text as codes (docs/search.md): read it decoded too (it is lower case)
        chunks.append(decode_runs(text).upper())
    return "\n".join(chunks)


MARKERS = ("DRAFTMARK", "DRAFTTITLE", "FUTUREMARK", "FUTURETITLE", "WITHHELDMARK", "WITHHELDTITLE",
           "UNREVIEWEDMARK", "UNREVIEWEDTITLE", "ONREQUESTMARK", "ATTACHMENTMARK", "PAGEDRAFTTITLE",
           "PAGEDRAFTMARK", "secret.txt")


def test_unpublished_documents_appear_in_no_output_file(tmp_path: Path) -> None:
    site = leaky_site(tmp_path / "site")
    out = tmp_path / "out"
    result = build_site(site, out, search=True)
    assert result.returncode == 0, result.stderr
    text = _all_output_text(out)
    assert "PUBLISHEDMARK" in _all_output_text(out / "pagefind")  # the scan sees inside Pagefind's files
    leaked = [m for m in MARKERS if m in text]
    assert leaked == []
    assert not (out / "policies/2025/draft").exists()
    assert "held back 5 document(s)" in result.stdout


def test_on_request_documents_are_listed_without_body_or_attachments(tmp_path: Path) -> None:
    site = leaky_site(tmp_path / "site")
    out = tmp_path / "out"
    assert build_site(site, out).returncode == 0
    records = {r["index_no"]: r for r in json.loads((out / "catalog.json").read_text(encoding="utf-8"))}
    assert sorted(records) == ["11440000MB2C12345X/2025-00001", "11440000MB2C12345X/2025-00006"]
    on_request = records["11440000MB2C12345X/2025-00006"]
    assert on_request["disclosure"] == "依申请公开" and on_request["attachments"] == []
    page = (out / "policies/2025/on-request/index.html").read_text(encoding="utf-8")
    assert "依申请公开" in page and "ONREQUESTMARK" not in page


def test_preview_shows_drafts_and_future_but_never_withheld_or_unreviewed(tmp_path: Path) -> None:
    site = leaky_site(tmp_path / "site")
    out = tmp_path / "out"
    result = build_site(site, out, "--drafts", "--future")
    assert result.returncode == 0, result.stderr
    assert (out / "policies/2025/draft/index.html").exists()
    assert (out / "policies/2025/future/index.html").exists()
    assert "未发布" in (out / "policies/2025/draft/index.html").read_text(encoding="utf-8")
    text = _all_output_text(out)
    assert not any(m in text for m in ("WITHHELDMARK", "UNREVIEWEDMARK", "ONREQUESTMARK"))


def test_review_not_required_publishes_unreviewed(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {
        "site.yaml": site_yaml(review_required=False),
        "content/policies/2025/a.md": catalog_doc(review="未审查"),
    })
    out = tmp_path / "out"
    assert build_site(site, out).returncode == 0
    assert (out / "policies/2025/a/index.html").exists()


def test_a_document_becomes_published_at_its_time_in_the_site_zone(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {
        "content/policies/2025/a.md": catalog_doc(published="2025-03-02 09:00"),
    })
    out = tmp_path / "out"
    before = build_site(site, out, now="2025-03-02T08:59:00+08:00")
    assert before.returncode == 0 and not (out / "policies/2025/a").exists()
    after = build_site(site, out, now="2025-03-02T01:00:00Z")
    assert after.returncode == 0 and (out / "policies/2025/a/index.html").exists()


def test_an_on_request_fund_report_publishes_no_figures(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {
        "content/funds/2025/f.md": catalog_doc(disclosure="依申请公开", genre="预决算", fund="示例资金", fiscal_year=2025,
                                               rows=[{"item": "SECRETROW", "budget": "1.00"}]),
    })
    out = tmp_path / "out"
    assert build_site(site, out).returncode == 0
    assert (out / "funds/2025/f/index.html").exists()
    assert not (out / "funds/2025/f/fund-table.csv").exists()
    assert "SECRETROW" not in _all_output_text(out)
