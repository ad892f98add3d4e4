"""Search quality against the pages' own text: ``python tests/bench/search_quality.py OUT [--site DIR]
[--queries N] [--seed S] [--ui-sample K] [--urls N] [--json FILE] [--strict]``.

OUT is a built output folder with search. Every indexed page is read as the index sees it
(``govsite.search_twin.extract``) and query sets are drawn from the pages' text with a seeded RNG: whole titles;
1- to 4-character Chinese pieces, on word boundaries or cutting a word in two (as Chromium's
``Intl.Segmenter`` cuts the text); two-term queries; quoted phrases; pieces with punctuation; 文号; 索引号;
numbers with units; years with words; Latin and mixed strings; ASCII typed full-width; synonyms (the site's
data/search.yaml, with ``--site``); pieces searched in the title or 文号 only; pieces with a kind filter. A page
is relevant to a query when its normalised text contains every term (a term with synonyms: the term or one of
them; docs/search.md).

Each query runs in Chromium through the search page's test API (``window.govsiteSearch``) and is compared with
that truth: success@10, recall, precision@10, whether ``total`` is exact, queries that find nothing while a page
is relevant. A sample of K queries also goes through the visible page twice (typed, submitted; the stated count
and the first page of results checked), the second run timing submit → first result shown and both runs'
bytes fetched (Resource Timing). tests/e2e/test_search_quality.py uses the same functions on the demo.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import http.server
import json
import random
import re
import statistics
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml
from playwright.sync_api import Browser, Page, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from govsite.search_text import normalize

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync")
PAGE_SIZE = 10  # results per page of the search page
HAN = "\u4e00-\u9fff"
HAN_RUN = re.compile(f"[{HAN}]+")
NUMBER = re.compile(r"\d+(?:\.\d+)?(?:万元|亿元|元|%|个|项|人|家|户|所|公里|平方米)")
YEAR_WORDS = re.compile(rf"\d{{4}}年[{HAN}]{{2,4}}")
LATIN = re.compile(rf"[a-z0-9][a-z0-9.\-_@/]*[a-z0-9][{HAN}]{{0,2}}|[a-z][{HAN}]{{1,2}}")
CREDIT_CODE = re.compile(r"\d{8}[0-9a-z]{10}")  # 索引号 begin with one: they have their own set
PUNCTUATION = re.compile(r'[^\w\s"]')
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
TERM = re.compile(r'"([^"]*)"|(\S+)')
BASE_PATH = re.compile(r'<html[^>]*\sdata-base-path="([^"]*)"')
GROUPS = ("title", "1 char, word", "1 char, cut", "2 chars, word", "2 chars, cut", "3 chars, word",
          "3 chars, cut", "4 chars, word", "4 chars, cut", "two terms", "phrase", "punctuation", "文号", "索引号",
          "number+unit", "year+words", "latin/mixed", "full-width", "synonym", "scope title", "scope 文号",
          "kind filter", "date range", "sort by date")


@dataclass(frozen=True)
class Doc:
    """One indexed page: its URL (as the search gives it) and what the truth is computed from."""

    url: str
    text: str
    title: str
    doc_no: str
    index_no: str
    published: str  # 发布日期 as the page's meta has it ('' if none)
    filters: frozenset[tuple[str, str]]


@dataclass(frozen=True)
class Site:
    out: Path
    base: str
    docs: tuple[Doc, ...]
    synonyms: Mapping[str, tuple[str, ...]]


@dataclass(frozen=True)
class Query:
    group: str
    text: str  # as typed
    scope: str = "all"
    kind: str = ""  # a kind filter value, or none
    start: str = ""  # a date range: from
    end: str = ""  # and to (YYYY-MM-DD, inclusive)
    sort: str = ""  # "date": newest first

    def options(self) -> dict[str, Any]:
        options: dict[str, Any] = {} if self.scope == "all" else {"scope": self.scope}
        if self.kind:
            options["filters"] = {"kind": {"any": [self.kind]}}
        options.update({key: value for key, value in (("from", self.start), ("to", self.end), ("sort", self.sort))
                        if value})
        return options

    def label(self) -> str:
        return f"[{self.group}] {self.text!r}" + "".join(f" {key}={value}" for key, value in self.options().items())


# -- the pages and the truth ------------------------------------------------------------------------------------


def base_path(out: Path) -> str:
    """The site's base path: the ``data-base-path`` of ``<html>`` in search/index.html (``/`` without one)."""
    found = BASE_PATH.search((out / "search" / "index.html").read_text(encoding="utf-8"))
    base = found.group(1) if found else "/"
    return base if base.endswith("/") else base + "/"


