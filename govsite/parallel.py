"""Running independent jobs on every core: forked workers inherit the jobs, only results travel back.

The jobs are closures over the build's values; with the fork start method nothing but the results is
pickled. Where fork is unavailable, or for few jobs, they run in this process.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, TypeVar

from govsite.progress import Report, silent

T = TypeVar("T")
MIN_JOBS_PER_WORKER = 200
BATCH = 64  # results a worker sends at a time
PR_SET_PDEATHSIG = 1


def worker_count() -> int:
    """One worker per core the process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def run_jobs(jobs: Sequence[Callable[[], T]], workers: int | None = None, report: Report = silent,
             each: Callable[[T], T] | None = None) -> list[T]:
    """Every job's result, in order; jobs k, k+n, k+2n … run in worker k (worker 0 is this process).

    Workers send their results in small batches, taken in between this process's own jobs, so that no
    worker's whole share is ever held twice (pickled and unpickled) at once: memory stays near the size of
    the results themselves. `report` hears (done, total) as the jobs go on. `each` is applied to every
    result in the process that made it, before it is kept or sent (e.g. to write a page out and keep only
    what is needed of it): the workers share that work too.
    """
    keep = each if each is not None else _same
    workers = min(workers or worker_count(), max(1, len(jobs) // MIN_JOBS_PER_WORKER))
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return _here(jobs, report, keep)
    context = multiprocessing.get_context("fork")
    children = []
    for k in range(1, workers):
        receiver, sender = context.Pipe(duplex=False)
        process = context.Process(target=_child, args=(jobs, k, workers, sender, keep, os.getpid()), daemon=True)
        process.start()
        sender.close()
        children.append(_Share(k, workers, len(jobs), process, receiver))
    results: list[T | None] = [None] * len(jobs)
    done = 0
    try:
        for index in range(0, len(jobs), workers):
            results[index] = keep(jobs[index]())
            done += 1 + sum(share.take(results, wait=False) for share in children)
            report(min(done, len(jobs) - 1), len(jobs))
        for share in children:
            while share.take(results, wait=True):
                pass
    except BaseException:  # a job failed, or the build was stopped (Ctrl+C, SIGTERM): no worker outlives it
        for share in children:
            share.stop()
        raise
    report(len(jobs), len(jobs))
    return results  # type: ignore[return-value]


class _Share:
    """One worker's share of the jobs: its results arrive in batches."""

    def __init__(self, k: int, workers: int, count: int, process: BaseProcess, receiver: Connection) -> None:
        self.indexes = iter(range(k, count, workers))
        self.process = process
        self.receiver = receiver
        self.finished = False

    def take(self, results: list[Any], wait: bool) -> int:
        """Store the next batch if one is there (or, with `wait`, when it comes); how many results it had."""
        if self.finished or not (wait or self.receiver.poll()):
            return 0
        batch = self.receiver.recv()
        if isinstance(batch, BaseException):
            self.process.join()
            raise batch
        if batch is None:  # the end of the share
            self.finished = True
            self.process.join()
            return 0
        for value in batch:
            results[next(self.indexes)] = value
        return len(batch)


    def stop(self) -> None:
        """End the worker now (it may be waiting to send results nobody will read)."""
        self.process.terminate()
        self.receiver.close()
        self.process.join()


def _same(value: T) -> T:
    return value


def _here(jobs: Sequence[Callable[[], T]], report: Report, keep: Callable[[T], T]) -> list[T]:
    results = []
    for job in jobs:
        results.append(keep(job()))
        report(len(results), len(jobs))
    return results


def _die_with(parent: int) -> None:
    """Make this worker die with the process that started it (Linux): a worker writes into the staging
    folder, and one left running after its build was killed would write into the next build's."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        return
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)


def _own_signals() -> None:
    """A worker ends when told to (SIGTERM, SIGHUP: the default, whatever handler its parent had, such as the
    preview's, which would turn them into an exception while the worker waits to send), and leaves Ctrl+C
    (SIGINT, which a terminal sends to the whole group) to its parent, which stops it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)


def _child(jobs: Sequence[Callable[[], T]], k: int, workers: int, sender: Connection,
           keep: Callable[[T], T], parent: int) -> None:
    _die_with(parent)
    _own_signals()
    batch: list[T] = []
    try:
        for index in range(k, len(jobs), workers):
            batch.append(keep(jobs[index]()))
            if len(batch) >= BATCH:
                sender.send(batch)
                batch = []
        sender.send(batch)
        sender.send(None)
    except Exception as problem:  # sent to the parent, which raises it there
        sender.send(problem)
    sender.close()
