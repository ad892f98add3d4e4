"""The TODO markers left in a site's files (site.yaml, data/*.yaml, the content sources): what `govsite init`
and `govsite new` ask the editor to fill in, reported by `govsite check` one line each.

A marker is the word TODO written as a value or a label (`TODO`, `TODO: 正文`, `主题分类: TODO  # …`); a
mention of it in prose, in an inline code span or in a fenced code block of Markdown is not one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from govsite.content.discover import SourceFile
from govsite.errors import Diagnostic, warning

MARKER = re.compile(r"\bTODO\b(?=\s*(?:[:：,#}\]'\"]|$))")
CODE_SPAN = re.compile(r"(`+).*?\1")
FENCE = re.compile(r"\s*(```|~~~)")
EXCERPT = 60


def todo_findings(files: Iterable[SourceFile]) -> tuple[Diagnostic, ...]:
    """A warning for every line that still has a TODO marker, in path order."""
    return tuple(finding for file in sorted(files, key=lambda f: f.path) for finding in _file_todos(file))


def _file_todos(file: SourceFile) -> Iterator[Diagnostic]:
    text = file.data.decode("utf-8", errors="replace")
    for number, line in _marked_lines(text, markdown=file.path.endswith(".md")):
        yield warning(file.path, number, f"TODO left to fill in: {_excerpt(line)}",
                      "replace the TODO with what it asks for (and delete the TODO), then run govsite check again")


def _marked_lines(text: str, markdown: bool) -> Iterator[tuple[int, str]]:
    fenced = False
    for number, line in enumerate(text.splitlines(), 1):
        if markdown and FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced and MARKER.search(CODE_SPAN.sub("", line) if markdown else line):
            yield number, line


def _excerpt(line: str) -> str:
    text = line.strip().lstrip("#").strip()
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"
