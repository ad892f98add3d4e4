"""Recorded reads: what a page reads of the site while it is made, so that the next build knows, without
making it again, whether it would come out the same.

A page's values are made from a *tracked* site (`tracked_site`): the model, bodies, derived values and lists
of this build, whose collections note every read in the page's `ReadLog`: an entry looked up by path or
index number, a position of the catalog or of a list, a whole collection iterated. Each read is a `ReadKey`;
`Fingerprints` gives the fingerprint of a key in a build (a digest of what the read returned). A page whose
every read has the same fingerprint as when it was last made, and whose shared context is the same, would
come out byte for byte the same (govsite.output.engine). Reads are recorded where the values are read, not
declared by the page, so a dependency cannot be forgotten: a value reached by any other way than these
collections (the config, the registry, the options) is part of the shared context every page depends on.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import io
import pickle
from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast, overload

from govsite.bodies import Bodies
from govsite.markdown import Rendered
from govsite.model.derived import Derived
from govsite.model.site import Entry, SiteModel
from govsite.model.tenders import TenderProject

T = TypeVar("T")
K = TypeVar("K")
V = TypeVar("V")

ReadKey = tuple[Hashable, ...]
"""("at", collection, i) | ("slice", collection, start, stop, step) | ("len", collection) | ("all", collection)
| ("key", collection, key) | ("value", name): one read of the site, whose fingerprint says whether it still
reads the same."""


class ReadLog:
    """The reads of one page, as it is made."""

    def __init__(self) -> None:
        self.keys: set[ReadKey] = set()

    def add(self, key: ReadKey) -> None:
        self.keys.add(key)


class TrackedSeq(Sequence[T]):
    """A tuple whose reads are noted: an item by position, the length, or (iterating) the whole."""

    def __init__(self, items: Sequence[T], name: str, log: ReadLog) -> None:
        self._items, self._name, self._log = items, name, log

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[T]: ...

    def __getitem__(self, index: int | slice) -> T | Sequence[T]:
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self._items))
            self._log.add(("len", self._name))  # a slice's bounds may depend on the length
            self._log.add(("slice", self._name, start, stop, step))
            return tuple(self._items[start:stop:step])
        self._log.add(("at", self._name, index if index >= 0 else index + len(self._items)))
        self._log.add(("len", self._name))
        return self._items[index]

    def __len__(self) -> int:
        self._log.add(("len", self._name))
        return len(self._items)

    def __iter__(self) -> Iterator[T]:
        self._log.add(("all", self._name))
        return iter(self._items)

    def __bool__(self) -> bool:
        return len(self) > 0

    def __add__(self, other: object) -> tuple[T, ...]:
        self._log.add(("all", self._name))
        return tuple(self._items) + tuple(cast(Sequence[T], other))


class TrackedMap(Mapping[K, V]):
    """A mapping whose reads are noted: a key looked up (found or not), or (iterating) the whole."""

    def __init__(self, items: Mapping[K, V], name: str, log: ReadLog) -> None:
        self._items, self._name, self._log = items, name, log

    def __getitem__(self, key: K) -> V:
        self._log.add(("key", self._name, key))
        return self._items[key]

    def get(self, key: K, default: Any = None) -> Any:
        self._log.add(("key", self._name, key))
        return self._items.get(key, default)

    def __contains__(self, key: object) -> bool:
        self._log.add(("key", self._name, key))
        return key in self._items

    def __iter__(self) -> Iterator[K]:
        self._log.add(("all", self._name))
        return iter(self._items)

    def __len__(self) -> int:
        self._log.add(("all", self._name))
        return len(self._items)


@dataclass(frozen=True)
class Site:
    """What pages are made from: this build's model, bodies, derived values and lists (output.lists)."""

    model: SiteModel
    bodies: Bodies
    derived: Derived
    lists: Mapping[str, Any] = field(default_factory=dict)  # list path → ListSpec, overview path → TermIndex
    project_of: Mapping[str, TenderProject] = field(default_factory=dict)  # a notice's path → its project
    projects: Mapping[str, TenderProject] = field(default_factory=dict)  # project code → project
    apply_url: str = ""  # the site's 依申请公开 page (part of every page's shared context)
    today: str = ""  # the build's day in the site's time zone (part of every page's shared context)


CONTEXT_FIELDS = ("config", "registry")  # part of every page's shared context: not noted read by read
DERIVED = "derived."  # the prefix of a derived value's name in read keys


