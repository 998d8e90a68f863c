"""The audit log in the Django admin: read-only (no add, change or delete), like the
table itself."""

from __future__ import annotations

from django.contrib import admin

from zemstvo.core.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("id", "created_at", "actor_label", "action", "object_type", "object_id",
                    "municipality")
    list_filter = ("action",)
    search_fields = ("actor_label", "action", "object_type", "object_id", "object_repr")
    list_select_related = ("municipality",)
    date_hierarchy = "created_at"
    show_full_result_count = False
    readonly_fields = [f.name for f in AuditEvent._meta.fields]
    actions = None

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
