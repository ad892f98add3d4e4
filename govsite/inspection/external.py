"""The opt-in probe of external links (`govsite check --external`): one GET per distinct address, with a
timeout; never part of a build. The only part of the inspection that uses the network."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor

from govsite.inspection.findings import Finding, finding

TIMEOUT = 10.0
USER_AGENT = "govsite-check (external link probe)"


def probe(url: str, timeout: float = TIMEOUT) -> str:
    """'' when the address answers with a success status, else what went wrong."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status = int(response.status)
    except urllib.error.HTTPError as problem:
        return f"the server answers {problem.code}"
    except TimeoutError:
        return f"no answer within {timeout:g} seconds"
    except (urllib.error.URLError, OSError, ValueError) as problem:
        reason = getattr(problem, "reason", problem)
        return f"no answer within {timeout:g} seconds" if isinstance(reason, TimeoutError) \
            else f"cannot be reached ({reason})"
    return "" if status < 400 else f"the server answers {status}"


def external_links(links: Sequence[tuple[str, int, str]], timeout: float = TIMEOUT) -> Iterator[Finding]:
    """Each (path, line, url) whose address does not answer: a deduction the indicator states no figure for."""
    urls = sorted({url for _path, _line, url in links if url.startswith(("http://", "https://"))})
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = dict(zip(urls, pool.map(lambda u: probe(u, timeout), urls), strict=True))
    for path, line, url in links:
        if results.get(url):
            yield finding(path, line, "链接不可用", f"external link {url}: {results[url]}",
                          "correct or remove the link")
