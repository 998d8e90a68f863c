"""Reading the cross-module search index: one ``search`` for pages and the API.

PostgreSQL: ``websearch_to_tsquery('russian', q)`` against the stored tsvector,
ranked by ``ts_rank`` (title weighted above body), snippets by ``ts_headline``.
SQLite: the query's words are stemmed the way the index was (search.text) and matched
in FTS5, ranked by ``bm25`` with the title weighted above the body; snippets are cut
in Python from the stored text. Either way a page costs a fixed number of queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import connection
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from zemstvo.core import registry
from zemstvo.core.search.models import FTS_TABLE, SearchEntry
from zemstvo.core.search.text import (
    MARK_END,
    MARK_START,
    clean,
    headline_to_html,
    highlight,
    parse_query,
)

MIN_QUERY_LENGTH = 2
MAX_QUERY_LENGTH = 200
MAX_LIMIT = 100
# How much more the title weighs than the body in FTS5's bm25.
_TITLE_WEIGHT = 10.0


@dataclass(frozen=True)
class SearchHit:
    kind: str
    kind_title: str
    title: str
    url: str
    snippet: SafeString
    municipality_name: str
    published_at: datetime | None


@dataclass(frozen=True)
class SearchResults:
    query: str
    hits: list[SearchHit] = field(default_factory=list)
    total: int = 0
    # A Russian message when the query could not be run (empty, too short, too long).
    error: str = ""
    limit: int = 20
    offset: int = 0


def kind_titles() -> dict[str, str]:
    """Searchable kinds (from the registered providers) and their titles."""
    return {
        p.kind: str(p.title) for m in registry.modules() for p in m.search_providers
    }


def validate_query(query: str) -> str:
    """A Russian message if the query cannot be searched, else ""."""
    query = clean(query or "").strip()
    if not query:
        return _("Введите слово или фразу для поиска.")
    if len(query) < MIN_QUERY_LENGTH:
        return _("Слишком короткий запрос: введите не меньше %(n)d символов.") % {
            "n": MIN_QUERY_LENGTH
        }
    if len(query) > MAX_QUERY_LENGTH:
        return _("Слишком длинный запрос: не больше %(n)d символов.") % {"n": MAX_QUERY_LENGTH}
    if not parse_query(query).alternatives:
        return _("В запросе нет слов для поиска: добавьте хотя бы одно слово.")
    return ""


def search(
    query: str,
    *,
    municipality: Any = None,
    kinds: list[str] | tuple[str, ...] | None = None,
    limit: int = 20,
    offset: int = 0,
) -> SearchResults:
    """Public documents matching ``query``, best first. ``municipality`` (a
    Municipality or its id) keeps one portal's documents; ``kinds`` keeps those kinds.
    A query that cannot be searched gives an empty result with ``error`` set."""
    query = clean(query or "").strip()
    limit = max(1, min(int(limit), MAX_LIMIT))
    offset = max(0, int(offset))
    error = validate_query(query)
    if error:
        return SearchResults(query=query, error=error, limit=limit, offset=offset)
    municipality_id = getattr(municipality, "pk", municipality)
    kinds = [k for k in (kinds or []) if k]
    if connection.vendor == "postgresql":
        ranked, total, snippets = _postgresql(query, municipality_id, kinds, limit, offset)
    else:
        ranked, total = _sqlite(query, municipality_id, kinds, limit, offset)
        snippets = {}
    return SearchResults(
        query=query,
        hits=_hits(ranked, snippets, query),
        total=total,
        limit=limit,
        offset=offset,
    )


def _filters(municipality_id: Any, kinds: list[str]) -> tuple[str, list[Any]]:
    sql, params = "", []
    if municipality_id is not None:
        sql += " AND e.municipality_id = %s"
        params.append(municipality_id)
    if kinds:
        sql += " AND e.kind IN (" + ", ".join(["%s"] * len(kinds)) + ")"
        params.extend(kinds)
    return sql, params


def _sqlite(
    query: str, municipality_id: Any, kinds: list[str], limit: int, offset: int
) -> tuple[list[int], int]:
    match = parse_query(query).to_fts5()
    where, params = _filters(municipality_id, kinds)
    entries = SearchEntry._meta.db_table
    base = (
        f" FROM {FTS_TABLE} JOIN {entries} e ON e.id = {FTS_TABLE}.rowid"
        f" WHERE {FTS_TABLE} MATCH %s{where}"
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*)" + base, [match, *params])
        total = cursor.fetchone()[0]
        if not total or offset >= total:
            return [], total
        cursor.execute(
            "SELECT e.id" + base
            + f" ORDER BY bm25({FTS_TABLE}, %s, 1.0), e.published_at DESC, e.id"
            " LIMIT %s OFFSET %s",
            [match, *params, _TITLE_WEIGHT, limit, offset],
        )
        return [row[0] for row in cursor.fetchall()], total


_HEADLINE_OPTIONS = (
    f'StartSel="{MARK_START}", StopSel="{MARK_END}", MaxWords=35, MinWords=15, '
    'MaxFragments=2, FragmentDelimiter=" … "'
)


def _postgresql(
    query: str, municipality_id: Any, kinds: list[str], limit: int, offset: int
) -> tuple[list[int], int, dict[int, str]]:
    where, params = _filters(municipality_id, kinds)
    entries = SearchEntry._meta.db_table
    # The inner query ranks and cuts the page; ts_headline (costly) runs on that page only.
    sql = f"""
        WITH q AS (SELECT websearch_to_tsquery('russian', %s) AS query),
        page AS (
            SELECT e.id, e.title, e.body, ts_rank(e.search_vector, q.query) AS rank,
                   e.published_at, count(*) OVER () AS total
            FROM {entries} e, q
            WHERE e.search_vector @@ q.query{where}
            ORDER BY rank DESC, e.published_at DESC NULLS LAST, e.id
            LIMIT %s OFFSET %s
        )
        SELECT page.id, page.total,
               ts_headline('russian', CASE WHEN page.body = '' THEN page.title ELSE page.body END,
                           q.query, %s)
        FROM page, q
        ORDER BY page.rank DESC, page.published_at DESC NULLS LAST, page.id
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [query, *params, limit, offset, _HEADLINE_OPTIONS])
        rows = cursor.fetchall()
        total = rows[0][1] if rows else 0
        if not rows and offset:
            # Past the last page: the window count is not there, count separately.
            cursor.execute(
                f"SELECT count(*) FROM {entries} e WHERE e.search_vector @@ "
                f"websearch_to_tsquery('russian', %s){where}",
                [query, *params],
            )
            total = cursor.fetchone()[0]
    return [r[0] for r in rows], total, {r[0]: r[2] for r in rows}


def _hits(ranked: list[int], snippets: dict[int, str], query: str) -> list[SearchHit]:
    if not ranked:
        return []
    by_id = SearchEntry.objects.select_related("municipality").in_bulk(ranked)
    titles = kind_titles()
    wanted = parse_query(query).positive_stems
    hits = []
    for pk in ranked:
        entry = by_id.get(pk)
        if entry is None:
            continue
        if pk in snippets:
            snippet = headline_to_html(snippets[pk])
        else:
            snippet = highlight(entry.body or entry.title, wanted)
        hits.append(
            SearchHit(
                kind=entry.kind,
                kind_title=titles.get(entry.kind, entry.kind),
                title=entry.title,
                url=entry.url,
                snippet=mark_safe(snippet),  # noqa: S308 - built from escaped text only
                municipality_name=entry.municipality.name if entry.municipality else "",
                published_at=entry.published_at,
            )
        )
    return hits
