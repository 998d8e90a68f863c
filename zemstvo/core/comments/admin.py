"""Comments in the Django admin, to look up. Hiding, restoring and blocking go through
the office pages (the services audit and notify); the admin does not change them."""

from __future__ import annotations

from django.contrib import admin

from zemstvo.core.comments.models import Comment, CommentBlock, CommentReport
from zemstvo.core.shell.admin_support import ReadOnlyAdmin


@admin.register(Comment)
class CommentAdmin(ReadOnlyAdmin):
    list_display = ("id", "author", "municipality", "content_type", "object_id", "status",
                    "created_at")
    list_filter = ("status",)
    search_fields = ("text", "author__username")
    list_select_related = ("author", "municipality", "content_type")


@admin.register(CommentReport)
class CommentReportAdmin(ReadOnlyAdmin):
    list_display = ("id", "comment", "reporter", "reason", "resolved", "created_at")
    list_filter = ("resolved",)
    list_select_related = ("reporter",)


@admin.register(CommentBlock)
class CommentBlockAdmin(ReadOnlyAdmin):
    list_display = ("id", "user", "municipality", "until", "reason", "lifted_at")
    list_select_related = ("user", "municipality")
