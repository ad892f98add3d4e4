"""Build benchmark: ``python tests/bench/run.py [N ...] [--keep DIR] [--seed S]`` (default N: 10000).

For each N, generates a synthetic site (tests/bench/generate.py) and times four builds, each in a fresh
``python -m govsite build`` process: without search into a new folder, the same again into that folder
(a no-change rebuild), then with search (Pagefind) into a new folder, and its no-change rebuild.
Peak memory is the child's own ``ru_maxrss`` from ``os.wait4`` (Linux counts it as the largest of the child
and the processes it waited for, e.g. Pagefind: the largest single process, not a sum).
A failed build prints its stderr tail and exits 1.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import REPO_ROOT, generate

NOW = "2026-11-27T12:00:00+08:00"


@dataclass
class Result:
    label: str
    documents: int
    pages: int
    seconds: float
    cpu_seconds: float
    peak_mib: float
    warnings: int


class BuildFailed(Exception):
    pass


def count_pages(out: Path) -> int:
    return sum(1 for _ in out.rglob("index.html"))


def timed_build(
    site: Path, out: Path, extra: list[str], log_dir: Path, label: str
) -> tuple[float, float, float, str]:
    """Run one build in a fresh process: (wall seconds, CPU seconds, peak RSS MiB, stderr)."""
    cmd = [sys.executable, "-m", "govsite", "build", "--site", str(site), "--out", str(out)]
    cmd += ["--now", NOW, *extra]
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


def bench(n: int, work: Path, seed: int) -> list[Result]:
    site = work / f"site-{n}"
    logs = work / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    generate(site, n, seed)
    print(f"generated {n} documents in {time.perf_counter() - t0:.1f} s: {site}", flush=True)
    results = []
    for mode, extra in (("no-search", ["--no-search"]), ("search", [])):
        out = work / f"out-{n}-{mode}"
        shutil.rmtree(out, ignore_errors=True)
        for run in ("fresh", "rebuild"):
            label = f"{n}-{mode}-{run}"
            seconds, cpu, peak, stderr = timed_build(site, out, extra, logs, label)
            warnings = sum(1 for line in stderr.splitlines() if ": warning:" in line)
            results.append(Result(f"{mode} {run}", n, count_pages(out), seconds, cpu, peak, warnings))
            print(f"  {label}: {seconds:.1f} s", flush=True)
    results.extend(bench_serve(site, n))
    return results


def bench_serve(site: Path, n: int) -> list[Result]:
    """govsite serve: the first preview build, one saved edit, and a save that changes nothing."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO_ROOT), env.get("PYTHONPATH", "")) if p)
    script = Path(__file__).with_name("serve_edit.py")
    proc = subprocess.run([sys.executable, str(script), str(site)], capture_output=True, text=True, env=env,
                          check=False)
    if proc.returncode != 0:
        raise BuildFailed(f"serve benchmark failed:\n{proc.stderr[-4000:]}")
    times = json.loads(proc.stdout.strip().splitlines()[-1])
    for label, seconds in times.items():
        print(f"  {n}-serve-{label}: {seconds:.2f} s", flush=True)
    return [Result(f"serve {label}", n, 0, seconds, 0.0, 0.0, 0) for label, seconds in times.items()]


def bench_hugo(n: int, work: Path) -> list[Result] | None:
    """Hook for the comparison with Hugo: build the same content with ``hugo`` and return its Results.

    Not implemented yet: it needs the generated site converted to a Hugo site (config, layouts, the same
    pages). Returns None until then.
    """
    return None


def print_table(results: list[Result]) -> None:
    header = (
        f"{'build':<18} {'documents':>9} {'pages':>7} {'seconds':>8} {'pages/s':>8} {'CPU s':>7}"
        f" {'peak MiB':>9} {'warnings':>8}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        rate = r.pages / r.seconds if r.seconds > 0 else float("inf")
        print(
            f"{r.label:<18} {r.documents:>9} {r.pages:>7} {r.seconds:>8.2f} {rate:>8.0f}"
            f" {r.cpu_seconds:>7.1f} {r.peak_mib:>9.0f} {r.warnings:>8}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time govsite builds of synthetic sites.")
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000], help="numbers of documents")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temp folder)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    work = args.keep or Path(tempfile.mkdtemp(prefix="govsite-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, --now {NOW}, work folder {work}")
    results: list[Result] = []
    hugo = shutil.which("hugo")
    hugo_note = "hugo: not installed"
    try:
        for n in args.sizes:
            results.extend(bench(n, work, args.seed))
            if hugo is not None:
                hugo_results = bench_hugo(n, work)
                if hugo_results is None:
                    hugo_note = (
                        f"hugo: found at {hugo}; comparison not implemented yet (bench_hugo in {__file__})"
                    )
                else:
                    hugo_note = f"hugo: {hugo}"
                    results.extend(hugo_results)
    except BuildFailed as e:
        print(e, file=sys.stderr)
        return 1
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    print()
    print_table(results)
    print(hugo_note)
    return 0


if __name__ == "__main__":
    sys.exit(main())
