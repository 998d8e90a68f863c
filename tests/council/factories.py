"""Council records for tests, made directly (the services are tested on their own)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.utils import timezone

from zemstvo.council.models import (
    AgendaItem,
    Deputy,
    Faction,
    Meeting,
    RepresentativeBody,
    RollCallVote,
    Session,
    SessionStatus,
    VoteEvent,
    VoteOption,
)


def make_body(municipality, *, seats: int = 5, deputies: int = 5) -> RepresentativeBody:
    body = RepresentativeBody.objects.create(municipality=municipality, kind="council",
                                             name="Совет депутатов Тестограда", seats=seats)
    faction = Faction.objects.create(body=body, name="Фракция «Тест»")
    for number in range(deputies):
        Deputy.objects.create(body=body, full_name=f"Депутатов Депутат {number:03d}",
                              district=f"Округ № {number + 1}", term_from=date(2020, 1, 1),
                              faction=faction if number % 2 else None)
    return body


def make_session(body, *, status=SessionStatus.HELD, starts_at: datetime | None = None,
                 items: int = 2, votes: bool = True, title: str = "Заседание совета") -> Session:
    starts_at = starts_at or timezone.now() - timedelta(days=3)
    session = Session.objects.create(body=body, title=title, starts_at=starts_at,
                                     place="Зал заседаний", status=status)
    deputies = list(body.deputies.all())
    for order in range(1, items + 1):
        item = AgendaItem.objects.create(session=session, order=order,
                                         title=f"Вопрос повестки {order}")
        if votes:
            event = VoteEvent.objects.create(agenda_item=item, motion="В целом", result="pass")
            RollCallVote.objects.bulk_create(
                RollCallVote(vote_event=event, deputy=d,
                             option=VoteOption.values[i % len(VoteOption.values)])
                for i, d in enumerate(deputies))
    return session


def make_meeting(body, *, capacity=None, days: int = 5, title: str = "Встреча с жителями"):
    return Meeting.objects.create(body=body, kind="meeting", title=title,
                                  starts_at=timezone.now() + timedelta(days=days),
                                  place="Дом культуры", capacity=capacity)
