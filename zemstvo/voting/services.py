"""Every change to votes: create and edit a poll and its options, open, close and
publish it, enter the protocols of polling points; casting lives in ballots.py and is
re-exported here (``services.ballot_cast``).

Each function: policy check -> validation -> one transaction with the audit event;
subscribers are notified in-app (e-mail after commit, by the notifications module).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from zemstvo.core.audit.services import audit_record
from zemstvo.core.errors import DomainError
from zemstvo.core.notifications.services import notify_subscribers
from zemstvo.core.permissions import require
from zemstvo.core.territory.models import Municipality, Settlement
from zemstvo.voting import eligibility
from zemstvo.voting.ballots import AlreadyVoted, NotEligible, OutsideWindow, ballot_cast
from zemstvo.voting.models import (
    BallotType,
    PaperResult,
    Poll,
    PollKind,
    PollOption,
    PollStatus,
)

__all__ = [
    "AlreadyVoted", "NotEligible", "OutsideWindow", "PollInput", "ballot_cast",
    "option_add", "option_remove", "option_update", "paper_result_save", "poll_close",
    "poll_create", "poll_open", "poll_publish", "poll_update",
]

TITLE_MIN, TITLE_MAX = 5, 200
DESCRIPTION_MAX = 20_000
OPTION_TITLE_MAX = 200
POINTS_MAX = 1000
BUDGET_MAX = Decimal("999999999999")
_AUDITED = ("title", "kind", "ballot_type", "opens_at", "closes_at", "min_choices",
            "max_choices", "budget", "max_count", "points_total", "status",
            "publish_ballots", "results_live", "compute_mes", "for_initiative_project",
            "free_text_question")


@dataclass
class PollInput:
    """What staff type into the poll form (or send to the API)."""

    title: str
    opens_at: datetime
    closes_at: datetime
    kind: str = PollKind.ADVISORY
    ballot_type: str = BallotType.SINGLE
    description: str = ""
    min_choices: int = 1
    max_choices: int = 1
    budget: Decimal | None = None
    max_count: int | None = None
    points_total: int | None = None
    free_text_question: str = ""
    publish_ballots: bool = False
    results_live: bool = False
    compute_mes: bool = False
    for_initiative_project: bool = False
    settlements: list[Settlement] = field(default_factory=list)


def _error(field_name: str, message: str) -> DomainError:
    return DomainError(message, field_errors={field_name: [message]})


def _validate(municipality: Municipality, data: PollInput) -> PollInput:
    errors: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    data.title = " ".join((data.title or "").split())
    data.description = (data.description or "").strip()
    data.free_text_question = " ".join((data.free_text_question or "").split())
    if not TITLE_MIN <= len(data.title) <= TITLE_MAX:
        add("title", f"Название — от {TITLE_MIN} до {TITLE_MAX} символов.")
    if len(data.description) > DESCRIPTION_MAX:
        add("description", f"Описание слишком длинное: не больше {DESCRIPTION_MAX} символов.")
    if data.kind not in PollKind.values:
        add("kind", "Выберите вид голосования из списка.")
    if data.ballot_type not in BallotType.values:
        add("ballot_type", "Выберите тип бюллетеня из списка.")
    if data.opens_at is None or data.closes_at is None:
        add("closes_at", "Укажите начало и окончание голосования.")
    elif timezone.is_naive(data.opens_at) or timezone.is_naive(data.closes_at):
        add("closes_at", "Время начала и окончания указывается с часовым поясом.")
    elif data.closes_at <= data.opens_at:
        add("closes_at", "Окончание голосования должно быть позже начала.")
    if data.free_text_question and data.kind != PollKind.SURVEY:
        add("free_text_question", "Вопрос со свободным ответом бывает только в анкетировании.")
    if data.for_initiative_project and data.kind == PollKind.SURVEY:
        add("for_initiative_project",
            "Мнение об инициативном проекте выявляют опросом или голосованием, не анкетой.")
    _validate_ballot(data, add)
    foreign = [s for s in data.settlements if s.municipality_id != municipality.pk]
    if foreign:
        add("settlements", "Населённые пункты должны относиться к этому муниципальному "
                           "образованию.")
    if errors:
        raise DomainError("Проверьте поля голосования.", field_errors=errors)
    return data


def _validate_ballot(data: PollInput, add: Any) -> None:
    """Normalise the type's parameters: fields of other types are cleared."""
    kind = data.ballot_type
    if kind != BallotType.MULTIPLE:
        data.min_choices = data.max_choices = 1
    elif not 1 <= (data.min_choices or 0) <= (data.max_choices or 0):
        add("max_choices", "Минимум вариантов — от 1 и не больше максимума.")
    if kind == BallotType.BUDGET:
        if data.budget is None or not Decimal(0) < data.budget <= BUDGET_MAX:
            add("budget", "Укажите бюджет голосования — сумму больше нуля.")
        if data.max_count is not None and data.max_count < 1:
            add("max_count", "Наибольшее число проектов — не меньше 1 (или оставьте пустым).")
    else:
        data.budget, data.max_count, data.compute_mes = None, None, False
    if kind == BallotType.CUMULATIVE:
        if not data.points_total or not 1 <= data.points_total <= POINTS_MAX:
            add("points_total", f"Число баллов у участника — от 1 до {POINTS_MAX}.")
    else:
        data.points_total = None


