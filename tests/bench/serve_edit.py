"""Preview rebuild timing: ``python tests/bench/serve_edit.py SITE`` prints, as JSON, the seconds govsite serve
takes for its first build and for the rebuild after each save: one document's title, its body, its date, a
template edit (the site's own override of document.html, added) and undone (removed), and a save that changes
nothing; and the process's peak memory (MiB).

It drives govsite.serve.rebuild in this process exactly as the server does (memos kept between builds, only
changed files written). A rebuild ends with the reload signal to open tabs (PreviewState.publish), so its
time is the time from the save to the reload signal, less the server's wait for more saves (serve's
DEBOUNCE_SECONDS, 0.25 s) and the file watcher's own delay. The edited files are restored afterwards.
"""

from __future__ import annotations

import json
import resource
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from edits import edit_body, edit_date, edit_title, middle_policy

from govsite.memo import BuildMemo
from govsite.serve import PreviewState, rebuild
from govsite.theme_folder import builtin_theme

NOW = "2026-11-27T12:00:00+08:00"
OVERRIDE = "themes/default/templates/document.html"


def main(site: Path) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="govsite-serve-bench-") as temp:
        times = _timed(site, Path(temp) / "site")
    times["peak MiB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return times


def _timed(site: Path, out: Path) -> dict[str, float]:
    out.mkdir()
    state, memo = PreviewState(), BuildMemo()
    times = {"first": rebuild(site, out, state, memo, NOW, search=False, workers=True)}  # as the server's first
    document = middle_policy(site)
    original = document.read_bytes()
    override = site / OVERRIDE
    template = (builtin_theme() / "templates/document.html").read_text(encoding="utf-8")

    def add_override() -> None:
        override.parent.mkdir(parents=True, exist_ok=True)
        override.write_text(template.replace("{% block content %}", "{% block content %}<p>模板已修改</p>", 1),
                            encoding="utf-8")

    saves: list[tuple[str, Callable[[], None]]] = [
        ("title", lambda: edit_title(document, 1)), ("body", lambda: edit_body(document, 1)),
        ("date", lambda: edit_date(document)), ("template", add_override),
        ("template undone", lambda: override.unlink()), ("no change", lambda: None)]
    try:
        for label, save in saves:
            save()
            times[label] = rebuild(site, out, state, memo, NOW, search=False)
            assert not state.errors, (label, state.errors)
    finally:
        document.write_bytes(original)
        override.unlink(missing_ok=True)
    return times


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]))))
