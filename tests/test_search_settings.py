"""data/search.yaml: synonyms and popular searches, validated like every data file, handed to the search page.

Each rule's exact diagnostic is checked in process (govsite.registry.load_registry); the command line's
diagnostics for a whole broken file, and that a failed build writes nothing, are in
tests/sites/search-yaml-errors (test_broken_sites.py). The search page's values are checked through a
site's own search.html that prints them; a change of the file must reach the page through the build cache
and the preview's memo.
"""

from __future__ import annotations

import json
import re
import sys
import types
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from helpers import REPO_ROOT, build_request, catalog_doc, dump_yaml, tree_digest

from govsite.build import build
from govsite.memo import BuildMemo
from govsite.pipeline import prepare
from govsite.registry import load_registry
from govsite.request import BuildResult, BuildRuntime
from govsite.searchsettings import SearchSettings

DOC = "content/policies/2025/a.md"
SEARCH = "data/search.yaml"
VALID = """\
# 站内搜索设置
synonyms:
  医保: [医疗保障, 医疗保险]
  社保: [社会保险]
  公积金: 住房公积金
popular:
  - 住房公积金
  - 部门预算
"""
# A site's own search page that shows exactly the values it gets, whatever the built-in theme's markup.
PRINTING_TEMPLATE = """\
<!doctype html><title>{{ page_title }}</title>
<script type="application/json" id="search-synonyms">{{ synonyms|tojson }}</script>
<ul id="popular">{% for search in popular %}<li>{{ search }}</li>{% endfor %}</ul>
"""
TEMPLATE = "themes/default/templates/search.html"


def read(make_site, text: str | None) -> tuple[SearchSettings, list[str]]:  # type: ignore[no-untyped-def]
    """The settings of a site whose data/search.yaml is `text` (None: no file), and the file's diagnostics."""
    site = make_site({SEARCH: text} if text is not None else {})
    registry, problems = load_registry(site, ZoneInfo("Asia/Shanghai"))
    return registry.search, [d.format() for d in problems if d.path == SEARCH]


def test_no_file_means_no_synonyms_and_no_popular_searches(make_site) -> None:
    assert read(make_site, None) == (SearchSettings(), [])


def test_a_file_of_comments_only_is_the_same_as_none(make_site) -> None:
    assert read(make_site, "# 站内搜索设置\n") == (SearchSettings(), [])


def test_a_valid_file_gives_synonyms_and_popular_searches_in_file_order(make_site) -> None:
    settings, problems = read(make_site, VALID)
    assert problems == []
    assert settings.synonyms == (("医保", ("医疗保障", "医疗保险")), ("社保", ("社会保险",)), ("公积金", ("住房公积金",)))
    assert settings.popular == ("住房公积金", "部门预算")
    assert list(settings.synonym_table().items()) == [("医保", ["医疗保障", "医疗保险"]), ("社保", ["社会保险"]),
                                                      ("公积金", ["住房公积金"])]


def test_chinese_keys_work_and_text_is_stripped(make_site) -> None:
    settings, problems = read(make_site, "同义词:\n  ' 医保 ': ['  医疗保障 ']\n热门搜索: [' 部门预算 ']\n")
    assert problems == []
    assert settings == SearchSettings((("医保", ("医疗保障",)),), ("部门预算",))


def test_empty_keys_and_an_empty_list_of_popular_searches_are_fine(make_site) -> None:
    assert read(make_site, "synonyms:\npopular: []\n") == (SearchSettings(), [])


LONG = "一二三四五六七八九十" * 4 + "多"  # 41 characters

