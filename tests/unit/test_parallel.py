"""Jobs on every core: results in order, batches from workers, a worker's exception raised here."""

from __future__ import annotations

import os
from pathlib import Path

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


def test_workers_die_with_a_killed_parent(tmp_path: Path) -> None:
    """A worker writes into the staging folder: it must not outlive its build (SIGKILL included)."""
    import signal
    import subprocess
    import sys
    import textwrap
    import time

    marker = tmp_path / "worker-pids"
    script = textwrap.dedent(f"""
        import os, time
        from govsite.parallel import run_jobs
        def job():
            with open({str(marker)!r}, "a") as f:
                f.write(f"{{os.getpid()}}\\n")
            time.sleep(30)
        run_jobs([job for _ in range(400)], workers=2)
    """)
    parent = subprocess.Popen([sys.executable, "-c", script])
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and (not marker.exists() or len(set(marker.read_text().split())) < 2):
        time.sleep(0.05)
    pids = {int(p) for p in marker.read_text().split()} - {parent.pid}
    assert pids, "no worker started"
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    time.sleep(0.5)
    for pid in pids:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            continue
        status = Path(f"/proc/{pid}/status").read_text()
        assert "State:\tZ" in status, f"worker {pid} outlived its killed parent"


@pytest.mark.parametrize("signal_name", ["SIGTERM", "SIGINT"])
def test_a_stop_signal_during_jobs_ends_the_process(tmp_path: Path, signal_name: str) -> None:
    """The preview stops on SIGTERM by raising an exception from its handler; workers forked during its
    first build must not inherit that handler (one that caught it while sending results would wait for a
    parent that waits for it) nor print a traceback each for Ctrl+C."""
    import signal
    import subprocess
    import sys
    import textwrap
    import time

    started = tmp_path / "started"
    script = textwrap.dedent(f"""
        import signal, sys, time
        from pathlib import Path
        from govsite.parallel import run_jobs

        class Stopped(Exception):
            pass

        def stop(number, frame):
            raise Stopped()

        signal.signal(signal.SIGTERM, stop)

        def job(i):
            if i == 1:
                Path({str(started)!r}).touch()
            time.sleep(0.01)  # 4000 jobs: some 20 s, so that they cannot all end before the signal on a busy machine
            return b"x" * 20000

        try:
            run_jobs([lambda i=i: job(i) for i in range(4000)], workers=2)
        except (Stopped, KeyboardInterrupt):
            time.sleep(1.5)  # cleaning up, as the preview does: a worker still running fills its pipe
            sys.exit(3)
    """)
    parent = subprocess.Popen([sys.executable, "-c", script], stderr=subprocess.PIPE, text=True,
                              start_new_session=True)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not started.exists():
        time.sleep(0.01)
    time.sleep(0.3)
    if signal_name == "SIGINT":
        os.killpg(parent.pid, signal.SIGINT)  # the whole group, as a terminal's Ctrl+C does
    else:
        parent.send_signal(signal.SIGTERM)  # the parent alone, as a process manager does
    try:
        _out, err = parent.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(parent.pid, signal.SIGKILL)
        parent.communicate()
        pytest.fail(f"{signal_name} during the jobs: the process did not end")
    assert parent.returncode == 3, err
    assert "Traceback" not in err, err