def page_url(rel: str, base: str) -> str:
    """``a/b/index.html`` → ``<base>a/b/``; ``index.html`` → ``<base>``; ``a/b.html`` → ``<base>a/b.html``."""
    if rel == "index.html" or rel.endswith("/index.html"):
        rel = rel[: -len("index.html")]
    return base + rel


def load_synonyms(site_dir: Path | None) -> dict[str, tuple[str, ...]]:
    """``synonyms`` of the site's data/search.yaml, keys and values normalised (none without the file)."""
    path = site_dir / "data" / "search.yaml" if site_dir is not None else None
    if path is None or not path.is_file():
        return {}
    raw = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("synonyms") or {}
    result: dict[str, tuple[str, ...]] = {}
    for key, values in raw.items():
        values = [values] if isinstance(values, str) else list(values or [])
        result[normalize(str(key))] = tuple(normalize(str(v)) for v in values if normalize(str(v)))
    return result


def read_site(out: Path, site_dir: Path | None = None) -> Site:
    """Every indexed page of a built output (``extract`` is not None), in path order."""
    from govsite.search_twin import extract

    base = base_path(out)
    docs = []
    for path in sorted(out.rglob("*.html")):
        rel = path.relative_to(out).as_posix()
        if rel.startswith("pagefind/"):
            continue
        page = extract(path.read_bytes())
        if page is None:
            continue
        docs.append(Doc(page_url(rel, base), page.text, page.title, page.doc_no, str(page.meta.get("index_no", "")),
                        str(page.meta.get("published", "")), frozenset(page.filters)))
    return Site(out, base, tuple(docs), load_synonyms(site_dir))


def query_terms(query: str) -> list[str]:
    """The normalised terms of a query: split on spaces, a quoted part one term with its spaces."""
    terms = (normalize(quoted or word) for quoted, word in TERM.findall(normalize(query)))
    return [term for term in terms if term]


def field_text(doc: Doc, scope: str) -> str:
    if scope == "title":
        return normalize(doc.title)
    if scope == "docno":
        return normalize(doc.doc_no)
    return doc.text


def relevant(site: Site, query: Query) -> frozenset[str]:
    """The URLs of the pages whose text (in the query's scope; of its kind, in its date range) contains every
    term."""
    alternatives = [(term, *site.synonyms.get(term, ())) for term in query_terms(query.text)]
    if not alternatives:
        return frozenset()
    return frozenset(
        doc.url for doc in site.docs
        if (not query.kind or ("kind", query.kind) in doc.filters)
        and (not query.start or query.start <= doc.published[:10] <= query.end)
        and all(any(alt in field_text(doc, query.scope) for alt in alts) for alts in alternatives)
    )


# -- drawing the queries ----------------------------------------------------------------------------------------

# For each (text, start, end): whether the piece text[start:end] begins and ends where Chromium's word segmenter
# (what search.js and a reader's browser use) puts a word boundary.
SEGMENT_JS = """(items) => {
  const segmenter = new Intl.Segmenter('zh', {granularity: 'word'});
  return items.map(([text, start, end]) => {
    const cuts = new Set([...segmenter.segment(text)].map((s) => s.index));
    cuts.add(text.length);
    return cuts.has(start) && cuts.has(end);
  });
}"""
CONTEXT = 40  # characters of the Han run either side of a piece given to the segmenter


def take(group: str, candidates: Iterable[str], n: int, **options: str) -> list[Query]:
    """The first ``n`` distinct non-empty candidates as queries of a group."""
    seen: dict[str, None] = {}
    for text in candidates:
        if text and text not in seen:
            seen[text] = None
            if len(seen) == n:
                break
    return [Query(group, text, **options) for text in seen]


def plain(text: str) -> str:
    """The text, or '' when it holds a double quote (which would make it a phrase query)."""
    return "" if '"' in text else text


def han_piece(rng: random.Random, text: str, n: int) -> tuple[str, int, str] | None:
    """A random ``n``-character piece of the Han runs of a text, uniform over positions: (its run around it,
    clipped to CONTEXT characters either side; its start in that; the piece)."""
    runs = [m.group() for m in HAN_RUN.finditer(text) if len(m.group()) >= n]
    if not runs:
        return None
    run = rng.choices(runs, weights=[len(r) - n + 1 for r in runs])[0]
    start = rng.randrange(len(run) - n + 1)
    low = max(0, start - CONTEXT)
    return run[low : start + n + CONTEXT], start - low, run[start : start + n]


def han_groups(page: Page, rng: random.Random, docs: Sequence[Doc], per_group: int) -> list[Query]:
    """1- to 4-character Han pieces, each length in two sets: on word boundaries, and cutting a word."""
    queries: list[Query] = []
    for n in (1, 2, 3, 4):
        drawn = [p for p in (han_piece(rng, rng.choice(docs).text, n) for _ in range(per_group * 12)) if p]
        on_words = page.evaluate(SEGMENT_JS, [[context, start, start + n] for context, start, _ in drawn])
        label = "1 char" if n == 1 else f"{n} chars"
        queries += take(f"{label}, word", (p[2] for p, word in zip(drawn, on_words, strict=True) if word), per_group)
        queries += take(f"{label}, cut", (p[2] for p, word in zip(drawn, on_words, strict=True) if not word),
                        per_group)
    return queries


