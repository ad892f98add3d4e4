"""The command line: parse arguments, call one function, print diagnostics, return the exit status.

Each command imports the stages it runs when it runs (inside its function): `govsite build` with nothing to
do then loads none of them and answers in a fraction of a second (govsite.build)."""

from __future__ import annotations

import argparse
import sys
import textwrap
import time
from pathlib import Path

from govsite import __version__
from govsite.build import build
from govsite.clock import resolve_now
from govsite.config import base_url_problem, load_config
from govsite.content.discover import discover, settings_files
from govsite.environment import os_error_message, require_output_folder, require_site_folder
from govsite.errors import Diagnostic, GovsiteError, UsageError, has_errors, sort_diagnostics, strictened
from govsite.model.publication import BuildOptions
from govsite.newdoc import KINDS, new_document, write_new
from govsite.progress import Progress
from govsite.request import BuildRequest, BuildResult, BuildRuntime


def _wrong(usage: str = "", machine: str = "") -> str:
    return (f"2  a wrong command line{usage}, or the machine stopped it (a folder that is a file or cannot be "
            f"written, a full disk{machine})")


EXITS = {  # each command's exit statuses, as its --help shows them (tests/test_cli.py)
    "build": ("0  built (warnings do not fail a build)",
              "1  the site has errors (with --strict, warnings too): nothing was written",
              _wrong(machine=", Pagefind missing")),
    "check": ("0  no errors (warnings and inspection findings alone do not fail it)",
              "1  the site has errors (with --strict, warnings and inspection findings too)",
              _wrong()),
    "serve": ("0  stopped (Ctrl+C, SIGTERM or SIGHUP); errors in the site are shown in the browser",
              "1  site.yaml is missing or cannot be read",
              _wrong(machine=", Pagefind missing, the port taken")),
    "new": ("0  the file was written", "1  the site has errors: nothing was written",
            _wrong(usage=" (e.g. an unknown kind or agency)")),
    "init": ("0  the site was written",
             _wrong(usage=" (e.g. a bad --site-code) or a file init would write is already there")),
    "list": ("0  listed", "1  site.yaml is missing or cannot be read", _wrong()),
}
HELP_WIDTH = 79


def _command(commands: argparse._SubParsersAction[argparse.ArgumentParser], name: str, summary: str,
             description: str) -> argparse.ArgumentParser:
    """A subcommand whose --help shows what it does and its exit statuses."""
    exits = [textwrap.fill(line, HELP_WIDTH, initial_indent="  ", subsequent_indent="     ") for line in EXITS[name]]
    return commands.add_parser(name, help=summary, description=textwrap.fill(description, HELP_WIDTH),
                               epilog="\n".join(("exit status:", *exits)),
                               formatter_class=argparse.RawDescriptionHelpFormatter)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="govsite", description="政府信息公开 portal generator")
    parser.add_argument("--version", action="version", version=f"govsite {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = _command(commands, "build", "build the portal into the output folder",
                         "Check the whole site and, when it has no errors, build it into the output folder at once "
                         "(written beside it, then swapped in): on any error nothing is written.")
    _site_args(build_cmd)
    build_cmd.add_argument("--out", default="build", help="output folder (default: build)")
    build_cmd.add_argument("--base-url", help="serve the portal at another address than site.yaml's base_url")
    build_cmd.add_argument("--no-search", action="store_true", help="skip the search index")
    build_cmd.add_argument("--timings", action="store_true", help="print how long each stage took")
    build_cmd.add_argument("--no-cache", action="store_true",
                           help="build everything, without reading or keeping the build cache (.OUT.govsite-cache)")
    check_cmd = _command(commands, "check", "run every check of a build and the inspection report; write nothing",
                         "Run every check of a build, list the TODOs left to fill in and the inspection report "
                         "(the checks of the web-page inspection rules); write nothing.")
    _site_args(check_cmd)
    check_cmd.add_argument("--external", action="store_true",
                           help="also try every external link (network; a timeout per address)")
    check_cmd.add_argument("--timeout", type=float, default=10.0, help="seconds per external address (default: 10)")
    serve_cmd = _command(commands, "serve", "preview on 127.0.0.1 (drafts, future and unreviewed documents "
                                            "marked), rebuild and reload on change",
                         "Build a preview into a temporary folder and serve it; drafts, future and unreviewed "
                         "documents are shown, marked 未发布. A saved change rebuilds it and reloads the browser; "
                         "errors are shown in the browser.")
    serve_cmd.add_argument("--site", default=".", help="the site folder (default: .)")
    serve_cmd.add_argument("--now", help="the preview's time (default: the clock)")
    serve_cmd.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve_cmd.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    new_cmd = _command(commands, "new", "write a new document with the next free 索引号",
                       "Write a new document of a kind from its template, with the next free 索引号 of the agency "
                       "and year, every field to fill in marked TODO, and 保密审查: 未审查. Never overwrites a file.")
    new_cmd.add_argument("kind", choices=KINDS, help="the kind (its section folder, e.g. policies, or its Chinese "
                                                     "label, e.g. 政策文件, works too)")
    new_cmd.add_argument("--site", default=".", help="the site folder (default: .)")
    new_cmd.add_argument("--agency", help="the publishing agency's key (data/agencies.yaml)")
    new_cmd.add_argument("--title", help="the document's title")
    new_cmd.add_argument("--now", help="today, for the date and the 索引号 year (default: the clock)")
    init_cmd = _command(commands, "init", "write a new site into an empty or new folder: it builds at once; fill in "
                                          "its TODOs",
                        "Write a new site (site.yaml, data/agencies.yaml, the 指南, 依申请公开 and 制度 pages and one "
                        "example document of each kind) that builds at once; `govsite check` lists its TODOs. "
                        "Never overwrites a file.")
    init_cmd.add_argument("folder", help="the new site's folder (created when missing)")
    init_cmd.add_argument("--title", required=True, help="the portal's name, e.g. 示例市人民政府信息公开")
    init_cmd.add_argument("--base-url", required=True, help="the address it is served at, e.g. "
                                                             "https://www.example.gov.cn/xxgk/")
    init_cmd.add_argument("--site-code", required=True, help="网站标识码 (10 letters or digits), e.g. 4400000001")
    init_cmd.add_argument("--sponsor", help="主办单位 (default: the title without its trailing 信息公开/网站, "
                                            "marked TODO to confirm)")
    init_cmd.add_argument("--now", help="today, for the example documents' dates (default: the clock)")
    list_cmd = _command(commands, "list", "list drafts, future, held or expired documents",
                        "List documents one a line (path, title, reason): drafts, those whose publication time is "
                        "still to come, those held back (awaiting 保密审查, or 不予公开), or those whose validity is "
                        "失效 or 废止.")
    list_cmd.add_argument("which", choices=("drafts", "future", "held", "expired"), help="which documents")
    list_cmd.add_argument("--site", default=".", help="the site folder (default: .)")
    list_cmd.add_argument("--now", help="the time to judge by (default: the clock)")
    return parser


