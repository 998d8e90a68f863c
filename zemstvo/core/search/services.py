"""Writes to the cross-module search index. Modules call ``index_document`` when a
document becomes public or changes, ``remove_document`` when it stops being public;
``rebuild_index`` rebuilds everything from every manifest's search providers.

The index holds only public documents, so these writes carry no actor and no audit
event: they follow a module's own audited change, inside its transaction."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, transaction

from zemstvo.core import registry
from zemstvo.core.search.models import FTS_TABLE, SearchEntry
from zemstvo.core.search.text import clean, stemmed_text

_BATCH = 500


def _uses_fts5() -> bool:
    return connection.vendor == "sqlite"


def _fts_write(entries: Iterable[SearchEntry]) -> None:
    rows = [(e.pk, stemmed_text(e.title), stemmed_text(e.body)) for e in entries]
    if not rows:
        return
    with connection.cursor() as cursor:
        cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(r[0],) for r in rows])
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE} (rowid, title, body) VALUES (%s, %s, %s)", rows
        )


def _entry_fields(doc: registry.SearchDoc) -> dict:
    return {
        "municipality_id": doc.municipality_id,
        "title": clean(doc.title)[:500],
        "body": clean(doc.body),
        "url": clean(doc.url)[:500],
        "published_at": doc.published_at,
    }


def index_document(doc: registry.SearchDoc) -> SearchEntry:
    """Add or replace one document (by its kind and object id)."""
    with transaction.atomic():
        entry, _created = SearchEntry.objects.update_or_create(
            kind=doc.kind, object_id=str(doc.object_id), defaults=_entry_fields(doc)
        )
        if _uses_fts5():
            _fts_write([entry])
    return entry


def remove_document(kind: str, object_id: str | int) -> None:
    """Drop a document from the index; nothing happens if it is not there. On SQLite a
    trigger (migration 0002) removes its FTS5 row with it."""
    SearchEntry.objects.filter(kind=kind, object_id=str(object_id)).delete()


def _clear() -> None:
    if _uses_fts5():
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE}")
    SearchEntry.objects.all().delete()


def rebuild_index() -> int:
    """Empty the index and fill it from every registered search provider, in one
    transaction (searches see the old index until it commits). Returns the number of
    documents indexed; running it twice gives the same index."""
    count = 0
    with transaction.atomic():
        _clear()
        batch: list[SearchEntry] = []
        seen: set[tuple[str, str]] = set()
        for manifest in registry.modules():
            for provider in manifest.search_providers:
                for doc in provider.documents():
                    key = (doc.kind, str(doc.object_id))
                    if key in seen:  # a provider that yields a document twice
                        continue
                    seen.add(key)
                    batch.append(SearchEntry(kind=doc.kind, object_id=key[1], **_entry_fields(doc)))
                    if len(batch) >= _BATCH:
                        count += _flush(batch)
                        batch = []
        count += _flush(batch)
    _settle_postgres_index()
    return count


def _settle_postgres_index() -> None:
    # A bulk load leaves new rows in the GIN index's pending list, and the planner then
    # scans the whole table until autovacuum merges it: merge it now, and refresh the
    # statistics so the planner sees the new size.
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT gin_clean_pending_list('search_entry_vector_gin'::regclass)")
        cursor.execute("ANALYZE search_searchentry")


def _flush(batch: list[SearchEntry]) -> int:
    if not batch:
        return 0
    created = SearchEntry.objects.bulk_create(batch)
    if _uses_fts5():
        _fts_write(created)
    return len(created)
