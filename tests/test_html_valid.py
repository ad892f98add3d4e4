"""Every page of the demo portal is valid HTML (the Nu HTML Checker, vnu.jar, installed by `make test`)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import REPO_ROOT, build_site

VNU_JAR = Path(os.environ.get("VNU_JAR", REPO_ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"))


@pytest.fixture(scope="module")
def vnu() -> list[str]:
    java = shutil.which("java")
    if java is None or not VNU_JAR.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"the HTML checker is missing ({VNU_JAR}); `make test` installs it")
        pytest.skip("vnu.jar is not installed (make test installs it)")
    return [java, "-jar", str(VNU_JAR)]


def test_every_demo_page_is_valid_html(vnu: list[str], tmp_path: Path) -> None:
    out = tmp_path / "out"
    built = build_site(REPO_ROOT, out, "--drafts", "--future")
    assert built.returncode == 0, built.stderr
    pages = sorted(out.rglob("*.html"))
    assert len(pages) > 200
    checked = subprocess.run([*vnu, "--errors-only", "--skip-non-html", str(out)], capture_output=True, text=True,
                             check=False, timeout=300)
    assert checked.returncode == 0, checked.stderr[-4000:]


def test_the_checker_does_find_errors(vnu: list[str], tmp_path: Path) -> None:
    broken = tmp_path / "broken.html"
    broken.write_text("<!DOCTYPE html><html lang=zh-CN><title>x</title><p><div></p></html>", encoding="utf-8")
    checked = subprocess.run([*vnu, "--errors-only", str(broken)], capture_output=True, text=True, check=False)
    assert checked.returncode != 0
