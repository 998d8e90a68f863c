"""``{% load attachments %}``: ``{% attachment_upload_form owner %}`` renders the
upload form for a record (posting to attachments:upload, returning to the page)."""

from __future__ import annotations

from typing import Any

from django import template
from django.contrib.contenttypes.models import ContentType

from zemstvo.core.attachments.sniff import ALLOWED_EXTENSIONS
from zemstvo.core.permissions import can

register = template.Library()


@register.inclusion_tag("attachments/upload_form.html", takes_context=True)
def attachment_upload_form(context: Any, owner: Any, public: bool = True) -> dict[str, Any]:
    """Rendered only for users who may attach files to ``owner``; ``public=False``
    leaves «доступен всем» unticked."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "upload_denied": not (user is not None and can(user, "attachments.add", owner)),
        "owner_type": ContentType.objects.get_for_model(owner).pk,
        "owner_id": owner.pk,
        "next": request.get_full_path() if request else "",
        "private": not public,
        "form_id": f"upload-{owner._meta.label_lower.replace('.', '-')}-{owner.pk}",
    }


@register.simple_tag
def attachment_accept() -> str:
    """The ``accept`` attribute of a file input: the allowed extensions."""
    return ",".join(f".{ext}" for ext in ALLOWED_EXTENSIONS)


@register.simple_tag
def attachment_allowed_labels() -> str:
    return ", ".join(ext.upper() for ext in ALLOWED_EXTENSIONS if ext != "jpeg")
