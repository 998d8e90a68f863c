"""The platform operator's view of news in the Django admin: read-only, because every
change goes through the services (policy, audit, search index)."""

from django.contrib import admin

from zemstvo.core.shell.admin_support import AuditedAdmin
from zemstvo.news.models import NewsItem


@admin.register(NewsItem)
class NewsItemAdmin(AuditedAdmin):
    list_display = ("title", "municipality", "status", "published_at", "updated_at")
    list_filter = ("status",)
    search_fields = ("title", "slug")
    list_select_related = ("municipality",)
    date_hierarchy = "published_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
