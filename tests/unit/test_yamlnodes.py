"""YAML with line numbers: duplicate keys, syntax errors, scalars kept as written."""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govsite.content.parse import parse_document
from govsite.content.yamlnodes import YamlResult, parse_yaml, plain


def test_lines_are_file_lines() -> None:
    root = parse_yaml("a: 1\nb:\n  - x\n  - y\n", "f.md", 2).root
    assert root is not None
    assert [(k, line) for k, line, _ in root.entries] == [("a", 2), ("b", 3)]
    b = root.get("b")
    assert b is not None and [item.line for item in b.items] == [4, 5]


def test_duplicate_keys_are_errors_on_the_second_line() -> None:
    result = parse_yaml("title: a\ntitle: b\n", "f.md", 2)
    assert [(d.line, d.message) for d in result.diagnostics] == [
        (3, "key 'title' is given twice (first on line 2)")]


def test_syntax_error_has_a_line() -> None:
    result = parse_yaml("title: a\nbad: [unclosed\n", "f.md", 2)
    assert result.root is None
    assert result.diagnostics[0].is_error and result.diagnostics[0].line >= 3


def test_scalars_keep_their_text() -> None:
    root = parse_yaml("fees: 2456.80\nday: 2024-13-40\n", "f.md", 1).root
    assert root is not None
    fees, day = root.get("fees"), root.get("day")
    assert fees is not None and fees.raw == "2456.80"
    assert day is not None and day.raw == "2024-13-40"


def _only_blanks_and_comments(text: str) -> bool:
    """Every line empty or a comment once spaces, tabs and byte-order marks are taken out."""
    lines = re.split("\r\n|[\r\n\x85\u2028\u2029]", text)
    return all(re.fullmatch("[ \t\ufeff]*(#.*)?", line) for line in lines)


@pytest.mark.parametrize("text", ["", "\n", "   \n\n", "# 待补充\n", "\ufeff"],
                         ids=["empty", "a newline", "blank lines", "a comment", "a byte-order mark"])
def test_a_text_with_no_document_gives_neither_a_tree_nor_diagnostics(text: str) -> None:
    # what an empty text means is its reader's to say (an empty front matter is an error, below; an empty
    # data/topics.yaml stands for the built-in taxonomy), so the parser reports nothing and gives no tree
    assert parse_yaml(text, "f.md", 2) == YamlResult(None, ())


def test_an_empty_front_matter_is_an_error_of_its_reader() -> None:
    parsed = parse_document("content/policies/2025/a.md", "---\n---\n\n正文\n".encode(),
                            ZoneInfo("Asia/Shanghai"))
    assert parsed.document is None
    assert [d.format() for d in parsed.diagnostics] == [
        "content/policies/2025/a.md:1: error: the front matter must be key: value lines, but it is empty\n"
        "  hint: write one field per line, e.g. 'title: 关于…的通知'"]


@given(st.text(max_size=200))
def test_any_text_gives_a_tree_or_diagnostics_never_an_exception(text: str) -> None:
    result = parse_yaml(text, "f.md", 2)
    if result.root is None:
        # no tree: errors say why, or the text holds no document at all ('' and its like, above)
        assert all(d.is_error for d in result.diagnostics)
        assert result.diagnostics or _only_blanks_and_comments(text)
    else:
        plain(result.root)
