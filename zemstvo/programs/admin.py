"""Programs in the Django admin (read-mostly; staff work in the office)."""

from django.contrib import admin

from zemstvo.core.shell.admin_support import AuditedAdmin
from zemstvo.programs.models import Activity, Program, Strategy


@admin.register(Program)
class ProgramAdmin(AuditedAdmin):
    list_display = ("code", "title", "municipality", "year_from", "year_to")
    list_filter = ("municipality",)
    search_fields = ("code", "title")


@admin.register(Activity)
class ActivityAdmin(AuditedAdmin):
    list_display = ("title", "program", "status", "weight")
    search_fields = ("title",)


@admin.register(Strategy)
class StrategyAdmin(AuditedAdmin):
    list_display = ("title", "municipality", "year_from", "year_to")
