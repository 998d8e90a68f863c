"""Revisions of open-data sets in the Django admin: read-only, kept by the catalogue."""

from django.contrib import admin

from zemstvo.core.opendata.models import DataSetRevision
from zemstvo.core.shell.admin_support import AuditedAdmin


@admin.register(DataSetRevision)
class DataSetRevisionAdmin(AuditedAdmin):
    list_display = ("code", "municipality", "row_count", "modified_at", "checked_at")
    list_filter = ("code",)
    list_select_related = ("municipality",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
