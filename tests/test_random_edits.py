"""Incremental builds equal clean builds, byte for byte, after every one of many random edits of every kind.

Both engines are driven through their public entry points only: the preview (`govsite.serve.rebuild`, memos
kept between builds, only changed files written, drafts and future documents shown) and the command line's
build cache (`govsite.build.build` with `BuildRequest(cache=True)` into the same folder, as `govsite build`
does). After each edit (tests/random_edits.py: a title, body, date, metadata, a new document, a deletion, a
rename or move, a template override, a data/ file, site.yaml, a static file, an attachment, `--now` moving
forward, and a site made invalid and then valid again), the engine's output is compared with a clean build
of the same site with the same options and clock into an empty folder (search off: pagefind/ is not
reproducible). A broken site must fail in both, leave the engine's output as it was, and the first good build
after it must again equal a clean build.

One case per (engine, kind of edit), so that `pytest -n 2` shares them: each applies EDITS_PER_CASE (34) edits
of its kind, and after every second one an edit of another kind (each in turn), so that kinds also meet: 51
edits of every kind per engine (714 per engine), 102 of every kind in all. GOVSITE_RANDOM_EDITS=N runs N edits
of each kind per case instead (a longer run). The sites and outputs live in /dev/shm where it exists.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from equivalence import ENGINES, Engine, Reference, Series
from random_edits import EDITS
from random_site import make_random_site

EDITS_PER_CASE = int(os.environ.get("GOVSITE_RANDOM_EDITS", "34"))
KINDS = (*EDITS, "invalid")


@pytest.fixture
def work(tmp_path: Path) -> Iterator[Path]:
    """A folder in memory (/dev/shm) where there is one: the builds write and remove thousands of files, and
    on a disk that is most of their time; else the test's own temporary folder."""
    memory = Path("/dev/shm")
    if not (memory.is_dir() and os.access(memory, os.W_OK)):
        yield tmp_path
        return
    folder = Path(tempfile.mkdtemp(prefix="govsite-random-edits-", dir=memory))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("engine_name", sorted(ENGINES))
def test_random_edits_equal_clean_builds(engine_name: str, kind: str, work: Path) -> None:
    seed = 20261127 + KINDS.index(kind) * 10 + sorted(ENGINES).index(engine_name)
    site = make_random_site(work / "site", seed)
    engine: Engine = ENGINES[engine_name](work / "out")
    series = Series(site, engine, Reference(work / "clean", engine.shows_everything))
    series.check("first build", "the site as made")
    others = [k for k in KINDS if k != kind]
    for count in range(1, EDITS_PER_CASE + 1):
        # after every second edit of this kind, one of each other kind in turn (every kind meets every other)
        edits = [kind] + ([others[(count // 2 + KINDS.index(kind)) % len(others)]] if count % 2 == 0 else [])
        for each in edits:
            if each == "invalid":
                series.broken()
            else:
                series.check(each, EDITS[each](site))
    assert sum(line.split(": ")[1] == kind for line in series.done) >= EDITS_PER_CASE
