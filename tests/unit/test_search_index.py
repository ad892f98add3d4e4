"""The search index in parts (govsite/search.py): splitting, reuse of unchanged parts, same results as one index.

The tests that run Pagefind use small sites of a few Chinese pages and small parts, so that they take seconds;
the comparison of real searches runs Pagefind's own JavaScript in Node.js when Node.js is installed.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from govsite.search import (
    MANIFEST,
    Page,
    Part,
    bucket,
    build_index,
    clashing_parts,
    distinct_ids,
    engine_of,
    fragment_ids,
    has_body,
    pagefind_binary,
    part_count,
    read_manifest,
    scan_pages,
    split,
)
from govsite.search_text import decode_runs
from govsite.search_twin import meta_word

TOPICS = ["住房公积金缴存管理", "托育服务体系建设", "老旧小区改造", "政府信息公开年度报告", "义务教育招生", "养老服务补贴"]
SMALL = 6_000  # bytes of HTML per part in these tests: about four pages


def page_html(title: str, body: str, *, indexed: bool = True) -> str:
    attrs = ' data-pagefind-body' if indexed else ""
    return (f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title></head>'
            f'<body><nav>首页 栏目</nav><article{attrs}><span data-pagefind-filter="kind:政策文件" hidden></span>'
            f'<h1 data-pagefind-meta="title">{title}</h1><h2 id="s1">一、总体要求</h2><p>{body}</p></article>'
            '<footer>示例省人民政府</footer></body></html>\n')


def write_site(root: Path, count: int = 14) -> dict[str, str]:
    """A small output folder: `count` document pages, a list page without a body; {path: title}."""
    titles = {}
    for k in range(count):
        topic = TOPICS[k % len(TOPICS)]
        rel = f"policies/2025/doc-{k:02d}/index.html"
        title = f"关于{topic}的通知（第{k}号）"
        body = f"为做好{topic}工作，现将有关事项通知如下。各地要加强组织领导，确保{topic}各项任务落实。" * (1 + k % 3)
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(page_html(title, body), encoding="utf-8")
        titles["/" + rel.removesuffix("index.html")] = title
    (root / "index.html").write_text(page_html("首页", "住房公积金 托育 列表页不被索引", indexed=False), encoding="utf-8")
    return titles


def fragments(folder: Path) -> dict[str, dict[str, object]]:
    """Every indexed page's Pagefind fragment (url → decoded JSON), over all parts."""
    found: dict[str, dict[str, object]] = {}
    for path in sorted((folder / "pagefind").glob("*/fragment/*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        fragment = json.loads(data[len(b"pagefind_dcd"):])
        assert fragment["url"] not in found, "a page is in two parts"
        found[fragment["url"]] = fragment
    return found


def manifest(folder: Path) -> dict[str, object]:
    data = read_manifest(folder)
    assert data is not None
    return data


def bundle_dirs(folder: Path) -> list[str]:
    bundles = manifest(folder)["bundles"]
    assert isinstance(bundles, list)
    return [str(b["dir"]) for b in bundles]


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "out"
    write_site(root)
    return root


# --- splitting (no Pagefind) ---

def test_bucket_is_a_stable_hash_of_the_path() -> None:
    assert bucket("policies/2025/doc-01/index.html", 7) == bucket("policies/2025/doc-01/index.html", 7)
    assert [bucket(f"p{k}/index.html", 1) for k in range(5)] == [0] * 5
    spread = {bucket(f"policies/2025/doc-{k}/index.html", 4) for k in range(200)}
    assert spread == {0, 1, 2, 3}


def test_split_is_deterministic_and_covers_every_page_once() -> None:
    pages = [Page(f"a/{k}/index.html", 100 + k, bytes([k % 256]) * 16) for k in range(300)]
    first = split(pages, 5, "engine")
    second = split(list(reversed(pages)), 5, "engine")
    assert first == second
    assert sorted(p.rel for part in first for p in part.pages) == sorted(p.rel for p in pages)
    assert len({part.name for part in first}) == len(first)


def test_a_changed_page_renames_only_its_part() -> None:
    pages = [Page(f"a/{k}/index.html", 100, b"x" * 16) for k in range(50)]
    changed = [*pages[:10], Page(pages[10].rel, 101, b"y" * 16), *pages[11:]]
    before = {part.name for part in split(pages, 4, "engine")}
    after = {part.name for part in split(changed, 4, "engine")}
    assert len(before - after) == 1 and len(after - before) == 1
    assert before != {part.name for part in split(pages, 4, "another engine")}


def test_part_count_keeps_the_last_split_within_bounds() -> None:
    assert part_count(0, None, 1000) == 1
    assert part_count(10_000, None, 1000) == 14  # parts filled to three quarters
    assert part_count(11_000, 14, 1000) == 14  # grown, still within bounds: the same parts
    assert part_count(20_000, 14, 1000) == 27  # a part would exceed the bound: a new split
    assert part_count(1_000, 14, 1000) == 2  # shrunk far below: a new split


def test_has_body_finds_the_attribute_only_on_an_element() -> None:
    assert has_body(b'<main><article class="x" data-pagefind-body>t</article></main>')
    assert has_body(b'<div title="a > b" data-pagefind-body="">t</div>')
    assert has_body(b"<DIV\ndata-pagefind-body>t</DIV>")
    assert not has_body(b"<p>the data-pagefind-body attribute</p>")
    assert not has_body(b'<div data-pagefind-bodyx>t</div>')
    assert not has_body(b"<p>plain</p>")


def test_scan_takes_only_body_pages_or_all_pages(tmp_path: Path, site: Path) -> None:
    pages = scan_pages(site)
    assert [p.rel for p in pages] == sorted(p.rel for p in pages)
    assert "index.html" not in {p.rel for p in pages} and len(pages) == 14
    (site / "pagefind").mkdir()
    (site / "pagefind" / "x.html").write_text("<article data-pagefind-body>x</article>")
    assert len(scan_pages(site)) == 14  # the index's own folder is never scanned
    plain = tmp_path / "plain"
    (plain / "a").mkdir(parents=True)
    (plain / "a" / "index.html").write_text("<p>一</p>")
    (plain / "b.html").write_text("<p>二</p>")
    assert [p.rel for p in scan_pages(plain)] == ["a/index.html", "b.html"]


# --- building with Pagefind ---

def test_every_page_is_in_exactly_one_part(site: Path) -> None:
    titles = write_site(site)
    assert build_index(site, part_bytes=SMALL, whole_bytes=0) == len(titles)
    dirs = bundle_dirs(site)
    assert len(dirs) >= 3
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert sorted(p.name for p in (site / "pagefind").iterdir()) == sorted([*dirs, MANIFEST, "pagefind.js", "govsite-fetch.js"])
    for name in dirs:
        assert (site / "pagefind" / name / "pagefind-entry.json").is_file()
    found = fragments(site)
    # each meta value is one word marked so that no code equals it (search_twin.meta_word)
    assert {url: f["meta"]["title"] for url, f in found.items()} == {u: meta_word(t) for u, t in titles.items()}  # type: ignore[index]
    assert all(f["filters"] == {"kind": ["政策文件"]} for f in found.values())


def test_the_fragments_are_those_of_one_index(tmp_path: Path, site: Path) -> None:
    single = tmp_path / "single"
    shutil.copytree(site, single)
    assert build_index(single) == build_index(site, part_bytes=SMALL, whole_bytes=0)
    assert len(bundle_dirs(single)) == 1 and len(bundle_dirs(site)) > 1
    assert fragments(single) == fragments(site)


def _linked_copy(source: Path, target: Path) -> Path:
    shutil.copytree(source, target, copy_function=os.link, ignore=shutil.ignore_patterns("pagefind"))
    return target


def _inodes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_ino for p in folder.rglob("*") if p.is_file()}


def test_unchanged_parts_are_linked_from_the_last_output(tmp_path: Path, site: Path) -> None:
    build_index(site, part_bytes=SMALL, whole_bytes=0)
    before = bundle_dirs(site)
    nxt = _linked_copy(site, tmp_path / "next")
    edited = nxt / "policies/2025/doc-03/index.html"
    text = edited.read_text(encoding="utf-8").replace("</article>", "<p>新增一段关于托育服务的说明。</p></article>")
    edited.unlink()  # never change a file shared with the last output in place
    edited.write_text(text, encoding="utf-8")
    assert build_index(nxt, site, part_bytes=SMALL, whole_bytes=0) == 14
    after = bundle_dirs(nxt)
    assert len(set(before) - set(after)) == 1 and len(set(after) - set(before)) == 1
    old, new = _inodes(site / "pagefind"), _inodes(nxt / "pagefind")
    for name in set(before) & set(after):
        shared = {rel: ino for rel, ino in new.items() if rel.startswith(name + "/")}
        assert shared and all(old[rel] == ino for rel, ino in shared.items())
    (changed,) = set(after) - set(before)
    assert not any(rel in old for rel in new if rel.startswith(changed + "/"))
    assert "新增一段关于托育服务的说明" in decode_runs(json.dumps(fragments(nxt), ensure_ascii=False))
    assert fragments(nxt).keys() == fragments(site).keys()


def test_no_change_reuses_every_part(tmp_path: Path, site: Path) -> None:
    build_index(site, part_bytes=SMALL, whole_bytes=0)
    nxt = _linked_copy(site, tmp_path / "next")
    build_index(nxt, site, part_bytes=SMALL, whole_bytes=0)
    assert bundle_dirs(nxt) == bundle_dirs(site)
    old, new = _inodes(site / "pagefind"), _inodes(nxt / "pagefind")
    assert all(old[rel] == ino for rel, ino in new.items() if rel.count("/"))


@pytest.mark.parametrize("state", ["missing", "no index", "bad manifest", "other engine"])
def test_a_previous_output_without_a_usable_index_is_ignored(tmp_path: Path, site: Path, state: str) -> None:
    previous = tmp_path / "previous"
    if state != "missing":
        _linked_copy(site, previous)
    if state in ("bad manifest", "other engine"):
        build_index(previous, part_bytes=SMALL, whole_bytes=0)
        text = "{not json" if state == "bad manifest" else \
            (previous / "pagefind" / MANIFEST).read_text().replace("pagefind 1", "pagefind 0")
        (previous / "pagefind" / MANIFEST).write_text(text)
    assert build_index(site, previous, part_bytes=SMALL, whole_bytes=0) == 14
    assert fragments(site).keys() == {"/" + p.rel.removesuffix("index.html") for p in scan_pages(site)}
    if state == "other engine":
        assert not set(_inodes(previous / "pagefind").values()) & set(_inodes(site / "pagefind").values())


def test_an_empty_folder_has_an_empty_index(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert build_index(empty) == 0
    assert manifest(empty)["bundles"] == []


def test_a_rebuild_replaces_the_old_index(site: Path) -> None:
    build_index(site, part_bytes=SMALL, whole_bytes=0)
    (site / "pagefind" / "stale.txt").write_text("x")
    build_index(site)
    assert not (site / "pagefind" / "stale.txt").exists() and len(bundle_dirs(site)) == 1


# --- real searches (Pagefind's JavaScript in Node.js) ---

SEARCH_JS = """
const [,, base, runtime, codecUrl, ...bundles] = process.argv;
const pagefind = await import(runtime);
const codec = await import(codecUrl);
const coded = (q) => (q === null ? null : '"' + codec.queryWords(codec.normalize(q)).join(" ") + '"');
await pagefind.options({ basePath: base + bundles[0], baseUrl: "/" });
await pagefind.init();
for (const bundle of bundles.slice(1)) await pagefind.mergeIndex(base + bundle, { baseUrl: "/" });
const out = {};
for (const [query, filters] of [["托育", {}], ["公积金", {}], ["通知", {kind: "政策文件"}], [null, {kind: "政策文件"}]]) {
  const search = await pagefind.search(coded(query), { filters });
  const data = await Promise.all(search.results.map((r) => r.data()));
  out[JSON.stringify([query, filters])] = data.map((d) => [d.url, d.meta.title, d.content]).sort();
}
console.log(JSON.stringify(out));
"""


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    root = tmp_path / "www"
    root.mkdir()
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", root
    server.shutdown()
    thread.join()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _search(node: str, base: str, folder: Path, name: str, script: Path) -> dict[str, object]:
    bundles = [f"{name}/pagefind/{d}/" for d in bundle_dirs(folder)]
    runtime = (folder / "pagefind" / "pagefind.js").as_uri()
    codec = (Path(__file__).resolve().parents[2] / "themes/default/static/search-codec.js").as_uri()
    done = subprocess.run([node, str(script), base, runtime, codec, *bundles], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert isinstance(result, dict)
    return result


def test_searches_find_the_same_pages_as_one_index(served: tuple[str, Path], tmp_path: Path) -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed")
    base, root = served
    single, parts = root / "single", root / "parts"
    titles = write_site(single)
    shutil.copytree(single, parts)
    build_index(single)
    build_index(parts, part_bytes=SMALL, whole_bytes=0)
    assert len(bundle_dirs(parts)) > 1
    script = tmp_path / "search.mjs"
    script.write_text(SEARCH_JS, encoding="utf-8")
    one, merged = _search(node, base, single, "single", script), _search(node, base, parts, "parts", script)
    assert one == merged
    assert len(one['["托育",{}]']) == sum("托育" in t for t in titles.values())  # type: ignore[arg-type]
    assert len(one['[null,{"kind":"政策文件"}]']) == len(titles)  # type: ignore[arg-type]


def test_a_site_that_fits_in_one_index_gets_one() -> None:
    assert part_count(27 << 20, None, 12 << 20, 28 << 20) == 1  # exactly Pagefind's own results
    assert part_count(29 << 20, None, 12 << 20, 28 << 20) == 4  # past it: parts of at most 12 MiB
    assert part_count(29 << 20, 1, 12 << 20, 28 << 20) == 4  # a site grown past it is split


def test_pages_of_a_group_share_a_part() -> None:
    pages = [Page(f"policies/2025/doc-{k:02d}/index.html", 1000, bytes([k])) for k in range(40)]
    alone = split(pages, 8, "engine")
    members = [p.rel for p in pages[:6]]
    assert len({next(part.name for part in alone if any(p.rel == rel for p in part.pages)) for rel in members}) > 1
    grouped = split(pages, 8, "engine", {rel: "policy:11440000MB2C12345X/2025-00001" for rel in members})
    holding = [part for part in grouped if any(p.rel in members for p in part.pages)]
    assert len(holding) == 1 and {p.rel for p in holding[0].pages} >= set(members)
    # every other page stays where its path puts it
    place = {p.rel: bucket(p.rel, 8) for p in pages[6:]}
    for part in grouped:
        for page in part.pages:
            if page.rel in place:
                assert int(part.name[:3]) == place[page.rel]


def test_a_policy_and_its_interpretations_form_one_search_group() -> None:
    from helpers import REPO_ROOT

    from govsite.clock import resolve_now
    from govsite.model.publication import BuildOptions
    from govsite.output.plan import search_groups
    from govsite.pipeline import load_site

    loaded = load_site(REPO_ROOT, BuildOptions(resolve_now("2026-11-27T12:00:00+08:00", REPO_ROOT)))
    assert loaded.model is not None
    groups = search_groups(loaded.model, loaded.derived)
    policy = loaded.model.by_path["content/policies/2025/zhufang-gongjijin-jiaocun-guanli-banfa.md"]
    interpretations = loaded.model.interpretations[policy.index_no]
    assert interpretations
    assert {groups[e.url + "index.html"] for e in (policy, *interpretations)} == {"policy:" + policy.index_no}
    notices = [n.entry for project in loaded.derived.projects for n in project.notices]
    assert notices and all(groups[e.url + "index.html"].startswith("project:") for e in notices)


# --- page ids unique across parts ---


def _fragment(bundle: Path, name: str) -> dict[str, object]:
    data = gzip.decompress((bundle / "fragment" / f"{name}.pf_fragment").read_bytes())
    fragment = json.loads(data[data.index(b"{"):])
    assert isinstance(fragment, dict)
    return fragment


def test_a_part_that_gives_a_page_an_id_of_an_earlier_part_is_indexed_again_salted(site: Path) -> None:
    build_index(site, part_bytes=SMALL, whole_bytes=0)
    target = site / "pagefind"
    names = bundle_dirs(site)
    assert len(names) >= 3
    # what Pagefind did at 100,000 pages (16 pairs of pages in two parts with one id): the same, made here
    first, clashing = target / names[0], target / names[2]
    taken = sorted(fragment_ids(first))[0]
    victim = sorted(fragment_ids(clashing))[0]
    url = _fragment(clashing, victim)["url"]
    (clashing / "fragment" / f"{victim}.pf_fragment").rename(clashing / "fragment" / f"{taken}.pf_fragment")
    parts = split(scan_pages(site), len(names), engine_of(pagefind_binary()))
    assert [p.name for p in parts] == names and clashing_parts(target, parts) == [parts[2]]

    distinct_ids(pagefind_binary(), site, parts, target, site.parent / "work")

    assert clashing_parts(target, parts) == []
    ids = [fragment_ids(target / name) for name in names]
    assert sum(len(i) for i in ids) == len(set().union(*ids))
    salted = {_fragment(clashing, i)["url"]: _fragment(clashing, i)["meta"] for i in fragment_ids(clashing)}
    assert url in salted and all(meta.get("salt") == meta_word("1") for meta in salted.values())  # type: ignore[union-attr]
    assert all("salt" not in _fragment(first, i)["meta"] for i in fragment_ids(first))  # type: ignore[operator]
    assert (clashing / "govsite-ranks.json").is_file()


def test_clashing_parts_are_the_later_of_each_pair(tmp_path: Path) -> None:
    for name, ids in [("a", ["zxx_1", "zxx_2"]), ("b", ["zxx_3"]), ("c", ["zxx_2", "zxx_4"]), ("d", ["zxx_4"])]:
        (tmp_path / name / "fragment").mkdir(parents=True)
        for i in ids:
            (tmp_path / name / "fragment" / f"{i}.pf_fragment").write_bytes(b"")
    parts = [Part((), name) for name in "abcd"]
    assert [p.name for p in clashing_parts(tmp_path, parts)] == ["c", "d"]