def _snapshot(poll: Poll) -> dict[str, Any]:
    return {name: getattr(poll, name) for name in _AUDITED}


def _apply(poll: Poll, data: PollInput) -> None:
    for name in ("title", "description", "kind", "ballot_type", "opens_at", "closes_at",
                 "min_choices", "max_choices", "budget", "max_count", "points_total",
                 "free_text_question", "publish_ballots", "results_live", "compute_mes",
                 "for_initiative_project"):
        setattr(poll, name, getattr(data, name))


def poll_create(*, actor: Any, municipality: Municipality, data: PollInput) -> Poll:
    """A new draft vote of the municipality."""
    require(actor, "voting.manage", municipality)
    data = _validate(municipality, data)
    with transaction.atomic():
        poll = Poll(municipality=municipality, created_by=actor)
        _apply(poll, data)
        poll.save()
        poll.settlements.set(data.settlements)
        audit_record(actor=actor, action="voting.create", obj=poll,
                     after=_snapshot(poll) | {"settlements": [s.pk for s in data.settlements]})
    return poll


def _locked(poll: Poll) -> Poll:
    return Poll.objects.select_for_update().select_related("municipality").get(pk=poll.pk)


def _require_draft(poll: Poll) -> None:
    if poll.status != PollStatus.DRAFT:
        raise DomainError("Изменить можно только черновик голосования: после начала "
                          "условия голосования не меняются.")


def poll_update(*, actor: Any, poll: Poll, data: PollInput) -> Poll:
    """Edit a draft (the conditions of a vote are fixed once it opens)."""
    require(actor, "voting.manage", poll)
    data = _validate(poll.municipality, data)
    with transaction.atomic():
        poll = _locked(poll)
        _require_draft(poll)
        before = _snapshot(poll)
        _apply(poll, data)
        poll.save()
        poll.settlements.set(data.settlements)
        audit_record(actor=actor, action="voting.edit", obj=poll, before=before,
                     after=_snapshot(poll))
    return poll


def _option_input(poll: Poll, title: str, description: str, cost: Any) -> tuple[str, str, Any]:
    title = " ".join((title or "").split())
    description = (description or "").strip()
    errors: dict[str, list[str]] = {}
    if not 1 <= len(title) <= OPTION_TITLE_MAX:
        errors["title"] = [f"Название варианта — от 1 до {OPTION_TITLE_MAX} символов."]
    if cost in ("", None):
        cost = None
    else:
        try:
            cost = Decimal(str(cost).replace(" ", "").replace(",", "."))
        except InvalidOperation:
            cost = Decimal(-1)
        if not Decimal(0) < cost <= BUDGET_MAX:
            errors["cost"] = ["Стоимость — сумма в рублях больше нуля."]
    if poll.ballot_type == BallotType.BUDGET and cost is None and "cost" not in errors:
        errors["cost"] = ["Укажите стоимость проекта: голосование бюджетное."]
    if errors:
        raise DomainError(" ".join(m for ms in errors.values() for m in ms),
                          field_errors=errors)
    return title, description, cost


def _save_option(option: PollOption) -> None:
    try:
        with transaction.atomic():
            option.save()
    except IntegrityError:
        raise _error("title", "Вариант с таким названием уже есть.") from None


