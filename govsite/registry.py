"""Registries: agencies (data/agencies.yaml), topics, genres, Article 20 categories, holidays, the search
settings (data/search.yaml, read by govsite.searchsettings) and the wording list (data/wording.yaml over the
built-in list, read by govsite.wordingsettings).

The national topic taxonomy, the genre list and the Article 20 categories are built in (govsite/defaults);
a site's data/topics.yaml or data/genres.yaml replaces them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from importlib import resources
from pathlib import Path
from zoneinfo import ZoneInfo

from govsite.content import coerce as c
from govsite.content.coerce import Ctx
from govsite.content.fields import Field, FieldValues, nested_list, read_fields
from govsite.content.source import decode_text
from govsite.content.yamlnodes import YNode, parse_yaml, plain
from govsite.errors import Diagnostic, error
from govsite.searchsettings import SEARCH_FILE, SearchSettings, read_search_settings
from govsite.wordingsettings import WORDING_FILE, WordingSettings, read_wording

AGENCIES_FILE = "data/agencies.yaml"


@dataclass(frozen=True)
class Agency:
    """A publishing body: its key (front matter, URLs), full official name and code (索引号 prefix)."""

    key: str
    name: str
    code: str
    line: int = 0
    office: Office | None = None  # the 依申请公开 handling office, when agencies.yaml gives one


@dataclass(frozen=True)
class Office:
    """An agency's 依申请公开 handling office (受理机构) and how to reach it; every part is optional but the name."""

    name: str
    address: str = ""
    hours: str = ""
    phone: str = ""
    fax: str = ""
    email: str = ""
    postcode: str = ""
    apply_url: str = ""


@dataclass(frozen=True)
class Topic:
    """A topic of the taxonomy: `name` is what front matter says (`parent` or `parent/child`)."""

    name: str
    label: str
    slug: str
    parent: str = ""


@dataclass(frozen=True)
class Genre:
    """A document genre (体裁) and its URL slug."""

    name: str
    slug: str


@dataclass(frozen=True)
class Art20:
    """One of the 15 Article 20 categories."""

    number: int
    name: str


@dataclass(frozen=True)
class Registry:
    """All registries of one site, with lookups by key and by name."""

    agencies: tuple[Agency, ...]
    topics: tuple[Topic, ...]
    genres: tuple[Genre, ...]
    art20: tuple[Art20, ...]
    holidays: frozenset[date]
    workdays: frozenset[date]
    search: SearchSettings = field(default_factory=SearchSettings)  # synonyms and popular searches (data/search.yaml)
    wording: WordingSettings = field(default_factory=WordingSettings)  # wrong forms and exact names (data/wording.yaml)

    @cached_property
    def _agency_index(self) -> Mapping[str, Agency]:
        return _index_agencies(self.agencies)

    @cached_property
    def _topic_index(self) -> Mapping[str, Topic]:
        return {t.name: t for t in reversed(self.topics)}  # the first of a name wins

    @cached_property
    def _genre_index(self) -> Mapping[str, Genre]:
        return {g.name: g for g in reversed(self.genres)}

    def agency(self, key_or_name: str) -> Agency | None:
        """An agency by key or by full name."""
        return self._agency_index.get(key_or_name)

    def topic(self, name: str) -> Topic | None:
        return self._topic_index.get(name)

    def genre(self, name: str) -> Genre | None:
        return self._genre_index.get(name)


def _index_agencies(agencies: tuple[Agency, ...]) -> Mapping[str, Agency]:
    table: dict[str, Agency] = {}
    for agency in agencies:
        table[agency.key] = agency
        table[agency.name] = agency
    return table


def _code(node: YNode, ctx: Ctx) -> str:
    raw = c.text(node, ctx)
    if len(raw) not in (9, 18) or not raw.isascii() or not all(ch.isdigit() or ch.isupper() for ch in raw):
        raise c.fail(node, ctx, f"'{raw}' is not a 9- or 18-character code of digits and capital letters",
                     "use the 统一社会信用代码 (18 characters) or the organisation code (9)")
    return raw


def _postcode(node: YNode, ctx: Ctx) -> str:
    raw = c.text(node, ctx)
    if not re.fullmatch(r"[0-9]{6}", raw):
        raise c.fail(node, ctx, f"'{raw}' is not a post code of six digits", "write it like 510000")
    return raw


def _email(node: YNode, ctx: Ctx) -> str:
    raw = c.text(node, ctx)
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", raw):
        raise c.fail(node, ctx, f"'{raw}' is not an e-mail address", "write it like xxgk@example.gov.cn")
    return raw


