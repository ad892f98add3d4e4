"""data/search.yaml: a site's search synonyms and popular searches, validated from its YAML nodes.

The file is optional. `synonyms` (同义词) maps a term to the other terms a search for it also finds;
`popular` (热门搜索) lists searches the search page offers as links. The registry reads the file
(govsite.registry) and keeps the result; the search page gets it as template values (govsite.output.pages).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from govsite.content import coerce as c
from govsite.content.coerce import Ctx, Invalid
from govsite.content.fields import Field, read_fields
from govsite.content.yamlnodes import YNode
from govsite.errors import Diagnostic, error

SEARCH_FILE = "data/search.yaml"
MAX_LENGTH = 40  # characters of a term, a synonym or a popular search
MAX_POPULAR = 20

Synonyms = tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True)
class SearchSettings:
    """Synonyms (a term and the other terms a search for it also finds) and popular searches, in file order."""

    synonyms: Synonyms = ()
    popular: tuple[str, ...] = ()

    def synonym_table(self) -> dict[str, list[str]]:
        """The synonyms as the search page gets them (JSON-serialisable): term → its synonyms, in file order."""
        return {term: list(others) for term, others in self.synonyms}


@dataclass(frozen=True)
class _Role:
    """What a piece of text is, in the words of a message: `one` when it has no value to show."""

    one: str  # "a synonym of '医保'"
    subject: Callable[[str], str]  # the value → "the synonym '医疗保障' of '医保'"
    empty_hint: str
    shape_hint: str


_EXAMPLE = "e.g. 医保: [医疗保障, 医疗保险]"
_TERM = _Role("a term", lambda value: f"the term '{value}'",
              f"write the word people search for before the colon, {_EXAMPLE}", "")
_POPULAR = _Role("an entry", lambda value: f"'{value}'", "write the search or remove the line",
                 "write each popular search on its own line starting '- '")


def _synonym_role(term: str) -> _Role:
    return _Role(f"a synonym of '{term}'", lambda value: f"the synonym '{value}' of '{term}'",
                 "write the synonym or remove the empty entry",
                 f"write all the synonyms of a term as one list, {_EXAMPLE}")


def comparable(text: str) -> str:
    """The text as search compares it (docs/search.md): NFKC, lower case, white space runs as one space."""
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


def _word(node: YNode, ctx: Ctx, role: _Role) -> str:
    """One term, synonym or popular search: text, stripped, not empty, without '"', at most MAX_LENGTH long."""
    if node.kind != "scalar":
        raise c.fail(node, ctx, f"{role.one} must be text, not {node.describe()}", role.shape_hint)
    value = "" if node.is_null else node.raw.strip()
    if not value:
        raise c.fail(node, ctx, f"{role.one} is empty", role.empty_hint)
    subject = role.subject(value)
    control = c.CONTROL_CHARACTERS.search(value)
    if control:
        raise c.fail(node, ctx, f"{subject} contains an invisible control character (U+{ord(control.group()):04X})",
                     "delete it and type the text again; it often comes with text copied from Word or PDF files")
    if '"' in value:
        raise c.fail(node, ctx, f'{subject} contains a double quote (")',
                     'remove the " marks: in the search box they mark an exact phrase')
    if len(value) > MAX_LENGTH:
        raise c.fail(node, ctx, f"{subject} is {len(value)} characters long; at most {MAX_LENGTH} are allowed",
                     "a search is a word or a short phrase: shorten it")
    return value


def _synonyms(node: YNode, ctx: Ctx) -> Synonyms:
    """The `synonyms` mapping: every term with its synonyms; every problem of every entry reported."""
    if node.kind != "map":
        raise c.wrong_shape(node, ctx, f"expected key: value lines, not {node.describe()}",
                            "write each term on its own line, indented, followed by a colon and its synonyms, "
                            f"{_EXAMPLE}")
    table: list[tuple[str, tuple[str, ...]]] = []
    problems: list[Diagnostic] = []
    seen: dict[str, int] = {}  # comparable term → its line
    for key, line, value in node.entries:
        try:
            _term(key, line, ctx, seen)
        except Invalid as problem:
            problems.extend(problem.diagnostics)
        term = key.strip()
        if not term:  # reported above; its synonyms belong to no term
            continue
        try:
            table.append((term, _synonyms_of(term, value, ctx, line)))
        except Invalid as problem:
            problems.extend(problem.diagnostics)
    if problems:
        raise Invalid(*problems)
    return tuple(table)


def _term(key: str, line: int, ctx: Ctx, seen: dict[str, int]) -> str:
    """A term (a key of `synonyms`), given once (as search compares text: 'ABC' and 'abc' are one term)."""
    term = _word(YNode("scalar", line, raw=key), ctx, _TERM)
    first = seen.get(comparable(term))
    if first is not None:
        raise Invalid(error(ctx.path, line, f"{ctx.key}: the term '{term}' is given twice (first on line {first})",
                            "put all its synonyms in one list"))
    seen[comparable(term)] = line
    return term


def _synonyms_of(term: str, node: YNode, ctx: Ctx, key_line: int) -> tuple[str, ...]:
    """A term's synonyms: one text or a list of them, none the term itself, none twice."""
    none = Invalid(error(ctx.path, key_line, f"{ctx.key}: '{term}' has no synonyms",
                         f"write them after the colon, {_EXAMPLE}, or remove the line"))
    if node.is_null or (node.kind == "seq" and not node.items):
        raise none
    if node.kind == "map":
        raise Invalid(error(ctx.path, key_line, f"{ctx.key}: the synonyms of '{term}' must be text or a list, "
                            f"not {node.describe()}", f"write them as a list after the colon, {_EXAMPLE}"))
    role = _synonym_role(term)
    problems: list[Diagnostic] = []
    found: list[str] = []
    seen: set[str] = set()
    for item in node.items if node.kind == "seq" else (node,):
        try:
            synonym = _word(item, ctx, role)
        except Invalid as problem:
            problems.extend(problem.diagnostics)
            continue
        if comparable(synonym) == comparable(term):
            problems.append(error(ctx.path, item.line, f"{ctx.key}: '{term}' lists itself as a synonym",
                                  "remove it from the list: a search always finds the term itself"))
        elif comparable(synonym) in seen:
            problems.append(error(ctx.path, item.line, f"{ctx.key}: '{synonym}' is listed twice as a synonym "
                                  f"of '{term}'", "remove one of the two"))
        else:
            seen.add(comparable(synonym))
            found.append(synonym)
    if problems:
        raise Invalid(*problems)
    return tuple(found)


