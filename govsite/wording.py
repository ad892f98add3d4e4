"""The wording check (错别字, 严重表述错误): wrong forms and near misses of exact names in titles, front matter
text fields and bodies, as diagnostics at their file lines.

One compiled alternation finds every wrong form and every exception (longest first, so that an exception
such as 按排名 wins over 按排 where both start); a body is only parsed when that search finds something in
its raw text, and then only its prose is searched: not code spans or blocks, not block quotations (`>`) or
text inside `<q>`/`<code>`, not link targets or autolinks, not raw HTML blocks. A wrong form written directly
inside quotation marks (将“按排”改为“安排”) is a mention, not a use, and is not reported.
"""

from __future__ import annotations

import functools
import hashlib
import pickle
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from govsite.content.document import Document, FundDetails
from govsite.content.services import service_texts
from govsite.errors import Diagnostic, error, warning
from govsite.memo import Memo
from govsite.model.site import SiteModel
from govsite.wordingsettings import WORDING_FILE, Correction, ExactName, WordingSettings

_DIGIT = r"[0-9０-９]"
DATE_AHEAD = (r"(?=[ \u3000]*(?:" + _DIGIT + r"{1,4}[年月日\-/.]|[〇零一二三四五六七八九十]{1,4}[年月]|"
              r"[今去明前本上当]年|[本上当]月|年[底末]|月[底末]|目前|今天|今日|昨天|昨日|当日|当天|本周|上周))")
CLAUSE_END_AHEAD = r"(?=[，。；！？、,.;!?）)」』”’]|$)"
OPENING_QUOTES = "“‘「『\"'"
CLOSING_QUOTES = "”’」』\"'"
# characters that tell two real bodies apart (示例省/示例市, 湖南/湖北, 第一/第二): never a near miss
DISTINGUISHING = set("省市县区州盟旗乡镇村街东南西北中上下一二三四五六七八九十〇零大小")
CJK = "\u4e00-\u9fff"


@dataclass(frozen=True)
class Hit:
    """A wrong form (or a near miss of a name) at a position of one line of text."""

    start: int
    text: str
    correction: Correction | None = None
    name: ExactName | None = None
    how: str = ""  # for a near miss: 'missing' or 'changed'


@dataclass(frozen=True)
class Matcher:
    """The compiled search for one site's corrections and names."""

    pattern: re.Pattern[str] | None
    by_text: Mapping[str, Correction | None]  # matched text → its correction, None for an exception
    near: re.Pattern[str] | None  # every near miss of every name
    missing: Mapping[str, ExactName]  # a name with one character missing → the name
    changed: Mapping[tuple[str, int], ExactName]  # (the name, position of a character that may change)
    names: tuple[str, ...]
    real: frozenset[str] = frozenset()  # the names and other real names: never a near miss


def compile_matcher(settings: WordingSettings, other_names: Iterable[str] = ()) -> Matcher:
    """One regular expression for the corrections and their exceptions, one for the names' near misses.
    `other_names` (e.g. the agencies' names) are never reported as a near miss of a name."""
    alternatives: dict[str, str] = {}
    by_text: dict[str, Correction | None] = {}
    for entry in settings.corrections:
        ahead = {"date": DATE_AHEAD, "clause-end": CLAUSE_END_AHEAD}.get(entry.next, "")
        alternatives[entry.wrong + "\0" + ahead] = re.escape(entry.wrong) + ahead
        by_text[entry.wrong] = entry
        for exception in entry.exceptions:
            alternatives.setdefault(exception, re.escape(exception))
            by_text.setdefault(exception, None)
    ordered = sorted(alternatives, key=lambda key: -len(key.split("\0")[0]))
    pattern = re.compile("|".join(alternatives[key] for key in ordered), re.M) if ordered else None
    exact = tuple(n.name for n in settings.names)
    real = {*exact, *other_names}
    missing = {text: name for name in settings.names for text in _missing(name.name)
               if not any(text in other for other in real)}
    changed = {(name.name, i): name for name in settings.names for i in _changeable(name.name)}
    near_sources = [re.escape(text) for text in sorted(missing, key=len, reverse=True)]
    near_sources += [f"{re.escape(name[:i])}(?!{re.escape(name[i])})[{CJK}]{re.escape(name[i + 1:])}"
                     for name, i in changed]
    near = re.compile("|".join(near_sources)) if near_sources else None
    return Matcher(pattern, by_text, near, missing, changed, exact, frozenset(real))