RULES: list[tuple[str, str, list[str]]] = [
    ("top-level-list", "- 医保\n", [
        "data/search.yaml:1: error: data/search.yaml must be key: value lines, not a list",
        "  hint: start a line with 'synonyms:' (同义词) or 'popular:' (热门搜索) and put the entries under it"]),
    ("unknown-key", "synonym:\n  医保: 医疗保障\n", [
        "data/search.yaml:1: error: unknown field 'synonym'",
        "  hint: did you mean 'synonyms'?"]),
    ("unknown-key-far-off", "settings: 1\n", [
        "data/search.yaml:1: error: unknown field 'settings'",
        "  hint: known fields: synonyms, popular"]),
    ("key-and-alias", "synonyms: {医保: 医疗保障}\n同义词: {社保: 社会保险}\n", [
        "data/search.yaml:2: error: '同义词' and 'synonyms' are the same field 'synonyms' (同义词) (first on line 1)",
        "  hint: keep only one of the two lines"]),
    ("synonyms-a-list", "synonyms:\n  - 医保\n", [
        "data/search.yaml:1: error: synonyms: expected key: value lines, not a list",
        "  hint: write each term on its own line, indented, followed by a colon and its synonyms, "
        "e.g. 医保: [医疗保障, 医疗保险]"]),
    ("empty-term", "synonyms:\n  '': [医疗保障]\n", [
        "data/search.yaml:2: error: synonyms: a term is empty",
        "  hint: write the word people search for before the colon, e.g. 医保: [医疗保障, 医疗保险]"]),
    ("term-with-quote", "synonyms:\n  '医\"保': [医疗保障]\n", [
        "data/search.yaml:2: error: synonyms: the term '医\"保' contains a double quote (\")",
        "  hint: remove the \" marks: in the search box they mark an exact phrase"]),
    ("term-too-long", f"synonyms:\n  {LONG}: [医疗保障]\n", [
        f"data/search.yaml:2: error: synonyms: the term '{LONG}' is 41 characters long; at most 40 are allowed",
        "  hint: a search is a word or a short phrase: shorten it"]),
    ("term-twice", "synonyms:\n  医保: [医疗保障]\n  ' 医保': [医疗保险]\n", [
        "data/search.yaml:3: error: synonyms: the term '医保' is given twice (first on line 2)",
        "  hint: put all its synonyms in one list"]),
    ("no-synonyms", "synonyms:\n  医保:\n", [
        "data/search.yaml:2: error: synonyms: '医保' has no synonyms",
        "  hint: write them after the colon, e.g. 医保: [医疗保障, 医疗保险], or remove the line"]),
    ("empty-list", "synonyms:\n  医保: []\n", [
        "data/search.yaml:2: error: synonyms: '医保' has no synonyms",
        "  hint: write them after the colon, e.g. 医保: [医疗保障, 医疗保险], or remove the line"]),
    ("synonyms-a-mapping", "synonyms:\n  医保:\n    医疗: 保障\n", [
        "data/search.yaml:2: error: synonyms: the synonyms of '医保' must be text or a list, "
        "not a mapping (key: value lines)",
        "  hint: write them as a list after the colon, e.g. 医保: [医疗保障, 医疗保险]"]),
    ("empty-synonym", "synonyms:\n  医保:\n    - 医疗保障\n    - ' '\n", [
        "data/search.yaml:4: error: synonyms: a synonym of '医保' is empty",
        "  hint: write the synonym or remove the empty entry"]),
    ("nested-list", "synonyms:\n  医保: [[医疗保障]]\n", [
        "data/search.yaml:2: error: synonyms: a synonym of '医保' must be text, not a list",
        "  hint: write all the synonyms of a term as one list, e.g. 医保: [医疗保障, 医疗保险]"]),
    ("synonym-with-quote", "synonyms:\n  医保: '\"医疗保障\"'\n", [
        "data/search.yaml:2: error: synonyms: the synonym '\"医疗保障\"' of '医保' contains a double quote (\")",
        "  hint: remove the \" marks: in the search box they mark an exact phrase"]),
    ("synonym-too-long", f"synonyms:\n  医保: [{LONG}]\n", [
        f"data/search.yaml:2: error: synonyms: the synonym '{LONG}' of '医保' is 41 characters long; "
        "at most 40 are allowed",
        "  hint: a search is a word or a short phrase: shorten it"]),
    ("lists-itself", "synonyms:\n  医保:\n    - 医疗保障\n    - 医保\n", [
        "data/search.yaml:4: error: synonyms: '医保' lists itself as a synonym",
        "  hint: remove it from the list: a search always finds the term itself"]),
    ("synonym-twice", "synonyms:\n  医保:\n    - 医疗保障\n    - 医疗保障\n", [
        "data/search.yaml:4: error: synonyms: '医疗保障' is listed twice as a synonym of '医保'",
        "  hint: remove one of the two"]),
    ("synonym-twice-as-search-compares", "synonyms:\n  gdp: [ＧＤＰ总量, gdp总量]\n", [
        "data/search.yaml:2: error: synonyms: 'gdp总量' is listed twice as a synonym of 'gdp'",
        "  hint: remove one of the two"]),
    ("popular-not-a-list", "popular: 住房公积金\n", [
        "data/search.yaml:1: error: popular: expected a list, not '住房公积金'",
        "  hint: write each popular search on its own line starting '- '"]),
    ("popular-empty-entry", "popular:\n  - 住房公积金\n  -\n", [
        "data/search.yaml:3: error: popular: an entry is empty",
        "  hint: write the search or remove the line"]),
    ("popular-nested", "popular:\n  - [住房公积金]\n", [
        "data/search.yaml:2: error: popular: an entry must be text, not a list",
        "  hint: write each popular search on its own line starting '- '"]),
    ("popular-with-quote", "热门搜索:\n  - '\"部门预算\"'\n", [
        "data/search.yaml:2: error: 热门搜索: '\"部门预算\"' contains a double quote (\")",
        "  hint: remove the \" marks: in the search box they mark an exact phrase"]),
    ("popular-too-long", f"popular:\n  - {LONG}\n", [
        f"data/search.yaml:2: error: popular: '{LONG}' is 41 characters long; at most 40 are allowed",
        "  hint: a search is a word or a short phrase: shorten it"]),
    ("popular-twice", "popular:\n  - 部门预算\n  - 住房公积金\n  - 部门预算\n", [
        "data/search.yaml:4: error: popular: '部门预算' is listed twice (first on line 2)",
        "  hint: remove one of the two lines"]),
    ("popular-over-20", "popular:\n" + "".join(f"  - 搜索{n}\n" for n in range(1, 24)), [
        "data/search.yaml:22: error: popular: 23 searches are listed; at most 20 are allowed",
        "  hint: remove 3 of them (this line is the first over the limit)"]),
    ("control-character", "popular:\n  - \"部门\\x01预算\"\n", [
        "data/search.yaml:2: error: popular: '部门\\x01预算' contains an invisible control character (U+0001)",
        "  hint: delete it and type the text again; it often comes with text copied from Word or PDF files"]),
]


