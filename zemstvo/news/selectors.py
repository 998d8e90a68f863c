"""Reads of news for pages, the API, the dashboard, search and open data. Each costs
a fixed number of queries whatever the number of items."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from zemstvo.core.errors import NotFound
from zemstvo.core.permissions import can
from zemstvo.core.registry import SearchDoc
from zemstvo.core.territory.models import Municipality
from zemstvo.news.models import NewsItem, NewsStatus

PAGE_SIZE = 10


def published(municipality: Municipality | None = None) -> QuerySet[NewsItem]:
    """Published items, newest first, with what a list or a link needs."""
    items = NewsItem.objects.filter(status=NewsStatus.PUBLISHED).select_related(
        "municipality", "cover"
    )
    if municipality is not None:
        items = items.filter(municipality=municipality)
    return items.order_by("-published_at", "-id")


def published_page(municipality: Municipality, page: Any, *, per_page: int = PAGE_SIZE) -> Page:
    """One page of a portal's news (two queries: count and page)."""
    return Paginator(published(municipality), per_page).get_page(page)


def latest(municipality: Municipality, count: int = 5) -> list[NewsItem]:
    return list(published(municipality)[:count])


def published_item(pk: int, municipality: Municipality | None = None) -> NewsItem:
    """A published item (of the portal, when given), else NotFound."""
    item = published(municipality).filter(pk=pk).first()
    if item is None:
        raise NotFound("Новость не найдена.")
    return item


def office_items(municipality: Municipality, status: str = "") -> QuerySet[NewsItem]:
    items = NewsItem.objects.filter(municipality=municipality).select_related(
        "municipality", "author"
    )
    if status in NewsStatus.values:
        items = items.filter(status=status)
    return items.order_by("-updated_at", "-id")


def office_item(user: Any, pk: int) -> NewsItem:
    """Fetch an item for the office and check that the user may work with it."""
    item = NewsItem.objects.select_related("municipality", "cover").filter(pk=pk).first()
    if item is None or not can(user, "news.view_office", item):
        raise NotFound("Новость не найдена.")
    return item


def dashboard_counts(municipality_ids: list[int] | None, now: datetime | None = None) -> dict:
    """Drafts, and items published since the first day of this month (one query).
    ``municipality_ids`` None counts every municipality."""
    now = timezone.localtime(now or timezone.now())
    month_start = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    items = NewsItem.objects.all()
    if municipality_ids is not None:
        items = items.filter(municipality_id__in=municipality_ids)
    return items.aggregate(
        drafts=Count("pk", filter=Q(status=NewsStatus.DRAFT)),
        published_this_month=Count(
            "pk", filter=Q(status=NewsStatus.PUBLISHED, published_at__gte=month_start)
        ),
    )


def search_doc(item: NewsItem) -> SearchDoc:
    return SearchDoc(
        kind="news",
        object_id=str(item.pk),
        title=item.title,
        body="\n\n".join(part for part in (item.lead, item.body) if part),
        url=item.get_absolute_url(),
        municipality_id=item.municipality_id,
        published_at=item.published_at,
    )


def search_documents() -> Iterator[SearchDoc]:
    """Every published item, for rebuilding the search index."""
    for item in published().select_related(None).select_related("municipality").iterator(
        chunk_size=1000
    ):
        yield search_doc(item)


def opendata_rows(municipality: Municipality | None) -> Iterator[dict[str, Any]]:
    """Rows of the «news» open-data set: no author, nothing about a person."""
    items = published(municipality).select_related(None).values(
        "pk", "slug", "title", "lead", "published_at", "municipality__slug",
        "municipality__name", "municipality__oktmo",
    )
    site = settings.ZEMSTVO_SITE_URL.rstrip("/")
    for row in items.iterator(chunk_size=1000):
        yield {
            "id": row["pk"],
            "municipality": row["municipality__name"],
            "oktmo": row["municipality__oktmo"],
            "title": row["title"],
            "lead": row["lead"],
            "published_at": row["published_at"],
            "url": site + reverse(
                "news:detail",
                kwargs={"municipality": row["municipality__slug"], "pk": row["pk"],
                        "slug": row["slug"]},
            ),
        }
