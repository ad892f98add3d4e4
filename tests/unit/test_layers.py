"""The layering rules of docs/architecture.md, checked on the source: every module of govsite/ is parsed (ast)
and its imports (at any depth: inside functions and `if TYPE_CHECKING:` too) and disk calls are compared with
the rules below. The rules are written once, here, as data; docs/architecture.md carries the same words (a
test checks that it does).

What counts as touching the disk (a look at names, since the source is not run): opening a file (`open(...)`,
`path.open(...)`), a call of a method only paths have (`read_bytes`, `write_text`, `mkdir`, `rglob`, `is_file`,
`stat` …), a call of `os.` functions that read or change folders and files, and any use of `shutil` or
`tempfile`.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "govsite"


@dataclass(frozen=True)
class ImportRule:
    """The modules of `layer` (a module, or a package and all its modules) import, of govsite, only `allowed`
    (each a module or a package with its modules; None: any) and none of `forbidden`; `words` is the rule as
    docs/architecture.md says it."""

    words: str
    layer: str
    allowed: tuple[str, ...] | None
    forbidden: tuple[str, ...] = ()

    def allows(self, target: str) -> bool:
        return (self.allowed is None or any(within(target, allowed) for allowed in self.allowed)) \
            and not any(within(target, forbidden) for forbidden in self.forbidden)


IMPORT_RULES = (
    ImportRule("`content/` imports only `content/` and `errors`: it never imports `model/`, `output/` or any later "
               "stage.", "content", ("content", "errors")),
    ImportRule("`model/` imports only `model/`, `content/`, `config`, `registry`, `urls` and `errors`: it never "
               "imports `output/`, `bodies`, `markdown` or anything that renders or writes.",
               "model", ("model", "content", "config", "registry", "urls", "errors")),
    ImportRule("`markdown.py` knows nothing of the site: it imports only `errors` (links are resolved through a "
               "callback).", "markdown", ("errors",)),
    ImportRule("`output/` knows nothing of caching and writing: it never imports `write`, `cache`, `memofiles`, "
               "`lookback` or `cached`; it hands pages to a sink through the protocol of `output.ports`, which "
               "`write.StageWriter` implements, and hands back what its pages read (`output.ports.Recorded`), "
               "which `memofiles` keeps.",
               "output", None, ("write", "cache", "memofiles", "lookback", "cached")),
)

NO_CIRCLE = ("No import circle: no module imports, directly or through others, a module that imports it "
             "(imports inside functions count).")

DISK_WORDS = ("Only these modules touch the disk: `content.discover`, `config`, `registry` and `wordingsettings` "
              "(the site's files and YAML), `templates` (the theme, and the compiled templates of the build "
              "cache), `write`, `cache`, `search`, `outlock` (the lock), "
              "`inspection.run` (the written pages, read back), `serve` (the preview's folder), `newdoc` and "
              "`newsite` (the files `govsite new` and `govsite init` make), `environment` (the command line's "
              "checks of --site and --out), `lookback` and `cached` (whether a folder is there) and `memofiles` (the "
              "build cache's memos).")
DISK_MODULES = ("content.discover", "config", "registry", "wordingsettings", "templates", "write",
                "cache", "search", "outlock", "inspection.run", "serve", "newdoc", "newsite", "environment",
                "lookback", "cached", "memofiles")

PATH_CALLS = frozenset({
    "open", "read_text", "read_bytes", "write_text", "write_bytes", "mkdir", "rmdir", "unlink", "touch",
    "iterdir", "glob", "rglob", "walk", "exists", "is_file", "is_dir", "is_symlink", "stat", "lstat",
    "samefile", "hardlink_to", "symlink_to", "chmod",
})
OS_CALLS = frozenset({
    "open", "replace", "rename", "renames", "link", "symlink", "unlink", "remove", "removedirs", "mkdir",
    "makedirs", "rmdir", "scandir", "listdir", "walk", "stat", "lstat", "utime", "chmod", "truncate",
})
DISK_MODULES_OF_PYTHON = frozenset({"shutil", "tempfile"})


@dataclass(frozen=True)
class Module:
    """One module of govsite: its name relative to the package (`content.parse`), its file and syntax tree."""

    name: str
    path: Path
    tree: ast.Module


@cache
def modules() -> tuple[Module, ...]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found.append(Module(name, path, ast.parse(path.read_bytes(), str(path))))
    return tuple(found)


def _is_package(name: str) -> bool:
    return name == "" or (PACKAGE / name.replace(".", "/") / "__init__.py").is_file()


def imports(module: Module) -> Iterator[tuple[str, int]]:
    """The govsite modules `module` imports (relative names; "" is the package itself), with their lines."""
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "govsite" or alias.name.startswith("govsite."):
                    yield alias.name.removeprefix("govsite").removeprefix("."), node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: from the module's package upwards
                parts = module.name.split(".") if module.name else []
                parts = parts if _is_package(module.name) else parts[:-1]
                parts = parts[:len(parts) - (node.level - 1)]
                base = ".".join([*parts, *([node.module] if node.module else [])])
            elif node.module == "govsite" or (node.module or "").startswith("govsite."):
                base = (node.module or "").removeprefix("govsite").removeprefix(".")
            else:
                continue
            for alias in node.names:  # `from govsite.output import plan` imports the module plan
                sub = f"{base}.{alias.name}" if base else alias.name
                yield (sub if _is_module(sub) else base), node.lineno


def _is_module(name: str) -> bool:
    return _is_package(name) or (PACKAGE / (name.replace(".", "/") + ".py")).is_file()


def within(name: str, layer: str) -> bool:
    """`name` is the module `layer` or one of the package `layer`'s modules."""
    return name == layer or name.startswith(layer + ".")


