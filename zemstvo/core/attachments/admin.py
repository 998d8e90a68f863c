"""Attachments in the Django admin: to look up, not to edit (adding and removing go
through the services, which check the file and write the audit log)."""

from __future__ import annotations

from django.contrib import admin

from zemstvo.core.attachments.models import Attachment
from zemstvo.core.shell.admin_support import ReadOnlyAdmin


@admin.register(Attachment)
class AttachmentAdmin(ReadOnlyAdmin):
    list_display = ("id", "original_name", "mime_type", "size", "municipality", "content_type",
                    "object_id", "is_public", "uploaded_at")
    list_filter = ("mime_type", "is_public")
    search_fields = ("original_name", "title", "sha256")
    list_select_related = ("municipality", "content_type")
