"""The whole output as one plan: pages, feeds, open data, sitemap, theme and site static files, attachments."""

from __future__ import annotations

import pickle
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from jinja2 import BytecodeCache

from govsite.bodies import Bodies, asset_path
from govsite.model.derived import Derived
from govsite.model.site import SiteModel
from govsite.output.apply import apply_kit_files
from govsite.output.columns import last_modified
from govsite.output.engine import PageSpec, next_record, page_job, unchanged_pages
from govsite.output.feeds import feed_specs
from govsite.output.gazette import gazette_files
from govsite.output.kinds_opendata import kinds_open_data
from govsite.output.links import href
from govsite.output.lists import catalog_lists, section_lists
from govsite.output.opendata import robots_txt, sitemap_files
from govsite.output.pages import page_specs, site_inputs, site_view
from govsite.output.pieces import PieceKeys, catalog_json_from, catalog_pieces, feed_pieces, joined_files
from govsite.output.ports import OutputPlan, PageKey, PageOut, PageRecord, PageSink, Pieces, Recorded
from govsite.output.service_data import service_open_data
from govsite.output.special import FUND_CSV, fund_csv, open_tender_entries
from govsite.output.standards import standard_files
from govsite.output.track import Fingerprints, Site, digest
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
    """How the pages are made and where they go; none of it changes a byte of the output."""

    record: bool = False  # record each page's reads (a build whose state is kept: the preview, the build cache)
    last: Recorded | None = None  # the last build's record: pages whose reads are unchanged are not made
    sources: Mapping[str, bytes] = field(default_factory=dict)  # source digests by path (entry fingerprints)
    fresh_bodies: frozenset[str] | None = None  # bodies rendered anew this build (None: every one)
    sink: PageSink | None = None  # takes each page as it is rendered (the staging folder's writer)
    compiled: BytecodeCache | None = None  # compiled templates kept between builds
    workers: bool = True  # on every core (forked workers)
    report: Report = silent  # progress lines


def plan_output(model: SiteModel, bodies: Bodies, derived: Derived, theme: Theme, site: Path,
                static: Mapping[str, Path], search: bool, rendering: Rendering | None = None) -> OutputPlan:
    """Make everything (pages the last build made from reads that are unchanged excepted: `rendering.last`);
    copy the theme's and site's `static` files (content.discover.static_files) and the shown documents' files.
    Pages go to `rendering.sink` as they are made when there is one; everything else stays in memory."""
    how = rendering if rendering is not None else Rendering()
    sink = how.sink
    copies = dict(static)
    has_logo = "logo.svg" in copies
    now = model.options.now.astimezone(model.config.tz).strftime("%Y-%m-%d")  # a day, so pages stay the same
    view = site_view(model, search, has_logo)
    env = make_environment(theme, {"site": view, "url": lambda rel: href(model, rel), "now": now,
                                   "preview": model.options.drafts or model.options.future}, how.compiled)
    files: dict[str, bytes] = {}
    specs_, overviews = catalog_lists(model)
    lists = ([*specs_, *section_lists(model)], overviews)
    inputs = site_inputs(model, bodies, derived, lists)
    specs = page_specs(model, derived, lists, search, view.menu)
    made = _Made.start(how, inputs, specs, theme, (view, now, env.globals["preview"], search))
    keys, last = PieceKeys(model, made.fingerprints if how.record else None, made.bodies), _last_pieces(how)
    # catalog.json first: made in parallel with the pages (job 0 is made here), with its pieces
    jobs = [_catalog_job(model, bodies, keys, last),
            *(page_job(spec, inputs, env, how.record) for spec in specs if spec.out_rel not in made.kept)]
    if sink is not None:
        sink.start()  # made ready before the workers start: they write their own pages into it
    each = _written_out(sink) if sink is not None else None
    pages = run_jobs(jobs, None if how.workers else 1, report=how.report, each=each)
    written = {page.rel: page.key.output if page.key is not None else b"" for page in pages if page.written}
    files.update((page.rel, page.data) for page in pages if page.data is not None)
    kept = {rel: PageKey(b"recorded", record.output) for rel, record in made.kept.items()}
    catalog = next(page.pieces.catalog for page in pages if page.pieces is not None)
    feeds = feed_pieces(model, bodies, feed_specs(lists[0], open_tender_entries(derived)), keys, last)
    files.update(joined_files(catalog, feeds))  # catalog.csv (its rows made with catalog.json's lines), feeds
    files.update(apply_kit_files(model))  # the 依申请公开 forms as .docx
    files.update(gazette_files(model, derived))  # the gazette's issues and contents as data
    files.update(service_open_data(model))  # powers.json/.csv, guides.json/.csv
    for path, table in derived.fund_tables.items():
        entry = model.by_path[path]
        if not entry.withheld_body:  # a 依申请公开 report's figures are not published
            files[entry.url + FUND_CSV] = fund_csv(table)
    files.update(standard_files(model, derived))  # each 标准目录's rows as CSV beside its page
    files.update(kinds_open_data(model, bodies, derived))  # standards.json/csv, qa.json/csv
    lastmod, site_day = last_modified(model, lists, derived)
    page_paths = [p for p in (*files, *kept, *written) if p.endswith("index.html")]
    for rel, text in sitemap_files(model, page_paths, lastmod, site_day):
        files[rel] = text.encode("utf-8")
    files["robots.txt"] = robots_txt(model).encode("utf-8")
    assets = asset_copies(model, bodies, site)
    clashes = tuple((rel, source) for rel, source in sorted(assets.items()) if rel in copies)
    copies.update({rel: source for rel, source in assets.items() if rel not in copies})
    page_keys = {**kept, **{page.rel: page.key for page in pages if page.key is not None}}
    recorded = replace(made.finish(pages), pieces=Pieces(keys.shared, catalog, feeds)) if how.record else None
    return OutputPlan(files, copies, clashes, kept, page_keys, written, search_groups(model, derived), recorded)


