"""How long a build's output stays right: the stretch of time around `now` in which no decision changes.

Everything govsite decides from the clock compares `now` with a moment the documents give (a publication
time, a bid deadline, the end of a publicity period) or with the current day (dates, 失效 after `expires`,
the day shown on tender pages). Inside the window returned here none of those comparisons can come out
differently, so a build with the same inputs and a `now` inside it writes the same bytes: the build cache
uses this to skip a rebuild with nothing changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import fields, is_dataclass
from datetime import datetime, time, timedelta, tzinfo

from govsite.content.document import Document


def stable_window(now: datetime, tz: tzinfo, documents: Iterable[Document]) -> tuple[datetime, datetime]:
    """[start, end): the latest moment at or before `now` and the first after it at which a decision changes.

    Every datetime in any document counts (wherever it appears), and so does midnight in the site's zone
    and in the zone of `now`; a moment exactly at `now` has already taken effect (`published <= now`).
    """
    starts, ends = [], []
    for zone in (tz, now.tzinfo):
        day = now.astimezone(zone).date()
        starts.append(datetime.combine(day, time(), zone))
        ends.append(datetime.combine(day + timedelta(days=1), time(), zone))
    for moment in _moments(documents):
        if moment <= now:
            starts.append(moment)
        else:
            ends.append(moment)
    return max(starts), min(ends)


def _moments(documents: Iterable[Document]) -> Iterator[datetime]:
    """Every datetime a document gives: its publication time and any in its kind's details (a deadline);
    the other fields of a document are dates (covered by midnight) or text."""
    for document in documents:
        if document.published is not None:
            yield document.published
        yield from _datetimes(document.details)


def _datetimes(value: object) -> Iterator[datetime]:
    """Every timezone-aware datetime inside a value made of dataclasses, tuples, lists and dicts."""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            yield value
    elif isinstance(value, (str, bytes, int, float)) or value is None:
        return
    elif is_dataclass(value) and not isinstance(value, type):
        for item in fields(value):
            yield from _datetimes(getattr(value, item.name))
    elif isinstance(value, (tuple, list, set, frozenset)):
        for item in value:
            yield from _datetimes(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _datetimes(item)
