"""The operator's read-only view of procedures (changes go through the services)."""

from django.contrib import admin

from zemstvo.core.shell.admin_support import ReadOnlyAdmin
from zemstvo.hearings.models import Procedure


@admin.register(Procedure)
class ProcedureAdmin(ReadOnlyAdmin):
    list_display = ("title", "municipality", "kind", "status", "notice_published_at")
    list_filter = ("kind", "status")
    search_fields = ("title",)
    list_select_related = ("municipality",)
