"""The whole output as one plan: pages, feeds, open data, sitemap, theme and site static files, attachments."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from jinja2 import BytecodeCache

from govsite.bodies import Bodies, asset_path
from govsite.memo import Memo
from govsite.model.derived import Derived
from govsite.model.site import SiteModel
from govsite.output.apply import apply_kit_files
from govsite.output.columns import last_modified
from govsite.output.feeds import render_feeds
from govsite.output.links import href
from govsite.output.lists import catalog_lists, section_lists
from govsite.output.opendata import catalog_csv, catalog_json, catalog_records, robots_txt, sitemap_files
from govsite.output.pages import page_jobs, site_view
from govsite.output.ports import OutputPlan, PageOut, PageSink, RenderCache
from govsite.output.service_data import service_open_data
from govsite.output.special import FUND_CSV, fund_csv, open_tender_entries
from govsite.parallel import run_jobs
from govsite.progress import Report, silent
from govsite.templates import Theme, make_environment, theme_digest
from govsite.urls import resolve_relative


def asset_copies(model: SiteModel, bodies: Bodies, site: Path) -> dict[str, Path]:
    """Attachments and linked files of shown documents, copied into each document's folder."""
    copies: dict[str, Path] = {}
    for entry in model.entries:
        if entry.withheld_body:
            continue
        sources = [resolve_relative(entry.doc.path, a.file) or "" for a in entry.doc.attachments]
        sources += [source for source, _url in bodies.rendered[entry.doc.path].assets]
        data = getattr(entry.doc.details, "data", None)
        if data is not None:
            sources.append(resolve_relative(entry.doc.path, data.value) or "")
        for source in sources:
            if source in model.assets:
                copies[asset_path(source)] = site / source
    return copies


@dataclass(frozen=True)
class Rendering:
    """How the pages are rendered and where they go; none of it changes a byte of the output."""

    memo: Memo[bytes] | None = None  # the preview's pages, kept in memory between builds
    reuse: RenderCache | None = None  # the build cache's: pages the last build made from the same values
    sink: PageSink | None = None  # takes each page as it is rendered (the staging folder's writer)
    compiled: BytecodeCache | None = None  # compiled templates kept between builds
    workers: bool = True  # on every core (forked workers)
    report: Report = silent  # progress lines


def plan_output(model: SiteModel, bodies: Bodies, derived: Derived, theme: Theme, site: Path,
                static: Mapping[str, Path], search: bool, rendering: Rendering | None = None) -> OutputPlan:
    """Render everything (pages the last build made from the same values excepted: `rendering.reuse`); copy
    the theme's and site's `static` files (content.discover.static_files) and the shown documents' files.
    Pages go to `rendering.sink` as they are rendered when there is one; everything else stays in memory.
    With a memo (the preview), pages render in this process, or, with `workers` (a preview's first build,
    before its server's threads start), on every core, the memo filled from what they were made from."""
    how = rendering if rendering is not None else Rendering()
    memo, reuse, sink = how.memo, how.reuse, how.sink
    copies = dict(static)
    has_logo = "logo.svg" in copies
    now = model.options.now.astimezone(model.config.tz).strftime("%Y-%m-%d")  # a day, so pages stay the same
    env = make_environment(theme, {
        "site": site_view(model, search, has_logo),
        "url": lambda rel: href(model, rel),
        "now": now,
        "preview": model.options.drafts or model.options.future,
        "theme_digest": theme_digest(theme) if memo is not None or reuse is not None else "",
    }, how.compiled)
    files: dict[str, bytes] = {}
    specs, overviews = catalog_lists(model)
    lists = ([*specs, *section_lists(model)], overviews)
    # the open data files first: made in parallel with the pages (job 0 here, job 1 in the first worker)
    record = memo is not None and how.workers
    jobs = [*_open_data_jobs(model, bodies),
            *page_jobs(model, bodies, derived, env, lists, search, memo, reuse, record)]
    if sink is not None:
        sink.start()  # made ready before the workers start: they write their own pages into it
    each = _written_out(sink, reuse) if sink is not None else None
    pages = _run_pages(jobs, memo, record, how.workers, how.report, each)
    written = {page.rel: page.key.output if page.key is not None else b"" for page in pages if page.written}
    files.update((page.rel, page.data) for page in pages if page.data is not None)
    kept = {page.rel: page.key for page in pages if page.data is None and not page.written and page.key is not None}
    for rel, text in render_feeds(model, bodies, lists[0], open_tender_entries(derived)):
        files[rel] = text.encode("utf-8")
    files.update(apply_kit_files(model))  # the 依申请公开 forms as .docx
    files.update(service_open_data(model))  # powers.json/.csv, guides.json/.csv
    for path, table in derived.fund_tables.items():
        entry = model.by_path[path]
        if not entry.withheld_body:  # a 依申请公开 report's figures are not published
            files[entry.url + FUND_CSV] = fund_csv(table)
    lastmod, site_day = last_modified(model, lists, derived)
    page_paths = [p for p in (*files, *kept, *written) if p.endswith("index.html")]
    for rel, text in sitemap_files(model, page_paths, lastmod, site_day):
        files[rel] = text.encode("utf-8")
    files["robots.txt"] = robots_txt(model).encode("utf-8")
    assets = asset_copies(model, bodies, site)
    clashes = tuple((rel, source) for rel, source in sorted(assets.items()) if rel in copies)
    copies.update({rel: source for rel, source in assets.items() if rel not in copies})
    keys = {page.rel: page.key for page in pages if page.key is not None}
    return OutputPlan(files, copies, clashes, kept, keys, written, search_groups(model, derived))


