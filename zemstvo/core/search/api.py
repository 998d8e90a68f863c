"""GET /api/v1/search: the cross-module search, public."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from zemstvo.core.errors import DomainError
from zemstvo.core.search import selectors
from zemstvo.core.territory.models import Municipality

router = Router(tags=["Поиск"])


class SearchParams(Schema):
    q: str = Field("", description="Запрос: слова, «фраза в кавычках», or, -исключение")
    municipality: str = Field("", description="Адрес портала (slug) муниципального образования")
    kind: str = Field("", description="Раздел (метка модуля), например news")
    limit: int = Field(20, ge=1, le=selectors.MAX_LIMIT)
    offset: int = Field(0, ge=0)


class SearchHitOut(Schema):
    kind: str
    kind_title: str
    title: str
    url: str
    snippet: str = Field(description="Фрагмент текста (HTML), найденные слова в <mark>")
    municipality: str
    published_at: datetime | None


class SearchOut(Schema):
    count: int
    items: list[SearchHitOut]


@router.get("", response=SearchOut, summary="Поиск по всем разделам")
def search(request: HttpRequest, params: Query[SearchParams]) -> dict:
    errors: dict[str, list[str]] = {}
    municipality = None
    if params.municipality:
        municipality = Municipality.objects.filter(
            slug=params.municipality, is_active=True
        ).first()
        if municipality is None:
            errors["municipality"] = ["Муниципальное образование с таким адресом не найдено."]
    if params.kind and params.kind not in selectors.kind_titles():
        errors["kind"] = ["Такого раздела нет в поиске."]
    message = selectors.validate_query(params.q)
    if message:
        errors["q"] = [message]
    if errors:
        raise DomainError("Проверьте параметры поиска.", field_errors=errors)
    results = selectors.search(
        params.q,
        municipality=municipality,
        kinds=[params.kind] if params.kind else None,
        limit=params.limit,
        offset=params.offset,
    )
    return {
        "count": results.total,
        "items": [
            {
                "kind": h.kind,
                "kind_title": h.kind_title,
                "title": h.title,
                "url": h.url,
                "snippet": str(h.snippet),
                "municipality": h.municipality_name,
                "published_at": h.published_at,
            }
            for h in results.hits
        ],
    }
