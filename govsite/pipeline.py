"""The build's stages up to the output plan (discover → parse → validate → render bodies → plan pages).
What a build is asked and answers is govsite.request. Writing is not done here: govsite.build writes the plan
(or hands it to govsite.cached), govsite.serve writes what changed."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from pathlib import Path

from jinja2 import TemplateError

from govsite.bodies import render_bodies
from govsite.cache import digest_bytes
from govsite.config import SiteConfig, load_config
from govsite.content.discover import Inventory, SourceFile, discover, static_files
from govsite.content.document import Document
from govsite.content.parse import Parsed, parse_document
from govsite.errors import Diagnostic, error, has_errors, sort_diagnostics, strictened
from govsite.memo import BuildMemo, Memo
from govsite.model.checks import check_site
from govsite.model.derived import Derived, derive
from govsite.model.publication import BuildOptions
from govsite.model.site import build_model
from govsite.model.window import stable_window
from govsite.output.plan import Rendering, plan_output
from govsite.output.ports import OutputPlan
from govsite.parallel import run_jobs
from govsite.progress import Progress, Report, silent
from govsite.registry import load_registry
from govsite.request import BuildRequest, BuildResult, BuildRuntime, Built, Loaded, gc_paused, timed
from govsite.templates import find_theme, template_diagnostic
from govsite.wording import check_site_wording


def load_site(site: Path, options: BuildOptions, base_url: str | None = None,
              timings: list[tuple[str, float]] | None = None, memo: BuildMemo | None = None,
              workers: bool = True, progress: Progress | None = None) -> Loaded:
    """Read, validate and render everything; stop with diagnostics at the first stage that has errors."""
    timings = timings if timings is not None else []
    progress = progress if progress is not None else Progress.quiet()
    config, problems = load_config(site)
    if config is None:
        return Loaded(None, None, problems, Derived())
    if base_url:
        config = config.with_base_url(base_url)
    with timed(timings, "discover"):
        inventory = discover(site, memo.known if memo else None)
        if memo is not None:
            memo.known = inventory.known
    with timed(timings, "parse"):
        sources = source_digests(inventory, memo.digests if memo else None)
        documents, parse_problems = parse_all(inventory, config, sources, memo.parsed if memo else None, workers,
                                              progress.stage("parsing documents"))
    registry, registry_problems = load_registry(site, config.tz)
    diagnostics = [*problems, *inventory.diagnostics, *parse_problems, *registry_problems]
    with timed(timings, "validate"):
        model, model_problems = build_model(config, registry, documents, inventory, options,
                                            memo.placed if memo else None, memo.moments if memo else None)
        diagnostics += [*model_problems, *check_site(model, documents, inventory.outside_links)]
        derived, derived_problems = derive(model, documents, inventory.data_files)
        diagnostics += derived_problems
        window = stable_window(options.now, config.tz, documents, memo.moments.of if memo else None)
    with timed(timings, "wording"):  # 错别字 (warnings) and 严重表述错误 (errors) in what the site shows
        wording = check_site_wording(model, memo.wording if memo else None, sources)
    diagnostics += wording
    with timed(timings, "markdown"):  # links are checked even when other errors already stop the build
        bodies = render_bodies(model, memo.bodies if memo else None, workers,
                               progress.stage("rendering Markdown"))
    diagnostics += bodies.diagnostics
    serious = tuple(d for d in wording if d.is_error)
    others_fail = has_errors(d for d in diagnostics if not (d.is_error and d in serious))
    return Loaded(model, None if others_fail else bodies, tuple(diagnostics), derived, window, serious, sources)


def source_digests(inventory: Inventory, memo: Memo[bytes] | None = None) -> dict[str, bytes]:
    """Each source's content digest by path (with a memo, computed only for bytes that differ from last time's)."""
    if memo is None:
        return {source.path: digest_bytes(source.data) for source in inventory.sources}
    found = memo.get_many([(s.path, s.data, functools.partial(digest_bytes, s.data)) for s in inventory.sources],
                          lambda jobs: [job() for job in jobs])
    return {source.path: digest for source, digest in zip(inventory.sources, found, strict=True)}


def parse_all(inventory: Inventory, config: SiteConfig, sources: Mapping[str, bytes] | None = None,
              memo: Memo[Parsed] | None = None, workers: bool = True,
              report: Report = silent) -> tuple[tuple[Document, ...], list[Diagnostic]]:
    """Parse every source (on every core unless `workers` is False; with a memo, only changed sources);
    documents with errors are left out, their problems kept."""
    tz = config.tz

    def job(source: SourceFile) -> Callable[[], Parsed]:
        return lambda: parse_document(source.path, source.data, tz)

    def run(jobs: list[Callable[[], Parsed]]) -> list[Parsed]:
        return run_jobs(jobs, None if workers else 1, report)

    if memo is None:
        results = run([job(source) for source in inventory.sources])
    else:
        digests = sources if sources is not None else {s.path: digest_bytes(s.data) for s in inventory.sources}
        results = memo.get_many([(source.path, (digests[source.path], config.timezone), job(source))
                                 for source in inventory.sources], run)
    documents = tuple(parsed.document for parsed in results if parsed.document is not None)
    return documents, [problem for parsed in results for problem in parsed.diagnostics]


def prepare(request: BuildRequest, runtime: BuildRuntime | None = None) -> tuple[BuildResult, OutputPlan | None]:
    """Everything but writing: the result so far and the output plan (None on any error)."""
    with gc_paused():
        return _prepare(request, runtime if runtime is not None else BuildRuntime())


def _prepare(request: BuildRequest, runtime: BuildRuntime) -> tuple[BuildResult, OutputPlan | None]:
    timings: list[tuple[str, float]] = []
    loaded = load_site(request.site, request.options, request.base_url, timings, runtime.memo, runtime.workers,
                       runtime.progress)
    diagnostics = sort_diagnostics(loaded.diagnostics)
    if request.strict:
        diagnostics = strictened(diagnostics)
    if loaded.model is None or loaded.bodies is None or has_errors(diagnostics):
        held = loaded.model.held if loaded.model else ()
        return BuildResult(False, diagnostics, held, timings=tuple(timings)), None
    theme, theme_problems = find_theme(request.site, loaded.model.config.theme)
    if theme is None:
        return BuildResult(False, theme_problems, timings=tuple(timings)), None
    with timed(timings, "render"):
        try:
            static = static_files(theme.static_dirs, request.site)
            memo = runtime.memo
            rendering = Rendering(record=memo is not None, last=memo.recorded if memo else None,
                                  sources=loaded.sources,
                                  fresh_bodies=frozenset(str(slot) for slot in memo.bodies.computed) if memo else None,
                                  sink=runtime.sink, compiled=runtime.compiled, workers=runtime.workers,
                                  report=runtime.progress.stage("rendering pages"))
            plan = plan_output(loaded.model, loaded.bodies, loaded.derived, theme, request.site, static,
                               request.search, rendering)
        except TemplateError as problem:
            return BuildResult(False, (template_diagnostic(problem, request.site),), timings=tuple(timings)), None
    clashes = collisions(plan, request.site)
    if clashes:
        return BuildResult(False, (*diagnostics, *clashes), timings=tuple(timings)), None
    paths = plan.paths()
    return BuildResult(True, diagnostics, loaded.model.held, len(loaded.model.catalog), len(paths),
                       tuple(timings), loaded.window, built=Built(loaded, dict.fromkeys(paths, b""))), plan


def collisions(plan: OutputPlan, site: Path) -> tuple[Diagnostic, ...]:
    """A copied file (attachment, static file) that would replace a page govsite generates is an error."""
    problems = []
    generated = {*plan.files, *plan.kept, *plan.written}
    clashes = [(rel, plan.copies[rel]) for rel in sorted(set(plan.copies) & generated)] + list(plan.clashes)
    for rel, source in clashes:
        try:
            shown = source.resolve().relative_to(site.resolve()).as_posix()
        except ValueError:
            shown = source.as_posix()
        problems.append(error(shown, 1, f"this file would replace the file govsite writes at {rel}",
                              "rename the file or move it to another folder"))
    return tuple(problems)
