"""data/wording.yaml and the built-in list (govsite/defaults/wording.yaml): wrong forms, their right forms and
the names a site writes exactly, validated from their YAML nodes.

Both files have one format. `corrections` (错别字) maps a wrong form to its right form, or to a mapping with
`right` (正确写法), `serious` (严重: a 严重表述错误, reported as an error), `except` (例外: right words that
contain the wrong form), `next` (后接: 日期 / 句末, what must follow for the form to be wrong) and `note` (说明).
A site's entry replaces the built-in entry of the same wrong form; `disabled` (停用) switches built-in entries
off; `names` (规范名称) lists names of leaders and bodies that must be written exactly (govsite.wording).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from importlib import resources
from zoneinfo import ZoneInfo

from govsite.content import coerce as c
from govsite.content.coerce import Ctx, Invalid
from govsite.content.fields import Field, FieldValues, did_you_mean, read_fields
from govsite.content.yamlnodes import YNode, parse_yaml
from govsite.errors import Diagnostic, error

WORDING_FILE = "data/wording.yaml"
BUILT_IN = "govsite/defaults/wording.yaml"
MAX_LENGTH = 40
NEXT_VALUES = {"date": "date", "日期": "date", "clause-end": "clause-end", "句末": "clause-end"}
_EXAMPLE = "e.g. 按排: 安排"


@dataclass(frozen=True)
class Correction:
    """A wrong form and its right form; `next` ('' / 'date' / 'clause-end') narrows when it is wrong."""

    wrong: str
    right: str
    serious: bool = False
    exceptions: tuple[str, ...] = ()
    next: str = ""
    note: str = ""
    source: str = BUILT_IN  # the file that gave the entry
    line: int = 0


@dataclass(frozen=True)
class ExactName:
    """A name of a leader or body that must be written exactly (near misses are reported)."""

    name: str
    serious: bool = False
    line: int = 0


@dataclass(frozen=True)
class WordingSettings:
    """The corrections in force (built-in, less the disabled ones, with the site's over them) and the names."""

    corrections: tuple[Correction, ...] = ()
    names: tuple[ExactName, ...] = ()


def _form(node: YNode, ctx: Ctx, what: str) -> str:
    """A wrong form, right form, exception or name: text of 2 to MAX_LENGTH characters on one line."""
    if node.kind != "scalar" or node.is_null:
        raise c.wrong_shape(node, ctx, f"{what} must be text, not {node.describe() if not node.is_null else 'empty'}",
                            f"write the text after the colon, {_EXAMPLE}")
    value = c.text(node, ctx)
    if "\n" in value:
        raise c.fail(node, ctx, f"{what} '{value}' runs over several lines", "write it on one line")
    if len(value) < 2:
        raise c.fail(node, ctx, f"{what} '{value}' is a single character",
                     "a single character is part of many right words: write the whole wrong word")
    if len(value) > MAX_LENGTH:
        raise c.fail(node, ctx, f"{what} '{value}' is {len(value)} characters long; at most {MAX_LENGTH} are allowed",
                     "write only the wrong word or phrase")
    return value


def _right(node: YNode, ctx: Ctx) -> str:
    return _form(node, ctx, "the right form")


def _exceptions(node: YNode, ctx: Ctx) -> tuple[str, ...]:
    items = node.items if node.kind == "seq" else (node,)
    return tuple(_form(item, ctx, "an exception") for item in items)


def _next(node: YNode, ctx: Ctx) -> str:
    raw = c.text(node, ctx)
    if raw not in NEXT_VALUES:
        raise c.fail(node, ctx, f"'{raw}' is not allowed",
                     "use 日期 (date: wrong only when a date follows) or 句末 (clause-end: wrong only before "
                     "punctuation or the end of a line)")
    return NEXT_VALUES[raw]


ENTRY_FIELDS = (
    Field("right", "正确写法", _right, required=True),
    Field("serious", "严重", c.boolean),
    Field("except", "例外", _exceptions),
    Field("next", "后接", _next),
    Field("note", "说明", c.text),
)


def _correction(wrong_node: YNode, value: YNode, ctx: Ctx) -> Correction:
    """One entry of `corrections`: `wrong: right` or `wrong: {right: …, serious: …, …}`."""
    wrong = _form(wrong_node, ctx, "a wrong form")
    problems: list[Diagnostic] = []
    lines: dict[str, int] = {}
    if value.kind == "map":
        read = read_fields(value, ENTRY_FIELDS, ctx.path, ctx.tz, wrong_node.line, f"{ctx.key}: '{wrong}'")
        problems.extend(read.diagnostics)  # the other fields are still checked below
        entry = _entry(wrong, read, ctx.path, wrong_node.line)
        lines.update(read.lines)
    elif value.kind == "scalar" and not value.is_null:
        entry = Correction(wrong, _right(value, ctx), source=ctx.path, line=wrong_node.line)
    else:
        raise c.wrong_shape(value, Ctx(ctx.path, ctx.key, ctx.tz, wrong_node.line),
                            f"'{wrong}' has no right form", f"write it after the colon, {_EXAMPLE}")
    if entry.right == wrong:
        problems.append(error(ctx.path, lines.get("right", wrong_node.line),
                              f"{ctx.key}: '{wrong}' is given as its own right form",
                              "write the right form after the colon, or remove the line"))
    for exception in entry.exceptions:
        if wrong not in exception or exception == wrong:
            problems.append(error(ctx.path, lines.get("except", wrong_node.line),
                                  f"{ctx.key}: the exception '{exception}' of '{wrong}' "
                                  f"does not contain '{wrong}' with more around it",
                                  "an exception is a right word that contains the wrong form, e.g. 按排名 for 按排"))
    if problems:
        raise Invalid(*problems)
    return entry


def _entry(wrong: str, read: FieldValues, path: str, line: int) -> Correction:
    exceptions = read.get("except", ())
    assert isinstance(exceptions, tuple)
    return Correction(wrong, str(read.get("right")), bool(read.get("serious", False)), exceptions,
                      str(read.get("next", "")), str(read.get("note", "")), path, line)


def _corrections(node: YNode, ctx: Ctx) -> tuple[Correction, ...]:
    if node.kind != "map":
        raise c.wrong_shape(node, ctx, f"expected wrong form: right form lines, not {node.describe()}",
                            f"write each wrong form on its own line, indented, {_EXAMPLE}")
    found: list[Correction] = []
    problems: list[Diagnostic] = []
    for key, line, value in node.entries:
        try:
            found.append(_correction(YNode("scalar", line, raw=key), value, ctx))
        except Invalid as problem:
            problems.extend(problem.diagnostics)
    if problems:
        raise Invalid(*problems)
    return tuple(found)


def _texts(node: YNode, ctx: Ctx, what: str) -> tuple[tuple[str, int], ...]:
    """A list of texts with their lines (one text is a list of one)."""
    if node.kind == "map":
        raise c.wrong_shape(node, ctx, f"expected a list, not {node.describe()}",
                            "write each entry on a line starting '- '")
    items = node.items if node.kind == "seq" else (node,)
    found: list[tuple[str, int]] = []
    problems: list[Diagnostic] = []
    for item in items:
        try:
            found.append((_form(item, ctx, what), item.line))
        except Invalid as problem:
            problems.extend(problem.diagnostics)
    if problems:
        raise Invalid(*problems)
    return tuple(found)


def _disabled(node: YNode, ctx: Ctx) -> tuple[tuple[str, int], ...]:
    return _texts(node, ctx, "a disabled wrong form")


NAME_FIELDS = (Field("name", "名称", lambda node, ctx: _form(node, ctx, "a name"), required=True),
               Field("serious", "严重", c.boolean))


def _names(node: YNode, ctx: Ctx) -> tuple[ExactName, ...]:
    if node.kind != "seq":
        raise c.wrong_shape(node, ctx, f"expected a list, not {node.describe()}",
                            "write each name on a line starting '- ', e.g. - 示例省人民政府办公厅")
    found: list[ExactName] = []
    problems: list[Diagnostic] = []
    seen: dict[str, int] = {}
    for item in node.items:
        try:
            name = _name(item, ctx)
        except Invalid as problem:
            problems.extend(problem.diagnostics)
            continue
        if name.name in seen:
            problems.append(error(ctx.path, item.line, f"{ctx.key}: '{name.name}' is listed twice (first on line "
                                  f"{seen[name.name]})", "remove one of the two lines"))
            continue
        seen[name.name] = item.line
        found.append(name)
    if problems:
        raise Invalid(*problems)
    return tuple(found)


def _name(item: YNode, ctx: Ctx) -> ExactName:
    if item.kind == "map":
        read = read_fields(item, NAME_FIELDS, ctx.path, ctx.tz, item.line, ctx.key)
        if read.diagnostics:
            raise Invalid(*read.diagnostics)
        return ExactName(str(read.get("name")), bool(read.get("serious", False)), item.line)
    return ExactName(_form(item, ctx, "a name"), False, item.line)


FIELDS = (Field("corrections", "错别字", _corrections), Field("disabled", "停用", _disabled),
          Field("names", "规范名称", _names))


def _read(root: YNode | None, path: str, tz: ZoneInfo) -> tuple[FieldValues | None, tuple[Diagnostic, ...]]:
    if root is None:
        return None, ()
    if root.kind != "map":
        return None, (error(path, root.line, f"{path} must be key: value lines, not {root.describe()}",
                            "start a line with '错别字:' (corrections), '停用:' (disabled) or '规范名称:' (names) "
                            "and put the entries under it"),)
    read = read_fields(root, FIELDS, path, tz, 1)
    return read, read.diagnostics


def built_in_corrections() -> tuple[Correction, ...]:
    """The built-in list (govsite/defaults/wording.yaml); a problem in it is a bug of govsite."""
    text = resources.files("govsite.defaults").joinpath("wording.yaml").read_text(encoding="utf-8")
    result = parse_yaml(text, BUILT_IN)
    read, problems = _read(result.root, BUILT_IN, ZoneInfo("UTC"))
    if result.diagnostics or problems or read is None:
        raise AssertionError("; ".join(d.format() for d in (*result.diagnostics, *problems)))
    found = read.get("corrections", ())
    assert isinstance(found, tuple)
    return found


def read_wording(root: YNode | None, tz: ZoneInfo,
                 built_in: tuple[Correction, ...] | None = None) -> tuple[WordingSettings, tuple[Diagnostic, ...]]:
    """The settings in force for a site whose data/wording.yaml has this root node (None: no file)."""
    defaults = built_in_corrections() if built_in is None else built_in
    read, problems = _read(root, WORDING_FILE, tz)
    if read is None:
        return WordingSettings(defaults), problems
    own = read.get("corrections", ())
    disabled = read.get("disabled", ())
    names = read.get("names", ())
    assert isinstance(own, tuple) and isinstance(disabled, tuple) and isinstance(names, tuple)
    known = {entry.wrong for entry in defaults}
    off: set[str] = set()
    unknown: list[Diagnostic] = []
    for wrong, line in disabled:
        if wrong in known:
            off.add(wrong)
            continue
        close = did_you_mean(wrong, sorted(known))
        unknown.append(error(WORDING_FILE, line, f"{read_key(root, 'disabled')}: '{wrong}' is not in the built-in "
                             "list", close or f"the built-in list is {BUILT_IN}; copy the wrong form from there"))
    replaced = {entry.wrong for entry in own}
    corrections = (*(e for e in defaults if e.wrong not in off and e.wrong not in replaced),
                   *(replace(e, source=WORDING_FILE) for e in own))
    return WordingSettings(tuple(corrections), names), (*problems, *unknown)


def read_key(root: YNode | None, key: str) -> str:
    """The key as the editor wrote it (English or its Chinese alias)."""
    alias = {f.key: f.alias for f in FIELDS}[key]
    names = {name for name, _line, _value in root.entries} if root is not None else set()
    return alias if alias in names else key
