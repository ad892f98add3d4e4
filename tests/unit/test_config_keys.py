"""Each site.yaml key is declared once (govsite/config.py: a dataclass field with its type, default, docstring
and `site_key` metadata): what site.yaml leaves out or writes wrongly takes the declared default, and
docs/content.md's table of keys gives the same defaults."""

from __future__ import annotations

import re
from dataclasses import MISSING, Field, fields, is_dataclass
from pathlib import Path
from typing import Any

from govsite.config import declared_keys, is_required, load_config

ROOT = Path(__file__).resolve().parents[2]
REQUIRED_ONLY = """\
title: 示例省人民政府信息公开
base_url: https://www.example.gov.cn/xxgk/
publisher:
  sponsor: 示例省人民政府办公厅
"""


def declared_default(declared: Field[Any]) -> object:
    return declared.default_factory() if declared.default_factory is not MISSING else declared.default


def values_of(value: object, prefix: str = "") -> dict[str, object]:
    """Every declared key's value in a loaded configuration, by dotted name (publisher.contact.phone)."""
    found: dict[str, object] = {}
    for declared in fields(value):  # type: ignore[arg-type]
        inner = getattr(value, declared.name)
        found[prefix + declared.name] = inner
        if is_dataclass(inner):
            found.update(values_of(inner, prefix + declared.name + "."))
    return found


def _site(tmp_path: Path, site_yaml: str) -> Path:
    (tmp_path / "site.yaml").write_text(site_yaml, encoding="utf-8")
    return tmp_path


def test_every_key_left_out_takes_its_declared_default(tmp_path: Path) -> None:
    config, problems = load_config(_site(tmp_path, REQUIRED_ONLY))
    assert problems == () and config is not None
    loaded = values_of(config)
    defaults = {name: declared_default(f) for name, f, _key in declared_keys() if not is_required(f)}
    assert {name: loaded[name] for name in defaults} == defaults
    assert sorted(defaults) == sorted(name for name, f, _key in declared_keys() if not is_required(f))
    assert "pagination" in defaults and "publisher.operator" in defaults and "index_no.pattern" in defaults


def test_a_key_written_wrongly_is_an_error_and_takes_its_declared_default(tmp_path: Path) -> None:
    wrong = REQUIRED_ONLY + "pagination: 0\nfeed_limit: many\ntimezone: Mars/Olympus\nindex_no:\n  pattern: '(x'\n"
    config, problems = load_config(_site(tmp_path, wrong))
    assert config is not None
    assert [(d.line, d.message.split(":")[0]) for d in problems] == [
        (5, "pagination"), (6, "feed_limit"), (7, "timezone"), (9, "pattern")]
    defaults = {name: declared_default(f) for name, f, _key in declared_keys()
                if name in ("pagination", "feed_limit", "timezone", "index_no")}
    assert (config.pagination, config.feed_limit, config.timezone, config.index_no) == (
        defaults["pagination"], defaults["feed_limit"], defaults["timezone"], defaults["index_no"])


def _documented(default: object, declared: Field[Any]) -> str:
    """A default as docs/content.md's table writes it."""
    if is_required(declared):
        return "—"
    if declared.default_factory is not MISSING:
        return "see below" if isinstance(default, dict) else "empty"
    if default is None:
        return "none"
    if isinstance(default, bool):
        return f"`{str(default).lower()}`"
    if default == "":
        return '`""`'
    return "`" + str(default).replace("|", "\\|") + "`"


def test_docs_content_gives_each_key_its_declared_default() -> None:
    whole = (ROOT / "docs" / "content.md").read_text(encoding="utf-8")
    text = whole[whole.index("\n## 2. site.yaml\n"):whole.index("\n## 3. ")]
    rows = {match[1]: match[2].strip() for match in
            re.finditer(r"^\| `([a-z_.]+)`(?: / `[^`]+`)? \| ((?:[^|\\]|\\.)+) \|", text, re.MULTILINE)}
    declared = {name: (f, declared_default(f)) for name, f, _key in declared_keys()}
    written = {name: rows[name] for name in declared if name in rows}
    assert written == {name: _documented(default, f) for name, (f, default) in declared.items() if name in rows}
    # every key is in the table, itself or through the keys under it (index_no.pattern)
    missing = [name for name in declared if name not in rows and not any(row.startswith(name + ".") for row in rows)
               and not any(name.startswith(row + ".") for row in rows)]
    assert missing == []
    assert {"title", "pagination", "publisher.sponsor", "index_no.pattern"} <= set(written)
