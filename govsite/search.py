"""The search index: Pagefind's extended build (Chinese segmentation) over the staged output."""

from __future__ import annotations

import asyncio
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path


async def _index(folder: Path) -> int:
    from pagefind.index import IndexConfig, PagefindIndex

    # the index is written once, by the context manager's exit, to the configured output path
    config = IndexConfig(verbose=False, output_path=str(folder / "pagefind"))
    async with PagefindIndex(config=config) as index:
        result = await index.add_directory(str(folder))
    return int(result.get("page_count", 0)) if isinstance(result, dict) else 0


def build_index(folder: Path) -> int:
    """Index every page marked `data-pagefind-body` in `folder` into `folder/pagefind`; the page count."""
    target = folder / "pagefind"
    if target.exists():
        shutil.rmtree(target)
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(_index(folder))
    # called from code that runs an event loop in this thread (a host program, a test): use another thread
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(_index(folder))).result()
