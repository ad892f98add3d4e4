"""site.yaml → `SiteConfig`: a frozen, typed configuration where every field says what it is for.

Each key is declared once, as a field of the dataclass that holds it: its type, its default and its
docstring are the field's, and how site.yaml writes and reads it (the converter, a Chinese alias, a
placeholder when a required key could not be read) is the field's metadata (`site_key`). The tables that
read site.yaml, the defaults of a key left out (or written wrongly) and `govsite init`'s site.yaml come
from these declarations; tests/unit/test_config_keys.py checks docs/content.md's table against them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import MISSING, dataclass, field, fields, replace
from dataclasses import Field as DataclassField
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from govsite.content import coerce as c
from govsite.content.coerce import Converter, Ctx, Invalid
from govsite.content.fields import Field, FieldValues, nested, read_fields
from govsite.content.source import decode_text
from govsite.content.yamlnodes import YNode, parse_yaml
from govsite.errors import Diagnostic, error, warning

DEFAULT_INDEX_PATTERN = r"^(?P<code>[0-9A-Z]{9}|[0-9A-Z]{18})/(?P<year>\d{4})-(?P<seq>\d{5})$"
DEFAULT_TIMEZONE = "Asia/Shanghai"  # also the zone site.yaml itself is read in, and the clock's without one
CONFIG_FILE = "site.yaml"

T = TypeVar("T")


def normalise_base_url(url: str) -> str:
    """One slash between path segments (`//x` would make links protocol-relative) and a trailing slash."""
    parts = urlsplit(url)
    path = re.sub("/{2,}", "/", parts.path or "/")
    path = path if path.endswith("/") else path + "/"
    return f"{parts.scheme}://{parts.netloc}{path}"


def base_url_problem(url: str) -> str:
    """Why a URL cannot be the portal's address, or ''."""
    try:
        parts = urlsplit(url.strip())
    except ValueError as problem:  # e.g. 'https://[www.example…': an unclosed IPv6 bracket
        return f"'{url}' is not a valid URL ({problem})"
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return f"'{url}' is not an absolute http(s) URL"
    if parts.query or parts.fragment:
        return f"'{url}' has a query or fragment"
    if "//" in parts.path:
        return f"'{url}' has an empty path segment (//)"
    return ""


def _base_url(node: YNode, ctx: Ctx) -> str:
    raw = c.text(node, ctx)
    problem = base_url_problem(raw)
    if problem:
        raise c.fail(node, ctx, problem, "write e.g. https://www.example.gov.cn/xxgk/")
    return normalise_base_url(raw)


def _timezone(node: YNode, ctx: Ctx) -> str:
    raw = c.text(node, ctx)
    try:
        ZoneInfo(raw)
    except (ZoneInfoNotFoundError, ValueError):
        raise c.fail(node, ctx, f"'{raw}' is not a time zone", "write e.g. Asia/Shanghai") from None
    return raw


def _pattern(node: YNode, ctx: Ctx) -> str:
    raw = c.text(node, ctx)
    try:
        compiled = re.compile(raw)
    except re.error as exc:
        raise c.fail(node, ctx, f"is not a valid regular expression ({exc})") from None
    missing = {"code", "year", "seq"} - set(compiled.groupindex)
    if missing:
        raise c.fail(node, ctx, "needs the named groups " + ", ".join(sorted(missing)),
                     "e.g. (?P<code>[0-9A-Z]{18})/(?P<year>\\d{4})-(?P<seq>\\d{5})")
    return raw


def _site_code(node: YNode, ctx: Ctx) -> str:
    raw = c.text(node, ctx)
    if len(raw) != 10:
        raise c.fail(node, ctx, f"'{raw}' has {len(raw)} characters; a 网站标识码 has 10",
                     "quote it to keep leading zeros: site_code: \"4400000001\"")
    return raw


