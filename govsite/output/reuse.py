"""Reusing the last build's pages: a page rendered from the very same values is not rendered again.

Each page's inputs (template, path, title, values and what every page shares) are pickled and hashed in the
worker that makes the page; when the digest equals the last build's for the same path, the last output's
file is still right and is linked instead of rendering the template.
"""

from __future__ import annotations

import io
import pickle
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass

from govsite.cache import PageKey, digest_bytes


def value_bytes(value: object) -> bytes:
    """The bytes of a value (a tree of dataclasses, tuples and strings) that depend on what it is, never on
    which objects it shares: the pickler's memo is off, so an equal value always gives the same bytes."""
    stream = io.BytesIO()
    pickler = pickle.Pickler(stream, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True  # no memo: a string met twice is written twice (values are trees, never cycles)
    pickler.dump(value)
    return stream.getvalue()


@dataclass(frozen=True)
class PageOut:
    """One page of the output: its bytes, or None when the last build's file at `rel` is still right."""

    rel: str
    data: bytes | None
    key: PageKey | None = None  # for the build cache (None when the build keeps no cache)
    written: bool = False  # already written into the staging folder (its bytes are then dropped)
    made_from: tuple[Hashable, object] | None = None  # rendered in a worker for a memo: the slot and inputs


@dataclass(frozen=True)
class PageReuse:
    """The last build's page keys whose files can still be linked (unchanged in the last output)."""

    previous: Mapping[str, PageKey]
    keys: bool = True  # False: only the digest of each page's bytes (a first build: nothing to reuse yet)

    def page(self, rel: str, inputs: object, compute: Callable[[], bytes]) -> PageOut:
        if not self.keys:
            data = compute()
            return PageOut(rel, data, PageKey(b"", digest_bytes(data)))  # b"" never equals a key
        key = digest_bytes(value_bytes(inputs))
        old = self.previous.get(rel)
        if old is not None and old.inputs == key:
            return PageOut(rel, None, old)
        data = compute()
        return PageOut(rel, data, PageKey(key, digest_bytes(data)))