def option_add(*, actor: Any, poll: Poll, title: str, description: str = "",
               cost: Any = None) -> PollOption:
    require(actor, "voting.manage", poll)
    title, description, cost = _option_input(poll, title, description, cost)
    with transaction.atomic():
        poll = _locked(poll)
        _require_draft(poll)
        position = poll.options.count()
        option = PollOption(poll=poll, title=title, description=description, cost=cost,
                            position=position)
        _save_option(option)
        audit_record(actor=actor, action="voting.option_add", obj=poll,
                     after={"option": option.pk, "title": title, "cost": cost})
    return option


def option_update(*, actor: Any, option: PollOption, title: str, description: str = "",
                  cost: Any = None) -> PollOption:
    poll = option.poll
    require(actor, "voting.manage", poll)
    title, description, cost = _option_input(poll, title, description, cost)
    with transaction.atomic():
        _require_draft(_locked(poll))
        before = {"title": option.title, "cost": option.cost}
        option.title, option.description, option.cost = title, description, cost
        _save_option(option)
        audit_record(actor=actor, action="voting.option_edit", obj=poll,
                     before=before | {"option": option.pk},
                     after={"option": option.pk, "title": title, "cost": cost})
    return option


def option_remove(*, actor: Any, option: PollOption) -> None:
    poll = option.poll
    require(actor, "voting.manage", poll)
    with transaction.atomic():
        _require_draft(_locked(poll))
        audit_record(actor=actor, action="voting.option_remove", obj=poll,
                     before={"option": option.pk, "title": option.title})
        option.delete()


def _ready_to_open(poll: Poll, now: datetime) -> None:
    options = list(poll.options.all())
    if len(options) < 2:
        raise DomainError("Добавьте хотя бы два варианта ответа.")
    if poll.ballot_type == BallotType.MULTIPLE and poll.max_choices > len(options):
        raise DomainError(f"Вариантов {len(options)}, а отметить можно до {poll.max_choices}: "
                          f"добавьте варианты или уменьшите максимум.")
    if poll.ballot_type == BallotType.BUDGET:
        if any(o.cost is None for o in options):
            raise DomainError("У каждого проекта бюджетного голосования должна быть стоимость.")
        too_dear = [o.title for o in options if o.cost > poll.budget]
        if too_dear:
            raise DomainError(f"Проект дороже всего бюджета: {', '.join(too_dear)}.")
    if poll.closes_at <= now:
        raise DomainError("Окончание голосования уже прошло: исправьте даты.")


def poll_open(*, actor: Any, poll: Poll, now: datetime | None = None) -> Poll:
    """Open the vote: its conditions and the rules in force on its first day are
    fixed (LAW.md: a process follows the rules of its start date); ballots are taken
    from ``opens_at`` to ``closes_at``; the municipality's subscribers are told."""
    from zemstvo.core.rules.services import rule_snapshot

    require(actor, "voting.manage", poll)
    now = now or timezone.now()
    with transaction.atomic():
        poll = _locked(poll)
        _require_draft(poll)
        _ready_to_open(poll, now)
        before = _snapshot(poll)
        poll.rules = rule_snapshot(eligibility.RULE_KEYS, municipality=poll.municipality,
                                   on=eligibility.opening_date(poll))
        poll.min_age = int(poll.rules[eligibility.age_rule_key(poll)]["value"])
        poll.status = PollStatus.OPEN
        poll.save()
        audit_record(actor=actor, action="voting.open", obj=poll, before=before,
                     after=_snapshot(poll) | {"rules": poll.rules, "min_age": poll.min_age})
        notify_subscribers(target=poll.municipality, kind="voting.opened", title=poll.title,
                           body=poll.description[:300], url=poll.get_absolute_url(),
                           exclude=actor)
    return poll


def poll_close(*, actor: Any, poll: Poll, now: datetime | None = None) -> Poll:
    """Stop taking ballots (at the end of the window, or earlier by the
    administration's decision, recorded in the audit log) and fix the eligible roll
    the turnout is measured against."""
    require(actor, "voting.manage", poll)
    now = now or timezone.now()
    with transaction.atomic():
        poll = _locked(poll)
        if poll.status != PollStatus.OPEN:
            raise DomainError("Завершить можно только идущее голосование.")
        if now <= poll.opens_at:
            raise DomainError("Голосование ещё не началось: его нельзя завершить.")
        before = _snapshot(poll)
        poll.closes_at = min(poll.closes_at, now)
        poll.status = PollStatus.CLOSED
        poll.eligible_count = eligibility.eligible_roll(poll).count()
        poll.save()
        audit_record(actor=actor, action="voting.close", obj=poll, before=before,
                     after=_snapshot(poll) | {"eligible_count": poll.eligible_count})
    return poll


