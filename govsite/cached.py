"""The build with a cache: nothing to do when nothing changed, otherwise only what changed is made again.

1. Nothing changed (same input hashes, options and govsite, `now` inside the last output's stable window,
   the output folder exactly as written): the last result is reported again and nothing is touched.
2. Otherwise the whole site is validated again (every check runs on every build), reusing parsed documents
   and rendered bodies whose sources are unchanged, and pages whose values are unchanged are linked from the
   last output instead of rendered. The staging folder still holds the build before last (it was kept
   when the last build swapped in), so only the files that differ from it are written before the swap.

The output is byte for byte what a clean build writes (tests/test_incremental.py checks it edit after edit).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from govsite.cache import (
    CacheFiles,
    CacheRecord,
    Stamp,
    cache_dir,
    cache_key,
    digest_bytes,
    digest_file,
    same_inputs,
    snapshot_inputs,
    stamp_output,
    stamp_updated,
    trusted_output,
)
from govsite.memo import BuildMemo
from govsite.output.ports import OutputPlan, PageKey
from govsite.pipeline import BuildRequest, BuildResult, BuildRuntime, gc_paused, prepare, timed
from govsite.templates import compiled_on_disk
from govsite.write import StageWriter, finished, stage_dir, swap_in, update_stage, write_plan


def request_key(request: BuildRequest) -> tuple[str, ...]:
    """What, besides the inputs and `now`, decides the output."""
    options = request.options
    return cache_key((str(request.out.resolve()), str(request.site.resolve()), request.base_url or "",
                      f"strict={request.strict}", f"search={request.search}", f"drafts={options.drafts}",
                      f"future={options.future}", f"unreviewed={options.unreviewed}"))


def _still_right(record: CacheRecord, request: BuildRequest, inputs: Mapping[str, Stamp], whole: bool) -> bool:
    now = request.options.now
    return whole and same_inputs(record, inputs) and record.window[0] <= now < record.window[1] \
        and (not request.search or (request.out / "pagefind").is_dir())


def cached_build(request: BuildRequest, runtime: BuildRuntime) -> BuildResult:
    """Build `request.out`, using and then renewing the cache beside it."""
    with gc_paused():  # loading and saving the cache makes millions of objects, none of them in cycles
        return _cached_build(request, runtime)


@dataclass(frozen=True)
class _Last:
    """What the cache says of the last build, and this build's look at its inputs."""

    key: tuple[str, ...]  # request_key of this build
    files: CacheFiles
    record: CacheRecord | None
    inputs: dict[str, Stamp]
    taken_ns: int
    whole: bool  # the output folder is exactly as the last build left it
    spare: Mapping[str, Stamp] | None  # the staging folder's files (the build before last), when it is usable


def _cached_build(request: BuildRequest, runtime: BuildRuntime) -> BuildResult:
    timings: list[tuple[str, float]] = []
    files = CacheFiles(cache_dir(request.out))
    key = request_key(request)
    with timed(timings, "cache check"):
        record = files.load_record(key)
        inputs, taken_ns = snapshot_inputs(request.site, record)
        trusted, whole = trusted_output(record, request.out) if record else (frozenset(), False)
    if record is not None and isinstance(record.summary, BuildResult) and _still_right(record, request, inputs, whole):
        if record.inputs != inputs:  # touched files: remember their new stamps so they are not hashed again
            files.save(replace(record, inputs=inputs, taken_ns=taken_ns), None)
        return replace(record.summary, timings=tuple(timings), notes=tuple(files.notes), unchanged=True)
    stage = stage_dir(request.out)
    spare_stamps = record.spare if record is not None and whole and stage.is_dir() else None
    last = _Last(key, files, record, inputs, taken_ns, whole, spare_stamps)
    spare = {rel: stamp.digest for rel, stamp in spare_stamps.items()} if spare_stamps is not None else None
    current = {rel: record.output[rel].digest for rel in trusted} if record is not None else {}
    # once the staging folder starts to change, a build killed midway must leave no cache behind
    writer = StageWriter(stage, request.out, spare, current, before_first=files.forget)
    return finished(writer, lambda: _update(request, runtime, last, trusted, writer, timings), lambda result: result.ok)


def _update(request: BuildRequest, runtime: BuildRuntime, last: _Last, trusted: frozenset[str],
            writer: StageWriter, timings: list[tuple[str, float]]) -> BuildResult:
    """Build into the staging folder with the last build's memo and pages, swap it in, keep the cache."""
    record, files, spare = last.record, last.files, writer.spare
    with timed(timings, "cache load"):
        memo = files.load_memo(last.key) if record is not None else BuildMemo()
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
        _save(request.out, last, plan, digests, writer, kept, memo, replace(result, timings=(), built=None), window)
    return replace(result, timings=tuple(timings), notes=tuple(files.notes))


def _save(out: Path, last: _Last, plan: OutputPlan, digests: dict[str, bytes], writer: StageWriter, kept: bool,
          memo: BuildMemo, result: BuildResult, window: tuple[datetime, datetime]) -> None:
    """Keep this build's record (and its memo, from the second build on) for the next one."""
    record = last.record
    spare_next = record.output if record and last.whole and kept else None
    if last.spare is not None and kept:  # the output was the spare folder, updated: stat what changed
        stamps = stamp_updated(out, digests, last.spare, writer.touched | plan.written.keys())
    else:
        stamps = stamp_output(out, digests)
    memo.recorded = plan.recorded
    last.files.save(CacheRecord(last.key, last.inputs, last.taken_ns, window, stamps, spare_next, result), memo)


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
