"""Council in the API: GET /api/v1/council/sessions?municipality=SLUG (paged),
GET /api/v1/council/sessions/{id} (agenda, documents, votes, decisions), and
GET /api/v1/popolo/{municipality_slug}.json (the whole body as Popolo).

No ``from __future__ import annotations`` here: django-ninja reads the annotations
at import time."""

from datetime import date, datetime

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from zemstvo.core.attachments.selectors import attachments_for
from zemstvo.core.errors import DomainError, NotFound
from zemstvo.core.territory.models import Municipality
from zemstvo.council import selectors
from zemstvo.council.ical import absolute
from zemstvo.council.popolo import export_body

router = Router(tags=["Представительный орган"])
popolo_router = Router(tags=["Представительный орган"])


class SessionSummaryOut(Schema):
    id: int
    municipality: str
    kind: str
    title: str
    starts_at: datetime = Field(description="ISO 8601 со смещением местного времени")
    place: str
    status: str
    url: str

    @staticmethod
    def resolve_municipality(obj) -> str:
        return obj["municipality"] if isinstance(obj, dict) else obj.body.municipality.slug

    @staticmethod
    def resolve_starts_at(obj) -> datetime:
        if isinstance(obj, dict):
            return obj["starts_at"]
        return timezone.localtime(obj.starts_at, obj.body.municipality.tz)

    @staticmethod
    def resolve_url(obj) -> str:
        return obj["url"] if isinstance(obj, dict) else absolute(obj.get_absolute_url())


class DocumentOut(Schema):
    title: str
    url: str


class VoteOut(Schema):
    deputy_id: int
    deputy: str
    option: str


class VoteEventOut(Schema):
    id: int
    motion: str
    result: str
    counts: dict[str, int]
    votes: list[VoteOut]


class DecisionOut(Schema):
    number: str
    title: str
    adopted_on: date
    published_on: date | None
    publication_source: str
    documents: list[DocumentOut]


class AgendaItemOut(Schema):
    order: int
    title: str
    rapporteur: str
    documents: list[DocumentOut]
    vote_events: list[VoteEventOut]
    decisions: list[DecisionOut]


class SessionOut(SessionSummaryOut):
    broadcast_url: str
    recording_url: str
    minutes: str
    documents: list[DocumentOut]
    agenda: list[AgendaItemOut]


class SessionFilter(Schema):
    municipality: str = Field(description="Адрес портала (slug)")


def _municipality(slug: str) -> Municipality:
    found = Municipality.objects.filter(slug=slug, is_active=True).first()
    if found is None:
        message = "Муниципальное образование с таким адресом не найдено."
        raise DomainError(message, field_errors={"municipality": [message]})
    return found


def _summary(session, municipality: Municipality) -> dict:
    return {
        "id": session.pk, "municipality": municipality.slug, "kind": session.kind,
        "title": session.title, "place": session.place, "status": session.status,
        "starts_at": timezone.localtime(session.starts_at, municipality.tz),
        "url": absolute(session.get_absolute_url()),
    }


def _documents(owner) -> list[dict]:
    return [{"title": a.title or a.original_name,
             "url": absolute(reverse("attachments:download", kwargs={"pk": a.pk}))}
            for a in attachments_for(owner, public_only=True)]


@router.get("/sessions", response=list[SessionSummaryOut], summary="Заседания")
@paginate(LimitOffsetPagination)
def sessions(request: HttpRequest, filters: Query[SessionFilter]):
    municipality = _municipality(filters.municipality)
    return selectors.api_sessions(municipality)


@router.get("/sessions/{int:session_id}", response=SessionOut, summary="Заседание")
def session(request: HttpRequest, session_id: int):
    from zemstvo.council.models import Session

    found = Session.objects.select_related("body__municipality").filter(pk=session_id).first()
    if found is None:
        raise NotFound("Заседание не найдено.")
    municipality = found.body.municipality
    detail = selectors.session_detail(municipality, session_id)
    agenda = [{
        "order": item.order, "title": item.title, "rapporteur": item.rapporteur,
        "documents": _documents(item),
        "vote_events": [{
            "id": e.pk, "motion": e.motion, "result": e.result, "counts": e.counts,
            "votes": [{"deputy_id": v.deputy_id, "deputy": v.deputy.full_name,
                       "option": v.option} for v in e.votes.all()],
        } for e in item.vote_events.all()],
        "decisions": [{
            "number": d.number, "title": d.title, "adopted_on": d.adopted_on,
            "published_on": d.published_on, "publication_source": d.publication_source,
            "documents": _documents(d),
        } for d in item.decisions.all()],
    } for item in detail.agenda]
    return {**_summary(detail, municipality), "broadcast_url": detail.broadcast_url,
            "recording_url": detail.recording_url, "minutes": detail.minutes,
            "documents": _documents(detail), "agenda": agenda}


@popolo_router.get("/{municipality_slug}.json", summary="Представительный орган в Popolo JSON")
def popolo(request: HttpRequest, municipality_slug: str):
    municipality = Municipality.objects.filter(slug=municipality_slug, is_active=True).first()
    if municipality is None:
        raise NotFound("Муниципальное образование с таким адресом не найдено.")
    body = selectors.body_of(municipality)
    if body is None:
        raise NotFound("Представительный орган ещё не описан на портале.")
    return export_body(body)
