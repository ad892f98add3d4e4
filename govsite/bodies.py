"""Rendering every shown document's Markdown body, with links resolved against the site model."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import unquote

import nh3

from govsite.content.coerce import CONTROL_CHARACTERS
from govsite.errors import Diagnostic, error, warning
from govsite.markdown import LinkResolver, LinkTarget, Rendered, make_parser, render
from govsite.memo import Memo
from govsite.model.site import Entry, SiteModel
from govsite.parallel import run_jobs
from govsite.progress import Report, silent
from govsite.urls import encode, is_external, join_base, resolve_relative

EMPTY = Rendered("", "", (), (), ())


@dataclass(frozen=True)
class Bodies:
    """Rendered bodies by source path, and every link problem found while rendering."""

    rendered: Mapping[str, Rendered]
    diagnostics: tuple[Diagnostic, ...]


def asset_path(source: str) -> str:
    """Where a file under content/ is published: at the same place without `content/`, so that two files of
    one name in different folders never meet and a file linked from several documents is copied once."""
    return source.removeprefix("content/")


def asset_url(model: SiteModel, source: str) -> str:
    """The link to a file under content/ (the linking document does not change where it lives)."""
    return join_base(model.config.base_path, encode(asset_path(source)))


def link_state(model: SiteModel) -> str:
    """A digest of everything links resolve against: when it is unchanged, a body renders the same."""
    digest = hashlib.sha256()  # the same bytes as one update per item, joined first (10,000 updates cost more)
    digest.update("".join(f"{entry.doc.path}\0{entry.url}\0" for entry in model.entries).encode())
    digest.update("".join(f"u{path}\0" for path in sorted(model.unpublished_paths)).encode())
    digest.update("".join(f"a{path}\0" for path in sorted(model.assets)).encode())
    digest.update("".join(f"o{path}\0" for path in sorted(model.outside_links)).encode())
    digest.update(f"{model.config.base_path}\0{model.config.raw_html}".encode())
    return digest.hexdigest()


def render_bodies(model: SiteModel, memo: Memo[Rendered] | None = None, workers: bool = True,
                  report: Report = silent) -> Bodies:
    """Render each shown document (依申请公开 bodies are never rendered), on every core unless `workers` is
    False (a process with other threads: govsite serve); with a memo, only bodies whose inputs changed."""
    parser = make_parser(model.config.raw_html)
    sanitize = _sanitize if model.config.raw_html else None
    state = link_state(model) if memo is not None else ""
    shown = [entry for entry in model.entries if not entry.withheld_body]

    def job(entry: Entry) -> Callable[[], Rendered]:
        def compute() -> Rendered:
            body = CONTROL_CHARACTERS.sub("", entry.doc.body)  # invisible, and not allowed in XML feeds
            return render(parser, body, entry.doc.body_line, _resolver(model, entry), sanitize)
        return compute

    def run(jobs: list[Callable[[], Rendered]]) -> list[Rendered]:
        return run_jobs(jobs, None if workers else 1, report)

    items = [(e.doc.path, (e.doc.body, e.doc.body_line, state), job(e)) for e in shown]
    results = run([item[2] for item in items]) if memo is None else memo.get_many(items, run)
    rendered: dict[str, Rendered] = {entry.doc.path: EMPTY for entry in model.entries if entry.withheld_body}
    rendered.update(zip((entry.doc.path for entry in shown), results, strict=True))
    problems = [problem for result in results for problem in result.diagnostics]
    return Bodies(rendered, tuple(problems))


def _resolver(model: SiteModel, entry: Entry) -> LinkResolver:
    path = entry.doc.path

    def resolve(href: str, line: int) -> LinkTarget:
        if not href or is_external(href):
            return LinkTarget("outside")
        target, _, fragment = href.partition("#")
        site_path = resolve_relative(path, unquote(target))
        if site_path is None or not site_path.startswith("content/"):
            return LinkTarget("missing", problem=error(path, line, f"link '{href}' points outside the site's content",
                                                       "link to files inside content/ by relative path"))
        suffix = "#" + fragment if fragment else ""
        if site_path in model.outside_links:  # the file is there, but it is a link that leaves the site
            return LinkTarget("missing", problem=error(
                path, line, f"link '{href}' points to a file that is a link to a place outside the site folder",
                "replace the linked file with a copy of it"))
        if site_path.endswith(".md"):
            return _page_target(model, path, site_path, href, line, suffix)
        if site_path in model.assets:
            return LinkTarget("asset", asset_url(model, site_path) + suffix, site_path)
        return LinkTarget("missing", problem=error(path, line, f"link '{href}' points to a missing file",
                                                   "check the file name and folder (names are case-sensitive)"))
    return resolve


def _page_target(model: SiteModel, path: str, site_path: str, href: str, line: int, suffix: str) -> LinkTarget:
    target = model.by_path.get(site_path)
    if target is not None:
        return LinkTarget("page", join_base(model.config.base_path, encode(target.url)) + suffix)
    if site_path in model.unpublished_paths:
        return LinkTarget("unpublished", problem=warning(
            path, line, f"link '{href}' points to a document that is not published",
            "the link text is shown without a link until that document is published"))
    return LinkTarget("missing", problem=error(path, line, f"link '{href}' points to a missing file",
                                               "check the path: it is relative to this file's folder"))


SAFE_ATTRIBUTES = {
    "*": {"id", "class", "lang", "title"},
    "a": {"href"}, "img": {"src", "alt", "width", "height"}, "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"}, "ol": {"start"}, "div": {"tabindex", "role", "aria-label"},
}


def _sanitize(html: str) -> str:
    """Opted-in raw HTML, made inert: no scripts, styles, event handlers or javascript: URLs."""
    return nh3.clean(html, attributes=SAFE_ATTRIBUTES, url_schemes={"http", "https", "mailto", "tel"},
                     link_rel="noopener noreferrer", strip_comments=True)


__all__ = ["Bodies", "asset_path", "asset_url", "render_bodies"]
