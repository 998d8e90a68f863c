"""News in the API: GET /api/v1/news (published, paged), GET /api/v1/news/{id},
POST /api/v1/news (staff with a bearer token: create a draft, or publish at once).

No ``from __future__ import annotations`` here: django-ninja's pagination reads the
parameter annotations at import time."""

from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from zemstvo.core.accounts.api_auth import TOKEN_OR_SESSION
from zemstvo.core.errors import DomainError
from zemstvo.core.territory.models import Municipality
from zemstvo.news import selectors, services
from zemstvo.news.models import NewsItem
from zemstvo.news.services import LEAD_MAX, TITLE_MAX

router = Router(tags=["Новости"])


class NewsSummaryOut(Schema):
    id: int
    municipality: str = Field(description="Адрес портала (slug)")
    title: str
    lead: str
    published_at: datetime | None
    url: str

    @staticmethod
    def resolve_municipality(item: NewsItem) -> str:
        return item.municipality.slug

    @staticmethod
    def resolve_url(item: NewsItem) -> str:
        return settings.ZEMSTVO_SITE_URL.rstrip("/") + item.get_absolute_url()


class NewsOut(NewsSummaryOut):
    municipality_name: str
    body: str = Field(description="Обычный текст, абзацы разделены пустой строкой")
    status: str

    @staticmethod
    def resolve_municipality_name(item: NewsItem) -> str:
        return item.municipality.name


class NewsIn(Schema):
    municipality: str = Field(description="Адрес портала (slug)")
    title: str = Field(min_length=services.TITLE_MIN, max_length=TITLE_MAX)
    lead: str = Field("", max_length=LEAD_MAX)
    body: str = Field(min_length=1, max_length=services.BODY_MAX)
    publish: bool = Field(False, description="Опубликовать сразу (иначе — черновик)")


class NewsFilter(Schema):
    municipality: str = Field("", description="Адрес портала (slug); пусто — все порталы")


@router.get("", response=list[NewsSummaryOut], summary="Опубликованные новости")
@paginate(LimitOffsetPagination)
def news_list(request: HttpRequest, filters: Query[NewsFilter]):
    municipality = None
    if filters.municipality:
        municipality = Municipality.objects.filter(
            slug=filters.municipality, is_active=True
        ).first()
        if municipality is None:
            message = "Муниципальное образование с таким адресом не найдено."
            raise DomainError(message, field_errors={"municipality": [message]})
    return selectors.published(municipality)


@router.get("/{int:news_id}", response=NewsOut, summary="Новость")
def news_detail(request: HttpRequest, news_id: int):
    return selectors.published_item(news_id)


@router.post("", response={201: NewsOut}, auth=TOKEN_OR_SESSION, summary="Создать новость")
def news_create(request: HttpRequest, payload: NewsIn):
    municipality = Municipality.objects.filter(slug=payload.municipality, is_active=True).first()
    if municipality is None:
        message = "Муниципальное образование с таким адресом не найдено."
        raise DomainError(message, field_errors={"municipality": [message]})
    # Create and publish together or not at all.
    with transaction.atomic():
        item = services.news_create(
            actor=request.auth,
            municipality=municipality,
            title=payload.title,
            lead=payload.lead,
            body=payload.body,
        )
        if payload.publish:
            item = services.news_publish(actor=request.auth, item=item)
    return 201, item
