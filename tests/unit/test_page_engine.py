"""The page engine's recorded reads (govsite.output.track, govsite.output.engine): what a page reads of the
site is noted as it is read, and a page is made again exactly when something it read reads differently."""

from __future__ import annotations

from pathlib import Path

from helpers import build_request, catalog_doc, write_site

from govsite.memo import BuildMemo
from govsite.output.lists import catalog_lists, section_lists
from govsite.output.pages import site_inputs
from govsite.output.track import Fingerprints, ReadLog, Site, TrackedMap, TrackedSeq
from govsite.pipeline import load_site, prepare
from govsite.request import BuildRuntime


def test_a_sequence_notes_items_slices_length_and_whole() -> None:
    log = ReadLog()
    items = TrackedSeq(("a", "b", "c", "d"), "catalog", log)
    assert items[1] == "b" and items[-1] == "d"
    assert log.keys == {("at", "catalog", 1), ("at", "catalog", 3), ("len", "catalog")}
    log.keys.clear()
    assert list(items[1:3]) == ["b", "c"]
    assert log.keys == {("len", "catalog"), ("slice", "catalog", 1, 3, 1)}
    log.keys.clear()
    assert [item for item in items] == ["a", "b", "c", "d"]
    assert log.keys == {("all", "catalog")}


def test_a_mapping_notes_each_key_found_or_not_and_the_whole_when_iterated() -> None:
    log = ReadLog()
    found = TrackedMap({"x": 1}, "by_path", log)
    assert found["x"] == 1 and found.get("y") is None and "z" not in found
    assert log.keys == {("key", "by_path", "x"), ("key", "by_path", "y"), ("key", "by_path", "z")}
    log.keys.clear()
    assert dict(found.items()) == {"x": 1}
    assert ("all", "by_path") in log.keys


def _site(tmp_path: Path) -> Path:
    return write_site(tmp_path / "site", {
        f"content/policies/d{i}.md": catalog_doc(index_no=f"11440000MB2C12345X/2025-{i:05d}", title=f"文件{i}",
                                                 written=f"2025-03-{i:02d}", body=f"正文{i}。\n")
        for i in range(1, 6)})


def test_each_page_records_what_it_read(tmp_path: Path) -> None:
    site = _site(tmp_path)
    memo = BuildMemo()
    result, plan = prepare(build_request(site, tmp_path / "out", search=False), BuildRuntime(memo=memo))
    assert plan is not None and plan.recorded is not None, result.diagnostics
    pages = plan.recorded.pages
    document = pages["policies/d3/index.html"]
    assert document.identity == ("entry", "content/policies/d3.md")
    assert {("key", "by_path", "content/policies/d3.md"), ("key", "bodies", "content/policies/d3.md")} <= document.reads
    catalog = pages["catalog/index.html"]
    assert ("slice", "list:catalog/", 0, 5, 1) in catalog.reads and ("len", "list:catalog/") in catalog.reads
    assert ("all", "catalog") in pages["index.html"].reads  # the home page shows the newest of the catalog
    assert all(key in plan.recorded.fingerprints for page in pages.values() for key in page.reads)


def test_a_page_is_made_again_exactly_when_a_read_changed(tmp_path: Path) -> None:
    site = _site(tmp_path)
    memo = BuildMemo()
    request = build_request(site, tmp_path / "out", search=False)
    _result, first = prepare(request, BuildRuntime(memo=memo, workers=False))
    memo.advance(first.recorded if first else None)
    doc = site / "content/policies/d2.md"
    doc.write_text(doc.read_text(encoding="utf-8").replace("正文2。", "正文2，已修改。"), encoding="utf-8")
    _result, second = prepare(request, BuildRuntime(memo=memo, workers=False))
    assert second is not None
    made = {rel for rel in second.files if rel.endswith("index.html")}
    # an entry is read whole (its fingerprint is its source's): the lists showing it are made again too, the
    # other documents' pages and the lists' other pages are not
    assert "policies/d2/index.html" in made
    assert not made & {f"policies/d{i}/index.html" for i in (1, 3, 4, 5)}, made
    assert {f"policies/d{i}/index.html" for i in (1, 3, 4, 5)} <= second.kept.keys()
    assert "404.html" in second.kept


