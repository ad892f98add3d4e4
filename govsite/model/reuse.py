"""What the model keeps between builds (govsite serve): values computed from one parsed document alone, reused
while the document is the very same parsed value.

The parse memo (govsite.memo) hands out the same Document object for a source whose bytes are unchanged, so
identity is an exact test of "this document did not change". A value that also depends on the build's
settings is dropped when they change (`begin`); one that depends on `now` is kept only while `now` stays
inside the document's own stable window (govsite.model.window), where no comparison of `now` with the
document's moments, and no day, can come out differently.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Generic, TypeVar

from govsite.content.document import Document
from govsite.model.window import document_moments, window_of

V = TypeVar("V")


@dataclass
class Moments:
    """Every datetime each document gives (window.document_moments), by path, for the document it was taken of."""

    previous: dict[str, tuple[Document, tuple[datetime, ...]]] = field(default_factory=dict)
    current: dict[str, tuple[Document, tuple[datetime, ...]]] = field(default_factory=dict)

    def of(self, doc: Document) -> tuple[datetime, ...]:
        found = self.current.get(doc.path) or self.previous.get(doc.path)
        if found is None or found[0] is not doc:
            found = (doc, document_moments(doc))
        self.current[doc.path] = found
        return found[1]

    def advance(self) -> None:
        self.previous, self.current = self.current, {}


@dataclass
class PerDocument(Generic[V]):
    """A value by document path, computed from the document, the build's settings and `now`: reused while the
    document is the same object, the settings are equal and `now` lies in the window it was computed for."""

    settings: object = None
    previous: dict[str, tuple[Document, tuple[datetime, datetime], V]] = field(default_factory=dict)
    current: dict[str, tuple[Document, tuple[datetime, datetime], V]] = field(default_factory=dict)

    def begin(self, settings: object) -> None:
        """Start a build with these settings (everything but the document and `now` the values depend on)."""
        if settings != self.settings:
            self.previous, self.current = {}, {}
        self.settings = settings

    def get(self, doc: Document, now: datetime, tz: tzinfo, moments: Moments, compute: Callable[[], V]) -> V:
        """The value for `doc` at `now` (`tz`: the site's zone, whose midnights count besides `now`'s)."""
        found = self.current.get(doc.path) or self.previous.get(doc.path)
        if found is None or found[0] is not doc or not found[1][0] <= now < found[1][1]:
            found = (doc, window_of(now, tz, moments.of(doc)), compute())
        self.current[doc.path] = found
        return found[2]

    def advance(self) -> None:
        self.previous, self.current = self.current, {}
