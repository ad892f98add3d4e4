/* The search engine of the search page, without the page: opens the coded twin index (every part merged into
   one Pagefind instance) and runs a query on it (docs/search.md). No DOM: the tests run it in Node.js too. */

import { DOCNO_PREFIX, TITLE_PREFIX, normalize, queryWords } from "./search-codec.js";

const EXCERPT_CHARS = 90;
const PARTIAL_MIN_CHARS = 4; /* a term this long that no page has as typed is searched word by word */

/* ---------- the index: every part merged into one Pagefind instance ---------- */

/* The index under `basePath` (the site's base, e.g. /xxgk/ or http://host/xxgk/): {pagefind, …}, or null
   when it has no page. `runtime` is where to import Pagefind's script from (Node.js imports files only).
   The fetch guard beside it (govsite-fetch.js) is loaded first: it paces and retries the index's fetches in
   the page, as the copy at the top of Pagefind's worker does there, and reports a file that could not be
   loaded, which `run` passes on as `incomplete`. */
export async function openIndex(basePath, runtime = basePath + "pagefind/pagefind.js") {
  try {
    await import(new URL("govsite-fetch.js", new URL(runtime, import.meta.url)).href);
  } catch (e) {
    console.warn("govsite: the search index's fetch guard did not load; searching without it", e);
  }
  const failed = watchFailures();
  const response = await fetch(basePath + "pagefind/govsite-index.json", { cache: "no-cache" });
  if (!response.ok) throw new Error("search index manifest: HTTP " + response.status);
  const bundles = (await response.json()).bundles.map((b) => basePath + "pagefind/" + b.dir + "/");
  if (bundles.length === 0) return null;
  const pagefind = await import(runtime);
  await pagefind.options({ basePath: bundles[0], baseUrl: basePath });
  await pagefind.init();
  await Promise.all(bundles.slice(1).map((bundle) => pagefind.mergeIndex(bundle, { baseUrl: basePath })));
  return { pagefind, bundles, days: null, ranks: null, failed };
}

/* The index files that could not be loaded, as the fetch guards report them (in Pagefind's worker and in
   this page): {urls: a Set that grows, onChange: called with it on each new URL}. Pagefind skips such a
   file for the rest of the session, so the results may lack pages until the page is loaded again. */
function watchFailures() {
  const failed = { urls: new Set(), onChange: null };
  const add = (url) => {
    if (!url || failed.urls.has(url)) return;
    failed.urls.add(url);
    if (typeof failed.onChange === "function") failed.onChange(failed.urls);
  };
  const guard = globalThis.govsiteFetch;
  if (guard) {
    for (const f of guard.failed) add(f.url);
    guard.listeners.push((f) => add(f.url));
  }
  if (typeof BroadcastChannel !== "undefined") {
    const channel = new BroadcastChannel("govsite-search");
    if (typeof channel.unref === "function") channel.unref();
    channel.onmessage = (event) => add(event.data && event.data.failed);
  }
  return failed;
}

/* ---------- queries: terms, synonyms, words ---------- */

/* The synonyms as the engine uses them: normalised term → normalised synonyms. */
export function synonymTable(object) {
  const table = new Map();
  for (const [term, others] of Object.entries(object || {})) {
    table.set(normalize(term), [].concat(others).map(normalize).filter(Boolean));
  }
  return table;
}

/* The terms of a query: a quoted part is one term (spaces kept), the rest is split on spaces. */
export function parseQuery(query) {
  const terms = [];
  const pattern = /"([^"]*)"|(\S+)/g;
  let match;
  while ((match = pattern.exec(query)) !== null) {
    const term = normalize(match[1] !== undefined ? match[1] : match[2]);
    if (term && !terms.some((t) => t.text === term)) terms.push({ text: term, quoted: match[1] !== undefined });
  }
  return terms;
}

/* The words of a term by the browser's segmenter (for partial matches): runs of letters, digits or Han. */
export function wordsOf(text) {
  if (typeof Intl.Segmenter === "undefined") return [text];
  const segmenter = new Intl.Segmenter("zh", { granularity: "word" });
  const words = [];
  let single = "";
  for (const { segment, isWordLike } of segmenter.segment(text)) {
    /* a run of one-character words is one word (the segmenter cuts 公积金 into 公 | 积 | 金) */
    if (isWordLike && Array.from(segment).length === 1) {
      single += segment;
      continue;
    }
    if (single) words.push(single);
    single = "";
    if (isWordLike) words.push(segment);
  }
  if (single) words.push(single);
  return words;
}

function phrase(text, prefix) {
  return '"' + queryWords(text, prefix).join(" ") + '"';
}

