"""`govsite serve`: build a preview, serve it under the base path, rebuild on change, reload open tabs.

The preview includes drafts and future documents (clearly marked). A change rebuilds in memory with the
memos of the last build (only what changed is parsed, rendered and written); when the change introduces an
error, the last good pages stay and every open tab shows the diagnostics in an overlay until it is fixed.
"""

from __future__ import annotations

import errno
import functools
import gc
import http.server
import json
import shutil
import signal
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from govsite.clock import resolve_now
from govsite.config import load_config
from govsite.errors import EnvironmentProblem
from govsite.memo import BuildMemo
from govsite.model.publication import BuildOptions
from govsite.pipeline import prepare
from govsite.request import BuildRequest, BuildRuntime
from govsite.templates import CompiledInMemory
from govsite.write import write_changed

RELOAD_SCRIPT = Path(__file__).with_name("reload.js")
WATCHED = ("content", "data", "static", "themes", "site.yaml")
DEBOUNCE_SECONDS = 0.25
STOP_POLL_SECONDS = 0.5  # how soon the preview notices a stop request whose exception Python dropped


@dataclass
class PreviewState:
    """What the server shows: the version counter, the current diagnostics, the files of the last good build."""

    version: int = 0
    errors: list[str] = field(default_factory=list)
    written: dict[str, bytes] = field(default_factory=dict)
    lock: threading.Condition = field(default_factory=threading.Condition)
    compiled: CompiledInMemory = field(default_factory=CompiledInMemory)  # templates compiled once, not per build

    def publish(self, errors: list[str]) -> None:
        with self.lock:
            self.version += 1
            self.errors = errors
            self.lock.notify_all()

    def wait_change(self, seen: int, timeout: float) -> int:
        with self.lock:
            self.lock.wait_for(lambda: self.version != seen, timeout=timeout)
            return self.version


def rebuild(site: Path, out: Path, state: PreviewState, memo: BuildMemo, now: str | None, search: bool,
            workers: bool = False) -> float:
    """One preview build into `out`, writing only files whose bytes changed; returns the seconds it took.
    `workers`: on every core (forked workers), only while the process has no other thread (the first build,
    before the server and the file watcher start)."""
    start = time.perf_counter()
    options = BuildOptions(resolve_now(now, site), drafts=True, future=True, unreviewed=True)
    result, plan = prepare(BuildRequest(site, out, options, search=False),
                           BuildRuntime(memo=memo, workers=workers, compiled=state.compiled))
    memo.advance(plan.recorded if plan is not None else None)
    if not result.ok or plan is None:
        state.publish([d.format() for d in result.diagnostics if d.is_error] or ["build failed"])
        return time.perf_counter() - start
    state.written = write_changed(plan, out, state.written, keep=("pagefind",))
    if search and not (out / "pagefind").exists():
        from govsite.search import build_index
        build_index(out)
    state.publish([])
    return time.perf_counter() - start


@dataclass(frozen=True)
class _Served:
    """What the preview's HTTP handler serves: the output folder under the base path, and the build state."""

    out: Path
    base_path: str
    state: PreviewState
    script: bytes  # reload.js


class PreviewHandler(http.server.SimpleHTTPRequestHandler):
    """Serves only files inside the output folder, under the base path, never cached; HTML pages get the
    reload script, and /__govsite/ answers the script's questions about the build."""

    def __init__(self, *args: Any, served: _Served, **kwargs: Any) -> None:
        self.served = served
        self.head_only = False
        super().__init__(*args, directory=str(served.out), **kwargs)

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_HEAD(self) -> None:
        self.head_only = True
        self.do_GET()

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        base_path = self.served.base_path
        if path.startswith("/__govsite/"):
            self._internal(path)
            return
        if not path.startswith(base_path):
            self.send_response(302 if path in ("/", "") else 404)
            self.send_header("Location", base_path)
            self.end_headers()
            return
        target = safe_target(self.served.out, path[len(base_path):])
        if target is None:
            self.send_error(404)
            return
        self._file(target)

    def _file(self, target: Path) -> None:
        data = target.read_bytes()
        kind = self.guess_type(str(target))
        if target.suffix == ".html":
            data = data.replace(b"</body>", b'<script src="/__govsite/reload.js"></script></body>', 1)
            kind = "text/html; charset=utf-8"
        self._send(data, kind)

    def _internal(self, path: str) -> None:
        state = self.served.state
        if path == "/__govsite/reload.js":
            self._send(self.served.script, "text/javascript")
            return
        if path == "/__govsite/wait":
            state.wait_change(int(self.headers.get("X-Govsite-Version", "-1")), 25)
        elif path != "/__govsite/status":
            self.send_error(404)
            return
        self._send(json.dumps({"version": state.version, "errors": state.errors}).encode(), "application/json")

    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not self.head_only:
            self.wfile.write(body)


def safe_target(out: Path, rel: str) -> Path | None:
    """The file a URL path names inside `out` (index.html for folders), or None when it is outside or missing."""
    decoded = unquote(rel)
    if "\x00" in decoded or "\\" in decoded:
        return None
    parts = [p for p in decoded.split("/") if p not in ("", ".")]
    if ".." in parts:
        return None
    target = out.joinpath(*parts) if parts else out
    try:
        resolved = target.resolve()
        resolved.relative_to(out.resolve())
    except (ValueError, OSError):
        return None
    if resolved.is_dir():
        resolved = resolved / "index.html"
    return resolved if resolved.is_file() else None


