"""The page extracts a build keeps beside its output (in the build cache folder), by the digest of the page's
bytes, and which of them to write back: after an edit a small delta with the pages read again; the whole set
anew when the delta and the extracts no page has any more outgrow a fifth of it. An extract is a function of
the bytes alone, so a kept one is never out of date; only pages with no kept extract are read and parsed.
(The files themselves are read and written by govsite.inspection.run.)"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from govsite.inspection.extract import PageExtract, split

KEPT_FORMAT = 1
DELTA_SHARE = 5  # the delta (with the extracts no page has any more) is rewritten whole past 1/5


@dataclass(frozen=True)
class Kept:
    """The extracts read from the cache folder: the whole set of some build, and the delta since."""

    base: Mapping[bytes, PageExtract] = field(default_factory=dict)
    delta: Mapping[bytes, PageExtract] = field(default_factory=dict)

    def get(self, digest: bytes) -> PageExtract | None:
        found = self.delta.get(digest)
        return found if found is not None else self.base.get(digest)


def kept_header(code: str, base_path: str) -> tuple[object, ...]:
    """What a kept file must have been written for: this govsite (its code's digest) and this base path."""
    return ("govsite-inspection", KEPT_FORMAT, code, base_path)


@dataclass(frozen=True)
class ToWrite:
    """What to write back: `base` (None: leave the file as it is) and `delta` (None: leave it; empty: none)."""

    base: dict[bytes, PageExtract] | None
    delta: dict[bytes, PageExtract] | None


def to_write(kept: Kept, fresh: Mapping[bytes, PageExtract], live: Collection[bytes]) -> ToWrite:
    """After a crawl that read the pages `fresh` (by digest) again, with `live` the digests of every page of
    the output: nothing when nothing was read, else the delta, or everything anew."""
    if not fresh:
        return ToWrite(None, None)
    delta = {digest: extract for digest, extract in kept.delta.items() if digest in live}
    delta.update((digest, extract) for digest, extract in fresh.items() if digest in live)
    stale = sum(1 for digest in kept.base if digest not in live)
    if kept.base and (len(delta) + stale) * DELTA_SHARE <= len(live):
        return ToWrite(None, split(delta))
    whole: dict[bytes, PageExtract] = {}
    for digest in live:
        extract = delta.get(digest) or kept.base.get(digest)
        if extract is not None:
            whole[digest] = extract
    return ToWrite(split(whole), {})
