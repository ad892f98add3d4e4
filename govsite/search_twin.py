"""A built page's searchable text, and the coded twin page Pagefind indexes in its place (docs/search.md).

`extract` reads what Pagefind would index of a page: the text of its `data-pagefind-body` element without the
ignored parts, and the page's `data-pagefind-meta`, `-filter` and `-sort` values. `twin_html` writes the twin:
the same URL, meta, filters and sort keys, a `date` filter for the search page's date range, and the text as
the codes of govsite.search_text in a language Pagefind neither segments nor stems.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass

from lxml import etree

from govsite.search_text import DOCNO_PREFIX, TITLE_PREFIX, normalize, normalize_cased, stream_text

BODY = "data-pagefind-body"
IGNORE = "data-pagefind-ignore"
# elements whose text Pagefind never indexes
SKIPPED = frozenset({"script", "style", "noscript", "template", "svg", "form", "iframe", "object", "canvas",
                     "select", "textarea", "button"})
# elements that separate words (the others run into their neighbours: <a>住房</a>公积金 is 住房公积金)
BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "dialog", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
    "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
    "tr", "ul", "img", "hgroup", "menu", "legend",
})
VALID = "有效"  # the validity filter value that ranks first among equals
# Pagefind indexes meta values as words (split on white space, letters and digits kept), and an exact search
# matches them: each value is written as one word that begins with a letter no code has, spaces as WORD JOINER
# (search-engine.js reads them back), so that no meta word can equal a code.
META_MARK = "\u01c2"
META_SPACE = "\u2060"


@dataclass(frozen=True)
class PageText:
    """What search knows of a page: its normalised indexed text, title and 文号, meta, filters, sort keys, and
    the text with its case."""

    text: str
    title: str
    doc_no: str
    meta: Mapping[str, str]
    filters: tuple[tuple[str, str], ...]
    sorts: tuple[tuple[str, str], ...]
    cased: str = ""  # the text with its case (normalize_cased), for the excerpt's capitals


def extract(data: bytes) -> PageText | None:
    """The searchable text and values of a built page, or None when it has no `data-pagefind-body`."""
    if b"data-pagefind-body" not in data:
        return None
    root = etree.fromstring(data, parser=_PARSER)
    if root is None:
        return None
    bodies = _BODIES(root)
    if not bodies:
        return None
    pieces: list[str] = []
    for body in bodies:
        if not any(_ignored(a) for a in body.iterancestors()):
            _text_of(body, pieces)
            pieces.append(" ")
    tagged = _tagged(root)
    meta = dict(tagged["data-pagefind-meta"])
    title = normalize(meta.get("title", ""))
    cased = normalize_cased("".join(pieces))
    return PageText(normalize(cased), title, normalize(meta.get("doc_no", "")), meta,
                    tuple(tagged["data-pagefind-filter"]), tuple(tagged["data-pagefind-sort"]), cased)


_BODIES = etree.XPath("//*[@data-pagefind-body]")
_PARSER = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)


def _ignored(element: etree._Element) -> bool:
    return element.get(IGNORE) is not None or (isinstance(element.tag, str) and element.tag in SKIPPED)


def _text_of(element: etree._Element, pieces: list[str]) -> None:
    """Append the text of an element and its descendants (not its tail), skipping ignored subtrees."""
    block = element.tag in BLOCKS
    if block:
        pieces.append(" ")
    if element.text:
        pieces.append(element.text)
    for child in element:
        if isinstance(child.tag, str) and not _ignored(child):
            _text_of(child, pieces)
        if child.tail:
            pieces.append(child.tail)
    if block:
        pieces.append(" ")


TAGS = ("data-pagefind-meta", "data-pagefind-filter", "data-pagefind-sort")
_TAGGED = etree.XPath("//*[" + " or ".join(f"@{tag}" for tag in TAGS) + "]")


def _tagged(root: etree._Element) -> dict[str, list[tuple[str, str]]]:
    """For each of TAGS, the (name, value) pairs of the page's elements: `name:value`, `name` (the element's
    text) or `name[attr]` (another attribute's value)."""
    pairs: dict[str, list[tuple[str, str]]] = {tag: [] for tag in TAGS}
    for element in _TAGGED(root):
        for tag in TAGS:
            spec = element.get(tag)
            if spec is not None:
                pair = _pair(element, spec)
                if pair is not None:
                    pairs[tag].append(pair)
    return pairs


def _pair(element: etree._Element, spec: str) -> tuple[str, str] | None:
    name, colon, value = spec.partition(":")
    if not colon:
        if name.endswith("]") and "[" in name:
            name, _bracket, other = name[:-1].partition("[")
            value = element.get(other.strip(), "")
        else:
            value = " ".join("".join(element.itertext()).split())
    return (name.strip(), value.strip()) if name.strip() else None


def twin_html(page: PageText, salt: int = 0) -> str:
    """The twin page: meta (each value one marked word), filters and sort keys, a date filter, and the text,
    title and 文号 as code words. A `salt` (meta `salt`) changes the page's Pagefind id and nothing else
    (govsite.search: two parts that gave two pages the same id)."""
    out = ['<!DOCTYPE html><html lang="zxx"><head><meta charset="utf-8"><title>-</title></head><body>']
    meta = {**page.meta, "salt": str(salt)} if salt else page.meta
    for name, value in meta.items():
        out.append(f'<span data-pagefind-meta="{_attr(name)}:{_attr(meta_word(value))}"></span>')
    for name, value in page.filters:
        out.append(f'<span data-pagefind-filter="{_attr(name)}:{_attr(value)}"></span>')
    day = page.meta.get("published", "")[:10]
    if day:
        out.append(f'<span data-pagefind-filter="date:{_attr(day)}"></span>')
    for name, value in page.sorts:
        out.append(f'<span data-pagefind-sort="{_attr(name)}:{_attr(value)}"></span>')
    out.append("<p>" + stream_text(page.text, cased=page.cased) + "</p>")
    out.append("<p>" + stream_text(page.title, TITLE_PREFIX) + "</p>")
    out.append("<p>" + stream_text(page.doc_no, DOCNO_PREFIX) + "</p>")
    out.append("</body></html>\n")
    return "\n".join(out)


def meta_word(value: str) -> str:
    """A meta value as the twin stores it: one word that no code can equal."""
    return META_MARK + META_SPACE.join(value.split(" "))


def meta_value(word: str) -> str:
    """The meta value a twin's meta word stores (the inverse of `meta_word`)."""
    return word.removeprefix(META_MARK).replace(META_SPACE, " ")


def rank_key(meta: Mapping[str, str], filters: Mapping[str, list[str]]) -> str:
    """What a page is sorted by, from its Pagefind fragment's meta and filters: "发布日期|1" for a valid page
    (有效, or no validity), "…|0" for the others."""
    validity = filters.get("validity") or [VALID]
    return f"{meta_value(meta.get('published', ''))}|{1 if VALID in validity else 0}"


def _attr(value: str) -> str:
    return html.escape(value, quote=True)
