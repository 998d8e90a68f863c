"""The audit log in the Django admin: read-only (no add, change or delete), like the
table itself."""

from __future__ import annotations

from django.contrib import admin

from zemstvo.core.audit.models import AuditEvent
from zemstvo.core.shell.admin_support import ReadOnlyAdmin


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ("id", "created_at", "actor_label", "action", "object_type", "object_id",
                    "municipality")
    list_filter = ("action",)
    search_fields = ("actor_label", "action", "object_type", "object_id", "object_repr")
    list_select_related = ("municipality",)
    date_hierarchy = "created_at"
    show_full_result_count = False
