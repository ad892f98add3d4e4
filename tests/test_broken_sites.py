"""Fixture sites that must FAIL, each with the exact diagnostics govsite must print.

Every folder ``tests/sites/<name>/`` that holds an ``expected.txt`` is a small site (content/…, and whatever
else its case is about) with one deliberate problem (``many-errors`` and a few others: several). A folder
without its own site.yaml or data/agencies.yaml gets the base ones of tests/helpers.py (helpers.site_yaml(),
DEFAULT_AGENCIES_YAML); a case about one of those files keeps its own. For each one the test

1. copies the site to a temporary folder (``expected.txt`` is left behind; helpers.copy_fixture_site) and
   adds the files of ``GENERATED`` below (files that would be binary or in another encoding are made here,
   not committed);
2. creates an output folder holding only a sentinel ``keep.txt``;
3. runs ``python -m govsite build --site SITE --out OUT --now 2026-11-27T12:00:00+08:00 --no-search``;
4. asserts exit status 1, that the diagnostic lines on stderr (``path:line: error: message`` and the
   ``  hint: …`` line under it, in the order govsite prints them, without the final
   ``govsite: build failed…`` summary) equal ``expected.txt`` line for line, and that the output folder
   still holds only ``keep.txt`` with the same bytes (spec 3.4: "the output folder is left exactly as it
   was").

A second test runs ``govsite check`` on the same site: exit status 1, nothing written, and the same errors
(check also prints the inspection report's warnings — empty or stale sections and the like — which a small
fixture site always triggers, so only the error diagnostics and their hints are compared).

Regenerating the expectations
-----------------------------
``expected.txt`` files are written by hand or regenerated from govsite's actual output with::

    GOVSITE_UPDATE_EXPECTED=1 .venv/bin/python -m pytest tests/test_broken_sites.py

In that mode the build test writes ``expected.txt`` (for every folder with a ``content`` folder, also those
without an ``expected.txt`` yet) instead of comparing, and the check test is skipped. Regenerating
records whatever govsite prints, bugs included: read every changed ``expected.txt`` (``git diff
tests/sites``) and check each line number by counting lines in the fixture and each message against
spec 3.4 before committing. The expectations of ``HAND_WRITTEN`` below state what the spec requires where
govsite was found to print something else; regeneration leaves those files alone (set
``GOVSITE_UPDATE_EXPECTED=all`` to overwrite them too, e.g. once the bug is fixed and the output checked).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import NOW, build_site, copy_fixture_site, run_govsite

SITES_DIR = Path(__file__).resolve().parent / "sites"
UPDATE_MODE = os.environ.get("GOVSITE_UPDATE_EXPECTED", "")
UPDATE = UPDATE_MODE in ("1", "all")

# expected.txt files written by hand because govsite's output differed from the spec when they were made.
HAND_WRITTEN: dict[str, str] = {}  # each hand-written expectation whose bug is open: name → the bug
SENTINEL = "keep.txt"
SENTINEL_BYTES = "上一次成功构建的输出 — must survive a failed build\n".encode()
SUMMARY_PREFIX = "govsite: build failed:"

# Front matter shared by the generated documents (their own bytes decide what goes wrong).
_GENERATED_TEXT = """\
---
标题: 示例省财政厅关于做好2025年政府采购工作的通知
索引号: 11440000MB2C12345X/2025-00002
发布机构: czt
成文日期: 2025-04-01
主题分类: 财政、金融、审计
体裁分类: 通知
保密审查: 已审查
---

