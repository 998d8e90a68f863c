"""Factories of the news tests."""

from __future__ import annotations

import factory
from django.utils import timezone

from tests.factories import MunicipalityFactory
from zemstvo.news.models import NewsItem, NewsStatus


class NewsItemFactory(factory.django.DjangoModelFactory):
    """A news item written straight to the table (no services: no audit, no index)."""

    class Meta:
        model = NewsItem

    municipality = factory.SubFactory(MunicipalityFactory)
    title = factory.Sequence(lambda n: f"Новость номер {n}")
    slug = factory.Sequence(lambda n: f"novost-{n}")
    lead = "Коротко о главном."
    body = "Первый абзац.\n\nВторой абзац."
    status = NewsStatus.DRAFT


class PublishedNewsFactory(NewsItemFactory):
    status = NewsStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
