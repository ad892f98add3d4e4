"""Helpers of the security tests: in-process builds, and scanners for every kind of output file.

Importable from the modules of tests/security (pytest puts a test module's own folder on ``sys.path``).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
import traceback
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from helpers import NOW, build_args

from govsite.cli import main as govsite_main

BASE_PATH = "/xxgk/"  # the path of helpers.DEFAULT_SITE_YAML's base_url

# `path:line: error: message` (or warning), as spec 3.4 prints them; a hint goes on the next line
DIAGNOSTIC_RE = re.compile(r"^[^:]+:\d+: (error|warning): .+")
HINT_RE = re.compile(r"^  hint: .*")
SUMMARY_RE = re.compile(r"^govsite: build failed: \d+ error\(s\), \d+ warning\(s\); .+ was not changed$")


@dataclass(frozen=True)
class Run:
    """The outcome of one in-process `govsite build`."""

    code: int
    stdout: str
    stderr: str


def build(site: Path, out: Path, *extra: str, search: bool = False, catch: bool = False,
          now: str | None = NOW) -> Run:
    """`govsite build --site SITE --out OUT --now NOW [--no-search] EXTRA…` in this process, output captured.

    With `catch`, an exception escaping govsite is reported as the command line would show it: its traceback
    on stderr and exit status 1 (what `python -m govsite` does); otherwise it propagates. `now=None` leaves
    --now out (SOURCE_DATE_EPOCH or the clock decide).
    """
    argv = build_args(site, out, *extra, now=now, search=search)
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        try:
            code = govsite_main(argv)
        except Exception:
            if not catch:
                raise
            stderr.write(traceback.format_exc())
            code = 1
    return Run(code, stdout.getvalue(), stderr.getvalue())


SENTINEL = "keep.txt"
SENTINEL_BYTES = "上一次成功构建的输出\n".encode()


def make_out(out: Path) -> Path:
    """An output folder holding only a sentinel, to see whether a failed build touched it."""
    out.mkdir(parents=True)
    (out / SENTINEL).write_bytes(SENTINEL_BYTES)
    return out


def untouched(out: Path) -> bool:
    """The folder still holds exactly the sentinel of make_out()."""
    return sorted(p.name for p in out.iterdir()) == [SENTINEL] and (out / SENTINEL).read_bytes() == SENTINEL_BYTES


def diagnostic_lines(stderr: str) -> list[str]:
    """A build's stderr as its lines (one per \\n, the line protocol), the closing failure summary left out:
    the diagnostics with their hints, in the order printed."""
    return [line for line in stderr.split("\n") if line and not SUMMARY_RE.match(line)]


def refused(run: Run, out: Path, lines: list[str]) -> None:
    """Exit 1 with exactly these diagnostic lines (and the summary last), the output folder untouched."""
    assert "Traceback" not in run.stderr, run.stderr
    assert (run.code, diagnostic_lines(run.stderr)) == (1, lines), run.stderr
    assert SUMMARY_RE.match(run.stderr.rstrip("\n").split("\n")[-1]), run.stderr
    assert untouched(out), "a failed build changed the output folder"


def built(run: Run, lines: tuple[str, ...] | list[str] = ()) -> None:
    """Exit 0 with exactly these warning lines on stderr (none by default)."""
    assert "Traceback" not in run.stderr, run.stderr
    assert (run.code, diagnostic_lines(run.stderr)) == (0, list(lines)), run.stderr


def bad_stderr_lines(stderr: str) -> list[str]:
    """The lines of a failed build's stderr that are neither diagnostics, hints nor the final summary."""
    return [line for line in stderr.splitlines()
            if line and not (DIAGNOSTIC_RE.match(line) or HINT_RE.match(line) or SUMMARY_RE.match(line))]


# ---------------------------------------------------------------------------------------------- HTML scanning

URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background",
                            "cite", "srcset", "ping", "codebase", "longdesc", "manifest", "icon", "lowsrc",
                            "dynsrc"})
FORBIDDEN_ELEMENTS = frozenset({"iframe", "frame", "frameset", "object", "embed", "applet", "base", "style",
                                "link-import", "portal"})
BAD_SCHEMES = ("javascript:", "vbscript:", "data:text/html", "livescript:", "mocha:")
_STRIP_IN_URL = re.compile(r"[\x00-\x20\x7f]+")


def normalised_url(value: str) -> str:
    """What a browser sees as the scheme part: ASCII whitespace and controls removed, lower case."""
    return _STRIP_IN_URL.sub("", value).lower()


LOADING_ELEMENTS = frozenset({"img", "script", "link", "iframe", "video", "audio", "source", "input", "track",
                              "embed", "object", "image", "use"})


def other_origin(value: str) -> bool:
    """A URL that a `default-src 'self'; img-src 'self' data:` policy refuses: another host or scheme."""
    url = normalised_url(value)
    if url.startswith("data:image/"):
        return False
    return url.startswith("//") or bool(re.match(r"[a-z][a-z0-9+.-]*:", url))


def dangerous_url(value: str) -> bool:
    url = normalised_url(value)
    if url.startswith(BAD_SCHEMES):
        return True
    return url.startswith("data:") and not re.match(r"data:image/(png|gif|jpeg|webp)[;,]", url)


