"""The one configured Markdown renderer: Markdown → `Rendered` (HTML, plain text, headings, problems).

Links to other content files are rewritten through a `LinkResolver` the caller passes in, so this module
knows nothing of the site model.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.footnote import footnote_plugin

from govsite.errors import Diagnostic


@dataclass(frozen=True)
class LinkTarget:
    """What a relative link resolved to: a page URL, an asset to copy, or nothing (text only)."""

    status: Literal["page", "asset", "unpublished", "missing", "outside"]
    url: str = ""
    asset: str = ""  # site-relative source path of a file to copy
    problem: Diagnostic | None = None


LinkResolver = Callable[[str, int], LinkTarget]
"""(href as written, file line) → LinkTarget."""


@dataclass(frozen=True)
class Heading:
    """A heading for the table of contents."""

    level: int
    id: str
    text: str


@dataclass(frozen=True)
class Rendered:
    """One document's body, rendered."""

    html: str
    lead: str  # the paragraphs only, for a summary derived from the body
    toc: tuple[Heading, ...]
    assets: tuple[tuple[str, str], ...]  # (source path, output URL path) of files the body links to
    diagnostics: tuple[Diagnostic, ...]
    external: tuple[tuple[str, int], ...] = ()  # (URL, file line) of links to other sites


def slugify(title: str) -> str:
    """Heading anchor: letters (Chinese kept), digits and hyphens."""
    value = re.sub(r"[^\w\u4e00-\u9fff-]+", "-", title.strip().lower()).strip("-")
    return value or "section"


def make_parser(raw_html: bool) -> MarkdownIt:
    """CommonMark + tables + strikethrough + footnotes + heading anchors; raw HTML off unless opted in."""
    parser = MarkdownIt("commonmark", {"html": raw_html, "linkify": False, "typographer": False})
    parser.enable(["table", "strikethrough"])
    parser.use(footnote_plugin)
    parser.use(anchors_plugin, min_level=2, max_level=4, slug_func=slugify, permalink=False)
    _wrap_tables(parser)
    return parser


def render(parser: MarkdownIt, body: str, body_line: int, resolve: LinkResolver,
           sanitize: Callable[[str], str] | None = None) -> Rendered:
    """Render a body whose first line is file line `body_line`, rewriting links through `resolve`."""
    tokens = parser.parse(body)
    found = _Found()
    for token in tokens:
        if token.type == "inline" and token.children:
            line = body_line + (token.map[0] if token.map else 0)
            token.children = _rewrite_links(token.children, line, resolve, found)
    html = parser.renderer.render(tokens, parser.options, {"tables": 0})
    if sanitize is not None:
        html = sanitize(html)
    return Rendered(html, lead_text(tokens), _headings(tokens), tuple(found.assets),
                    tuple(found.diagnostics), tuple(found.external))


@dataclass
class _Found:
    """What one render collects while it walks the links."""

    assets: list[tuple[str, str]] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    external: list[tuple[str, int]] = field(default_factory=list)


def _rewrite_links(children: list[Token], first_line: int, resolve: LinkResolver, found: _Found) -> list[Token]:
    result: list[Token] = []
    dropping = 0
    line = first_line
    for child in children:
        if child.type in ("softbreak", "hardbreak"):
            line += 1  # a paragraph's later lines
        if child.type == "image" and str(child.attrGet("src") or "").lower().startswith(("http:", "https:", "//")):
            result.extend(_image_as_link(child))  # the portal loads nothing from other hosts
            found.external.append((str(child.attrGet("src")), line))
            continue
        if child.type in ("link_open", "image"):
            attr = "href" if child.type == "link_open" else "src"
            href = str(child.attrGet(attr) or "")
            target = resolve(href, line)
            if target.problem is not None:
                found.diagnostics.append(target.problem)
            if target.status == "outside" and href.lower().startswith(("http://", "https://")):
                found.external.append((href, line))
            if target.status in ("page", "asset"):
                child.attrSet(attr, target.url)
                if target.asset:
                    found.assets.append((target.asset, target.url))
            elif target.status != "outside" and child.type == "link_open":
                dropping += 1
                continue
        if child.type == "link_close" and dropping:
            dropping -= 1
            continue
        result.append(child)
    return result


def _image_as_link(image: Token) -> list[Token]:
    """An image on another host becomes a link to it, so that the page itself loads nothing from there."""
    opening = Token("link_open", "a", 1, attrs={"href": str(image.attrGet("src"))})
    text = Token("text", "", 0, content=f"[图片] {image.content or image.attrGet('alt') or ''}".strip())
    return [opening, text, Token("link_close", "a", -1)]


def lead_text(tokens: list[Token], limit: int = 300) -> str:
    """The text of the body's paragraphs (not headings or tables), up to about `limit` characters."""
    parts: list[str] = []
    size = 0
    in_table = 0
    for index, token in enumerate(tokens):
        in_table += token.type == "table_open"
        in_table -= token.type == "table_close"
        if token.type == "inline" and token.children and not in_table and index > 0 \
                and tokens[index - 1].type == "paragraph_open":
            text = "".join(c.content for c in token.children if c.type in ("text", "code_inline")).strip()
            parts.append(text)
            size += len(text)
            if size >= limit:
                break
    return " ".join(p for p in parts if p)


def _wrap_tables(parser: MarkdownIt) -> None:
    """Tables scroll inside a focusable region on narrow screens (WCAG: scrollable regions are reachable)."""
    def table_open(renderer: object, tokens: list[Token], idx: int, options: object, env: dict[str, int]) -> str:
        env["tables"] = env.get("tables", 0) + 1
        label = f"表格{env['tables']}"
        return f'<div class="table-wrap" tabindex="0" role="region" aria-label="{label}">\n<table>\n'

    def table_close(renderer: object, tokens: list[Token], idx: int, options: object, env: object) -> str:
        return "</table>\n</div>\n"

    parser.add_render_rule("table_open", table_open)
    parser.add_render_rule("table_close", table_close)


def _headings(tokens: list[Token]) -> tuple[Heading, ...]:
    headings: list[Heading] = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag in ("h2", "h3"):
            inline = tokens[index + 1]
            headings.append(Heading(int(token.tag[1]), str(token.attrGet("id") or ""), inline.content))
    return tuple(headings)