const PREFIX = { all: "", title: TITLE_PREFIX, docno: DOCNO_PREFIX };

/* ---------- searching ---------- */

/* The results of the pages that have `text` in the stream of `prefix`. */
async function exact(pagefind, text, prefix, filters) {
  const found = await pagefind.search(phrase(text, prefix), { filters });
  return found ? found.results : [];
}

/* The pages that have the term, or one of its synonyms, in the stream of `prefix`: a Map id → result. */
async function termSet(pagefind, synonyms, term, prefix, filters) {
  const texts = [term.text, ...(synonyms.get(term.text) || [])];
  const found = new Map();
  for (const results of await Promise.all(texts.map((t) => exact(pagefind, t, prefix, filters)))) {
    for (const r of results) if (!found.has(r.id)) found.set(r.id, r);
  }
  return found;
}

async function wordSet(pagefind, word, prefix, filters) {
  return new Map((await exact(pagefind, word, prefix, filters)).map((r) => [r.id, r]));
}

function intersect(maps) {
  if (maps.length === 0) return new Map();
  const [first, ...rest] = [...maps].sort((a, b) => a.size - b.size);
  return new Map([...first].filter(([id]) => rest.every((m) => m.has(id))));
}

/* Pages that have every word of a term that no page has as typed (a term of several words only), and every
   other term: the partial matches (`sets`: each term's pages as typed). */
async function partialSet(pagefind, terms, prefix, filters, sets) {
  const perTerm = [];
  let split = false;
  for (const [k, term] of terms.entries()) {
    const whole = term.quoted || sets[k].size > 0 || [...term.text].length < PARTIAL_MIN_CHARS;
    const words = whole ? [term.text] : wordsOf(term.text);
    if (words.length < 2) {
      perTerm.push(sets[k]);
      continue;
    }
    split = true;
    perTerm.push(intersect(await Promise.all(words.map((w) => wordSet(pagefind, w, prefix, filters)))));
  }
  return split ? intersect(perTerm) : new Map();
}

/* Every page's 发布日期 and validity, by id ("2025-03-04 09:30|1"): each part's govsite-ranks.json, loaded
   once (Pagefind's own sort ranks a page within its part only). */
async function ranksOf(index) {
  if (!index.ranks) {
    index.ranks = (async () => {
      const ranks = new Map();
      const files = await Promise.all(index.bundles.map(async (bundle) => {
        const response = await fetch(bundle + "govsite-ranks.json");
        return response.ok ? response.json() : {};
      }));
      for (const file of files) for (const [id, key] of Object.entries(file)) ranks.set(id, key);
      return ranks;
    })();
  }
  return index.ranks;
}

/* The days of the date filter between from and to (inclusive; either may be empty). */
async function daysBetween(index, from, to) {
  if (!index.days) index.days = Object.keys(((await index.pagefind.filters()) || {}).date || {});
  return index.days.filter((day) => (!from || day >= from) && (!to || day <= to));
}

async function buildFilters(index, options) {
  const filters = { ...(options.filters || {}) };
  if (options.from || options.to) filters.date = { any: await daysBetween(index, options.from, options.to) };
  return filters;
}

/* One search: the exact matches in ranked order, the partial matches after them, what was searched, and
   whether some index file could not be loaded in this session (`incomplete`: pages may be missing).
   `index` from openIndex, `synonyms` from synonymTable. */
export async function run(index, synonyms, query, options = {}) {
  const terms = parseQuery(query || "");
  const also = terms.flatMap((t) => synonyms.get(t.text) || []);
  const empty = { total: 0, partialTotal: 0, ids: [], partialIds: [], results: [], partial: [], synonyms: also, terms,
    incomplete: false };
  if (!index) return empty;
  const answer = await answerOf(index, synonyms, terms, options, empty);
  await new Promise((resolve) => setTimeout(resolve, 0)); /* a failure the worker reported just before */
  return { ...answer, incomplete: index.failed.urls.size > 0 };
}

