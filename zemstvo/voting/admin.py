"""The operator's view of votes in the Django admin: read-only polls and protocols.
Ballots and the register are not in the admin at all: every change goes through the
services, and the admin must not become a place to look at both side by side."""

from django.contrib import admin

from zemstvo.core.shell.admin_support import ReadOnlyAdmin
from zemstvo.voting.models import PaperResult, Poll


@admin.register(Poll)
class PollAdmin(ReadOnlyAdmin):
    list_display = ("title", "municipality", "kind", "ballot_type", "status", "opens_at",
                    "closes_at")
    list_filter = ("status", "kind", "ballot_type")
    search_fields = ("title",)
    list_select_related = ("municipality",)


@admin.register(PaperResult)
class PaperResultAdmin(ReadOnlyAdmin):
    list_display = ("poll", "point_name", "ballots_count", "entered_at")
    list_select_related = ("poll",)