def _run_pages(jobs: list[Callable[[], PageOut]], memo: Memo[bytes] | None, record: bool, workers: bool,
               report: Report, each: Callable[[PageOut], PageOut] | None) -> list[PageOut]:
    """Every page: with a memo (it lives in this process) here, unless the pages `record` what they were made
    from (they then run on every core and the memo keeps it); without one, on every core unless `workers`
    is False."""
    if memo is not None and not record:
        return [job() for job in jobs]
    pages = run_jobs(jobs, None if workers else 1, report=report, each=each)
    for page in pages:
        if memo is not None and page.made_from is not None and page.data is not None:
            memo.put(*page.made_from, page.data)
    return pages


def search_groups(model: SiteModel, derived: Derived) -> dict[str, str]:
    """The search group of each page that shows other documents' titles in its text: an interpretation goes
    with its policy, a tender notice with its project (every other page is a group of its own)."""
    groups: dict[str, str] = {}
    for index_no, interpretations in model.interpretations.items():
        policy = model.by_index.get(index_no)
        if policy is not None:
            group = "policy:" + index_no
            groups[policy.url + "index.html"] = group
            groups.update((entry.url + "index.html", group) for entry in interpretations)
    for project in derived.projects:
        groups.update((notice.entry.url + "index.html", "project:" + project.code) for notice in project.notices)
    return groups


def _open_data_jobs(model: SiteModel, bodies: Bodies) -> list[Callable[[], PageOut]]:
    """catalog.json and catalog.csv, each a job of its own; the records are made once in each process that
    runs one (in two workers, twice at the same time: cheaper than one waiting for the other)."""
    records = functools.cache(lambda: catalog_records(model, bodies))
    return [lambda: PageOut("catalog.json", catalog_json(records()).encode("utf-8")),
            lambda: PageOut("catalog.csv", catalog_csv(records()))]


def _written_out(sink: PageSink, reuse: RenderCache | None) -> Callable[[PageOut], PageOut]:
    """Hands each rendered page to the sink (in the process that rendered it) and keeps only its path and
    key; with a render cache (the build cache), a page without a key (404.html) gets one of its bytes alone."""
    def write_out(page: PageOut) -> PageOut:
        if page.data is None:
            return page
        key = page.key
        if key is None and reuse is not None:
            key = reuse.key_of(page.data)
        sink(page.rel, page.data, key.output if key is not None else None)
        return PageOut(page.rel, None, key, written=True)
    return write_out
