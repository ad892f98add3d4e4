"""A build into the output folder: with the cache (govsite.lookback says whether there is anything to do,
govsite.cached does it) or without it (govsite.uncached), decided here and only here.

The stages are imported only when there is something to make (inside `build`): a build with nothing to do
loads none of them, and answers in a fraction of a second (they take longer to import than it takes to look).
"""

from __future__ import annotations

import json

from govsite.lookback import look_back, unchanged_result
from govsite.outlock import output_lock
from govsite.request import BuildRequest, BuildResult, BuildRuntime, gc_paused


def build(request: BuildRequest, runtime: BuildRuntime | None = None) -> BuildResult:
    """Build the site into `request.out`; on any error nothing is written. One build at a time writes into
    a folder (govsite.outlock): another waits."""
    runtime = runtime if runtime is not None else BuildRuntime()
    with output_lock(request.out, runtime.notify):
        if not request.cache:
            from govsite.uncached import uncached_build
            return uncached_build(request, runtime)
        timings: list[tuple[str, float]] = []
        with gc_paused():  # the record holds some 40,000 stamps at 10,000 documents, none of them in cycles
            last = look_back(request, timings)
            unchanged = unchanged_result(request, last, timings)
        if unchanged is not None:
            return unchanged
        from govsite.cached import cached_build
        return cached_build(request, runtime, last, timings)


def summary_json(result: BuildResult) -> str:
    """The build summary as JSON (for tools)."""
    return json.dumps({"ok": result.ok, "published": result.published, "files": result.files,
                       "held": [{"path": h.path, "reason": h.reason} for h in result.held]}, ensure_ascii=False)
