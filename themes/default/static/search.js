/* govsite search page: an accessible UI on the search engine (search-engine.js, docs/search.md). The form
   works as a plain GET form; this script runs the search in the page, keeps its state in the address
   (?q=…&scope=…&sort=…&from=…&to=…&kind=…&page=…) and exposes window.govsiteSearch for the tests. */

import { decode, normalize } from "./search-codec.js";
import { displayForm, excerpt, highlight, openIndex, readMeta, run, synonymTable, wordsOf } from "./search-engine.js";

const PAGE_SIZE = 10;
const STATE_KEYS = ["q", "scope", "sort", "from", "to", "page"];

const form = document.getElementById("search-form");
const input = document.getElementById("search-input");
const statusEl = document.getElementById("search-status");
const list = document.getElementById("search-results");
const pager = document.getElementById("search-pages");
const extra = document.getElementById("search-extra");
const incompleteEl = document.getElementById("search-incomplete");
const basePath = document.documentElement.getAttribute("data-base-path") || "/";

let indexPromise = null;
let sequence = 0;

/* An index file that could not be loaded (see govsite-fetch.js): Pagefind skips it for the rest of the
   session, so the page says its results may be incomplete and offers to load the page again. */
function showIncomplete() {
  if (incompleteEl) incompleteEl.hidden = false;
}

function loadIndex() {
  if (!indexPromise) {
    indexPromise = openIndex(basePath).then((index) => {
      if (index) {
        index.failed.onChange = showIncomplete;
        if (index.failed.urls.size) showIncomplete();
      }
      return index;
    });
    indexPromise.catch(() => {
      indexPromise = null; /* a retry on the next search */
    });
  }
  return indexPromise;
}

function readSynonyms() {
  const el = document.getElementById("search-synonyms");
  try {
    return synonymTable(el ? JSON.parse(el.textContent) : {});
  } catch (e) {
    return synonymTable({}); /* a broken table searches without synonyms */
  }
}
const SYNONYMS = readSynonyms();

async function search(query, options) {
  return run(await loadIndex(), SYNONYMS, query, options);
}

/* ---------- showing results ---------- */

function needlesOf(answer, partial) {
  const needles = answer.terms.map((t) => t.text).concat(answer.synonyms);
  if (!partial) return needles;
  return needles.concat(answer.terms.flatMap((t) => (t.quoted ? [] : wordsOf(t.text))));
}

function renderResult(data, needles, partial) {
  const item = document.createElement("li");
  item.className = partial ? "result partial" : "result";
  const heading = document.createElement("h3");
  heading.className = "result-title";
  const link = document.createElement("a");
  link.href = data.url;
  const meta = readMeta(data.meta);
  const title = meta.title || data.url;
  const lower = title.toLowerCase();
  link.innerHTML = highlight(lower.length === title.length ? lower : title, needles, title);
  heading.appendChild(link);
  if (partial) {
    const tag = document.createElement("span");
    tag.className = "result-partial";
    tag.textContent = "部分匹配";
    heading.appendChild(tag);
  }
  item.appendChild(heading);
  const facts = [meta.kind_label, meta.agency, meta.published, meta.doc_no, meta.index_no ? "索引号 " + meta.index_no : ""]
    .filter(Boolean);
  if (facts.length) {
    const p = document.createElement("p");
    p.className = "result-meta";
    p.textContent = facts.join(" · ");
    item.appendChild(p);
  }
  const text = decode(data.content || "");
  if (text) {
    const p = document.createElement("p");
    p.className = "result-excerpt";
    const titleAt = text.toLowerCase().indexOf(normalize(title));
    /* escaped text; only <mark> is markup */
    p.innerHTML = excerpt(text, needles, titleAt >= 0 ? titleAt + normalize(title).length : 0);
    item.appendChild(p);
  }
  return item;
}

/* ---------- the page's state and the address ---------- */