def _popular(node: YNode, ctx: Ctx) -> tuple[str, ...]:
    """The `popular` list: at most MAX_POPULAR distinct searches."""
    if node.kind != "seq":
        raise c.wrong_shape(node, ctx, f"expected a list, not {node.describe()}",
                            "write each popular search on its own line starting '- '")
    problems: list[Diagnostic] = []
    found: list[str] = []
    seen: dict[str, int] = {}
    for item in node.items:
        try:
            search = _word(item, ctx, _POPULAR)
        except Invalid as problem:
            problems.extend(problem.diagnostics)
            continue
        first = seen.get(comparable(search))
        if first is not None:
            problems.append(error(ctx.path, item.line, f"{ctx.key}: '{search}' is listed twice (first on line "
                                  f"{first})", "remove one of the two lines"))
        else:
            seen[comparable(search)] = item.line
            found.append(search)
    if len(node.items) > MAX_POPULAR:
        over = len(node.items) - MAX_POPULAR
        problems.append(error(ctx.path, node.items[MAX_POPULAR].line,
                              f"{ctx.key}: {len(node.items)} searches are listed; at most {MAX_POPULAR} are allowed",
                              f"remove {over} of them (this line is the first over the limit)"))
    if problems:
        raise Invalid(*problems)
    return tuple(found)


FIELDS = (Field("synonyms", "同义词", _synonyms), Field("popular", "热门搜索", _popular))


def read_search_settings(root: YNode | None, tz: ZoneInfo) -> tuple[SearchSettings, tuple[Diagnostic, ...]]:
    """The settings of data/search.yaml's root node (None: no file, or nothing in it) and every problem."""
    if root is None:
        return SearchSettings(), ()
    if root.kind != "map":
        return SearchSettings(), (error(SEARCH_FILE, root.line, f"data/search.yaml must be key: value lines, not "
                                        f"{root.describe()}", "start a line with 'synonyms:' (同义词) or "
                                        "'popular:' (热门搜索) and put the entries under it"),)
    read = read_fields(root, FIELDS, SEARCH_FILE, tz, 1)
    synonyms = read.get("synonyms", ())
    popular = read.get("popular", ())
    assert isinstance(synonyms, tuple) and isinstance(popular, tuple)
    return SearchSettings(synonyms, popular), read.diagnostics
