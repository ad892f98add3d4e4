"""Reading a YAML mapping against a table of fields: English keys, Chinese aliases, unknown keys, duplicates."""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from govsite.content.coerce import Converter, Ctx, Invalid
from govsite.content.yamlnodes import YNode
from govsite.errors import Diagnostic, error


@dataclass(frozen=True)
class Field:
    """One front matter field: its English key, its Chinese alias and how its value is read."""

    key: str
    alias: str
    convert: Converter
    required: bool = False

    def label(self) -> str:
        return f"'{self.key}' ({self.alias})" if self.alias else f"'{self.key}'"


@dataclass(frozen=True)
class FieldValues:
    """What a mapping held: values by English key, the line of each key, the problems found."""

    values: Mapping[str, object]
    lines: Mapping[str, int]
    diagnostics: tuple[Diagnostic, ...]

    def get(self, key: str, default: object = None) -> object:
        return self.values.get(key, default)


def did_you_mean(word: str, candidates: Sequence[str]) -> str:
    """A 'did you mean …?' hint for a near miss, or ''."""
    close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    if not close:
        lowered = {c.lower(): c for c in candidates}
        close = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
        close = [lowered[c] for c in close]
    return f"did you mean '{close[0]}'?" if close else ""


def read_fields(node: YNode, fields: Sequence[Field], path: str, tz: ZoneInfo,
                missing_line: int, where: str = "") -> FieldValues:
    """Read every entry of a mapping node; report unknown, doubled and missing keys, and bad values."""
    by_name: dict[str, Field] = {}
    for field in fields:
        by_name[field.key] = field
        if field.alias:
            by_name[field.alias] = field
    values: dict[str, object] = {}
    lines: dict[str, int] = {}
    written_as: dict[str, str] = {}
    diagnostics: list[Diagnostic] = []
    prefix = f"{where}: " if where else ""
    aliases = {field.alias for field in fields if field.alias}
    misspelt: set[str] = set()  # required keys a did-you-mean already points at: not reported as missing too
    for name, line, value in node.entries:
        found = by_name.get(name)
        if found is None:
            close = did_you_mean(name, list(by_name))
            if close:
                misspelt.add(by_name[close.split("'")[1]].key)
            diagnostics.append(error(path, line, f"{prefix}unknown field '{name}'",
                                     close or _known_keys_hint(fields, top_level=not where)))
            continue
        field = found
        if field.key in written_as:
            diagnostics.append(error(
                path, line,
                f"{prefix}'{name}' and '{written_as[field.key]}' are the same field {field.label()} "
                f"(first on line {lines[field.key]})", "keep only one of the two lines"))
            continue
        written_as[field.key] = name
        lines[field.key] = line
        if value.is_null and not field.required:
            continue
        try:
            values[field.key] = field.convert(value, Ctx(path, name, tz, line))
        except Invalid as problem:
            diagnostics.extend(problem.diagnostics)
    chinese = any(name in aliases for name, _line, _value in node.entries)
    for field in fields:
        if field.required and field.key not in lines and field.key not in misspelt:
            written = field.alias if chinese and field.alias else field.key
            other = f" (or '{field.key if written != field.key else field.alias}: …')" if field.alias else ""
            diagnostics.append(error(path, missing_line, f"{prefix}missing required field {field.label()}",
                                     f"add a line '{written}: …'{other}"))
    return FieldValues(values, lines, tuple(diagnostics))


def _known_keys_hint(fields: Sequence[Field], top_level: bool = True) -> str:
    names = ", ".join(f.key for f in fields[:12])
    extra = "; put a site's own fields under 'extra'" if top_level and any(f.key == "extra" for f in fields) else ""
    return f"known fields: {names}{', …' if len(fields) > 12 else ''}{extra}"


def nested(fields: Sequence[Field], where: str) -> Converter:
    """A converter for a mapping value read against its own field table (aliases included)."""
    def convert(node: YNode, ctx: Ctx) -> FieldValues:
        if node.kind != "map":
            raise Invalid(error(ctx.path, ctx.key_line or node.line,
                                f"{ctx.key}: expected key: value lines, not {node.describe()}",
                                "indent the sub-fields under this key"))
        result = read_fields(node, fields, ctx.path, ctx.tz, node.line, where or ctx.key)
        if result.diagnostics:
            raise Invalid(*result.diagnostics)
        return result
    return convert


def nested_list(fields: Sequence[Field], where: str) -> Converter:
    """A converter for a list whose entries are mappings read against a field table."""
    item_converter = nested(fields, where)

    def convert(node: YNode, ctx: Ctx) -> tuple[tuple[FieldValues, int], ...]:
        if node.kind != "seq":
            raise Invalid(error(ctx.path, ctx.key_line or node.line,
                                f"{ctx.key}: expected a list, not {node.describe()}",
                                "write each entry on a line starting '- '"))
        results: list[tuple[FieldValues, int]] = []
        problems: list[Diagnostic] = []
        for item in node.items:
            try:
                value = item_converter(item, Ctx(ctx.path, ctx.key, ctx.tz, item.line))
            except Invalid as problem:
                problems.extend(problem.diagnostics)
                continue
            assert isinstance(value, FieldValues)
            results.append((value, item.line))
        if problems:
            raise Invalid(*problems)
        return tuple(results)
    return convert


__all__ = ["Field", "FieldValues", "did_you_mean", "nested", "nested_list", "read_fields"]
