"""The command line: parse arguments, call one function, print diagnostics, return the exit status."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from govsite import __version__
from govsite.build import build
from govsite.clock import resolve_now
from govsite.config import base_url_problem, load_config
from govsite.content.discover import discover, settings_files
from govsite.errors import Diagnostic, GovsiteError, UsageError, has_errors, sort_diagnostics, strictened
from govsite.inspection import build_line, listed, summary_lines
from govsite.inspection.run import check_site_folder, inspect_output
from govsite.model.publication import BuildOptions
from govsite.newdoc import new_document, write_new
from govsite.newsite import new_site, site_files, write_site
from govsite.pipeline import BuildRequest, BuildResult, BuildRuntime, load_site, parse_all
from govsite.progress import Progress
from govsite.registry import load_registry
from govsite.todos import todo_findings


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="govsite", description="政府信息公开 portal generator")
    parser.add_argument("--version", action="version", version=f"govsite {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build", help="build the portal into the output folder")
    _site_args(build_cmd)
    build_cmd.add_argument("--out", default="build", help="output folder (default: build)")
    build_cmd.add_argument("--base-url", help="serve the portal at another address than site.yaml's base_url")
    build_cmd.add_argument("--no-search", action="store_true", help="skip the search index")
    build_cmd.add_argument("--timings", action="store_true", help="print how long each stage took")
    build_cmd.add_argument("--no-cache", action="store_true",
                           help="build everything, without reading or keeping the build cache (.OUT.govsite-cache)")
    check_cmd = commands.add_parser("check", help="run every check of a build and the inspection report; write nothing")
    _site_args(check_cmd)
    check_cmd.add_argument("--external", action="store_true",
                           help="also try every external link (network; a timeout per address)")
    check_cmd.add_argument("--timeout", type=float, default=10.0, help="seconds per external address (default: 10)")
    serve_cmd = commands.add_parser("serve", help="preview on 127.0.0.1 (drafts, future and unreviewed documents "
                                                  "marked), rebuild and reload on change")
    serve_cmd.add_argument("--site", default=".", help="the site folder (default: .)")
    serve_cmd.add_argument("--now", help="the preview's time (default: the clock)")
    serve_cmd.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve_cmd.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    new_cmd = commands.add_parser("new", help="write a new document with the next free 索引号")
    new_cmd.add_argument("kind", help="disclosure, policy, interpretation, tender, fund, report, topic or page")
    new_cmd.add_argument("--site", default=".", help="the site folder (default: .)")
    new_cmd.add_argument("--agency", help="the publishing agency's key (data/agencies.yaml)")
    new_cmd.add_argument("--title", help="the document's title")
    new_cmd.add_argument("--now", help="today, for the date and the 索引号 year (default: the clock)")
    init_cmd = commands.add_parser(
        "init", help="write a new site into an empty or new folder: it builds at once; fill in its TODOs",
        description="Write a new site (site.yaml, data/agencies.yaml, the 指南, 依申请公开 and 制度 pages and one "
                    "example document of each kind) that builds at once; `govsite check` lists its TODOs. "
                    "Never overwrites a file. Exit status: 0 written, 2 bad flags or a file already there.")
    init_cmd.add_argument("folder", help="the new site's folder (created when missing)")
    init_cmd.add_argument("--title", required=True, help="the portal's name, e.g. 示例市人民政府信息公开")
    init_cmd.add_argument("--base-url", required=True, help="the address it is served at, e.g. "
                                                             "https://www.example.gov.cn/xxgk/")
    init_cmd.add_argument("--site-code", required=True, help="网站标识码 (10 letters or digits), e.g. 4400000001")
    init_cmd.add_argument("--sponsor", help="主办单位 (default: the title without its trailing 信息公开/网站, "
                                            "marked TODO to confirm)")
    init_cmd.add_argument("--now", help="today, for the example documents' dates (default: the clock)")
    list_cmd = commands.add_parser("list", help="list drafts, future, held or expired documents")
    list_cmd.add_argument("which", choices=("drafts", "future", "held", "expired"))
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
    options = BuildOptions(resolve_now(args.now, site), args.drafts, args.future)
    request = BuildRequest(site, Path(args.out), options, args.base_url, args.strict, not args.no_search,
                           cache=not args.no_cache)
    result = build(request, BuildRuntime(progress=Progress.for_terminal(), notify=_note))
    for note in result.notes:
        _note(note)
    _print(result.diagnostics)
    _summary(result, request.out)
    if args.timings:
        for stage, seconds in result.timings:
            print(f"  {stage:<10} {seconds:8.3f} s")
    # not after a build that found nothing to do: that one stays instant (its output was inspected when made)
    inspection = inspect_output(site, request.out, options, args.base_url) \
        if result.ok and not result.unchanged else None
    if inspection is not None:
        print(build_line(inspection.verdict))
    return 0 if result.ok else 1


def _check(args: argparse.Namespace) -> int:
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
    return todo_findings((*settings_files(site), *discover(site).sources))


def _new(args: argparse.Namespace) -> int:
    site = Path(args.site)
    config, problems = load_config(site)
    if config is None:
        _print(problems)
        return 1
    registry, _registry_problems = load_registry(site, config.tz)
    documents, _problems = parse_all(discover(site), config)
    new = new_document(config, registry, documents, args.kind, args.agency, args.title, resolve_now(args.now, site))
    path = write_new(site, new)
    print(f"created {path}" + (f" (索引号 {new.index_no})" if new.index_no else ""))
    print("next: fill in every TODO, set 保密审查: 已审查 after review, then run `govsite check`")
    return 0


def _init(args: argparse.Namespace) -> int:
    folder = Path(args.folder)
    site = new_site(args.title, args.base_url, args.site_code, args.sponsor, resolve_now(args.now, folder))
    files = site_files(site)
    write_site(folder, files)
    print(f"created {folder}: {len(files)} files (site.yaml, data/agencies.yaml, content/)")
    print(f"next: govsite build --site {folder}, then fill in every TODO that `govsite check --site {folder}` lists")
    return 0


def _list(args: argparse.Namespace) -> int:
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


COMMANDS = {"build": _build, "check": _check, "new": _new, "init": _init, "list": _list, "serve": _serve}


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 1 content errors, 2 usage errors)."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) if exc.code in (0, None) else 2
    if args.command != "init" and not Path(args.site).is_dir():
        print(f"govsite: error: site folder '{args.site}' does not exist", file=sys.stderr)
        return 2
    try:
        return COMMANDS[args.command](args)
    except GovsiteError as exc:
        print(f"govsite: error: {exc}", file=sys.stderr)
        return exc.exit_code
