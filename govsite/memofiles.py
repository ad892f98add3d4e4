"""The build cache's memos beside an output folder: parsed documents, rendered bodies and wording findings
(`memo.pickle` + `memo-delta.pickle`), and what the last build's pages read (`pages.pickle`).

Only a build with something to do loads them: whether there is anything to do is the record's question
(govsite.cache), answered without importing the stages these memos hold values of. The memos are kept as a
base file and a small delta file: a build that computed a few documents anew (an edit) writes only those
into the delta; the base is written again when the delta grows past a fifth.
"""

from __future__ import annotations

import pickle
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import Any

from govsite.cache import UNREADABLE, CacheFiles
from govsite.memo import BuildMemo, Memo
from govsite.output.ports import Recorded

MEMOS = 3  # parsed documents, rendered bodies, wording findings (govsite.memo.BuildMemo)
MEMO_MAGIC = "govsite-memo"
MEMO_FILES = ("memo.pickle", "memo-delta.pickle", "pages.pickle")


@dataclass
class MemoFiles:
    """The memo files of one cache folder (`files`), and what loading them found."""

    files: CacheFiles
    has_base: bool = False
    delta_slots: tuple[frozenset[Hashable], ...] = (frozenset(),) * MEMOS

    def load(self, key: tuple[str, ...]) -> BuildMemo:
        """The memos of the last build with the same key (empty when there are none)."""
        base = self._load_memo("memo.pickle", key)
        if base is None:
            return BuildMemo(recorded=self._load_recorded(key))
        self.has_base = True
        delta = self._load_memo("memo-delta.pickle", key)
        if delta is not None:
            for memo, more in zip(base, delta, strict=True):
                memo.update(more)
            self.delta_slots = tuple(frozenset(more) for more in delta)
        parsed, bodies, wording = base
        return BuildMemo(Memo(previous=parsed), Memo(previous=bodies), self._load_recorded(key),
                         Memo(previous=wording))

    def _load_recorded(self, key: tuple[str, ...]) -> Recorded | None:
        """What the last build's pages read (with the same key), or None."""
        found = self.files.read("pages.pickle")
        if isinstance(found, tuple) and len(found) == 2 and found[0] == key and isinstance(found[1], Recorded):
            return found[1]
        return None

    def _load_memo(self, name: str, key: tuple[str, ...]) -> tuple[dict[Hashable, Any], ...] | None:
        """A memo file: a header (its key and the number of documents), then one small pickle per document
        with its entry in each memo (pickled one by one, so that neither writing nor reading holds a memo
        of the whole at once)."""
        path = self.files.folder / name
        if not path.is_file():
            return None
        memos: tuple[dict[Hashable, Any], ...] = tuple({} for _ in range(MEMOS))
        try:
            with path.open("rb") as stream:
                header = pickle.load(stream)
                if not (isinstance(header, tuple) and len(header) == 3 and header[:2] == (MEMO_MAGIC, key)):
                    return None
                for _ in range(int(header[2])):
                    slot, *entries = pickle.load(stream)
                    for memo, entry in zip(memos, entries, strict=True):
                        if entry is not None:
                            memo[slot] = entry
        except UNREADABLE as problem:
            self.files.unreadable(path, problem)
            return None
        return memos

    def _dump_memo(self, name: str, key: tuple[str, ...], memos: tuple[Mapping[Hashable, Any], ...]) -> None:
        slots = list(dict.fromkeys(slot for memo in memos for slot in memo))
        self.files.write(name, (MEMO_MAGIC, key, len(slots)),
                   *((slot, *(memo.get(slot) for memo in memos)) for slot in slots))

    def save(self, memo: BuildMemo, key: tuple[str, ...]) -> None:
        """Keep the memos (what was computed anew, when a delta will do) and the pages' reads."""
        self.files.folder.mkdir(parents=True, exist_ok=True)
        if memo.missed:
            self._save_memo(memo, key)
        if memo.recorded is not None:
            self.files.write("pages.pickle", (key, memo.recorded))

    def drop(self) -> None:
        """Remove the memo files (a build that keeps none)."""
        for name in MEMO_FILES:
            (self.files.folder / name).unlink(missing_ok=True)

    def _save_memo(self, memo: BuildMemo, key: tuple[str, ...]) -> None:
        memos: tuple[Memo[Any], ...] = (memo.parsed, memo.bodies, memo.wording)
        fresh = [(m.computed | slots) & m.current.keys() for m, slots in zip(memos, self.delta_slots, strict=True)]
        if self.has_base and sum(map(len, fresh)) * 5 <= sum(len(m.current) for m in memos):
            self._dump_memo("memo-delta.pickle", key, tuple({slot: m.current[slot] for slot in slots}
                                                            for m, slots in zip(memos, fresh, strict=True)))
            return
        (self.files.folder / "memo-delta.pickle").unlink(missing_ok=True)
        self._dump_memo("memo.pickle", key, tuple(m.current for m in memos))
