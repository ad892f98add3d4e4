"""The command line: parse arguments, call one function, print diagnostics, return the exit status."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from govsite import __version__
from govsite.build import BuildRequest, BuildResult, build, load_site
from govsite.config import load_config
from govsite.content.coerce import parse_datetime
from govsite.errors import Diagnostic, GovsiteError, UsageError, has_errors, sort_diagnostics, strictened
from govsite.model.publication import BuildOptions


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
    check_cmd = commands.add_parser("check", help="run every check of a build; write nothing")
    _site_args(check_cmd)
    return parser


def _site_args(command: argparse.ArgumentParser) -> None:
    command.add_argument("--site", default=".", help="the site folder (default: .)")
    command.add_argument("--drafts", action="store_true", help="include drafts (preview)")
    command.add_argument("--future", action="store_true", help="include future documents (preview)")
    command.add_argument("--now", help="the build time, e.g. 2026-11-27T12:00:00+08:00")
    command.add_argument("--strict", action="store_true", help="treat warnings as errors")


def resolve_now(value: str | None, site: Path) -> datetime:
    """--now, else SOURCE_DATE_EPOCH, else the clock; a time without offset is in the site's zone."""
    config, _ = load_config(site)
    tz = config.tz if config else ZoneInfo("Asia/Shanghai")
    if value:
        moment = parse_datetime(value, tz)
        if moment is None:
            raise UsageError(f"--now: '{value}' is not a date or date-time (e.g. 2026-11-27T12:00:00+08:00)")
        return moment
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz)
        except ValueError:
            raise UsageError(f"SOURCE_DATE_EPOCH: '{epoch}' is not a number of seconds") from None
    return datetime.now(tz)


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
    print(f"govsite: built {result.published} published documents, {result.files} files into {out}"
          + (f"; {warnings} warning(s)" if warnings else ""))
    if result.held:
        reasons: dict[str, int] = {}
        for held in result.held:
            reasons[held.reason] = reasons.get(held.reason, 0) + 1
        print(f"govsite: held back {len(result.held)} document(s): "
              + ", ".join(f"{reason} {count}" for reason, count in sorted(reasons.items())))


def _build(args: argparse.Namespace) -> int:
    site = Path(args.site)
    options = BuildOptions(resolve_now(args.now, site), args.drafts, args.future)
    request = BuildRequest(site, Path(args.out), options, args.base_url, args.strict, not args.no_search)
    result = build(request)
    _print(result.diagnostics)
    _summary(result, request.out)
    if args.timings:
        for stage, seconds in result.timings:
            print(f"  {stage:<10} {seconds:8.3f} s")
    return 0 if result.ok else 1


def _check(args: argparse.Namespace) -> int:
    site = Path(args.site)
    loaded = load_site(site, BuildOptions(resolve_now(args.now, site), args.drafts, args.future))
    diagnostics = sort_diagnostics(loaded.diagnostics)
    if args.strict:
        diagnostics = strictened(diagnostics)
    _print(diagnostics)
    errors = sum(d.is_error for d in diagnostics)
    print(f"govsite: {errors} error(s), {len(diagnostics) - errors} warning(s)", file=sys.stderr)
    return 1 if has_errors(diagnostics) else 0


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 1 content errors, 2 usage errors)."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) if exc.code in (0, None) else 2
    if not Path(args.site).is_dir():
        print(f"govsite: error: site folder '{args.site}' does not exist", file=sys.stderr)
        return 2
    try:
        return _build(args) if args.command == "build" else _check(args)
    except GovsiteError as exc:
        print(f"govsite: error: {exc}", file=sys.stderr)
        return exc.exit_code
