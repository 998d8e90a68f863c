"""Loading the production calendar: the shipped files, idempotence, replacement of a
year, refusal of a wrong file."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from zemstvo.core.audit.models import AuditEvent
from zemstvo.core.errors import DomainError, NotAllowed
from zemstvo.core.workdays.models import CalendarDay, CalendarYear, DayKind
from zemstvo.core.workdays.services import (
    CalendarMissing,
    add_working_days,
    calendar_load,
    is_working_day,
)

pytestmark = pytest.mark.django_db

CALENDAR_DIR = settings.ZEMSTVO_DATA_DIR / "calendar"
RU_2025 = (CALENDAR_DIR / "ru-2025.xml").read_text(encoding="utf-8")


def test_the_shipped_files_and_their_source_note_are_there():
    names = {p.name for p in CALENDAR_DIR.iterdir()}
    assert {f"ru-{y}.xml" for y in range(2020, 2028)} <= names
    assert {"tatar-2022.xml", "tatar-2023.xml", "tatar-2024.xml", "SOURCE.md"} <= names


def test_loading_the_shipped_files_stores_every_day_of_every_year(calendars):
    assert sorted(calendars.created) == sorted(
        [f"ru {y}" for y in range(2020, 2028)] + [f"tatar {y}" for y in (2022, 2023, 2024)]
    )
    for path in CALENDAR_DIR.glob("ru-*.xml"):
        root = ET.parse(path).getroot()
        year = CalendarYear.objects.get(calendar="ru", year=int(root.get("year")))
        assert year.days.count() == len(list(root.iter("day")))
        assert year.source == path.name
    # the Tatarstan files of 2022 and 2023 carry a doubled quote and still load
    for year in (2022, 2023):
        text = (CALENDAR_DIR / f"tatar-{year}.xml").read_text(encoding="utf-8")
        assert '""' in text
        assert CalendarYear.objects.get(calendar="tatar", year=year).days.count() == len(
            re.findall(r"<day ", text)
        )


def test_days_keep_their_kind_holiday_title_and_transfer(calendars):
    year = CalendarYear.objects.get(calendar="ru", year=2025)
    assert year.source_date == date(2024, 12, 1)
    new_year = year.days.get(date=date(2025, 1, 7))
    assert (new_year.kind, new_year.title) == (DayKind.HOLIDAY, "Рождество Христово")
    moved = year.days.get(date=date(2025, 5, 2))
    assert (moved.kind, moved.moved_from) == (DayKind.HOLIDAY, date(2025, 1, 4))
    assert year.days.get(date=date(2025, 11, 1)).kind == DayKind.SHORTENED
    working = CalendarYear.objects.get(calendar="ru", year=2024).days.get(date=date(2024, 4, 27))
    assert working.kind == DayKind.WORKING_WEEKEND


def test_second_load_changes_nothing(calendars):
    events = AuditEvent.objects.count()

    report = calendar_load()

    assert report.created == report.updated == []
    assert len(report.unchanged) == 11
    assert AuditEvent.objects.count() == events


def test_a_new_file_for_a_year_replaces_its_days(calendars, tmp_path):
    assert is_working_day(date(2025, 6, 16))
    changed = tmp_path / "ru-2025.xml"
    changed.write_text(
        RU_2025.replace('<day d="12.31" t="1" f="01.05"/>',
                        '<day d="12.31" t="1" f="01.05"/>\n        <day d="06.16" t="1"/>'),
        encoding="utf-8",
    )

    report = calendar_load(files=[changed])

    assert report.updated == ["ru 2025"]
    year = CalendarYear.objects.get(calendar="ru", year=2025)
    assert year.days.count() == 24
    assert not is_working_day(date(2025, 6, 16))  # the memory was refreshed
    event = AuditEvent.objects.filter(action="workdays.load_calendar").last()
    assert event.before["days"] == 23 and event.after["days"] == 24


@pytest.mark.parametrize(("content", "message"), [
    ("<calendar year='2025'><days><day d='02.30' t='1'/></days></calendar>",
     "нет такой даты 02.30.2025"),
    ("<calendar year='2025'><days><day d='03.03' t='7'/></days></calendar>",
     "ожидается 1, 2 или 3"),
    ("<calendar year='2025'><days><day d='3.3' t='1'/></days></calendar>",
     "не в формате ММ.ДД"),
    ("<calendar year='25'></calendar>", "год «25»"),
    ("<calendar year='2025'><days><day d='03.03' t='1'/><day d='03.03' t='2'/></days>"
     "</calendar>", "указан дважды"),
    ("<calendar year='2025'><days>", "это не XML"),
    ("<year value='2025'/>", "корневой элемент"),
])
def test_a_wrong_file_is_refused_and_nothing_is_written(tmp_path, content, message):
    good = tmp_path / "ru-2024.xml"
    good.write_text((CALENDAR_DIR / "ru-2024.xml").read_text(encoding="utf-8"), encoding="utf-8")
    bad = tmp_path / "ru-2025.xml"
    bad.write_text(content, encoding="utf-8")

    with pytest.raises(DomainError) as caught:
        calendar_load(files=[good, bad])

    assert message in caught.value.message
    assert caught.value.field_errors["files"][0].startswith("ru-2025.xml: ")
    assert not CalendarYear.objects.exists()
    assert not CalendarDay.objects.exists()


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(DomainError) as caught:
        calendar_load(files=[tmp_path / "ru-2031.xml"])

    assert caught.value.field_errors["files"] == ["ru-2031.xml: файл не найден."]


def test_two_files_for_the_same_year_are_refused(tmp_path):
    first = tmp_path / "a-2025.xml"
    second = tmp_path / "b-2025.xml"
    for path in (first, second):
        path.write_text(RU_2025.replace('<calendar year="2025"', '<calendar country="ru" '
                                        'year="2025"'), encoding="utf-8")

    with pytest.raises(DomainError, match="уже есть в файле a-2025.xml"):
        calendar_load(files=[first, second])


def test_nothing_loaded_means_every_date_is_refused(db):
    with pytest.raises(CalendarMissing, match="«ru» на 2025 год"):
        add_working_days(date(2025, 3, 3), 1)


def test_only_the_operator_loads_through_the_service(clerk, operator):
    with pytest.raises(NotAllowed):
        calendar_load(actor=clerk)
    assert not CalendarYear.objects.exists()

    calendar_load(actor=operator)
    assert AuditEvent.objects.filter(action="workdays.load_calendar",
                                     actor=operator).count() == 11


def test_command_loads_the_shipped_files_then_nothing(capsys):
    call_command("load_calendar")
    first = capsys.readouterr().out
    call_command("load_calendar")
    second = capsys.readouterr().out

    assert "Загружено впервые: ru 2020" in first
    assert "Обновлено: —" in second and "Загружено впервые: —" in second


def test_command_with_a_wrong_file_fails(tmp_path, capsys):
    bad = tmp_path / "ru-2030.xml"
    bad.write_text("<calendar year='2030'><days><day d='13.01' t='1'/></days></calendar>",
                   encoding="utf-8")

    with pytest.raises(CommandError):
        call_command("load_calendar", str(bad))

    assert "ru-2030.xml: нет такой даты 13.01.2030" in capsys.readouterr().err
