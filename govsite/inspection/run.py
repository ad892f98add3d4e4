"""Run the inspection on a site folder: read and validate it as a build does, then inspect its pages, either
rendered in memory (`govsite check`: nothing is written) or as a build just wrote them (`govsite build`'s
summary line: the pages are read from the output folder, not rendered twice)."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from jinja2 import TemplateError

from govsite.content.discover import static_files
from govsite.errors import Diagnostic, has_errors
from govsite.inspection import Inspection, inspect
from govsite.inspection.crawl import SKIPPED
from govsite.inspection.external import TIMEOUT
from govsite.model.publication import BuildOptions
from govsite.output.plan import plan_output
from govsite.pipeline import load_site
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


SKIPPED_INDEX = SKIPPED[0].rstrip("/")  # pagefind


class OutputPages(Mapping[str, bytes]):
    """The HTML pages of a written output folder, each read when the crawler asks for it."""

    def __init__(self, out: Path) -> None:
        self._out = out
        self._paths = frozenset(_output_files(out))

    @property
    def paths(self) -> frozenset[str]:
        return self._paths

    def __getitem__(self, rel: str) -> bytes:
        if rel not in self._paths or not rel.endswith(".html"):
            raise KeyError(rel)
        return (self._out / rel).read_bytes()

    def __contains__(self, rel: object) -> bool:
        # without this, Mapping's `in` reads the file (the crawler asks for every link of every page: at
        # 100,000 documents that made the build's inspection line take ten minutes)
        return isinstance(rel, str) and rel.endswith(".html") and rel in self._paths

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(p for p in self._paths if p.endswith(".html")))

    def __len__(self) -> int:
        return sum(1 for p in self._paths if p.endswith(".html"))


def _output_files(out: Path) -> Iterator[str]:
    """Every file of the output (POSIX paths) but the search index's, which the crawler never follows (tens
    of thousands of files on a large site)."""
    for root, dirs, files in os.walk(out):
        rel = os.path.relpath(root, out).replace(os.sep, "/")
        if rel == ".":
            dirs[:] = [d for d in dirs if d != SKIPPED_INDEX]
        prefix = "" if rel == "." else rel + "/"
        yield from (prefix + name for name in files)


def inspect_output(site: Path, out: Path, options: BuildOptions, base_url: str | None = None) -> Inspection | None:
    """The inspection of the output a build just wrote (None when the site does not load without errors)."""
    loaded = load_site(site, options, base_url)
    if loaded.model is None or loaded.bodies is None or has_errors(loaded.diagnostics):
        return None
    pages = OutputPages(out)
    return inspect(loaded.model, loaded.derived, pages, pages.paths, bodies=loaded.bodies)
