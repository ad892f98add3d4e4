"""How long a build's output stays right: the stretch of time around `now` in which no decision changes.

Everything govsite decides from the clock compares `now` with a moment the documents give (a publication
time, a bid deadline, the end of a publicity period) or with the current day (dates, 失效 after `expires`,
the day shown on tender pages). Inside the window returned here none of those comparisons can come out
differently, so a build with the same inputs and a `now` inside it writes the same bytes: the build cache
uses this to skip a rebuild with nothing changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import fields, is_dataclass
from datetime import datetime, time, timedelta, tzinfo

from govsite.content.document import Document


def stable_window(now: datetime, tz: tzinfo, documents: Iterable[Document],
                  moments: Callable[[Document], Iterable[datetime]] | None = None) -> tuple[datetime, datetime]:
    """[start, end): the latest moment at or before `now` and the first after it at which a decision changes.

    Every datetime in any document counts (wherever it appears; `moments` gives a document's, by default
    document_moments), and so does midnight in the site's zone and in the zone of `now`; a moment exactly at
    `now` has already taken effect (`published <= now`).
    """
    moments_of = moments if moments is not None else document_moments
    return window_of(now, tz, (moment for document in documents for moment in moments_of(document)))


def window_of(now: datetime, tz: tzinfo, moments: Iterable[datetime]) -> tuple[datetime, datetime]:
    """The stable window around `now` given these moments (and midnight in `tz` and in the zone of `now`)."""
    starts, ends = [], []
    for zone in (tz, now.tzinfo):
        day = now.astimezone(zone).date()
        starts.append(datetime.combine(day, time(), zone))
        ends.append(datetime.combine(day + timedelta(days=1), time(), zone))
    for moment in moments:
        if moment <= now:
            starts.append(moment)
        else:
            ends.append(moment)
    return max(starts), min(ends)


def document_moments(document: Document) -> tuple[datetime, ...]:
    """Every datetime a document gives: its publication time and any in its kind's details (a deadline);
    the other fields of a document are dates (covered by midnight) or text."""
    found = [document.published] if document.published is not None else []
    found.extend(_datetimes(document.details))
    return tuple(found)


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
