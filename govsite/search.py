"""The search index: Pagefind's extended build (Chinese segmentation) over the staged output, in parts.

The pages Pagefind would index (those with a `data-pagefind-body` element, or every page on a site without
one) are split by a stable hash of their group (their path, unless the build puts pages that show each
other's titles in one group) into parts of bounded size. Each part is a complete Pagefind
bundle in `pagefind/<name>/`, built by Pagefind's CLI over a folder of hard links to its pages, one per core at a
time, and the browser merges them (`mergeIndex`, see themes/default/static/search.js). A part's name is the
digest of its inputs (its pages' paths and bytes, Pagefind's version, this format), so a part whose name is
in the last output's manifest is linked from there instead of being indexed again.

Every part holds exactly the fragments a single index would (same text, meta, filters, anchors), and a site
whose pages fit in one part gets one bundle. With several parts, Pagefind on its own would ignore, per part, a
query word the part lacks (one index ignores only a word no page has): search.js tags each part with a
filter and leaves out the parts that lack a word another part has. What still differs from one index: each
part ranks by its own statistics (BM25 IDF, average page length), and Pagefind loads only the index chunk
whose word range holds a query word, so which words a query word reaches (longer words it begins, or for a
word no page has, the longest indexed word that begins it) depends on where a bundle's chunks begin.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import multiprocessing
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from govsite.cache import digest_bytes, output_stamps
from govsite.errors import EnvironmentProblem
from govsite.parallel import worker_count
from govsite.progress import Report, silent
from govsite.search_twin import extract, rank_key, twin_html
from govsite.write import link_or_copy

FORMAT = 4  # of the parts and the manifest; a change re-indexes every part (2: pages split by group; 3, 4: coded twins)
MANIFEST = "govsite-index.json"
RANKS = "govsite-ranks.json"  # in each part: what search-engine.js sorts by
RUNTIME = "pagefind.js"  # the search runtime, the same file in every part, also at pagefind/pagefind.js
WORKER = "pagefind-worker.js"  # Pagefind's web worker in each part: the fetch guard is put at its top
FETCH_GUARD = Path(__file__).with_name("search_fetch.js")  # see its header; also at pagefind/govsite-fetch.js
FETCH_GUARD_NAME = "govsite-fetch.js"
PART_MAX_BYTES = 12 << 20  # HTML bytes of one part: Pagefind needs about 30 bytes of memory for each
PART_FILL = 0.75  # a new split fills parts to this share of the maximum, leaving room to grow
# a site whose pages fit in one Pagefind process under 1 GiB gets one index: exactly Pagefind's own results
# (merged parts rank each part by its own statistics, and a part without one of a query's words ignores it)
WHOLE_MAX_BYTES = 28 << 20
_BODY = re.compile(
    rb"<[A-Za-z][^\s/>]*(?:\s+[^\s=/>\"']+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>\"']*))?)*?"
    rb"\s+data-pagefind-body(?=[\s=/>])"
)


@dataclass(frozen=True)
class Page:
    """A page to index: its path in the output (POSIX), size and digest of its bytes."""

    rel: str
    size: int
    digest: bytes


@dataclass(frozen=True)
class Part:
    """The pages of one part (sorted by path) and the name of its bundle folder."""

    pages: tuple[Page, ...]
    name: str


def has_body(data: bytes) -> bool:
    """Whether an HTML page has an element with the `data-pagefind-body` attribute (Pagefind's test)."""
    at = data.find(b"data-pagefind-body")
    if at < 0:
        return False
    while at >= 0:  # fast path: the tag that begins at the last "<" before each occurrence
        if _BODY.match(data, max(0, data.rfind(b"<", 0, at))):
            return True
        at = data.find(b"data-pagefind-body", at + 1)
    return _BODY.search(data) is not None  # e.g. a "<" inside an attribute value before the attribute


def scan_pages(folder: Path) -> list[Page]:
    """The pages Pagefind indexes, sorted by path: those with a body element, or all if none has one."""
    scanned = [_scan(folder, rel) for rel in sorted(r for r in output_stamps(folder) if r.endswith(".html"))]
    bodies = [page for page, body in scanned if body]
    return bodies or [page for page, _body in scanned]


def _scan(folder: Path, rel: str) -> tuple[Page, bool]:
    """The page at `rel` and whether it has a body element."""
    with open(os.path.join(folder, rel), "rb") as file:
        data = file.read()
    return Page(rel, len(data), digest_bytes(data)), has_body(data)


def bucket(rel: str, parts: int) -> int:
    """The part of a page: a stable hash of its path, the same on every machine and run."""
    return int.from_bytes(hashlib.blake2b(rel.encode("utf-8"), digest_size=8).digest(), "big") % parts


def part_count(total_bytes: int, previous: int | None, part_bytes: int = PART_MAX_BYTES,
               whole_bytes: int = 0) -> int:
    """How many parts: one while the whole fits in `whole_bytes`, else the last build's count while its parts
    stay within bounds, else a new split."""
    if total_bytes <= whole_bytes:
        return 1
    if previous and previous > 0 and total_bytes / previous <= part_bytes \
            and (previous == 1 or total_bytes / previous >= part_bytes * PART_FILL / 4):
        return previous
    return max(1, math.ceil(total_bytes / (part_bytes * PART_FILL)))


def split(pages: Sequence[Page], parts: int, engine: str, groups: Mapping[str, str] | None = None) -> list[Part]:
    """The pages in `parts` parts by the hash of their group (by default their path), each part named by the
    digest of its inputs (empty parts dropped). Pages of one group share a part."""
    group_of = groups or {}
    members: list[list[Page]] = [[] for _ in range(parts)]
    for page in pages:
        members[bucket(group_of.get(page.rel, page.rel), parts)].append(page)
    result = []
    for k, member in enumerate(members):
        if not member:
            continue
        digest = hashlib.blake2b(f"{FORMAT}\0{engine}\0{parts}\0{k}\0".encode(), digest_size=10)
        for page in sorted(member, key=lambda p: p.rel):
            digest.update(page.rel.encode("utf-8") + b"\0" + page.digest)
        result.append(Part(tuple(sorted(member, key=lambda p: p.rel)), f"{k:03d}-{digest.hexdigest()}"))
    return result


def read_manifest(folder: Path | None) -> dict[str, object] | None:
    """The manifest of the index in `folder/pagefind`, if there is a readable one of this format."""
    if folder is None:
        return None
    try:
        data = json.loads((folder / "pagefind" / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("format") == FORMAT else None


def _manifest_names(manifest: dict[str, object] | None, engine: str) -> set[str]:
    """The part folders a manifest lists, if it was made by the same Pagefind."""
    if manifest is None or manifest.get("pagefind") != engine:
        return set()
    bundles = manifest.get("bundles")
    if not isinstance(bundles, list):
        return set()
    return {str(b["dir"]) for b in bundles if isinstance(b, dict) and "dir" in b}


NO_SEARCH = "or build without the search index (--no-search)"
REINSTALL = "reinstall it with pip install --force-reinstall 'pagefind[extended]'"


def pagefind_binary() -> Path:
    """Pagefind's extended binary (the pagefind[extended] package; PAGEFIND_BINARY_PATH overrides it)."""
    from pagefind.service import get_executable

    binary = get_executable()
    if binary is None:
        raise EnvironmentProblem("Pagefind, which makes the search index, is not installed: install it with "
                                 f"pip install 'pagefind[extended]', {NO_SEARCH}")
    if not Path(binary).is_file() or not os.access(binary, os.X_OK):
        named, fix = ("PAGEFIND_BINARY_PATH names", "correct or unset it") \
            if os.environ.get("PAGEFIND_BINARY_PATH") else ("Pagefind's program is", REINSTALL)
        raise EnvironmentProblem(f"{named} '{binary}', which is not a program that can run: {fix}, {NO_SEARCH}")
    return Path(binary)


def engine_version(binary: Path) -> str:
    """The binary's version line, e.g. 'pagefind 1.5.2 extended' (part of every part's digest)."""
    try:
        done = subprocess.run([str(binary), "--version"], capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError) as problem:
        reason = problem.strerror if isinstance(problem, OSError) else f"exit status {problem.returncode}"
        raise EnvironmentProblem(f"Pagefind's program '{binary}' does not run ({reason}): {REINSTALL}, "
                                 f"{NO_SEARCH}") from problem
    extended = "extended" if "extended" in binary.name else "standard"
    return f"{done.stdout.strip()} {extended}"


def _copy_tree(source: Path, target: Path) -> None:
    """`source` recreated at `target`, each file hard-linked where possible, else copied."""
    for root, _dirs, files in os.walk(source):
        here = target / Path(root).relative_to(source)
        here.mkdir(parents=True, exist_ok=True)
        for name in files:
            link_or_copy(Path(root) / name, here / name)


def _reuse(previous: Path | None, names: set[str], part: Part, target: Path) -> bool:
    """Link the part's bundle from the last output if that has the very same part; whether it did."""
    if previous is None or part.name not in names:
        return False
    source = previous / "pagefind" / part.name
    if not (source / "pagefind-entry.json").is_file() or not (source / RANKS).is_file():
        return False
    _copy_tree(source, target / part.name)
    return True


def _index_part(binary: Path, folder: Path, part: Part, target: Path, work: Path, salt: int = 0) -> None:
    """Run Pagefind's CLI over the twins of the part's pages, writing `target/<part name>` (`salt`: see
    `distinct_ids`)."""
    site = work / part.name
    for page in part.pages:
        write_twin(folder / page.rel, site / page.rel, salt)
    command = [str(binary), "--site", str(site), "--output-path", str(target / part.name), "--silent"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    shutil.rmtree(site, ignore_errors=True)
    if done.returncode != 0 or not (target / part.name / "pagefind-entry.json").is_file():
        raise RuntimeError(f"Pagefind failed on part {part.name} (exit {done.returncode}): {done.stderr[-2000:]}")
    guard_worker(target / part.name)
    write_ranks(target / part.name)


def guard_worker(bundle: Path) -> None:
    """Put the fetch guard (search_fetch.js) at the top of the bundle's web worker, where Pagefind fetches
    the index: without it a failed fetch silently drops pages from every later search."""
    worker = bundle / WORKER
    worker.write_bytes(FETCH_GUARD.read_bytes() + b"\n" + worker.read_bytes())


def engine_of(binary: Path) -> str:
    """What made a part: Pagefind's version and the fetch guard's digest (a change to either re-indexes)."""
    return f"{engine_version(binary)} guard {digest_bytes(FETCH_GUARD.read_bytes()).hex()[:12]}"


def fragment_ids(bundle: Path) -> set[str]:
    """The Pagefind ids of a bundle's pages (its fragment files' names)."""
    return {path.stem for path in (bundle / "fragment").glob("*.pf_fragment")}


def clashing_parts(target: Path, parts: Sequence[Part]) -> list[Part]:
    """The parts with a page whose Pagefind id an earlier part already gives another page. Pagefind keeps a
    page's id (7 hex digits of its fragment's hash) unique within one index only, and the browser, which
    merges the parts, would take two such pages for one (at 100,000 pages, some 16 pairs)."""
    seen: set[str] = set()
    clashing = []
    for part in parts:
        ids = fragment_ids(target / part.name)
        if ids & seen:
            clashing.append(part)
        seen |= ids
    return clashing


MAX_SALT = 8  # index a clashing part again at most this many times (each clash is about 1 in 10^4 parts)


def distinct_ids(binary: Path, folder: Path, parts: Sequence[Part], target: Path, work: Path) -> None:
    """Index each part that clashes with an earlier one again, its twins salted (a new meta value, so new
    ids), until every page's id is unique across the parts."""
    for salt in range(1, MAX_SALT + 1):
        clashing = clashing_parts(target, parts)
        if not clashing:
            return
        for part in clashing:
            shutil.rmtree(target / part.name)
        _index_parts(binary, folder, clashing, target, work, salt=salt)
    if clashing_parts(target, parts):
        raise RuntimeError(f"Pagefind gave two pages the same id after {MAX_SALT} salted attempts")


def write_ranks(bundle: Path) -> None:
    """`bundle/govsite-ranks.json`: each page's Pagefind id → "发布日期|1" (valid) or "…|0", which search-engine.js
    sorts by. Pagefind's own sort ranks a page within its part only, so merged parts cannot use it."""
    ranks = {}
    for path in sorted((bundle / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        fragment = json.loads(data[data.index(b"{"):])
        ranks[path.stem] = rank_key(fragment.get("meta", {}), fragment.get("filters", {}))
    text = json.dumps(ranks, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    (bundle / RANKS).write_text(text, encoding="utf-8")


def write_twin(page: Path, twin: Path, salt: int = 0) -> None:
    """The coded twin of a built page (govsite.search_twin), at the same path under the work folder."""
    text = extract(page.read_bytes())
    if text is None:  # a page that lost its body element since the scan: index nothing of it
        return
    twin.parent.mkdir(parents=True, exist_ok=True)
    twin.write_text(twin_html(text, salt), encoding="utf-8")


def _index_parts(binary: Path, folder: Path, parts: Sequence[Part], target: Path, work: Path,
                 report: Report = silent, salt: int = 0) -> None:
    """Index the parts, one part per core at a time (each Pagefind process needs memory for one part only).
    Writing the twins is Python work, so several parts go to as many fresh processes (spawned, not forked:
    the preview has threads); the first failure cancels the parts not yet started."""
    if not parts:
        return
    workers = min(worker_count(), len(parts))
    pool: Executor = ThreadPoolExecutor(max_workers=1) if workers < 2 else \
        ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
    with pool:
        jobs = [pool.submit(_index_part, binary, folder, part, target, work, salt) for part in parts]
        try:
            for done, job in enumerate(jobs, start=1):
                job.result()
                report(done, len(jobs))
        except BaseException:
            for job in jobs:
                job.cancel()
            raise


def _write_manifest(target: Path, parts: int, engine: str, built: Sequence[Part]) -> None:
    """The manifest: the part count and each part's folder (the browser merges them in this order)."""
    manifest = {"format": FORMAT, "pagefind": engine, "parts": parts,
                "bundles": [{"dir": part.name, "pages": len(part.pages)} for part in built]}
    text = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    (target / MANIFEST).write_text(text, encoding="utf-8")


def build_index(folder: Path, previous: Path | None = None, *, part_bytes: int = PART_MAX_BYTES,
                whole_bytes: int = WHOLE_MAX_BYTES, report: Report = silent,
                groups: Mapping[str, str] | None = None) -> int:
    """Index the pages of `folder` into `folder/pagefind`, reusing unchanged parts of `previous/pagefind`
    (the last complete output, if any); the number of pages indexed. A site with at most `whole_bytes` of
    HTML to index gets one part; a larger one parts of at most `part_bytes`. `report` hears the parts done."""
    target = folder / "pagefind"
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    pages = scan_pages(folder)
    binary = pagefind_binary()
    engine = engine_of(binary)
    old = read_manifest(previous)
    previous_parts = old.get("parts") if old is not None and old.get("pagefind") == engine else None
    count = part_count(sum(p.size for p in pages), previous_parts if isinstance(previous_parts, int) else None,
                       part_bytes, whole_bytes)
    parts = split(pages, count, engine, groups)
    names = _manifest_names(old, engine)
    todo = [part for part in parts if not _reuse(previous, names, part, target)]
    todo.sort(key=lambda part: -sum(p.size for p in part.pages))  # largest first: the two workers end together
    work = Path(tempfile.mkdtemp(prefix=".work-", dir=target))
    try:
        _index_parts(binary, folder, todo, target, work, report)
        distinct_ids(binary, folder, parts, target, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if parts:
        _link_runtime(target / parts[0].name / RUNTIME, target / RUNTIME)
        shutil.copyfile(FETCH_GUARD, target / FETCH_GUARD_NAME)
    _write_manifest(target, count, engine, parts)
    return sum(len(part.pages) for part in parts)


def _link_runtime(source: Path, target: Path) -> None:
    """pagefind/pagefind.js: the runtime the search page imports (identical in every part)."""
    link_or_copy(source, target)
