"""Reads of the production calendar for the office page."""

from __future__ import annotations

import calendar as calendar_module
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

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


@dataclass(frozen=True)
class WorkingMonth:
    """Where today stands in the production calendar, in a municipality's own zone:
    what the office dashboard shows every staff member."""

    today: date
    today_is_working: bool
    next_working_day: date
    working_days_in_month: int
    working_days_left: int  # after today, to the end of the month


def working_month(municipality: Any, *, now: datetime | None = None) -> WorkingMonth:
    """Raises CalendarMissing when the calendar lacks this month's year."""
    from zemstvo.core.workdays.services import (
        add_working_days,
        is_working_day,
        working_days_between,
    )

    code = municipality.region.work_calendar or "ru"
    today = timezone.localtime(now or timezone.now(), municipality.tz).date()
    first = today.replace(day=1)
    last = first.replace(day=calendar_module.monthrange(today.year, today.month)[1])
    before_first = date.fromordinal(first.toordinal() - 1)
    return WorkingMonth(
        today=today,
        today_is_working=is_working_day(today, calendar=code),
        next_working_day=add_working_days(today, 1, calendar=code),
        working_days_in_month=working_days_between(before_first, last, calendar=code),
        working_days_left=working_days_between(today, last, calendar=code),
    )