def _absolute_url(node: YNode, ctx: Ctx) -> str:
    raw = c.text(node, ctx)
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise c.fail(node, ctx, f"'{raw}' is not an absolute http(s) URL",
                     "write e.g. https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=4400000001")
    return raw


def _static_image(node: YNode, ctx: Ctx) -> str:
    raw = c.text(node, ctx)
    if not raw.startswith("static/") or ".." in raw.split("/") or urlsplit(raw).scheme:
        raise c.fail(node, ctx, f"'{raw}' is not a file under static/",
                     "put the image in the site's static/ folder and write e.g. static/dzjg.png "
                     "(nothing is loaded from other hosts)")
    return raw


def _freshness(node: YNode, ctx: Ctx) -> dict[str, int]:
    c.mapping_node(node, ctx)
    days = c.integer(1, 3650)
    return {key: int(str(days(value, Ctx(ctx.path, f"freshness.{key}", ctx.tz)))) for key, _line, value in node.entries}


@dataclass(frozen=True)
class SiteKey:
    """How site.yaml writes and reads one declared field (the metadata of that dataclass field)."""

    convert: Converter
    alias: str = ""  # its Chinese name (keys under publisher have one)
    section: type | None = None  # a mapping of keys, themselves declared by this dataclass
    placeholder: object = ""  # stands in for a required key that could not be read (see load_config)


def site_key(convert: Converter, alias: str = "", placeholder: object = "") -> dict[str, SiteKey]:
    """The metadata declaring a field a site.yaml key (of the same name)."""
    return {"site_key": SiteKey(convert, alias, placeholder=placeholder)}


def site_section(cls: type, where: str, alias: str = "", placeholder: object = "") -> dict[str, SiteKey]:
    """The metadata declaring a field a mapping of keys, themselves declared by the dataclass `cls`."""
    return {"site_key": SiteKey(nested(site_fields(cls), where), alias, cls, placeholder)}


def declared(cls: type) -> tuple[tuple[DataclassField[Any], SiteKey], ...]:
    """The declared fields of a dataclass of site.yaml, with their metadata, in site.yaml's order."""
    return tuple((f, f.metadata["site_key"]) for f in fields(cls))


def is_required(declared_field: DataclassField[Any]) -> bool:
    return declared_field.default is MISSING and declared_field.default_factory is MISSING


def site_fields(cls: type) -> tuple[Field, ...]:
    """The table site.yaml's mapping for `cls` is read against."""
    return tuple(Field(f.name, key.alias, key.convert, required=is_required(f)) for f, key in declared(cls))


def made(cls: type[T], read: FieldValues) -> T:
    """The dataclass `cls` from what was read: a key left out, or written wrongly (its error is reported),
    takes its declared default; a required one its placeholder, so that the content is still checked."""
    values: dict[str, Any] = {}
    for f, key in declared(cls):
        if f.name in read.values:
            value = read.values[f.name]
            values[f.name] = made(key.section, value) if key.section and isinstance(value, FieldValues) else value
        elif is_required(f):
            values[f.name] = key.placeholder
    return cls(**values)


@dataclass(frozen=True)
class Contact:
    """How the public reaches the portal's operator (shown in the footer)."""

    phone: str = field(default="", metadata=site_key(c.text, "电话"))
    email: str = field(default="", metadata=site_key(c.text, "邮箱"))
    address: str = field(default="", metadata=site_key(c.text, "地址"))


@dataclass(frozen=True)
class Badge:
    """The 党政机关网站标识 shown in the footer: never loaded from another host."""

    image: str = field(metadata=site_key(_static_image, "图片"))
    """Path in the site folder, under static/ (static/dzjg.png is published as dzjg.png)."""
    url: str = field(metadata=site_key(_absolute_url, "链接"))
    """Where the mark links to (the site's record at the 网站标识 registry)."""


