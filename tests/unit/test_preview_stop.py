"""The preview stops when asked, even when Python drops the exception the stop signal raised (as it does for
one raised while a finalizer runs in `gc.collect()`, which the preview calls after every rebuild)."""

from __future__ import annotations

import gc
import os
import signal
import socket
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import catalog_doc, write_site

from govsite.serve import Stopped, _preview, _stop_on_signals


@pytest.fixture
def own_signals() -> Iterator[threading.Event]:
    """The preview's SIGTERM/SIGHUP handlers in this process, restored afterwards."""
    saved = {name: signal.getsignal(getattr(signal, name)) for name in ("SIGTERM", "SIGHUP")}
    stopping = threading.Event()
    _stop_on_signals(stopping)
    yield stopping
    for name, handler in saved.items():
        signal.signal(getattr(signal, name), handler)


class _SignalsWhenFreed:
    """An object in a reference cycle whose finalizer receives SIGTERM, as the preview may during gc.collect()."""

    def __init__(self) -> None:
        self.cycle = [self]

    def __del__(self) -> None:
        os.kill(os.getpid(), signal.SIGTERM)
        sum(range(10_000))  # bytecode after the signal: its handler runs here, inside the finalizer


def test_a_stop_raised_inside_a_finalizer_is_still_recorded(own_signals: threading.Event,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    dropped: list[type[BaseException] | None] = []
    monkeypatch.setattr(sys, "unraisablehook", lambda unraisable: dropped.append(unraisable.exc_type))
    _SignalsWhenFreed()
    gc.collect()  # Python hands the exception to sys.unraisablehook and goes on: the exception is lost
    assert dropped == [Stopped]
    assert own_signals.is_set()


def test_a_stop_passes_through_except_exception(own_signals: threading.Event) -> None:
    with pytest.raises(Stopped):
        try:
            os.kill(os.getpid(), signal.SIGTERM)
            sum(range(10_000))
        except Exception:  # what a library on the way may do: it must not swallow the stop
            pytest.fail("Stopped was caught as an Exception")
    assert own_signals.is_set()


def test_the_preview_loop_ends_when_a_stop_was_recorded(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {"content/policies/2025/a.md": catalog_doc(title="标题")})
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    stopping = threading.Event()
    results: list[int] = []
    def run() -> None:
        results.append(_preview(site, tmp_path / "out", "127.0.0.1", port, "2026-11-27T12:00:00+08:00",
                                False, "/xxgk/", stopping))
    preview = threading.Thread(target=run, daemon=True)
    preview.start()
    preview.join(timeout=2)  # the first build done, it waits for edits
    assert preview.is_alive()
    stopping.set()
    preview.join(timeout=5)
    assert not preview.is_alive(), "the preview went on after the stop was recorded"
    assert results == [0]
