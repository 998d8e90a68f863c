"""Hearings in the API: GET /api/v1/hearings (public procedures), GET /api/v1/hearings/{id},
POST /api/v1/hearings/{id}/proposals (201; 409 outside the window; 403 when the
participant is not identified), GET /api/v1/hearings/{id}/conclusion (public).
No personal data in any answer.

No ``from __future__ import annotations`` here: django-ninja reads the annotations."""

from datetime import date, datetime

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from zemstvo.core.accounts.api_auth import TOKEN_OR_SESSION
from zemstvo.core.errors import DomainError, NotFound
from zemstvo.core.territory.models import Municipality
from zemstvo.hearings import selectors, services
from zemstvo.hearings.models import Procedure, Status
from zemstvo.hearings.participants import Identity

router = Router(tags=["Публичные слушания"])


class StageOut(Schema):
    kind: str
    title: str
    starts_on: date
    ends_on: date

    @staticmethod
    def resolve_title(stage) -> str:
        return str(stage.get_kind_display())


class HearingSummaryOut(Schema):
    id: int
    municipality: str
    kind: str
    form: str
    title: str
    status: str
    notice_published_at: datetime | None
    url: str

    @staticmethod
    def resolve_municipality(p: Procedure) -> str:
        return p.municipality.slug

    @staticmethod
    def resolve_url(p: Procedure) -> str:
        return p.get_absolute_url()


class HearingOut(HearingSummaryOut):
    organiser: str
    project_info: str
    exposition_place: str
    exposition_hours: str
    proposals_method: str
    site_url: str
    settlements: list[str]
    stages: list[StageOut]
    proposals_open: datetime
    proposals_close: datetime

    @staticmethod
    def resolve_settlements(p: Procedure) -> list[str]:
        return [str(s) for s in p.settlements.all()]

    @staticmethod
    def resolve_stages(p: Procedure):
        return list(p.stages.all())

    @staticmethod
    def resolve_proposals_open(p: Procedure) -> datetime:
        return services.proposals_window(p)[0]

    @staticmethod
    def resolve_proposals_close(p: Procedure) -> datetime:
        return services.proposals_window(p)[1]


class ProposalOut(Schema):
    number: int
    text: str
    channel: str
    is_local: bool = Field(description="От жителя или правообладателя территории")
    recommendation: str
    reason: str


class ProposalIn(Schema):
    text: str = Field(min_length=3, max_length=services.TEXT_MAX)
    participant_kind: str = Field("person", description="person | organisation")
    full_name: str = ""
    birth_date: date | None = None
    org_name: str = ""
    ogrn: str = ""
    address: str = ""


class ConclusionOut(Schema):
    id: int
    title: str
    conclusion_published_at: datetime
    protocol_number: str
    summary: str
    residents_and_right_holders: list[ProposalOut]
    other_participants: list[ProposalOut]


class HearingFilter(Schema):
    municipality: str = Field("", description="Адрес портала (slug)")
    status: str = Field("", description="Этап: notice, exposition, …, closed")


_ANONYMOUS = object()


def _anonymous(request: HttpRequest):
    """Let the request through: the service answers 403 to an unidentified person."""
    return _ANONYMOUS


@router.get("", response=list[HearingSummaryOut], summary="Слушания и обсуждения")
@paginate(LimitOffsetPagination)
def hearings_list(request: HttpRequest, filters: Query[HearingFilter]):
    municipality = None
    if filters.municipality:
        municipality = Municipality.objects.filter(slug=filters.municipality,
                                                   is_active=True).first()
        if municipality is None:
            message = "Муниципальное образование с таким адресом не найдено."
            raise DomainError(message, field_errors={"municipality": [message]})
    found = selectors.public(municipality)
    if filters.status:
        if filters.status not in Status.values or filters.status == Status.DRAFT:
            raise DomainError("Неизвестный этап.", field_errors={"status": ["Неизвестный этап."]})
        found = found.filter(status=filters.status)
    return found


@router.get("/{int:hearing_id}", response=HearingOut, summary="Процедура")
def hearings_detail(request: HttpRequest, hearing_id: int):
    return selectors.public_procedure(hearing_id)


@router.post("/{int:hearing_id}/proposals", response={201: ProposalOut},
             auth=[*TOKEN_OR_SESSION, _anonymous], summary="Направить предложение")
def hearings_propose(request: HttpRequest, hearing_id: int, payload: ProposalIn):
    from zemstvo.core.api import error_response

    procedure = selectors.public_procedure(hearing_id)
    actor = None if request.auth is _ANONYMOUS else request.auth
    identity = Identity(kind=payload.participant_kind, full_name=payload.full_name,
                        birth_date=payload.birth_date, org_name=payload.org_name,
                        ogrn=payload.ogrn, address=payload.address)
    try:
        proposal = services.proposal_submit(actor=actor, procedure=procedure,
                                            text=payload.text, identity=identity)
    except services.WindowClosed as exc:
        return error_response(request, 409, exc.message)
    return 201, proposal


@router.get("/{int:hearing_id}/conclusion", response=ConclusionOut,
            summary="Заключение о результатах")
def hearings_conclusion(request: HttpRequest, hearing_id: int):
    procedure = selectors.public_procedure(hearing_id)
    if procedure.status != Status.CLOSED:
        raise NotFound("Заключение ещё не опубликовано.")
    local, others = selectors.split(selectors.public_proposals(procedure))
    return {"id": procedure.pk, "title": procedure.title,
            "conclusion_published_at": procedure.conclusion_published_at,
            "protocol_number": procedure.protocol_number,
            "summary": procedure.conclusion_summary,
            "residents_and_right_holders": local, "other_participants": others}
