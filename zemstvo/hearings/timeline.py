"""Stage dates of a procedure: planned from the template, checked against the stage
limits and the legal limits on the whole term, counted in the municipality's time zone
by its production calendar.

A stage of N days that starts on day D ends on D + N (calendar days) or on the N-th
working day after D (ГК РФ ст. 191: a term starts the day after its first date); the
next stage starts on the day the previous one ends. The proposals window is the whole
exposition, from 00:00 of its first day to 24:00 of its last day, local time.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from zemstvo.core.workdays.services import add_working_days, working_days_between
from zemstvo.hearings.kinds import limit_for, notice_rule
from zemstvo.hearings.models import DayKind, ProcedureForm, StageKind


@dataclass
class PlannedStage:
    kind: str
    starts_on: date
    ends_on: date
    min_days: int
    max_days: int
    day_kind: str

    @property
    def label(self) -> str:
        return StageKind(self.kind).label


def calendar_code(municipality: Any) -> str:
    return getattr(municipality.region, "work_calendar", "") or "ru"


def add_days(start: date, days: int, day_kind: str, code: str) -> date:
    if day_kind == DayKind.WORKING:
        return add_working_days(start, days, calendar=code)
    return start + timedelta(days=days)


def duration(start: date, end: date, day_kind: str, code: str) -> int:
    if day_kind == DayKind.WORKING:
        return working_days_between(start, end, calendar=code)
    return (end - start).days


def add_months(start: date, months: int) -> date:
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def stages_for_form(template_stages: list[Any], form: str) -> list[Any]:
    """The meeting of participants belongs to public hearings only (ГрК ст. 5.1 ч. 5)."""
    return [s for s in template_stages
            if form == ProcedureForm.HEARING or s.kind != StageKind.MEETING]


def plan(*, municipality: Any, template_stages: list[Any], form: str, notice_date: date,
         rules: dict[str, dict], kind: str) -> list[PlannedStage]:
    """Stage dates with each stage's default duration; the notice lasts at least as
    long as the rule in force requires."""
    code = calendar_code(municipality)
    lead = int(rules[notice_rule(kind)]["value"])
    planned: list[PlannedStage] = []
    start = notice_date
    for stage in stages_for_form(template_stages, form):
        low, default = stage.min_days, stage.default_days
        if stage.kind == StageKind.NOTICE:
            low, default = max(low, lead), max(default, lead)
        end = add_days(start, default, stage.day_kind, code)
        planned.append(PlannedStage(stage.kind, start, end, low, max(stage.max_days, low),
                                    stage.day_kind))
        start = end
    return planned


def check(*, municipality: Any, stages: list[PlannedStage], rules: dict[str, dict],
          kind: str) -> dict[str, list[str]]:
    """Errors by stage kind ("total" for the whole term); empty when all is lawful."""
    code = calendar_code(municipality)
    errors: dict[str, list[str]] = {}
    previous_end: date | None = None
    for stage in stages:
        messages = []
        if previous_end is not None and stage.starts_on != previous_end:
            messages.append("Этап должен начинаться в день окончания предыдущего.")
        if stage.ends_on < stage.starts_on:
            messages.append("Окончание этапа раньше его начала.")
        else:
            length = duration(stage.starts_on, stage.ends_on, stage.day_kind, code)
            unit = "раб. дн." if stage.day_kind == DayKind.WORKING else "дн."
            if length < stage.min_days:
                messages.append(f"«{stage.label}»: {length} {unit}, а нужно не меньше "
                                f"{stage.min_days} {unit}")
            if length > stage.max_days:
                messages.append(f"«{stage.label}»: {length} {unit}, а можно не больше "
                                f"{stage.max_days} {unit}")
        if messages:
            errors[stage.kind] = messages
        previous_end = stage.ends_on
    total = _check_total(stages, rules, kind)
    if total:
        errors["total"] = total
    return errors


def _check_total(stages: list[PlannedStage], rules: dict[str, dict], kind: str) -> list[str]:
    if not stages:
        return []
    limit = limit_for(kind)
    first, last = stages[0].starts_on, stages[-1].ends_on
    messages = []
    if limit.max_key:
        value = int(rules[limit.max_key]["value"])
        latest = (add_months(first, value) if limit.unit == "months"
                  else first + timedelta(days=value))
        if last > latest:
            unit = "мес." if limit.unit == "months" else "дн."
            messages.append(
                f"От оповещения до опубликования заключения — не больше {value} {unit} "
                f"(до {latest:%d.%m.%Y}; {rules[limit.max_key]['source']})."
            )
    if limit.min_key:
        value = int(rules[limit.min_key]["value"])
        if (last - first).days < value:
            messages.append(
                f"От оповещения до опубликования заключения — не меньше {value} дн. "
                f"({rules[limit.min_key]['source']})."
            )
    return messages


def window(municipality: Any, exposition: Any) -> tuple[datetime, datetime]:
    """The proposals window [opens, closes) as aware datetimes of the local day."""
    tz = municipality.tz
    opens = datetime.combine(exposition.starts_on, time.min, tzinfo=tz)
    closes = datetime.combine(exposition.ends_on + timedelta(days=1), time.min, tzinfo=tz)
    return opens, closes


def local_today(municipality: Any, now: datetime) -> date:
    return now.astimezone(municipality.tz).date()
