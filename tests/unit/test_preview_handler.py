"""The preview's HTTP handler: files under the base path with the reload script, its status answers, HEAD."""

from __future__ import annotations

import functools
import http.client
import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from govsite.serve import PreviewHandler, PreviewState, _Served


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[http.server.ThreadingHTTPServer, PreviewState]]:
    (tmp_path / "a").mkdir()
    (tmp_path / "a/index.html").write_text("<html><body>页面</body></html>", encoding="utf-8")
    (tmp_path / "data.csv").write_text("x,y\n", encoding="utf-8")
    state = PreviewState(version=3, errors=["content/a.md:2: error: 标题缺失"])
    served = _Served(tmp_path, "/xxgk/", state, b"/* reload */")
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(PreviewHandler, served=served))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd, state
    httpd.shutdown()
    httpd.server_close()


def _get(httpd: http.server.ThreadingHTTPServer, path: str, method: str = "GET") -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", httpd.server_address[1], timeout=10)
    connection.request(method, path)
    return connection.getresponse()


def test_a_page_gets_the_reload_script_and_is_never_cached(server: tuple[http.server.ThreadingHTTPServer,
                                                                              PreviewState]) -> None:
    httpd, _state = server
    response = _get(httpd, "/xxgk/a/")
    body = response.read().decode("utf-8")
    assert response.status == 200
    assert response.getheader("Cache-Control") == "no-store"
    assert body == '<html><body>页面<script src="/__govsite/reload.js"></script></body></html>'
    assert _get(httpd, "/xxgk/data.csv").read() == b"x,y\n"  # other files as they are


def test_head_sends_the_headers_without_the_body(server: tuple[http.server.ThreadingHTTPServer,
                                                                PreviewState]) -> None:
    httpd, _state = server
    response = _get(httpd, "/xxgk/a/", "HEAD")
    assert response.status == 200
    assert int(response.getheader("Content-Length") or 0) > 0
    assert response.read() == b""


def test_status_script_and_paths_outside_the_base(server: tuple[http.server.ThreadingHTTPServer,
                                                                 PreviewState]) -> None:
    httpd, state = server
    status = json.loads(_get(httpd, "/__govsite/status").read())
    assert status == {"version": 3, "errors": state.errors}
    assert _get(httpd, "/__govsite/reload.js").read() == b"/* reload */"
    assert _get(httpd, "/__govsite/other").status == 404
    root = _get(httpd, "/")
    assert (root.status, root.getheader("Location")) == (302, "/xxgk/")
    assert _get(httpd, "/elsewhere/").status == 404
    assert _get(httpd, "/xxgk/../../etc/passwd").status == 404


@pytest.mark.parametrize(("path", "expected"), [
    ("content/policies/2025/a.md", True),
    ("content/policies/2025/附件.xlsx", True),
    ("site.yaml", True),
    ("data/agencies.yaml", True),
    ("themes/default/templates/base.html", True),
    ("themes/default/templates/.partials/x.html", True),  # a theme may include what it likes
    ("content/policies/2025/.a.md.swp", False),  # vim
    ("content/policies/2025/.#a.md", False),  # emacs
    ("content/.git/index", False),
    ("data/.agencies.yaml.tmp", False),
    ("build/index.html", False),  # the output of `govsite build` beside the sources
    ("README.md", False),
])
def test_only_changes_a_build_reads_start_a_preview_rebuild(tmp_path: Path, path: str, expected: bool) -> None:
    from govsite.serve import is_input
    assert is_input(tmp_path, str(tmp_path / path)) is expected
    assert is_input(tmp_path, "/elsewhere/content/a.md") is False


def test_a_swap_file_starts_no_rebuild_and_a_save_by_rename_does(tmp_path: Path) -> None:
    from govsite.serve import watch
    folder = tmp_path / "content/policies"
    folder.mkdir(parents=True)
    changed = threading.Event()
    observer = watch(tmp_path, changed.set)
    try:
        (folder / ".a.md.swp").write_bytes(b"swap")  # an editor at work
        assert not changed.wait(1.0)
        (folder / ".a.md.tmp").write_text("标题", encoding="utf-8")
        assert not changed.wait(0.5)
        (folder / ".a.md.tmp").rename(folder / "a.md")  # saved by renaming its temporary file
        assert changed.wait(5.0)
    finally:
        observer.stop()
        observer.join(timeout=5)
