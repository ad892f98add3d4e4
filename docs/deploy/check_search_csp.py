"""Try a deployed portal's search in Chromium: `python docs/deploy/check_search_csp.py http://HOST/xxgk/ 公积金`.

Loads the search page for the query, waits for results, visits the home page and the catalog, and fails on
no result or on any console error (a CSP violation is one). Not part of `make test`: it needs a running
server (docs/deploy.md). Uses Playwright with Debian's /usr/bin/chromium, as the tests do.
"""

from __future__ import annotations

import sys

from playwright.sync_api import sync_playwright


def main(base: str, query: str) -> int:
    problems: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page()
        page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}")
                if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        response = page.goto(f"{base}search/?q={query}")
        print("search page:", response.status if response else "no response",
              "CSP:", (response.headers.get("content-security-policy", "none") if response else ""))
        page.wait_for_selector("#search-results > li", timeout=20000)
        titles = page.locator("#search-results > li a").all_inner_texts()
        print(f"{len(titles)} result(s); first: {titles[:3]}")
        page.goto(base)
        page.goto(base + "catalog/")
        browser.close()
    print("\n".join(problems) or "no console errors or CSP violations")
    return 1 if problems or not titles else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8731/xxgk/",
                  sys.argv[2] if len(sys.argv) > 2 else "公积金"))