def _tracked_fields(value: Any, prefix: str, log: ReadLog) -> dict[str, object]:
    """Each field of a model or derived value, noting its reads: a tuple by position, a mapping by key,
    anything else read whole. New fields are tracked as they are added: none can be forgotten."""
    changes: dict[str, object] = {}
    for item in dataclasses.fields(value):
        if item.name in CONTEXT_FIELDS:
            continue
        changes[item.name] = _tracked(getattr(value, item.name), prefix + item.name, log)
    return changes


def _tracked(value: object, name: str, log: ReadLog) -> object:
    """A value whose reads are noted: a tuple by position, a mapping by key, a record (a dataclass) field by
    field, a frozenset or anything else whole."""
    if isinstance(value, tuple):
        return TrackedSeq(value, name, log)
    if isinstance(value, Mapping):
        return TrackedMap(value, name, log)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _TrackedRecord(value, name, log)
    return _Noted(value, ("value", name), log)


class _TrackedRecord:
    """A record (e.g. the Q&A index) read field by field; a method called on it reads it whole."""

    def __init__(self, value: object, name: str, log: ReadLog) -> None:
        self._value, self._name, self._log = value, name, log

    def __getattr__(self, attr: str) -> object:
        found = getattr(self._value, attr)
        if callable(found):
            self._log.add(("value", self._name))
            return found
        if isinstance(found, (str, int, float, bool, bytes)) or found is None:
            self._log.add(("value", f"{self._name}.{attr}"))
            return found
        return _tracked(found, f"{self._name}.{attr}", self._log)


def tracked_site(site: Site, log: ReadLog) -> Site:
    """The same site, its collections noting every read in `log` (a fresh one per page)."""
    return Site(
        model=dataclasses.replace(site.model, **_tracked_fields(site.model, "", log)),  # type: ignore[arg-type]
        bodies=dataclasses.replace(site.bodies, rendered=TrackedMap(site.bodies.rendered, "bodies", log)),
        derived=dataclasses.replace(site.derived, **_tracked_fields(site.derived, DERIVED, log)),  # type: ignore[arg-type]
        lists=_TrackedLists(site.lists, "lists", log),
        project_of=TrackedMap(site.project_of, "project_of", log),
        projects=TrackedMap(site.projects, "projects_by_code", log),
        apply_url=site.apply_url,
        today=site.today,
    )


class _TrackedLists(TrackedMap[str, Any]):
    """The lists by path: a list handed out notes the reads of its entries one by one (made when asked:
    a page reads one or two of the site's hundreds of lists)."""

    def __getitem__(self, key: str) -> Any:
        return self._tracked(super().__getitem__(key))

    def get(self, key: str, default: Any = None) -> Any:
        found = super().get(key, None)
        return default if found is None else self._tracked(found)

    def values(self) -> Any:
        self._log.add(("all", self._name))
        return [self._tracked(value) for value in self._items.values()]

    def items(self) -> Any:
        self._log.add(("all", self._name))
        return [(key, self._tracked(value)) for key, value in self._items.items()]

    def _tracked(self, spec: Any) -> Any:
        entries = getattr(spec, "entries", None)
        if entries is None:
            return spec
        return dataclasses.replace(spec, entries=TrackedSeq(entries, "list:" + spec.path, self._log))


class _Noted:
    """A value read as a whole (the options, the held documents): any attribute read notes the key."""

    def __init__(self, value: object, key: ReadKey, log: ReadLog) -> None:
        self._value, self._key, self._log = value, key, log

    def __getattr__(self, name: str) -> object:
        self._log.add(self._key)
        return getattr(self._value, name)

    def __iter__(self) -> Iterator[object]:
        self._log.add(self._key)
        return iter(cast(Any, self._value))

    def __contains__(self, item: object) -> bool:
        self._log.add(self._key)
        return item in cast(Any, self._value)

    def __len__(self) -> int:
        self._log.add(self._key)
        return len(cast(Any, self._value))


def digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def entry_fingerprint(entry: Entry, source: bytes) -> bytes:
    """An entry's fingerprint from its source's digest (the document is parsed from it alone) and what the
    model decided of it (the registry's agencies and topics are part of every page's context)."""
    parts = (source, entry.url, entry.agency.key if entry.agency else "", entry.index_no,
             tuple(t.name for t in entry.topics), entry.genre.name if entry.genre else "", entry.validity,
             entry.withheld_body, entry.preview_reason)
    return digest(repr(parts).encode("utf-8"))