@dataclass(frozen=True)
class Publisher:
    """The footer every page must carry (政府网站发展指引)."""

    sponsor: str = field(metadata=site_key(c.text, "主办单位"))
    """主办单位: the government body responsible for the portal (required)."""
    operator: str = field(default="", metadata=site_key(c.text, "承办单位"))
    """承办单位: who runs it."""
    site_code: str = field(default="", metadata=site_key(_site_code, "网站标识码"))
    """网站标识码: 10 characters."""
    icp: str = field(default="", metadata=site_key(c.text, "ICP备案号"))
    """ICP备案号, linked to the MIIT filing site."""
    police: str = field(default="", metadata=site_key(c.text, "公安备案号"))
    """公安机关备案号, linked to the filing record."""
    contact: Contact = field(default_factory=Contact, metadata=site_section(Contact, "publisher.contact", "联系方式"))
    badge: Badge | None = field(default=None, metadata=site_section(Badge, "publisher.badge", "党政机关网站标识"))
    """党政机关网站标识: a local image under static/ and the link it leads to."""
    error_report_url: str = field(default="", metadata=site_key(_absolute_url, "我为政府网站找错"))
    """我为政府网站找错: the link of the national error-report entry (with the site's 网站标识码)."""


@dataclass(frozen=True)
class Interaction:
    """Where the public asks (回应关切 / 政策问答 pages show it): a static site receives nothing itself, so the
    letter box or message form is another system's address."""

    letter_box: str = field(default="", metadata=site_key(_absolute_url, "留言信箱"))
    """The letter box or message form (an absolute http(s) URL)."""
    phone: str = field(default="", metadata=site_key(c.text, "咨询电话"))
    """The phone for questions about policies (e.g. 12345)."""


@dataclass(frozen=True)
class IndexNo:
    """How the site's 索引号 are written."""

    pattern: str = field(default=DEFAULT_INDEX_PATTERN, metadata=site_key(_pattern))
    """Regular expression for 索引号 with named groups code, year and seq."""


@dataclass(frozen=True, kw_only=True)
class SiteConfig:
    """Everything site.yaml says, in its order; every key has a default except title, base_url and
    publisher.sponsor."""

    title: str = field(metadata=site_key(c.bounded_text(100)))
    """The portal's name, e.g. 示例省人民政府信息公开."""
    base_url: str = field(metadata=site_key(_base_url, placeholder="https://example.invalid/"))
    """Absolute URL the portal is served at, with a trailing slash; may have a sub-path (/xxgk/)."""
    language: str = field(default="zh-CN", metadata=site_key(c.text))
    """The pages' language; search segments queries by it."""
    timezone: str = field(default=DEFAULT_TIMEZONE, metadata=site_key(_timezone))
    """Every date without an offset is in this zone."""
    theme: str = field(default="default", metadata=site_key(c.slug))
    """themes/NAME in the site overrides the built-in theme file by file."""
    publisher: Publisher = field(metadata=site_section(Publisher, "publisher", placeholder=Publisher(sponsor="")))
    index_no: IndexNo = field(default_factory=IndexNo, metadata=site_section(IndexNo, "index_no"))
    review_required: bool = field(default=True, metadata=site_key(c.boolean))
    """保密审查: unreviewed documents are held back."""
    pagination: int = field(default=20, metadata=site_key(c.integer(1, 1000)))
    """Items per list page."""
    feed_limit: int = field(default=50, metadata=site_key(c.integer(1, 10000)))
    """Entries per feed."""
    raw_html: bool = field(default=False, metadata=site_key(c.boolean))
    """Opt in to raw HTML in Markdown (still sanitised: no scripts, handlers or javascript: URLs)."""
    freshness: Mapping[str, int] = field(default_factory=dict, metadata=site_key(_freshness))
    """Days after which `govsite check` calls a section stale, by section (policies …) or `news` (工作动态)."""
    interaction: Interaction = field(default_factory=Interaction,
                                     metadata=site_section(Interaction, "interaction", "互动交流"))
    """The letter box (an external URL) and phone shown on each 政策问答 page."""

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def index_pattern(self) -> str:
        """Regular expression for 索引号 with named groups code, year and seq (index_no.pattern)."""
        return self.index_no.pattern

    @cached_property
    def base_path(self) -> str:
        """The path part of base_url, always starting and ending with '/'."""
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"

    def with_base_url(self, base_url: str) -> SiteConfig:
        """The same configuration served at another address (`--base-url`)."""
        return replace(self, base_url=normalise_base_url(base_url))


