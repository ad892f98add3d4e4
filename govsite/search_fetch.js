/* govsite: the search index's fetches, made safe (docs/search.md, "Loading the index").
   Pagefind 1.5.2 fetches up to 100 index files at a time per merged part, and a file it fails to load is
   skipped for the rest of the session without a word: its pages are silently missing from every search.
   With 100 parts a long query asks for thousands of files at once and Chromium refuses them
   (net::ERR_INSUFFICIENT_RESOURCES). This script, run before Pagefind in its web worker (the build puts it at
   the top of every part's pagefind-worker.js) and in the page (search-engine.js imports it), replaces the
   global `fetch` with one that keeps at most MAX_ACTIVE requests in flight, reads each body whole, retries
   a failed or refused request with growing pauses, and reports a request that failed for good on the
   BroadcastChannel "govsite-search" (and in `globalThis.govsiteFetch.failed`), so the page can say that
   its results may be incomplete. Valid both as a classic script and as a module. */
(function (scope) {
  if (typeof scope.fetch !== "function" || scope.govsiteFetch) return;
  const MAX_ACTIVE = 24;
  const PAUSES_MS = [250, 1000, 2500, 5000]; /* one per retry */
  const RETRY_STATUS = [408, 425, 429, 500, 502, 503, 504];
  const NO_BODY = [101, 103, 204, 205, 304];
  const plainFetch = scope.fetch.bind(scope);
  /* failed: [{url, reason}]; listeners: functions called with each failure (search-engine.js adds one) */
  const state = { active: 0, waiting: [], failed: [], listeners: [], maxActive: 0 };
  let channel = null;

  function report(url, reason) {
    const failure = { url, reason };
    state.failed.push(failure);
    for (const listener of state.listeners) listener(failure);
    try {
      if (!channel && typeof BroadcastChannel !== "undefined") {
        channel = new BroadcastChannel("govsite-search");
        if (typeof channel.unref === "function") channel.unref(); /* Node.js: do not keep the process alive */
      }
      if (channel) channel.postMessage({ failed: url, reason });
    } catch (e) {
      /* the failure stays recorded in state.failed */
    }
  }

  function acquire() {
    if (state.active < MAX_ACTIVE) {
      state.active += 1;
      state.maxActive = Math.max(state.maxActive, state.active);
      return Promise.resolve();
    }
    return new Promise((resolve) => state.waiting.push(resolve));
  }

  function release() {
    const next = state.waiting.shift();
    if (next) next(); /* the slot passes on: `active` stays */
    else state.active -= 1;
  }

  const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  /* One attempt: the whole response, its body read (a body cut off is a failure like a refused request). */
  async function once(input, init) {
    const response = await plainFetch(input, init);
    const body = NO_BODY.includes(response.status) ? null : await response.arrayBuffer();
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  }

  async function fetchWithRetries(input, init) {
    const url = typeof input === "string" ? input : input && input.url ? input.url : String(input);
    for (let retry = 0; ; retry += 1) {
      let failure = null;
      try {
        const response = await once(input, init);
        if (response.ok || !RETRY_STATUS.includes(response.status)) {
          if (!response.ok) report(url, "HTTP " + response.status);
          return response;
        }
        failure = "HTTP " + response.status;
        if (retry >= PAUSES_MS.length) {
          report(url, failure);
          return response;
        }
      } catch (error) {
        failure = String(error);
        if (retry >= PAUSES_MS.length) {
          report(url, failure);
          throw error;
        }
      }
      await pause(PAUSES_MS[retry]);
    }
  }

  scope.fetch = async function govsiteFetch(input, init) {
    await acquire();
    try {
      return await fetchWithRetries(input, init);
    } finally {
      release();
    }
  };
  scope.govsiteFetch = state;
})(globalThis);