_PLAIN = frozenset({str, int, float, bool, type(None), bytes, tuple, list, dict})
"""Types pickled as they are (their items are asked about one by one)."""


class _FingerprintPickler(pickle.Pickler):
    """Pickles a value with each entry and body it holds by its fingerprint (much cheaper than the whole)."""

    def __init__(self, file: io.BytesIO, fingerprints: Fingerprints) -> None:
        super().__init__(file, protocol=5)
        self.fast = True  # no memo: equal values give equal bytes, whichever objects they share
        self._fingerprints = fingerprints

    def persistent_id(self, obj: object) -> object:
        if type(obj) in _PLAIN:  # most of what is pickled: answered at once
            return None
        if isinstance(obj, (set, frozenset)):  # in an order of its own: a set's differs between processes
            return ("set", tuple(sorted(repr(item) for item in obj)))
        if isinstance(obj, Entry):
            return ("entry", self._fingerprints.entry(obj))
        if isinstance(obj, Rendered):
            return ("body", self._fingerprints.body_of(obj))
        parsed = self._fingerprints.parsed(obj)
        if parsed is not None:
            return ("parsed", parsed)
        fields_only = self._fingerprints.fields_only(obj)
        return ("fields", type(obj).__qualname__, fields_only) if fields_only is not None else None