async function answerOf(index, synonyms, terms, options, empty) {
  const scope = PREFIX[options.scope] !== undefined ? options.scope : "all";
  const prefix = PREFIX[scope];
  const { pagefind } = index;
  const filters = await buildFilters(index, options);
  if (filters.date && filters.date.any.length === 0) return empty;
  if (terms.length === 0) {
    const found = await pagefind.search(null, { filters });
    const results = await order({ index, pagefind, synonyms, terms, prefix, filters }, found ? found.results : [], true);
    return { ...empty, total: results.length, ids: results.map((r) => r.id), results };
  }
  const sets = await Promise.all(terms.map((t) => termSet(pagefind, synonyms, t, prefix, filters)));
  const matched = intersect(sets);
  const context = { index, pagefind, synonyms, terms, prefix, filters };
  const byDate = options.sort === "date";
  const [ordered, partialOrdered] = await Promise.all([
    order(context, [...matched.values()], byDate),
    partialSet(pagefind, terms, prefix, filters, sets).then((p) => order(context, [...p.values()], byDate)),
  ]);
  return {
    ...empty,
    total: ordered.length,
    partialTotal: partialOrdered.length,
    ids: ordered.map((r) => r.id),
    partialIds: partialOrdered.map((r) => r.id),
    results: ordered,
    partial: partialOrdered,
  };
}

/* Relevance: title matches first (every term in the title), then valid (有效) before not, then newer before
   older. Every result has the query as typed, so there is no scattered match to rank below it; Pagefind's
   BM25 score would need a plain search as well, which took ten times the exact search on 10,000 documents.
   Date: newest first, then valid first. */
async function order({ index, pagefind, synonyms, terms, prefix, filters }, results, byDate) {
  if (results.length < 2) return results;
  const [ranks, titleSets] = await Promise.all([
    ranksOf(index),
    byDate || prefix || terms.length === 0
      ? Promise.resolve(null)
      : Promise.all(terms.map((t) => termSet(pagefind, synonyms, t, TITLE_PREFIX, filters))),
  ]);
  const keyed = results.map((r) => {
    const [date, valid] = (ranks.get(r.id) || "|0").split("|");
    const inTitle = titleSets && titleSets.every((set) => set.has(r.id)) ? 1 : 0;
    return { r, date, valid: Number(valid), title: inTitle };
  });
  const newer = (a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0);
  keyed.sort(byDate
    ? (a, b) => newer(a, b) || b.valid - a.valid
    : (a, b) => b.title - a.title || b.valid - a.valid || newer(a, b));
  return keyed.map((k) => k.r);
}

/* ---------- showing results ---------- */

/* A result's meta as the page had it (the twin stores each value as one marked word: search_twin.meta_word). */
export function readMeta(meta) {
  const out = {};
  for (const [key, value] of Object.entries(meta || {})) {
    out[key] = String(value).replace(/^\u01c2/, "").replace(/\u2060/g, " ");
  }
  return out;
}

const FULL_WIDTH = { ",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）" };
const HAN = /\p{Script=Han}/u;

/* The normalised text as a reader expects it: ASCII punctuation that NFKC made of the full-width forms goes
   back to them where it stands next to Chinese (one character for one, so positions stay). */
export function displayForm(text) {
  const chars = Array.from(text);
  return chars
    .map((c, k) => (FULL_WIDTH[c] && (HAN.test(chars[k - 1] || "") || HAN.test(chars[k + 1] || "")) ? FULL_WIDTH[c] : c))
    .join("");
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

/* Mark every occurrence of the needles in `text` (the normalised text), as HTML of `shown` (the same text as
   it is shown: displayForm, of the same length). */
export function highlight(text, needles, shown = text) {
  const spans = [];
  for (const needle of needles) {
    if (!needle) continue;
    for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) spans.push([at, at + needle.length]);
  }
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  let html = "";
  let cursor = 0;
  for (const [start, end] of spans) {
    if (end <= cursor) continue;
    const from = Math.max(start, cursor);
    html += escapeHtml(shown.slice(cursor, from)) + "<mark>" + escapeHtml(shown.slice(from, end)) + "</mark>";
    cursor = end;
  }
  return html + escapeHtml(shown.slice(cursor));
}

/* The excerpt: the text around the first match of any needle after `from` (e.g. past the title, which the
   result shows anyway), else the first match, with the matched strings marked. `shown` is the decoded text
   (with its capitals); needles are matched in lower case. */
export function excerpt(shown, needles, from = 0) {
  const lower = shown.toLowerCase();
  const text = lower.length === shown.length ? lower : shown;
  const firstFrom = (start) => {
    let first = -1;
    for (const needle of needles) {
      const at = needle ? text.indexOf(needle, start) : -1;
      if (at >= 0 && (first < 0 || at < first)) first = at;
    }
    return first;
  };
  let first = firstFrom(from);
  if (first < 0) first = firstFrom(0);
  const start = Math.max(0, (first < 0 ? 0 : first) - Math.floor(EXCERPT_CHARS / 3));
  const end = Math.min(text.length, start + EXCERPT_CHARS);
  const marked = highlight(text.slice(start, end), needles, displayForm(shown.slice(start, end)));
  return (start > 0 ? "…" : "") + marked + (end < text.length ? "…" : "");
}

