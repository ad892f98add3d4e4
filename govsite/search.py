"""The search index: Pagefind's extended build (Chinese segmentation) over the staged output."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path


async def _index(folder: Path) -> int:
    from pagefind.index import IndexConfig, PagefindIndex

    config = IndexConfig(verbose=False)
    async with PagefindIndex(config=config) as index:
        result = await index.add_directory(str(folder))
        await index.write_files(output_path=str(folder / "pagefind"))
    return int(result.get("page_count", 0)) if isinstance(result, dict) else 0


def build_index(folder: Path) -> int:
    """Index every page marked `data-pagefind-body` in `folder` into `folder/pagefind`; the page count."""
    target = folder / "pagefind"
    if target.exists():
        shutil.rmtree(target)
    return asyncio.run(_index(folder))
