"""Run the inspection on a site folder: read and validate it as a build does, render every page in memory
(nothing is written), then inspect the rendered pages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from jinja2 import TemplateError

from govsite.build import load_site
from govsite.errors import Diagnostic, has_errors
from govsite.inspection import TIMEOUT, Inspection, inspect
from govsite.model.publication import BuildOptions
from govsite.output.plan import plan_output
from govsite.templates import find_theme, template_diagnostic


@dataclass(frozen=True)
class Checked:
    """The build's own diagnostics and, when the site builds, the inspection of its pages."""

    diagnostics: tuple[Diagnostic, ...]
    inspection: Inspection | None


def check_site_folder(site: Path, options: BuildOptions, serious_wording: Sequence[Diagnostic] = (),
                      external: bool = False, timeout: float = TIMEOUT) -> Checked:
    """Everything `govsite check` reports; the inspection only when the site would build."""
    loaded = load_site(site, options)
    if loaded.model is None or loaded.bodies is None or has_errors(loaded.diagnostics):
        return Checked(loaded.diagnostics, None)
    theme, theme_problems = find_theme(site, loaded.model.config.theme)
    if theme is None:
        return Checked((*loaded.diagnostics, *theme_problems), None)
    try:
        plan = plan_output(loaded.model, loaded.bodies, loaded.derived, theme, site, search=False)
    except TemplateError as problem:
        return Checked((*loaded.diagnostics, template_diagnostic(problem, site)), None)
    pages = {rel: data for rel, data in plan.files.items() if rel.endswith(".html")}
    inspection = inspect(loaded.model, loaded.derived, pages, frozenset(plan.paths()), serious_wording,
                         loaded.bodies, external, timeout)
    return Checked(loaded.diagnostics, inspection)
