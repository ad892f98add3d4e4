"""A build into the output folder: the stages (govsite.pipeline), then write → index → swap; with the cache
(govsite.cached) or without it, decided here and only here."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from govsite.cached import cached_build
from govsite.outlock import output_lock
from govsite.pipeline import BuildRequest, BuildResult, BuildRuntime, prepare, timed
from govsite.write import StageWriter, finished, stage_dir, swap_in, write_plan


def build(request: BuildRequest, runtime: BuildRuntime | None = None) -> BuildResult:
    """Build the site into `request.out`; on any error nothing is written. One build at a time writes into
    a folder (govsite.outlock): another waits."""
    runtime = runtime if runtime is not None else BuildRuntime()
    with output_lock(request.out, runtime.notify):
        if request.cache:
            return cached_build(request, runtime)
        return _build_uncached(request, runtime)


def _build_uncached(request: BuildRequest, runtime: BuildRuntime) -> BuildResult:
    stage = stage_dir(request.out)
    writer = StageWriter(stage, request.out)
    return finished(writer, lambda: _build_with(request, replace(runtime, sink=writer), stage, writer),
                    lambda result: result.ok)


def _build_with(request: BuildRequest, runtime: BuildRuntime, stage: Path, writer: StageWriter) -> BuildResult:
    result, plan = prepare(request, runtime)
    if plan is None:
        return result
    timings = list(result.timings)
    with timed(timings, "write"):
        write_plan(plan, stage, request.out, writer)
    if request.search:
        from govsite.search import build_index
        with timed(timings, "search"):
            build_index(stage, request.out, report=runtime.progress.stage("indexing search parts"),
                        groups=plan.search_groups)
    with timed(timings, "swap"):  # includes removing the previous output
        swap_in(stage, request.out)
    return replace(result, timings=tuple(timings))


def summary_json(result: BuildResult) -> str:
    """The build summary as JSON (for tools)."""
    return json.dumps({"ok": result.ok, "published": result.published, "files": result.files,
                       "held": [{"path": h.path, "reason": h.reason} for h in result.held]}, ensure_ascii=False)
