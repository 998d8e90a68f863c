"""The search index in the Django admin: read-only (the FTS5 table follows the
services, not the admin); ``zemstvo rebuild-search-index`` rebuilds it."""

from django.contrib import admin

from zemstvo.core.search.models import SearchEntry
from zemstvo.core.shell.admin_support import AuditedAdmin


@admin.register(SearchEntry)
class SearchEntryAdmin(AuditedAdmin):
    list_display = ("title", "kind", "municipality", "published_at", "indexed_at")
    list_filter = ("kind",)
    search_fields = ("title",)
    list_select_related = ("municipality",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
