"""Admin: read-only views of the registries (changes go through the services)."""

from django.contrib import admin

from zemstvo.community.models import Gathering, Starosta, Tos
from zemstvo.core.shell.admin_support import ReadOnlyAdmin


@admin.register(Tos)
class TosAdmin(ReadOnlyAdmin):
    list_display = ("name", "municipality", "status")


@admin.register(Starosta)
class StarostaAdmin(ReadOnlyAdmin):
    list_display = ("full_name", "settlement", "term_ends_on")


@admin.register(Gathering)
class GatheringAdmin(ReadOnlyAdmin):
    list_display = ("title", "settlement", "status")
