"""A build without the cache: the stages (govsite.pipeline), then write → index → swap."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from govsite.pipeline import prepare
from govsite.request import BuildRequest, BuildResult, BuildRuntime, timed
from govsite.write import StageWriter, finished, stage_dir, swap_in, write_plan


def uncached_build(request: BuildRequest, runtime: BuildRuntime) -> BuildResult:
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