def test_a_fingerprint_is_the_same_in_every_process() -> None:
    """A set's order depends on the process's string hashes: fingerprints must not (the build cache compares a
    build's fingerprints with the last build's, made by another process)."""
    import subprocess
    import sys

    from helpers import REPO_ROOT

    code = ("from govsite.output.track import Fingerprints, Site; import sys;"
            "f = Fingerprints.__new__(Fingerprints);"
            "print(f.value(('a', frozenset({'甲', 'b', 'c', 'd', 'e'}), {'x': {1, 2, 3}})).hex())")
    prints = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO_ROOT,
                             env={"PYTHONHASHSEED": str(seed), "PYTHONPATH": str(REPO_ROOT)}).stdout
              for seed in range(6)}
    assert len(prints) == 1, prints


def _fingerprints_of(site: Path, sources: dict[str, bytes] | None = None) -> tuple[Fingerprints, Site]:
    loaded = load_site(site, build_request(site, site.parent / "out").options)
    assert loaded.model is not None and loaded.bodies is not None, loaded.diagnostics
    specs, overviews = catalog_lists(loaded.model)
    inputs = site_inputs(loaded.model, loaded.bodies, loaded.derived, ([*specs, *section_lists(loaded.model)],
                                                                         overviews))
    return Fingerprints(inputs, sources if sources is not None else dict(loaded.sources), {}), inputs


def test_a_parsed_document_in_a_value_is_known_by_its_source(tmp_path: Path) -> None:
    """A value holding a document's parsed parts (e.g. a tender project its notices' details) is fingerprinted
    by the document's source digest, not pickled: another source gives another fingerprint, the same the same."""
    site = _site(tmp_path)
    fingerprints, inputs = _fingerprints_of(site)
    doc = inputs.model.by_path["content/policies/d3.md"].doc
    assert fingerprints.parsed(doc) is not None and fingerprints.parsed(("d3",)) is None
    same, again = _fingerprints_of(site)  # parsed anew: other objects, the same sources
    doc_again = again.model.by_path["content/policies/d3.md"].doc
    assert doc_again is not doc and same.value((doc_again, "x")) == fingerprints.value((doc, "x"))
    other, read_otherwise = _fingerprints_of(site, {path: b"other" for path in inputs.model.by_path})
    doc_otherwise = read_otherwise.model.by_path["content/policies/d3.md"].doc
    assert other.value((doc_otherwise, "x")) != fingerprints.value((doc, "x"))


def test_a_whole_mapping_has_one_fingerprint_whatever_its_order(tmp_path: Path) -> None:
    fingerprints, inputs = _fingerprints_of(_site(tmp_path))
    entries = {path: inputs.model.by_path[path] for path in sorted(inputs.model.by_path)}
    backwards = dict(reversed(entries.items()))
    assert fingerprints._mapping(entries) == fingerprints._mapping(backwards)
    first = next(iter(entries))
    assert fingerprints._mapping(entries) != fingerprints._mapping({k: v for k, v in entries.items() if k != first})


def test_a_value_that_caches_beside_its_fields_is_known_by_its_fields(tmp_path: Path) -> None:
    """The config caches its base path when first asked; whether a build asked before the fingerprint was
    taken (a document placed anew asks, one placed as last time does not) must not change it: else every page
    is made again on the first rebuild after a cold one."""
    from govsite.config import load_config

    site = _site(tmp_path)
    fingerprints, _inputs = _fingerprints_of(site)
    asked, _ = load_config(site)
    not_asked, _ = load_config(site)
    assert asked is not None and not_asked is not None
    assert asked.base_path and "base_path" in vars(asked) and "base_path" not in vars(not_asked)
    assert fingerprints.value(asked) == fingerprints.value(not_asked)
    assert fingerprints.value(asked) != fingerprints.value(asked.with_base_url("https://other.example.cn/x/"))