def _web_address(node: YNode, ctx: Ctx) -> str:
    raw = c.text(node, ctx)
    if not re.fullmatch(r"https?://[^\s/]+(/\S*)?", raw):
        raise c.fail(node, ctx, f"'{raw}' is not a web address",
                     "give the full address of the online application system, starting with https://")
    return raw


OFFICE_FIELDS = (
    Field("office", "受理机构", c.text),
    Field("address", "地址", c.text),
    Field("hours", "办公时间", c.text),
    Field("phone", "电话", c.text),
    Field("fax", "传真", c.text),
    Field("email", "电子邮箱", _email),
    Field("postcode", "邮政编码", _postcode),
    Field("apply_url", "在线申请", _web_address),
)

AGENCY_FIELDS = (
    Field("key", "", c.slug, required=True),
    Field("name", "", c.text, required=True),
    Field("code", "", c.text, required=True),  # checked on its own, so that a bad code keeps the agency
    *OFFICE_FIELDS,
)


def _office(values: FieldValues) -> Office | None:
    """The handling office of one agency entry, or None when the entry names none."""
    name = values.get("office")
    if not name:
        return None
    parts = {f.key: str(values.get(f.key) or "") for f in OFFICE_FIELDS[1:]}
    return Office(str(name), **parts)


def load_registry(site: Path, tz: ZoneInfo) -> tuple[Registry, tuple[Diagnostic, ...]]:
    """Read the site's data/ registries over the built-in defaults."""
    agencies, problems = _load_agencies(site, tz)
    topics, topic_problems = _load_topics(site)
    genres, genre_problems = _load_genres(site)
    holidays, workdays, holiday_problems = _load_holidays(site, tz)
    search_root, search_yaml_problems = _read_yaml(site, SEARCH_FILE)
    search, search_problems = read_search_settings(search_root, tz)
    wording_root, wording_yaml_problems = _read_yaml(site, WORDING_FILE)
    wording, wording_problems = read_wording(wording_root, tz)
    art20_data = _default_yaml("art20.yaml")
    assert isinstance(art20_data, list)
    art20 = tuple(Art20(int(str(e["n"])), str(e["name"])) for e in art20_data)
    slug_problems = (*_check_slugs("data/topics.yaml", [(t.name, t.slug) for t in topics]),
                     *_check_slugs("data/genres.yaml", [(g.name, g.slug) for g in genres]))
    registry = Registry(agencies, topics, genres, art20, holidays, workdays, search, wording)
    return registry, (*problems, *topic_problems, *genre_problems, *holiday_problems, *slug_problems,
                      *search_yaml_problems, *search_problems, *wording_yaml_problems, *wording_problems)


SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _check_slugs(rel: str, named: list[tuple[str, str]]) -> tuple[Diagnostic, ...]:
    """Slugs become folder names under catalog/: lowercase letters, digits and hyphens, each used once."""
    problems = []
    seen: dict[str, str] = {}
    for name, slug in named:
        if not SLUG.fullmatch(slug):
            problems.append(error(rel, 1, f"the slug '{slug}' of '{name}' is not usable in an address",
                                  "use lowercase letters a-z, digits and hyphens, e.g. czjrsj"))
        elif slug in seen:
            problems.append(error(rel, 1, f"'{name}' and '{seen[slug]}' have the same slug '{slug}'",
                                  "give each entry its own slug"))
        seen.setdefault(slug, name)
    return tuple(problems)


def _read_yaml(site: Path, rel: str) -> tuple[YNode | None, tuple[Diagnostic, ...]]:
    path = site / rel
    if not path.is_file():
        return None, ()
    text, problems = decode_text(path.read_bytes(), rel)
    if text is None:
        return None, problems
    result = parse_yaml(text, rel)
    return result.root, result.diagnostics


def _load_agencies(site: Path, tz: ZoneInfo) -> tuple[tuple[Agency, ...], tuple[Diagnostic, ...]]:
    if not (site / AGENCIES_FILE).is_file():
        return (), (error(AGENCIES_FILE, 1, "data/agencies.yaml is missing",
                          "list each publishing body: '- {key: czt, name: 示例省财政厅, code: 11440000MB2C12345X}'"),)
    root, problems = _read_yaml(site, AGENCIES_FILE)
    if root is None:
        return (), problems or (error(AGENCIES_FILE, 1, "data/agencies.yaml is empty"),)
    if root.kind != "seq":
        return (), (*problems, error(AGENCIES_FILE, root.line, "data/agencies.yaml must be a list of agencies",
                                     "start each agency with '- key: …'"))
    reader = nested_list(AGENCY_FIELDS, "agency")
    diagnostics = list(problems)
    agencies: list[Agency] = []
    seen: dict[str, int] = {}
    for item in root.items:
        try:
            entries = reader(YNode("seq", item.line, items=(item,)), Ctx(AGENCIES_FILE, "agency", tz))
        except c.Invalid as problem:
            diagnostics.extend(problem.diagnostics)
            continue
        assert isinstance(entries, tuple)
        values: FieldValues = entries[0][0]
        agency = Agency(str(values.get("key")), str(values.get("name")), str(values.get("code")), item.line,
                        _office(values))
        diagnostics.extend(_office_without_name(values, item.line))
        code_node = item.get("code")
        if code_node is not None:
            try:
                _code(code_node, Ctx(AGENCIES_FILE, "code", tz))
            except c.Invalid as problem:
                diagnostics.extend(problem.diagnostics)
        for ident in (agency.key, agency.name, agency.code):
            if ident in seen:
                diagnostics.append(error(AGENCIES_FILE, item.line,
                                         f"'{ident}' is used by two agencies (first on line {seen[ident]})",
                                         "every agency needs its own key, name and code"))
            seen[ident] = item.line
        agencies.append(agency)
    return tuple(agencies), tuple(diagnostics)