def disk_calls(module: Module) -> Iterator[tuple[str, int]]:
    """What in `module` touches the disk (see the module's docstring), with its line."""
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            for name in names:
                if name.split(".")[0] in DISK_MODULES_OF_PYTHON:
                    yield f"import {name}", node.lineno
            if isinstance(node, ast.ImportFrom) and node.module == "os":
                for alias in node.names:
                    if alias.name in OS_CALLS:
                        yield f"from os import {alias.name}", node.lineno
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id == "open":
                yield "open()", node.lineno
            elif isinstance(func, ast.Attribute):
                owner = func.value.id if isinstance(func.value, ast.Name) else None
                if owner == "os" and func.attr in OS_CALLS:
                    yield f"os.{func.attr}()", node.lineno
                elif owner != "os" and func.attr in PATH_CALLS:
                    yield f".{func.attr}()", node.lineno


def _place(module: Module, line: int) -> str:
    return f"{module.path.relative_to(ROOT).as_posix()}:{line}"


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("rule", IMPORT_RULES, ids=lambda rule: rule.layer)
def test_a_layer_imports_only_what_its_rule_allows(rule: ImportRule) -> None:
    broken = [f"{_place(module, line)}: govsite.{module.name} imports govsite.{target or '(package)'}"
              for module in modules() if within(module.name, rule.layer)
              for target, line in imports(module)
              if not rule.allows(target)]
    assert not broken, f"broken rule: {rule.words}\n" + "\n".join(broken)


def test_there_is_no_import_circle() -> None:
    graph = {module.name: {target for target, _line in imports(module) if target != module.name}
             for module in modules()}
    circles = [circle for circle in _strongly_connected(graph) if len(circle) > 1]
    assert not circles, f"broken rule: {NO_CIRCLE}\n" + "\n".join(
        " ↔ ".join(f"govsite.{name}" for name in sorted(circle)) for circle in circles)


def _strongly_connected(graph: dict[str, set[str]]) -> list[set[str]]:
    """Tarjan's algorithm, without recursion."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next((c for c in children if c in graph), None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                found.append(component)
    return found


def test_only_the_named_modules_touch_the_disk() -> None:
    broken = [f"{_place(module, line)}: govsite.{module.name} calls {call}"
              for module in modules() if module.name not in DISK_MODULES
              for call, line in disk_calls(module)]
    assert not broken, f"broken rule: {DISK_WORDS}\n" + "\n".join(broken)


def test_each_module_named_as_touching_the_disk_does() -> None:
    """A name left in the list after its module stopped touching the disk (or went) would make the rule lie."""
    touching = {module.name for module in modules() if any(disk_calls(module))}
    assert sorted(set(DISK_MODULES) - touching) == []


def test_docs_architecture_states_the_rules_in_the_same_words() -> None:
    architecture = _words((ROOT / "docs" / "architecture.md").read_text(encoding="utf-8"))
    missing = [words for words in (*(rule.words for rule in IMPORT_RULES), NO_CIRCLE, DISK_WORDS)
               if _words(words) not in architecture]
    assert missing == []


def test_the_checks_see_imports_inside_functions_and_disk_calls() -> None:
    """The walk is not blind: it finds uncached's import of govsite.search inside a function, and a path write."""
    uncached = next(module for module in modules() if module.name == "uncached")
    assert "search" in {target for target, _line in imports(uncached)}
    source = ast.parse("def f(p):\n    from govsite.model import site\n    p.write_text('x')\n")
    probe = Module("content.probe", PACKAGE / "content" / "probe.py", source)
    assert [target for target, _line in imports(probe)] == ["model.site"]
    assert [call for call, _line in disk_calls(probe)] == [".write_text()"]
