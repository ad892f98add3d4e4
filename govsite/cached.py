"""The build with a cache, when there is something to do (govsite.lookback answers a build with nothing to
do): only what changed is made again.

The whole site is validated again (every check runs on every build), reusing parsed documents and rendered
bodies whose sources are unchanged, and pages whose values are unchanged are linked from the last output
instead of rendered. The staging folder still holds the build before last (it was kept when the last build
swapped in), so only the files that differ from it are written before the swap.

The output is byte for byte what a clean build writes (tests/test_incremental.py checks it edit after edit).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from govsite.cache import (
    CacheRecord,
    Stamp,
    digest_bytes,
    digest_file,
    output_folders,
    stamp_output,
    stamp_updated,
)
from govsite.lookback import LastBuild
from govsite.memo import BuildMemo
from govsite.memofiles import MemoFiles
from govsite.output.ports import OutputPlan, PageKey
from govsite.pipeline import prepare
from govsite.request import BuildRequest, BuildResult, BuildRuntime, gc_paused, timed
from govsite.templates import compiled_on_disk
from govsite.write import StageWriter, finished, stage_dir, swap_in, update_stage, write_plan


def cached_build(request: BuildRequest, runtime: BuildRuntime, last: LastBuild,
                 timings: list[tuple[str, float]]) -> BuildResult:
    """Build `request.out` with the cache beside it (`last`: govsite.lookback found something to do), and
    renew the cache."""
    with gc_paused():  # loading and saving the cache makes millions of objects, none of them in cycles
        record = last.record
        stage = stage_dir(request.out)
        spare_stamps = record.spare if record is not None and last.whole and stage.is_dir() else None
        spare = {rel: stamp.digest for rel, stamp in spare_stamps.items()} if spare_stamps is not None else None
        current = {rel: record.output[rel].digest for rel in last.trusted} if record is not None else {}
        # once the staging folder starts to change, a build killed midway must leave no cache behind
        writer = StageWriter(stage, request.out, spare, current, before_first=last.files.forget)
        return finished(writer, lambda: _update(request, runtime, last, spare_stamps, writer, timings),
                        lambda result: result.ok)


def _update(request: BuildRequest, runtime: BuildRuntime, last: LastBuild, spare_stamps: Mapping[str, Stamp] | None,
            writer: StageWriter, timings: list[tuple[str, float]]) -> BuildResult:
    """Build into the staging folder with the last build's memo and pages, swap it in, keep the cache."""
    record, files, spare, trusted = last.record, last.files, writer.spare, last.trusted
    memos = MemoFiles(files)
    with timed(timings, "cache load"):
        memo = memos.load(last.key) if record is not None else BuildMemo()
    recorded = memo.recorded
    if recorded is not None:  # only pages whose file is still there can be kept
        memo.recorded = replace(recorded, pages={
            rel: page for rel, page in recorded.pages.items()
            if rel in trusted or (spare is not None and spare.get(rel) == page.output)})
    # compiled templates from the second build on (a first build leaves nothing beside the output on errors)
    compiled = compiled_on_disk(files.folder / "templates", last.key[0]) if record is not None else None
    result, plan = prepare(request, replace(runtime, memo=memo, sink=writer, compiled=compiled))
    timings = [*timings, *result.timings]
    window = result.window
    if plan is None or window is None:
        return replace(result, timings=tuple(timings), notes=tuple(files.notes))
    with timed(timings, "write"):
        digests = output_digests(plan, last.inputs, request.site)
        result = replace(result, built=replace(result.built, output=digests)) if result.built else result
        if spare is not None:
            update_stage(plan, writer, digests)
        else:
            write_plan(plan, writer.stage, request.out, writer)
    if request.search:
        from govsite.search import build_index
        with timed(timings, "search"):
            build_index(writer.stage, request.out, report=runtime.progress.stage("indexing search parts"),
                        groups=plan.search_groups)
    with timed(timings, "swap"):
        kept = swap_in(writer.stage, request.out, keep_previous=True)
    with timed(timings, "cache save"):
        memo.recorded = plan.recorded
        memos.save(memo, last.key)
        last.files.save(_record(request.out, last, spare_stamps, plan, digests, writer, kept,
                                replace(result, timings=(), built=None), window))
    return replace(result, timings=tuple(timings), notes=tuple(files.notes))


def _record(out: Path, last: LastBuild, spare: Mapping[str, Stamp] | None, plan: OutputPlan,
            digests: dict[str, bytes], writer: StageWriter, kept: bool, result: BuildResult,
            window: tuple[datetime, datetime]) -> CacheRecord:
    """This build's record for the next one (saved after its memos)."""
    record = last.record
    spare_next = record.output if record and last.whole and kept else None
    if spare is not None and kept:  # the output was the spare folder, updated: stat what changed
        stamps = stamp_updated(out, digests, spare, writer.touched | plan.written.keys())
    else:
        stamps = stamp_output(out, digests)
    return CacheRecord(last.key, last.inputs, last.taken_ns, window, stamps, spare_next, result,
                       output_folders(out, stamps))


def output_digests(plan: OutputPlan, inputs: Mapping[str, Stamp], site: Path) -> dict[str, bytes]:
    """The digest of every file the plan makes: pages by their key, copies by their source's hash."""
    digests: dict[str, bytes] = {}  # b"": not known (a first build's pages), never equal to a digest
    keys: Mapping[str, PageKey] = plan.keys
    for rel, data in plan.files.items():
        page = keys.get(rel)
        digests[rel] = page.output if page is not None else digest_bytes(data)
    for rel, page in plan.kept.items():
        digests[rel] = page.output
    digests.update(plan.written)
    for rel, source in plan.copies.items():
        try:
            stamp = inputs.get(source.relative_to(site).as_posix())
        except ValueError:  # a theme file of govsite itself
            stamp = None
        digests[rel] = stamp.digest if stamp is not None and stamp.digest else digest_file(source)
    return digests
