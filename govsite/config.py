"""site.yaml → `SiteConfig`: a frozen, typed configuration where every field says what it is for."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from govsite.content import coerce as c
from govsite.content.coerce import Ctx, Invalid
from govsite.content.fields import Field, FieldValues, nested, read_fields
from govsite.content.source import decode_text
from govsite.content.yamlnodes import YNode, parse_yaml
from govsite.errors import Diagnostic, error, warning

DEFAULT_INDEX_PATTERN = r"^(?P<code>[0-9A-Z]{9}|[0-9A-Z]{18})/(?P<year>\d{4})-(?P<seq>\d{5})$"
CONFIG_FILE = "site.yaml"


@dataclass(frozen=True)
class Contact:
    """How the public reaches the portal's operator (shown in the footer)."""

    phone: str = ""
    email: str = ""
    address: str = ""


@dataclass(frozen=True)
class Badge:
    """The 党政机关网站标识 shown in the footer: never loaded from another host."""

    image: str
    """Path in the site folder, under static/ (static/dzjg.png is published as dzjg.png)."""
    url: str
    """Where the mark links to (the site's record at the 网站标识 registry)."""


@dataclass(frozen=True)
class Publisher:
    """The footer every page must carry (政府网站发展指引)."""

    sponsor: str
    """主办单位: the government body responsible for the portal (required)."""
    operator: str = ""
    """承办单位: who runs it."""
    site_code: str = ""
    """网站标识码: 10 characters."""
    icp: str = ""
    """ICP备案号, linked to the MIIT filing site."""
    police: str = ""
    """公安机关备案号, linked to the filing record."""
    contact: Contact = field(default_factory=Contact)
    badge: Badge | None = None
    """党政机关网站标识: a local image under static/ and the link it leads to."""
    error_report_url: str = ""
    """我为政府网站找错: the link of the national error-report entry (with the site's 网站标识码)."""


@dataclass(frozen=True)
class SiteConfig:
    """Everything site.yaml says; every key has a default except title, base_url and publisher.sponsor."""

    title: str
    """The portal's name, e.g. 示例省人民政府信息公开."""
    base_url: str
    """Absolute URL the portal is served at, with a trailing slash; may have a sub-path (/xxgk/)."""
    publisher: Publisher
    language: str = "zh-CN"
    """The pages' language; search segments queries by it."""
    timezone: str = "Asia/Shanghai"
    """Every date without an offset is in this zone."""
    theme: str = "default"
    """themes/NAME in the site overrides the built-in theme file by file."""
    index_pattern: str = DEFAULT_INDEX_PATTERN
    """Regular expression for 索引号 with named groups code, year and seq."""
    review_required: bool = True
    """保密审查: unreviewed documents are held back."""
    pagination: int = 20
    """Items per list page."""
    feed_limit: int = 50
    """Entries per feed."""
    raw_html: bool = False
    """Opt in to raw HTML in Markdown (still sanitised: no scripts, handlers or javascript: URLs)."""
    freshness: Mapping[str, int] = field(default_factory=dict)
    """Days after which `govsite check` calls a section stale, by section (policies …) or `news` (工作动态)."""

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @cached_property
    def base_path(self) -> str:
        """The path part of base_url, always starting and ending with '/'."""
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"

    def with_base_url(self, base_url: str) -> SiteConfig:
        """The same configuration served at another address (`--base-url`)."""
        from dataclasses import replace
        return replace(self, base_url=normalise_base_url(base_url))


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


CONTACT_FIELDS = (Field("phone", "电话", c.text), Field("email", "邮箱", c.text), Field("address", "地址", c.text))
BADGE_FIELDS = (Field("image", "图片", _static_image, required=True),
                Field("url", "链接", _absolute_url, required=True))
PUBLISHER_FIELDS = (
    Field("sponsor", "主办单位", c.text, required=True),
    Field("operator", "承办单位", c.text),
    Field("site_code", "网站标识码", _site_code),
    Field("icp", "ICP备案号", c.text),
    Field("police", "公安备案号", c.text),
    Field("contact", "联系方式", nested(CONTACT_FIELDS, "publisher.contact")),
    Field("badge", "党政机关网站标识", nested(BADGE_FIELDS, "publisher.badge")),
    Field("error_report_url", "我为政府网站找错", _absolute_url),
)
SITE_FIELDS = (
    Field("title", "", c.bounded_text(100), required=True),
    Field("base_url", "", _base_url, required=True),
    Field("language", "", c.text),
    Field("timezone", "", _timezone),
    Field("theme", "", c.slug),
    Field("publisher", "", nested(PUBLISHER_FIELDS, "publisher"), required=True),
    Field("index_no", "", nested((Field("pattern", "", _pattern),), "index_no")),
    Field("review_required", "", c.boolean),
    Field("pagination", "", c.integer(1, 1000)),
    Field("feed_limit", "", c.integer(1, 10000)),
    Field("raw_html", "", c.boolean),
    Field("freshness", "", _freshness),
)


def _dict_of_int(value: object) -> dict[str, int]:
    return {str(k): int(str(x)) for k, x in value.items()} if isinstance(value, dict) else {}


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
    read = read_fields(parsed.root, SITE_FIELDS, CONFIG_FILE, ZoneInfo("Asia/Shanghai"), 1)
    config = _config(read)
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


def _config(read: FieldValues) -> SiteConfig:
    v = read.values
    publisher_values = v.get("publisher")
    p = publisher_values.values if isinstance(publisher_values, FieldValues) else {}
    contact_values = p.get("contact")
    contact = Contact(**{k: str(x) for k, x in contact_values.values.items()}) \
        if isinstance(contact_values, FieldValues) else Contact()
    badge_values = p.get("badge")
    badge = Badge(str(badge_values.values.get("image", "")), str(badge_values.values.get("url", ""))) \
        if isinstance(badge_values, FieldValues) and not badge_values.diagnostics else None
    publisher = Publisher(sponsor=str(p.get("sponsor", "")), operator=str(p.get("operator", "")),
                          site_code=str(p.get("site_code", "")), icp=str(p.get("icp", "")),
                          police=str(p.get("police", "")), contact=contact, badge=badge,
                          error_report_url=str(p.get("error_report_url", "")))
    index_values = v.get("index_no")
    pattern = str(index_values.values.get("pattern", DEFAULT_INDEX_PATTERN)) \
        if isinstance(index_values, FieldValues) else DEFAULT_INDEX_PATTERN
    return SiteConfig(
        title=str(v.get("title", "")), base_url=str(v.get("base_url", "https://example.invalid/")), publisher=publisher,
        language=str(v.get("language", "zh-CN")), timezone=str(v.get("timezone", "Asia/Shanghai")),
        theme=str(v.get("theme", "default")), index_pattern=pattern,
        review_required=bool(v.get("review_required", True)), pagination=int(str(v.get("pagination", 20))),
        feed_limit=int(str(v.get("feed_limit", 50))), raw_html=bool(v.get("raw_html", False)),
        freshness=_dict_of_int(v.get("freshness")),
    )


__all__ = ["CONFIG_FILE", "Badge", "Contact", "Invalid", "Publisher", "SiteConfig", "load_config"]
