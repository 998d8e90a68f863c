"""Admin of the council: read-only views for the operator (changes go through the
office pages and the services, which check policies and write the audit log)."""

from django.contrib import admin

from zemstvo.core.shell.admin_support import ReadOnlyAdmin
from zemstvo.council.models import Deputy, RepresentativeBody, Session


@admin.register(RepresentativeBody)
class RepresentativeBodyAdmin(ReadOnlyAdmin):
    list_display = ("name", "municipality", "kind", "seats")


@admin.register(Deputy)
class DeputyAdmin(ReadOnlyAdmin):
    list_display = ("full_name", "body", "faction", "term_from", "term_to")
    list_select_related = ("body", "faction")


@admin.register(Session)
class SessionAdmin(ReadOnlyAdmin):
    list_display = ("title", "body", "starts_at", "status")
    list_select_related = ("body",)