def two_terms(rng: random.Random, doc: Doc) -> str:
    first, second = han_piece(rng, doc.text, rng.randint(2, 4)), han_piece(rng, doc.text, rng.randint(2, 4))
    return f"{first[2]} {second[2]}" if first and second and first[2] != second[2] else ""


def phrase(rng: random.Random, text: str, shortest: int = 2, longest: int = 6) -> str:
    """A random piece of a text, 2-6 characters, neither beginning nor ending with a space ('' if none)."""
    n = rng.randint(shortest, longest)
    if len(text) < n:
        return ""
    start = rng.randrange(len(text) - n + 1)
    piece = text[start : start + n]
    return piece if piece == piece.strip() and '"' not in piece else ""


def around_punctuation(rng: random.Random, text: str) -> str:
    """3-8 characters around a punctuation mark of the text (“三公”经费, 《办法》, 〔2025〕), no spaces."""
    marks = [m.start() for m in PUNCTUATION.finditer(text)]
    if not marks:
        return ""
    at = rng.choice(marks)
    start = max(0, at - rng.randint(0, 3))
    piece = text[start : start + rng.randint(max(3, at - start + 1), 8)]
    return piece if len(piece) >= 3 and not re.search(r'[\s"]', piece) else ""


def pattern(rng: random.Random, text: str, regex: re.Pattern[str], keep: Callable[[str], bool] = bool) -> str:
    found = [m for m in regex.findall(text) if keep(m)]
    return rng.choice(found) if found else ""


def year_words(rng: random.Random, text: str) -> str:
    found = pattern(rng, text, YEAR_WORDS)
    return found[: 5 + rng.randint(2, len(found) - 5)] if found else ""


def latin(rng: random.Random, text: str) -> str:
    """A Latin or mixed string of the text (not a 索引号), as typed: half of them in capitals."""
    found = pattern(rng, text, LATIN, lambda m: re.search("[a-z]", m) is not None and not CREDIT_CODE.search(m))
    return found.upper() if rng.random() < 0.5 else found


def full_width(rng: random.Random, doc: Doc) -> str:
    """A 文号, 索引号, number or Latin string of the page with its ASCII typed full-width (ＡＢＣ１２３)."""
    source = rng.choice([doc.doc_no, doc.index_no, pattern(rng, doc.text, NUMBER), latin(rng, doc.text)])
    wide = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in plain(source))
    return wide if wide != source else ""


def kind_of(doc: Doc) -> str:
    return next((value for name, value in sorted(doc.filters) if name == "kind"), "")


def kind_queries(rng: random.Random, docs: Sequence[Doc], per_group: int) -> list[Query]:
    """2- and 3-character pieces of pages, each filtered to the kind of the page it comes from."""
    seen: dict[tuple[str, str], None] = {}
    for _ in range(per_group * 12 if docs else 0):
        doc = rng.choice(docs)
        piece = han_piece(rng, doc.text, rng.randint(2, 3))
        if piece:
            seen[(piece[2], kind_of(doc))] = None
        if len(seen) == per_group:
            break
    return [Query("kind filter", text, kind=kind) for text, kind in seen]


def dated_queries(rng: random.Random, docs: Sequence[Doc], per_group: int) -> list[Query]:
    """2-character pieces of pages within a date range around the page's 发布日期, and 2-character pieces
    sorted by date."""
    dated = [doc for doc in docs if DAY.match(doc.published)]
    ranged: dict[Query, None] = {}
    for _ in range(per_group * 12 if dated else 0):
        doc = rng.choice(dated)
        piece = han_piece(rng, doc.text, 2)
        day = dt.date.fromisoformat(doc.published[:10])
        start = day - dt.timedelta(days=rng.randint(0, 365))
        end = day + dt.timedelta(days=rng.randint(0, 365))
        if piece:
            ranged[Query("date range", piece[2], start=start.isoformat(), end=end.isoformat())] = None
        if len(ranged) == per_group:
            break
    pieces = (han_piece(rng, rng.choice(docs).text, 2) for _ in range(per_group * 12))
    return [*ranged, *take("sort by date", (p[2] for p in pieces if p), per_group, sort="date")]


