"""Memoisation across rebuilds: a value computed in the last build is reused when its inputs are equal.

A `Memo` keeps exactly the entries the last build used (older ones are dropped), so memory stays bounded
by one build. A value is reused only when its full inputs are equal to last time's, never on a hash alone.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from govsite.content.discover import Known
from govsite.content.parse import Parsed
from govsite.errors import Diagnostic
from govsite.markdown import Rendered
from govsite.model.reuse import Moments, PerDocument
from govsite.model.site import Placed
from govsite.output.ports import Recorded

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
    computed: set[Hashable] = field(default_factory=set)  # the slots this build computed anew

    def get(self, slot: Hashable, inputs: object, compute: Callable[[], V]) -> V:
        """The value for `slot`, computed only when the last build's inputs for it differ."""
        return self.get_many([(slot, inputs, compute)], lambda jobs: [job() for job in jobs])[0]

    def get_many(self, items: Sequence[tuple[Hashable, object, Callable[[], V]]],
                 run: Callable[[list[Callable[[], V]]], list[V]]) -> list[V]:
        """The values of many slots, in order; those whose inputs changed are computed together by `run`
        (e.g. on every core, govsite.parallel.run_jobs)."""
        values: list[V | None] = [None] * len(items)
        missing = []
        for index, (slot, inputs, _compute) in enumerate(items):
            found = self.current.get(slot) or self.previous.get(slot)
            if found is not None and found[0] == inputs:
                values[index] = found[1]
                self.current[slot] = found
                self.hits += 1
            else:
                missing.append(index)
        for index, value in zip(missing, run([items[i][2] for i in missing]), strict=True):
            slot, inputs, _compute = items[index]
            values[index] = value
            self.current[slot] = (inputs, value)
            self.computed.add(slot)
            self.misses += 1
        return values  # type: ignore[return-value]

    def put(self, slot: Hashable, inputs: object, value: V) -> None:
        """Keep, as this build's value for `slot`, one computed elsewhere (in a worker) from `inputs`."""
        self.current[slot] = (inputs, value)
        self.computed.add(slot)
        self.misses += 1

    def advance(self) -> None:
        """End of a build: keep what it used, forget the rest."""
        self.previous, self.current = self.current, {}
        self.hits = self.misses = 0
        self.computed = set()


@dataclass
class BuildMemo:
    """What is kept between builds: in memory by govsite serve, on disk by the build cache. The parsed
    documents and rendered bodies by source, and what the last build's pages read (`recorded`,
    govsite.output.engine): a page none of whose reads changed is not made again."""

    parsed: Memo[Parsed] = field(default_factory=Memo)
    bodies: Memo[Rendered] = field(default_factory=Memo)
    recorded: Recorded | None = None
    wording: Memo[tuple[Diagnostic, ...]] = field(default_factory=Memo)
    # kept in memory only (govsite serve), not in the build cache: what the last discovery read, and the
    # digest of each source's bytes (reused while they are the same bytes)
    known: Known | None = None
    digests: Memo[bytes] = field(default_factory=Memo)
    # per document, while it is the same parsed value (govsite.model.reuse): its moments, and how the model
    # placed it (shown or held back, resolved, with its problems)
    moments: Moments = field(default_factory=Moments)
    placed: PerDocument[Placed] = field(default_factory=PerDocument)

    def advance(self, recorded: Recorded | None = None) -> None:
        """End of a build: keep what it used, and (a build that made its pages) what its pages read."""
        for memo in (self.parsed, self.bodies, self.wording, self.digests, self.moments, self.placed):
            memo.advance()
        if recorded is not None:
            self.recorded = recorded

    @property
    def missed(self) -> bool:
        """Whether the last build computed anything new (or used fewer values) in the parse and body memos."""
        return any(m.misses or len(m.current) != len(m.previous) for m in (self.parsed, self.bodies, self.wording))
