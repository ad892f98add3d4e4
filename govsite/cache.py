"""The build cache: what the last successful build read, decided and wrote, kept beside the output folder.

It lives in `.<out>.govsite-cache/` next to the output folder (`.build.govsite-cache/` for `build/`) and
holds `record.pickle` (the inputs' content hashes, the options, the output's file stamps and digests, the
window of time the output stays right, the build's summary), `memo.pickle` (parsed documents and rendered
bodies by source) and `pages.pickle` (what each page read: govsite.output.engine). Inputs are keyed by
content hash: a file
whose size, modification time and inode are unchanged keeps its recorded hash, any other is read again.

A cache is only ever a shortcut to the bytes a clean build would write: anything unreadable, from another
govsite or Python version, or for other options is ignored (the build then does everything).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import time
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path

import govsite
from govsite.theme_folder import builtin_theme

CACHE_FORMAT = 3  # 2: the spare folder's stamps, not only its digests; 3: the output's folders
INPUT_ROOTS = ("site.yaml", "content", "data", "static", "themes")
# what reading a damaged, truncated or foreign cache file can raise: the build then does everything
UNREADABLE = (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError,
              IndexError)
RACY_NS = 2_000_000_000  # a file changed this close before a snapshot is hashed again next time
RACY_FOLDERS = 256  # more output folders changed that close before they were seen: the output is scanned


@dataclass(frozen=True)
class Stamp:
    """A file as last seen: its stat identity and the hash of its bytes (b"": not taken, see snapshot_inputs)."""

    size: int
    mtime_ns: int
    ino: int
    digest: bytes


@dataclass(frozen=True)
class CacheRecord:
    """What one successful build leaves for the next."""

    key: tuple[str, ...]  # govsite's code, the format, Python, and the build's options
    inputs: Mapping[str, Stamp]
    taken_ns: int  # when the inputs were looked at
    window: tuple[datetime, datetime]  # the output is right for any `now` in [start, end)
    output: Mapping[str, Stamp]  # every file of the output folder (the search index aside)
    spare: Mapping[str, Stamp] | None  # the folder of the build before last (the next staging folder)
    summary: object  # the build's result, printed again when nothing changed
    folders: OutputFolders | None = None  # the output's folders as the last build left them


@dataclass(frozen=True)
class OutputFolders:
    """Every folder of the output that holds its files, with its modification time, and when they were seen.

    A folder whose time is the same has had no file added, removed or renamed in it since (Linux changes a
    folder's time for each); so with every file's own stamp the same, the output is exactly as written,
    known without listing 15,000 folders. A folder changed within RACY_NS before it was seen may have changed
    again in the same clock tick: its entries are listed."""

    times: Mapping[str, int]  # by folder path relative to the output ('' is the output folder itself)
    taken_ns: int


def cache_dir(out: Path) -> Path:
    """Where the cache of the output folder `out` lives."""
    return out.parent / f".{out.name}.govsite-cache"


def digest_bytes(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def digest_file(path: Path) -> bytes:
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, lambda: hashlib.blake2b(digest_size=16)).digest()


@cache
def code_digest() -> str:
    """A digest of govsite's own code and built-in theme: a changed govsite never reuses an old cache."""
    digest = hashlib.blake2b(digest_size=16)
    for folder in (Path(govsite.__file__).parent, builtin_theme()):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix != ".pyc":
                digest.update(path.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def cache_key(options: tuple[str, ...]) -> tuple[str, ...]:
    return (code_digest(), str(CACHE_FORMAT), sys.version, *options)


def _walk(site: Path, name: str, found: dict[str, os.stat_result]) -> None:
    """Every file under the site's folder `name` (dot names skipped, links to folders inside the site
    followed once), by its path in the site."""
    site_real = os.path.realpath(site)
    root = str(site / name)
    skip = len(root)  # os.walk's paths all begin with `root`: cutting it is much cheaper than os.path.relpath
    visited: set[str] = set()
    for folder, dirs, files in os.walk(root, followlinks=True):
        real = os.path.realpath(folder)
        inside = real == site_real or real.startswith(site_real + os.sep)
        if real in visited or not inside:
            dirs[:] = []
            continue
        visited.add(real)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        prefix = name + folder[skip:].replace(os.sep, "/") + "/"
        for file in files:
            if not file.startswith("."):
                full = os.path.join(folder, file)
                try:
                    found[prefix + file] = os.stat(full)
                except OSError:  # a dangling link: nothing to read, the build reports it
                    continue


def snapshot_inputs(site: Path, previous: CacheRecord | None) -> tuple[dict[str, Stamp], int]:
    """Every input file's stamp (site files by their path in the site) and when the snapshot was taken."""
    taken_ns = time.time_ns()
    found: dict[str, os.stat_result] = {}
    for name in INPUT_ROOTS:
        path = site / name
        if path.is_dir():
            _walk(site, name, found)
        elif path.is_file():
            found[name] = path.stat()
    known = previous.inputs if previous is not None else {}
    racy_after = previous.taken_ns - RACY_NS if previous is not None else 0
    stamps: dict[str, Stamp] = {}
    for rel, stat in found.items():
        old = known.get(rel)
        if old is not None and (old.size, old.mtime_ns, old.ino) == (stat.st_size, stat.st_mtime_ns, stat.st_ino) \
                and stat.st_mtime_ns < racy_after:
            stamps[rel] = old
            continue
        if previous is None and stat.st_mtime_ns < taken_ns - RACY_NS:
            # a first build: the stat is enough to know the file again; its hash is taken when it changes
            stamps[rel] = Stamp(stat.st_size, stat.st_mtime_ns, stat.st_ino, b"")
            continue
        try:
            stamps[rel] = Stamp(stat.st_size, stat.st_mtime_ns, stat.st_ino, digest_file(site / rel))
        except OSError:  # vanished since the walk: the build will see it missing
            continue
    return stamps, taken_ns


def same_inputs(record: CacheRecord, inputs: Mapping[str, Stamp]) -> bool:
    """The same files with the same bytes (a file only touched still counts as the same; one whose hash was
    never taken, b"", is the same only while its stat is)."""
    return record.inputs.keys() == inputs.keys() and all(
        record.inputs[rel].digest == stamp.digest for rel, stamp in inputs.items())


def output_stamps(out: Path, skip_top: tuple[str, ...] = ("pagefind",)) -> dict[str, os.stat_result]:
    """Every file of the output folder by relative path (top-level folders in `skip_top` left out)."""
    found: dict[str, os.stat_result] = {}
    if out.is_dir():
        _scan(str(out), "", found, skip_top)
    return found


def _scan(folder: str, prefix: str, found: dict[str, os.stat_result], skip: tuple[str, ...]) -> None:
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if entry.name not in skip:
                    _scan(entry.path, f"{prefix}{entry.name}/", found, ())
            else:
                found[prefix + entry.name] = entry.stat(follow_symlinks=False)


def output_folders(out: Path, files: Collection[str]) -> OutputFolders:
    """The folders holding `files` (the output's files), each with its modification time now."""
    taken_ns = time.time_ns()
    folders = {""}
    for rel in files:
        parent = rel.rpartition("/")[0]
        while parent not in folders:
            folders.add(parent)
            parent = parent.rpartition("/")[0]
    root = str(out)
    return OutputFolders({folder: os.stat(_inside(root, folder)).st_mtime_ns for folder in folders},
                         taken_ns)


def folders_settled(record: CacheRecord) -> bool:
    """Whether the record's folders were all seen well after they last changed (so that `trusted_output`
    knows the output by stat alone); if not, a build with nothing to do looks at them again for the next."""
    folders = record.folders
    return folders is not None and all(mtime < folders.taken_ns - RACY_NS for mtime in folders.times.values())


def _inside(root: str, rel: str) -> str:
    """The path of `rel` in the output folder `root` ('' is the folder itself)."""
    return f"{root}/{rel}" if rel else root


def _as_written(record: CacheRecord, out: Path, skip_top: tuple[str, ...] = ("pagefind",)) -> bool:
    """Whether the output is exactly as the last build left it, known by the stat of each file and folder."""
    folders = record.folders
    if folders is None:
        return False
    root = str(out)
    try:
        for rel, stamp in record.output.items():
            found = os.stat(f"{root}/{rel}", follow_symlinks=False)
            if (found.st_size, found.st_mtime_ns, found.st_ino) != (stamp.size, stamp.mtime_ns, stamp.ino):
                return False
        racy = []
        for folder, mtime in folders.times.items():
            if os.stat(_inside(root, folder)).st_mtime_ns != mtime:
                return False
            if mtime >= folders.taken_ns - RACY_NS:
                racy.append(folder)
        if len(racy) > RACY_FOLDERS:  # right after a build that wrote everything: listing them all is the scan
            return False
        children = _children(record, folders) if racy else {}
        return all({name for name in os.listdir(_inside(root, folder))
                    if folder or name not in skip_top} == children.get(folder, set()) for folder in racy)
    except OSError:  # a file or folder gone
        return False


def _children(record: CacheRecord, folders: OutputFolders) -> dict[str, set[str]]:
    """The names each folder of the output holds: its files and its folders."""
    children: dict[str, set[str]] = {}
    for rel in (*record.output, *folders.times):
        if rel:
            parent, _slash, name = rel.rpartition("/")
            children.setdefault(parent, set()).add(name)
    return children


def trusted_output(record: CacheRecord, out: Path) -> tuple[frozenset[str], bool]:
    """The output files still exactly as the last build wrote them, and whether the whole folder is."""
    if _as_written(record, out):
        return frozenset(record.output), True
    seen = output_stamps(out)
    trusted = frozenset(rel for rel, stamp in record.output.items()
                        if (found := seen.get(rel)) is not None
                        and (found.st_size, found.st_mtime_ns, found.st_ino) == (stamp.size, stamp.mtime_ns, stamp.ino))
    return trusted, len(trusted) == len(record.output) == len(seen)


def stamp_updated(out: Path, digests: Mapping[str, bytes], spare: Mapping[str, Stamp],
                  touched: Collection[str]) -> dict[str, Stamp]:
    """The stamps of an output made by updating the spare folder: a file the update left alone is the spare's
    file, with its stamp; only the files written or linked (`touched`) are looked at again."""
    stamps = {}
    for rel, digest in digests.items():
        old = spare.get(rel)
        if rel in touched or old is None or old.digest != digest:
            stat = os.stat(out / rel, follow_symlinks=False)
            stamps[rel] = Stamp(stat.st_size, stat.st_mtime_ns, stat.st_ino, digest)
        else:
            stamps[rel] = old
    return stamps


def stamp_output(out: Path, digests: Mapping[str, bytes]) -> dict[str, Stamp]:
    """The stamps of the output just written, with each file's known digest."""
    stamps = {}
    for rel, stat in output_stamps(out).items():
        digest = digests.get(rel)
        if digest is not None:
            stamps[rel] = Stamp(stat.st_size, stat.st_mtime_ns, stat.st_ino, digest)
    return stamps


@dataclass
class CacheFiles:
    """Reading and writing the cache folder of one output folder: the record of the last build here; its
    memos, which only a build with something to do loads, in govsite.memofiles."""

    folder: Path
    notes: list[str] = field(default_factory=list)

    def load_record(self, key: tuple[str, ...]) -> CacheRecord | None:
        record = self.read("record.pickle")
        return record if isinstance(record, CacheRecord) and record.key == key else None

    def forget(self) -> None:
        """Drop the record before the staging folder is changed (a build killed midway leaves no cache)."""
        (self.folder / "record.pickle").unlink(missing_ok=True)

    def save(self, record: CacheRecord) -> None:
        """Keep the record (written last: the memos it vouches for are already there)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        self.write("record.pickle", record)

    def read(self, name: str) -> object:
        """The value pickled in `name`, or None when it is missing or unreadable (with a note)."""
        path = self.folder / name
        if not path.is_file():
            return None
        try:
            with path.open("rb") as stream:
                return pickle.load(stream)
        except UNREADABLE as problem:
            self.unreadable(path, problem)
            return None

    def unreadable(self, path: Path, problem: BaseException) -> None:
        self.notes.append(f"the build cache {path} could not be read ({type(problem).__name__}); "
                          "building everything")

    def write(self, name: str, *values: object) -> None:
        """Write `name` anew (through a temporary file, so a reader never sees half of it): the values pickled
        one after the other."""
        temporary = self.folder / f".{name}.new"
        with temporary.open("wb") as stream:
            for value in values:
                pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, self.folder / name)