function filterInputs() {
  return form.querySelectorAll('input[type="checkbox"][data-filter]');
}

function readForm() {
  const data = new FormData(form);
  const state = { q: (data.get("q") || "").toString().trim(), filters: {} };
  for (const key of ["scope", "sort", "from", "to"]) state[key] = (data.get(key) || "").toString();
  for (const box of filterInputs()) {
    if (box.checked) (state.filters[box.name] = state.filters[box.name] || { any: [] }).any.push(box.value);
  }
  state.page = 1;
  return state;
}

function stateFromUrl() {
  const params = new URLSearchParams(window.location.search);
  const state = { filters: {} };
  for (const key of STATE_KEYS) state[key] = params.get(key) || "";
  state.page = Math.max(1, parseInt(state.page, 10) || 1);
  for (const box of filterInputs()) {
    if (params.getAll(box.name).includes(box.value)) {
      (state.filters[box.name] = state.filters[box.name] || { any: [] }).any.push(box.value);
    }
  }
  return state;
}

function urlOf(state) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  if (state.scope && state.scope !== "all") params.set("scope", state.scope);
  if (state.sort && state.sort !== "relevance") params.set("sort", state.sort);
  if (state.from) params.set("from", state.from);
  if (state.to) params.set("to", state.to);
  for (const [name, { any }] of Object.entries(state.filters)) for (const v of any) params.append(name, v);
  if (state.page > 1) params.set("page", String(state.page));
  const qs = params.toString();
  return window.location.pathname + (qs ? "?" + qs : "");
}

function showState(state) {
  input.value = state.q;
  for (const key of ["scope", "sort"]) {
    const wanted = state[key] || (key === "scope" ? "all" : "relevance");
    for (const radio of form.querySelectorAll(`input[name="${key}"]`)) radio.checked = radio.value === wanted;
  }
  for (const key of ["from", "to"]) {
    const field = form.querySelector(`input[name="${key}"]`);
    if (field) field.value = state[key];
  }
  for (const box of filterInputs()) {
    box.checked = Boolean(state.filters[box.name] && state.filters[box.name].any.includes(box.value));
    if (box.checked) {
      const group = box.closest("details");
      if (group) group.open = true;
    }
  }
  updateCounts();
}

function updateCounts() {
  for (const group of form.querySelectorAll("[data-filter-group]")) {
    const count = group.querySelectorAll('input[type="checkbox"]:checked').length;
    const badge = group.querySelector("[data-filter-count]");
    if (badge) badge.textContent = count ? `（已选 ${count} 项）` : "";
  }
}

function go(state, push) {
  const url = urlOf(state);
  try {
    if (push && url !== window.location.pathname + window.location.search) window.history.pushState(null, "", url);
  } catch (e) {
    /* e.g. file:// pages: the state stays in the page only */
  }
  return show(state);
}

/* ---------- one visible search ---------- */

async function show(state) {
  const mine = ++sequence;
  const searching = state.q || Object.keys(state.filters).length || state.from || state.to;
  if (!searching) {
    list.replaceChildren();
    renderPager(state, 0);
    renderExtra(null, state);
    statusEl.textContent = "请输入关键词或选择筛选条件。";
    return;
  }
  statusEl.textContent = "正在搜索…";
  let answer;
  try {
    answer = await search(state.q, state);
  } catch (e) {
    if (mine === sequence) statusEl.textContent = "搜索索引加载失败，请稍后重试，或浏览政府信息公开目录。";
    return;
  }
  if (mine !== sequence) return;
  const all = answer.results.map((r) => [r, false]).concat(answer.partial.map((r) => [r, true]));
  const pages = Math.max(1, Math.ceil(all.length / PAGE_SIZE));
  const page = Math.min(state.page, pages);
  const slice = all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const datas = await Promise.all(slice.map(([r]) => r.data()));
  if (mine !== sequence) return;
  list.replaceChildren(...datas.map((d, k) => renderResult(d, needlesOf(answer, slice[k][1]), slice[k][1])));
  renderPager({ ...state, page }, all.length);
  renderExtra(answer, state);
  statusEl.textContent = statusText(answer, page, pages);
  if (answer.incomplete) showIncomplete();
}

