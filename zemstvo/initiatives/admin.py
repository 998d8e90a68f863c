"""The platform operator's view of initiative projects and rounds: read-only, since
every change goes through the services (policy, deadlines, audit)."""

from django.contrib import admin

from zemstvo.core.shell.admin_support import ReadOnlyAdmin
from zemstvo.initiatives.models import Project, SelectionRound


@admin.register(SelectionRound)
class SelectionRoundAdmin(ReadOnlyAdmin):
    list_display = ("title", "municipality", "year", "status")
    list_filter = ("status", "year")
    list_select_related = ("municipality",)


@admin.register(Project)
class ProjectAdmin(ReadOnlyAdmin):
    list_display = ("title", "municipality", "status", "submitted_at", "decision_due")
    list_filter = ("status",)
    search_fields = ("title",)
    list_select_related = ("municipality",)
