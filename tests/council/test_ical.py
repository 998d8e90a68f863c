"""iCalendar feeds of sessions and meetings: RFC 5545 structure, folding, and the
local times across time zones, read back with the icalendar package."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.urls import reverse

from tests.council.factories import make_body, make_meeting, make_session
from zemstvo.council.ical import CalendarEvent, build_calendar, fold

pytestmark = pytest.mark.django_db


def _feed(client, municipality, name="council:sessions_ics") -> bytes:
    response = client.get(reverse(name, kwargs={"municipality": municipality.slug}))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return response.content


@pytest.mark.parametrize("zone, local_hour", [("Europe/Kaliningrad", 10),
                                              ("Asia/Kamchatka", 10)])
def test_session_feed_carries_the_local_time_of_the_municipality(client, municipality, zone,
                                                                  local_hour):
    municipality.time_zone = zone
    municipality.save()
    body = make_body(municipality, deputies=1)
    starts = datetime(2026, 12, 15, local_hour, 0, tzinfo=ZoneInfo(zone))
    session = make_session(body, starts_at=starts, title="Заседание, очередное; № 7")
    calendar = icalendar.Calendar.from_ical(_feed(client, municipality))
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    start = event.decoded("DTSTART")
    assert start.astimezone(ZoneInfo(zone)).hour == local_hour
    assert start.astimezone(ZoneInfo("UTC")) == starts.astimezone(ZoneInfo("UTC"))
    assert str(event["SUMMARY"]) == "Заседание, очередное; № 7"
    assert str(event["LOCATION"]) == "Зал заседаний"
    assert str(event["UID"]).startswith(f"council-session-{session.pk}@")
    assert "DTSTAMP" in event
    assert event["DTSTART"].params["TZID"] == zone
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == [zone]


def test_the_same_instant_is_ten_hours_apart_in_kaliningrad_and_kamchatka(
    client, municipality, other_municipality
):
    instant = datetime(2026, 12, 15, 6, 0, tzinfo=ZoneInfo("UTC"))
    hours = []
    for place, zone in ((municipality, "Europe/Kaliningrad"),
                        (other_municipality, "Asia/Kamchatka")):
        place.time_zone = zone
        place.save()
        make_session(make_body(place, deputies=1), starts_at=instant)
        event = next(iter(icalendar.Calendar.from_ical(_feed(client, place)).walk("VEVENT")))
        raw = event["DTSTART"].to_ical().decode()
        hours.append(int(raw[9:11]))
    assert hours == [8, 18]  # UTC+2 and UTC+12 written as local wall-clock times


def test_an_event_before_the_current_offset_is_written_in_utc():
    # Moscow was UTC+4 in 2012: its current VTIMEZONE (UTC+3) cannot say that time.
    moment = datetime(2012, 6, 1, 10, 0, tzinfo=ZoneInfo("Europe/Moscow"))
    content = build_calendar("Тест", "Europe/Moscow",
                             [CalendarEvent("x-1", moment, "Старое заседание", "Зал", "")])
    assert b"DTSTART:20120601T060000Z" in content
    event = next(iter(icalendar.Calendar.from_ical(content).walk("VEVENT")))
    assert event.decoded("DTSTART") == moment


def test_lines_end_in_crlf_and_are_folded_at_75_octets():
    long_title = "Очень длинное название заседания думы о бюджете " * 5
    content = build_calendar("Тест", "Europe/Moscow", [CalendarEvent(
        "x-2", datetime(2026, 12, 1, 10, tzinfo=ZoneInfo("UTC")), long_title, "Зал", "")])
    assert content.endswith(b"\r\n")
    lines = content.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    assert b"\n" not in content.replace(b"\r\n", b"")
    for line in lines:
        line.decode("utf-8")  # no character split between two lines
    event = next(iter(icalendar.Calendar.from_ical(content).walk("VEVENT")))
    assert str(event["SUMMARY"]) == long_title


def test_fold_keeps_short_lines_whole():
    assert fold("SUMMARY:Сессия") == "SUMMARY:Сессия"


def test_meetings_feed_lists_meetings_with_local_time(client, municipality):
    municipality.time_zone = "Asia/Kamchatka"
    municipality.save()
    body = make_body(municipality, deputies=1)
    meeting = make_meeting(body, title="Приём граждан")
    calendar = icalendar.Calendar.from_ical(_feed(client, municipality, "council:meetings_ics"))
    event = next(iter(calendar.walk("VEVENT")))
    assert "Приём граждан" in str(event["SUMMARY"])
    assert event.decoded("DTSTART") - meeting.starts_at < timedelta(seconds=1)
