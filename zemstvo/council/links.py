"""The council in the press centre: news items can be linked to a session or a
meeting with residents (zemstvo.news.linking); their pages show the linked news."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.utils import timezone

from zemstvo.council.models import Meeting, Session


def _local_day(moment: Any, municipality: Any) -> str:
    return f"{timezone.localtime(moment, municipality.tz):%d.%m.%Y}"


def linkable(municipality: Any) -> Iterator[tuple[Any, str]]:
    """The municipality's last 200 sessions and meetings (two queries)."""
    sessions = Session.objects.filter(body__municipality=municipality).select_related(
        "body__municipality").order_by("-starts_at")[:200]
    for session in sessions:
        yield session, f"Заседание {_local_day(session.starts_at, municipality)}: {session.title}"
    meetings = Meeting.objects.filter(body__municipality=municipality).select_related(
        "body__municipality").order_by("-starts_at")[:200]
    for meeting in meetings:
        yield meeting, f"Встреча {_local_day(meeting.starts_at, municipality)}: {meeting.title}"
