"""Reads of the production calendar for the office page."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from zemstvo.core.workdays.models import CalendarYear, DayKind


@dataclass
class CalendarSummary:
    code: str
    years: list[CalendarYear]


def loaded_calendars() -> list[CalendarSummary]:
    """Each calendar with its years and their day counts (one query)."""
    years = CalendarYear.objects.annotate(
        holidays=Count("days", filter=Q(days__kind=DayKind.HOLIDAY)),
        shortened=Count("days", filter=Q(days__kind=DayKind.SHORTENED)),
        working_weekends=Count("days", filter=Q(days__kind=DayKind.WORKING_WEEKEND)),
    ).order_by("calendar", "year")
    summaries: dict[str, CalendarSummary] = {}
    for year in years:
        summaries.setdefault(year.calendar, CalendarSummary(year.calendar, [])).years.append(year)
    # The federal calendar first, the regional ones after it.
    return sorted(summaries.values(), key=lambda s: (s.code != "ru", s.code))
