"""Working-day arithmetic by the production calendar, and loading the calendar.

Counting rule: a term of N working days starts on the day after the start date
(ГК РФ ст. 191: «течение срока … начинается на следующий день после календарной
даты … которой определено его начало») and ends on the N-th working day after it;
shortened days (the day before a holiday) are working days. Deadlines are computed
in the municipality's own time zone (``deadline_in_zone``).

A date outside the years the calendar holds raises CalendarMissing: a deadline is
never guessed (LAW.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from zemstvo.core.audit.services import audit_record
from zemstvo.core.errors import DomainError
from zemstvo.core.permissions import require
from zemstvo.core.workdays import store
from zemstvo.core.workdays.models import CalendarDay, CalendarYear
from zemstvo.core.workdays.store import CalendarMissing
from zemstvo.core.workdays.xmlcalendar import CalendarFile, CalendarFileError, parse_calendar

__all__ = [
    "CalendarMissing",
    "add_working_days",
    "calendar_load",
    "deadline_in_zone",
    "is_working_day",
    "working_days_between",
]

CALENDAR_DIR = Path(settings.ZEMSTVO_DATA_DIR) / "calendar"


def _plain_date(value: date) -> date:
    # A moment in time has a date only in a time zone: deadline_in_zone takes those.
    if isinstance(value, datetime):
        raise TypeError("Ожидается дата (date); для момента времени — deadline_in_zone.")
    return value


def is_working_day(day: date, *, calendar: str = "ru") -> bool:
    """Whether ``day`` is a working day (a shortened day is one)."""
    return store.calendar(calendar).is_working(_plain_date(day))


def add_working_days(start: date, days: int, *, calendar: str = "ru") -> date:
    """The date ``days`` working days after ``start`` (``start`` itself not counted);
    a negative ``days`` counts back. ``days=0`` gives ``start``."""
    cal = store.calendar(calendar)
    step = 1 if days >= 0 else -1
    remaining = abs(days)
    current = _plain_date(start)
    while remaining:
        current = date.fromordinal(current.toordinal() + step)
        if cal.is_working(current):
            remaining -= 1
    return current


def working_days_between(start: date, end: date, *, calendar: str = "ru") -> int:
    """Working days after ``start`` up to and including ``end``: the inverse of
    ``add_working_days`` (negative when ``end`` is before ``start``)."""
    if _plain_date(end) < _plain_date(start):
        return -working_days_between(end, start, calendar=calendar)
    cal = store.calendar(calendar)
    return sum(
        1 for ordinal in range(start.toordinal() + 1, end.toordinal() + 1)
        if cal.is_working(date.fromordinal(ordinal))
    )


def deadline_in_zone(
    municipality: Any, start: datetime, working_days: int, *, calendar: str | None = None
) -> date:
    """The last day of a term of ``working_days`` working days that starts at the
    moment ``start``, counted in the municipality's own time zone and by its region's
    production calendar (``calendar`` overrides it). A naive ``start`` is taken as UTC,
    the way times are stored."""
    if timezone.is_naive(start):
        start = start.replace(tzinfo=UTC)
    local_day = start.astimezone(municipality.tz).date()
    code = calendar or municipality.region.work_calendar or "ru"
    return add_working_days(local_day, working_days, calendar=code)


@dataclass
class CalendarLoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def summary_lines(self) -> list[str]:
        def names(items: list[str]) -> str:
            return ", ".join(items) if items else "—"

        return [
            f"Загружено впервые: {names(self.created)}",
            f"Обновлено: {names(self.updated)}",
            f"Без изменений: {names(self.unchanged)}",
        ]


def shipped_calendar_files() -> list[Path]:
    return sorted(CALENDAR_DIR.glob("*.xml"))


def calendar_load(*, actor: Any = None, files: list[Path] | None = None) -> CalendarLoadReport:
    """Load calendar files (the shipped ones by default): each replaces its year of its
    calendar; a file identical to the one loaded before changes nothing. All files
    are checked first, and nothing is written when any is wrong. ``actor`` is None on
    the command line (the operator at the server)."""
    if actor is not None:
        require(actor, "workdays.manage")
    parsed = _parse_all(files if files is not None else shipped_calendar_files())
    report = CalendarLoadReport()
    with transaction.atomic():
        existing = {
            (y.calendar, y.year): y
            for y in CalendarYear.objects.filter(calendar__in={f.calendar for f in parsed})
        }
        for calendar_file in parsed:
            _load_year(actor, calendar_file, existing.get(
                (calendar_file.calendar, calendar_file.year)), report)
        if report.created or report.updated:
            # Now, so that reads later in this transaction see the new days, and after
            # the commit, so that reads between the two do not keep a stale copy.
            store.invalidate()
            transaction.on_commit(store.invalidate)
    return report


def _parse_all(paths: list[Path]) -> list[CalendarFile]:
    if not paths:
        raise DomainError("Нет файлов производственного календаря для загрузки.")
    errors: list[str] = []
    parsed: list[CalendarFile] = []
    seen: dict[tuple[str, int], str] = {}
    for path in paths:
        try:
            calendar_file = parse_calendar(Path(path).read_bytes(), Path(path).name)
        except FileNotFoundError:
            errors.append(f"{Path(path).name}: файл не найден.")
            continue
        except OSError as exc:
            errors.append(f"{Path(path).name}: не удалось прочитать ({exc.strerror}).")
            continue
        except CalendarFileError as exc:
            errors.append(str(exc))
            continue
        key = (calendar_file.calendar, calendar_file.year)
        if key in seen:
            errors.append(
                f"{calendar_file.name}: календарь «{key[0]}» на {key[1]} год уже есть"
                f" в файле {seen[key]}."
            )
            continue
        seen[key] = calendar_file.name
        parsed.append(calendar_file)
    if errors:
        raise DomainError(
            "Производственный календарь не загружен: " + " ".join(errors),
            field_errors={"files": errors},
        )
    return parsed


def _load_year(
    actor: Any, calendar_file: CalendarFile, year: CalendarYear | None,
    report: CalendarLoadReport,
) -> None:
    label = f"{calendar_file.calendar} {calendar_file.year}"
    if year is not None and year.checksum == calendar_file.checksum:
        report.unchanged.append(label)
        return
    before = None
    if year is None:
        year = CalendarYear(calendar=calendar_file.calendar, year=calendar_file.year)
        report.created.append(label)
    else:
        before = {"source": year.source, "days": year.days.count()}
        year.days.all().delete()
        report.updated.append(label)
    year.source = calendar_file.name
    year.source_date = calendar_file.source_date
    year.checksum = calendar_file.checksum
    year.loaded_at = timezone.now()
    year.save()
    CalendarDay.objects.bulk_create(
        CalendarDay(calendar_year=year, date=d.date, kind=d.kind, title=d.title,
                    moved_from=d.moved_from)
        for d in calendar_file.days
    )
    audit_record(
        actor=actor, action="workdays.load_calendar", obj=year, before=before,
        after={"source": year.source, "days": len(calendar_file.days)},
    )
