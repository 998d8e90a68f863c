"""The territory in the Django admin (the platform operator's tool)."""

from django.contrib import admin

from zemstvo.core.shell.admin_support import AuditedAdmin
from zemstvo.core.territory.models import Municipality, Region, Settlement


@admin.register(Region)
class RegionAdmin(AuditedAdmin):
    list_display = ("name", "kind", "code", "federal_district", "time_zone", "work_calendar")
    list_filter = ("federal_district", "work_calendar")
    search_fields = ("name", "code", "slug")
    ordering = ("name",)


@admin.register(Municipality)
class MunicipalityAdmin(AuditedAdmin):
    list_display = ("name", "type", "oktmo", "region", "parent", "population", "is_active")
    list_filter = ("type", "is_active", "region")
    search_fields = ("name", "oktmo", "slug")
    list_select_related = ("region", "parent")
    raw_id_fields = ("parent", "centre")
    ordering = ("region__name", "name")


@admin.register(Settlement)
class SettlementAdmin(AuditedAdmin):
    list_display = ("name", "kind", "oktmo", "municipality", "population", "is_support")
    list_filter = ("is_support", "municipality__region")
    search_fields = ("name", "oktmo")
    list_select_related = ("municipality",)
    raw_id_fields = ("municipality", "adjacent")
    ordering = ("name",)
