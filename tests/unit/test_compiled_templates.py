"""Compiled templates kept between builds: reused while a template is unchanged, compiled again once edited."""

from __future__ import annotations

from pathlib import Path

from jinja2.bccache import Bucket

from govsite.templates import CompiledInMemory, Theme, compiled_on_disk, make_environment


def theme_with(tmp_path: Path, text: str) -> Theme:
    folder = tmp_path / "templates"
    folder.mkdir(exist_ok=True)
    (folder / "page.html").write_text(text, encoding="utf-8")
    return Theme((folder,), ())


def render(theme: Theme, compiled: object) -> str:
    env = make_environment(theme, {"who": "公众"}, compiled)  # type: ignore[arg-type]
    return env.get_template("page.html").render()


class Counting(CompiledInMemory):
    """Counts compilations: Jinja stores a template's code only after compiling it."""

    def __init__(self) -> None:
        super().__init__()
        self.compilations = 0

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compilations += 1
        super().dump_bytecode(bucket)


def test_the_preview_reuses_compiled_templates_until_one_is_edited(tmp_path: Path) -> None:
    compiled = Counting()
    theme = theme_with(tmp_path, "<p>你好，{{ who }}</p>")
    assert render(theme, compiled) == "<p>你好，公众</p>"
    assert compiled.compilations == 1
    assert render(theme, compiled) == "<p>你好，公众</p>"  # a new environment, as each build makes
    assert compiled.compilations == 1
    theme_with(tmp_path, "<p>欢迎，{{ who }}</p>")
    assert render(theme, compiled) == "<p>欢迎，公众</p>"  # the edited source is compiled again
    assert compiled.compilations == 2


def test_compiled_templates_on_disk_are_per_govsite_version(tmp_path: Path) -> None:
    theme = theme_with(tmp_path, "<p>{{ who }}</p>")
    folder = tmp_path / "cache" / "templates"
    assert render(theme, compiled_on_disk(folder, "aaa")) == "<p>公众</p>"
    assert len(list((folder / "aaa").iterdir())) == 1
    theme_with(tmp_path, "<p>{{ who }}！</p>")
    assert render(theme, compiled_on_disk(folder, "aaa")) == "<p>公众！</p>"  # an edited template is not stale
    assert render(theme, compiled_on_disk(folder, "bbb")) == "<p>公众！</p>"
    assert [p.name for p in folder.iterdir()] == ["bbb"]  # another govsite's compiled templates are removed
