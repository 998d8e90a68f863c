"""Reads of attachments."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models

from zemstvo.core.attachments.models import Attachment


def attachments_for(owner: models.Model, *, public_only: bool = False) -> list[Attachment]:
    """The owner's attachments, oldest first (one query). ``public_only`` for pages
    that anyone can open."""
    found = Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(owner), object_id=str(owner.pk)
    )
    if public_only:
        found = found.filter(is_public=True)
    return list(found.order_by("uploaded_at", "id"))
