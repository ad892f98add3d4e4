"""Fixtures shared by every test.

- ``make_site(files)``: writes a site into the test's tmp_path and returns its folder;
- ``catalog_doc(**fields)``: the text of a valid catalog document (defaults overridable, ``None`` removes);
- ``run_govsite(*args, cwd=...)``: runs ``python -m govsite ...`` and returns the CompletedProcess.

The same functions are importable in test modules: ``from helpers import catalog_doc, run_govsite``.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Protocol

import pytest

TESTS_DIR = Path(__file__).resolve().parent
if str(TESTS_DIR) not in sys.path:
    sys.path.insert(0, str(TESTS_DIR))

import helpers  # noqa: E402


class MakeSite(Protocol):
    def __call__(
        self,
        files: Mapping[str, str | bytes] | None = None,
        *,
        name: str = "site",
        site_yaml: str | None = ...,
        agencies_yaml: str | None = ...,
    ) -> Path: ...


@pytest.fixture
def make_site(tmp_path: Path) -> MakeSite:
    """Factory: ``make_site({"content/policies/2025/a.md": catalog_doc()})`` → the site's Path.

    site.yaml (title, base_url https://www.example.gov.cn/xxgk/, publisher.sponsor) and
    data/agencies.yaml (czt 示例省财政厅 11440000MB2C12345X, jyt 示例省教育厅 11440000MB2C23456Y) are
    written unless ``files`` gives them. Several sites in one test need distinct ``name``s.
    """

    def make(
        files: Mapping[str, str | bytes] | None = None,
        *,
        name: str = "site",
        site_yaml: str | None = helpers.DEFAULT_SITE_YAML,
        agencies_yaml: str | None = helpers.DEFAULT_AGENCIES_YAML,
    ) -> Path:
        return helpers.write_site(tmp_path / name, files, site_yaml=site_yaml, agencies_yaml=agencies_yaml)

    return make


@pytest.fixture
def catalog_doc() -> Callable[..., str]:
    """helpers.catalog_doc as a fixture."""
    return helpers.catalog_doc


@pytest.fixture
def run_govsite() -> Callable[..., subprocess.CompletedProcess[str]]:
    """helpers.run_govsite as a fixture."""
    return helpers.run_govsite


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository root, which is itself the demo site."""
    return helpers.REPO_ROOT