function statusText(answer, page, pages) {
  let text = `找到 ${answer.total} 条结果`;
  if (answer.partialTotal) text += `；另有 ${answer.partialTotal} 条部分匹配：不含输入的整段文字，但含有其中的全部词语`;
  if (answer.total + answer.partialTotal === 0) text += "。没有找到相关的文件，可以换一个词，或减少筛选条件";
  if (pages > 1) text += `，第 ${page} 页，共 ${pages} 页`;
  if (answer.synonyms.length) text += `。也搜索了：${answer.synonyms.join("、")}`;
  return text;
}

function renderPager(state, count) {
  if (!pager) return;
  const pages = Math.ceil(count / PAGE_SIZE);
  pager.replaceChildren();
  pager.hidden = pages < 2;
  if (pages < 2) return;
  const listEl = document.createElement("ul");
  const add = (label, page, current) => {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.textContent = label;
    link.href = urlOf({ ...state, page });
    if (current) link.setAttribute("aria-current", "page");
    link.addEventListener("click", (event) => {
      event.preventDefault();
      go({ ...state, page }, true).then(() => statusEl.focus());
    });
    item.appendChild(link);
    listEl.appendChild(item);
  };
  if (state.page > 1) add("上一页", state.page - 1, false);
  const first = Math.max(1, Math.min(state.page - 4, pages - 9));
  for (let p = first; p <= Math.min(pages, first + 9); p++) add(String(p), p, p === state.page);
  if (state.page < pages) add("下一页", state.page + 1, false);
  pager.appendChild(listEl);
}

/* With no result: the synonyms, the popular searches and the catalog. */
function renderExtra(answer, state) {
  if (!extra) return;
  extra.hidden = !(answer && answer.total + answer.partialTotal === 0 && state.q);
}

/* ---------- wiring ---------- */

if (form && input && statusEl && list) {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    go(readForm(), true);
  });
  form.addEventListener("change", (event) => {
    const target = event.target;
    if (target instanceof HTMLInputElement && target.name !== "q") go(readForm(), true);
  });
  form.addEventListener("reset", () => {
    /* 清除条件 clears the conditions, not the words: the reset event fires before the fields are cleared */
    const query = input.value;
    window.setTimeout(() => {
      input.value = query;
      go(readForm(), true);
    }, 0);
  });
  window.addEventListener("popstate", () => {
    const state = stateFromUrl();
    showState(state);
    show(state);
  });
  const state = stateFromUrl();
  showState(state);
  if (state.q || Object.keys(state.filters).length || state.from || state.to) show(state);
  else {
    statusEl.textContent = "";
    loadIndex().catch(() => {}); /* warm up while the user types */
  }
}

async function urls(ids) {
  const index = await loadIndex();
  if (!index) return [];
  const wanted = new Set(ids);
  const byId = new Map();
  /* results keep their data(): the last run's results, by id, 50 at a time */
  const chosen = lastResults.filter((x) => wanted.has(x.id));
  for (let k = 0; k < chosen.length; k += 50) {
    const batch = chosen.slice(k, k + 50);
    const datas = await Promise.all(batch.map((r) => r.data()));
    batch.forEach((r, j) => byId.set(r.id, datas[j].url));
  }
  return ids.map((id) => byId.get(id));
}

let lastResults = [];
window.govsiteSearch = {
  async run(query, options = {}) {
    const answer = await search(query, options);
    lastResults = answer.results.concat(answer.partial);
    return {
      total: answer.total,
      partialTotal: answer.partialTotal,
      ids: answer.ids,
      partialIds: answer.partialIds,
      synonyms: answer.synonyms,
      incomplete: answer.incomplete,
    };
  },
  urls,
};
