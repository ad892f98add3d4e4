/* govsite search page: an accessible UI on Pagefind's JavaScript API (not pagefind-ui).
   The form works as a plain GET form; this script runs the search in the page instead. */

const PAGE_SIZE = 10;

const form = document.getElementById("search-form");
const input = document.getElementById("search-input");
const statusEl = document.getElementById("search-status");
const list = document.getElementById("search-results");
const moreButton = document.getElementById("search-more");
const basePath = document.documentElement.getAttribute("data-base-path") || "/";

let pagefindPromise = null;
let sequence = 0;
let source = null; /* the current search's results, handed out PAGE_SIZE at a time (allResults, phraseResults) */
let shown = 0;

/* The index is in parts (pagefind/govsite-index.json lists them, each a complete Pagefind bundle): the first
   is the main index, the others are merged into it, so one search covers every part. Each part tags its pages
   with the filter PART_FILTER = its number, so that a search can tell the parts apart (see searchParts). */
const PART_FILTER = "govsite_part";
const QUOTED = /^\s*"(.+)"\s*$/; /* a quoted query: a phrase */

async function openIndex() {
  const response = await fetch(basePath + "pagefind/govsite-index.json", { cache: "no-cache" });
  if (!response.ok) throw new Error("search index manifest: HTTP " + response.status);
  const bundles = (await response.json()).bundles.map((b) => basePath + "pagefind/" + b.dir + "/");
  if (bundles.length === 0) return null; /* nothing to search */
  const pagefind = await import(basePath + "pagefind/pagefind.js");
  const tag = (k) => (bundles.length > 1 ? { mergeFilter: { [PART_FILTER]: String(k) } } : {});
  await pagefind.options({ basePath: bundles[0], baseUrl: basePath, ...tag(0) });
  await pagefind.init();
  await Promise.all(bundles.slice(1).map((bundle, k) => pagefind.mergeIndex(bundle, { baseUrl: basePath, ...tag(k + 1) })));
  let include = [];
  if (bundles.length > 1) {
    const entry = await fetch(bundles[0] + "pagefind-entry.json");
    include = entry.ok ? (await entry.json()).include_characters || [] : [];
  }
  return { pagefind, parts: bundles.length, include };
}

/* The words Pagefind searches for: its own treatment of a query (pagefind.js, search()), repeated here. */
function queryTerms(query, include) {
  let lang = null;
  try {
    lang = Intl.getCanonicalLocales((document.documentElement.lang || "unknown").toLowerCase())[0];
  } catch (e) {
    return null; /* Pagefind then does not segment either */
  }
  if (!lang || typeof Intl.Segmenter === "undefined" || !/^(zh|ja|th)\b/i.test(lang)) return null;
  const words = new Intl.Segmenter(lang, { granularity: "word" });
  const graphemes = new Intl.Segmenter(lang, { granularity: "grapheme" });
  const chunks = [];
  for (const { segment: word } of words.segment(query)) {
    const kept = [];
    for (const { segment: g } of graphemes.segment(word)) {
      if (include.includes(g)) kept.push(g);
      else if (!/^\p{Pd}|\p{Pe}|\p{Pf}|\p{Pi}|\p{Po}|\p{Ps}$/u.test(g)) kept.push(g.toLocaleLowerCase());
    }
    if (kept.length > 0) chunks.push(kept.join(""));
  }
  const term = chunks.join(" ").replace(/\s{2,}/g, " ").trim();
  return term ? term.split(" ") : [];
}

/* One search over every part, with the results one index over the whole site would give. A part ignores a
   word of the query that none of its pages has; one index ignores it only when no page at all has it. So the
   parts that lack a word some other part has are left out: none of their pages could match. A query that
   cannot be checked (no Intl.Segmenter, a word Pagefind would split again) is searched as it is. */