各市、县（区）财政局：现将2025年政府采购工作有关事项通知如下。
"""

# Files added to a fixture site after copying, by case: the bytes are the point of the case.
GENERATED: dict[str, dict[str, bytes]] = {
    # Saved by an editor's Windows tool in the legacy Chinese encoding.
    "gbk-encoding": {"content/policies/2025/caigou-tongzhi.md": _GENERATED_TEXT.encode("gb18030")},
    # A Word file (a ZIP container, full of NUL bytes) renamed to .md.
    "binary-md": {
        "content/policies/2025/caigou-tongzhi.md":
            b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xdf\xa4\xd2lZ\x01\x00\x00 \x05\x00\x00"
            b"\x13\x00\x08\x02[Content_Types].xml \xa2\x04\x02(\xa0\x00\x02\x00\x00\x00\x00\x00\x00"
    },
    # A standard catalog's CSV saved by Excel in its default (GBK) encoding.
    "standard-csv-gbk": {
        "content/standards/mulu.csv":
            "一级事项,二级事项,公开内容,公开依据,公开时限,公开主体,公开渠道和载体,公开对象,公开方式,公开层级\r\n"
            "义务教育招生入学,招生入学政策,划片范围,《中华人民共和国义务教育法》,20个工作日内,县级教育行政部门,政府网站,"
            "全社会,主动,县级\r\n".encode("gb18030"),
    },
}


def _cases() -> list[str]:
    marker = "content" if UPDATE else "expected.txt"
    return sorted(p.name for p in SITES_DIR.iterdir() if p.is_dir() and (p / marker).is_file())


CASES = _cases()


def _copy_site(name: str, tmp_path: Path) -> Path:
    site = copy_fixture_site(SITES_DIR / name, tmp_path / "site")
    for rel, data in GENERATED.get(name, {}).items():
        target = site / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return site


def _diagnostic_lines(stderr: str) -> list[str]:
    """stderr without the final summary line (which must be there and say the build failed)."""
    lines = stderr.splitlines()
    assert lines, "govsite printed nothing on stderr"
    assert lines[-1].startswith(SUMMARY_PREFIX), f"last stderr line is not the failure summary:\n{stderr}"
    return lines[:-1]


def _errors_only(lines: list[str]) -> list[str]:
    """The `path:line: error: …` lines with their hint lines; warnings and their hints dropped."""
    kept: list[str] = []
    keep = False
    for line in lines:
        if not line.startswith("  "):
            keep = ": error: " in line
        if keep:
            kept.append(line)
    return kept


def _expected(name: str) -> list[str]:
    return (SITES_DIR / name / "expected.txt").read_text(encoding="utf-8").splitlines()


def test_every_fixture_has_expectations() -> None:
    """A fixture folder without expected.txt would be silently skipped."""
    missing = [p.name for p in SITES_DIR.iterdir()
               if p.is_dir() and (p / "content").is_dir() and not (p / "expected.txt").is_file()]
    assert UPDATE or not missing, f"fixture sites without expected.txt: {missing}"


@pytest.mark.parametrize("name", CASES)
def test_broken_site_fails_with_exact_diagnostics(name: str, tmp_path: Path) -> None:
    site = _copy_site(name, tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / SENTINEL).write_bytes(SENTINEL_BYTES)

    result = build_site(site, out, cwd=tmp_path)

    assert result.returncode == 1, f"exit {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    actual = _diagnostic_lines(result.stderr)
    if UPDATE and (name not in HAND_WRITTEN or UPDATE_MODE == "all"):
        (SITES_DIR / name / "expected.txt").write_text("".join(f"{line}\n" for line in actual), encoding="utf-8")
    elif not UPDATE:
        assert actual == _expected(name)
    # The summary counts what was printed.
    errors = sum(": error: " in line for line in actual)
    assert result.stderr.splitlines()[-1].startswith(f"{SUMMARY_PREFIX} {errors} error(s)")
    # The output folder is left exactly as it was; no staging folder is left beside it.
    assert sorted(p.name for p in out.iterdir()) == [SENTINEL]
    assert (out / SENTINEL).read_bytes() == SENTINEL_BYTES
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "site"]


@pytest.mark.skipif(UPDATE, reason="expectations are being regenerated")
@pytest.mark.parametrize("name", CASES)
def test_check_reports_the_same_diagnostics(name: str, tmp_path: Path) -> None:
    """`govsite check` runs every check of build and writes nothing."""
    site = _copy_site(name, tmp_path)
    before = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*"))

    result = run_govsite("check", "--site", site, "--now", NOW, cwd=tmp_path)

    assert result.returncode == 1, result.stderr
    lines = result.stderr.splitlines()
    assert lines and lines[-1].startswith("govsite: "), result.stderr
    assert _errors_only(lines[:-1]) == _errors_only(_expected(name))
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == before
