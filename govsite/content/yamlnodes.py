"""YAML parsed into nodes that remember their line numbers, with duplicate keys reported, never merged."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import yaml

try:  # the C parser is several times faster; fall back where libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the platform's PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

from govsite.errors import Diagnostic, error

NodeKind = Literal["map", "seq", "scalar"]

STR_TAG = "tag:yaml.org,2002:str"
NULL_TAG = "tag:yaml.org,2002:null"
BOOL_TAG = "tag:yaml.org,2002:bool"
INT_TAG = "tag:yaml.org,2002:int"
FLOAT_TAG = "tag:yaml.org,2002:float"
TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


@dataclass(frozen=True)
class YNode:
    """A YAML value with its line: a mapping, a sequence or a scalar (kept as its source text)."""

    kind: NodeKind
    line: int
    tag: str = STR_TAG
    raw: str = ""
    entries: tuple[tuple[str, int, YNode], ...] = ()
    items: tuple[YNode, ...] = ()

    @property
    def is_null(self) -> bool:
        return self.kind == "scalar" and self.tag == NULL_TAG

    def get(self, key: str) -> YNode | None:
        """The value of `key` in a mapping node, or None."""
        for name, _line, value in self.entries:
            if name == key:
                return value
        return None

    def describe(self) -> str:
        """What the value is, in words an editor understands."""
        if self.kind == "map":
            return "a mapping (key: value lines)"
        if self.kind == "seq":
            return "a list"
        return f"'{self.raw}'"


@dataclass(frozen=True)
class YamlResult:
    """The root node (None when the text is empty or unparseable) and the problems found."""

    root: YNode | None
    diagnostics: tuple[Diagnostic, ...]


def parse_yaml(text: str, path: str, first_line: int = 1) -> YamlResult:
    """Parse YAML text whose first line is line `first_line` of the file at `path`."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        context = exc.context or ""
        # an unclosed bracket or quote is noticed at the end: point at where it was opened instead
        unclosed = any(word in context for word in ("flow sequence", "flow mapping", "quoted scalar"))
        mark = (exc.context_mark if unclosed and exc.context_mark else None) or exc.problem_mark or exc.context_mark
        line = first_line + (mark.line if mark else 0)
        problem = exc.problem or "invalid YAML"
        source_line = text.split("\n")[line - first_line] if 0 <= line - first_line < len(text.split("\n")) else ""
        if "\t" in source_line:
            return YamlResult(None, (error(path, line, "YAML syntax error: a tab character is used for indentation",
                                           "indent with spaces, not tabs"),))
        return YamlResult(None, (_syntax_error(path, line, problem, source_line),))
    except yaml.reader.ReaderError as exc:
        line = first_line + text[: exc.position].count("\n")
        character = exc.character if isinstance(exc.character, str) else chr(exc.character)
        return YamlResult(None, (error(path, line, f"an invisible control character (U+{ord(character):04X}) is "
                                                   "not allowed here", "delete it and type the text again; it often "
                                                   "comes with text copied from Word or PDF files"),))
    except yaml.YAMLError as exc:
        return YamlResult(None, (error(path, first_line, f"YAML syntax error: {exc}"),))
    if node is None:
        return YamlResult(None, ())
    diagnostics: list[Diagnostic] = []
    root = _convert(node, path, first_line, diagnostics, set())
    return YamlResult(root, tuple(diagnostics))


def _syntax_error(path: str, line: int, problem: str, source_line: str) -> Diagnostic:
    """A YAML syntax error in words an editor can act on, judged from the problem and the line itself."""
    value = source_line.split(":", 1)[1].strip() if ":" in source_line else ""
    if "mapping values" in problem and source_line[:1] in (" ", "\t") and ": " in source_line:
        return error(path, line, "YAML syntax error: this line is indented but the line above takes no sub-fields",
                     "remove the spaces at the start of the line")
    if "did not find expected key" in problem and value[:1] in ("[", "{"):
        return error(path, line, "YAML syntax error: a value that starts with [ or { is read as a list or mapping",
                     "put the whole value in quotes, e.g. 标题: '[重要]关于…的通知'")
    message = "a value contains ': ' (colon + space)" if "mapping values" in problem else problem
    return error(path, line, f"YAML syntax error: {message}", _yaml_hint(problem))


def _yaml_hint(problem: str) -> str:
    if "mapping values" in problem:
        return ("the value contains a colon followed by a space (': '): put the whole value in quotes, "
                "e.g. '示例：说明', or use the Chinese colon ：")
    if "tab" in problem:
        return "indent with spaces, not tabs"
    if "expected <block end>" in problem or "did not find expected" in problem:
        return "check the indentation and that every quote and bracket is closed"
    return "check the indentation, the colon after each key, and that quotes are closed"


def _convert(node: yaml.Node, path: str, first_line: int, out: list[Diagnostic], expanded: set[int]) -> YNode:
    line = first_line + node.start_mark.line
    if isinstance(node, yaml.CollectionNode):
        if id(node) in expanded:  # an alias (*name): expanding them is how "billion laughs" documents explode
            out.append(error(path, line, "YAML anchors and aliases (&name, *name) are not supported here",
                             "write the value out in full"))
            return YNode("scalar", line, NULL_TAG)
        expanded.add(id(node))
    if isinstance(node, yaml.MappingNode):
        entries: list[tuple[str, int, YNode]] = []
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key_line = first_line + key_node.start_mark.line
            key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "?"
            if key in seen:
                out.append(error(path, key_line, f"key '{key}' is given twice (first on line {seen[key]})",
                                 "remove one of the two lines"))
                continue
            seen[key] = key_line
            entries.append((key, key_line, _convert(value_node, path, first_line, out, expanded)))
        return YNode("map", line, node.tag, entries=tuple(entries))
    if isinstance(node, yaml.SequenceNode):
        items = tuple(_convert(item, path, first_line, out, expanded) for item in node.value)
        return YNode("seq", line, node.tag, items=items)
    return YNode("scalar", line, node.tag, raw=str(node.value))


def plain(node: YNode) -> object:
    """The node as plain Python values (scalars typed by their YAML tag; timestamps stay text)."""
    if node.kind == "map":
        return {key: plain(value) for key, _line, value in node.entries}
    if node.kind == "seq":
        return [plain(item) for item in node.items]
    return scalar_value(node)


def scalar_value(node: YNode) -> object:
    """A scalar's value by tag: null → None, bool, int, float; everything else its text."""
    if node.tag == NULL_TAG:
        return None
    if node.tag == BOOL_TAG:
        return node.raw.lower() in ("true", "yes", "on", "y")
    if node.tag == INT_TAG:
        try:
            return int(node.raw.replace("_", ""), 0)
        except ValueError:
            return node.raw
    if node.tag == FLOAT_TAG:
        try:
            return float(node.raw.replace("_", ""))
        except ValueError:
            return node.raw
    return node.raw
