"""Votes in the API (issue 3): GET /api/v1/polls?municipality=SLUG, GET /polls/{id},
POST /polls/{id}/ballots -> 201 {"receipt"} (a second ballot or a closed window: 409;
not eligible: 403 with the reason; an invalid ballot: 422 with the reason),
GET /polls/{id}/results; staff create, open, close and publish votes. The paper roll:
GET /polls/{id}/roll?q=&birth_date= (staff who issue paper ballots; personal data, each
read audited) and POST /polls/{id}/paper-ballots {"resident", "point"} -> 201 (already
in the register, online or on paper, or the vote is not running: 409).

No ``from __future__ import annotations`` here: django-ninja reads the parameter
annotations at import time."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from zemstvo.core.accounts.api_auth import TOKEN_OR_SESSION
from zemstvo.core.api import error_response
from zemstvo.core.errors import DomainError, NotAllowed, NotFound
from zemstvo.core.territory.models import Municipality
from zemstvo.voting import ballots, eligibility, paper_roll, selectors, services
from zemstvo.voting.models import BallotType, Poll, PollKind
from zemstvo.voting.services import AlreadyVoted, OutsideWindow, PollInput

router = Router(tags=["Голосования"])


class OptionOut(Schema):
    id: int
    title: str
    description: str
    cost: Decimal | None


class PollSummaryOut(Schema):
    id: int
    municipality: str = Field(description="Адрес портала (slug)")
    title: str
    kind: str
    ballot_type: str
    status: str
    opens_at: datetime
    closes_at: datetime
    url: str

    @staticmethod
    def resolve_municipality(poll: Poll) -> str:
        return poll.municipality.slug

    @staticmethod
    def resolve_url(poll: Poll) -> str:
        return settings.ZEMSTVO_SITE_URL.rstrip("/") + poll.get_absolute_url()


class PollOut(PollSummaryOut):
    description: str
    settlements: list[str] = Field(description="Пусто — всё муниципальное образование")
    min_age: int
    min_choices: int
    max_choices: int
    budget: Decimal | None
    max_count: int | None
    points_total: int | None
    free_text_question: str
    publish_ballots: bool
    results_live: bool
    options: list[OptionOut]

    @staticmethod
    def resolve_settlements(poll: Poll) -> list[str]:
        return [str(s) for s in poll.settlements.all()]

    @staticmethod
    def resolve_min_age(poll: Poll) -> int:
        return eligibility.min_age(poll)

    @staticmethod
    def resolve_options(poll: Poll) -> list[Any]:
        return list(poll.options.all())


class PollFilter(Schema):
    municipality: str = Field("", description="Адрес портала (slug); пусто — все порталы")


class BallotIn(Schema):
    choices: list[int] | None = Field(None, description="Номера отмеченных вариантов")
    points: dict[str, int] | None = Field(
        None, description="Баллы по вариантам (для распределения баллов): {номер: баллы}")
    free_text: str = Field("", max_length=2000)


class ReceiptOut(Schema):
    receipt: str = Field(description="Код проверки: показывается один раз")


class OptionResultOut(Schema):
    id: int
    title: str
    electronic: int
    paper: int
    total: int
    share: float


class ResultsOut(Schema):
    poll: int
    status: str
    ballots: int
    electronic_ballots: int
    paper_ballots: int
    eligible: int
    turnout: float = Field(description="Процент электронных бюллетеней от списка участников")
    options: list[OptionResultOut]
    winners_greedy: list[int] | None
    winners_mes: list[int] | None


class OptionIn(Schema):
    title: str = Field(min_length=1, max_length=200)
    description: str = ""
    cost: Decimal | None = None


class PollIn(Schema):
    municipality: str = Field(description="Адрес портала (slug)")
    title: str = Field(min_length=services.TITLE_MIN, max_length=services.TITLE_MAX)
    description: str = ""
    kind: PollKind = PollKind.ADVISORY
    ballot_type: BallotType = BallotType.SINGLE
    opens_at: datetime
    closes_at: datetime
    min_choices: int = Field(1, ge=1)
    max_choices: int = Field(1, ge=1)
    budget: Decimal | None = None
    max_count: int | None = None
    points_total: int | None = None
    free_text_question: str = ""
    publish_ballots: bool = False
    results_live: bool = False
    compute_mes: bool = False
    for_initiative_project: bool = False
    settlements: list[int] = []
    options: list[OptionIn] = []


def _municipality(slug: str) -> Municipality:
    municipality = Municipality.objects.filter(slug=slug, is_active=True).first()
    if municipality is None:
        message = "Муниципальное образование с таким адресом не найдено."
        raise DomainError(message, field_errors={"municipality": [message]})
    return municipality


@router.get("", response=list[PollSummaryOut], summary="Голосования и опросы")
@paginate(LimitOffsetPagination)
def poll_list(request: HttpRequest, filters: Query[PollFilter]):
    municipality = _municipality(filters.municipality) if filters.municipality else None
    return selectors.public_polls(municipality)


@router.get("/{int:poll_id}", response=PollOut, summary="Голосование")
def poll_detail(request: HttpRequest, poll_id: int):
    return selectors.public_poll(poll_id)


@router.post("/{int:poll_id}/ballots", response={201: ReceiptOut}, auth=TOKEN_OR_SESSION,
             summary="Проголосовать")
def ballot_create(request: HttpRequest, poll_id: int, payload: BallotIn):
    poll = ballots.poll_for_ballot(poll_id)
    try:
        receipt = services.ballot_cast(actor=request.auth, poll=poll, choices=payload.choices,
                                       points=payload.points, free_text=payload.free_text)
    except (AlreadyVoted, OutsideWindow) as exc:
        return error_response(request, 409, exc.message)
    return 201, {"receipt": receipt}


def _results_out(found: selectors.Results) -> dict[str, Any]:
    return {
        "poll": found.poll.pk, "status": found.poll.status, "ballots": found.ballots,
        "electronic_ballots": found.electronic_ballots, "paper_ballots": found.paper_ballots,
        "eligible": found.eligible, "turnout": found.turnout,
        "options": [{"id": r.option.pk, "title": r.option.title, "electronic": r.electronic,
                     "paper": r.paper, "total": r.total, "share": r.share}
                    for r in found.options],
        "winners_greedy": found.greedy, "winners_mes": found.mes,
    }


@router.get("/{int:poll_id}/results", response=ResultsOut, summary="Итоги голосования")
def poll_results(request: HttpRequest, poll_id: int):
    poll = selectors.public_poll(poll_id)
    if not poll.results_visible:
        raise NotAllowed("Итоги ещё не опубликованы.")
    return _results_out(selectors.results(poll))


@router.post("", response={201: PollOut}, auth=TOKEN_OR_SESSION,
             summary="Создать голосование (черновик с вариантами)")
def poll_create(request: HttpRequest, payload: PollIn):
    municipality = _municipality(payload.municipality)
    data = PollInput(
        settlements=services.settlements_of(municipality, payload.settlements),
        **payload.dict(exclude={"municipality", "settlements", "options"}),
    )
    # The draft and its options together, or nothing.
    with transaction.atomic():
        poll = services.poll_create(actor=request.auth, municipality=municipality, data=data)
        for option in payload.options:
            services.option_add(actor=request.auth, poll=poll, title=option.title,
                                description=option.description, cost=option.cost)
    return 201, selectors.office_poll(request.auth, poll.pk)


def _transition(request: HttpRequest, poll_id: int, service: Any) -> Poll:
    poll = Poll.objects.select_related("municipality").filter(pk=poll_id).first()
    if poll is None:
        raise NotFound("Голосование не найдено.")
    service(actor=request.auth, poll=poll)  # NotAllowed (403) for anyone but its staff
    return selectors.office_poll(request.auth, poll_id)


@router.post("/{int:poll_id}/open", response=PollOut, auth=TOKEN_OR_SESSION,
             summary="Открыть голосование")
def poll_open(request: HttpRequest, poll_id: int):
    return _transition(request, poll_id, services.poll_open)


@router.post("/{int:poll_id}/close", response=PollOut, auth=TOKEN_OR_SESSION,
             summary="Завершить голосование")
def poll_close(request: HttpRequest, poll_id: int):
    return _transition(request, poll_id, services.poll_close)


@router.post("/{int:poll_id}/publish", response=PollOut, auth=TOKEN_OR_SESSION,
             summary="Опубликовать итоги")
def poll_publish(request: HttpRequest, poll_id: int):
    return _transition(request, poll_id, services.poll_publish)


class RollFilter(Schema):
    q: str = Field("", description="Фамилия, имя или отчество (слова через пробел)")
    birth_date: str = Field("", description="Дата рождения: ГГГГ-ММ-ДД или ДД.ММ.ГГГГ")


class RollEntryOut(Schema):
    id: int
    full_name: str
    birth_date: date | None
    settlement: str
    channel: str = Field(description="Пусто — не голосовал; online — электронно; paper — "
                                     "бумажный бюллетень на участке")
    point: str
    voted_on: date | None


class PaperBallotIn(Schema):
    resident: int = Field(description="Номер жителя из списка участников")
    point: str = Field("", description="Участок (пункт голосования), как в протоколе")


class PaperBallotOut(Schema):
    resident: int
    point: str
    channel: str
    voted_on: date


@router.get("/{int:poll_id}/roll", response=list[RollEntryOut], auth=TOKEN_OR_SESSION,
            summary="Список участников на участке (персональные данные)")
def roll_search(request: HttpRequest, poll_id: int, filters: Query[RollFilter]):
    poll = selectors.office_poll(request.auth, poll_id)
    entries = paper_roll.roll_search(actor=request.auth, poll=poll, query=filters.q,
                                     birth_date=filters.birth_date)
    return [{"id": e.person.pk, "full_name": e.person.full_name,
             "birth_date": e.person.birth_date,
             "settlement": str(e.person.residence_settlement or ""), "channel": e.channel,
             "point": e.point_name, "voted_on": e.voted_on} for e in entries]


@router.post("/{int:poll_id}/paper-ballots", response={201: PaperBallotOut},
             auth=TOKEN_OR_SESSION, summary="Выдать бумажный бюллетень по списку")
def paper_ballot_issue(request: HttpRequest, poll_id: int, payload: PaperBallotIn):
    poll = selectors.office_poll(request.auth, poll_id)
    try:
        row = paper_roll.paper_ballot_issue(actor=request.auth, poll=poll,
                                            resident=payload.resident, point=payload.point)
    except (AlreadyVoted, OutsideWindow) as exc:
        return error_response(request, 409, exc.message)
    return 201, {"resident": row.user_id, "point": row.polling_point.point_name,
                 "channel": row.channel, "voted_on": row.voted_on}
