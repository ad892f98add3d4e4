"""The search codec and engine: Python and the browser code the same text the same way, and a query finds
exactly the pages whose text contains it (docs/search.md). The browser code runs in Node.js."""

from __future__ import annotations

import functools
import http.server
import json
import random
import shutil
import subprocess
import threading
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govsite.search import FETCH_GUARD, build_index
from govsite.search_text import decode, decode_runs, normalize, normalize_cased, query_words, stream_text, unit
from govsite.search_twin import extract, twin_html

STATIC = Path(__file__).resolve().parents[2] / "themes" / "default" / "static"
NODE = shutil.which("node")
needs_node = pytest.mark.skipif(NODE is None, reason="Node.js is not installed")

TRICKY = [
    "住房公积金", "示财发〔2025〕12号", "11440000MB2C12345X/2025-00012", "2025年预算", "１２００万元", "ＡＢＣ　ｄｅｆ",
    "  多个\t空白\n\n字符  ", "“三公”经费", "①②③", "㈠", "𠮷野家", "Ǆ İstanbul ΣΑΣ", "a\u00a0b\u2003c\u3000d", "\ufeffx",
    "ﬁ", "⑩", "Ⅻ", "e\u0301", "", " ", "a", "的",
]


def _node(script: str, *args: str) -> object:
    assert NODE is not None
    done = subprocess.run([NODE, "--input-type=module", "-e", script, *args], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


CODEC_JS = """
const codec = await import(process.argv[1]);
const texts = JSON.parse(process.argv[2]);
console.log(JSON.stringify(texts.map((t) => {
  const n = codec.normalize(t);
  return [n, n ? codec.queryWords(n) : [], n ? codec.queryWords(n, "1") : []];
})));
"""


def _python_codec(text: str) -> list[object]:
    n = normalize(text)
    return [n, query_words(n) if n else [], query_words(n, "1") if n else []]


@needs_node
def test_the_browser_codes_text_as_python_does() -> None:
    rng = random.Random(7)
    samples = TRICKY + ["".join(chr(rng.randrange(0x20, 0x3_0000)) for _ in range(20)) for _ in range(300)]
    # characters this Python's Unicode database knows (Node's is newer: a character assigned since is
    # normalised differently there, which no page text of today has)
    samples = ["".join(c for c in s if unicodedata.category(c) not in ("Cn", "Cs", "Co")) for s in samples]
    js = _node(CODEC_JS, (STATIC / "search-codec.js").as_uri(), json.dumps(samples))
    assert js == [_python_codec(s) for s in samples]


@given(st.text(max_size=60))
@settings(max_examples=300)
def test_a_stream_decodes_to_its_text(text: str) -> None:
    normal = normalize(text)
    units = "".join(chr(0xFFFD) if unit(c) == 0 else c for c in normal)
    assert decode(stream_text(normal).split(" ")) == units


@given(st.text(max_size=40), st.text(min_size=1, max_size=8))
@settings(max_examples=300)
def test_a_term_is_a_run_of_the_stream_exactly_when_the_text_has_it(text: str, term: str) -> None:
    normal, wanted = normalize(text), normalize(term)
    if not wanted or any(unit(c) == 0 for c in normal + wanted):
        return  # OTHER stands for every character outside the table: checked apart
    stream, words = stream_text(normal).split(" "), query_words(wanted)
    found = any(stream[k:k + len(words)] == words for k in range(len(stream)))
    assert found == (wanted in normal)


def test_the_leak_scan_reads_the_codes() -> None:
    assert "publishedmark" in decode_runs("x " + stream_text("publishedmark") + " 1abc")


def test_extract_reads_what_pagefind_indexes() -> None:
    page = ('<html><body><nav>导航</nav><article data-pagefind-body><span data-pagefind-filter="kind:政策文件"></span>'
            '<h1 data-pagefind-meta="title">关于住房公积金的通知</h1><p>正文<a href="#">住房</a>公积金</p>'
            '<div data-pagefind-ignore>不要索引</div><script>var x = "脚本";</script><table><tr><td>文号</td>'
            '<td>示财发〔2025〕12号</td></tr></table></article><footer>页脚</footer></body></html>').encode()
    text = extract(page)
    assert text is not None
    assert text.text == "关于住房公积金的通知 正文住房公积金 文号 示财发〔2025〕12号"
    assert text.title == "关于住房公积金的通知" and text.filters == (("kind", "政策文件"),)
    assert extract(b"<html><body><p>no body</p></body></html>") is None
    twin = twin_html(text)
    assert 'lang="zxx"' in twin and "data-pagefind-meta=\"title:\u01c2关于住房公积金的通知\"" in twin


# --- the engine on a real index, in Node.js ---

WORDS = ["住房公积金", "缴存", "管理办法", "托育服务", "老旧小区", "改造", "预算", "公开", "1200万元", "示财发〔2025〕12号",
         "信息", "政府", "通知", "年度报告", "义务教育", "招生", "养老", "补贴", "GDP", "第二十条"]


def _site(root: Path, count: int, rng: random.Random) -> dict[str, str]:
    """`count` pages of random sentences made of WORDS; {url: normalised indexed text}."""
    truth = {}
    for k in range(count):
        title = "关于" + "".join(rng.sample(WORDS, 2)) + f"的通知（第{k}号）"
        body = "。".join("".join(rng.choices(WORDS, k=rng.randint(2, 6))) for _ in range(rng.randint(3, 12)))
        rel = f"p/{k:03d}/index.html"
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(
            f'<!DOCTYPE html><html lang="zh-CN"><body><article data-pagefind-body>'
            f'<span data-pagefind-meta="published:2025-{1 + k % 12:02d}-{1 + k % 28:02d}" hidden></span>'
            f'<h1 data-pagefind-meta="title">{title}</h1><p>{body}</p></article></body></html>', encoding="utf-8")
        text = extract((root / rel).read_bytes())
        assert text is not None
        truth["/" + rel.removesuffix("index.html")] = text.text
    return truth


ENGINE_JS = """
const [engineUrl, base, runtime, queriesJson] = process.argv.slice(1);
const engine = await import(engineUrl);
const index = await engine.openIndex(base, runtime);
const out = [];
for (const query of JSON.parse(queriesJson)) {
  const answer = await engine.run(index, engine.synonymTable({}), query);
  const urls = await Promise.all(answer.results.map(async (r) => (await r.data()).url));
  out.push([answer.total, urls.map((u) => u.replace(base, "/"))]);
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


def _queries(truth: dict[str, str], rng: random.Random) -> list[str]:
    texts = list(truth.values())
    queries = []
    for _ in range(120):
        text = rng.choice(texts)
        size = rng.choice([1, 2, 2, 3, 3, 4, 5, 6, 8])
        start = rng.randrange(0, max(1, len(text) - size))
        piece = text[start:start + size].strip()
        if piece and '"' not in piece:
            queries.append(piece if " " not in piece else f'"{piece}"')
    return [*queries, "公积金管", "没有这样的词", "1200万元 托育", "示财发〔2025〕12号"]


def _relevant(truth: dict[str, str], query: str) -> set[str]:
    terms = [query.strip('"')] if query.startswith('"') else query.split()
    return {url for url, text in truth.items() if all(normalize(t) in text for t in terms)}


@needs_node
@pytest.mark.parametrize("parts", [False, True], ids=["one index", "parts"])
def test_every_query_finds_exactly_the_pages_that_contain_it(served: tuple[str, Path], parts: bool) -> None:
    base, root = served
    rng = random.Random(11)
    truth = _site(root, 60, rng)
    build_index(root, part_bytes=8_000, whole_bytes=0) if parts else build_index(root)
    queries = _queries(truth, rng)
    runtime = (root / "pagefind" / "pagefind.js").as_uri()
    answers = _node(ENGINE_JS, (STATIC / "search-engine.js").as_uri(), base, runtime, json.dumps(queries))
    assert isinstance(answers, list)
    wrong = []
    for query, (total, urls) in zip(queries, answers, strict=True):
        relevant = _relevant(truth, query)
        if total != len(relevant) or set(urls) != relevant:
            wrong.append((query, total, sorted(set(urls) - relevant), sorted(relevant - set(urls))))
    assert wrong == []


ORDER_JS = """
const [engineUrl, base, runtime, queriesJson] = process.argv.slice(1);
const engine = await import(engineUrl);
const index = await engine.openIndex(base, runtime);
const out = [];
for (const query of JSON.parse(queriesJson)) {
  const row = [];
  for (const sort of ["relevance", "date"]) {
    const answer = await engine.run(index, engine.synonymTable({}), query, { sort });
    row.push(await Promise.all(answer.results.map(async (r) => (await r.data()).url.replace(base, "/"))));
  }
  out.push(row);
}
console.log(JSON.stringify(out));
"""


@needs_node
def test_title_matches_come_first_and_by_date_the_newest_first_across_parts(served: tuple[str, Path]) -> None:
    base, root = served
    truth = _site(root, 60, random.Random(5))
    build_index(root, part_bytes=8_000, whole_bytes=0)
    dates = {url: extract((root / url.strip("/") / "index.html").read_bytes()).meta["published"]  # type: ignore[union-attr]
             for url in truth}
    titles = {url: extract((root / url.strip("/") / "index.html").read_bytes()).title  # type: ignore[union-attr]
              for url in truth}
    queries = ["托育服务", "预算", "通知", "住房公积金"]
    runtime = (root / "pagefind" / "pagefind.js").as_uri()
    answers = _node(ORDER_JS, (STATIC / "search-engine.js").as_uri(), base, runtime, json.dumps(queries))
    assert isinstance(answers, list)
    for query, (relevance, by_date) in zip(queries, answers, strict=True):
        assert sorted(relevance) == sorted(by_date) == sorted(_relevant(truth, query))
        in_title = [query in titles[url] for url in relevance]
        assert in_title == sorted(in_title, reverse=True), query  # every title match before every body match
        assert [dates[url] for url in by_date] == sorted((dates[url] for url in by_date), reverse=True), query


def test_capitals_are_kept_for_the_excerpt_and_indexed_in_lower_case() -> None:
    text = "项目编号 SLCG-2026-0158 GDP"
    words = stream_text(normalize(text), cased=normalize_cased(text)).split(" ")
    assert decode(words) == text
    assert [w.lower() for w in words] == stream_text(normalize(text)).split(" ")  # what Pagefind indexes
    assert "SLCG" in decode_runs(" ".join(words))


# --- the fetch guard (govsite/search_fetch.js): paced, retried, and a file that never loads is reported ---


class _FlakyHandler(_QuietHandler):
    """Answers the first request for each index file with 503 (`flaky`), every request for the files of
    `missing` with 404, and counts the requests in flight at once."""

    lock = threading.Lock()
    active = 0
    most = 0
    seen: set[str] = set()  # noqa: RUF012 - reset by the fixture for each test
    flaky = True
    missing = "/nowhere/"

    def do_GET(self) -> None:
        cls = type(self)
        with cls.lock:
            cls.active += 1
            cls.most = max(cls.most, cls.active)
            first = self.path not in cls.seen
            cls.seen.add(self.path)
        try:
            time.sleep(0.002)  # long enough for requests to overlap
            if self.path.endswith((".pf_index", ".pf_fragment")) and (cls.missing in self.path
                                                                       or (cls.flaky and first)):
                self.send_error(404 if cls.missing in self.path else 503)
                return
            super().do_GET()
        finally:
            with cls.lock:
                cls.active -= 1


@pytest.fixture
def flaky(tmp_path: Path) -> Iterator[tuple[str, Path, type[_FlakyHandler]]]:
    root = tmp_path / "www"
    root.mkdir()
    handler_class = type("Flaky", (_FlakyHandler,), {"seen": set(), "active": 0, "most": 0})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler_class, directory=str(root)))
    server.request_queue_size = 1024
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", root, handler_class
    server.shutdown()
    thread.join()


GUARDED_JS = """
const [engineUrl, base, runtime, queriesJson] = process.argv.slice(1);
const engine = await import(engineUrl);
const index = await engine.openIndex(base, runtime);
const answers = await Promise.all(JSON.parse(queriesJson).map(async (query) => {
  const answer = await engine.run(index, engine.synonymTable({}), query);
  const urls = await Promise.all(answer.results.map(async (r) => (await r.data()).url));
  return [answer.total, urls.map((u) => u.replace(base, "/")), answer.incomplete];
}));
console.log(JSON.stringify({answers, most: globalThis.govsiteFetch.maxActive, failed: globalThis.govsiteFetch.failed}));
"""


def _guarded_search(base: str, root: Path, queries: list[str]) -> dict[str, Any]:
    runtime = (root / "pagefind" / "pagefind.js").as_uri()
    result = _node(GUARDED_JS, (STATIC / "search-engine.js").as_uri(), base, runtime, json.dumps(queries))
    assert isinstance(result, dict)
    return result


@needs_node
def test_refused_index_files_are_fetched_again_and_every_query_stays_exact(
        flaky: tuple[str, Path, type[_FlakyHandler]]) -> None:
    base, root, handler = flaky
    rng = random.Random(23)
    truth = _site(root, 60, rng)
    build_index(root, part_bytes=6_000, whole_bytes=0)
    queries = _queries(truth, rng)[:60]
    result = _guarded_search(base, root, queries)  # all at once: hundreds of index files asked for together
    wrong = [(q, total, incomplete) for q, (total, urls, incomplete) in zip(queries, result["answers"], strict=True)
             if incomplete or total != len(_relevant(truth, q)) or set(urls) != _relevant(truth, q)]
    assert wrong == []
    assert result["failed"] == []
    assert any(path.endswith(".pf_index") for path in handler.seen)  # each was refused once, then loaded
    assert result["most"] == 24 and handler.most <= 24


@needs_node
def test_an_index_file_that_never_loads_marks_the_answer_incomplete(
        flaky: tuple[str, Path, type[_FlakyHandler]]) -> None:
    base, root, handler = flaky
    truth = _site(root, 60, random.Random(29))
    build_index(root, part_bytes=6_000, whole_bytes=0)
    handler.flaky = False
    handler.missing = "/pagefind/" + sorted(p.name for p in (root / "pagefind").iterdir() if p.is_dir())[1] + "/"
    result = _guarded_search(base, root, ["通知", "没有这样的词"])
    (total, _urls, incomplete), (none, _, incomplete_too) = result["answers"]
    assert incomplete and incomplete_too  # the session's results may lack that part's pages: the page says so
    assert total < len(_relevant(truth, "通知")) and none == 0
    assert result["failed"] and all(handler.missing in f["url"] and f["reason"] == "HTTP 404" for f in result["failed"])


def test_every_part_carries_the_fetch_guard_in_its_worker(tmp_path: Path) -> None:
    truth = _site(tmp_path, 30, random.Random(3))
    assert truth
    build_index(tmp_path, part_bytes=6_000, whole_bytes=0)
    guard = FETCH_GUARD.read_bytes()
    parts = [p for p in (tmp_path / "pagefind").iterdir() if p.is_dir()]
    assert len(parts) >= 3
    for part in parts:
        assert (part / "pagefind-worker.js").read_bytes().startswith(guard + b"\n"), part.name
    assert (tmp_path / "pagefind" / "govsite-fetch.js").read_bytes() == guard
