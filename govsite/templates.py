"""The Jinja2 environment: autoescape on, StrictUndefined, the site's theme over the built-in one."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, select_autoescape

from govsite.errors import Diagnostic, error


def builtin_theme() -> Path:
    """The built-in theme folder (themes/default), in a checkout or inside an installed package."""
    return Path(str(resources.files("govsite.themes").joinpath("default")))


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


def make_environment(theme: Theme, globals_: Mapping[str, object]) -> Environment:
    """A fresh environment for one build; templates receive plain values only."""
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(str(d)) for d in theme.template_dirs]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(globals_)
    return env
