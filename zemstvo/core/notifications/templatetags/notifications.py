"""``{% load notifications %}``: ``{% subscribe_button obj %}`` (follow or stop following
a record; one query) and ``{% unread_notifications_count %}``."""

from __future__ import annotations

from typing import Any

from django import template
from django.contrib.contenttypes.models import ContentType

from zemstvo.core.notifications import selectors

register = template.Library()


@register.inclusion_tag("notifications/subscribe_button.html", takes_context=True)
def subscribe_button(context: Any, obj: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    authenticated = bool(user is not None and user.is_authenticated)
    return {
        "csrf_token": context.get("csrf_token"),
        "user_authenticated": authenticated,
        "subscribed": authenticated and selectors.is_subscribed(user, obj),
        "owner_type": ContentType.objects.get_for_model(obj).pk,
        "owner_id": obj.pk,
        "next": request.get_full_path() if request else "",
    }


@register.simple_tag(takes_context=True)
def unread_notifications_count(context: Any) -> int:
    request = context.get("request")
    return selectors.unread_count(getattr(request, "user", None))