def poll_publish(*, actor: Any, poll: Poll) -> Poll:
    """Publish the results (and the ballot list, when the poll says so)."""
    require(actor, "voting.manage", poll)
    with transaction.atomic():
        poll = _locked(poll)
        if poll.status != PollStatus.CLOSED:
            raise DomainError("Опубликовать итоги можно после завершения голосования.")
        before = _snapshot(poll)
        poll.status = PollStatus.PUBLISHED
        poll.save()
        audit_record(actor=actor, action="voting.publish", obj=poll, before=before,
                     after=_snapshot(poll))
        notify_subscribers(target=poll.municipality, kind="voting.published",
                           title=f"Итоги: {poll.title}", body=poll.description[:300],
                           url=poll.get_absolute_url(), exclude=actor)
    return poll


def _paper_counts(poll: Poll, options: list[PollOption], ballots_count: int,
                  counts: Mapping[Any, Any]) -> dict[str, int]:
    known = {o.pk for o in options}
    clean: dict[str, int] = {}
    for key, value in counts.items():
        try:
            option_id, amount = int(key), int(value)
        except (TypeError, ValueError):
            raise _error("counts", "Итоги по вариантам — целые числа.") from None
        if option_id not in known:
            raise _error("counts", "Указан вариант, которого нет в этом голосовании.")
        if amount < 0:
            raise _error("counts", "Число голосов не может быть отрицательным.")
        clean[str(option_id)] = amount
    for option_id in known:
        clean.setdefault(str(option_id), 0)
    per_ballot = {BallotType.SINGLE: 1, BallotType.MULTIPLE: poll.max_choices,
                  BallotType.CUMULATIVE: poll.points_total or 0}
    if poll.ballot_type in per_ballot:
        if sum(clean.values()) > ballots_count * per_ballot[poll.ballot_type]:
            raise _error("counts", "Сумма голосов больше, чем позволяет число бюллетеней.")
    if poll.ballot_type != BallotType.CUMULATIVE and any(v > ballots_count
                                                        for v in clean.values()):
        raise _error("counts", "За вариант не может быть больше голосов, чем бюллетеней.")
    return clean


def paper_result_save(*, actor: Any, poll: Poll, point_name: str, ballots_count: Any,
                      counts: Mapping[Any, Any]) -> PaperResult:
    """Enter (or correct) the protocol of a polling point while the vote runs or
    before its results are published; every change is in the audit log."""
    require(actor, "voting.enter_paper", poll)
    point_name = " ".join((point_name or "").split())
    if not 1 <= len(point_name) <= 200:
        raise _error("point_name", "Укажите участок (пункт голосования), до 200 символов.")
    try:
        ballots_count = int(ballots_count)
    except (TypeError, ValueError):
        raise _error("ballots_count", "Число бумажных бюллетеней — целое число.") from None
    if ballots_count < 0:
        raise _error("ballots_count", "Число бумажных бюллетеней не может быть отрицательным.")
    with transaction.atomic():
        poll = _locked(poll)
        if poll.status not in (PollStatus.OPEN, PollStatus.CLOSED):
            raise DomainError("Протоколы участков вносятся во время голосования и до "
                              "публикации итогов.")
        clean = _paper_counts(poll, list(poll.options.all()), ballots_count, counts)
        result = PaperResult.objects.select_for_update().filter(
            poll=poll, point_name=point_name).first()
        before = None
        if result is None:
            result = PaperResult(poll=poll, point_name=point_name)
        else:
            before = {"ballots_count": result.ballots_count, "counts": result.counts}
        result.ballots_count, result.counts, result.entered_by = ballots_count, clean, actor
        result.save()
        audit_record(actor=actor, action="voting.paper_result", obj=poll, before=before,
                     after={"point": point_name, "ballots_count": ballots_count,
                            "counts": clean})
    return result


def settlements_of(municipality: Municipality, ids: Iterable[Any]) -> list[Settlement]:
    """Settlements chosen by id (the form's and the API's input); a foreign or unknown
    id is an error."""
    try:
        wanted = {int(i) for i in ids}
    except (TypeError, ValueError):
        raise _error("settlements", "Населённые пункты указываются номерами.") from None
    found = list(Settlement.objects.filter(pk__in=wanted, municipality=municipality))
    if len(found) != len(wanted):
        raise _error("settlements", "Населённые пункты должны относиться к этому "
                                    "муниципальному образованию.")
    return found
