"""YAML with line numbers: duplicate keys, syntax errors, scalars kept as written."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from govsite.content.yamlnodes import parse_yaml, plain


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


@given(st.text(max_size=200))
def test_any_text_gives_a_tree_or_diagnostics_never_an_exception(text: str) -> None:
    result = parse_yaml(text, "f.md", 2)
    if result.root is not None:
        plain(result.root)