def _missing(name: str) -> Iterator[str]:
    """The name with one character missing: names of 5 or more characters, not one of the first or last
    two (so that the ends of neighbouring words cannot make it up, as 其中共产党员 has 中共产党)."""
    for i in range(2, len(name) - 2) if len(name) >= 5 else ():
        yield name[:i] + name[i + 1:]


def _changeable(name: str) -> Iterator[int]:
    """Positions where a changed character is a near miss: names of 8 or more characters, at least 3
    unchanged on each side, not a character that tells two real bodies apart (省/市, 南/北, 一/二)."""
    for i in range(3, len(name) - 3) if len(name) >= 8 else ():
        if name[i] not in DISTINGUISHING:
            yield i


def find_hits(matcher: Matcher, text: str) -> Iterator[Hit]:
    """The hits in one line of prose, left to right (exceptions and quoted mentions left out)."""
    if matcher.pattern is not None:
        for match in matcher.pattern.finditer(text):
            entry = matcher.by_text.get(match.group())
            if entry is not None and not _quoted(text, match.start(), match.end()):
                yield Hit(match.start(), match.group(), entry)
    if matcher.near is not None:
        for match in matcher.near.finditer(text):
            found = _near_miss(matcher, match.group())
            if found is not None and not _quoted(text, match.start(), match.end()) \
                    and not _overlaps_name(matcher, text, match):
                yield Hit(match.start(), match.group(), name=found[0], how=found[1])


def _near_miss(matcher: Matcher, text: str) -> tuple[ExactName, str] | None:
    """The name a matched text misses and how, or None (the text is a real name)."""
    if text in matcher.missing:
        return matcher.missing[text], "missing"
    for (name, i), exact in matcher.changed.items():
        if len(name) == len(text) and name[:i] == text[:i] and name[i + 1:] == text[i + 1:] and name[i] != text[i] \
                and text[i] not in DISTINGUISHING and text not in matcher.real:
            return exact, "changed"
    return None


def _overlaps_name(matcher: Matcher, text: str, match: re.Match[str]) -> bool:
    for name in matcher.names:
        start = text.find(name, max(0, match.start() - len(name)))
        if start != -1 and start < match.end() and match.start() < start + len(name):
            return True
    return False


def _quoted(text: str, start: int, end: int) -> bool:
    """The form stands alone between quotation marks: a mention (将“按排”改为“安排”), not a use."""
    return start > 0 and end < len(text) and text[start - 1] in OPENING_QUOTES and text[end] in CLOSING_QUOTES


def prose_lines(parser: MarkdownIt, body: str) -> Iterator[tuple[int, str]]:
    """(line within the body, text) of each run of prose: paragraphs, headings, lists, tables and footnotes,
    without block quotations, code, raw HTML blocks, autolinks and text inside <q>, <code>, <kbd>, <samp>."""
    quoted = 0
    for token in parser.parse(body):
        quoted += (token.type == "blockquote_open") - (token.type == "blockquote_close")
        if token.type == "inline" and not quoted and token.map is not None and token.children:
            yield from _inline_prose(token.children, token.map[0])


SKIPPED_HTML = re.compile(r"<(/?)(q|code|kbd|samp|pre)\b", re.I)


def _inline_prose(children: list[Token], line: int) -> Iterator[tuple[int, str]]:
    skipping = 0
    for child in children:
        if child.type in ("softbreak", "hardbreak"):
            line += 1
        elif child.type == "link_open" and child.markup == "autolink":
            skipping += 1
        elif child.type == "link_close" and child.markup == "autolink":
            skipping -= 1
        elif child.type == "html_inline":
            tag = SKIPPED_HTML.match(child.content)
            if tag:
                skipping = max(0, skipping + (-1 if tag.group(1) else 1))
        elif child.type == "image" and child.children and not skipping:
            yield from _inline_prose(child.children, line)
        elif child.type == "text" and not skipping and child.content:
            yield line, child.content


def front_matter_texts(doc: Document) -> Iterator[tuple[int, str]]:
    """(file line, text) of the front matter fields a reader sees as text."""
    yield doc.line_of("title"), doc.title
    if doc.summary:
        yield doc.line_of("summary"), doc.summary
    for keyword in doc.keywords:
        yield doc.line_of("keywords"), keyword
    for attachment in doc.attachments:
        yield attachment.line, attachment.title
    if isinstance(doc.details, FundDetails):
        yield doc.line_of("fund"), doc.details.fund
        for row in doc.details.rows:
            yield row.line, f"{row.item}\n{row.note}"
    yield from service_texts(doc)


