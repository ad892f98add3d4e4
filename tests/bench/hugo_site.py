"""The generated govsite site as a Hugo site, for the benchmark's comparison: ``python tests/bench/hugo_site.py SITE DIR``.

Equal work: the same Markdown bodies and titles in the same section folders (so the same document URLs),
``date`` = published; taxonomies for what govsite lists: topics (parents; children in ``subtopics``, each
document filed under both, as govsite does), agencies, genres, years (of publication), art20, and for
tenders projects (one per project code), statuses and methods (one row per project); 20 rows per page;
RSS, Atom and JSON feeds of 50 items for the home page, the four kinds, parent topics, agencies and
tender statuses; catalog.json and catalog.csv; sitemap, robots.txt and 404. Terms are govsite's slugs, their
names come from data files (as govsite's do), so the URLs match govsite's. Cross references that govsite
resolves from its index (``interprets``, ``related`` by 索引号, a policy's interpretations) are resolved
here, once, into content paths that the templates look up with ``site.GetPage``; a project's status is
computed here too (awarded / open at the benchmark's --now / closed).
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULTS = REPO_ROOT / "govsite" / "defaults"
KINDS = {"disclosures": "公开事项", "policies": "政策文件", "interpretations": "政策解读", "tenders": "招标采购"}
NOW = dt.datetime(2026, 11, 27, 12, 0)
METHOD_SLUGS = {"公开招标": "gkzb"}
STATUSES = {"open": "招标中", "closed": "已截止", "publicity": "公示中", "awarded": "已中标", "terminated": "已终止"}

CONFIG = """\
baseURL = "https://www.example.gov.cn/xxgk/"
locale = "zh-CN"
title = "{title}"
timeZone = "Asia/Shanghai"
hasCJKLanguage = true
summaryLength = 120
buildFuture = true
capitalizeListTitles = false
disablePathToLower = true
enableRobotsTXT = true
disableKinds = []  # govsite writes every kind: home, section, page, taxonomy, term, rss, sitemap, robotsTXT, 404

[pagination]
pagerSize = 20
disableAliases = true  # no /page/1/ redirects: govsite writes none

[services.rss]
limit = 50

[markup.goldmark.renderHooks.link]
useEmbedded = "fallback"  # resolves the bodies' relative links to other documents, as govsite does

[taxonomies]
topic = "topics"
subtopic = "subtopics"
agency = "agencies"
genre = "genres"
year = "years"
art20 = "art20"
project = "projects"
status = "statuses"
method = "methods"

[permalinks.taxonomy]
topics = "/catalog/topic/"
subtopics = "/catalog/subtopic/"
agencies = "/catalog/agency/"
genres = "/catalog/genre/"
years = "/catalog/year/"
art20 = "/catalog/art20/"
projects = "/tenders/projects/"
statuses = "/tenders/projects/status/"
methods = "/tenders/projects/method/"

[permalinks.term]
topics = "/catalog/topic/:slug/"
subtopics = "/catalog/topic/:slug/"
agencies = "/catalog/agency/:slug/"
genres = "/catalog/genre/:slug/"
years = "/catalog/year/:slug/"
art20 = "/catalog/art20/:slug/"
projects = "/tenders/projects/:slug/"
statuses = "/tenders/projects/status/:slug/"
methods = "/tenders/projects/method/:slug/"

[permalinks.section]
specials = "/topics/"

[permalinks.page]
specials = "/topics/:contentbasename/"

[mediaTypes."application/feed+json"]
suffixes = ["json"]

[mediaTypes."application/atom+xml"]
suffixes = ["xml"]

[outputFormats.rss]
baseName = "rss"

[outputFormats.atom]
mediaType = "application/atom+xml"
baseName = "feed"
isPlainText = false

[outputFormats.jsonfeed]
mediaType = "application/feed+json"
baseName = "feed"
isPlainText = true

[outputFormats.catalogjson]
mediaType = "application/json"
baseName = "catalog"
isPlainText = true

[outputFormats.catalogcsv]
mediaType = "text/csv"
baseName = "catalog"
isPlainText = true

[outputs]
home = ["html", "rss", "atom", "jsonfeed", "catalogjson", "catalogcsv"]
section = ["html", "rss", "atom", "jsonfeed"]
taxonomy = ["html"]
term = ["html", "rss", "atom", "jsonfeed"]
page = ["html"]

