"""索引号: parsing against the site's pattern."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class IndexNumber:
    """A parsed 索引号: the agency code, the year and the sequence number."""

    text: str
    code: str
    year: int
    seq: int


def parse_index_no(text: str, pattern: re.Pattern[str]) -> IndexNumber | None:
    """The parts of an index number, or None when it does not match the pattern."""
    match = pattern.match(text)
    if not match:
        return None
    try:
        return IndexNumber(text, match["code"], int(match["year"]), int(match["seq"]))
    except (IndexError, ValueError):
        return None


def format_index_no(code: str, year: int, seq: int) -> str:
    """The default pattern's form: CODE/YYYY-NNNNN."""
    return f"{code}/{year:04d}-{seq:05d}"
