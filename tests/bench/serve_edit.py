"""Preview rebuild timing: ``python tests/bench/serve_edit.py SITE`` prints the seconds govsite serve takes
for its first build, after one document's title is saved, and after a save that changes nothing.

It drives govsite.serve.rebuild in this process exactly as the server does (memos kept between builds,
only changed files written); the edited document is restored afterwards.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

from govsite.memo import BuildMemo
from govsite.serve import PreviewState, rebuild

NOW = "2026-11-27T12:00:00+08:00"


def main(site: Path) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="govsite-serve-bench-") as temp:
        return _timed(site, Path(temp) / "site")


def _timed(site: Path, out: Path) -> dict[str, float]:
    out.mkdir()
    state, memo = PreviewState(), BuildMemo()
    times = {"first": rebuild(site, out, state, memo, NOW, search=False, workers=True)}  # as the server's first
    document = sorted((site / "content").rglob("*.md"))[len(list((site / "content").rglob("*.md"))) // 2]
    original = document.read_text(encoding="utf-8")
    try:
        document.write_text(original.replace("title: ", "title: 修改后的", 1), encoding="utf-8")
        start = time.perf_counter()
        rebuild(site, out, state, memo, NOW, search=False)
        times["one edit"] = time.perf_counter() - start
        assert not state.errors, state.errors
        times["no change"] = rebuild(site, out, state, memo, NOW, search=False)
    finally:
        document.write_text(original, encoding="utf-8")
    return times


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]))))