[params]
kinds = ["disclosures", "policies", "interpretations", "tenders"]
sponsor = "{sponsor}"
operator = "{operator}"
site_code = "{site_code}"
icp = "{icp}"
"""

# Hugo templates (new template system, Hugo >= 0.146). Short, but with the same parts as govsite's pages:
# header with navigation, breadcrumbs, metadata table, table of contents, document tables, pager, footer.
LAYOUTS: dict[str, str] = {
    "baseof.html": """\
<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} - {{ end }}{{ site.Title }}</title>
<link rel="canonical" href="{{ .Permalink }}">
{{ with .Summary }}<meta name="description" content="{{ . | plainify | truncate 120 }}">{{ end }}
{{ with .Keywords }}<meta name="keywords" content="{{ delimit . "," }}">{{ end }}
<link rel="stylesheet" href="{{ "static/theme.css" | relURL }}">
<link rel="alternate" type="application/atom+xml" title="{{ site.Title }}" href="{{ "feed.xml" | relURL }}">
</head>
<body>
<a class="skip-link" href="#main">跳到主要内容</a>
<header class="site-header">
  <a class="site-title" href="{{ "" | relURL }}">{{ site.Title }}</a>
  <nav class="main-nav" aria-label="主导航"><ul>
    <li><a href="{{ "" | relURL }}">首页</a></li>
    <li><a href="{{ "catalog/" | relURL }}">政府信息公开目录</a></li>
    <li><a href="{{ "topics/" | relURL }}">专题</a></li>
    {{ range site.Menus.main }}<li><a href="{{ .URL }}">{{ .Name }}</a></li>{{ end }}
  </ul></nav>