def draw_queries(site: Site, per_group: int, seed: int, page: Page) -> list[Query]:
    """Up to ``per_group`` distinct queries of each group in GROUPS, drawn from the pages with a seeded RNG
    (``page``: any page of Chromium, for its word segmenter). A group the site has nothing for stays empty."""
    rng = random.Random(seed)
    docs = list(site.docs)
    with_no = [doc for doc in docs if doc.doc_no] or docs
    with_kind = [doc for doc in docs if kind_of(doc)]
    tries = range(per_group * 12)

    def each(draw: Callable[[Doc], str], pool: Sequence[Doc] = docs) -> Iterator[str]:
        return (draw(rng.choice(pool)) for _ in tries)

    queries = take("title", each(lambda d: plain(d.title)), per_group)
    queries += han_groups(page, rng, docs, per_group)
    queries += take("two terms", each(lambda d: two_terms(rng, d)), per_group)
    queries += take("phrase", (f'"{p}"' for p in each(lambda d: phrase(rng, d.text)) if p), per_group)
    queries += take("punctuation", each(lambda d: around_punctuation(rng, d.text)), per_group)
    queries += take("文号", each(lambda d: plain(d.doc_no)), per_group)
    queries += take("索引号", each(lambda d: plain(d.index_no)), per_group)
    queries += take("number+unit", each(lambda d: pattern(rng, d.text, NUMBER)), per_group)
    queries += take("year+words", each(lambda d: year_words(rng, d.text)), per_group)
    queries += take("latin/mixed", each(lambda d: latin(rng, d.text)), per_group)
    queries += take("full-width", each(lambda d: full_width(rng, d)), per_group)
    keys = sorted(site.synonyms)
    queries += take("synonym", (rng.choice(keys) for _ in tries if keys), per_group)
    titled = each(lambda d: (han_piece(rng, d.title, rng.randint(2, 4)) or ("", 0, ""))[2])
    queries += take("scope title", titled, per_group, scope="title")
    queries += take("scope 文号", each(lambda d: plain(phrase(rng, d.doc_no, 2, 6)), with_no), per_group,
                    scope="docno")
    queries += kind_queries(rng, with_kind, per_group)
    queries += dated_queries(rng, docs, per_group)
    return queries


def ui_sample(queries: Sequence[Query], k: int, seed: int) -> list[Query]:
    """``k`` queries without options for the visible page, taken from the groups in turn (seeded)."""
    rng = random.Random(seed)
    by_group: dict[str, list[Query]] = {}
    for query in queries:
        if not query.options():
            by_group.setdefault(query.group, []).append(query)
    for group in by_group.values():
        rng.shuffle(group)
    sample: list[Query] = []
    while len(sample) < k and any(by_group.values()):
        for group in by_group.values():
            if group and len(sample) < k:
                sample.append(group.pop())
    return sample


# -- serving the site and driving Chromium ----------------------------------------------------------------------


class _Handler(http.server.SimpleHTTPRequestHandler):
    """The output folder served under the site's base path, as a static host serves it (tests/e2e/conftest.py)."""

    extensions_map = {  # noqa: RUF012 - the same class attribute the base class declares
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript", ".mjs": "text/javascript", ".json": "application/json",
        ".wasm": "application/wasm", ".pagefind": "application/octet-stream",
        ".pf_meta": "application/octet-stream", ".pf_index": "application/octet-stream",
        ".pf_fragment": "application/octet-stream", ".pf_filter": "application/octet-stream",
        ".svg": "image/svg+xml", ".xml": "application/xml", ".csv": "text/csv",
    }

    def __init__(self, *args: Any, base: str, **kwargs: Any) -> None:
        self.base = base
        super().__init__(*args, **kwargs)

    def translate_path(self, path: str) -> str:
        path = urlsplit(path).path
        inside = path.startswith(self.base)
        return super().translate_path("/" + path[len(self.base) :] if inside else "/nonexistent-outside-base/")

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serving(out: Path, base: str) -> Iterator[str]:
    """Serves ``out`` on loopback under ``base``; yields the site's URL, ``http://127.0.0.1:PORT<base>``."""
    handler = functools.partial(_Handler, directory=str(out), base=base)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="search-quality-http", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{base}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium, headless, launched as tests/e2e/conftest.py launches it."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=list(CHROMIUM_ARGS))
        try:
            yield browser
        finally:
            browser.close()


def open_search(page: Page, site_url: str) -> None:
    """Opens the site's search page and waits for its test API (``window.govsiteSearch``)."""
    page.goto(site_url + "search/")
    page.wait_for_function("() => window.govsiteSearch !== undefined", timeout=30_000)
    page.evaluate("() => performance.setResourceTimingBufferSize(1000000)")


# -- the queries through the test API ---------------------------------------------------------------------------

