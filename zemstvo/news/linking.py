"""The press centre: a news item may be linked to one record of any module (a
program, a project, a council session...). A module declares which of its records
can be linked by registering a provider here (from its AppConfig.ready); the news
office form lists them, and the module shows the published news linked to its
record on that record's page with ``news/_linked.html`` or ``published_for``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

# provider(municipality) -> iterable of (record, label) the municipality's news may link to
Provider = Callable[[Any], Iterable[tuple[models.Model, str]]]
_providers: list[Provider] = []


def register(provider: Provider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def value_of(obj: models.Model) -> str:
    return f"{ContentType.objects.get_for_model(obj).pk}:{obj.pk}"


def choices(municipality: Any) -> list[tuple[str, str]]:
    """(value, label) of every record the municipality's news may link to."""
    result = []
    for provider in _providers:
        for obj, label in provider(municipality):
            result.append((value_of(obj), label))
    return result


def resolve(value: str, municipality: Any) -> models.Model | None:
    """The record behind a chooser value, when the municipality may link to it."""
    if not value:
        return None
    for provider in _providers:
        for obj, _label in provider(municipality):
            if value_of(obj) == value:
                return obj
    return None


def published_for(obj: models.Model, limit: int = 10) -> list[Any]:
    """Published news linked to ``obj``, newest first (one query)."""
    from zemstvo.news.selectors import published

    content_type = ContentType.objects.get_for_model(obj)  # cached by Django
    return list(published().filter(related_type=content_type, related_id=obj.pk)[:limit])


def feed_url(obj: models.Model) -> str:
    """The RSS feed of the news linked to ``obj`` (a record with a municipality)."""
    from django.urls import reverse

    return reverse("news:rss_linked", kwargs={
        "municipality": obj.municipality.slug,
        "type_id": ContentType.objects.get_for_model(obj).pk, "object_id": obj.pk})


def page_context(obj: models.Model) -> dict[str, Any]:
    """What ``news/_linked.html`` needs on a linked record's page (one query)."""
    return {"linked_news": published_for(obj), "linked_rss": feed_url(obj)}


def optional_page_context(obj: models.Model) -> dict[str, Any]:
    """For modules that work without the news module installed: the same, or nothing."""
    from django.apps import apps

    if not apps.is_installed("zemstvo.news"):
        return {}
    return page_context(obj)


def register_if_installed(provider: Provider) -> None:
    """Called from a module's AppConfig.ready; a no-op without the news module."""
    from django.apps import apps

    if apps.is_installed("zemstvo.news"):
        register(provider)
