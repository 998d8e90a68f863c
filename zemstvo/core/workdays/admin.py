"""The production calendar in the Django admin: the operator corrects a year by hand
when a decree changes it before a new file is published."""

from django.contrib import admin
from django.db import transaction

from zemstvo.core.shell.admin_support import AuditedAdmin
from zemstvo.core.workdays import store
from zemstvo.core.workdays.models import CalendarDay, CalendarYear


class CalendarDayInline(admin.TabularInline):
    model = CalendarDay
    extra = 0
    fields = ("date", "kind", "title", "moved_from")


@admin.register(CalendarYear)
class CalendarYearAdmin(AuditedAdmin):
    list_display = ("calendar", "year", "source", "source_date", "loaded_at")
    list_filter = ("calendar",)
    ordering = ("calendar", "year")
    readonly_fields = ("checksum",)
    inlines = [CalendarDayInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Edited by hand: forget the file's checksum so that loading the same file
        # again restores it, and drop the days every process keeps in memory.
        CalendarYear.objects.filter(pk=form.instance.pk).update(checksum="")
        store.invalidate()
        transaction.on_commit(store.invalidate)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        store.invalidate()
        transaction.on_commit(store.invalidate)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        store.invalidate()
        transaction.on_commit(store.invalidate)
