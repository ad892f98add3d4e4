"""Where the built-in theme is, in a checkout or inside an installed package (without importing Jinja: the
build cache's key reads it on every build, also on one with nothing to do)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def builtin_theme() -> Path:
    """The built-in theme folder (themes/default), in a checkout or inside an installed package."""
    return Path(str(resources.files("govsite.themes").joinpath("default")))