async function searchParts(index, query, filters) {
  const { pagefind, parts, include } = index;
  const plain = () => pagefind.search(query || null, { filters });
  if (parts < 2 || !query || QUOTED.test(query)) return plain(); /* a phrase ignores no word */
  const terms = queryTerms(query, include);
  if (!terms || terms.length < 2) return plain(); /* one word: a part without it finds nothing */
  for (const term of terms) {
    const again = queryTerms(term, include);
    if (!again || again.length !== 1 || again[0] !== term) return plain();
  }
  const found = await Promise.all(terms.map((term) => pagefind.search(term)));
  const lacking = new Set();
  for (const search of found) {
    const counts = (search.filters || {})[PART_FILTER] || {};
    if (!Object.values(counts).some((n) => n > 0)) continue; /* in no part: every index ignores it */
    for (let k = 0; k < parts; k++) if (!counts[String(k)]) lacking.add(String(k));
  }
  const having = [...Array(parts).keys()].map(String).filter((k) => !lacking.has(k));
  if (having.length === 0) return { results: [] };
  return pagefind.search(query, { filters: { ...filters, [PART_FILTER]: { any: having } } });
}

/* A quoted query is a phrase. Pagefind finds no Chinese phrase of more than one word: it cuts the pages' text
   into words when it indexes them and the query in the browser, the two cuts differ, and a phrase must match
   the index's words one after the other. So a quoted query with Chinese in it is searched without the quotes,
   and a result is kept when its text (spaces aside) has the phrase. The check reads each result's text, so it
   looks at the PHRASE_CANDIDATES most relevant results at most. */
const PHRASE_CANDIDATES = 1000;
const PHRASE_BATCH = 20;

function chinesePhrase(query) {
  const quoted = QUOTED.exec(query);
  return quoted && /\p{Script=Han}/u.test(quoted[1]) ? quoted[1].trim() : null;
}

function squeezed(text) {
  return (text || "").replace(/\s+/g, "").toLocaleLowerCase();
}

/* Every result of a search, in Pagefind's order. `total` is how many there are. */
function allResults(found) {
  let next = 0;
  return {
    total: found.length,
    left: () => next < found.length,
    async take(count) {
      const batch = found.slice(next, next + count);
      next += batch.length;
      return Promise.all(batch.map((r) => r.data()));
    },
  };
}

/* The results whose text has `phrase`, in Pagefind's order, checked a batch at a time as they are asked for;
   `total` is known (not null) once every candidate has been checked, and `capped` tells that some were not. */
function phraseResults(found, phrase) {
  const wanted = squeezed(phrase);
  const candidates = found.slice(0, PHRASE_CANDIDATES);
  const kept = [];
  let next = 0;
  let given = 0;
  const results = {
    total: null,
    capped: found.length > candidates.length,
    left: () => given < kept.length || next < candidates.length,
    async take(count) {
      while (kept.length - given < count && next < candidates.length) {
        const batch = candidates.slice(next, next + PHRASE_BATCH);
        next += batch.length;
        for (const data of await Promise.all(batch.map((r) => r.data()))) {
          const title = (data.meta && data.meta.title) || "";
          if (squeezed(data.content).includes(wanted) || squeezed(title).includes(wanted)) kept.push(data);
        }
      }
      if (next >= candidates.length) results.total = kept.length;
      const out = kept.slice(given, given + count);
      given += out.length;
      return out;
    },
  };
  return results;
}

function loadPagefind() {
  if (!pagefindPromise) {
    pagefindPromise = openIndex();
    pagefindPromise.catch(() => {
      pagefindPromise = null; /* allow a retry on the next search */
    });
  }
  return pagefindPromise;
}

function filterInputs() {
  return form.querySelectorAll('input[type="checkbox"][name^="filter-"]');
}

/* {kind: {any: ["policy", "tender"]}, year: {any: ["2025"]}}: several values of one filter match any of them,
   different filters must all match. */
function collectFilters() {
  const filters = {};
  for (const box of filterInputs()) {
    if (!box.checked) continue;
    const name = box.name.slice("filter-".length);
    (filters[name] = filters[name] || { any: [] }).any.push(box.value);
  }
  return filters;
}

function updateCounts() {
  for (const group of form.querySelectorAll("[data-filter-group]")) {
    const count = group.querySelectorAll('input[type="checkbox"]:checked').length;
    const badge = group.querySelector("[data-filter-count]");
    if (badge) badge.textContent = count ? `（已选 ${count} 项）` : "";
  }
}