@pytest.mark.parametrize(("text", "expected"), [(text, expected) for _name, text, expected in RULES],
                         ids=[name for name, _text, _expected in RULES])
def test_each_rule_gives_its_exact_diagnostic(make_site, text: str, expected: list[str]) -> None:
    _settings, problems = read(make_site, text)
    assert "\n".join(problems).splitlines() == expected


def test_every_problem_of_the_file_is_reported_in_one_run(make_site) -> None:
    _settings, problems = read(make_site, "synonyms:\n  医保: [医保]\n  社保:\npopular: [部门预算, 部门预算]\nhot: 1\n")
    assert [p.split(": error: ")[0] for p in problems] == [f"{SEARCH}:{n}" for n in (2, 3, 4, 5)]


def search_page_site(make_site, search_yaml: str | None = VALID):  # type: ignore[no-untyped-def]
    files = {DOC: catalog_doc(), TEMPLATE: PRINTING_TEMPLATE}
    if search_yaml is not None:
        files[SEARCH] = search_yaml
    return make_site(files)


def search_page(site: Path, memo: BuildMemo | None = None) -> str:
    """The search page of a build with search on (the index itself is not built: prepare stops before it)."""
    result, plan = prepare(build_request(site, site.parent / "out"), BuildRuntime(memo=memo, workers=False))
    assert plan is not None, [d.format() for d in result.diagnostics]
    return plan.files["search/index.html"].decode("utf-8")


def shown(page: str) -> tuple[object, list[str]]:
    """The synonyms (parsed JSON) and popular searches a page made by PRINTING_TEMPLATE shows."""
    found = re.search(r'<script type="application/json" id="search-synonyms">(.*?)</script>', page, re.S)
    assert found is not None, page
    return json.loads(found.group(1)), re.findall(r"<li>(.*?)</li>", page)


def test_the_search_page_gets_the_synonyms_and_popular_searches(make_site) -> None:
    synonyms, popular = shown(search_page(search_page_site(make_site)))
    assert synonyms == {"医保": ["医疗保障", "医疗保险"], "社保": ["社会保险"], "公积金": ["住房公积金"]}
    assert popular == ["住房公积金", "部门预算"]


def test_without_the_file_the_search_page_gets_empty_values(make_site) -> None:
    assert shown(search_page(search_page_site(make_site, None))) == ({}, [])


