"""Browser tests: the demo portal built once per session (per xdist worker) and served on loopback.

Every test in this folder is marked ``browser``. Playwright drives Debian's /usr/bin/chromium (installed by
``make browser-deps``); Playwright's own browser download cannot work on the project's machines.
Use the ``served`` fixture (``http://127.0.0.1:PORT/xxgk/``) with pytest-playwright's ``page``.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

# tests/conftest.py has put tests/ on sys.path.
from helpers import REPO_ROOT, build_site

E2E_DIR = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"
# The demo's base_url is https://www.example.gov.cn/xxgk/: the output is served under the same sub-path.
SUB_PATH = "xxgk"
SPLIT_PART_BYTES = 150_000  # the demo's 80 indexed pages (about 0.75 MB) in about 7 parts


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # This hook sees the items of the whole session: mark only those under tests/e2e.
    for item in items:
        if E2E_DIR in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's demo portal built once (search included) into <tmp>/out/xxgk; returns that folder."""
    out = tmp_path_factory.mktemp("demo") / "out" / SUB_PATH
    result = build_site(REPO_ROOT, out, search=True, cwd=REPO_ROOT)
    if result.returncode != 0:
        pytest.fail(
            f"building the demo portal failed (exit {result.returncode}):\n"
            f"--- stdout\n{result.stdout[-5000:]}\n--- stderr\n{result.stderr[-5000:]}",
            pytrace=False,
        )
    return out


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files as a plain static host serves them: correct types, the site's 404 page, no logging."""

    extensions_map = {  # noqa: RUF012 - the same class attribute the base class declares
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".json": "application/json",
        ".wasm": "application/wasm",
        ".pagefind": "application/octet-stream",
        ".pf_meta": "application/octet-stream",
        ".pf_index": "application/octet-stream",
        ".pf_fragment": "application/octet-stream",
        ".pf_filter": "application/octet-stream",
        ".svg": "image/svg+xml",
        ".xml": "application/xml",
        ".csv": "text/csv",
    }

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        # Like nginx's `error_page 404 /xxgk/404.html`: answer a missing path with the site's own page.
        page = Path(self.directory) / SUB_PATH / "404.html"
        if code == 404 and page.is_file():
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)


@contextmanager
def serving(root: Path) -> Iterator[str]:
    """Serves the folder `root` (which holds xxgk/) on loopback; yields ``http://127.0.0.1:PORT/xxgk/``."""
    handler = functools.partial(_Handler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="demo-http", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/{SUB_PATH}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def served(demo_site: Path) -> Iterator[str]:
    """Serves the demo output on loopback; yields its URL, ``http://127.0.0.1:PORT/xxgk/``."""
    with serving(demo_site.parent) as url:
        yield url


@pytest.fixture(scope="session")
def split_served(demo_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo output again, its search index split into several parts (as a site of some 10,000 pages has
    it), served on loopback; yields its URL."""
    from govsite.search import build_index, read_manifest

    root = tmp_path_factory.mktemp("split") / "out"
    shutil.copytree(demo_site, root / SUB_PATH)
    build_index(root / SUB_PATH, part_bytes=SPLIT_PART_BYTES, whole_bytes=0)
    manifest = read_manifest(root / SUB_PATH)
    assert manifest is not None and manifest["parts"] >= 4, manifest
    with serving(root) as url:
        yield url


@pytest.fixture(scope="session")
def base_url(served: str) -> str:
    """pytest-playwright's base URL: ``page.goto("catalog/")`` opens the demo's catalog."""
    return served