def _site_args(command: argparse.ArgumentParser) -> None:
    command.add_argument("--site", default=".", help="the site folder (default: .)")
    command.add_argument("--drafts", action="store_true", help="include drafts (preview)")
    command.add_argument("--future", action="store_true", help="include future documents (preview)")
    command.add_argument("--now", help="the build time, e.g. 2026-11-27T12:00:00+08:00")
    command.add_argument("--strict", action="store_true", help="treat warnings as errors")


def _print(diagnostics: tuple[Diagnostic, ...]) -> None:
    for diagnostic in diagnostics:
        print(diagnostic.format(), file=sys.stderr)


def _summary(result: BuildResult, out: Path) -> None:
    errors = sum(d.is_error for d in result.diagnostics)
    warnings = len(result.diagnostics) - errors
    if not result.ok:
        print(f"govsite: build failed: {errors} error(s), {warnings} warning(s); {out} was not changed",
              file=sys.stderr)
        return
    done = "nothing changed since the last build: kept" if result.unchanged else "built"
    print(f"govsite: {done} {result.published} published documents, {result.files} files into {out}"
          + (f"; {warnings} warning(s)" if warnings else ""))
    if result.held:
        reasons: dict[str, int] = {}
        for held in result.held:
            reasons[held.reason] = reasons.get(held.reason, 0) + 1
        print(f"govsite: held back {len(result.held)} document(s): "
              + ", ".join(f"{reason} {count}" for reason, count in sorted(reasons.items())))


def _note(text: str) -> None:
    print(f"govsite: note: {text}", file=sys.stderr, flush=True)


def _build(args: argparse.Namespace) -> int:
    site = Path(args.site)
    if args.base_url is not None and base_url_problem(args.base_url):
        raise UsageError(f"--base-url: {base_url_problem(args.base_url)}; write e.g. https://www.example.gov.cn/xxgk/")
    require_output_folder(Path(args.out), site)
    options = BuildOptions(resolve_now(args.now, site), args.drafts, args.future)
    request = BuildRequest(site, Path(args.out), options, args.base_url, args.strict, not args.no_search,
                           cache=not args.no_cache)
    progress = Progress.for_terminal()
    result = build(request, BuildRuntime(progress=progress, notify=_note))
    for note in result.notes:
        _note(note)
    _print(result.diagnostics)
    _summary(result, request.out)
    inspected = _inspect(result, request, progress)
    if args.timings:
        for stage, seconds in (*result.timings, *([("inspection", inspected[1])] if inspected else [])):
            print(f"  {stage:<10} {seconds:8.3f} s")
    if inspected is not None:
        print(inspected[0])
    return 0 if result.ok else 1