class HtmlScan(HTMLParser):
    """One page: its elements and attributes, the text a reader sees and what a strict CSP would refuse."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []  # script, event handlers, dangerous URLs, forbidden elements
        self.csp: list[str] = []  # what the brief's Content-Security-Policy would block
        self.texts: list[str] = []  # text nodes, decoded
        self.attribute_values: list[str] = []  # attribute values, decoded
        self.tags: list[str] = []  # start tags in document order
        self.base_path = BASE_PATH  # the site's base path, as <html data-base-path> states it
        self._in = ""
        self._raw: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        values = {name: value or "" for name, value in attrs}
        if tag == "html" and values.get("data-base-path", "").startswith("/"):
            self.base_path = values["data-base-path"]
        for name, value in values.items():
            self.attribute_values.append(value)
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}={value!r}>: event-handler attribute")
            if name == "style":
                self.csp.append(f"<{tag} style={value!r}>: inline style attribute")
            if name in URL_ATTRIBUTES and dangerous_url(value):
                self.problems.append(f"<{tag} {name}={value!r}>: dangerous URL")
            if name == "srcdoc":
                self.problems.append(f"<{tag} srcdoc=…>: inline document")
        if tag in FORBIDDEN_ELEMENTS and tag != "style":
            self.problems.append(f"<{tag}>: forbidden element")
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.problems.append(f"<meta http-equiv=refresh content={values.get('content')!r}>")
        if tag == "script":
            src = values.get("src", "")
            if not src:
                self.problems.append("<script> without src (inline script)")
                self.csp.append("<script> without src (inline script)")
            elif not src.startswith((self.base_path + "static/", self.base_path + "pagefind/")):
                self.problems.append(f"<script src={src!r}>: not the site's own static/ or pagefind/")
        if tag in ("script", "style"):
            self._in, self._raw = tag, []
        if tag == "form" and "action" in values and not values["action"].startswith(self.base_path):
            self.problems.append(f"<form action={values['action']!r}>: not the site's own")
        for name in ("src", "href", "srcset", "poster", "data"):
            if name in values and tag in LOADING_ELEMENTS:
                if tag == "link" and values.get("rel") in ("canonical", "alternate", "prev", "next"):
                    continue
                if other_origin(values[name]):
                    self.csp.append(f"<{tag} {name}={values[name]!r}>: loads from another origin")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in ("script", "style"):
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            content = "".join(self._raw)
            if tag == "style" and content.strip():
                self.csp.append(f"<style> with content {content[:60]!r}")
            if tag == "style":
                self.problems.append("<style> element")
            self._in = ""

    def handle_data(self, data: str) -> None:
        if self._in:
            self._raw.append(data)
        else:
            self.texts.append(data)


def scan_html(path: Path) -> HtmlScan:
    scan = HtmlScan()
    scan.feed(path.read_text(encoding="utf-8"))
    scan.close()
    return scan


def html_files(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob("*.html") if "pagefind" not in p.relative_to(out).parts)


# ----------------------------------------------------------------------------------------- data file checks

def json_strings(value: object) -> Iterator[str]:
    """Every string inside a parsed JSON value (keys included)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from json_strings(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from json_strings(item)


def xml_texts(root: ET.Element) -> Iterator[str]:
    for element in root.iter():
        if element.text:
            yield element.text
        yield from element.attrib.values()


def read_csv(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), f"{path}: no UTF-8 BOM"
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))


@dataclass
class OutputCheck:
    """Everything wrong with an output folder, and the texts it shows (for round-trip checks)."""

    problems: list[str] = field(default_factory=list)
    csp: list[str] = field(default_factory=list)
    html_text: set[str] = field(default_factory=set)
    json_values: set[str] = field(default_factory=set)
    xml_values: set[str] = field(default_factory=set)
    csv_values: set[str] = field(default_factory=set)
    sources: dict[str, str] = field(default_factory=dict)


def check_output(out: Path) -> OutputCheck:
    """Parse every HTML, XML, JSON and CSV file of a build (Pagefind's own files excepted)."""
    result = OutputCheck()
    for path in html_files(out):
        rel = path.relative_to(out).as_posix()
        result.sources[rel] = path.read_text(encoding="utf-8")
        scan = scan_html(path)
        result.problems += [f"{rel}: {p}" for p in scan.problems]
        result.csp += [f"{rel}: {p}" for p in scan.csp]
        result.html_text.update(scan.texts)
        result.html_text.update(scan.attribute_values)
    for path in sorted(out.rglob("*")):
        rel = path.relative_to(out).as_posix()
        if rel.startswith("pagefind/") or not path.is_file():
            continue
        if path.suffix == ".xml":
            try:
                root = ET.fromstring(path.read_bytes())
            except ET.ParseError as problem:
                result.problems.append(f"{rel}: not well-formed XML ({problem})")
                continue
            result.xml_values.update(xml_texts(root))
        elif path.suffix == ".json":
            try:
                value = json.loads(path.read_text(encoding="utf-8"))
            except (ValueError, UnicodeDecodeError) as problem:
                result.problems.append(f"{rel}: not valid JSON ({problem})")
                continue
            result.json_values.update(json_strings(value))
        elif path.name in ("catalog.csv", "fund-table.csv"):  # the CSV files govsite writes
            try:
                rows = read_csv(path)
            except (csv.Error, UnicodeDecodeError, AssertionError) as problem:
                result.problems.append(f"{rel}: not a readable CSV ({problem})")
                continue
            widths = {len(row) for row in rows}
            if len(widths) > 1:
                result.problems.append(f"{rel}: rows of different widths {sorted(widths)}")
            result.csv_values.update(cell for row in rows for cell in row)
    return result
