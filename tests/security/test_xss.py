"""XSS and injection: hostile text in every field an editor or operator writes must come out inert.

Counts (keep in step with the lists below; test_counts_in_this_docstring checks them):

- PAYLOADS: 37 payloads, each put into FIELDS: 28 text fields (site.yaml 8; data/ registries 3: agency,
  topic and genre names; catalog front matter 15; page and topic titles 2) plus 3 Markdown bodies (policy,
  page, topic) = 31 places, one site built per payload: 37 x 31 = 1147 payload placements (the 索引号 cannot
  carry one: its parts are a code, a year and a number whatever index_no.pattern says);
- LINK_PAYLOADS: 17 Markdown link/image/autolink destinations (javascript:, data:, vbscript: in disguise);
- RAW_HTML_PAYLOADS: 24 raw-HTML snippets in a site with `raw_html: true` (nh3 must neutralise them);
- one combined site (every payload in one build, search index included) checked against the strict
  Content-Security-Policy of the brief.

Every HTML page is parsed (html.parser): no <script> but those with src under the site's /static/ or
/pagefind/, no on* attribute, no javascript:/vbscript:/data:text/html URL, no <iframe>/<object>/<embed>/
<base>/<style>, no meta refresh; the payload is found again as text (escaped in the source). Every .xml is
parsed with xml.etree, every .json with json.loads (the payload round-trips as the same string), catalog.csv
and fund-table.csv with the csv module.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import catalog_doc, dump_yaml, site_yaml, write_site
from security_helpers import build, built, check_output, make_out, refused, scan_html

PAYLOADS: tuple[str, ...] = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(document.domain)",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '" onmouseover="alert(1)',
    "' onfocus='alert(1)' autofocus='",
    "</title><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    "{{7*7}}",
    "{% for x in range(3) %}{{x}}{% endfor %}",
    "{{ config.__class__.__init__.__globals__ }}",
    "${7*7}#{7*7}<%= 7*7 %>",
    "]]><injected>CDATA</injected><![CDATA[",
    "x]]>y<![CDATA[<script>alert(1)</script>]]>",
    '"},"x":"',
    '\\"},{"x":"\\u003cscript\\u003e',
    "a\u2028b\u2029c",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<a href="javascript:alert(1)">x</a>',
    '<img src="data:text/html,<script>alert(1)</script>">',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<!--<script>alert(1)//-->",
    "<style>*{background:url(javascript:alert(1))}</style>",
    '<object data="javascript:alert(1)"></object>',
    '<base href="//evil.example/">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<<script>>alert(1)<</script>>",
    "vbscript:msgbox(1)",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    '<form action="javascript:alert(1)"><button>x</button></form>',
    "\u202egnp.exe<b>x</b>\u200b\ufeff",
    "<!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>&xxe;",
)

# Where a payload goes: (file, field) — the value written there is `payload·tag`.
FIELDS: tuple[tuple[str, str], ...] = (
    ("site.yaml", "title"), ("site.yaml", "publisher.sponsor"), ("site.yaml", "publisher.operator"),
    ("site.yaml", "publisher.icp"), ("site.yaml", "publisher.police"), ("site.yaml", "publisher.contact.phone"),
    ("site.yaml", "publisher.contact.email"), ("site.yaml", "publisher.contact.address"),
    ("data/agencies.yaml", "name"), ("data/topics.yaml", "name"), ("data/genres.yaml", "name"),
    ("policy", "title"), ("policy", "summary"), ("policy", "doc_no"), ("policy", "keywords"),
    ("policy", "audience"), ("policy", "attachments.title"),
    ("tender", "title"), ("tender", "purchaser"), ("tender", "agent"), ("tender", "candidates.name"),
    ("award", "award.supplier"),
    ("fund", "title"), ("fund", "fund"), ("fund", "rows.item"), ("fund", "rows.note"),
    ("policy", "extra.note"),
    ("page", "title"), ("topic", "title"),
    ("policy", "body"), ("page", "body"), ("topic", "body"),
)
# extra.note is passed to templates unchecked; the default theme does not show it (not counted below).
TEXT_FIELDS = tuple(f for f in FIELDS if f[1] not in ("body", "extra.note"))
BODIES = tuple(f for f in FIELDS if f[1] == "body")
SHOWN_IN_HTML = TEXT_FIELDS

LINK_PAYLOADS: tuple[str, ...] = (
    "[x](javascript:alert(1))",
    "[x](JAVASCRIPT:alert(1))",
    "[x](java\tscript:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](&#x6A;&#x61;vascript:alert(1))",
    "[x](javascript&colon;alert(1))",
    "[x](%6Aavascript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](vbscript:msgbox(1))",
    "![x](javascript:alert(1))",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "<javascript:alert(1)>",
    "[x][r]\n\n[r]: javascript:alert(1)",
    '[x](https://www.example.gov.cn/ "\\" onmouseover=\\"alert(1)")',
    "[x](<javascript:alert(1)>)",
    "[x](&#0;javascript:alert(1))",
    "[<img src=x onerror=alert(1)>](https://www.example.gov.cn/)",
)

# destinations that a Markdown parser reads as a relative path: a link to a missing file, an error
MISSING_FILE_LINKS = {"[x](%6Aavascript:alert(1))": "%6Aavascript:alert(1)",
                      "[x](&#0;javascript:alert(1))": "&#0;javascript:alert(1)"}

RAW_HTML_PAYLOADS: tuple[str, ...] = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)><circle r=1 /></svg>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt&#58;alert(1)">x</a>',
    '<a href="java&#x09;script:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<iframe src="https://evil.example/"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    "<style>body{display:none}</style>",
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<form action="https://evil.example/"><input name=q formaction="javascript:alert(1)"></form>',
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    '<details open ontoggle=alert(1)><summary>x</summary></details>',
    '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x</maction></math>',
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
    "<table><td background=\"javascript:alert(1)\">x</td></table>",
    '<div id="x" class="skip-link" tabindex="0" onclick="alert(1)">x</div>',
)


def tagged(payload: str, tag: str) -> str:
    return f"{payload}·{tag}"


def _index(n: int) -> str:
    return f"11440000MB2C12345X/2025-{n:05d}"


def _body(payload: str, tag: str) -> str:
    """The payload in the Markdown constructs a body has: heading, paragraph, list, table, link text, note."""
    value = tagged(payload, tag)
    return (f"## {value}\n\n{value}\n\n- {value}\n\n> {value}\n\n| 列 | 说明 |\n|---|---|\n| {value} | x |\n\n"
            f"[{value}](https://www.example.gov.cn/) 和脚注[^1]。\n\n`{value}`\n\n```\n{value}\n```\n\n"
            f"[^1]: {value}\n")


def payload_site(root: Path, payload: str, *, raw_html: bool = False) -> Path:
    """One site with `payload` in every field of FIELDS."""
    v = lambda tag: tagged(payload, tag)  # noqa: E731
    publisher = {"sponsor": v("sponsor"), "operator": v("operator"), "icp": v("icp"), "police": v("police"),
                 "contact": {"phone": v("phone"), "email": v("email"), "address": v("address")}}
    xss_index = _index(1)
    agencies = dump_yaml([{"key": "czt", "name": v("agency"), "code": "11440000MB2C12345X"},
                          {"key": "jyt", "name": "示例省教育厅", "code": "11440000MB2C23456Y"}])
    tender = {"project_code": "XSS-2025-001", "purchaser": v("purchaser"), "agent": v("agent")}
    files: dict[str, str] = {
        "site.yaml": site_yaml(title=v("site.title"), publisher=publisher, raw_html=True if raw_html else None),
        "data/agencies.yaml": agencies,
        "data/topics.yaml": dump_yaml([{"name": "财政、金融、审计", "slug": "czjrsj"},
                                       {"name": v("topic.name"), "slug": "xss-topic"}]),
        "data/genres.yaml": dump_yaml([{"name": "通知", "slug": "notice"}, {"name": v("genre.name"), "slug": "xss"}]),
        "content/policies/2025/xss.md": catalog_doc(
            index_no=xss_index, topic=["财政、金融、审计", v("topic.name")], genre=v("genre.name"), title=v("title"), summary=v("summary"), doc_no=v("doc_no"),
            keywords=[v("keywords")], audience=[v("audience")],
            attachments=[{"file": "fujian.txt", "title": v("attachment")}], extra={"note": v("extra")},
            body=_body(payload, "policy.body")),
        "content/policies/2025/fujian.txt": "附件内容\n",
        "content/tenders/2025/gs.md": catalog_doc(
            index_no=_index(2), title=v("tender.title"), stage="中标候选人公示", publicity_end="2025-03-10",
            candidates=[{"rank": 1, "name": v("candidate"), "price": "100.00"}], **tender),
        "content/tenders/2025/jg.md": catalog_doc(
            index_no=_index(3), title="中标结果公告", written="2025-03-11", stage="中标结果公告",
            award={"supplier": v("supplier"), "amount": "100.00"}, **tender),
        "content/funds/2025/zj.md": catalog_doc(
            index_no=_index(4), title=v("fund.title"), fund=v("fund"), fiscal_year=2025,
            rows=[{"item": v("item"), "budget": "10", "spent": "5", "note": v("note")}]),
        "content/pages/about.md": "---\n" + dump_yaml({"title": v("page.title"), "menu": 1}) + "---\n\n"
                                  + _body(payload, "page.body"),
        "content/topics/zt.md": "---\n" + dump_yaml({"title": v("topic.title"), "documents": [xss_index]})
                                + "---\n\n" + _body(payload, "topic.body"),
    }
    return write_site(root, files)


# the tag used for each FIELDS entry in payload_site()
FIELD_TAGS: dict[tuple[str, str], str] = {
    ("site.yaml", "title"): "site.title", ("site.yaml", "publisher.sponsor"): "sponsor",
    ("site.yaml", "publisher.operator"): "operator", ("site.yaml", "publisher.icp"): "icp",
    ("site.yaml", "publisher.police"): "police", ("site.yaml", "publisher.contact.phone"): "phone",
    ("site.yaml", "publisher.contact.email"): "email", ("site.yaml", "publisher.contact.address"): "address",
    ("data/agencies.yaml", "name"): "agency", ("data/topics.yaml", "name"): "topic.name",
    ("data/genres.yaml", "name"): "genre.name", ("policy", "title"): "title", ("policy", "summary"): "summary",
    ("policy", "doc_no"): "doc_no", ("policy", "keywords"): "keywords", ("policy", "audience"): "audience",
    ("policy", "attachments.title"): "attachment", ("tender", "title"): "tender.title",
    ("tender", "purchaser"): "purchaser", ("tender", "agent"): "agent", ("tender", "candidates.name"): "candidate",
    ("award", "award.supplier"): "supplier", ("fund", "title"): "fund.title", ("fund", "fund"): "fund",
    ("fund", "rows.item"): "item", ("fund", "rows.note"): "note", ("policy", "extra.note"): "extra",
    ("page", "title"): "page.title", ("topic", "title"): "topic.title",
}


def _problems_text(problems: list[str]) -> str:
    return "\n".join(problems[:40]) + (f"\n… and {len(problems) - 40} more" if len(problems) > 40 else "")


@pytest.mark.parametrize("payload", PAYLOADS, ids=[f"p{i:02d}" for i in range(len(PAYLOADS))])
def test_payload_in_every_field_comes_out_inert(tmp_path: Path, payload: str) -> None:
    site = payload_site(tmp_path / "site", payload)
    out = tmp_path / "out"
    run = build(site, out)
    assert run.code == 0, run.stderr
    checked = check_output(out)
    assert checked.problems == [], _problems_text(checked.problems)

    # shown as text: every field is found again, decoded, in some page's text or attribute values
    html_text = "\x00".join(checked.html_text)
    missing = [FIELD_TAGS[f] for f in SHOWN_IN_HTML if tagged(payload, FIELD_TAGS[f]) not in html_text]
    assert missing == [], f"not shown (or altered) in any page: {missing}"
    # … and escaped in the source: markup in a payload never reaches the HTML as markup
    if "<" in payload:
        raw = [(rel, tag) for rel, source in checked.sources.items()
               for tag in (*FIELD_TAGS.values(), "policy.body", "page.body", "topic.body")
               if tagged(payload, tag) in source]
        assert raw == [], f"unescaped payload in the HTML source: {raw[:10]}"
    # template syntax stays literal (the page shows {{7*7}}, not 49)
    if "{{" in payload or "{%" in payload:
        assert tagged(payload, "title") in html_text

    # the data files: the same strings, exactly
    assert tagged(payload, "title") in checked.json_values
    assert tagged(payload, "title") in checked.xml_values
    assert tagged(payload, "title") in checked.csv_values
    for tag in ("summary", "doc_no", "keywords", "agency", "attachment", "topic.name", "genre.name"):
        assert tagged(payload, tag) in checked.json_values, tag
    assert tagged(payload, "site.title") in checked.xml_values
    assert tagged(payload, "item") in checked.csv_values  # fund-table.csv
    assert tagged(payload, "note") in checked.csv_values


@pytest.mark.parametrize("link", LINK_PAYLOADS, ids=[f"l{i:02d}" for i in range(len(LINK_PAYLOADS))])
def test_markdown_link_destinations_never_become_script_urls(tmp_path: Path, link: str) -> None:
    site = write_site(tmp_path / "site", {
        "content/policies/2025/a.md": catalog_doc(body=f"正文。\n\n{link}\n"),
    })
    out = make_out(tmp_path / "out")
    run = build(site, out)
    if link in MISSING_FILE_LINKS:  # taken as a relative link to a file that does not exist: an error
        refused(run, out, [f"content/policies/2025/a.md:13: error: link '{MISSING_FILE_LINKS[link]}' points to a "
                           "missing file", "  hint: check the file name and folder (names are case-sensitive)"])
        return
    built(run)
    checked = check_output(out)
    assert checked.problems == [], _problems_text(checked.problems)


@pytest.mark.parametrize("snippet", RAW_HTML_PAYLOADS, ids=[f"r{i:02d}" for i in range(len(RAW_HTML_PAYLOADS))])
def test_opted_in_raw_html_is_sanitised(tmp_path: Path, snippet: str) -> None:
    site = payload_site(tmp_path / "site", "<b>粗体</b>", raw_html=True)
    doc = site / "content/policies/2025/raw.md"
    doc.write_text(catalog_doc(index_no=_index(9), body=f"<p><b>保留的粗体</b></p>\n\n{snippet}\n\n正文结束。\n"),
                   encoding="utf-8")
    out = tmp_path / "out"
    run = build(site, out)
    assert run.code == 0, run.stderr
    checked = check_output(out)
    assert checked.problems == [], _problems_text(checked.problems)
    assert checked.csp == [], _problems_text(checked.csp)
    page = scan_html(out / "policies/2025/raw/index.html")
    assert "b" in page.tags  # raw HTML is really on: the harmless <b> survived as an element
    assert not {"script", "iframe", "object", "embed", "style", "form", "base", "link", "meta"} & set(
        page.tags[page.tags.index("main"):] if "main" in page.tags else page.tags)


def test_raw_html_is_text_unless_opted_in(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {
        "content/policies/2025/a.md": catalog_doc(body="<b>不是粗体</b> <script>alert(1)</script>\n"),
    })
    out = tmp_path / "out"
    assert build(site, out).code == 0
    page = scan_html(out / "policies/2025/a/index.html")
    body_tags = page.tags[page.tags.index("main"):]
    assert "b" not in body_tags
    assert "<b>不是粗体</b> <script>alert(1)</script>" in "".join(page.texts)


def test_combined_site_with_search_fits_the_strict_csp(tmp_path: Path) -> None:
    """Every payload at once, the search index built: the brief's CSP must fit every page.

    default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:;
    object-src 'none'; base-uri 'none' — so no inline script, no style attribute, no <style> with content,
    nothing loaded from another origin.
    """
    combined = "".join(PAYLOADS[:12])[:80]
    site = payload_site(tmp_path / "site", combined)
    for n, payload in enumerate(PAYLOADS, 20):
        (site / f"content/policies/2025/p{n}.md").write_text(
            catalog_doc(index_no=_index(n), title=tagged(payload, "t"), summary=tagged(payload, "s"),
                        body=_body(payload, "b")), encoding="utf-8")
    out = tmp_path / "out"
    run = build(site, out, search=True)
    assert run.code == 0, run.stderr
    assert (out / "search/index.html").is_file() and (out / "pagefind").is_dir()
    checked = check_output(out)
    assert checked.problems == [], _problems_text(checked.problems)
    assert checked.csp == [], _problems_text(checked.csp)
    search_page = scan_html(out / "search/index.html")
    assert "script" in search_page.tags  # the search module is there, and passed the src rule above


def test_external_images_in_a_body_are_not_loaded_from_other_hosts(tmp_path: Path) -> None:
    """Spec 5: "The output loads nothing from other hosts" (and img-src 'self' data:).

    An editor's `![图](https://other.example/x.png)` must not become a cross-origin <img>: govsite shows it as a
    link (it could have refused it with a diagnostic; it does not), but does not embed it.
    """
    site = write_site(tmp_path / "site", {
        "content/policies/2025/a.md": catalog_doc(body="正文。\n\n![示意图](https://other.example/track.png)\n"),
    })
    out = tmp_path / "out"
    run = build(site, out)
    built(run)
    checked = check_output(out)
    assert checked.csp == [], _problems_text(checked.csp)
    assert '<a href="https://other.example/track.png">[图片] 示意图</a>' in checked.sources["policies/2025/a/index.html"]


def test_the_scanner_sees_what_it_must(tmp_path: Path) -> None:
    """The checks above are only as good as the scanner: it must flag each of these."""
    page = tmp_path / "p.html"
    page.write_text('<script>inline()</script><script src="https://cdn.example/x.js"></script>'
                    '<img src=x onerror=alert(1)><a href=" jav&#x09;ascript:alert(1)">x</a><iframe></iframe>'
                    '<style>p{color:red}</style><p style="color:red">x</p><base href="//evil.example/">'
                    '<meta http-equiv="Refresh" content="0;url=x"><a href="data:text/html,x">d</a>'
                    '<form action="https://evil.example/"></form><img src="https://other.example/t.png">',
                    encoding="utf-8")
    scan = scan_html(page)
    found = "\n".join(scan.problems)
    for expected in ("inline script", "cdn.example", "onerror", "dangerous URL", "<iframe>", "<style>", "<base>",
                     "http-equiv=refresh", "data:text/html", "<form action"):
        assert expected in found, expected
    csp = "\n".join(scan.csp)
    for expected in ("inline script", "style='color:red'", "<style> with content", "other.example"):
        assert expected in csp, expected
    assert sum("dangerous URL" in p for p in scan.problems) == 2


def test_counts_in_this_docstring() -> None:
    doc = __doc__ or ""
    assert f"PAYLOADS: {len(PAYLOADS)} payloads" in doc
    assert f"{len(TEXT_FIELDS)} text fields" in doc
    assert f"plus {len(BODIES)} Markdown bodies" in doc
    assert f"= {len(TEXT_FIELDS) + len(BODIES)} places" in doc
    assert f"{len(PAYLOADS)} x {len(TEXT_FIELDS) + len(BODIES)} = {len(PAYLOADS) * (len(TEXT_FIELDS) + len(BODIES))}" \
        in doc
    assert f"LINK_PAYLOADS: {len(LINK_PAYLOADS)} " in doc
    assert f"RAW_HTML_PAYLOADS: {len(RAW_HTML_PAYLOADS)} " in doc
    assert set(FIELD_TAGS) == set(TEXT_FIELDS) | {("policy", "extra.note")}