def _inspect(result: BuildResult, request: BuildRequest, progress: Progress) -> tuple[str, float] | None:
    """The inspection's line after a build that made something, and the seconds it took; none after a build
    that found nothing to do (that one stays instant: its output was inspected when it was made)."""
    if not result.ok or result.unchanged or result.built is None:
        return None
    from govsite.inspection import build_line
    from govsite.inspection.run import inspect_build

    started = time.perf_counter()
    inspection = inspect_build(result.built, request.out, request.cache, progress.stage("inspecting pages"))
    return (build_line(inspection.verdict), time.perf_counter() - started) if inspection is not None else None


def _check(args: argparse.Namespace) -> int:
    from govsite.inspection import summary_lines
    from govsite.inspection.run import check_site_folder

    site = Path(args.site)
    options = BuildOptions(resolve_now(args.now, site), args.drafts, args.future)
    checked = check_site_folder(site, options, external=args.external, timeout=args.timeout)
    report = checked.inspection.diagnostics if checked.inspection is not None else ()
    diagnostics = (*sort_diagnostics((*checked.diagnostics, *_todos(site))), *report)
    if args.strict:
        diagnostics = strictened(diagnostics)
    _print(diagnostics)
    errors = sum(d.is_error for d in diagnostics)
    print(f"govsite: {errors} error(s), {len(diagnostics) - errors} warning(s)", file=sys.stderr)
    if checked.inspection is not None:
        for line in summary_lines(checked.inspection.verdict):
            print(line, file=sys.stderr)
    return 1 if has_errors(diagnostics) else 0


def _todos(site: Path) -> tuple[Diagnostic, ...]:
    from govsite.todos import todo_findings

    return todo_findings((*settings_files(site), *discover(site).sources))


def _new(args: argparse.Namespace) -> int:
    from govsite.pipeline import parse_all
    from govsite.registry import load_registry

    site = Path(args.site)
    config, problems = load_config(site)
    if config is None:
        _print(problems)
        return 1
    registry, registry_problems = load_registry(site, config.tz)
    inventory = discover(site)
    documents, parse_problems = parse_all(inventory, config)
    found = sort_diagnostics((*problems, *registry_problems, *inventory.diagnostics, *parse_problems))
    _print(found)
    if has_errors(found):
        errors = sum(d.is_error for d in found)
        print(f"govsite: new failed: {errors} error(s), {len(found) - errors} warning(s) in the site; nothing was "
              "written: correct them and run it again", file=sys.stderr)
        return 1
    new = new_document(config, registry, documents, args.kind, args.agency, args.title, resolve_now(args.now, site))
    path = write_new(site, new)
    print(f"created {path}" + (f" (索引号 {new.index_no})" if new.index_no else ""))
    print("next: fill in every TODO, set 保密审查: 已审查 after review, then run `govsite check`")
    return 0


def _init(args: argparse.Namespace) -> int:
    from govsite.newsite import new_site, site_files, write_site

    folder = Path(args.folder)
    site = new_site(args.title, args.base_url, args.site_code, args.sponsor, resolve_now(args.now, folder))
    files = site_files(site)
    write_site(folder, files)
    print(f"created {folder}: {len(files)} files (site.yaml, data/agencies.yaml, content/)")
    print(f"next: govsite build --site {folder}, then fill in every TODO that `govsite check --site {folder}` lists")
    return 0


def _list(args: argparse.Namespace) -> int:
    from govsite.inspection import listed
    from govsite.pipeline import load_site

    site = Path(args.site)
    loaded = load_site(site, BuildOptions(resolve_now(args.now, site)))
    if loaded.model is None:
        _print(loaded.diagnostics)
        return 1
    found = listed(loaded.model, args.which)
    for item in found:
        print(f"{item.path}\t{item.title}\t{item.reason}")
    print(f"{len(found)} document(s)", file=sys.stderr)
    return 0


def _serve(args: argparse.Namespace) -> int:
    from govsite.serve import serve
    return serve(Path(args.site), args.host, args.port, args.now)


WRITES = {"build": "out", "init": "folder", "new": "site"}  # the argument naming the folder a command writes into
COMMANDS = {"build": _build, "check": _check, "new": _new, "init": _init, "list": _list, "serve": _serve}


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 1 content errors, 2 usage or environment errors)."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) if exc.code in (0, None) else 2
    try:
        if args.command != "init":
            require_site_folder(Path(args.site))
        return COMMANDS[args.command](args)
    except GovsiteError as exc:
        print(f"govsite: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except OSError as exc:  # only a full or read-only disk, or a refused permission: anything else is a bug
        message = os_error_message(exc, getattr(args, WRITES[args.command]) if args.command in WRITES else None)
        if message is None:
            raise
        print(f"govsite: error: {message}", file=sys.stderr)
        return 2
