"""Plain helpers shared by the tests: the base site, a catalog document, a build, a digest of an output tree.

Importable as ``from helpers import ...`` (tests/conftest.py puts this folder on ``sys.path``); the same
functions are also offered as fixtures of the same name by tests/conftest.py.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from govsite.clock import resolve_now
from govsite.model.publication import BuildOptions
from govsite.request import BuildRequest

REPO_ROOT = Path(__file__).resolve().parents[1]

NOW = "2026-11-27T12:00:00+08:00"  # the fixed clock of every test (--now)

# The base site: site.yaml's required keys (spec 2); site_yaml(**keys) gives it with keys changed.
BASE_SITE: dict[str, Any] = {
    "title": "示例省人民政府信息公开",
    "base_url": "https://www.example.gov.cn/xxgk/",
    "publisher": {"sponsor": "示例省人民政府办公厅"},
}

DEFAULT_AGENCIES_YAML = """\
- key: czt
  name: 示例省财政厅
  code: 11440000MB2C12345X
- key: jyt
  name: 示例省教育厅
  code: 11440000MB2C23456Y
"""

# The default front matter of catalog_doc(), in this order.
DEFAULT_FIELDS: dict[str, Any] = {
    "title": "示例省财政厅关于做好2025年预算执行工作的通知",
    "index_no": "11440000MB2C12345X/2025-00001",
    "agency": "czt",
    "written": "2025-03-01",
    "topic": "财政、金融、审计",
    "genre": "通知",
    "review": "已审查",
}

DEFAULT_BODY = """\
## 一、总体要求

各市、县（区）财政局，省直各单位：为进一步做好预算执行工作，现将有关事项通知如下。

## 二、工作安排

请各单位严格执行预算，加快支出进度，提高资金使用效益。
"""

# Chinese aliases of the default fields: giving the alias replaces the English default (a key given
# twice is an error, so the default must go).
ALIASES: dict[str, str] = {
    "标题": "title",
    "索引号": "index_no",
    "发布机构": "agency",
    "成文日期": "written",
    "主题分类": "topic",
    "体裁分类": "genre",
    "保密审查": "review",
}

_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


class _Dumper(yaml.SafeDumper):
    """Writes date-like strings unquoted: ``written="2025-03-01"`` becomes a YAML date."""


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    if dumper.resolve(yaml.ScalarNode, data, (True, False)) == _TIMESTAMP_TAG:  # type: ignore[no-untyped-call]
        return dumper.represent_scalar(_TIMESTAMP_TAG, data)
    return dumper.represent_str(data)


_Dumper.add_representer(str, _represent_str)


def dump_yaml(data: Any) -> str:
    """YAML as a person writes it: block style, Chinese kept as is, keys in the given order."""
    text: str = yaml.dump(
        data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False, width=10_000
    )
    return text


def site_yaml(**keys: Any) -> str:
    """The base site.yaml with ``keys`` changed: a new key goes at the end, ``None`` removes a key, and a
    mapping is merged into the base's mapping of that name (``publisher={"icp": …}`` keeps the sponsor)."""
    return dump_yaml(_merged(BASE_SITE, keys))


