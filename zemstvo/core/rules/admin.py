from django.contrib import admin

from zemstvo.core.rules.models import RuleOverride
from zemstvo.core.shell.admin_support import AuditedAdmin


@admin.register(RuleOverride)
class RuleOverrideAdmin(AuditedAdmin):
    list_display = ("key", "value", "effective_from", "municipality", "region", "source")
    list_filter = ("key",)
    list_select_related = ("municipality", "region")
