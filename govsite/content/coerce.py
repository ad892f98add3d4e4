"""Converters from YAML nodes to typed field values; each returns the value or a diagnostic an editor can act on."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from govsite.content.document import Ref
from govsite.content.yamlnodes import BOOL_TAG, YNode, scalar_value
from govsite.errors import Diagnostic, error


@dataclass(frozen=True)
class Ctx:
    """Where a value stands: the file, the key as the editor wrote it, and the site's time zone."""

    path: str
    key: str
    tz: ZoneInfo
    key_line: int = 0  # the line of the key, where a value of the wrong shape is reported


class Invalid(Exception):
    """A value that cannot be used; carries the diagnostics (several for a nested value)."""

    def __init__(self, *diagnostics: Diagnostic) -> None:
        super().__init__("; ".join(d.message for d in diagnostics))
        self.diagnostics = diagnostics


Converter = Callable[[YNode, Ctx], object]

_DATE_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DATETIME_RE = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$"
)
AMOUNT = re.compile(r"\d{1,15}(?:\.\d{1,6})?")  # up to a thousand trillion, to the millionth
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
DATE_HINT = "write dates as YYYY-MM-DD, e.g. 2025-03-01 (a time may follow: 2025-03-01 09:30)"


def fail(node: YNode, ctx: Ctx, message: str, hint: str = "") -> Invalid:
    """An Invalid for this node's line."""
    return Invalid(error(ctx.path, node.line, f"{ctx.key}: {message}", hint))


def wrong_shape(node: YNode, ctx: Ctx, message: str, hint: str) -> Invalid:
    """An Invalid for a value of the wrong shape (a list for text …), reported on its key's line."""
    return Invalid(error(ctx.path, ctx.key_line or node.line, f"{ctx.key}: {message}", hint))


def text(node: YNode, ctx: Ctx) -> str:
    """A single line or block of text; numbers are taken as written."""
    if node.kind != "scalar":
        raise wrong_shape(node, ctx, f"expected text, not {node.describe()}",
                          "write the value on the same line after the colon")
    if node.is_null:
        raise fail(node, ctx, "is empty", "write a value after the colon or remove the line")
    control = CONTROL_CHARACTERS.search(node.raw)
    if control:
        raise fail(node, ctx, f"contains an invisible control character (U+{ord(control.group()):04X})",
                   "delete it and type the text again; it often comes with text copied from Word or PDF files")
    return node.raw.strip()


def bounded_text(limit: int) -> Converter:
    """Text of at most `limit` characters."""
    def convert(node: YNode, ctx: Ctx) -> str:
        value = text(node, ctx)
        if len(value) > limit:
            raise fail(node, ctx, f"is {len(value)} characters long; at most {limit} are allowed",
                       "shorten it")
        return value
    return convert


def ref(node: YNode, ctx: Ctx) -> Ref:
    """Text that refers to something else, keeping its line."""
    return Ref(text(node, ctx), node.line)


def ref_list(node: YNode, ctx: Ctx) -> tuple[Ref, ...]:
    """One reference or a list of them."""
    if node.kind == "seq":
        return tuple(Ref(text(item, ctx), item.line) for item in node.items)
    return (ref(node, ctx),)


def text_list(node: YNode, ctx: Ctx) -> tuple[str, ...]:
    """A list of text; a single text is taken as a list of one. Commas (，、,) split a single line."""
    if node.kind == "seq":
        return tuple(text(item, ctx) for item in node.items)
    return tuple(part.strip() for part in re.split(r"[，,、;；]", text(node, ctx)) if part.strip())


def parse_date(raw: str) -> date | None:
    """YYYY-MM-DD → date, or None when it is not a real date."""
    match = _DATE_RE.match(raw.strip())
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def parse_datetime(raw: str, tz: ZoneInfo) -> datetime | None:
    """A date or date-time; no offset means the site's zone; a date means the start of that day."""
    match = _DATETIME_RE.match(raw.strip())
    if not match:
        return None
    year, month, day, hour, minute, second, offset = match.groups()
    try:
        moment = datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0))
    except ValueError:
        return None
    if offset is None:
        return moment.replace(tzinfo=tz)
    if offset == "Z":
        offset = "+00:00"
    if ":" not in offset:
        offset = offset[:3] + ":" + offset[3:]
    try:
        return datetime.fromisoformat(moment.isoformat() + offset)
    except ValueError:
        return None