def _merged(base: Mapping[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in changes.items():
        if value is None:
            merged.pop(key, None)
        elif isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = _merged(merged[key], value)
        else:
            merged[key] = value
    return merged


DEFAULT_SITE_YAML = site_yaml()


def catalog_doc(*, body: str | None = None, **fields: Any) -> str:
    """A valid catalog document (front matter + Markdown) with sensible defaults.

    A keyword replaces the default field of that name (its Chinese alias replaces it too), ``None``
    removes a field, any other keyword adds a field; ``body`` sets the Markdown body. Strings that look
    like dates or date-times are written unquoted, as YAML timestamps.
    """
    front: dict[str, Any] = dict(DEFAULT_FIELDS)
    for key in fields:
        if key in ALIASES:
            front.pop(ALIASES[key], None)
    for key, value in fields.items():
        if value is None:
            front.pop(key, None)
        else:
            front[key] = value
    text = "---\n" + (dump_yaml(front) if front else "") + "---\n\n"
    text += DEFAULT_BODY if body is None else body
    if not text.endswith("\n"):
        text += "\n"
    return text


def write_site(
    root: Path,
    files: Mapping[str, str | bytes] | None = None,
    *,
    site_yaml: str | None = DEFAULT_SITE_YAML,
    agencies_yaml: str | None = DEFAULT_AGENCIES_YAML,
) -> Path:
    """Write a site into ``root``: ``files`` maps a relative path to its text (or raw bytes).

    ``site.yaml`` and ``data/agencies.yaml`` get the defaults above unless ``files`` gives them; pass
    ``site_yaml=None`` / ``agencies_yaml=None`` to leave one out altogether.
    """
    files = dict(files or {})
    if site_yaml is not None:
        files.setdefault("site.yaml", site_yaml)
    if agencies_yaml is not None:
        files.setdefault("data/agencies.yaml", agencies_yaml)
    root.mkdir(parents=True, exist_ok=True)
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
    return root


def copy_fixture_site(source: Path, target: Path, *, leave_out: tuple[str, ...] = ("expected.txt",)) -> Path:
    """Copy a fixture site folder (tests/sites/NAME, tests/inspection_sites/NAME) to ``target`` and give it the
    base site.yaml and data/agencies.yaml where it has none of its own: a fixture holds only what it is about.
    """
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(*leave_out))
    for rel, text in (("site.yaml", DEFAULT_SITE_YAML), ("data/agencies.yaml", DEFAULT_AGENCIES_YAML)):
        if not (target / rel).exists():
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            (target / rel).write_text(text, encoding="utf-8", newline="")
    return target


def run_govsite(
    *args: str | os.PathLike[str],
    cwd: str | os.PathLike[str] | None = None,
    env: Mapping[str, str] | None = None,
    timeout: float = 600,
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m govsite ARGS`` and capture its output as text; never raises on a non-zero exit.

    The child gets the repository on PYTHONPATH, UTF-8 standard streams and no inherited
    SOURCE_DATE_EPOCH; ``env`` adds or replaces variables.
    """
    child_env = dict(os.environ)
    child_env.pop("SOURCE_DATE_EPOCH", None)
    child_env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(REPO_ROOT), child_env.get("PYTHONPATH", "")) if p
    )
    child_env["PYTHONIOENCODING"] = "utf-8"
    if env:
        child_env.update(env)
    return subprocess.run(
        [sys.executable, "-m", "govsite", *(os.fspath(a) for a in args)],
        cwd=cwd,
        env=child_env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
        check=False,
    )


def parse_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Split a document written by catalog_doc() (or by hand) into its front matter and body."""
    if not text.startswith("---\n"):
        raise ValueError("no front matter")
    end = text.index("\n---\n", 3)
    data = yaml.safe_load(text[4 : end + 1]) or {}
    if not isinstance(data, dict):
        raise ValueError("front matter is not a mapping")
    return data, text[end + 5 :]


def build_args(site: str | os.PathLike[str], out: str | os.PathLike[str], *extra: str | os.PathLike[str],
               now: str | None = NOW, search: bool = False) -> list[str]:
    """``build --site SITE --out OUT --now NOW [--no-search] EXTRA…``: the command line every test builds with.

    ``now=None`` leaves --now out (SOURCE_DATE_EPOCH or the clock decide); ``search=True`` builds the index.
    """
    args = ["build", "--site", os.fspath(site), "--out", os.fspath(out)]
    if now is not None:
        args += ["--now", now]
    if not search:
        args.append("--no-search")
    return [*args, *(os.fspath(a) for a in extra)]


def build_site(site: str | os.PathLike[str], out: str | os.PathLike[str], *extra: str | os.PathLike[str],
               now: str | None = NOW, search: bool = False, cwd: str | os.PathLike[str] | None = None,
               env: Mapping[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m govsite`` with build_args(): the site built as an editor builds it, output captured."""
    return run_govsite(*build_args(site, out, *extra, now=now, search=search), cwd=cwd, env=env)


def build_request(site: Path, out: Path, *, now: str = NOW, drafts: bool = False, future: bool = False,
                  unreviewed: bool = False, **fields: Any) -> BuildRequest:
    """The BuildRequest of the same build, for tests that call govsite.build in this process; ``fields``
    are BuildRequest's own (base_url, strict, search, cache); what the build runs with is a BuildRuntime."""
    options = BuildOptions(resolve_now(now, site), drafts=drafts, future=future, unreviewed=unreviewed)
    return BuildRequest(site, out, options, **fields)


def tree_digest(folder: Path, skip_top: tuple[str, ...] = ()) -> dict[str, str]:
    """SHA-256 of every file under ``folder`` by relative path (top-level folders in ``skip_top`` left out,
    e.g. ``("pagefind",)``: Pagefind's index files are not reproducible, spec 4)."""
    digests: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if rel.split("/", 1)[0] in skip_top or not path.is_file():
            continue
        digests[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digests