@dataclass(frozen=True)
class _Made:
    """This build's fingerprints, and the pages the last build made that are still right."""

    context: bytes
    fingerprints: Fingerprints
    bodies: Mapping[str, bytes]
    kept: Mapping[str, PageRecord]
    last: Recorded | None = None

    @staticmethod
    def start(how: Rendering, inputs: Site, specs: list[PageSpec], theme: Theme, shared: tuple[object, ...]) -> _Made:
        if not how.record:
            return _Made(b"", Fingerprints(inputs, {}, {}), {}, {}, None)
        model = inputs.model
        last = how.last
        fresh = how.fresh_bodies
        old = last.bodies if last is not None else {}
        bodies = {path: old[path] if path in old and fresh is not None and path not in fresh
                  else digest(pickle.dumps(rendered, protocol=5))
                  for path, rendered in inputs.bodies.rendered.items()}
        fingerprints = Fingerprints(inputs, how.sources, bodies)
        context = fingerprints.value((*shared, theme_digest(theme), model.config, model.registry, inputs.apply_url,
                                      inputs.today))
        kept = unchanged_pages(specs, last, context, fingerprints)
        same = last is not None and last.context == context
        return _Made(context, fingerprints, bodies, kept, last if same else None)

    def finish(self, pages: list[PageOut]) -> Recorded:
        return next_record(self.context, pages, self.kept, self.last, self.fingerprints, self.bodies)


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


def _catalog_job(model: SiteModel, bodies: Bodies, keys: PieceKeys, last: Pieces | None) -> Callable[[], PageOut]:
    """catalog.json, with the pieces it (and catalog.csv) is joined from: only the pieces whose key changed
    since the last build are made again (output.pieces)."""
    def run() -> PageOut:
        pieces = catalog_pieces(model, bodies, keys, last)
        return PageOut("catalog.json", catalog_json_from(pieces), pieces=Pieces(keys.shared, pieces))
    return run


def _last_pieces(how: Rendering) -> Pieces | None:
    return how.last.pieces if how.last is not None else None


def _written_out(sink: PageSink) -> Callable[[PageOut], PageOut]:
    """Hands each made page to the sink (in the process that made it) and keeps only its path and key."""
    def write_out(page: PageOut) -> PageOut:
        if page.data is None:
            return page
        key = page.key if page.key is not None else PageKey(b"", digest(page.data))
        sink(page.rel, page.data, key.output)
        return replace(page, data=None, key=key, written=True)
    return write_out