/* Keep the query and the filters in the address, in the same form as a plain form submission. */
function updateUrl(query) {
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  for (const box of filterInputs()) {
    if (box.checked) params.append(box.name, box.value);
  }
  const qs = params.toString();
  const url = window.location.pathname + (qs ? "?" + qs : "") + window.location.hash;
  try {
    window.history.replaceState(null, "", url);
  } catch (e) {
    /* ignore: e.g. file:// pages */
  }
}

function readUrl() {
  const params = new URLSearchParams(window.location.search);
  input.value = params.get("q") || "";
  for (const box of filterInputs()) {
    box.checked = params.getAll(box.name).includes(box.value);
    if (box.checked) {
      const group = box.closest("details");
      if (group) group.open = true;
    }
  }
}

function setStatus(text) {
  statusEl.textContent = text;
}

function renderResult(data) {
  const item = document.createElement("li");
  item.className = "result";

  const heading = document.createElement("h3");
  heading.className = "result-title";
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = (data.meta && data.meta.title) || data.url;
  heading.appendChild(link);
  item.appendChild(heading);

  const meta = data.meta || {};
  const facts = [meta.kind_label, meta.agency, meta.published, meta.index_no ? "索引号 " + meta.index_no : ""]
    .filter(Boolean);
  if (facts.length) {
    const p = document.createElement("p");
    p.className = "result-meta";
    p.textContent = facts.join(" · ");
    item.appendChild(p);
  }

  if (data.excerpt) {
    const excerpt = document.createElement("p");
    excerpt.className = "result-excerpt";
    excerpt.innerHTML = data.excerpt; /* Pagefind escapes the page text; only <mark> is markup */
    item.appendChild(excerpt);
  }
  return item;
}

function announce() {
  if (source.total === 0) {
    setStatus("找到 0 条结果。请尝试其他关键词，或减少筛选条件。");
  } else if (source.total === null) {
    setStatus(`已找到 ${shown} 条含有这个短语的结果，可点击“显示更多结果”继续查找`);
  } else {
    setStatus(`找到 ${source.total} 条结果` + (source.capped ? `（在最相关的 ${PHRASE_CANDIDATES} 篇中查找）` : ""));
  }
}

async function showMore(moveFocus) {
  const mine = sequence;
  const data = await source.take(PAGE_SIZE);
  if (mine !== sequence) return;
  const items = data.map(renderResult);
  for (const item of items) list.appendChild(item);
  shown += items.length;
  moreButton.hidden = !source.left();
  if (moveFocus && items.length) {
    const link = items[0].querySelector("a");
    if (link) link.focus();
  }
}

async function runSearch() {
  const mine = ++sequence;
  const query = input.value.trim();
  const filters = collectFilters();
  updateUrl(query);
  updateCounts();

  if (!query && Object.keys(filters).length === 0) {
    source = null;
    shown = 0;
    list.replaceChildren();
    moreButton.hidden = true;
    setStatus("请输入关键词或选择筛选条件。");
    return;
  }

  setStatus("正在搜索…");
  let index;
  try {
    index = await loadPagefind();
  } catch (e) {
    if (mine !== sequence) return;
    setStatus("搜索索引加载失败，请稍后重试，或浏览政府信息公开目录。");
    return;
  }
  const phrase = chinesePhrase(query);
  const search = index ? await searchParts(index, phrase || query, filters) : { results: [] };
  if (mine !== sequence || !search) return;

  source = phrase ? phraseResults(search.results, phrase) : allResults(search.results);
  shown = 0;
  list.replaceChildren();
  moreButton.hidden = true;
  await showMore(false);
  if (mine !== sequence) return;
  /* announced once the first results are on the page (a status before them would point at an empty list) */
  announce();
}

if (form && input && statusEl && list) {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    runSearch();
  });
  form.addEventListener("change", (event) => {
    if (event.target instanceof HTMLInputElement && event.target.type === "checkbox") runSearch();
  });
  form.addEventListener("reset", () => {
    /* the reset event fires before the fields are cleared */
    window.setTimeout(runSearch, 0);
  });
  if (moreButton) {
    moreButton.addEventListener("click", async () => {
      const mine = sequence;
      await showMore(true);
      if (mine === sequence) announce();
    });
  }
  readUrl();
  if (input.value.trim() || Object.keys(collectFilters()).length) {
    runSearch();
  } else {
    loadPagefind().catch(() => {}); /* warm up while the user types */
  }
}
