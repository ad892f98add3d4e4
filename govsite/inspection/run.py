"""Run the inspection: on a site folder, read and validated as a build does, its pages rendered in memory
(`govsite check`: nothing is written); or on the output a build just wrote, with the build's own validated
site (`govsite build`'s summary line): the pages are read back from the output folder, and with the build
cache only those whose extract is not kept beside it (govsite.inspection.kept) are."""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from jinja2 import TemplateError

from govsite.cache import UNREADABLE, cache_dir, code_digest, digest_bytes
from govsite.content.discover import static_files
from govsite.errors import Diagnostic
from govsite.inspection import Inspection, inspect, inspect_crawl
from govsite.inspection.crawl import crawl_extracts
from govsite.inspection.external import TIMEOUT
from govsite.inspection.extract import PageExtract, extract_page
from govsite.inspection.kept import Kept, ToWrite, kept_header, to_write
from govsite.model.publication import BuildOptions
from govsite.output.plan import plan_output
from govsite.parallel import run_jobs
from govsite.pipeline import load_site
from govsite.progress import Report, silent
from govsite.request import Built, gc_paused
from govsite.templates import find_theme, template_diagnostic


@dataclass(frozen=True)
class Checked:
    """The build's own diagnostics and, when the site builds, the inspection of its pages."""

    diagnostics: tuple[Diagnostic, ...]
    inspection: Inspection | None


def check_site_folder(site: Path, options: BuildOptions, serious_wording: Sequence[Diagnostic] = (),
                      external: bool = False, timeout: float = TIMEOUT) -> Checked:
    """Everything `govsite check` reports; the inspection when the site would build but for serious wording
    errors (严重表述错误), which the inspection reports as single-veto items (with those of `serious_wording`)."""
    loaded = load_site(site, options)
    if loaded.model is None or loaded.bodies is None:
        return Checked(loaded.diagnostics, None)
    theme, theme_problems = find_theme(site, loaded.model.config.theme)
    if theme is None:
        return Checked((*loaded.diagnostics, *theme_problems), None)
    try:
        plan = plan_output(loaded.model, loaded.bodies, loaded.derived, theme, site,
                           static_files(theme.static_dirs, site), search=False)
    except TemplateError as problem:
        return Checked((*loaded.diagnostics, template_diagnostic(problem, site)), None)
    pages = {rel: data for rel, data in plan.files.items() if rel.endswith(".html")}
    inspection = inspect(loaded.model, loaded.derived, pages, frozenset(plan.paths()),
                         (*loaded.serious_wording, *serious_wording), loaded.bodies, external, timeout)
    return Checked(loaded.diagnostics, inspection)


def inspect_build(built: Built, out: Path, keep: bool, report: Report = silent) -> Inspection | None:
    """The inspection of the output a build just wrote into `out`, on the build's own validated site. With
    `keep` (the build cache), the extract of each page is kept in the cache folder by the page's digest, and
    only pages with none kept are read and parsed; else every page is."""
    with gc_paused():  # the kept extracts are hundreds of thousands of objects, none of them in cycles
        return _inspect_build(built, out, keep, report)


def _inspect_build(built: Built, out: Path, keep: bool, report: Report) -> Inspection | None:
    model = built.loaded.model
    if model is None:
        return None
    base_path = model.config.base_path
    pages = [rel for rel in built.output if rel.endswith(".html")]
    folder = cache_dir(out)
    header = kept_header(code_digest(), base_path) if keep else ()
    kept = _load_kept(folder, header) if keep else Kept()
    extracts: dict[str, PageExtract] = {}
    todo: list[str] = []
    for rel in pages:
        found = kept.get(built.output[rel]) if keep else None
        if found is None:
            todo.append(rel)
        else:
            extracts[rel] = found
    fresh: dict[bytes, PageExtract] = {}
    for rel, (digest, extract) in zip(todo, run_jobs([_read_job(out, rel, base_path) for rel in todo],
                                                     report=report), strict=True):
        extracts[rel] = extract
        fresh[digest] = extract
    found_crawl = crawl_extracts(extracts, frozenset(built.output), base_path)
    if keep:
        _save_kept(folder, header, to_write(kept, fresh, {built.output[rel] for rel in pages} | fresh.keys()))
    return inspect_crawl(model, built.loaded.derived, found_crawl, bodies=built.loaded.bodies)


def _read_job(out: Path, rel: str, base_path: str) -> Callable[[], tuple[bytes, PageExtract]]:
    """Read and parse one written page: its digest (of the bytes read: a page another build has since
    replaced is kept by what it holds now) and its extract."""
    def job() -> tuple[bytes, PageExtract]:
        data = (out / rel).read_bytes()
        return digest_bytes(data), extract_page(data, base_path)
    return job


KEPT, KEPT_DELTA = "inspection.pickle", "inspection-delta.pickle"


def _load_kept(folder: Path, header: tuple[object, ...]) -> Kept:
    """The extracts kept in the cache folder (none when missing, unreadable or for another govsite)."""
    base = _read_kept(folder / KEPT, header)
    if base is None:
        return Kept()
    return Kept(base, _read_kept(folder / KEPT_DELTA, header) or {})


def _read_kept(path: Path, header: tuple[object, ...]) -> dict[bytes, PageExtract] | None:
    if not path.is_file():
        return None
    try:
        with path.open("rb") as stream:
            if pickle.load(stream) != header:
                return None
            extracts = pickle.load(stream)
    except UNREADABLE:  # a damaged or foreign file: the pages are read again
        return None
    return extracts if isinstance(extracts, dict) else None


def _save_kept(folder: Path, header: tuple[object, ...], write: ToWrite) -> None:
    """Write what `write` says (each file through a temporary one, so a reader never sees half of it)."""
    if not folder.is_dir():
        return
    for name, extracts in ((KEPT, write.base), (KEPT_DELTA, write.delta)):
        if extracts is None:
            continue
        if name == KEPT_DELTA and not extracts:
            (folder / name).unlink(missing_ok=True)
            continue
        temporary = folder / f".{name}.new"
        with temporary.open("wb") as stream:
            pickle.dump(header, stream, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(extracts, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, folder / name)