def date_hint(raw: str) -> str:
    """Why a date-like text is not a date, as specifically as can be said."""
    chinese = re.fullmatch(r"\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?\s*", raw)
    if chinese:
        return f"write {int(chinese[1]):04d}-{int(chinese[2]):02d}-{int(chinese[3]):02d}"
    slashed = re.fullmatch(r"\s*(\d{4})[/.](\d{1,2})[/.](\d{1,2})\s*", raw)
    if slashed:
        return f"write {int(slashed[1]):04d}-{int(slashed[2]):02d}-{int(slashed[3]):02d} (with hyphens)"
    match = _DATE_RE.match(raw.strip().split(" ")[0].split("T")[0])
    if match:
        year, month, day = int(match[1]), int(match[2]), int(match[3])
        if not 1 <= month <= 12:
            return f"there is no month {month}: the middle number is the month (01–12)"
        days = (date(year + month // 12, month % 12 + 1, 1) - date(year, month, 1)).days
        if not 1 <= day <= days:
            return f"{year}-{month:02d} has {days} days"
    return DATE_HINT


def a_date(node: YNode, ctx: Ctx) -> date:
    """A calendar date."""
    raw = text(node, ctx)
    value = parse_date(raw)
    if value is None:
        moment = parse_datetime(raw, ctx.tz)
        if moment is None:
            raise fail(node, ctx, f"'{raw}' is not a valid date", date_hint(raw))
        value = moment.astimezone(ctx.tz).date()
    return value


def a_datetime(node: YNode, ctx: Ctx) -> datetime:
    """A date or date-time, made aware in the site's time zone."""
    raw = text(node, ctx)
    value = parse_datetime(raw, ctx.tz)
    if value is None:
        raise fail(node, ctx, f"'{raw}' is not a valid date or date-time", date_hint(raw))
    return value


def start_of_day(day: date, tz: ZoneInfo) -> datetime:
    """Midnight at the start of `day` in the site's zone."""
    return datetime.combine(day, time(0, 0), tzinfo=tz)


def integer(low: int, high: int) -> Converter:
    """A whole number in [low, high]."""
    def convert(node: YNode, ctx: Ctx) -> int:
        raw = text(node, ctx)
        if not re.fullmatch(r"\d{1,12}", raw.strip()):
            raise fail(node, ctx, f"'{raw}' is not a whole number", f"write a number from {low} to {high}")
        value = int(raw)
        if not low <= value <= high:
            raise fail(node, ctx, f"{value} is out of range", f"write a number from {low} to {high}")
        return value
    return convert


def boolean(node: YNode, ctx: Ctx) -> bool:
    """true / false (是 / 否 accepted)."""
    raw = text(node, ctx)
    if node.tag == BOOL_TAG:
        return bool(scalar_value(node))
    if raw in ("是", "否"):
        return raw == "是"
    raise fail(node, ctx, f"'{raw}' is not true or false", "write true or false")


def choice(*allowed: str) -> Converter:
    """One of a fixed list of values."""
    def convert(node: YNode, ctx: Ctx) -> str:
        raw = text(node, ctx)
        if raw not in allowed:
            raise fail(node, ctx, f"'{raw}' is not allowed", "use one of: " + ", ".join(allowed))
        return raw
    return convert


def money(node: YNode, ctx: Ctx) -> Decimal:
    """A non-negative amount, read exactly from its text (never through a float)."""
    raw = text(node, ctx).replace(",", "")
    if not AMOUNT.fullmatch(raw):
        raise fail(node, ctx, f"'{raw}' is not an amount",
                   "write a plain number without units or separators, e.g. 1250000.00")
    return Decimal(raw)


def matching(pattern: re.Pattern[str], message: str, hint: str) -> Converter:
    """A text the whole of which matches `pattern`; else `message` (with {raw}: the text) and `hint`."""
    def convert(node: YNode, ctx: Ctx) -> str:
        raw = text(node, ctx)
        if not pattern.fullmatch(raw):
            raise fail(node, ctx, message.format(raw=raw), hint)
        return raw
    return convert


slug = matching(re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*"), "'{raw}' is not a valid slug",
                "use lowercase letters a-z, digits and single hyphens, e.g. budget-2025")
"""A URL stem of lowercase letters, digits and hyphens."""


def mapping_node(node: YNode, ctx: Ctx) -> YNode:
    """The node itself, checked to be a mapping."""
    if node.kind != "map":
        raise wrong_shape(node, ctx, f"expected key: value lines, not {node.describe()}",
                          "indent the sub-fields under this key")
    return node


def sequence_items(node: YNode, ctx: Ctx) -> tuple[YNode, ...]:
    """The items of a list node."""
    if node.kind != "seq":
        raise wrong_shape(node, ctx, f"expected a list, not {node.describe()}",
                          "write each entry on a line starting '- '")
    return node.items
