"""The benchmark's summary table (tests/bench/run.py): one row per figure issue 15 asks for, one column per size,
and the goal the issue sets beside it; a figure the goal applies to is marked ok or OVER."""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from typing import Protocol


class Measured(Protocol):
    label: str
    documents: int
    seconds: float
    peak_mib: float
    render: float | None
    stages: float | None


class Compared(Protocol):
    documents: int

    @property
    def govsite(self) -> Sequence[Measured]: ...

    @property
    def hugo(self) -> Sequence[Measured]: ...

    def ratio(self) -> float: ...


Limit = Callable[[int], float | None]  # the goal in seconds at a size (None: no goal there)


def _at_10k(seconds: float) -> Limit:
    return lambda n: seconds if n == 10_000 else None


def _serve_edit(n: int) -> float | None:
    return {10_000: 1.0, 100_000: 3.0}.get(n)


# (row, result label, goal in words, goal in seconds by size)
BUILD_ROWS: list[tuple[str, str, str, Limit]] = [
    ("cold build", "cold", "", lambda n: None),
    ("first rebuild after a cold build (one title)", "first edit", "< 1 s at 10,000", _at_10k(1.0)),
    ("nothing changed", "no change", "< 0.5 s at 10,000", _at_10k(0.5)),
    ("one title edited", "title", "< 1 s at 10,000", _at_10k(1.0)),
    ("one body edited", "body", "< 1 s at 10,000", _at_10k(1.0)),
    ("one date edited", "date", "< 1 s at 10,000", _at_10k(1.0)),
]
SERVE_ROWS: list[tuple[str, str, str, Limit]] = [
    ("first build (every core)", "first", "", lambda n: None),
    ("one title saved", "title", "< 1 s at 10,000, < 3 s at 100,000", _serve_edit),
    ("one body saved", "body", "< 1 s at 10,000, < 3 s at 100,000", _serve_edit),
    ("one date saved", "date", "< 1 s at 10,000, < 3 s at 100,000", _serve_edit),
    ("a template edit", "template", "≤ a clean build's render stage", lambda n: None),  # limit: see below
    ("the template edit undone", "template undone", "≤ a clean build's render stage", lambda n: None),
    ("a save that changes nothing", "no change", "", lambda n: None),
]


def _cell(seconds: float, limit: float | None, peak: float | None = None, stages: float | None = None) -> str:
    text = f"{seconds:.2f} s" + (f" (stages {stages:.2f})" if stages is not None else "") \
        + (f", {peak:.0f} MiB" if peak else "")
    return text + ("" if limit is None else " ok" if seconds < limit or seconds == limit else " OVER")


def print_summary(results: Sequence[Measured], comparisons: Sequence[Compared], sizes: Sequence[int]) -> None:
    """Print the summary: govsite build (no search, then with search), govsite serve, Hugo, search index."""
    found = {(r.documents, r.label): r for r in results}
    rows: list[tuple[str, list[str], str]] = []

    def add(title: str, cells: list[str], goal: str = "") -> None:
        rows.append((title, cells, goal))

    for mode in ("no-search", "search"):
        if any((n, f"{mode} cold") in found for n in sizes):
            add(f"govsite build, {'no search' if mode == 'no-search' else 'with search'}: wall (stages), peak memory", [])
        for title, key, goal, limit in BUILD_ROWS if any((n, f"{mode} cold") in found for n in sizes) else []:
            cells = [_cell(r.seconds, limit(n), r.peak_mib, r.stages) if (r := found.get((n, f"{mode} {key}"))) else "—"
                     for n in sizes]
            add("  " + title, cells, goal)
    add("govsite serve: rebuild = save → reload signal (+ 0.25 s debounce in the server)", [])
    render = {n: r.render for n in sizes if (r := found.get((n, "no-search cold"))) and r.render is not None}
    for title, key, goal, limit in SERVE_ROWS:
        cells = []
        for n in sizes:
            r = found.get((n, f"serve {key}"))
            bound = render.get(n) if key.startswith("template") else limit(n)
            cells.append(_cell(r.seconds, bound) if r else "—")
        add("  " + title, cells, goal)
    add("  a clean build's render stage (cold, no search)", [f"{render[n]:.2f} s" if n in render else "—" for n in sizes])
    add("  peak memory of the preview process",
        [f"{r.peak_mib:.0f} MiB" if (r := found.get((n, "serve first"))) else "—" for n in sizes])
    by_size = {c.documents: c for c in comparisons}
    if by_size:
        add("Hugo (cold, no search, interleaved rounds)", [])
        add("  govsite / Hugo, median wall time",
            [f"{by_size[n].ratio():.2f}" if n in by_size else "—" for n in sizes], "< 1 (0.77–0.95 at 10,000 before)")
        add("  peak memory govsite / Hugo",
            [f"{statistics.median(r.peak_mib for r in by_size[n].govsite):.0f} / "
             f"{statistics.median(r.peak_mib for r in by_size[n].hugo):.0f} MiB" if n in by_size else "—"
             for n in sizes], "as before or lower (62 MiB at 1,000, 263 at 10,000)")
    index = {(r.documents, r.label[len("index "):]): r.seconds for r in results if r.label.startswith("index ")}
    if index:
        add("search index (tests/bench/search_bench.py: seconds, peak memory)", [])
        for title, key in (("Pagefind's CLI on the written HTML", "baseline"), ("govsite's index", "govsite"),
                           ("govsite's index after one edit", "reindex_one_edit")):
            add("  " + title, [f"{index[(n, key + '_seconds')]:.2f} s, {index[(n, key + '_peak_mib')]:.0f} MiB"
                               if (n, key + "_seconds") in index and (n, key + "_peak_mib") in index else "—"
                               for n in sizes])
        add("  govsite / Pagefind", [f"{index[(n, 'ratio')]:.2f}" if (n, "ratio") in index else "—" for n in sizes])
    _print_rows(rows, sizes)
    print("wall: the whole `python -m govsite build` process; stages: the sum of its --timings stages (the rest is\n"
          "Python's start-up and the inspection of the written output for the build's summary line)")


def _print_rows(rows: list[tuple[str, list[str], str]], sizes: Sequence[int]) -> None:
    width = max(len(title) for title, cells, _ in rows if cells)
    columns = [max([len(f"{n:,} documents"), *(len(cells[k]) for _, cells, _ in rows if cells)])
               for k, n in enumerate(sizes)]
    header = f"{'':<{width}}  " + "  ".join(f"{f'{n:,} documents':>{w}}" for n, w in zip(sizes, columns, strict=True))
    print(header + "  goal (issue 15)")
    print("-" * (len(header) + 17))
    for title, cells, goal in rows:
        if not cells:
            print(title)
            continue
        print(f"{title:<{width}}  " + "  ".join(f"{c:>{w}}" for c, w in zip(cells, columns, strict=True))
              + (f"  {goal}" if goal else ""))
