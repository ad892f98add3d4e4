"""Jobs on every core: results in order, batches from workers, a worker's exception raised here."""

from __future__ import annotations

import os

import pytest

from govsite.parallel import run_jobs


def test_results_come_back_in_order_from_every_worker() -> None:
    jobs = [lambda i=i: (i, os.getpid()) for i in range(2000)]
    results = run_jobs(jobs, workers=2)
    assert [i for i, _pid in results] == list(range(2000))
    assert len({pid for _i, pid in results}) == 2  # both processes did a share


def test_progress_reaches_the_total() -> None:
    seen: list[tuple[int, int]] = []
    run_jobs([lambda: b"x" * 1000 for _ in range(1000)], workers=2, report=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (1000, 1000)
    assert [d for d, _t in seen] == sorted(d for d, _t in seen)


def _fails_in_the_worker(index: int) -> int:
    if index == 1501:  # an odd index: worker 1's share
        raise ValueError("job 1501 failed")
    return index


def test_an_exception_in_a_worker_is_raised_here() -> None:
    with pytest.raises(ValueError, match="job 1501 failed"):
        run_jobs([lambda i=i: _fails_in_the_worker(i) for i in range(2000)], workers=2)
