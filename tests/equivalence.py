"""The two incremental engines, driven through their public entry points, and the clean build they must equal.

`Preview` is govsite serve (`govsite.serve.rebuild`, memos kept between builds, only changed files written,
drafts and future documents shown); `CommandLine` is govsite build with its cache (`govsite.build.build` with
`BuildRequest(cache=True)` into the same folder). `Reference` builds the same site with the same options and
clock into an empty folder, without cache or memo (its compiled templates aside: its own in-memory cache,
which Jinja checks against each template's source). `Series.check` builds after an edit and compares byte for
byte, naming the edit and the files that differ; `Series.broken` breaks the site, checks that both fail and
that the engine's output stays as it was, and mends it. Used by tests/test_random_edits.py and
tests/test_incremental.py.
"""

from __future__ import annotations

import difflib
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from helpers import build_request, tree_digest
from random_breaks import WHILE_BROKEN, break_site
from random_edits import EDITS
from random_site import RandomSite

from govsite.build import build
from govsite.memo import BuildMemo
from govsite.request import BuildRuntime
from govsite.serve import PreviewState, rebuild
from govsite.templates import CompiledInMemory


class Engine(Protocol):
    """An incremental engine building the site into its own folder; `build` returns its errors."""

    out: Path
    shows_everything: bool  # drafts, future and unreviewed documents shown (the preview)

    def build(self, site: RandomSite) -> list[str]: ...


@dataclass
class Preview:
    """govsite serve: one rebuild per save, with the memos it keeps."""

    out: Path
    shows_everything: bool = True
    state: PreviewState = field(default_factory=PreviewState)
    memo: BuildMemo = field(default_factory=BuildMemo)

    def build(self, site: RandomSite) -> list[str]:
        self.out.mkdir(exist_ok=True)
        rebuild(site.root, self.out, self.state, self.memo, site.now_text, search=False)
        return list(self.state.errors)


@dataclass
class CommandLine:
    """govsite build with its cache beside the output folder, into the same folder every time."""

    out: Path
    shows_everything: bool = False
    builds: int = 0

    def build(self, site: RandomSite) -> list[str]:
        result = build(build_request(site.root, self.out, now=site.now_text, search=False, cache=True))
        self.builds += 1
        if result.ok and self.builds % 7 == 0:  # now and then, a build with nothing changed: kept as it is
            again = build(build_request(site.root, self.out, now=site.now_text, search=False, cache=True))
            assert again.ok and again.unchanged, "a build right after a good one, with nothing changed, did work"
        return [d.format() for d in result.diagnostics if d.is_error]


ENGINES = {"preview": Preview, "command line": CommandLine}


@dataclass
class Reference:
    """Clean builds of the site into an empty folder, with the engine's options."""

    out: Path
    shows_everything: bool
    compiled: CompiledInMemory = field(default_factory=CompiledInMemory)

    def build(self, site: RandomSite) -> dict[str, str] | list[str]:
        """The digests of a clean build's files, or its errors."""
        shutil.rmtree(self.out, ignore_errors=True)
        every = self.shows_everything
        request = build_request(site.root, self.out, now=site.now_text, drafts=every, future=every,
                                unreviewed=every, search=False)
        result = build(request, BuildRuntime(workers=False, compiled=self.compiled))
        if not result.ok:
            return [d.format() for d in result.diagnostics if d.is_error]
        return tree_digest(self.out)


def differences(engine: Path, clean: Path, got: dict[str, str], want: dict[str, str]) -> str:
    """The files that differ, by name, and the first lines that differ in the first of them."""
    extra = sorted(got.keys() - want.keys())
    missing = sorted(want.keys() - got.keys())
    changed = sorted(rel for rel in got.keys() & want.keys() if got[rel] != want[rel])
    lines = [f"  only in the engine's output: {extra[:10]}", f"  missing from it: {missing[:10]}",
             f"  different: {changed[:10]}"]
    if changed:
        old, new = (_lines(folder / changed[0]) for folder in (clean, engine))
        diff = difflib.unified_diff(old, new, f"clean/{changed[0]}", f"engine/{changed[0]}", lineterm="", n=1)
        lines += ["  " + line[:200] for line in list(diff)[:24]]
    return "\n".join(lines)


def _lines(path: Path) -> list[str]:
    """A file's lines, HTML split between tags (pages are written with long lines)."""
    return path.read_text(encoding="utf-8", errors="replace").replace("><", ">\n<").splitlines()


@dataclass
class Series:
    """One engine, a clean reference beside it and the edits so far."""

    site: RandomSite
    engine: Engine
    reference: Reference
    done: list[str] = field(default_factory=list)

    def check(self, kind: str, what: str) -> None:
        """Build after an edit: the engine's output must equal the clean build's."""
        self.done.append(f"{len(self.done)}: {kind}: {what}")
        errors = self.engine.build(self.site)
        clean = self.reference.build(self.site)
        context = f"after edit {self.done[-1]} (engine {type(self.engine).__name__})"
        assert not errors, f"the engine failed {context}:\n" + "\n".join(errors)
        assert isinstance(clean, dict), f"the clean build failed {context}:\n" + "\n".join(clean)
        got = tree_digest(self.engine.out)
        assert got == clean, (f"the output differs from a clean build's {context}\n"
                              + differences(self.engine.out, self.reference.out, got, clean)
                              + "\n  edits so far (last 8):\n    " + "\n    ".join(self.done[-8:]))

    def broken(self) -> None:
        """Break the site (and maybe edit it while broken): both builds fail, the output stays; then mend it."""
        what, undo = break_site(self.site)
        before = tree_digest(self.engine.out)
        self.fails(what, before)
        if self.site.rng.random() < 0.5:
            kind = self.site.rng.choice(WHILE_BROKEN)
            what += f" then {kind}: {EDITS[kind](self.site)}"
            self.fails(what, before)
        undo()
        self.check("invalid", what + ", then mended")

    def fails(self, what: str, before: dict[str, str]) -> None:
        context = f"after edit {len(self.done)}: invalid: {what} (engine {type(self.engine).__name__})"
        assert self.engine.build(self.site), f"the engine built a broken site {context}"
        assert isinstance(self.reference.build(self.site), list), f"the site is not broken {context}"
        assert tree_digest(self.engine.out) == before, f"a failed build changed the output {context}"