def _office_without_name(values: FieldValues, line: int) -> tuple[Diagnostic, ...]:
    """Office details without the office's name would be shown under no heading: an error."""
    given = [f.key for f in OFFICE_FIELDS[1:] if f.key in values.values]
    if given and "office" not in values.values:
        return (error(AGENCIES_FILE, line, f"the agency gives '{given[0]}' but not 'office' (受理机构)",
                      "add 'office: …' with the name of the office that handles 依申请公开 applications"),)
    return ()


def _default_yaml(name: str) -> object:
    text = resources.files("govsite.defaults").joinpath(name).read_text(encoding="utf-8")
    result = parse_yaml(text, name)
    assert result.root is not None
    return plain(result.root)


def _load_topics(site: Path) -> tuple[tuple[Topic, ...], tuple[Diagnostic, ...]]:
    root, problems = _read_yaml(site, "data/topics.yaml")
    data = plain(root) if root is not None else _default_yaml("topics.yaml")
    if not isinstance(data, list):
        return _load_topics_default(), (*problems, error("data/topics.yaml", 1, "must be a list of topics"))
    return _topics_from(data), problems


def _load_topics_default() -> tuple[Topic, ...]:
    data = _default_yaml("topics.yaml")
    assert isinstance(data, list)
    return _topics_from(data)


def _topics_from(data: list[object]) -> tuple[Topic, ...]:
    topics: list[Topic] = []
    for n, entry in enumerate(data, 1):
        if not isinstance(entry, dict):
            continue
        name = str(entry.get("name"))
        parent_slug = str(entry.get("slug") or f"t{n}")
        topics.append(Topic(name, name, parent_slug))
        for i, child in enumerate(entry.get("children") or [], 1):
            child_name = str(child.get("name")) if isinstance(child, dict) else str(child)
            child_slug = str(child.get("slug")) if isinstance(child, dict) and child.get("slug") \
                else f"{parent_slug}-{i}"
            topics.append(Topic(f"{name}/{child_name}", f"{name} / {child_name}", child_slug, name))
    return tuple(topics)


def _load_genres(site: Path) -> tuple[tuple[Genre, ...], tuple[Diagnostic, ...]]:
    root, problems = _read_yaml(site, "data/genres.yaml")
    data = plain(root) if root is not None else _default_yaml("genres.yaml")
    entries: list[object] = []
    if isinstance(data, dict):
        for group in data.values():
            entries.extend(group if isinstance(group, list) else [])
    elif isinstance(data, list):
        entries = list(data)
    genres = []
    for n, entry in enumerate(entries, 1):
        if isinstance(entry, dict):
            genres.append(Genre(str(entry.get("name")), str(entry.get("slug") or f"g{n}")))
        else:
            genres.append(Genre(str(entry), f"g{n}"))
    return tuple(genres), problems


def _load_holidays(site: Path, tz: ZoneInfo) -> tuple[frozenset[date], frozenset[date], tuple[Diagnostic, ...]]:
    rel = "data/holidays.yaml"
    root, problems = _read_yaml(site, rel)
    if root is None or root.kind != "map":
        return frozenset(), frozenset(), problems
    day_fields = (Field("date", "日期", c.a_date, required=True), Field("name", "名称", c.text))
    read = read_fields(root, (Field("holidays", "节假日", nested_list(day_fields, "holiday")),
                              Field("workdays", "调休上班", nested_list(day_fields, "workday"))), rel, tz, 1)
    days: dict[str, frozenset[date]] = {}
    for key in ("holidays", "workdays"):
        entries = read.values.get(key, ())
        assert isinstance(entries, tuple)
        days[key] = frozenset(d for values, _line in entries if isinstance(d := values.get("date"), date))
    return days["holidays"], days["workdays"], problems + read.diagnostics