class Fingerprints:
    """The fingerprint of every read in this build, each computed once, when first asked.

    `sources` are the source digests by path (parsed documents depend on nothing else); `bodies` the
    fingerprints of the rendered bodies by path (kept between builds and renewed for bodies rendered anew)."""

    def __init__(self, site: Site, sources: Mapping[str, bytes], bodies: Mapping[str, bytes]) -> None:
        self._site, self._sources, self._bodies = site, sources, bodies
        self._known: dict[ReadKey, bytes] = {}
        self._entries: dict[str, bytes] = {}
        # by the id of an Entry the site holds (alive all build long), filled as they are first asked: the
        # fast path of `_items`, which would otherwise look each one up by path
        self._entries_by_id: dict[int, bytes] = {}
        self._collections: dict[str, Any] = {}
        self._values: dict[int, bytes] = {}  # by the id of an object the site holds (alive all build long)
        self._parsed: dict[int, bytes] | None = None  # parsed documents and their details, by id (`parsed`)
        self._lazy: dict[type, tuple[str, ...] | None] = {}  # each type's fields, if it caches values beside them
        self._body_paths = {id(rendered): path for path, rendered in site.bodies.rendered.items()}

    def entry(self, entry: Entry) -> bytes:
        found = self._entries_by_id.get(id(entry))
        if found is None:
            path = entry.doc.path
            found = self._entries.get(path)
            if found is None:
                found = self._entries[path] = entry_fingerprint(entry, self._sources.get(path, b""))
            self._entries_by_id[id(entry)] = found
        return found

    def parsed(self, obj: object) -> bytes | None:
        """The fingerprint of a parsed document or its details (e.g. a tender notice's, which a project holds),
        which are made from the document's source alone; None for any other value."""
        if self._parsed is None:
            self._parsed = {}
            for entry in self._site.model.entries:
                source = self._sources.get(entry.doc.path)
                if source is not None:
                    self._parsed[id(entry.doc)] = self._parsed[id(entry.doc.details)] = entry.doc.path.encode() + source
        return self._parsed.get(id(obj))

    def fields_only(self, obj: object) -> bytes | None:
        """The fingerprint of a dataclass that caches values beside its fields (functools.cached_property: the
        config, the registry) by its fields alone: what it has cached depends on what was asked of it before
        (a document placed again as last time asks nothing), never on what it is. None for any other value."""
        kind = type(obj)
        names = self._lazy.get(kind, ())
        if names == ():
            names = self._lazy[kind] = tuple(f.name for f in dataclasses.fields(kind)) \
                if dataclasses.is_dataclass(kind) and any(isinstance(v, functools.cached_property)
                                                          for v in vars(kind).values()) else None
        return self.value(tuple(getattr(obj, name) for name in names)) if names is not None else None

    def body_of(self, rendered: Rendered) -> bytes:
        path = self._body_paths.get(id(rendered))
        known = self._bodies.get(path) if path is not None else None
        return known if known is not None else digest(pickle.dumps(rendered, protocol=5))

    def value(self, value: object) -> bytes:
        buffer = io.BytesIO()
        _FingerprintPickler(buffer, self).dump(value)
        return digest(buffer.getvalue())

    def whole(self, name: str) -> bytes:
        """The fingerprint of a whole collection (of a value read whole: the value's)."""
        return self.of(("all", name))

    def known(self) -> list[ReadKey]:
        """The reads whose fingerprint this build has computed so far."""
        return list(self._known)

    def of(self, key: ReadKey) -> bytes:
        found = self._known.get(key)
        if found is None:
            found = self._known[key] = self._compute(key)
        return found

    def _compute(self, key: ReadKey) -> bytes:
        what, name = key[0], cast(str, key[1])
        collection = self._collections.get(name)
        if collection is None:
            collection = self._collections[name] = self._collection(name)
        if what == "value":
            return self.value(collection)
        if what == "len":
            return repr(len(collection)).encode()
        if what == "at":
            items = cast(Sequence[object], collection)
            i = cast(int, key[2])
            return self._item(items[i]) if 0 <= i < len(items) else b"-"
        if what == "slice":
            items = cast(Sequence[object], collection)[cast(int, key[2]):cast(int, key[3]):cast(int, key[4])]
            return digest(b"".join(self._item(item) for item in items))
        if what == "key":
            mapping = cast(Mapping[Hashable, object], collection)
            return self._item(mapping[key[2]]) if key[2] in mapping else b"-"
        if isinstance(collection, Mapping):  # in the keys' order (a mapping made from a set has an order of its own)
            return self._mapping(collection)
        if isinstance(collection, tuple):
            return digest(b"".join(self._items(collection)))
        return self.value(collection)  # a value read whole

    def _mapping(self, mapping: Mapping[Hashable, object]) -> bytes:
        """A whole mapping's fingerprint: each key's repr and its value's, the keys in a fixed order (text keys
        as they sort, any others by their repr), never the mapping's own (one made from a set differs between
        processes)."""
        keys = list(mapping)
        ordered = cast(list[Hashable], sorted(cast(list[str], keys))) if all(type(k) is str for k in keys) \
            else sorted(keys, key=repr)
        prints = self._items([mapping[k] for k in ordered])
        return digest(b"".join(repr(k).encode() + p for k, p in zip(ordered, prints, strict=True)))

    def _items(self, items: Sequence[object]) -> list[bytes]:
        """The fingerprints of a collection's items (all entries: one lookup each, no pickling)."""
        entries = self._entries_by_id
        found = [entries.get(id(item)) for item in items]
        if None not in found:
            return cast(list[bytes], found)
        return [f if f is not None else self._item(item) for f, item in zip(found, items, strict=True)]

    def _item(self, item: object) -> bytes:
        """The fingerprint of one item of a collection (an entry's and a body's are known: no pickling)."""
        if isinstance(item, Entry):
            return self.entry(item)
        if isinstance(item, Rendered):
            return self.body_of(item)
        found = self._values.get(id(item))
        if found is None:
            if getattr(item, "entries", None) is not None and dataclasses.is_dataclass(item):
                # a list: its own values here, its entries are read (and noted) one by one
                found = self.value(dataclasses.replace(cast(Any, item), entries=()))
            else:
                found = self.value(item)
            self._values[id(item)] = found
        return found

    def _collection(self, name: str) -> Any:
        site = self._site
        if name == "bodies":
            return site.bodies.rendered
        if name == "lists":
            return site.lists
        if name == "project_of":
            return site.project_of
        if name == "projects_by_code":
            return site.projects
        if name.startswith("list:"):
            spec = site.lists.get(name[5:])
            return tuple(spec.entries) if spec is not None else ()
        base, *attrs = name[len(DERIVED):].split(".") if name.startswith(DERIVED) else name.split(".")
        found = getattr(site.derived if name.startswith(DERIVED) else site.model, base, ())
        for attr in attrs:  # a field of a record (govsite.output.track._TrackedRecord)
            found = getattr(found, attr)
        return found


def make_with_reads(site: Site, make: Callable[[Site], T]) -> tuple[T, frozenset[ReadKey]]:
    """`make` run on the tracked site: its result and what it read."""
    log = ReadLog()
    return make(tracked_site(site, log)), frozenset(log.keys)