# ``limit``: how many results' URLs to ask ``urls`` for (null: all of them).
API_JS = """async ([query, options, limit]) => {
  const search = window.govsiteSearch;
  const start = performance.now();
  const answer = await search.run(query, options);
  const ms = performance.now() - start;
  const urls = await search.urls(limit === null ? answer.ids : answer.ids.slice(0, limit));
  return {total: answer.total, partialTotal: answer.partialTotal, ids: answer.ids, urls,
          partial: answer.partialIds.length, synonyms: answer.synonyms, incomplete: answer.incomplete, ms};
}"""
FRAGMENT_SIGNATURE = b"pagefind_dcd"


@functools.cache
def fragment_urls(out: Path, base: str) -> dict[str, str]:
    """Every result id of the site's index → its URL, read from the index's fragment files (what ``urls``
    fetches): the way to the URLs of results beyond ``urls``'s limit."""
    found = {}
    for path in out.glob("pagefind/*/fragment/*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        data = data.removeprefix(FRAGMENT_SIGNATURE)
        found[path.stem] = base.rstrip("/") + json.loads(data)["url"]
    return found


@dataclass(frozen=True)
class Verdict:
    """One query through the API against the truth."""

    query: Query
    relevant: frozenset[str]
    found: tuple[str, ...]  # the exact matches' URLs, ranked
    total: int
    ids: int
    partial: int
    ms: float
    synonyms: tuple[str, ...] = ()  # what the search says it also searched for
    expected_synonyms: tuple[str, ...] = ()  # the synonyms of the query's terms in data/search.yaml
    out_of_order: tuple[str, ...] = ()  # sorted by date: results listed after an older one
    incomplete: bool = False  # the engine says an index file failed to load in this session

    @property
    def missing(self) -> list[str]:
        return sorted(self.relevant - set(self.found))

    @property
    def extra(self) -> list[str]:
        return sorted(set(self.found) - self.relevant)

    @property
    def top(self) -> tuple[str, ...]:
        return self.found[:PAGE_SIZE]

    def success(self) -> bool | None:
        return any(url in self.relevant for url in self.top) if self.relevant else None

    def recall(self) -> float | None:
        return len(self.relevant & set(self.found)) / len(self.relevant) if self.relevant else None

    def precision(self) -> float | None:
        return sum(url in self.relevant for url in self.top) / len(self.top) if self.top else None

    def problems(self) -> list[str]:
        """What differs from the truth, in words ([] when the query is answered exactly)."""
        wrong_top = [url for url in self.found[: min(PAGE_SIZE, len(self.relevant))] if url not in self.relevant]
        problems = [f"{len(self.missing)} relevant not found: {shorten(self.missing)}"] if self.missing else []
        problems += [f"{len(self.extra)} found not relevant: {shorten(self.extra)}"] if self.extra else []
        problems += [f"not relevant among the first results: {shorten(wrong_top)}"] if wrong_top else []
        if self.total != len(self.relevant):
            problems.append(f"total {self.total} != {len(self.relevant)} relevant")
        if self.ids != self.total or len(set(self.found)) != len(self.found):
            problems.append(f"{self.ids} ids, {len(set(self.found))} distinct URLs for total {self.total}")
        if self.out_of_order:
            problems.append(f"not newest first: {shorten(self.out_of_order)}")
        if self.incomplete:
            problems.append("an index file failed to load (the answer is marked incomplete)")
        if sorted(set(self.synonyms)) != sorted(set(self.expected_synonyms)):
            problems.append(f"also searched {list(self.synonyms)}, data/search.yaml has {list(self.expected_synonyms)}")
        return problems

    def describe(self) -> str:
        return f"{self.query.label()}: " + "; ".join(self.problems())


def shorten(urls: Sequence[str], most: int = 8) -> str:
    shown = ", ".join(urls[:most])
    return shown + (f" … and {len(urls) - most} more" if len(urls) > most else "")


def api_search(page: Page, site: Site, query: Query, limit: int | None = None) -> Verdict:
    """One query through ``window.govsiteSearch.run`` and ``urls`` (for the first ``limit`` results, all by
    default; the others' URLs from the fragment files), judged against the pages' text."""
    answer = page.evaluate(API_JS, [query.text, query.options(), limit])
    found = [unquote(url) if url else f"(no url for {id_})" for url, id_ in zip(answer["urls"], answer["ids"],
                                                                              strict=False)]
    rest = answer["ids"][len(found) :]
    if rest:
        by_id = fragment_urls(site.out, site.base)
        found += [unquote(by_id.get(id_, f"(no fragment {id_})")) for id_ in rest]
    expected = tuple(synonym for term in query_terms(query.text) for synonym in site.synonyms.get(term, ()))
    return Verdict(query, relevant(site, query), tuple(found), answer["total"], len(answer["ids"]),
                   answer["partial"], answer["ms"], tuple(answer["synonyms"]), expected,
                   out_of_order(site, found) if query.sort == "date" else (), bool(answer["incomplete"]))


def out_of_order(site: Site, urls: Sequence[str]) -> tuple[str, ...]:
    """The results listed after an older one (by 发布日期)."""
    published = {doc.url: doc.published for doc in site.docs}
    late: list[str] = []
    oldest = "\uffff"
    for url in urls:
        date = published.get(url, "")
        if not date:  # a URL that is no page of the site: counted as found-not-relevant, not here
            continue
        if date > oldest:
            late.append(url)
        oldest = min(oldest, date)
    return tuple(late)


def run_queries(page: Page, site: Site, queries: Sequence[Query], progress: bool = False,
                limit: int | None = None) -> list[Verdict]:
    verdicts = []
    for k, query in enumerate(queries, 1):
        verdicts.append(api_search(page, site, query, limit))
        if progress and k % 100 == 0:
            print(f"  {k}/{len(queries)} queries", file=sys.stderr, flush=True)
    return verdicts


# -- the visible search page ------------------------------------------------------------------------------------

# Submits the form (the query already typed) and waits for the final status; returns the time from submit to
# the first result added to the list and to the final status, the status, and the first page's exact results' links.
UI_JS = """async () => {
  const form = document.querySelector('#search-form');
  const list = document.querySelector('#search-results');
  const status = document.querySelector('#search-status');
  const final = /^找到 \\d+ 条结果/;
  let first = null;
  let done = null;
  const finished = new Promise((resolve) => {
    const observer = new MutationObserver((records) => {
      const now = performance.now();
      for (const record of records) {
        const added = [...record.addedNodes].some((n) => n.nodeType === 1 && n.matches('li.result'));
        if (first === null && list.contains(record.target) && added) first = now;
      }
      if (final.test(status.textContent)) { done = now; observer.disconnect(); resolve(); }
    });
    observer.observe(list, {childList: true, subtree: true});
    observer.observe(status, {childList: true, subtree: true, characterData: true});
    setTimeout(() => { observer.disconnect(); resolve(); }, 60000);
  });
  const start = performance.now();
  form.requestSubmit();
  await finished;
  await new Promise((resolve) => setTimeout(resolve, 50));
  const links = [...list.querySelectorAll(':scope > li.result:not(.partial)')]
    .map((li) => (li.querySelector('a') || {getAttribute: () => null}).getAttribute('href'));
  return {first: first === null ? null : first - start, done: done === null ? null : done - start,
          status: status.textContent, links, partial: list.querySelectorAll(':scope > li.result.partial').length};
}"""
# Resource Timing of the page or of a worker (Pagefind fetches its index in a Web Worker).
CLEAR_JS = "() => { performance.setResourceTimingBufferSize(1000000); performance.clearResourceTimings(); }"
SIZES_JS = "() => performance.getEntriesByType('resource').map((e) => [e.transferSize, e.encodedBodySize])"
COUNT = re.compile(r"^找到 (\d+) 条结果")


@dataclass(frozen=True)
class UiRun:
    """One search through the visible page."""

    status: str
    count: int | None  # N of 找到 N 条结果
    links: tuple[str, ...]  # the exact results on the first page
    first_ms: float | None  # submit → first result in the list
    done_ms: float | None  # submit → final status
    requests: int
    transfer: int  # bytes over the network (Resource Timing transferSize)
    encoded: int  # bytes of the bodies fetched or taken from the HTTP cache (encodedBodySize)


def in_workers(page: Page, script: str) -> list[Any]:
    """The results of a script run in each of the page's workers (one that ended meanwhile is left out)."""
    results = []
    for worker in page.workers:
        with suppress(PlaywrightError):
            results.append(worker.evaluate(script))
    return results


def ui_search(page: Page, text: str) -> UiRun:
    """Types a query into #search-input and submits the form; what the page then shows and what the page and
    its workers fetched meanwhile (Resource Timing: a worker started by the query has only this query's)."""
    page.fill("#search-input", text)
    page.evaluate(CLEAR_JS)
    in_workers(page, CLEAR_JS)
    shown = page.evaluate(UI_JS)
    sizes = page.evaluate(SIZES_JS) + [size for sizes in in_workers(page, SIZES_JS) for size in sizes]
    found = COUNT.match(shown["status"])
    return UiRun(shown["status"], int(found.group(1)) if found else None,
                 tuple(unquote(link) if link else "(no link)" for link in shown["links"]), shown["first"],
                 shown["done"], len(sizes), sum(t for t, _ in sizes), sum(e for _, e in sizes))


@dataclass(frozen=True)
class UiCheck:
    """A query of the sample: its API verdict and two runs through the page (the second one warm)."""

    verdict: Verdict
    first: UiRun
    warm: UiRun

    def problems(self) -> list[str]:
        relevant, shown = self.verdict.relevant, self.warm
        problems = [f"the page says {shown.status!r}, {len(relevant)} relevant"] if shown.count != len(relevant) else []
        wanted = min(PAGE_SIZE, len(relevant))
        wrong = [link for link in shown.links if link not in relevant]
        if len(shown.links) != wanted or wrong:
            problems.append(f"first page has {len(shown.links)} results ({wanted} expected), not relevant: "
                            f"{shorten(wrong)}")
        if shown.links != self.verdict.top:
            problems.append(f"first page {shorten(shown.links)} differs from the API's {shorten(self.verdict.top)}")
        if self.first.count != shown.count or self.first.links != shown.links:
            problems.append(f"a second run shows {shown.count}/{shorten(shown.links)}, the first "
                            f"{self.first.count}/{shorten(self.first.links)}")
        return problems

    def describe(self) -> str:
        return f"UI {self.verdict.query.label()}: " + "; ".join(self.problems())


def ui_checks(page: Page, verdicts: Sequence[Verdict]) -> list[UiCheck]:
    """Each query of ``verdicts`` through the visible page twice in a row (the second run is the warm one)."""
    return [UiCheck(v, ui_search(page, v.query.text), ui_search(page, v.query.text)) for v in verdicts]


# -- figures ----------------------------------------------------------------------------------------------------


def mean(values: Iterable[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def share(flags: Iterable[bool]) -> float | None:
    return mean(1.0 if flag else 0.0 for flag in flags)


def percentile(values: Sequence[float], q: float) -> float:
    """The nearest-rank percentile (q in 0..1)."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(q * len(ordered) + 0.5) - 1))]


def summary(verdicts: Sequence[Verdict]) -> dict[str, float | int | None]:
    """The figures of one query set."""
    hit = [v for v in verdicts if v.relevant]
    return {
        "queries": len(verdicts),
        "relevant_per_query": mean(len(v.relevant) for v in verdicts),
        "success_at_10": share(bool(v.success()) for v in hit),
        "recall": mean(v.recall() for v in hit),
        "precision_at_10": mean(v.precision() for v in verdicts),
        "count_exact": share(v.total == len(v.relevant) for v in verdicts),
        "nothing_found": share(not v.found for v in hit),
        "all_exact": share(not v.problems() for v in verdicts),
        "api_ms_median": statistics.median(v.ms for v in verdicts) if verdicts else None,
    }


def spread(values: Sequence[float]) -> dict[str, float] | None:
    if not values:
        return None
    return {"median": statistics.median(values), "p90": percentile(values, 0.9), "max": max(values)}


def timings(checks: Sequence[UiCheck]) -> dict[str, dict[str, float] | None]:
    """Submit → first result shown (warm runs), submit → final status, and bytes fetched per query."""
    return {
        "first_result_ms": spread([c.warm.first_ms for c in checks if c.warm.first_ms is not None]),
        "final_status_ms": spread([c.warm.done_ms for c in checks if c.warm.done_ms is not None]),
        "first_run_first_result_ms": spread([c.first.first_ms for c in checks if c.first.first_ms is not None]),
        "first_run_transfer_bytes": spread([float(c.first.transfer) for c in checks]),
        "first_run_encoded_bytes": spread([float(c.first.encoded) for c in checks]),
        "warm_transfer_bytes": spread([float(c.warm.transfer) for c in checks]),
        "first_run_requests": spread([float(c.first.requests) for c in checks]),
    }


@dataclass
class Report:
    site: Site
    seed: int
    verdicts: list[Verdict]
    checks: list[UiCheck]
    seconds: float = 0.0

    def groups(self) -> dict[str, list[Verdict]]:
        by_group: dict[str, list[Verdict]] = {group: [] for group in GROUPS}
        for verdict in self.verdicts:
            by_group.setdefault(verdict.query.group, []).append(verdict)
        return {group: verdicts for group, verdicts in by_group.items() if verdicts}

    def discrepancies(self) -> list[str]:
        return [v.describe() for v in self.verdicts if v.problems()] + [c.describe() for c in self.checks
                                                                         if c.problems()]

    def to_json(self) -> dict[str, Any]:
        return {
            "pages": len(self.site.docs), "base": self.site.base, "seed": self.seed, "seconds": self.seconds,
            "sets": {group: summary(verdicts) for group, verdicts in self.groups().items()},
            "all": summary(self.verdicts),
            "ui": {"queries": len(self.checks), "agree": sum(not c.problems() for c in self.checks),
                   **timings(self.checks)},
            "discrepancies": self.discrepancies(),
            "queries": [{"set": v.query.group, "query": v.query.text, "options": v.query.options(),
                         "relevant": len(v.relevant), "total": v.total, "partial": v.partial,
                         "missing": v.missing, "extra": v.extra, "top": list(v.top), "ms": v.ms}
                        for v in self.verdicts],
            "ui_runs": [{"query": c.verdict.query.text, "first": vars(c.first), "warm": vars(c.warm),
                         "problems": c.problems()} for c in self.checks],
        }


def measure(out: Path, site_dir: Path | None = None, per_group: int = 40, seed: int = 1, ui_k: int = 30,
            limit: int | None = 100) -> Report:
    """Draws the queries from ``out``'s pages, runs them through the API (``urls`` for the first ``limit``
    results of each), then a sample through the page (in a new browser context: its own HTTP cache)."""
    start = time.perf_counter()
    site = read_site(out, site_dir)
    print(f"{len(site.docs)} indexed pages under {site.base} read in {time.perf_counter() - start:.1f} s",
          file=sys.stderr, flush=True)
    with serving(out, site.base) as url, chromium() as browser:
        page = browser.new_page()
        open_search(page, url)
        queries = draw_queries(site, per_group, seed, page)
        print(f"{len(queries)} queries drawn (seed {seed})", file=sys.stderr, flush=True)
        verdicts = run_queries(page, site, queries, progress=True, limit=limit)
        by_query = {v.query: v for v in verdicts}
        page.context.close()
        page = browser.new_page()
        open_search(page, url)
        checks = ui_checks(page, [by_query[q] for q in ui_sample(queries, ui_k, seed)])
    return Report(site, seed, verdicts, checks, time.perf_counter() - start)


def percent(value: float | int | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}"


def print_report(report: Report, most: int = 40) -> None:
    """The table per query set, the visible page's figures and the discrepancies."""
    header = (f"{'query set':<14} {'queries':>7} {'pages/q':>7} {'succ@10':>7} {'recall':>7} {'P@10':>7}"
              f" {'count=':>7} {'none':>6} {'exact':>7} {'ms p50':>7}")
    print(f"search quality: {len(report.site.docs)} indexed pages, {len(report.site.synonyms)} synonym terms, "
          f"{len(report.verdicts)} queries, seed {report.seed} (% of queries; succ@10, recall and none over "
          "queries with a relevant page)")
    print(header)
    print("-" * len(header))
    for group, figures in [*((g, summary(v)) for g, v in report.groups().items()), ("all", summary(report.verdicts))]:
        print(f"{group:<14} {figures['queries']:>7} {figures['relevant_per_query'] or 0:>7.1f}"
              f" {percent(figures['success_at_10']):>7} {percent(figures['recall']):>7}"
              f" {percent(figures['precision_at_10']):>7} {percent(figures['count_exact']):>7}"
              f" {percent(figures['nothing_found']):>6} {percent(figures['all_exact']):>7}"
              f" {figures['api_ms_median'] or 0:>7.0f}")
    times = timings(report.checks)
    agree = sum(not c.problems() for c in report.checks)
    print(f"visible page: {agree}/{len(report.checks)} queries show the exact count and first page")
    for key, label, unit in (("first_result_ms", "submit → first result (warm)", "ms"),
                             ("final_status_ms", "submit → final status (warm)", "ms"),
                             ("first_run_first_result_ms", "submit → first result (first run)", "ms"),
                             ("first_run_transfer_bytes", "transferred per query (first run)", "B"),
                             ("first_run_encoded_bytes", "body bytes per query (first run)", "B"),
                             ("warm_transfer_bytes", "transferred per query (warm)", "B")):
        value = times[key]
        if value is not None:
            print(f"  {label:<36} median {value['median']:>9.0f} {unit}, p90 {value['p90']:>9.0f} {unit},"
                  f" max {value['max']:>9.0f} {unit}")
    problems = report.discrepancies()
    print(f"discrepancies: {len(problems)}" + (f" (first {most})" if len(problems) > most else ""))
    for line in problems[:most]:
        print("  " + line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("out", type=Path, help="a built output folder with search")
    parser.add_argument("--site", type=Path, help="the site's folder, for data/search.yaml (synonyms)")
    parser.add_argument("--queries", type=int, default=40, help="queries per set (default 40)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--ui-sample", type=int, default=30, help="queries through the visible page (default 30)")
    parser.add_argument("--urls", type=int, default=100,
                        help="results per query whose URLs come from govsiteSearch.urls (the others' from the "
                        "index's fragment files; default 100, 0: all)")
    parser.add_argument("--json", type=Path, help="write every figure and query here")
    parser.add_argument("--show", type=int, default=40, help="discrepancies printed (default 40)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a query differs from the truth")
    args = parser.parse_args(argv)
    report = measure(args.out.resolve(), args.site, args.queries, args.seed, args.ui_sample, args.urls or None)
    print_report(report, args.show)
    if args.json:
        args.json.write_text(json.dumps(report.to_json(), ensure_ascii=False, indent=1), encoding="utf-8")
    return 1 if args.strict and report.discrepancies() else 0


if __name__ == "__main__":
    sys.exit(main())
