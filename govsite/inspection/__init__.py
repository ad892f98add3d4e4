"""The national website inspection (国办秘函〔2019〕19号 检查指标) run on the site as a crawler sees it:
a function from the site model, the rendered pages and the time (in the model's options) to findings and a
verdict. Nothing here writes; the external-link probe is opt-in."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from govsite.bodies import Bodies
from govsite.errors import Diagnostic
from govsite.inspection.columns import site_columns
from govsite.inspection.crawl import Crawl, crawl
from govsite.inspection.external import TIMEOUT, external_links
from govsite.inspection.findings import Finding, Verdict, build_line, summary_lines, verdict
from govsite.inspection.listing import ListedDocument, listed
from govsite.inspection.rules import (
    annual_reports,
    blank_columns,
    dead_links,
    guide,
    home,
    interpretations,
    late_publication,
    stale_columns,
    undated,
    wording,
)
from govsite.inspection.standards import overdue_rows
from govsite.model.derived import Derived
from govsite.model.site import SiteModel

__all__ = ["Finding", "Inspection", "ListedDocument", "Verdict", "build_line", "inspect", "inspect_crawl", "listed",
           "summary_lines", "verdict"]


@dataclass(frozen=True)
class Inspection:
    """The findings, in the order they are printed, and the verdict."""

    findings: tuple[Finding, ...]
    verdict: Verdict

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        return tuple(f.diagnostic for f in self.findings)


def inspect(model: SiteModel, derived: Derived, pages: Mapping[str, bytes], paths: frozenset[str],
            serious_wording: Sequence[Diagnostic] = (), bodies: Bodies | None = None,
            external: bool = False, timeout: float = TIMEOUT) -> Inspection:
    """Inspect the rendered `pages` (output path → HTML; `paths`: every output file). `serious_wording`:
    the wording checker's serious hits (each a single-veto item); `external` probes external links."""
    found = crawl(pages, paths, model.config.base_path)
    return inspect_crawl(model, derived, found, serious_wording, bodies, external, timeout)


def inspect_crawl(model: SiteModel, derived: Derived, found: Crawl, serious_wording: Sequence[Diagnostic] = (),
                  bodies: Bodies | None = None, external: bool = False, timeout: float = TIMEOUT) -> Inspection:
    """The findings on the site as the crawl `found` it (see `inspect`)."""
    columns = site_columns(model, derived)
    findings: list[Finding] = [
        *home(model, found), *stale_columns(model, columns, found), *blank_columns(columns, found),
        *wording(serious_wording), *dead_links(model, found), *undated(model, found),
        *interpretations(model), *guide(model), *late_publication(model), *annual_reports(model),
        *overdue_rows(model, derived)]
    if external and bodies is not None:
        links = [(e.doc.path, line, url) for e in model.entries for url, line in bodies.rendered[e.doc.path].external]
        findings += external_links(links, timeout)
    ordered = tuple(sorted(findings, key=lambda f: (not f.veto, f.diagnostic.path, f.diagnostic.line)))
    return Inspection(ordered, verdict(ordered))
