"""Running independent jobs on every core: forked workers inherit the jobs, only results travel back.

The jobs are closures over the build's values; with the fork start method nothing but the results is
pickled. Where fork is unavailable, or for few jobs, they run in this process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import TypeVar

from govsite.progress import Report, silent

T = TypeVar("T")
MIN_JOBS_PER_WORKER = 200


def worker_count() -> int:
    """One worker per core the process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def run_jobs(jobs: Sequence[Callable[[], T]], workers: int | None = None, report: Report = silent) -> list[T]:
    """Every job's result, in order; jobs k, k+n, k+2n … run in worker k (worker 0 is this process).

    `report` hears (done, total) as this process goes through its share (the others go at the same pace).
    """
    workers = min(workers or worker_count(), max(1, len(jobs) // MIN_JOBS_PER_WORKER))
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return _here(jobs, report)
    context = multiprocessing.get_context("fork")
    children = []
    for k in range(1, workers):
        receiver, sender = context.Pipe(duplex=False)
        process = context.Process(target=_child, args=(jobs, k, workers, sender), daemon=True)
        process.start()
        sender.close()
        children.append((k, process, receiver))
    results: list[T | None] = [None] * len(jobs)
    for index in range(0, len(jobs), workers):
        results[index] = jobs[index]()
        report(min(index + workers, len(jobs) - 1), len(jobs))
    for k, process, receiver in children:
        outcome = receiver.recv()
        process.join()
        if isinstance(outcome, BaseException):
            raise outcome
        for index, value in zip(range(k, len(jobs), workers), outcome, strict=True):
            results[index] = value
    report(len(jobs), len(jobs))
    return results  # type: ignore[return-value]


def _here(jobs: Sequence[Callable[[], T]], report: Report) -> list[T]:
    results = []
    for job in jobs:
        results.append(job())
        report(len(results), len(jobs))
    return results


def _child(jobs: Sequence[Callable[[], T]], k: int, workers: int, sender: Connection) -> None:
    try:
        outcome: object = [jobs[index]() for index in range(k, len(jobs), workers)]
    except Exception as problem:  # sent to the parent, which raises it there
        outcome = problem
    sender.send(outcome)
    sender.close()
