"""Reads of the council module for pages, the API, feeds and the Popolo export. Each
costs a fixed number of queries whatever the number of records."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone

from zemstvo.core.errors import NotFound
from zemstvo.core.territory.models import Municipality
from zemstvo.council.models import (
    AgendaItem,
    CommitteeMembership,
    Decision,
    Deputy,
    Meeting,
    QuestionStatus,
    RepresentativeBody,
    ResidentQuestion,
    RollCallVote,
    Session,
    SessionStatus,
    VoteEvent,
)
from zemstvo.council.services import vote_counts

SCHEDULE_PAGE = 20


def body_of(municipality: Municipality) -> RepresentativeBody | None:
    return (RepresentativeBody.objects.select_related("municipality")
            .filter(municipality=municipality).first())


def body_or_404(municipality: Municipality) -> RepresentativeBody:
    body = body_of(municipality)
    if body is None:
        raise NotFound("Представительный орган ещё не описан на портале.")
    return body


def current_deputies(body: RepresentativeBody, on: date | None = None) -> list[Deputy]:
    on = on or timezone.localdate(timezone=body.municipality.tz)
    return list(body.deputies.filter(term_from__lte=on).exclude(term_to__lt=on)
                .select_related("faction"))


def body_page(body: RepresentativeBody) -> dict[str, Any]:
    """Deputies, factions with their sizes, committees with members (4 queries)."""
    deputies = current_deputies(body)
    factions = list(body.factions.annotate(size=Count("deputies")).order_by("name"))
    committees = list(body.committees.prefetch_related(
        Prefetch("memberships", queryset=CommitteeMembership.objects.select_related("deputy")
                 .order_by("-role", "deputy__full_name"))))
    return {"deputies": deputies, "factions": factions, "committees": committees}


def schedule_page(body: RepresentativeBody, page: Any, *, upcoming: bool) -> Page:
    now = timezone.now()
    sessions = body.sessions.select_related("committee")
    if upcoming:
        sessions = sessions.filter(starts_at__gte=now - timedelta(hours=12)).order_by("starts_at")
    else:
        sessions = sessions.filter(starts_at__lt=now - timedelta(hours=12)).order_by("-starts_at")
    return Paginator(sessions, SCHEDULE_PAGE).get_page(page)


def upcoming_sessions(body: RepresentativeBody, count: int = 3) -> list[Session]:
    return list(body.sessions.filter(starts_at__gte=timezone.now())
                .order_by("starts_at")[:count])


def session_detail(municipality: Municipality, pk: int) -> Session:
    """A session with its agenda, decisions, votes (with deputies) and approved
    questions: a fixed number of queries."""
    session = (Session.objects.select_related("body__municipality", "committee")
               .filter(pk=pk, body__municipality=municipality).first())
    if session is None:
        raise NotFound("Заседание не найдено.")
    items = (AgendaItem.objects.filter(session=session).prefetch_related(
        "decisions",
        Prefetch("vote_events", queryset=VoteEvent.objects.prefetch_related(
            Prefetch("votes", queryset=RollCallVote.objects.select_related("deputy__faction")))),
        Prefetch("questions", queryset=ResidentQuestion.objects.filter(
            status=QuestionStatus.APPROVED), to_attr="public_questions"),
    ))
    session.agenda = list(items)
    for item in session.agenda:
        for event in item.vote_events.all():
            event.counts = vote_counts(event)
    return session


def player_for(session: Session) -> dict[str, Any]:
    """What the session page plays: the live stream at the time, the recording after."""
    from zemstvo.council.services import is_direct_video

    if session.status == SessionStatus.LIVE and session.broadcast_url:
        url, live = session.broadcast_url, True
    elif session.status == SessionStatus.HELD and session.recording_url:
        url, live = session.recording_url, False
    else:
        return {}
    return {"url": url, "live": live, "video": is_direct_video(url)}


def deputy_detail(municipality: Municipality, pk: int) -> Deputy:
    deputy = (Deputy.objects.select_related("body__municipality", "faction")
              .prefetch_related("committee_memberships__committee")
              .filter(pk=pk, body__municipality=municipality).first())
    if deputy is None:
        raise NotFound("Депутат не найден.")
    deputy.recent_votes = list(
        RollCallVote.objects.filter(deputy=deputy)
        .select_related("vote_event__agenda_item__session__body__municipality")
        .order_by("-vote_event__agenda_item__session__starts_at", "-vote_event_id")[:20])
    return deputy


def meetings_page(body: RepresentativeBody, page: Any) -> Page:
    meetings = body.meetings.annotate(taken=Count("registrations")).order_by("-starts_at")
    return Paginator(meetings, SCHEDULE_PAGE).get_page(page)


def meeting_detail(municipality: Municipality, pk: int) -> Meeting:
    meeting = (Meeting.objects.select_related("body__municipality")
               .annotate(taken=Count("registrations"))
               .prefetch_related("deputies", "questions", "tasks")
               .filter(pk=pk, body__municipality=municipality).first())
    if meeting is None:
        raise NotFound("Мероприятие не найдено.")
    return meeting


def is_registered(user: Any, meeting: Meeting) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return meeting.registrations.filter(user=user).exists()


def calendar_sessions(body: RepresentativeBody) -> list[Session]:
    return list(body.sessions.order_by("starts_at")[:1000])


def calendar_meetings(body: RepresentativeBody) -> list[Meeting]:
    return list(body.meetings.order_by("starts_at")[:1000])


def api_sessions(municipality: Municipality) -> QuerySet[Session]:
    return (Session.objects.filter(body__municipality=municipality)
            .select_related("body__municipality").order_by("-starts_at"))


def pending_questions(municipality: Municipality) -> list[ResidentQuestion]:
    return list(ResidentQuestion.objects.filter(
        agenda_item__session__body__municipality=municipality,
        status=QuestionStatus.PENDING).select_related("agenda_item__session")
        .order_by("created_at")[:100])


def office_sessions(body: RepresentativeBody) -> list[Session]:
    return list(body.sessions.annotate(items_count=Count("items"))
                .order_by("-starts_at")[:100])


def decisions_of(body: RepresentativeBody) -> QuerySet[Decision]:
    return Decision.objects.filter(agenda_item__session__body=body)


def overdue_tasks_count(municipality_ids: list[int] | None) -> int:
    from zemstvo.council.models import FollowUpTask, TaskStatus

    tasks = FollowUpTask.objects.filter(status=TaskStatus.OPEN,
                                        deadline__lt=timezone.localdate())
    if municipality_ids is not None:
        tasks = tasks.filter(meeting__body__municipality_id__in=municipality_ids)
    return tasks.count()


def pending_questions_count(municipality_ids: list[int] | None) -> int:
    questions = ResidentQuestion.objects.filter(status=QuestionStatus.PENDING)
    if municipality_ids is not None:
        questions = questions.filter(
            agenda_item__session__body__municipality_id__in=municipality_ids)
    return questions.count()




def search_documents():
    """Sessions (with their agenda) and decisions, for rebuilding the search index."""
    from zemstvo.core.registry import SearchDoc

    sessions = (Session.objects.select_related("body__municipality")
                .prefetch_related("items").order_by("pk"))
    for session in sessions.iterator(chunk_size=500):
        yield SearchDoc(
            kind="council", object_id=f"session-{session.pk}", title=session.title,
            body="\n".join(f"{i.order}. {i.title}" for i in session.items.all()),
            url=session.get_absolute_url(), municipality_id=session.body.municipality_id,
            published_at=session.starts_at)


def opendata_rows(municipality: Municipality | None):
    """Rows of the «council-decisions» set: adopted municipal legal acts with their
    official publication; nothing about a person."""
    from django.conf import settings
    from django.urls import reverse

    decisions = Decision.objects.order_by("adopted_on", "pk")
    if municipality is not None:
        decisions = decisions.filter(agenda_item__session__body__municipality=municipality)
    site = settings.ZEMSTVO_SITE_URL.rstrip("/")
    rows = decisions.values(
        "pk", "number", "title", "adopted_on", "published_on", "publication_source",
        "agenda_item__session_id", "agenda_item__session__body__name",
        "agenda_item__session__body__municipality__name",
        "agenda_item__session__body__municipality__oktmo",
        "agenda_item__session__body__municipality__slug")
    for row in rows.iterator(chunk_size=1000):
        prefix = "agenda_item__session__body__municipality__"
        yield {
            "id": row["pk"], "municipality": row[prefix + "name"], "oktmo": row[prefix + "oktmo"],
            "body": row["agenda_item__session__body__name"], "number": row["number"],
            "title": row["title"], "adopted_on": row["adopted_on"],
            "published_on": row["published_on"],
            "publication_source": row["publication_source"],
            "url": site + reverse("council:session", kwargs={
                "municipality": row[prefix + "slug"], "pk": row["agenda_item__session_id"]}),
        }
