"""Search index benchmark: ``python tests/bench/search_bench.py OUT [--rounds N]``.

OUT is the output folder of a build without search (``govsite build --no-search``). In one run, interleaved
(baseline, govsite, baseline, govsite, ...), each on a fresh hard-linked copy of OUT:

- baseline: Pagefind's CLI (the extended binary of ``pagefind[extended]``) over the whole folder's HTML,
  as one index ("Pagefind-on-HTML");
- govsite: ``govsite.search.build_index`` in a fresh Python process (its Pagefind processes included).

Then one document page is changed and ``build_index(copy, previous)`` re-indexes the copy against the last
govsite index (only the part holding that page is indexed again).

Wall time is measured around each child process, CPU time from its rusage (with its descendants); peak memory is the largest sum of the resident sizes of
the child and all its descendants, sampled every 20 ms from /proc (Linux), so two Pagefind processes
running at once are counted together. ``measure(out)`` returns the figures; the script prints them.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
BUILD = "import sys; from pathlib import Path; from govsite.search import build_index; " \
        "print(build_index(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else None))"


def _children() -> dict[int, list[int]]:
    """Every process's children, from /proc."""
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as file:
                parent = int(file.read().rsplit(b")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        tree.setdefault(parent, []).append(int(entry))
    return tree


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants, now."""
    tree, todo, total = _children(), [pid], 0
    while todo:
        current = todo.pop()
        todo.extend(tree.get(current, ()))
        try:
            with open(f"/proc/{current}/statm", "rb") as file:
                total += int(file.read().split()[1]) * PAGE_SIZE
        except (OSError, IndexError, ValueError):
            pass
    return total


def run_measured(command: list[str]) -> tuple[float, float, float]:
    """Run a command; its wall seconds, the peak MiB of its process tree (sampled, and at least ru_maxrss) and
    its CPU seconds (user and system, with the descendants it waited for)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=REPO_ROOT)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.02):
            peak[0] = max(peak[0], tree_rss(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    errors = process.stderr.read().decode(errors="replace") if process.stderr else ""
    if status != 0:
        raise RuntimeError(f"{command[0]} failed ({status}): {errors[-2000:]}")
    return seconds, max(peak[0], usage.ru_maxrss * 1024) / 2**20, usage.ru_utime + usage.ru_stime


def linked_copy(source: Path, target: Path) -> Path:
    """A copy of a build output made of hard links, without its search index."""
    shutil.copytree(source, target, copy_function=os.link, ignore=shutil.ignore_patterns("pagefind"))
    return target


def pagefind_cli() -> str:
    """Pagefind's extended binary, checked to be the extended build."""
    from govsite.search import pagefind_binary

    binary = str(pagefind_binary())
    probe = subprocess.run([binary, "--site", "/nonexistent-govsite-probe"], capture_output=True, text=True)
    if "Extended" not in probe.stdout + probe.stderr:
        raise RuntimeError(f"{binary} is not Pagefind's extended build")
    return binary


def edit_one_page(folder: Path) -> str:
    """Change the text of the first document page (a new file: the old one is shared by hard link)."""
    from govsite.search import scan_pages

    rel = scan_pages(folder)[0].rel
    path = folder / rel
    data = path.read_bytes().replace(b"</article>", "<p>基准测试修改的一段文字。</p></article>".encode(), 1)
    path.unlink()
    path.write_bytes(data)
    return rel


def measure(out: Path, rounds: int = 1) -> dict[str, float]:
    """Baseline and govsite timings on copies of `out`, interleaved, and the re-index after one edit."""
    binary = pagefind_cli()
    python = sys.executable
    base: list[tuple[float, float, float]] = []
    ours: list[tuple[float, float, float]] = []
    with tempfile.TemporaryDirectory(prefix="search-bench-", dir=out.parent) as scratch:
        root = Path(scratch)
        for k in range(rounds):
            copy = linked_copy(out, root / f"base{k}")
            base.append(run_measured([binary, "--site", str(copy), "--silent"]))
            shutil.rmtree(copy)
            copy = linked_copy(out, root / f"ours{k}")
            ours.append(run_measured([python, "-c", BUILD, str(copy)]))
            if k + 1 < rounds:
                shutil.rmtree(copy)
        previous = root / f"ours{rounds - 1}"
        edited = linked_copy(previous, root / "edited")
        edit_one_page(edited)
        again = run_measured([python, "-c", BUILD, str(edited), str(previous)])
    base_s = statistics.median(s for s, _, _ in base)
    ours_s = statistics.median(s for s, _, _ in ours)
    return {"baseline_seconds": base_s, "baseline_peak_mib": max(m for _, m, _ in base),
            "baseline_cpu_seconds": statistics.median(c for _, _, c in base),
            "govsite_seconds": ours_s, "govsite_peak_mib": max(m for _, m, _ in ours),
            "govsite_cpu_seconds": statistics.median(c for _, _, c in ours),
            "ratio": ours_s / base_s, "reindex_one_edit_seconds": again[0], "reindex_one_edit_peak_mib": again[1]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="output folder of a build without search")
    parser.add_argument("--rounds", type=int, default=1, help="interleaved rounds (median wall time)")
    args = parser.parse_args()
    figures = measure(args.out.resolve(), args.rounds)
    print(f"baseline (Pagefind CLI on the HTML): {figures['baseline_seconds']:.1f} s, "
          f"peak {figures['baseline_peak_mib']:.0f} MiB, CPU {figures['baseline_cpu_seconds']:.1f} s")
    print(f"govsite build_index:                 {figures['govsite_seconds']:.1f} s, "
          f"peak {figures['govsite_peak_mib']:.0f} MiB, CPU {figures['govsite_cpu_seconds']:.1f} s")
    print(f"ratio govsite/baseline: {figures['ratio']:.2f}")
    print(f"re-index after one page changed: {figures['reindex_one_edit_seconds']:.1f} s, "
          f"peak {figures['reindex_one_edit_peak_mib']:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
