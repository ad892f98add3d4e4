"""The command line's own messages: errors of the machine (not of the site) are one line with what to do and
exit status 2, never a traceback; each subcommand's --help says what it does and its exit statuses; the version
is written in one place.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from helpers import REPO_ROOT, catalog_doc, run_govsite, write_site

import govsite
from govsite import cli
from govsite.environment import os_error_message

NOW = "2026-11-27T12:00:00+08:00"
DOC = "content/policies/2025/a.md"


def tree(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def one_error(result: subprocess.CompletedProcess[str], message: str) -> None:
    """The run printed exactly this one error line and nothing else, and exited with status 2."""
    assert (result.returncode, result.stderr, result.stdout) == (2, f"govsite: error: {message}\n", "")


OUT_HINT = "give --out a folder path, e.g. --out build"


@pytest.mark.parametrize(("out", "message"), [
    ("site.yaml/out", f"--out 'site.yaml/out' cannot be made: 'site.yaml' is a file, not a folder; {OUT_HINT}"),
    ("site.yaml/deeper/out",
     f"--out 'site.yaml/deeper/out' cannot be made: 'site.yaml' is a file, not a folder; {OUT_HINT}"),
    ("site.yaml", f"--out 'site.yaml' is a file, not a folder; {OUT_HINT}"),
    (".", "--out '.' is the site folder or a folder above it, and a build replaces its output folder whole; "
          f"{OUT_HINT}"),
    ("..", "--out '..' is the site folder or a folder above it, and a build replaces its output folder whole; "
           f"{OUT_HINT}"),
    ("content/out", f"--out 'content/out' is inside the site's content/ folder, which the build reads; {OUT_HINT}"),
    ("static/x/out", f"--out 'static/x/out' is inside the site's static/ folder, which the build reads; {OUT_HINT}"),
])
def test_an_output_folder_that_cannot_be_is_one_line_and_exit_2(tmp_path: Path, out: str, message: str) -> None:
    site = write_site(tmp_path / "site", {DOC: catalog_doc(), "static/x/logo.txt": "logo"})
    before = tree(tmp_path)
    result = run_govsite("build", "--site", ".", "--out", out, "--now", NOW, cwd=site)
    one_error(result, message)
    assert tree(tmp_path) == before


SITE_HINT = "give the folder that holds site.yaml with --site, or run govsite in it"


@pytest.mark.parametrize("command", [["build"], ["check"], ["serve"], ["list", "drafts"], ["new", "policy"]])
def test_a_site_folder_that_is_missing_or_a_file_is_one_line_and_exit_2(tmp_path: Path, command: list[str]) -> None:
    (tmp_path / "notes.txt").write_text("not a site", encoding="utf-8")
    missing = run_govsite(*command, "--site", "nowhere", "--now", NOW, cwd=tmp_path)
    one_error(missing, f"site folder 'nowhere' does not exist; {SITE_HINT}")
    a_file = run_govsite(*command, "--site", "notes.txt", "--now", NOW, cwd=tmp_path)
    one_error(a_file, f"site folder 'notes.txt' is a file, not a folder; {SITE_HINT}")
    assert tree(tmp_path) == ["notes.txt"]


@pytest.mark.parametrize("command", [["build", "--no-search"], ["check"], ["serve"], ["list", "drafts"],
                                     ["new", "policy"]])
def test_a_missing_site_yaml_is_exit_1_as_each_help_says(tmp_path: Path, command: list[str]) -> None:
    (tmp_path / "site").mkdir()
    result = run_govsite(*command, "--site", "site", "--now", NOW, cwd=tmp_path)
    assert result.returncode == 1
    assert "site.yaml:1: error: site.yaml is missing" in result.stderr
    assert "Traceback" not in result.stderr


NO_SEARCH = "or build without the search index (--no-search)"
REINSTALL = "reinstall it with pip install --force-reinstall 'pagefind[extended]'"


def test_a_pagefind_that_is_not_there_is_one_line_and_exit_2(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {DOC: catalog_doc()})
    result = run_govsite("build", "--site", site, "--out", tmp_path / "out", "--now", NOW,
                         env={"PAGEFIND_BINARY_PATH": str(tmp_path / "no-pagefind")})
    one_error(result, f"PAGEFIND_BINARY_PATH names '{tmp_path / 'no-pagefind'}', which is not a program that can "
                      f"run: correct or unset it, {NO_SEARCH}")
    assert not (tmp_path / "out").exists()


def test_a_pagefind_that_does_not_run_is_one_line_and_exit_2(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {DOC: catalog_doc()})
    broken = tmp_path / "pagefind"
    broken.write_text("#!/bin/sh\nexit 3\n", encoding="utf-8")
    broken.chmod(0o755)
    result = run_govsite("build", "--site", site, "--out", tmp_path / "out", "--now", NOW,
                         env={"PAGEFIND_BINARY_PATH": str(broken)})
    one_error(result, f"Pagefind's program '{broken}' does not run (exit status 3): {REINSTALL}, {NO_SEARCH}")
    assert not (tmp_path / "out").exists()


def test_init_into_a_path_through_a_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("a file", encoding="utf-8")
    result = run_govsite("init", "notes.txt/site", "--title", "示例市人民政府信息公开", "--base-url",
                         "https://www.example.gov.cn/xxgk/", "--site-code", "4400000001", "--now", NOW, cwd=tmp_path)
    one_error(result, "'notes.txt/site' cannot be made: 'notes.txt' is a file, not a folder; give a new or empty folder")
    assert tree(tmp_path) == ["notes.txt"]


def test_new_where_a_file_stands_in_the_way_is_one_line_and_exit_2(tmp_path: Path) -> None:
    write_site(tmp_path / "site", {"content/policies/2026": "a file where the year's folder goes"})
    result = run_govsite("new", "policy", "--site", "site", "--agency", "czt", "--now", NOW, cwd=tmp_path)
    one_error(result, "cannot create 'site/content/policies/2026/czt-2026-00001.md': 'site/content/policies/2026' "
                      "is a file, not a folder; rename or move that file")


# A full and a read-only disk, for real: a small tmpfs mounted in a mount namespace of the govsite process only.
UNSHARE = shutil.which("unshare")


def _in_small_disk(tmp_path: Path, options: str, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """Run govsite with a 64 KiB tmpfs (mount `options`) mounted at tmp_path/disk for it alone."""
    disk = tmp_path / "disk"
    disk.mkdir(exist_ok=True)
    env = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    env |= {"PYTHONPATH": os.pathsep.join(p for p in (str(REPO_ROOT), env.get("PYTHONPATH", "")) if p),
            "PYTHONIOENCODING": "utf-8"}
    script = f'mount -t tmpfs -o size=64k,{options} tmpfs "{disk}" && exec "$@"'
    return subprocess.run([str(UNSHARE), "-m", "sh", "-c", script, "sh", sys.executable, "-m", "govsite",
                           *map(str, args)], env=env, capture_output=True, text=True, check=False, timeout=300)


def _can_mount(tmp_path: Path) -> bool:
    if UNSHARE is None:
        return False
    probe = tmp_path / "probe"
    probe.mkdir()
    done = subprocess.run([UNSHARE, "-m", "sh", "-c", f'mount -t tmpfs -o size=64k tmpfs "{probe}"'],
                          capture_output=True, check=False)
    return done.returncode == 0


def test_a_full_disk_is_one_line_and_exit_2(tmp_path: Path) -> None:
    if not _can_mount(tmp_path):
        pytest.skip("no permission to mount a small tmpfs in a mount namespace (unshare -m)")
    site = write_site(tmp_path / "site", {DOC: catalog_doc(body="正文。" * 20_000)})  # 120 KB of body: > 64 KiB
    result = _in_small_disk(tmp_path, "rw", "build", "--site", site, "--out", tmp_path / "disk" / "out",
                            "--now", NOW, "--no-search")
    one_error(result, f"cannot write into '{tmp_path / 'disk' / 'out'}': the disk is full (or the quota used up); "
                      "free some space and run the command again")


def test_a_read_only_disk_is_one_line_and_exit_2_before_the_build_starts(tmp_path: Path) -> None:
    if not _can_mount(tmp_path):
        pytest.skip("no permission to mount a small tmpfs in a mount namespace (unshare -m)")
    site = write_site(tmp_path / "site", {DOC: catalog_doc()})
    result = _in_small_disk(tmp_path, "ro", "build", "--site", site, "--out", tmp_path / "disk" / "out",
                            "--now", NOW)
    one_error(result, f"cannot write into '{tmp_path / 'disk'}' (a read-only disk, or a folder you may not write "
                      "in), where the output folder and its staging and cache folders go; give --out a folder you "
                      "can write in")


def test_a_folder_without_write_permission_is_one_line_and_exit_2(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root may write in any folder (the read-only disk above checks the same message)")
    site = write_site(tmp_path / "site", {DOC: catalog_doc()})
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        result = run_govsite("build", "--site", site, "--out", locked / "out", "--now", NOW)
    finally:
        locked.chmod(0o755)
    one_error(result, f"cannot write into '{locked}' (a read-only disk, or a folder you may not write in), where "
                      "the output folder and its staging and cache folders go; give --out a folder you can write in")
    assert list(locked.iterdir()) == []


@pytest.mark.parametrize(("number", "message"), [
    (errno.ENOSPC, "cannot write 'out/a.html': the disk is full (or the quota used up); free some space and run the "
                   "command again"),
    (errno.EDQUOT, "cannot write 'out/a.html': the disk is full (or the quota used up); free some space and run the "
                   "command again"),
    (errno.EROFS, "cannot write 'out/a.html': the disk is read-only; use a folder on a disk that can be written"),
    (errno.EACCES, "permission denied on 'out/a.html' (the reason); run govsite as a user who may read and write "
                   "there, or use another folder"),
    (errno.EPERM, "permission denied on 'out/a.html' (the reason); run govsite as a user who may read and write "
                  "there, or use another folder"),
])
def test_the_machine_s_errors_are_worded(number: int, message: str) -> None:
    assert os_error_message(OSError(number, "the reason", "out/a.html"), "out") == message


def test_without_a_file_name_the_folder_written_into_is_named() -> None:
    assert os_error_message(OSError(errno.ENOSPC, "No space left on device"), "build") == \
        "cannot write into 'build': the disk is full (or the quota used up); free some space and run the command again"


def test_any_other_os_error_is_a_bug_and_keeps_its_traceback(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def bug(_args: object) -> int:
        raise FileNotFoundError(errno.ENOENT, "No such file or directory", "a/path/govsite/got/wrong")

    monkeypatch.setitem(cli.COMMANDS, "list", bug)
    assert os_error_message(FileNotFoundError(errno.ENOENT, "gone", "x")) is None
    with pytest.raises(FileNotFoundError):
        cli.main(["list", "drafts", "--site", str(tmp_path)])


# govsite new: its kinds are argparse choices; the problems it meets in the site are printed, errors fail it.

def test_new_lists_the_kinds_in_its_usage_and_refuses_another_with_exit_2(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {})
    result = run_govsite("new", "nope", "--site", site, "--now", NOW)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        "govsite new: error: argument kind: invalid choice: 'nope' (choose from 'disclosure', 'policy', "
        "'interpretation', 'tender', 'fund', 'report', 'topic', 'standard', 'qa', 'gazette', 'power', 'guide', "
        "'page')")
    assert "{disclosure,policy,interpretation,tender,fund,report,topic,standard,qa,gazette,power,guide,page}" \
        in result.stderr
    assert tree(site) == ["data", "data/agencies.yaml", "site.yaml"]


@pytest.mark.parametrize("kind", ["政策文件", "policies"])
def test_new_still_takes_a_kind_s_chinese_label_or_folder(tmp_path: Path, kind: str) -> None:
    write_site(tmp_path / "site", {})
    result = run_govsite("new", kind, "--site", "site", "--agency", "czt", "--now", NOW, cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines()[0] == \
        "created site/content/policies/2026/czt-2026-00001.md (索引号 11440000MB2C12345X/2026-00001)"


def test_new_prints_the_site_s_errors_and_writes_nothing(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {DOC: catalog_doc(written="2025-02-30")})
    before = tree(site)
    result = run_govsite("new", "policy", "--site", site, "--agency", "czt", "--now", NOW)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{DOC}:5: error: written: '2025-02-30' is not a valid date",
        "  hint: 2025-02 has 28 days",
        "govsite: new failed: 1 error(s), 0 warning(s) in the site; nothing was written: correct them and run it "
        "again",
    ]
    assert result.stdout == ""
    assert tree(site) == before


def test_new_prints_the_errors_of_data_files_too(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {"data/search.yaml": "同义词:\n  医保: [医疗保障, 医保]\n"})
    result = run_govsite("new", "policy", "--site", site, "--agency", "czt", "--now", NOW)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "data/search.yaml:2: error: 同义词: '医保' lists itself as a synonym",
        "  hint: remove it from the list: a search always finds the term itself",
        "govsite: new failed: 1 error(s), 0 warning(s) in the site; nothing was written: correct them and run it "
        "again",
    ]
    assert not (site / "content").exists()


# --help: a description and the exit statuses of every subcommand.

HELP = {
    "build": ("Check the whole site and, when it has no errors, build it into the output folder",
              ["  0  built (warnings do not fail a build)",
               "  1  the site has errors (with --strict, warnings too): nothing was written",
               "  2  a wrong command line, or the machine stopped it (a folder that is a file",
               "     or cannot be written, a full disk, Pagefind missing)"]),
    "check": ("Run every check of a build, list the TODOs left to fill in and the inspection report",
              ["  0  no errors (warnings and inspection findings alone do not fail it)",
               "  1  the site has errors (with --strict, warnings and inspection findings too)",
               "  2  a wrong command line, or the machine stopped it (a folder that is a file",
               "     or cannot be written, a full disk)"]),
    "serve": ("Build a preview into a temporary folder and serve it",
              ["  0  stopped (Ctrl+C, SIGTERM or SIGHUP); errors in the site are shown in the",
               "     browser",
               "  1  site.yaml is missing or cannot be read",
               "  2  a wrong command line, or the machine stopped it (a folder that is a file",
               "     or cannot be written, a full disk, Pagefind missing, the port taken)"]),
    "new": ("Write a new document of a kind from its template, with the next free 索引号",
            ["  0  the file was written",
             "  1  the site has errors: nothing was written",
             "  2  a wrong command line (e.g. an unknown kind or agency), or the machine",
             "     stopped it (a folder that is a file or cannot be written, a full disk)"]),
    "init": ("Write a new site (site.yaml, data/agencies.yaml, the 指南, 依申请公开 and 制度 pages",
             ["  0  the site was written",
              "  2  a wrong command line (e.g. a bad --site-code) or a file init would write",
              "     is already there, or the machine stopped it (a folder that is a file or",
              "     cannot be written, a full disk)"]),
    "list": ("List documents one a line (path, title, reason): drafts, those whose publication time is still to come",
             ["  0  listed",
              "  1  site.yaml is missing or cannot be read",
              "  2  a wrong command line, or the machine stopped it (a folder that is a file",
              "     or cannot be written, a full disk)"]),
}


def test_every_subcommand_is_in_the_help_table() -> None:
    assert set(HELP) == set(cli.COMMANDS)


@pytest.mark.parametrize("command", sorted(HELP))
def test_each_subcommand_s_help_has_a_description_and_its_exit_statuses(command: str) -> None:
    result = run_govsite(command, "--help")
    assert result.returncode == 0, result.stderr
    description, exits = HELP[command]
    assert description in " ".join(result.stdout.split())
    assert result.stdout.splitlines()[-len(exits) - 1:] == ["exit status:", *exits]


def test_the_version_is_written_once_and_govsite_version_says_it() -> None:
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"] and "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "govsite.__version__"}
    result = run_govsite("--version")
    assert (result.returncode, result.stdout) == (0, f"govsite {govsite.__version__}\n")


def test_the_inotify_limit_is_not_called_a_full_disk(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from watchdog.observers import Observer

    from govsite.errors import EnvironmentProblem
    from govsite.serve import watch

    def limit_reached(_observer: object) -> None:
        raise OSError(errno.ENOSPC, "inotify watch limit reached")  # as watchdog raises it

    monkeypatch.setattr(Observer, "start", limit_reached)
    with pytest.raises(EnvironmentProblem) as raised:
        watch(tmp_path, lambda: None)
    assert str(raised.value) == (
        "cannot watch the site's files for changes (inotify watch limit reached): raise the system's limit, e.g. "
        "sudo sysctl fs.inotify.max_user_watches=524288 (and fs.inotify.max_user_instances), or close other "
        "programs that watch files")
