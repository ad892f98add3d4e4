"""What a build is asked (BuildRequest), is lent by the process running it (BuildRuntime) and answers
(BuildResult), and the helpers every build path shares (timed stages, the cycle collector paused).

Kept apart from govsite.pipeline, which imports every stage: the command line's build with nothing to do
(govsite.cached) needs only these, and a command that starts in a tenth of a second is one an editor runs
without thinking."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from govsite.errors import Diagnostic
from govsite.progress import Progress

if TYPE_CHECKING:  # types only: importing them would import the stages
    from jinja2 import BytecodeCache

    from govsite.bodies import Bodies
    from govsite.memo import BuildMemo
    from govsite.model.derived import Derived
    from govsite.model.publication import BuildOptions
    from govsite.model.site import Held, SiteModel
    from govsite.output.ports import PageSink


@dataclass(frozen=True)
class BuildRequest:
    """What to build: the command line's question (and the cache's key, govsite.cached.request_key)."""

    site: Path
    out: Path
    options: BuildOptions  # the moment the site is built for (`options.now`), and which documents it shows
    base_url: str | None = None
    strict: bool = False
    search: bool = True
    cache: bool = False  # keep a build cache beside the output folder (govsite.cached)


@dataclass(frozen=True)
class BuildRuntime:
    """How to build it: what the process running the build lends it. None of it changes the output."""

    memo: BuildMemo | None = None  # kept by long-running processes (govsite serve) between builds
    workers: bool = True  # use every core (forked workers); False in a process with other threads
    progress: Progress = field(default_factory=Progress.quiet)  # lines on a terminal (the command line's build)
    sink: PageSink | None = None  # writes pages into the staging folder as they are rendered (govsite.write)
    compiled: BytecodeCache | None = None  # compiled templates kept between builds (cache folder, preview)
    notify: Callable[[str], None] = field(default=lambda _text: None)  # hears e.g. that it waits for a build


@dataclass(frozen=True)
class Loaded:
    """Everything validated, before anything is written."""

    model: SiteModel | None
    bodies: Bodies | None
    diagnostics: tuple[Diagnostic, ...]
    derived: Derived
    window: tuple[datetime, datetime] | None = None  # how long the output stays right (govsite.model.window)
    # the serious wording errors (严重表述错误) among `diagnostics`: with no other error, `bodies` are kept so
    # that `govsite check` can still inspect the pages (each is a single-veto item there)
    serious_wording: tuple[Diagnostic, ...] = ()
    sources: Mapping[str, bytes] = field(default_factory=dict)  # each source's content digest, by path


@dataclass(frozen=True)
class Built:
    """What a build hands on to the inspection after it (govsite.inspection.run.inspect_build): the validated
    site, and every output file but the search index's with its digest (b"": not known, without the cache)."""

    loaded: Loaded
    output: Mapping[str, bytes]


@dataclass(frozen=True)
class BuildResult:
    """What a build did: pages written, documents held back, problems, stage timings."""

    ok: bool
    diagnostics: tuple[Diagnostic, ...]
    held: tuple[Held, ...] = ()
    published: int = 0
    files: int = 0
    timings: tuple[tuple[str, float], ...] = field(default_factory=tuple)
    window: tuple[datetime, datetime] | None = None
    notes: tuple[str, ...] = ()  # e.g. about the build cache
    unchanged: bool = False  # nothing to do: the cache showed the output already right
    built: Built | None = field(default=None, compare=False, repr=False)  # never kept in the cache


@contextmanager
def timed(timings: list[tuple[str, float]], stage: str) -> Iterator[None]:
    """Adds (stage, seconds) to `timings` when the block ends (govsite build --timings)."""
    start = time.perf_counter()
    yield
    timings.append((stage, time.perf_counter() - start))


@contextmanager
def gc_paused() -> Iterator[None]:
    """The cycle collector off while a build allocates millions of short-lived values (they are freed by
    reference counting; the collector would scan everything alive again and again), on again afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
