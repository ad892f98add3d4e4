"""Memoisation across rebuilds: a value computed in the last build is reused when its inputs are equal.

A `Memo` keeps exactly the entries the last build used (older ones are dropped), so memory stays bounded
by one build. Keys are the full inputs (frozen values compared by equality), never just a hash.
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
    """Values by their inputs, for one build and the one before it."""

    previous: dict[Hashable, V] = field(default_factory=dict)
    current: dict[Hashable, V] = field(default_factory=dict)
    hits: int = 0
    misses: int = 0

    def get(self, key: Hashable, compute: Callable[[], V]) -> V:
        """The value for `key`, computed only when the last build did not have it."""
        if key in self.current:
            return self.current[key]
        if key in self.previous:
            value = self.previous[key]
            self.hits += 1
        else:
            value = compute()
            self.misses += 1
        self.current[key] = value
        return value

    def advance(self) -> None:
        """End of a build: keep what it used, forget the rest."""
        self.previous, self.current = self.current, {}
        self.hits = self.misses = 0


@dataclass
class BuildMemo:
    """The memos a long-running process (govsite serve) keeps between builds."""

    parsed: Memo[Parsed] = field(default_factory=Memo)
    bodies: Memo[Rendered] = field(default_factory=Memo)
    pages: Memo[str] = field(default_factory=Memo)

    def advance(self) -> None:
        for memo in (self.parsed, self.bodies, self.pages):
            memo.advance()
