"""The whole-site files joined from one piece per entry or list, each piece kept between builds.

catalog.json is a line per catalog document and catalog.csv a row; every feed is made from its list's first
entries. Each piece is kept (in `ports.Pieces`, beside the pages' record) under a key of everything it is made
from: the entry's fingerprint (its source and what the model decided of it: output.track.entry_fingerprint),
its body's fingerprint (the summary is the body's lead) and its attachments' files (size and SHA-256: not in
its source). What every piece shares (the site's config, hence base_url and the time zone; the registry, hence
agencies' names and codes and topics' labels; the build's day; the preview flags) is the `shared` key: when
it changes no piece is kept. A piece is made again only when its key changed; the file is the join of the
pieces, byte for byte what making it whole gives (output.opendata, output.feeds).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from govsite.bodies import Bodies
from govsite.model.site import Entry, SiteModel
from govsite.output.feeds import feed_files
from govsite.output.lists import ListSpec
from govsite.output.opendata import catalog_csv_of, catalog_record, csv_rows, json_line
from govsite.output.ports import Pieces
from govsite.output.track import Fingerprints, digest
from govsite.urls import resolve_relative

CatalogPiece = tuple[bytes, bytes, bytes]
"""An entry's key, its catalog.json line and its catalog.csv row (UTF-8: the files are their join)."""


class PieceKeys:
    """Each entry's key in this build, computed once when first asked (none when the build keeps no state:
    then no piece is kept, nor looked for)."""

    def __init__(self, model: SiteModel, fingerprints: Fingerprints | None, bodies: Mapping[str, bytes]) -> None:
        self._model, self._fingerprints, self._bodies = model, fingerprints, bodies
        self._keys: dict[str, bytes] = {}
        day = model.options.now.astimezone(model.config.tz).date().isoformat()
        self.shared = b"" if fingerprints is None else fingerprints.value(
            (model.config, model.registry, day, model.options.drafts, model.options.future))

    def of(self, entry: Entry) -> bytes:
        """The entry's fingerprint, its body's, and its attachments' files (not in its source)."""
        if self._fingerprints is None:
            return b""
        path = entry.doc.path
        found = self._keys.get(path)
        if found is None:
            found = self._fingerprints.entry(entry) + self._bodies.get(path, b"-" * 16)
            if entry.doc.attachments:
                assets = self._model.assets
                files = [assets.get(resolve_relative(path, a.file) or "") for a in entry.doc.attachments]
                found += repr([(f.size, f.sha256, f.mime) if f is not None else None for f in files]).encode()
            self._keys[path] = found
        return found


def catalog_pieces(model: SiteModel, bodies: Bodies, keys: PieceKeys,
                   last: Pieces | None) -> dict[str, CatalogPiece]:
    """Every catalog document's piece, in the catalog's order: the last build's where its key is the same."""
    old = last.catalog if last is not None and last.shared == keys.shared and keys.shared else {}
    pieces: dict[str, CatalogPiece] = {}
    remake: list[tuple[str, bytes, dict[str, object]]] = []
    for entry in model.catalog:
        path = entry.doc.path
        key = keys.of(entry)
        found = old.get(path)
        if found is not None and found[0] == key:
            pieces[path] = found
        else:
            pieces[path] = (key, b"", b"")  # its place in the order, filled below
            remake.append((path, key, catalog_record(model, bodies, entry)))
    rows = csv_rows(record for _path, _key, record in remake)
    for (path, key, record), row in zip(remake, rows, strict=True):
        pieces[path] = (key, json_line(record).encode("utf-8"), row.encode("utf-8"))
    return pieces


def catalog_json_from(pieces: Mapping[str, CatalogPiece]) -> bytes:
    """catalog.json (a record per line, in brackets), encoded (UTF-8 is the join of its pieces' encodings)."""
    return b"[\n" + b",\n".join(piece[1] for piece in pieces.values()) + b"\n]\n"


def catalog_csv_from(pieces: Mapping[str, CatalogPiece]) -> bytes:
    """catalog.csv: its BOM and column names, then the rows."""
    return catalog_csv_of(()) + b"".join(piece[2] for piece in pieces.values())


def feed_pieces(model: SiteModel, bodies: Bodies, specs: list[ListSpec], keys: PieceKeys,
                last: Pieces | None) -> dict[str, tuple[bytes, tuple[tuple[str, bytes], ...]]]:
    """Every feed's files (by its feed.xml path), with its key: the last build's where the key is the same
    (the list's title, page and feed, and the keys of the entries it shows)."""
    old = last.feeds if last is not None and last.shared == keys.shared and keys.shared else {}
    feeds = {}
    for spec in specs:
        shown = spec.entries[:model.config.feed_limit]
        key = digest(repr((spec.feed, spec.title, spec.path)).encode("utf-8")
                     + b"".join(keys.of(entry) for entry in shown)) if keys.shared else b""
        found = old.get(spec.feed)
        if found is None or found[0] != key:
            found = (key, tuple((rel, text.encode("utf-8")) for rel, text in feed_files(model, bodies, spec)))
        feeds[spec.feed] = found
    return feeds


def joined_files(catalog: Mapping[str, CatalogPiece],
                 feeds: Mapping[str, tuple[bytes, tuple[tuple[str, bytes], ...]]]) -> Iterator[tuple[str, bytes]]:
    """catalog.csv and every feed's files, from their pieces (catalog.json is made with the pages)."""
    yield "catalog.csv", catalog_csv_from(catalog)
    for _key, files in feeds.values():
        yield from files