HIDDEN_SKIPPED = ("content", "data", "static")  # folders whose hidden files and folders no build reads


def is_input(site: Path, path: str) -> bool:
    """Whether a changed path can change the preview: under a watched folder of the site, and not a hidden
    file of content/, data/ or static/ (an editor's swap, lock or temporary file), which no build reads."""
    try:
        rel = Path(path).resolve().relative_to(site.resolve()).parts
    except ValueError:
        return False
    if not rel or rel[0] not in WATCHED:
        return False
    return not (rel[0] in HIDDEN_SKIPPED and any(part.startswith(".") for part in rel[1:]))


def watch(site: Path, on_change: Any) -> Any:
    """A watchdog observer that calls `on_change()` for changes that can change the preview (is_input; a
    rename counts when either of its names does, e.g. an editor's temporary file saved over a document)."""
    from watchdog.events import FileSystemEvent, FileSystemEventHandler
    from watchdog.observers import Observer

    class Changed(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            if event.event_type in ("opened", "closed_no_write"):
                return
            if event.is_directory and event.event_type == "modified":  # an entry changed: its own event counts
                return
            paths = [event.src_path, getattr(event, "dest_path", "")]
            if any(is_input(site, str(path)) for path in paths if path):
                on_change()

    observer = Observer()
    observer.schedule(Changed(), str(site), recursive=True)
    try:
        observer.start()
    except OSError as problem:  # Linux's inotify limits (watchdog words them), not a disk that is full
        if problem.errno not in (errno.ENOSPC, errno.EMFILE):
            raise
        raise EnvironmentProblem(f"cannot watch the site's files for changes ({problem.strerror}): raise the "
                                 "system's limit, e.g. sudo sysctl fs.inotify.max_user_watches=524288 (and "
                                 "fs.inotify.max_user_instances), or close other programs that watch files") from None
    return observer


class Stopped(BaseException):
    """The preview was asked to stop (SIGTERM from a process manager, SIGHUP from a closed terminal). A
    BaseException, like KeyboardInterrupt, so that no `except Exception` on the way catches it."""


def _stop_on_signals(stopping: threading.Event) -> None:
    """Turn SIGTERM and SIGHUP into `Stopped` in the main thread, so the preview's cleanup runs; Python's
    default for them ends the process at once and would leave a copy of the whole site in the temp folder.
    The request is also kept in `stopping`: an exception raised while the main thread runs a finalizer (as
    `gc.collect()` does) is printed and dropped by Python, and the preview loop must still end."""
    def stop(signum: int, _frame: object) -> None:
        stopping.set()
        raise Stopped(signal.Signals(signum).name)
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), stop)


def serve(site: Path, host: str, port: int, now: str | None, search: bool = True) -> int:
    """Run until interrupted (Ctrl+C, SIGTERM or SIGHUP); returns the exit status. The preview's output
    lives in a temporary folder that is removed however the preview ends."""
    config, problems = load_config(site)
    if config is None:
        for problem in problems:
            print(problem.format(), file=sys.stderr)
        return 1
    stopping = threading.Event()
    _stop_on_signals(stopping)
    temp = Path(tempfile.mkdtemp(prefix="govsite-serve-"))
    try:
        return _preview(site, temp / "site", host, port, now, search, config.base_path, stopping)
    except (KeyboardInterrupt, Stopped):
        return 0
    finally:
        shutil.rmtree(temp, ignore_errors=True)


def _preview(site: Path, out: Path, host: str, port: int, now: str | None, search: bool, base_path: str,
             stopping: threading.Event) -> int:
    """Build, serve and rebuild on change until interrupted or `stopping` is set."""
    out.mkdir()
    state, memo = PreviewState(), BuildMemo()
    seconds = rebuild(site, out, state, memo, now, search, workers=threading.active_count() == 1)
    print(f"govsite: preview built in {seconds:.2f} s" + (" with errors" if state.errors else ""))
    try:
        served = _Served(out, base_path, state, RELOAD_SCRIPT.read_bytes())
        server = http.server.ThreadingHTTPServer((host, port), functools.partial(PreviewHandler, served=served))
    except OSError as problem:
        print(f"govsite: error: cannot listen on {host}:{port} ({problem.strerror}); "
              "choose another port with --port", file=sys.stderr)
        return 2
    pending = threading.Event()
    observer = watch(site, pending.set)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"govsite: serving http://{host}:{server.server_address[1]}{base_path} (Ctrl+C stops)", flush=True)
    try:
        while not stopping.is_set():
            if not pending.wait(timeout=STOP_POLL_SECONDS):
                continue
            time.sleep(DEBOUNCE_SECONDS)  # several saves in quick succession: one rebuild
            while pending.is_set():
                pending.clear()
                time.sleep(DEBOUNCE_SECONDS)
            seconds = rebuild(site, out, state, memo, now, search)
            print(f"govsite: rebuilt in {seconds:.2f} s" + (" — errors shown in the browser" if state.errors else ""),
                  flush=True)
            gc.collect()  # while the editor looks at the page: cycles of the last build are freed here
    finally:
        observer.stop()
        server.shutdown()
    return 0
