"""The search codec: a page's text (or a query) normalised and written as codes Pagefind cannot cut wrongly.

Every character of the normalised text is a *unit* (a number from a fixed table of Unicode ranges), written
as a three-character code. The twin page Pagefind indexes holds, per stream, the code of each unit, one word
per position. A query of n characters is the exact phrase of its n codes, found at consecutive positions
exactly where the text has those n characters. themes/default/static/search-codec.js is the same codec in
the browser; the two are tested against each other (docs/search.md).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# The units: ranges of code points (inclusive), numbered in this order after unit 0 (OTHER). Changing this
# table changes every code: bump search.FORMAT with it, and keep search-codec.js the same.
RANGES: tuple[tuple[int, int], ...] = (
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x024F),  # Latin-1 supplement, Latin extended A and B
    (0x0370, 0x03FF),  # Greek
    (0x0400, 0x04FF),  # Cyrillic
    (0x2000, 0x206F),  # general punctuation
    (0x2100, 0x218F),  # letterlike symbols, number forms
    (0x2190, 0x22FF),  # arrows, mathematical operators
    (0x2460, 0x24FF),  # enclosed alphanumerics (①)
    (0x2500, 0x25FF),  # box drawing, geometric shapes
    (0x3000, 0x303F),  # CJK symbols and punctuation (〔〕、。《》)
    (0x3040, 0x30FF),  # kana
    (0x3100, 0x312F),  # bopomofo
    (0x3200, 0x33FF),  # enclosed CJK, CJK compatibility (㈠)
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # half-width and full-width forms
)
OTHER = 0
FIRST = "abcdefghijklmnopqrstuvwxyz"
REST = "abcdefghijklmnopqrstuvwxyz0123456789"
UNITS = len(FIRST) * len(REST) * len(REST)
TITLE_PREFIX = "1"  # the title's stream and unit set
DOCNO_PREFIX = "2"  # the 文号's stream and unit set
# white space as both codecs see it (Python's \s and JavaScript's differ in a few characters)
_SPACE = re.compile("[\t\n\v\f\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")


def _offsets() -> tuple[tuple[int, int, int], ...]:
    """(first, last, number of the first) for each range."""
    result, start = [], 1
    for first, last in RANGES:
        result.append((first, last, start))
        start += last - first + 1
    assert start <= UNITS
    return tuple(result)


OFFSETS = _offsets()
# every character outside the table, replaced by U+FFFD before translating (which the table maps to OTHER)
_OUTSIDE = re.compile("[^" + "".join(f"\\U{first:08x}-\\U{last:08x}" for first, last in RANGES) + "]")


def normalize(text: str) -> str:
    """The text as search compares it: NFKC, lower case, each run of white space one space, trimmed."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text).lower()).strip()


def normalize_cased(text: str) -> str:
    """The text as the twin stores it: as `normalize`, but keeping the case (the codes of capital letters A-Z
    are written in capitals, which Pagefind indexes in lower case and stores as they are)."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def unit(char: str) -> int:
    """The unit of one character (OTHER for a character outside the table)."""
    point = ord(char)
    for first, last, start in OFFSETS:
        if point < first:
            return OTHER
        if point <= last:
            return start + point - first
    return OTHER


def code(number: int) -> str:
    """The three-character code of a unit."""
    rest = len(REST)
    return FIRST[number // (rest * rest)] + REST[number // rest % rest] + REST[number % rest]


def _table() -> dict[int, str]:
    table = {point: code(start + point - first) for first, last, start in OFFSETS for point in range(first, last + 1)}
    table[0xFFFD] = code(OTHER)
    return table


_TABLE = _table()


def coded(text: str) -> str:
    """The codes of the units of an already normalised text, run together (three characters a unit)."""
    return _OUTSIDE.sub("\ufffd", text).translate(_TABLE)


def codes(text: str) -> list[str]:
    """The codes of the units of an already normalised text."""
    run = coded(text)
    return [run[k:k + 3] for k in range(0, len(run), 3)]


_CAPITALS = re.compile("[A-Z]+")


def stream_text(text: str, prefix: str = "", cased: str = "") -> str:
    """The words a twin page holds for one normalised text: the code of each unit, in order, separated by
    spaces (one word per position). Where `cased` (the same text with its case, `normalize_cased`) has a
    capital A-Z, the code is written in capitals: the same word to Pagefind's index, and the capital for the
    excerpt."""
    run = coded(text)
    if cased and len(cased) == len(text):
        for capitals in _CAPITALS.finditer(cased):
            start, end = capitals.start() * 3, capitals.end() * 3
            run = run[:start] + run[start:end].upper() + run[end:]
    return " ".join(prefix + run[k:k + 3] for k in range(0, len(run), 3))


def query_words(term: str, prefix: str = "") -> list[str]:
    """The words an exact (quoted) Pagefind search looks for to find a normalised term: the code of each of its
    units, which the page must have at consecutive positions."""
    return [prefix + c for c in codes(term)]


def decode(words: Iterable[str]) -> str:
    """The text of a stream without prefix (OTHER decodes as U+FFFD, a code in capitals as a capital), up to
    the first word that is not a code."""
    chars: list[str] = []
    for word in words:
        if len(word) != 3:
            break
        char = _char(word.lower())
        chars.append(char.upper() if word[0].isupper() else char)
    return "".join(chars)


def _char(unit_code: str) -> str:
    rest = len(REST)
    number = FIRST.index(unit_code[0]) * rest * rest + REST.index(unit_code[1]) * rest + REST.index(unit_code[2])
    for first, last, start in OFFSETS:
        if start <= number <= start + last - first:
            return chr(first + number - start)
    return "\ufffd"


_RUN = re.compile(r"(?<![a-z0-9])[a-z][a-z0-9]{2}(?: [a-z][a-z0-9]{2})+(?![a-z0-9])", re.IGNORECASE)


def decode_runs(text: str) -> str:
    """Every run of unit codes in a text (e.g. a Pagefind fragment) decoded, one run a line: what a scan for
    leaked text must read besides the raw bytes."""
    return "\n".join(decode(run.split(" ")) for run in _RUN.findall(text))
