"""Working-day arithmetic, checked against a brute-force count over the XML files
read directly (an independent reading of the same data)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings

from tests.factories import MunicipalityFactory, RegionFactory
from zemstvo.core.errors import DomainError
from zemstvo.core.workdays.services import (
    CalendarMissing,
    add_working_days,
    deadline_in_zone,
    is_working_day,
    working_days_between,
)

CALENDAR_DIR = settings.ZEMSTVO_DATA_DIR / "calendar"
MOSCOW = ZoneInfo("Europe/Moscow")


def _federal_days() -> dict[date, str]:
    """date -> "1" (day off), "2" (shortened), "3" (working weekend), from ru-*.xml."""
    days: dict[date, str] = {}
    for path in sorted(CALENDAR_DIR.glob("ru-*.xml")):
        root = ET.parse(path).getroot()
        year = int(root.get("year"))
        for day in root.iter("day"):
            month, dom = (int(part) for part in day.get("d").split("."))
            days[date(year, month, dom)] = day.get("t")
    return days


FEDERAL = _federal_days()


def _working(day: date) -> bool:
    kind = FEDERAL.get(day)
    if kind == "1":
        return False
    if kind in {"2", "3"}:
        return True
    return day.weekday() < 5


def _brute_add(start: date, n: int) -> date:
    current, found = start, 0
    while found < n:
        current += timedelta(days=1)
        found += _working(current)
    return current


pytestmark = pytest.mark.usefixtures("calendars")


def test_every_start_of_2025_agrees_with_the_brute_force_count():
    start = date(2025, 1, 1)
    while start.year == 2025:
        for n in (1, 3, 5, 10, 30):
            assert add_working_days(start, n) == _brute_add(start, n), (start, n)
        start += timedelta(days=1)


def test_may_2025_days_off_moved_from_january_and_february():
    # 02.05 moved from 04.01, 08.05 from 23.02 (ПП РФ от 04.10.2024 № 1335)
    assert not is_working_day(date(2025, 5, 2))
    assert not is_working_day(date(2025, 5, 8))
    assert add_working_days(date(2025, 4, 30), 1) == date(2025, 5, 5)
    assert add_working_days(date(2025, 5, 7), 1) == date(2025, 5, 12)
    assert working_days_between(date(2025, 4, 30), date(2025, 5, 12)) == 4


def test_saturday_1_november_2025_is_a_shortened_working_day():
    saturday = date(2025, 11, 1)
    assert saturday.weekday() == 5
    assert is_working_day(saturday)
    assert add_working_days(date(2025, 10, 31), 1) == saturday
    # 03.11 is the day off moved from that Saturday, 04.11 the holiday
    assert add_working_days(saturday, 1) == date(2025, 11, 5)


def test_a_shortened_day_before_a_holiday_is_a_working_day():
    assert is_working_day(date(2025, 3, 7))
    assert add_working_days(date(2025, 3, 6), 1) == date(2025, 3, 7)
    assert add_working_days(date(2025, 3, 7), 1) == date(2025, 3, 10)


def test_counting_across_the_new_year_holidays():
    start = date(2025, 12, 29)
    expected = _brute_add(start, 3)

    assert add_working_days(start, 3) == expected
    assert expected.year == 2026 and expected > date(2026, 1, 8)
    assert working_days_between(start, expected) == 3


def test_zero_and_negative_terms():
    assert add_working_days(date(2025, 5, 3), 0) == date(2025, 5, 3)
    assert add_working_days(date(2025, 5, 12), -1) == date(2025, 5, 7)
    assert working_days_between(date(2025, 5, 12), date(2025, 5, 7)) == -1


def test_a_moment_in_time_is_not_a_date():
    with pytest.raises(TypeError, match="deadline_in_zone"):
        add_working_days(datetime(2025, 3, 3, 12, tzinfo=MOSCOW), 1)


def test_a_date_outside_the_loaded_years_is_refused_with_the_year_named():
    with pytest.raises(CalendarMissing) as caught:
        add_working_days(date(2027, 12, 24), 10)

    assert isinstance(caught.value, DomainError)
    assert "«ru» на 2028 год не загружен" in caught.value.message
    with pytest.raises(CalendarMissing, match="2019"):
        is_working_day(date(2019, 12, 31))
    with pytest.raises(CalendarMissing, match="2019"):
        working_days_between(date(2019, 12, 30), date(2020, 1, 10))


def test_a_region_calendar_adds_its_holidays_to_the_federal_one():
    friday = date(2024, 8, 30)  # День Республики Татарстан
    assert is_working_day(friday)
    assert not is_working_day(friday, calendar="ru-tatar")
    assert is_working_day(date(2024, 8, 29), calendar="ru-tatar")  # shortened
    # federal transfers the regional file does not list still hold
    assert not is_working_day(date(2024, 4, 29), calendar="ru-tatar")
    assert is_working_day(date(2024, 4, 27), calendar="ru-tatar")  # working Saturday
    # a regional day off wins over a federal shortened day
    assert not is_working_day(date(2024, 3, 7), calendar="ru-tatar")
    assert add_working_days(date(2024, 8, 28), 1, calendar="ru-tatar") == date(2024, 8, 29)
    assert add_working_days(date(2024, 8, 29), 1, calendar="ru-tatar") == date(2024, 9, 2)


def test_a_region_calendar_needs_its_own_year_too():
    assert is_working_day(date(2025, 3, 3))
    with pytest.raises(CalendarMissing, match="«tatar» на 2025 год"):
        is_working_day(date(2025, 3, 3), calendar="ru-tatar")


@pytest.fixture
def moscow_and_vladivostok(db):
    region = RegionFactory(time_zone="Asia/Vladivostok")
    return (
        MunicipalityFactory(time_zone="Europe/Moscow"),
        MunicipalityFactory(region=region, time_zone="Asia/Vladivostok"),
    )


def test_deadline_is_counted_from_the_local_date_of_the_municipality(moscow_and_vladivostok):
    moscow, vladivostok = moscow_and_vladivostok
    # Friday 31.10.2025 23:30 in Moscow is Saturday 01.11 06:30 in Vladivostok, and
    # that Saturday is a working day.
    start = datetime(2025, 10, 31, 23, 30, tzinfo=MOSCOW)
    assert start.astimezone(vladivostok.tz).date() == date(2025, 11, 1)

    assert deadline_in_zone(moscow, start, 1) == date(2025, 11, 1)
    assert deadline_in_zone(vladivostok, start, 1) == date(2025, 11, 5)
    for n in (1, 2, 5, 20):
        for municipality in (moscow, vladivostok):
            local = start.astimezone(municipality.tz).date()
            assert deadline_in_zone(municipality, start, n) == _brute_add(local, n)


def test_deadline_on_a_thursday_night_differs_by_a_weekend(moscow_and_vladivostok):
    moscow, vladivostok = moscow_and_vladivostok
    start = datetime(2025, 3, 13, 23, 30, tzinfo=MOSCOW)  # Thursday; Friday in Vladivostok

    assert deadline_in_zone(moscow, start, 1) == date(2025, 3, 14)
    assert deadline_in_zone(vladivostok, start, 1) == date(2025, 3, 17)


def test_deadline_follows_the_regions_calendar(db):
    tatarstan = RegionFactory(work_calendar="ru-tatar")
    kazan = MunicipalityFactory(region=tatarstan)
    start = datetime(2024, 8, 28, 12, 0, tzinfo=MOSCOW)

    assert deadline_in_zone(kazan, start, 2) == date(2024, 9, 2)
    assert deadline_in_zone(kazan, start, 2, calendar="ru") == date(2024, 8, 30)


def test_deadline_takes_a_naive_start_as_utc(moscow_and_vladivostok):
    _moscow, vladivostok = moscow_and_vladivostok
    naive = datetime(2025, 10, 31, 20, 30)  # 06:30 next day in Vladivostok

    assert deadline_in_zone(vladivostok, naive, 1) == date(2025, 11, 5)


def test_after_the_first_computation_no_queries_are_made(
    moscow_and_vladivostok, django_assert_num_queries
):
    moscow, _vladivostok = moscow_and_vladivostok
    start = datetime(2025, 10, 31, 23, 30, tzinfo=MOSCOW)
    deadline_in_zone(moscow, start, 5)

    with django_assert_num_queries(0):
        deadline_in_zone(moscow, start, 30)
        add_working_days(date(2024, 12, 25), 15)
        is_working_day(date(2024, 8, 30), calendar="ru-tatar")
        working_days_between(date(2020, 1, 1), date(2027, 12, 31))
