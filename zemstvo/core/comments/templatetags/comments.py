"""``{% load comments %}``: ``{% comments_block obj %}`` renders the thread on ``obj``
with the forms to comment, reply and report. It costs a fixed number of queries,
whatever the size of the thread: the comments with their authors (one), and for a
signed-in reader their block, their reports and their roles (one each)."""

from __future__ import annotations

from typing import Any

from django import template
from django.contrib.contenttypes.models import ContentType

from zemstvo.core.comments import selectors
from zemstvo.core.comments.services import MAX_LENGTH, block_message
from zemstvo.core.permissions import can

register = template.Library()


@register.inclusion_tag("comments/block.html", takes_context=True)
def comments_block(context: Any, obj: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    signed_in = bool(user is not None and user.is_authenticated)
    municipality = getattr(obj, "municipality", None)
    roots, count = selectors.thread(obj)
    block = selectors.block_in_force(user, municipality) if signed_in else None
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "roots": roots,
        "count": count,
        "signed_in": signed_in,
        "user_id": user.pk if signed_in else None,
        "block_text": block_message(block) if block else "",
        "comments_open": getattr(obj, "comments_open", True),
        "reported": selectors.reported_by(user, obj) if signed_in else set(),
        "can_moderate": signed_in and municipality is not None
        and can(user, "comments.moderate", municipality),
        "owner_type": ContentType.objects.get_for_model(obj).pk,
        "owner_id": obj.pk,
        "next": request.get_full_path() if request else "",
        "max_length": MAX_LENGTH,
        "time_zone": getattr(municipality, "time_zone", None),
        "block_id": f"comments-{obj._meta.label_lower.replace('.', '-')}-{obj.pk}",
    }


@register.filter
def display_name(user: Any) -> str:
    """How an author is shown on public pages: first name and the initial of the last
    name, never the login (it may be an e-mail address) nor the full name (152-ФЗ)."""
    if user is None:
        return "Удалённый пользователь"
    first = (user.first_name or "").strip()
    last = (user.last_name or "").strip()
    if not first:
        return "Участник обсуждения"
    return f"{first} {last[0]}." if last else first
