"""The machine's part: folders, disks and programs that stop a command, each said in one line with what to do.

The command line checks the folders it is given before it starts (a site folder that is missing or a file, an
output folder that is a file, lies inside a file, is the site itself or one of its input folders, or cannot be
written), so that no work is lost to them; `os_error_message` words the operating system's errors that only
the run meets (a full disk, a read-only disk, a permission refused). Any other error is a bug and keeps its
traceback. This module only looks at the disk; it writes nothing.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from govsite.errors import EnvironmentProblem

INPUT_FOLDERS = ("content", "data", "static", "themes")  # what a build reads besides site.yaml
FULL = frozenset({errno.ENOSPC, errno.EDQUOT})
READ_ONLY = frozenset({errno.EROFS})
REFUSED = frozenset({errno.EACCES, errno.EPERM})


def nearest_existing(path: Path) -> Path:
    """`path` itself, or the nearest folder above it that exists (what a `mkdir -p` of it would start from)."""
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def file_in_the_way(path: Path) -> Path | None:
    """The file above `path` that makes it impossible to create (`site.yaml` for `site.yaml/out`), if any."""
    above = nearest_existing(path.parent)
    return None if above.is_dir() else above


def require_site_folder(site: Path) -> None:
    """The site folder exists and is a folder."""
    hint = "give the folder that holds site.yaml with --site, or run govsite in it"
    if site.is_file():
        raise EnvironmentProblem(f"site folder '{site}' is a file, not a folder; {hint}")
    if not site.is_dir():
        raise EnvironmentProblem(f"site folder '{site}' does not exist; {hint}")


def require_output_folder(out: Path, site: Path) -> None:
    """`out` can be made: not a file, not inside a file, in a folder that can be written, and neither the site
    folder, a folder above it, nor inside one of the site's input folders (the build replaces `out` whole)."""
    hint = "give --out a folder path, e.g. --out build"
    if out.exists() and not out.is_dir():
        raise EnvironmentProblem(f"--out '{out}' is a file, not a folder; {hint}")
    blocking = file_in_the_way(out)
    if blocking is not None:
        raise EnvironmentProblem(f"--out '{out}' cannot be made: '{blocking}' is a file, not a folder; {hint}")
    where, home = out.resolve(), site.resolve()
    if home.is_relative_to(where):
        raise EnvironmentProblem(f"--out '{out}' is the site folder or a folder above it, and a build replaces its "
                                 f"output folder whole; {hint}")
    for name in INPUT_FOLDERS:
        if where.is_relative_to(home / name):
            raise EnvironmentProblem(f"--out '{out}' is inside the site's {name}/ folder, which the build reads; "
                                     f"{hint}")
    parent = nearest_existing(out.parent)
    if not os.access(parent, os.W_OK | os.X_OK):
        raise EnvironmentProblem(f"cannot write into '{parent}' (a read-only disk, or a folder you may not write "
                                 "in), where the output folder and its staging and cache folders go; give --out a "
                                 "folder you can write in")


def require_new_file(path: Path) -> None:
    """A file about to be created: no file in the way of its folders."""
    blocking = file_in_the_way(path)
    if blocking is not None:
        raise EnvironmentProblem(f"cannot create '{path}': '{blocking}' is a file, not a folder; rename or move "
                                 "that file")


def os_error_message(problem: OSError, writing: str | os.PathLike[str] | None = None) -> str | None:
    """One line for an error of the machine that a run can meet anywhere (a full or read-only disk, a refused
    permission); None for any other (a bug, whose traceback must be seen). `writing`: the folder the command
    writes into, named when the error does not say which file it met."""
    named = problem.filename if problem.filename is not None else writing
    into = f" '{problem.filename}'" if problem.filename is not None else \
        f" into '{writing}'" if writing is not None else ""
    if problem.errno in FULL:
        return f"cannot write{into}: the disk is full (or the quota used up); free some space and run the " \
               "command again"
    if problem.errno in READ_ONLY:
        return f"cannot write{into}: the disk is read-only; use a folder on a disk that can be written"
    if problem.errno in REFUSED:
        on = f" on '{named}'" if named is not None else ""
        return f"permission denied{on} ({problem.strerror}); run govsite as a user who may read and write there, " \
               "or use another folder"
    return None
