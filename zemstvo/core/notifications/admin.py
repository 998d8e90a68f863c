from django.contrib import admin

from zemstvo.core.notifications.models import DigestLog, Notification, Preference, Subscription
from zemstvo.core.shell.admin_support import AuditedAdmin


@admin.register(Notification)
class NotificationAdmin(AuditedAdmin):
    list_display = ("id", "user", "kind", "title", "created_at", "read_at")
    list_filter = ("kind",)
    search_fields = ("title", "user__username")
    raw_id_fields = ("user", "municipality")
    list_select_related = ("user",)


@admin.register(Preference)
class PreferenceAdmin(AuditedAdmin):
    list_display = ("user", "kind", "channel", "enabled")
    list_filter = ("channel", "enabled")
    search_fields = ("user__username", "kind")
    raw_id_fields = ("user",)


@admin.register(Subscription)
class SubscriptionAdmin(AuditedAdmin):
    list_display = ("user", "content_type", "object_id", "created_at")
    search_fields = ("user__username",)
    raw_id_fields = ("user",)


@admin.register(DigestLog)
class DigestLogAdmin(AuditedAdmin):
    list_display = ("user", "last_sent_at")
    raw_id_fields = ("user",)
