"""Memoisation across rebuilds: a value computed in the last build is reused when its inputs are equal.

A `Memo` keeps exactly the entries the last build used (older ones are dropped), so memory stays bounded
by one build. A value is reused only when its full inputs are equal to last time's, never on a hash alone.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from govsite.content.parse import Parsed
from govsite.markdown import Rendered

V = TypeVar("V")


@dataclass
class Memo(Generic[V]):
    """Values by slot (a source path, a page path): reused while the slot's inputs stay equal.

    Looking up by a short slot and comparing the inputs for equality avoids hashing large values (a page's
    whole view) on every build; equal inputs that are the very same objects compare at once.
    """

    previous: dict[Hashable, tuple[object, V]] = field(default_factory=dict)
    current: dict[Hashable, tuple[object, V]] = field(default_factory=dict)
    hits: int = 0
    misses: int = 0

    def get(self, slot: Hashable, inputs: object, compute: Callable[[], V]) -> V:
        """The value for `slot`, computed only when the last build's inputs for it differ."""
        found = self.current.get(slot) or self.previous.get(slot)
        if found is not None and found[0] == inputs:
            value = found[1]
            self.hits += 1
        else:
            value = compute()
            self.misses += 1
        self.current[slot] = (inputs, value)
        return value

    def advance(self) -> None:
        """End of a build: keep what it used, forget the rest."""
        self.previous, self.current = self.current, {}
        self.hits = self.misses = 0


@dataclass
class BuildMemo:
    """The memos kept between builds: in memory by govsite serve, on disk by the build cache.

    `pages` holds whole pages in memory (the preview); the build cache has none and reuses the last
    output's files instead (govsite.output.reuse).
    """

    parsed: Memo[Parsed] = field(default_factory=Memo)
    bodies: Memo[Rendered] = field(default_factory=Memo)
    pages: Memo[bytes] | None = field(default_factory=Memo)

    def advance(self) -> None:
        for memo in (self.parsed, self.bodies, self.pages):
            if memo is not None:
                memo.advance()

    @property
    def missed(self) -> bool:
        """Whether the last build computed anything new (or used fewer values) in the parse and body memos."""
        return any(m.misses or len(m.current) != len(m.previous) for m in (self.parsed, self.bodies))
