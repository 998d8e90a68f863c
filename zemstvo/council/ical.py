"""iCalendar feeds (RFC 5545) of sessions and meetings, written by hand.

Times: each event is written in the municipality's local time with a TZID and a
VTIMEZONE whose offset is the zone's current one. Russian zones have not changed
offset since 26 October 2014; an event whose offset differs from the current one
(an older event, or a future change of the zone's law) is written in UTC ('Z'),
which is always exact. Lines end in CRLF and are folded at 75 octets without
splitting a UTF-8 character (RFC 5545 §3.1).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

LINE_OCTETS = 75
PRODID = "-//Zemstvo//Council//RU"
NOMINAL_DURATION = timedelta(hours=2)


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    starts_at: datetime
    summary: str
    location: str
    url: str
    description: str = ""


def escape_text(value: str) -> str:
    """TEXT value escaping (RFC 5545 §3.3.11)."""
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def fold(line: str) -> str:
    """Fold a content line into pieces of at most 75 octets; continuation lines start
    with one space (which counts towards their 75)."""
    pieces: list[str] = []
    current, size, limit = [], 0, LINE_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append("".join(current))
            current, size, limit = [], 0, LINE_OCTETS - 1
        current.append(char)
        size += width
    pieces.append("".join(current))
    return "\r\n ".join(pieces)


def _offset(delta: timedelta) -> str:
    total = int(delta.total_seconds())
    sign = "+" if total >= 0 else "-"
    total = abs(total)
    return f"{sign}{total // 3600:02d}{total % 3600 // 60:02d}"


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _host() -> str:
    return urlsplit(settings.ZEMSTVO_SITE_URL).hostname or "zemstvo.local"


def build_calendar(name: str, zone_name: str, events: Iterable[CalendarEvent],
                   *, now: datetime | None = None) -> bytes:
    zone = ZoneInfo(zone_name)
    now = now or timezone.now()
    current = now.astimezone(zone).utcoffset() or timedelta(0)
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH", f"X-WR-CALNAME:{escape_text(name)}", f"X-WR-TIMEZONE:{zone_name}",
        "BEGIN:VTIMEZONE", f"TZID:{zone_name}", "BEGIN:STANDARD", "DTSTART:19700101T000000",
        f"TZOFFSETFROM:{_offset(current)}", f"TZOFFSETTO:{_offset(current)}",
        f"TZNAME:{_offset(current)}", "END:STANDARD", "END:VTIMEZONE",
    ]
    stamp = _utc(now)
    for event in events:
        local = event.starts_at.astimezone(zone)
        end = event.starts_at + NOMINAL_DURATION
        if local.utcoffset() == current:
            start_line = f"DTSTART;TZID={zone_name}:{local.strftime('%Y%m%dT%H%M%S')}"
            end_line = f"DTEND;TZID={zone_name}:{end.astimezone(zone).strftime('%Y%m%dT%H%M%S')}"
        else:
            start_line, end_line = f"DTSTART:{_utc(event.starts_at)}", f"DTEND:{_utc(end)}"
        lines += ["BEGIN:VEVENT", f"UID:{event.uid}@{_host()}", f"DTSTAMP:{stamp}",
                  start_line, end_line, f"SUMMARY:{escape_text(event.summary)}",
                  f"LOCATION:{escape_text(event.location)}"]
        if event.description:
            lines.append(f"DESCRIPTION:{escape_text(event.description)}")
        if event.url:
            lines.append(f"URL:{event.url}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return ("\r\n".join(fold(line) for line in lines) + "\r\n").encode("utf-8")


def absolute(path: str) -> str:
    return settings.ZEMSTVO_SITE_URL.rstrip("/") + path
