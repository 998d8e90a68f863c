"""Reads for notifications: channels in force for people, a person's inbox, whether
a person follows a record."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from zemstvo.core.notifications.models import (
    ALL_KINDS,
    DEFAULT_CHANNELS,
    Notification,
    Preference,
    Subscription,
)


def resolve_channels(rows: Iterable[tuple[str, str, bool]], kind: str) -> dict[str, bool]:
    """The channels in force for ``kind`` from a person's (kind, channel, enabled) rows:
    the default, overridden by the row for all kinds, overridden by the kind's row."""
    channels = dict(DEFAULT_CHANNELS)
    rows = list(rows)
    for row_kind, channel, enabled in rows:
        if row_kind == ALL_KINDS:
            channels[channel] = enabled
    for row_kind, channel, enabled in rows:
        if row_kind == kind and kind != ALL_KINDS:
            channels[channel] = enabled
    return channels


def channels_for(user_ids: Iterable[int], kind: str) -> dict[int, dict[str, bool]]:
    """Channels in force for each person for ``kind`` (one query)."""
    ids = list(user_ids)
    rows: dict[int, list[tuple[str, str, bool]]] = defaultdict(list)
    for user_id, row_kind, channel, enabled in Preference.objects.filter(
        user_id__in=ids, kind__in=[kind, ALL_KINDS]
    ).values_list("user_id", "kind", "channel", "enabled"):
        rows[user_id].append((row_kind, channel, enabled))
    return {user_id: resolve_channels(rows[user_id], kind) for user_id in ids}


def preference_rows(user: Any) -> list[tuple[str, str, bool]]:
    return list(
        Preference.objects.filter(user=user).values_list("kind", "channel", "enabled")
    )


def inbox(user: Any) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user).select_related("municipality").order_by(
        "-created_at", "-id"
    )


_UNREAD_ATTR = "_zemstvo_unread_count"


def unread_count(user: Any) -> int:
    """Unread notifications; counted once per request (the header and the list page
    both show it), kept on the user object as the memberships are."""
    if not getattr(user, "is_authenticated", False):
        return 0
    cached = getattr(user, _UNREAD_ATTR, None)
    if cached is None:
        cached = Notification.objects.filter(user=user, read_at__isnull=True).count()
        setattr(user, _UNREAD_ATTR, cached)
    return cached


def received_kinds(user: Any, *, limit: int = 50) -> list[str]:
    return list(
        Notification.objects.filter(user=user).values_list("kind", flat=True)
        .order_by("kind").distinct()[:limit]
    )


def is_subscribed(user: Any, target: models.Model) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return Subscription.objects.filter(
        user=user, content_type=ContentType.objects.get_for_model(target),
        object_id=str(target.pk),
    ).exists()


def subscribers(target: models.Model) -> list[Any]:
    """Active people who follow ``target`` (one query)."""
    found = Subscription.objects.filter(
        content_type=ContentType.objects.get_for_model(target), object_id=str(target.pk),
        user__is_active=True,
    ).select_related("user")
    return [subscription.user for subscription in found]
