"""Shared pieces of the Django admin (the platform operator's tool)."""

from __future__ import annotations

from django.contrib import admin

from zemstvo.core.audit.services import audit_record


class AuditedAdmin(admin.ModelAdmin):
    """Every change the operator makes in the admin goes to the audit log as well as to
    Django's own admin history: the audit chain is the one record of state changes."""

    def log_addition(self, request, obj, message):
        audit_record(actor=request.user, action="admin.add", obj=obj,
                     after={"message": message})
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        audit_record(actor=request.user, action="admin.change", obj=obj,
                     after={"message": message})
        return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        for obj in queryset:
            audit_record(actor=request.user, action="admin.delete", obj=obj)
        return super().log_deletions(request, queryset)


class ReadOnlyAdmin(AuditedAdmin):
    """A record the operator may look at but never add, edit or delete here: changes
    go through the services, which check policies and write the audit log."""

    actions = None

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