def declared_keys(cls: type = SiteConfig, prefix: str = "") -> Iterator[tuple[str, DataclassField[Any], SiteKey]]:
    """Every key site.yaml can have, as its dotted name (publisher.contact.phone), its field and metadata."""
    for f, key in declared(cls):
        name = prefix + f.name
        yield name, f, key
        if key.section is not None:
            yield from declared_keys(key.section, name + ".")


SITE_FIELDS = site_fields(SiteConfig)


def load_config(site: Path) -> tuple[SiteConfig | None, tuple[Diagnostic, ...]]:
    """Read and check site.yaml; unknown keys are errors."""
    path = site / CONFIG_FILE
    if not path.is_file():
        return None, (error(CONFIG_FILE, 1, "site.yaml is missing",
                            "every site needs a site.yaml with title, base_url and publisher.sponsor; to start a new "
                            "site, run: govsite init FOLDER --title … --base-url … --site-code …"),)
    text, problems = decode_text(path.read_bytes(), CONFIG_FILE)
    if text is None:
        return None, problems
    parsed = parse_yaml(text, CONFIG_FILE)
    if parsed.root is None or parsed.root.kind != "map":
        return None, parsed.diagnostics or (error(CONFIG_FILE, 1, "site.yaml must be key: value lines"),)
    read = read_fields(parsed.root, SITE_FIELDS, CONFIG_FILE, ZoneInfo(DEFAULT_TIMEZONE), 1)
    config = made(SiteConfig, read)
    problems = parsed.diagnostics + read.diagnostics + _badge_file_problems(site, read) \
        + (base_url_advice(config.base_url, read.lines["base_url"]) if "base_url" in read.values else ())
    # with errors, placeholders and defaults stand in for what could not be read, so that the content is
    # still checked in the same run (the errors stop the build before anything is written)
    return config, problems


def _badge_file_problems(site: Path, read: FieldValues) -> tuple[Diagnostic, ...]:
    """The badge image must be a file of the site (it is published with the site, never hot-linked)."""
    publisher = read.values.get("publisher")
    badge = publisher.values.get("badge") if isinstance(publisher, FieldValues) else None
    image = badge.values.get("image") if isinstance(badge, FieldValues) else None
    if not isinstance(badge, FieldValues) or not isinstance(image, str) or (site / image).is_file():
        return ()
    return (error(CONFIG_FILE, badge.lines.get("image", 1), f"publisher.badge.image: '{image}' does not exist",
                  "put the 党政机关网站标识 image in the site's static/ folder, or correct the path"),)


def base_url_advice(base_url: str, line: int) -> tuple[Diagnostic, ...]:
    """政府网站发展指引: a portal is served over https under .gov.cn (advice, the site still builds)."""
    parts = urlsplit(base_url)
    advice = []
    if parts.scheme != "https":
        advice.append(warning(CONFIG_FILE, line, f"base_url: '{base_url}' is not https",
                              "government websites are served over https (政府网站发展指引)"))
    host = (parts.hostname or "").lower()
    if host != "gov.cn" and not host.endswith(".gov.cn"):
        advice.append(warning(CONFIG_FILE, line, f"base_url: '{host}' is not under .gov.cn",
                              "a government website uses a domain under .gov.cn (政府网站发展指引)"))
    return tuple(advice)


__all__ = ["CONFIG_FILE", "Badge", "Contact", "Invalid", "Publisher", "SiteConfig", "load_config"]
