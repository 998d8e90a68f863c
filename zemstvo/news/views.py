"""Public news pages of a portal: /m/<slug>/news/ (list), its RSS feed, and
/m/<slug>/news/<id>-<slug>/ (one item with its files and comments)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

from zemstvo.core.attachments.selectors import attachments_for
from zemstvo.core.errors import NotFound
from zemstvo.core.shell.portal import portal_view
from zemstvo.core.territory.models import Municipality
from zemstvo.news import selectors
from zemstvo.news.linking import published_for
from zemstvo.news.models import NewsItem

FEED_SIZE = 20


@portal_view
def news_list(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    page = selectors.published_page(municipality, request.GET.get("page"))
    return render(request, "news/list.html", {"municipality": municipality, "page": page})


@portal_view
def news_detail(
    request: HttpRequest, municipality: Municipality, pk: int, slug: str
) -> HttpResponse:
    try:
        item = selectors.published_item(pk, municipality)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    if item.slug != slug:
        return redirect(item, permanent=True)
    context = {
        "municipality": municipality,
        "item": item,
        "attachments": attachments_for(item, public_only=True),
    }
    return render(request, "news/detail.html", context)


class NewsFeed(Feed):
    """RSS 2.0 of a portal's latest news."""

    feed_type = Rss201rev2Feed

    def get_object(self, request: HttpRequest, municipality: str) -> Municipality:
        return get_object_or_404(Municipality, slug=municipality, is_active=True)

    def title(self, obj: Municipality) -> str:
        return _("Новости — %(name)s") % {"name": obj.name}

    def link(self, obj: Municipality) -> str:
        return reverse("news:list", kwargs={"municipality": obj.slug})

    def description(self, obj: Municipality) -> str:
        return _("Новости муниципального образования «%(name)s».") % {"name": obj.name}

    def items(self, obj: Municipality) -> list[NewsItem]:
        return selectors.latest(obj, FEED_SIZE)

    def item_title(self, item: NewsItem) -> str:
        return item.title

    def item_description(self, item: NewsItem) -> str:
        return item.lead or item.body[:500]

    def item_pubdate(self, item: NewsItem):
        return item.published_at

    def item_guid(self, item: NewsItem) -> str:
        return f"{settings.ZEMSTVO_SITE_URL.rstrip('/')}/news/{item.pk}"

    item_guid_is_permalink = False


class LinkedNewsFeed(NewsFeed):
    """RSS 2.0 of the published news linked to one record (the press centre): a
    program, a project, a session... /m/<slug>/news/rss/<type>-<id>/."""

    def get_object(self, request: HttpRequest, municipality: str, type_id: int,
                   object_id: int) -> Any:
        portal = super().get_object(request, municipality)
        content_type = ContentType.objects.filter(pk=type_id).first()
        model = content_type.model_class() if content_type else None
        record = model._default_manager.filter(pk=object_id).first() if model else None
        if record is None or getattr(record, "municipality_id", None) != portal.pk:
            raise Http404(_("Запись не найдена."))
        return record

    def title(self, obj: Any) -> str:
        return _("Новости — %(name)s") % {"name": str(obj)}

    def link(self, obj: Any) -> str:
        return obj.get_absolute_url()

    def description(self, obj: Any) -> str:
        return _("Новости о записи «%(name)s».") % {"name": str(obj)}

    def items(self, obj: Any) -> list[NewsItem]:
        return published_for(obj, FEED_SIZE)
