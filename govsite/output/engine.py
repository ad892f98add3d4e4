"""The page engine: which pages must be made again, made with their reads recorded, and what a build leaves
for the next (`Recorded`).

Every page is a `PageSpec`: its output path, what makes it (`identity`: the kind of page and its key) and a
function from the site (govsite.output.track.Site) to its template, title and values. With the last build's
record, a page whose identity is the same, whose shared context (site view, day, theme, config, registry) is
the same, and none of whose recorded reads has a new fingerprint is not made at all: its file is right. The
rest are made on the tracked site, so their reads are recorded as they are made, never declared.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass

from jinja2 import Environment

from govsite.output.links import absolute
from govsite.output.ports import PageKey, PageOut, PageRecord, Recorded
from govsite.output.track import Fingerprints, ReadKey, Site, digest, make_with_reads

PageValues = tuple[str, str, dict[str, object]]
"""A page's template, title and template values."""


@dataclass(frozen=True)
class PageSpec:
    """One page: where it goes, what makes it, and how its values are made from the site."""

    rel: str  # output path: '' and 'x/' are folders (index.html)
    identity: Hashable  # the kind of page and its key, e.g. ("entry", "content/policies/a.md")
    make: Callable[[Site], PageValues]

    @property
    def out_rel(self) -> str:
        return self.rel + "index.html" if self.rel.endswith("/") or self.rel == "" else self.rel


def changed_reads(last: Recorded, fingerprints: Fingerprints) -> frozenset[ReadKey]:
    """The reads of the last build whose fingerprint is different now. A collection whose whole fingerprint
    is the same as last time has no read that changed: its reads are not looked at one by one."""
    by_collection: dict[Hashable, list[ReadKey]] = {}
    for key in last.fingerprints:
        by_collection.setdefault(key[1], []).append(key)
    changed = []
    for name, keys in by_collection.items():
        if last.wholes.get(str(name)) == fingerprints.whole(str(name)):
            continue
        changed += [key for key in keys if fingerprints.of(key) != last.fingerprints[key]]
    return frozenset(changed)


def unchanged_pages(specs: Iterable[PageSpec], last: Recorded | None, context: bytes,
                    fingerprints: Fingerprints) -> dict[str, PageRecord]:
    """The pages (by output path) that would come out as the last build made them."""
    if last is None or last.context != context:
        return {}
    changed = changed_reads(last, fingerprints)
    kept = {}
    for spec in specs:
        record = last.pages.get(spec.out_rel)
        if record is not None and record.identity == spec.identity and changed.isdisjoint(record.reads):
            kept[spec.out_rel] = record
    return kept


def page_job(spec: PageSpec, site: Site, env: Environment, record: bool) -> Callable[[], PageOut]:
    """Makes one page (in a worker, in parallel); with `record`, on the tracked site, its reads kept."""
    def run() -> PageOut:
        if record:
            (template, title, values), reads = make_with_reads(site, spec.make)
        else:
            (template, title, values), reads = spec.make(site), None
        html = env.get_template(template).render(page_title=title, canonical=absolute(site.model, spec.rel),
                                                 **values)
        data = html.encode("utf-8")
        key = PageKey(b"recorded", digest(data)) if record else None
        return PageOut(spec.out_rel, data, key, reads=reads, identity=spec.identity if record else None)
    return run


def next_record(context: bytes, made: Iterable[PageOut], kept: Mapping[str, PageRecord], last: Recorded | None,
                fingerprints: Fingerprints, bodies: Mapping[str, bytes]) -> Recorded:
    """This build's record: the pages made now with their reads, the kept ones as they were. The kept pages'
    reads keep their fingerprints (they were found unchanged); a build that made most pages anew records
    every read again, each key one object (and each name one string), so that the record pickles small."""
    pages = dict(kept)
    made_now = [page for page in made if page.reads is not None and page.key is not None]
    if last is None or not kept or len(made_now) > len(kept):
        canonical: dict[ReadKey, ReadKey] = {}

        def one(key: ReadKey) -> ReadKey:
            found = canonical.get(key)
            if found is None:
                found = canonical[key] = tuple(sys.intern(part) if isinstance(part, str) else part for part in key)
            return found

        for record in kept.values():
            for key in record.reads:
                one(key)
        for page in made_now:
            pages[page.rel] = PageRecord(page.identity, frozenset(one(key) for key in page.reads or ()),
                                         page.key.output if page.key else b"")
        prints = {key: fingerprints.of(key) for key in canonical}
    else:
        prints = dict(last.fingerprints)
        for page in made_now:
            pages[page.rel] = PageRecord(page.identity, page.reads or frozenset(),
                                         page.key.output if page.key else b"")
            for key in page.reads or ():
                prints[key] = fingerprints.of(key)
        for key in fingerprints.known():  # the changed reads, and any other read looked at in this build
            if key in prints:
                prints[key] = fingerprints.of(key)
    names = {str(key[1]) for key in prints}
    return Recorded(context, pages, prints, bodies, {name: fingerprints.whole(name) for name in names})