def _document_hits(doc: Document, matcher: Matcher, parser: MarkdownIt,
                   with_body: bool) -> Iterator[tuple[int, Hit]]:
    for line, text in front_matter_texts(doc):
        for part in text.split("\n"):
            for hit in find_hits(matcher, part):
                yield line, hit
    if with_body and _may_hit(matcher, doc.body):
        for relative, text in prose_lines(parser, doc.body):
            for hit in find_hits(matcher, text):
                yield doc.body_line + relative, hit


def _may_hit(matcher: Matcher, body: str) -> bool:
    """A quick look at the raw text: only a body where something matches is parsed."""
    return any(p is not None and p.search(body) for p in (matcher.pattern, matcher.near))


def diagnostic(path: str, line: int, hit: Hit) -> Diagnostic:
    """A hit as a warning (an error for a serious entry), the right form in the hint."""
    if hit.name is not None:
        what = "a character missing" if hit.how == "missing" else "a character changed"
        report = error if hit.name.serious else warning
        return report(path, line, f"'{hit.text}' looks like the name '{hit.name.name}' with {what}"
                      + (" (严重表述错误)" if hit.name.serious else ""),
                      f"write the name exactly: {hit.name.name} (listed under 'names' in {WORDING_FILE})")
    entry = hit.correction
    assert entry is not None
    where = {"date": " before a date", "clause-end": " at the end of a clause"}.get(entry.next, "")
    note = f"; {entry.note}" if entry.note else ""
    if entry.serious:
        return error(path, line, f"serious wording error (严重表述错误): '{hit.text}'{where}",
                     f"write '{entry.right}'{note} ({entry.source})")
    return warning(path, line, f"possible typo (错别字): '{hit.text}'{where}",
                   f"write '{entry.right}'{note} (if '{entry.wrong}' is right here, add it under 'disabled' (停用) "
                   f"or give it an exception in {WORDING_FILE})")


def check_wording(documents: Iterable[tuple[Document, bool]], settings: WordingSettings,
                  other_names: Iterable[str] = (), memo: Memo[tuple[Diagnostic, ...]] | None = None,
                  sources: Mapping[str, bytes] | None = None) -> tuple[Diagnostic, ...]:
    """Every wrong form and near miss in the documents' titles, front matter text and (where the bool is
    True) bodies; serious entries are errors. `other_names` are real names never taken for a near miss.
    With a memo and the sources' digests, a document checked by the last build with the same settings is
    not checked again."""
    names = tuple(other_names)
    matcher = compile_matcher(settings, names)
    if matcher.pattern is None and matcher.near is None:
        return ()
    parser = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    parser.use(footnote_plugin)

    def check(doc: Document, with_body: bool) -> tuple[Diagnostic, ...]:
        return tuple(diagnostic(doc.path, line, hit) for line, hit in _document_hits(doc, matcher, parser, with_body))

    listed = list(documents)
    if memo is None or sources is None:
        return tuple(d for doc, with_body in listed for d in check(doc, with_body))
    setting = hashlib.blake2b(pickle.dumps((settings, names), protocol=5), digest_size=16).digest()
    found = memo.get_many([(doc.path, (sources.get(doc.path), with_body, setting),
                            functools.partial(check, doc, with_body)) for doc, with_body in listed],
                          lambda jobs: [job() for job in jobs])
    return tuple(d for diagnostics in found for d in diagnostics)


def check_site_wording(model: SiteModel, memo: Memo[tuple[Diagnostic, ...]] | None = None,
                       sources: Mapping[str, bytes] | None = None) -> tuple[Diagnostic, ...]:
    """The wording check of a site's shown documents (a 依申请公开 body is not shown, so not checked) with its
    registry's settings; the agencies' names are real names, never near misses. Serious hits are errors:
    the inspection's single-veto item 严重表述错误 is `any(d.is_error for d in check_site_wording(model))`."""
    return check_wording(((e.doc, not e.withheld_body) for e in model.entries), model.registry.wording,
                         (a.name for a in model.registry.agencies), memo, sources)
