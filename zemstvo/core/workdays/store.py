"""The loaded calendars, read once per process and kept in memory.

Deadline arithmetic walks day by day, so it asks about many dates: they are answered
from memory, with no query after the first read. The memory is dropped when this
process loads or edits a calendar (``invalidate``); other processes pick up a change
within ``MAX_AGE`` seconds.

A calendar code names one calendar («ru») or several joined by «-» («ru-tatar»): the
first is the base, each next one adds its days to it. Where both give a date, the
base's rule stands unless the addition makes the date a day off (a regional holiday
is a day off whatever the federal calendar says of that date); dates the base does
not list take the addition's rule. A date can be computed only in a year that every
calendar of the code holds.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date

from zemstvo.core.errors import DomainError
from zemstvo.core.workdays.models import CalendarDay, CalendarYear, DayKind

MAX_AGE = 300.0  # seconds


class CalendarMissing(DomainError):
    """A date falls in a year the production calendar does not hold."""

    def __init__(self, calendar: str, year: int):
        super().__init__(
            f"Производственный календарь «{calendar}» на {year} год не загружен: срок в"
            " рабочих днях посчитать нельзя. Администратор платформы загружает календарь"
            " командой «zemstvo load-calendar».",
            field_errors={"calendar": [f"Нет календаря «{calendar}» на {year} год."]},
        )
        self.calendar = calendar
        self.year = year


@dataclass(frozen=True)
class Calendar:
    code: str
    # each year -> the name of the first calendar of the code that lacks it ("" if none)
    missing_in: dict[int, str]
    bases: tuple[str, ...]
    days: dict[date, str]

    def require(self, year: int) -> None:
        missing = self.missing_in.get(year, self.bases[0])
        if missing:
            raise CalendarMissing(missing, year)

    def kind(self, day: date) -> str | None:
        self.require(day.year)
        return self.days.get(day)

    def is_working(self, day: date) -> bool:
        kind = self.kind(day)
        if kind == DayKind.HOLIDAY:
            return False
        if kind in (DayKind.SHORTENED, DayKind.WORKING_WEEKEND):
            return True
        return day.weekday() < 5


@dataclass(frozen=True)
class _Snapshot:
    read_at: float
    years: dict[str, frozenset[int]]
    days: dict[str, dict[date, str]]
    # calendars built from this snapshot, by code
    combined: dict[str, Calendar] = field(default_factory=dict)


# Replaced whole, never changed in place, so threads need no lock.
_snapshot: _Snapshot | None = None


def invalidate() -> None:
    """Forget what was read (after a calendar is loaded or edited)."""
    global _snapshot
    _snapshot = None


def _read() -> _Snapshot:
    years: dict[str, set[int]] = {}
    for code, year in CalendarYear.objects.values_list("calendar", "year"):
        years.setdefault(code, set()).add(year)
    days: dict[str, dict[date, str]] = {}
    rows = CalendarDay.objects.values_list("calendar_year__calendar", "date", "kind")
    for code, day, kind in rows:
        days.setdefault(code, {})[day] = kind
    return _Snapshot(
        read_at=time.monotonic(),
        years={code: frozenset(found) for code, found in years.items()},
        days=days,
    )


def _current() -> _Snapshot:
    global _snapshot
    snapshot = _snapshot
    if snapshot is None or time.monotonic() - snapshot.read_at > MAX_AGE:
        snapshot = _snapshot = _read()
    return snapshot


def calendar(code: str) -> Calendar:
    """The calendar of a code (one calendar or several joined by «-»)."""
    snapshot = _current()
    found = snapshot.combined.get(code)
    if found is not None:
        return found
    bases = tuple(part for part in code.split("-") if part) or ("ru",)
    all_years = set().union(*(snapshot.years.get(b, frozenset()) for b in bases))
    missing_in = {
        year: next((b for b in bases if year not in snapshot.years.get(b, frozenset())), "")
        for year in all_years
    }
    days: dict[date, str] = dict(snapshot.days.get(bases[0], {}))
    for addition in bases[1:]:
        for day, kind in snapshot.days.get(addition, {}).items():
            if day not in days or kind == DayKind.HOLIDAY:
                days[day] = kind
    found = Calendar(code=code, missing_in=missing_in, bases=bases, days=days)
    snapshot.combined[code] = found
    return found