def test_a_changed_file_reaches_the_search_page_of_the_preview(make_site) -> None:
    """The preview keeps a memo of pages by their values: the new values make the page again."""
    site = search_page_site(make_site)
    memo = BuildMemo()
    search_page(site, memo)
    memo.advance()
    (site / SEARCH).write_text("popular: [政府采购]\n", encoding="utf-8")
    assert shown(search_page(site, memo)) == ({}, ["政府采购"])


@pytest.fixture
def no_indexer(monkeypatch: pytest.MonkeyPatch) -> None:
    """builds with search on, without Pagefind: govsite.search stands in with an empty index folder."""
    fake = types.ModuleType("govsite.search")

    def build_index(stage: Path, _out: Path | None = None, **_options: object) -> None:
        (stage / "pagefind").mkdir(exist_ok=True)

    fake.build_index = build_index  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "govsite.search", fake)


def cached(site: Path, out: Path, cache: bool = True) -> BuildResult:
    result = build(build_request(site, out, cache=cache))
    assert result.ok, [d.format() for d in result.diagnostics]
    return result


@pytest.mark.usefixtures("no_indexer")
def test_a_changed_file_rebuilds_the_search_page_through_the_build_cache(make_site, tmp_path: Path) -> None:
    site = search_page_site(make_site)
    out = tmp_path / "out"
    cached(site, out)
    assert cached(site, out).unchanged
    (site / SEARCH).write_text(VALID.replace("  - 部门预算\n", "  - 部门预算\n  - 政府采购\n"), encoding="utf-8")
    assert not cached(site, out).unchanged
    assert shown((out / "search/index.html").read_text(encoding="utf-8"))[1] == ["住房公积金", "部门预算", "政府采购"]
    (site / SEARCH).unlink()
    cached(site, out)
    assert shown((out / "search/index.html").read_text(encoding="utf-8")) == ({}, [])
    cached(site, tmp_path / "clean", cache=False)
    assert tree_digest(out) == tree_digest(tmp_path / "clean")


def test_the_built_in_search_page_carries_the_synonyms_and_popular_searches(make_site) -> None:
    site = make_site({DOC: catalog_doc(), SEARCH: VALID})
    page = search_page(site)
    found = re.search(r'<script type="application/json" id="search-synonyms">(.*?)</script>', page, re.S)
    assert found is not None
    assert json.loads(found.group(1)) == {"医保": ["医疗保障", "医疗保险"], "社保": ["社会保险"],
                                          "公积金": ["住房公积金"]}
    assert page.count('id="search-synonyms"') == 1
    popular = page[page.index("热门搜索"):]
    assert popular.index("住房公积金") < popular.index("部门预算")


HOSTILE = ("</script><script>alert(1)</script>", "<img src=x onerror=alert(1)>", "'><svg onload=alert(1)>",
           "&lt;b&gt;", "a\u2028b")  # a double quote is refused, so none of these has one


def test_hostile_synonyms_and_popular_searches_come_out_inert(make_site) -> None:
    """The theme's search page writes the values into a JSON block, into text and into links: all escaped."""
    synonyms = {HOSTILE[0]: list(HOSTILE[1:]), "医保": [HOSTILE[0]]}
    page = search_page(make_site({DOC: catalog_doc(), SEARCH: dump_yaml({"synonyms": synonyms,
                                                                         "popular": list(HOSTILE)})}))
    assert [payload for payload in HOSTILE[:3] if payload in page] == []
    found = re.search(r'<script type="application/json" id="search-synonyms">(.*?)</script>', page, re.S)
    assert found is not None and json.loads(found.group(1)) == synonyms


def test_the_demo_site_file_is_valid_and_its_popular_searches_are_in_its_documents() -> None:
    registry, problems = load_registry(REPO_ROOT, ZoneInfo("Asia/Shanghai"))
    assert [d.format() for d in problems if d.path == SEARCH] == []
    settings = registry.search
    assert settings.synonyms and settings.popular
    content = REPO_ROOT / "content"
    documents = [p.read_text(encoding="utf-8") for p in sorted(content.rglob("*.md"))
                 if p.relative_to(content).parts[0] != "pages"]  # not the editor's guide
    assert [search for search in settings.popular if not any(search in text for text in documents)] == []