</header>
<main id="main">
{{ if not .IsHome }}<nav class="breadcrumbs" aria-label="当前位置"><ol>
  {{ range .Ancestors.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}
  <li><span aria-current="page">{{ .Title }}</span></li>
</ol></nav>{{ end }}
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer">
  <ul class="footer-links">
    <li><a href="{{ "catalog/" | relURL }}">政府信息公开目录</a></li>
    <li><a href="{{ "feed.xml" | relURL }}">订阅（Atom）</a></li>
    <li><a href="{{ "catalog.json" | relURL }}">目录数据（JSON）</a></li>
    <li><a href="{{ "catalog.csv" | relURL }}">目录数据（CSV）</a></li>
    <li><a href="{{ "sitemap.xml" | relURL }}">网站地图</a></li>
  </ul>
  <dl class="publisher">
    <div><dt>主办单位：</dt><dd>{{ site.Params.sponsor }}</dd></div>
    <div><dt>承办单位：</dt><dd>{{ site.Params.operator }}</dd></div>
    <div><dt>网站标识码：</dt><dd>{{ site.Params.site_code }}</dd></div>
    <div><dt>ICP备案号：</dt><dd>{{ site.Params.icp }}</dd></div>
  </dl>
</footer>
</body>
</html>
""",
    # Agency names for the document tables and feeds (the terms' own names are their pages' titles).
    "_partials/names.html": """\
{{ $a := dict }}{{ range hugo.Data.agencies }}{{ $a = merge $a (dict .key .name) }}{{ end }}
{{ return dict "agencies" $a }}
""",
    "_partials/rows.html": """\
{{ $names := partialCached "names.html" "names" }}
<table class="doc-table">
<thead><tr><th scope="col">索引号</th><th scope="col">标题</th><th scope="col">发布机构</th><th scope="col">发布日期</th><th scope="col">文号</th></tr></thead>
<tbody>
{{ range . }}<tr>
<td>{{ .Params.index_no }}</td>
<td><a href="{{ .RelPermalink }}">{{ .Title }}</a> <span class="tag">{{ index site.Params.kindLabels .Section }}</span></td>
<td>{{ index $names.agencies .Params.agency }}</td>
<td><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006-01-02" }}</time></td>
<td>{{ .Params.doc_no }}</td>
</tr>{{ end }}
</tbody></table>
""",
    # Previous, first, two either side of the current one, last, next (index into .Pagers: no loop over all).
    "_partials/pager.html": """\
{{ with .Paginator }}{{ if gt .TotalPages 1 }}<nav class="pagination" aria-label="分页">
<p>第 {{ .PageNumber }} 页，共 {{ .TotalPages }} 页</p>
{{ $cur := .PageNumber }}{{ $last := .TotalPages }}{{ $pagers := .Pagers }}
{{ $lo := math.Max 2 (sub $cur 2) | int }}{{ $hi := math.Min (sub $last 1) (add $cur 2) | int }}
{{ $window := slice 1 }}{{ if le $lo $hi }}{{ range seq $lo $hi }}{{ $window = $window | append . }}{{ end }}{{ end }}
<ul>
{{ with .Prev }}<li><a href="{{ .URL }}" rel="prev">上一页</a></li>{{ end }}
{{ range $window | append $last }}{{ with index $pagers (sub . 1) }}
<li><a href="{{ .URL }}"{{ if eq .PageNumber $cur }} aria-current="page"{{ end }}>{{ .PageNumber }}</a></li>{{ end }}{{ end }}
{{ with .Next }}<li><a href="{{ .URL }}" rel="next">下一页</a></li>{{ end }}
</ul></nav>{{ end }}{{ end }}
""",
    "_partials/list.html": """\
{{ $p := .page.Paginate .pages }}
<h1>{{ .title }}</h1>
<div class="list-summary"><p>共 {{ $p.TotalNumberOfElements }} 条，第 {{ $p.PageNumber }} / {{ $p.TotalPages }} 页</p>
{{ with .page.OutputFormats.Get "atom" }}<p><a class="feed-link" href="{{ .RelPermalink }}">订阅本栏目（Atom）</a></p>{{ end }}</div>
{{ partial "rows.html" $p.Pages }}
{{ partial "pager.html" .page }}
<nav class="side-nav" aria-label="目录分类"><ul>
<li><a href="{{ "catalog/" | relURL }}">全部目录</a></li>
{{ range slice "topics" "agencies" "genres" "years" "art20" }}{{ with site.GetPage . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}{{ end }}
</ul></nav>
""",
    "_partials/catalog-pages.html": """\
{{ return where site.RegularPages "Section" "in" site.Params.kinds }}
""",
    "page.html": """\
{{ define "main" }}
<article class="document document-{{ .Section }}">
<header><p class="document-kind">{{ index site.Params.kindLabels .Section }}</p><h1>{{ .Title }}</h1>
{{ with .Params.doc_no }}<p class="document-docno">{{ . }}</p>{{ end }}</header>
<table class="meta-table"><tbody>
<tr><th scope="row">索引号</th><td>{{ .Params.index_no }}</td></tr>
<tr><th scope="row">主题分类</th><td>{{ range or (.GetTerms "subtopics") (.GetTerms "topics") }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</td></tr>
<tr><th scope="row">发布机构</th><td>{{ range .GetTerms "agencies" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</td></tr>
<tr><th scope="row">成文日期</th><td><time>{{ .Params.written }}</time></td></tr>
<tr><th scope="row">文号</th><td>{{ or .Params.doc_no "无" }}</td></tr>
<tr><th scope="row">发布日期</th><td><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006-01-02" }}</time></td></tr>
{{ with .Params.validity }}<tr><th scope="row">有效性</th><td>{{ . }}</td></tr>{{ end }}
<tr><th scope="row">体裁分类</th><td>{{ range .GetTerms "genres" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</td></tr>
{{ range .GetTerms "art20" }}<tr><th scope="row">法定公开类别</th><td><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></td></tr>{{ end }}
<tr><th scope="row">公开方式</th><td>主动公开</td></tr>
{{ with .Keywords }}<tr><th scope="row">主题词</th><td>{{ delimit . "；" }}</td></tr>{{ end }}
{{ with .Params.audience }}<tr><th scope="row">服务对象</th><td>{{ delimit . "；" }}</td></tr>{{ end }}
{{ with .Params.category }}<tr><th scope="row">文件类别</th><td>{{ . }}</td></tr>{{ end }}
{{ with .Params.effective }}<tr><th scope="row">生效日期</th><td>{{ . }}</td></tr>{{ end }}
{{ range .GetTerms "projects" }}<tr><th scope="row">项目编号</th><td><a href="{{ .RelPermalink }}">{{ .Title }}</a></td></tr>{{ end }}
{{ with .Params.stage }}<tr><th scope="row">公告类型</th><td>{{ . }}</td></tr>{{ end }}
{{ with .Params.purchaser }}<tr><th scope="row">采购人</th><td>{{ . }}</td></tr>{{ end }}
{{ with .Params.budget }}<tr><th scope="row">预算金额</th><td>{{ lang.FormatNumber 2 . }} 元</td></tr>{{ end }}
{{ with .Params.deadline }}<tr><th scope="row">投标截止时间</th><td>{{ . }}</td></tr>{{ end }}
{{ with .Params.award }}<tr><th scope="row">中标供应商</th><td>{{ .supplier }}（{{ lang.FormatNumber 2 .amount }} 元）</td></tr>{{ end }}
<tr><th scope="row">内容概述</th><td>{{ .Summary | plainify | truncate 120 }}</td></tr>
</tbody></table>
{{ with .Params.interprets }}{{ with site.GetPage . }}<p>本文解读的文件：<a href="{{ .RelPermalink }}">{{ .Title }}</a></p>{{ end }}{{ end }}
<nav class="toc" aria-label="本文目录"><h2>本文目录</h2>{{ .TableOfContents }}</nav>
<div class="document-body prose">{{ .Content }}</div>
</article>
{{ with .Params.interpretations }}<aside><h2>政策解读</h2><ul>{{ range . }}{{ with site.GetPage . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}{{ end }}</ul></aside>{{ end }}
{{ with .Params.related }}<aside><h2>相关文件</h2><ul>{{ range . }}{{ with site.GetPage . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>（索引号：{{ .Params.index_no }}）</li>{{ end }}{{ end }}</ul></aside>{{ end }}
{{ end }}
""",
    "pages/page.html": """\
{{ define "main" }}<h1>{{ .Title }}</h1><div class="prose">{{ .Content }}</div>{{ end }}
""",
    "home.html": """\
{{ define "main" }}
<h1>{{ site.Title }}</h1>
<dl class="stats">{{ range site.Params.kinds }}{{ with site.GetPage . }}<div><dt>{{ .Title }}</dt><dd>{{ len .RegularPagesRecursive }}</dd></div>{{ end }}{{ end }}</dl>
<nav><h2>政府信息公开目录</h2><ul>
<li><a href="{{ "catalog/" | relURL }}">全部目录</a></li>
{{ range slice "topics" "agencies" "genres" "years" "art20" }}{{ with site.GetPage . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}{{ end }}
</ul></nav>
{{ range site.Params.kinds }}{{ with site.GetPage . }}<section class="home-section"><h2>{{ .Title }}</h2><a href="{{ .RelPermalink }}">更多</a>
<ul>{{ range first 6 .RegularPagesRecursive }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time></li>{{ end }}</ul>
</section>{{ end }}{{ end }}
{{ end }}
""",
    "section.html": """\
{{ define "main" }}{{ partial "list.html" (dict "page" . "pages" .RegularPagesRecursive "title" .Title) }}{{ end }}
""",
    "catalog/section.html": """\
{{ define "main" }}{{ partial "list.html" (dict "page" . "pages" (partialCached "catalog-pages.html" "c") "title" .Title) }}{{ end }}
""",
    "specials/section.html": """\
{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
""",
    # A topic page (专题): every catalog document matching its rules, in one table (govsite does not paginate it).
    "specials/page.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1><div class="prose">{{ .Content }}</div>
{{ $p := partialCached "catalog-pages.html" "c" }}
{{ with .Params.match_topics }}{{ $p = where $p "Params.topics" "intersect" . }}{{ end }}
{{ with .Params.match_keywords }}{{ $p = where $p "Params.keywords" "intersect" . }}{{ end }}
{{ with .Params.match_agency }}{{ $p = where $p "Params.agency" . }}{{ end }}
<h2>专题文件（{{ len $p }} 条）</h2>
{{ partial "rows.html" $p }}
{{ end }}
""",
    "taxonomy.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul class="term-list">{{ range .Data.Terms.Alphabetical }}
<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a> <span class="count">（{{ .Count }}）</span>
{{ if eq $.Data.Plural "topics" }}<ul>{{ $parent := .Page.Data.Term }}{{ range site.Taxonomies.subtopics }}{{ if hasPrefix .Page.Data.Term (printf "%s-" $parent) }}
<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a>（{{ .Count }}）</li>{{ end }}{{ end }}</ul>{{ end }}
</li>{{ end }}</ul>
{{ end }}
""",
    "term.html": """\
{{ define "main" }}{{ partial "list.html" (dict "page" . "pages" .Pages "title" .Title) }}{{ end }}
""",
    # A tender project: its information (from its first notice) and the notices, oldest first.
    "projects/term.html": """\
{{ define "main" }}
{{ $notices := .Pages.ByDate }}{{ $first := index $notices 0 }}{{ $last := index $notices.Reverse 0 }}
<h1>{{ replace $first.Title "招标公告" "" }}</h1>
<table class="meta-table"><tbody>
<tr><th scope="row">项目编号</th><td>{{ .Title }}</td></tr>
<tr><th scope="row">采购人</th><td>{{ $first.Params.purchaser }}</td></tr>
<tr><th scope="row">采购方式</th><td>{{ $first.Params.method }}</td></tr>
{{ with $first.Params.budget }}<tr><th scope="row">预算金额</th><td>{{ lang.FormatNumber 2 . }} 元</td></tr>{{ end }}
{{ with $first.Params.deadline }}<tr><th scope="row">投标截止时间</th><td>{{ . }}</td></tr>{{ end }}
{{ with $last.Params.award }}<tr><th scope="row">中标供应商</th><td>{{ .supplier }}</td></tr><tr><th scope="row">中标金额</th><td>{{ lang.FormatNumber 2 .amount }} 元</td></tr>{{ end }}
</tbody></table>
<h2>项目公告（{{ len $notices }} 条）</h2>
<ol>{{ range $notices }}<li>{{ .Params.stage }} <time>{{ .Date.Format "2006-01-02" }}</time> <a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ol>
{{ end }}
""",
    "projects/taxonomy.html": """\
{{ define "main" }}<h1>{{ .Title }}</h1>
<table><thead><tr><th>项目编号</th><th>项目名称</th><th>公告</th></tr></thead><tbody>
{{ range .Data.Terms.Alphabetical }}<tr><td><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a></td><td>{{ (index .Pages 0).Title }}</td><td>{{ .Count }}</td></tr>{{ end }}
</tbody></table>{{ end }}
""",
    # Project status and method lists: every project in one table, as govsite writes them (no pager).
    "statuses/term.html": """\
{{ define "main" }}<h1>{{ .Title }}</h1>{{ partial "rows.html" .Pages }}{{ end }}
""",
    "methods/term.html": """\
{{ define "main" }}<h1>{{ .Title }}</h1>{{ partial "rows.html" .Pages }}{{ end }}
""",
    "404.html": """\
{{ define "main" }}<h1>页面不存在</h1><p><a href="{{ "" | relURL }}">返回首页</a></p>{{ end }}
""",
    # Feeds: the 50 newest documents of the page's list (the catalog for the home page).
    "_partials/feed-pages.html": """\
{{ $p := .RegularPagesRecursive }}{{ if .IsHome }}{{ $p = partialCached "catalog-pages.html" "c" }}{{ end }}
{{ if eq .Kind "term" }}{{ $p = .Pages }}{{ end }}
{{ return first 50 $p }}
""",
    "list.rss.xml": """\
{{- printf "<?xml version=\\"1.0\\" encoding=\\"utf-8\\"?>" | safeHTML }}
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>
<title>{{ if not .IsHome }}{{ .Title }} - {{ end }}{{ site.Title }}</title>
<link>{{ .Permalink }}</link><description>{{ site.Title }}</description><language>zh-cn</language>
{{ with .OutputFormats.Get "rss" }}<atom:link href="{{ .Permalink }}" rel="self" type="application/rss+xml"/>{{ end }}
{{ range partial "feed-pages.html" . }}<item>
<title>{{ .Title }}</title><link>{{ .Permalink }}</link><guid isPermaLink="true">{{ .Permalink }}</guid>
<pubDate>{{ .Date.Format "Mon, 02 Jan 2006 15:04:05 -0700" }}</pubDate>
<description>{{ .Summary | plainify | truncate 120 }}</description>
</item>{{ end }}
</channel></rss>
""",
    "list.atom.xml": """\
{{- printf "<?xml version=\\"1.0\\" encoding=\\"utf-8\\"?>" | safeHTML }}
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
<title>{{ if not .IsHome }}{{ .Title }} - {{ end }}{{ site.Title }}</title>
{{ with .OutputFormats.Get "atom" }}<id>{{ .Permalink }}</id><link rel="self" href="{{ .Permalink }}"/>{{ end }}
<link rel="alternate" type="text/html" href="{{ .Permalink }}"/>
<updated>{{ now.Format "2006-01-02T15:04:05-07:00" }}</updated>
<author><name>{{ site.Params.sponsor }}</name></author>
{{ $names := partialCached "names.html" "names" }}
{{ range partial "feed-pages.html" . }}<entry>
<title>{{ .Title }}</title><id>{{ .Permalink }}</id><link href="{{ .Permalink }}"/>
<published>{{ .Date.Format "2006-01-02T15:04:05-07:00" }}</published><updated>{{ .Date.Format "2006-01-02T15:04:05-07:00" }}</updated>
<author><name>{{ index $names.agencies .Params.agency }}</name></author>
<summary>{{ .Summary | plainify | truncate 120 }}</summary>
</entry>{{ end }}
</feed>
""",
    "list.jsonfeed.json": """\
{{- $items := slice }}
{{- range partial "feed-pages.html" . }}
{{- $items = $items | append (dict "id" .Permalink "url" .Permalink "title" .Title "summary" (.Summary | plainify | truncate 200) "content_text" (.Plain | truncate 200) "date_published" (.Date.Format "2006-01-02T15:04:05-07:00")) }}
{{- end }}
{{- $feed := dict "version" "https://jsonfeed.org/version/1.1" "title" site.Title "language" "zh-CN" "home_page_url" .Permalink "items" $items }}
{{ jsonify (dict "indent" " ") $feed }}
""",
    # One jsonify per document (building one big slice with append would copy it for every row).
    "home.catalogjson.json": """\
{{- $names := partialCached "names.html" "names" -}}
[{{ range $i, $p := partialCached "catalog-pages.html" "c" }}{{ if $i }},{{ end }}
{{ with $p }}{{ jsonify (dict "index_no" .Params.index_no "title" .Title "url" .Permalink "kind" .Section "agency" (index $names.agencies .Params.agency) "published" (.Date.Format "2006-01-02") "written" .Params.written "doc_no" .Params.doc_no "validity" .Params.validity "topic" .Params.topic "genre" .Params.genre "summary" (.Summary | plainify | truncate 200) "keywords" .Keywords "disclosure" "主动公开") }}{{ end }}
{{- end }}]
""",
    "home.catalogcsv.csv": """\
{{- $names := partialCached "names.html" "names" -}}
索引号,标题,网址,类别,发布机构,发布日期,成文日期,文号,体裁,摘要,主题词
{{ range partialCached "catalog-pages.html" "c" -}}
{{ .Params.index_no }},"{{ replace .Title "\\"" "\\"\\"" }}",{{ .Permalink }},{{ .Section }},{{ index $names.agencies .Params.agency }},{{ .Date.Format "2006-01-02" }},{{ .Params.written }},{{ or .Params.doc_no "" }},{{ .Params.genre }},"{{ replace (.Summary | plainify | truncate 200) "\\"" "\\"\\"" }}",{{ delimit .Keywords ";" }}
{{ end -}}
""",
}


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:  # no &id001 anchors (deadline and opening are one object)
        return True


def _dump(front: Any) -> str:
    return yaml.dump(
        front, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=None, width=10_000
    )


def _split(text: str) -> tuple[dict[str, Any], str]:
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front) or {}, body


def _numeral(n: int) -> str:
    digits = "一二三四五六七八九"
    return digits[n - 1] if n < 10 else "十" + (digits[n - 11] if n > 10 else "")


def _taxonomy_data() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Govsite's slugs: (topic slug → display name, topic value → slug, genre name → slug)."""
    topic_name: dict[str, str] = {}
    topic_slug: dict[str, str] = {}
    for parent in yaml.safe_load((DEFAULTS / "topics.yaml").read_text(encoding="utf-8")):
        topic_name[parent["slug"]] = parent["name"]
        topic_slug[parent["name"]] = parent["slug"]
        for i, child in enumerate(parent.get("children") or [], 1):
            slug = f"{parent['slug']}-{i}"
            topic_name[slug] = f"{parent['name']} / {child}"
            topic_slug[f"{parent['name']}/{child}"] = slug
    genres = yaml.safe_load((DEFAULTS / "genres.yaml").read_text(encoding="utf-8"))
    groups = genres.values() if isinstance(genres, dict) else [genres]
    return topic_name, topic_slug, {g["name"]: g["slug"] for group in groups for g in group}


def convert(site: Path, dest: Path) -> int:
    """Write the Hugo version of the govsite ``site`` into ``dest`` (replaced); returns the documents converted."""
    shutil.rmtree(dest, ignore_errors=True)
    (dest / "content").mkdir(parents=True)
    cfg = yaml.safe_load((site / "site.yaml").read_text(encoding="utf-8"))
    pub = cfg.get("publisher") or {}
    (dest / "hugo.toml").write_text(
        CONFIG.format(
            title=cfg["title"],
            sponsor=pub.get("sponsor", ""),
            operator=pub.get("operator", ""),
            site_code=pub.get("site_code", ""),
            icp=pub.get("icp", ""),
        )
        + "[params.kindLabels]\n"
        + "".join(f'{k} = "{v}"\n' for k, v in KINDS.items()),
        encoding="utf-8",
    )
    for name, text in LAYOUTS.items():
        path = dest / "layouts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (dest / "static" / "static").mkdir(parents=True)
    (dest / "static" / "static" / "theme.css").write_text("body{font-family:sans-serif}\n", encoding="utf-8")

    topic_name, topic_slug, genre_slug = _taxonomy_data()
    genre_name = {slug: name for name, slug in genre_slug.items()}
    (dest / "data").mkdir()
    shutil.copyfile(site / "data" / "agencies.yaml", dest / "data" / "agencies.yaml")
    agency_name = {a["key"]: a["name"] for a in yaml.safe_load((site / "data" / "agencies.yaml").read_text("utf-8"))}
    art20_name = {
        str(row["n"]): f"第二十条第（{_numeral(row['n'])}）项 {row['name']}"
        for row in yaml.safe_load((DEFAULTS / "art20.yaml").read_text(encoding="utf-8"))
    }

    content = dest / "content"

    def index(rel: str, front: dict[str, Any], body: str = "") -> None:
        path = content / rel / "_index.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("---\n" + _dump(front) + "---\n" + body, encoding="utf-8")

    html_only = {"outputs": ["html"]}
    index("", {"title": cfg["title"]})
    index("catalog", {"title": "政府信息公开目录", **html_only})
    for kind, label in KINDS.items():
        index(kind, {"title": label})
    index("specials", {"title": "专题", **html_only})
    index("pages", {"title": "页面", "build": {"render": "never"}})  # govsite has no /pages/ list
    terms_html_only = {"cascade": [{"target": {"kind": "term"}, "outputs": ["html"]}]}
    index("topics", {"title": "按主题分类浏览"})
    index("subtopics", {"title": "按主题分类浏览（二级）", "build": {"render": "never"}, **terms_html_only})
    index("agencies", {"title": "按发布机构浏览"})
    index("genres", {"title": "按体裁分类浏览", **terms_html_only})
    index("years", {"title": "按年份浏览", **terms_html_only})
    index("art20", {"title": "按法定公开类别浏览", **terms_html_only})
    index("projects", {"title": "采购项目", **terms_html_only})
    index("statuses", {"title": "按项目状态", "build": {"render": "never"}, **terms_html_only})
    for name, label in STATUSES.items():  # govsite writes all five, with feeds for open calls for bids
        outputs = ["html", "rss", "atom", "jsonfeed"] if name == "open" else ["html"]
        index(f"statuses/{name}", {"title": label, "slug": name, "outputs": outputs})
    index("methods", {"title": "按采购方式", "build": {"render": "never"}, **terms_html_only})

    # First pass: every catalog document, with the content paths of the cross references.
    docs: list[tuple[Path, dict[str, Any], str]] = []
    by_index_no: dict[str, str] = {}
    for kind in KINDS:
        for path in sorted((site / "content" / kind).rglob("*.md")):
            front, body = _split(path.read_text(encoding="utf-8"))
            rel = path.relative_to(site / "content")
            docs.append((rel, front, body))
            by_index_no[front["index_no"]] = "/" + rel.with_suffix("").as_posix()
    interpretations: dict[str, list[str]] = {}
    projects: dict[str, list[dict[str, Any]]] = {}
    for rel, front, _ in docs:
        if "interprets" in front and front["interprets"] in by_index_no:
            interpretations.setdefault(front["interprets"], []).append("/" + rel.with_suffix("").as_posix())
        if "project_code" in front:
            projects.setdefault(front["project_code"], []).append(front)
    status: dict[str, str] = {}
    for code, notices in projects.items():
        if any("award" in n for n in notices):
            status[code] = "awarded"
        elif any(n.get("deadline") and n["deadline"] > NOW for n in notices):
            status[code] = "open"
        else:
            status[code] = "closed"
    seen_projects: set[str] = set()
    used: dict[str, set[str]] = {"topics": set(), "subtopics": set(), "agencies": set(), "genres": set(), "art20": set()}

    for rel, front, body in docs:
        published = front.get("published", front["written"])
        values = front["topic"] if isinstance(front["topic"], list) else [front["topic"]]
        topics: list[str] = []
        subtopics: list[str] = []
        for value in values:
            parent = value.split("/")[0]
            if topic_slug[parent] not in topics:
                topics.append(topic_slug[parent])
            if "/" in value and topic_slug[value] not in subtopics:
                subtopics.append(topic_slug[value])
        out: dict[str, Any] = {"title": front["title"], "date": published}
        for key, value in front.items():
            if key in ("title", "interprets", "related"):
                continue
            # Renamed so that only `date` sets Hugo's dates (`published` is one of publishDate's aliases).
            out[{"expires": "expires_on", "published": "published_on"}.get(key, key)] = value
        out["topics"] = topics
        if subtopics:
            out["subtopics"] = subtopics
        out["agencies"] = [front["agency"]]
        out["genres"] = [genre_slug[front["genre"]]]
        out["years"] = [str(published.year)]
        if "art20" in front:
            out["art20"] = [str(front["art20"])]
        if "interprets" in front:
            out["interprets"] = by_index_no.get(front["interprets"], "")
        if front.get("related"):
            out["related"] = [by_index_no[r] for r in front["related"] if r in by_index_no]
        if front["index_no"] in interpretations:
            out["interpretations"] = interpretations[front["index_no"]]
        if "project_code" in front:
            code = front["project_code"]
            out["projects"] = [code]
            if code not in seen_projects:  # one row per project in the status and method lists
                seen_projects.add(code)
                out["statuses"] = [status[code]]
                out["methods"] = [METHOD_SLUGS.get(front.get("method", ""), "other")]
        for taxonomy, terms in used.items():
            terms.update(out.get(taxonomy, []))
        target = content / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("---\n" + _dump(out) + "---\n" + body, encoding="utf-8")

    # The terms are govsite's slugs; their names are the titles of their pages (for the terms in use only: a
    # term page with a content file is written even without documents).
    names = {"topics": topic_name, "subtopics": topic_name, "agencies": agency_name, "genres": genre_name}
    names["art20"] = art20_name
    for taxonomy, terms in used.items():
        for term in terms:
            index(f"{taxonomy}/{term}", {"title": names[taxonomy][term], "slug": term})
    index(f"methods/{METHOD_SLUGS['公开招标']}", {"title": "公开招标", "slug": METHOD_SLUGS["公开招标"]})

    # Pages (menu pages) and topic pages (专题) with their rules.
    for path in sorted((site / "content" / "pages").glob("*.md")):
        front, body = _split(path.read_text(encoding="utf-8"))
        (content / "pages" / path.name).write_text(
            "---\n" + _dump({"title": front["title"], "menus": {"main": {"weight": front.get("menu", 0)}}}) + "---\n" + body,
            encoding="utf-8",
        )
    for path in sorted((site / "content" / "topics").glob("*.md")):
        front, body = _split(path.read_text(encoding="utf-8"))
        match = front.get("match") or {}
        out = {"title": front["title"]}
        if "topic" in match:
            wanted = match["topic"] if isinstance(match["topic"], list) else [match["topic"]]
            out["match_topics"] = [topic_slug[t.split("/")[0]] for t in wanted]
        if "keywords" in match:
            out["match_keywords"] = match["keywords"] if isinstance(match["keywords"], list) else [match["keywords"]]
        if "agency" in match:
            out["match_agency"] = match["agency"]
        (content / "specials" / path.name).write_text("---\n" + _dump(out) + "---\n" + body, encoding="utf-8")
    return len(docs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("site", type=Path, help="a generated govsite site (tests/bench/generate.py)")
    parser.add_argument("dest", type=Path, help="the Hugo site folder to write (replaced)")
    args = parser.parse_args(argv)
    n = convert(args.site, args.dest)
    print(f"wrote {n} documents to {args.dest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
