"""The TODO markers left in a site's own files (site.yaml, data/*.yaml, content/**/*.md): what `govsite init`
and `govsite new` ask the editor to fill in, reported by `govsite check` one line each."""

from __future__ import annotations

from pathlib import Path

from govsite.errors import Diagnostic, warning

MARKER = "TODO"
EXCERPT = 60


def todo_findings(site: Path) -> tuple[Diagnostic, ...]:
    """A warning for every line of the site's source files that still says TODO, in path order."""
    sources = [site / "site.yaml", *sorted((site / "data").rglob("*.yaml")), *sorted((site / "content").rglob("*.md"))]
    return tuple(finding for path in sources if path.is_file() for finding in _file_todos(site, path))


def _file_todos(site: Path, path: Path) -> list[Diagnostic]:
    rel = path.relative_to(site).as_posix()
    text = path.read_bytes().decode("utf-8", errors="replace")
    return [warning(rel, number, f"TODO left to fill in: {_excerpt(line)}",
                    "replace the TODO with what it asks for (and delete the TODO), then run govsite check again")
            for number, line in enumerate(text.splitlines(), 1) if MARKER in line]


def _excerpt(line: str) -> str:
    text = line.strip().lstrip("#").strip()
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"
