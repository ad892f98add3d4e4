"""Whether the command line's build has anything to do: the last build's record (govsite.cache) against this
build's inputs, options and output folder.

Nothing changed (same input hashes, options and govsite, `now` inside the last output's stable window, the
output folder exactly as written): the last result is reported again and nothing is touched. This module and
what it imports are all such a build loads (no stage of the build, no Jinja): it answers in a fraction of a
second at 10,000 documents. Anything else is govsite.cached's work, with the `LastBuild` found here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from govsite.cache import (
    CacheFiles,
    CacheRecord,
    Stamp,
    cache_dir,
    cache_key,
    folders_settled,
    output_folders,
    same_inputs,
    snapshot_inputs,
    trusted_output,
)
from govsite.request import BuildRequest, BuildResult, timed


@dataclass(frozen=True)
class LastBuild:
    """What the cache says of the last build, and this build's look at its inputs and its output folder."""

    key: tuple[str, ...]  # request_key of this build
    files: CacheFiles
    record: CacheRecord | None
    inputs: dict[str, Stamp]
    taken_ns: int
    trusted: frozenset[str]  # the output files still exactly as the last build wrote them
    whole: bool  # the output folder is exactly as the last build left it


def request_key(request: BuildRequest) -> tuple[str, ...]:
    """What, besides the inputs and `now`, decides the output."""
    options = request.options
    return cache_key((str(request.out.resolve()), str(request.site.resolve()), request.base_url or "",
                      f"strict={request.strict}", f"search={request.search}", f"drafts={options.drafts}",
                      f"future={options.future}", f"unreviewed={options.unreviewed}"))


def look_back(request: BuildRequest, timings: list[tuple[str, float]]) -> LastBuild:
    """The last build's record (when it was of the same request) and this build's inputs and output folder."""
    files = CacheFiles(cache_dir(request.out))
    key = request_key(request)
    with timed(timings, "cache check"):
        record = files.load_record(key)
        inputs, taken_ns = snapshot_inputs(request.site, record)
        trusted, whole = trusted_output(record, request.out) if record else (frozenset(), False)
    return LastBuild(key, files, record, inputs, taken_ns, trusted, whole)


def unchanged_result(request: BuildRequest, last: LastBuild, timings: list[tuple[str, float]]) -> BuildResult | None:
    """The last build's result again when nothing changed, else None. Touched files' new stamps are kept (so
    that they are not hashed again), and the output's folders seen again while they were too recently changed
    to be trusted by their time alone (govsite.cache.folders_settled)."""
    record = last.record
    if record is None or not isinstance(record.summary, BuildResult) \
            or not _still_right(record, request, last.inputs, last.whole):
        return None
    settled = folders_settled(record)
    if record.inputs != last.inputs or not settled:
        folders = record.folders if settled else output_folders(request.out, record.output)
        last.files.save(replace(record, inputs=last.inputs, taken_ns=last.taken_ns, folders=folders))
    return replace(record.summary, timings=tuple(timings), notes=tuple(last.files.notes), unchanged=True)


def _still_right(record: CacheRecord, request: BuildRequest, inputs: Mapping[str, Stamp], whole: bool) -> bool:
    now = request.options.now
    return whole and same_inputs(record, inputs) and record.window[0] <= now < record.window[1] \
        and (not request.search or (request.out / "pagefind").is_dir())
