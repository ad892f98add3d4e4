"""The Jinja2 environment: autoescape on, StrictUndefined, the site's theme over the built-in one."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from jinja2 import (
    BytecodeCache,
    ChoiceLoader,
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    select_autoescape,
)
from jinja2.bccache import Bucket

from govsite.errors import Diagnostic, error
from govsite.theme_folder import builtin_theme


@dataclass(frozen=True)
class Theme:
    """The template folders and static folders of a theme, most specific first."""

    template_dirs: tuple[Path, ...]
    static_dirs: tuple[Path, ...]


def find_theme(site: Path, name: str) -> tuple[Theme | None, tuple[Diagnostic, ...]]:
    """The site's themes/NAME (when present) layered over the built-in default theme."""
    local = site / "themes" / name
    builtin = builtin_theme()
    if name != "default" and not local.is_dir():
        return None, (error("site.yaml", 1, f"theme '{name}' not found",
                            f"create themes/{name}/templates/ or remove the theme line"),)
    layers = [p for p in (local, builtin) if p.is_dir()]
    return Theme(tuple(p / "templates" for p in layers if (p / "templates").is_dir()),
                 tuple(p / "static" for p in layers if (p / "static").is_dir())), ()


def theme_digest(theme: Theme) -> str:
    """A digest of every template file: when it changes, every memoised page is rendered again."""
    digest = hashlib.sha256()
    for folder in theme.template_dirs:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


class CompiledInMemory(BytecodeCache):
    """Compiled templates kept in memory from one build to the next (govsite serve). Jinja checks each entry
    against its template's source, so an edited template is compiled again."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        data = self.compiled.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


def compiled_on_disk(folder: Path, code: str) -> BytecodeCache:
    """Compiled templates in `folder/<code>` (code: the digest of govsite's own code, which sets how templates
    compile); folders of other govsite versions are removed."""
    if folder.is_dir():
        for old in folder.iterdir():
            if old.name != code:
                shutil.rmtree(old, ignore_errors=True)
    (folder / code).mkdir(parents=True, exist_ok=True)
    return FileSystemBytecodeCache(str(folder / code))


def make_environment(theme: Theme, globals_: Mapping[str, object],
                     compiled: BytecodeCache | None = None) -> Environment:
    """A fresh environment for one build; templates receive plain values only. `compiled` keeps compiled
    templates between builds."""
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(str(d)) for d in theme.template_dirs]),
        bytecode_cache=compiled,
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(globals_)
    return env


def template_diagnostic(problem: TemplateError, site: Path) -> Diagnostic:
    """A theme problem as a diagnostic naming the template file (and line, for syntax errors)."""
    if isinstance(problem, TemplateSyntaxError):
        return error(_shown_path(problem.filename or problem.name or "template", site), problem.lineno,
                     f"template syntax error: {problem.message}", "check the {% %} and {{ }} tags around this line")
    if isinstance(problem, TemplateNotFound):
        return error("themes", 1, f"template '{problem.name}' not found in the theme",
                     "add it to themes/NAME/templates/ or remove the override that needs it")
    return error("themes", 1, f"template error: {problem.message or problem}",
                 "a template uses a value that does not exist; docs/theme.md lists what templates receive")


def _shown_path(filename: str, site: Path) -> str:
    try:
        return Path(filename).resolve().relative_to(site.resolve()).as_posix()
    except ValueError:
        return filename
