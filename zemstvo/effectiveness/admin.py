"""The operator's read-only view of the effectiveness records: every change goes
through the services (policy, checks, history, audit)."""

from django.contrib import admin

from zemstvo.core.shell.admin_support import ReadOnlyAdmin as _ReadOnly
from zemstvo.effectiveness.models import Campaign, Indicator, Rating, Report, SurveyLink


@admin.register(Indicator)
class IndicatorAdmin(_ReadOnly):
    list_display = ("code", "name", "sphere", "direction", "region", "needs_confirmation")
    list_filter = ("sphere", "needs_confirmation", "level")
    search_fields = ("code", "name")


@admin.register(Campaign)
class CampaignAdmin(_ReadOnly):
    list_display = ("region", "year", "deadline", "status")


@admin.register(Report)
class ReportAdmin(_ReadOnly):
    list_display = ("municipality", "campaign", "status", "submitted_at")
    list_select_related = ("municipality", "campaign__region")


@admin.register(Rating)
class RatingAdmin(_ReadOnly):
    list_display = ("method_name", "region", "year", "group", "created_at")
    exclude = ("inputs",)


@admin.register(SurveyLink)
class SurveyLinkAdmin(_ReadOnly):
    list_display = ("municipality", "year", "poll_title", "poll_id", "updated_at")
    list_select_related = ("municipality",)
