"""The paper roll: voting on paper at a polling point, checked person by person against
the same register of who voted as the electronic vote.

At a polling point the staff member who keeps the protocols (policy
``voting.paper_roll``) finds the resident in the eligible roll of the poll's territory
(zemstvo.voting.eligibility) by name or birth date and marks them as given a paper
ballot. The mark is the resident's row of ``VoterRegister`` with the channel «paper»
and the polling point, so the register's unique (poll, user) refuses both a later
online ballot and a paper ballot for a resident who already voted online (131-ФЗ
ст. 31: one resident, one voice in a poll, whatever the way of voting).

The secret ballot holds: the mark names the point, never a ballot (a paper ballot is
not in the database at all — the point's protocol carries only counts). The counts of
the results still come from the protocols (PaperResult); the marks are the check
beside them: ballots issued by the roll at each point.

Reading the roll shows personal data (names, birth dates), so each search is written
to the audit log as ``voting.view_roll``; each mark is a state change
(``voting.paper_ballot``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from zemstvo.core.accounts.models import User
from zemstvo.core.accounts.normalize import parse_date, text_filter
from zemstvo.core.audit.services import audit_record
from zemstvo.core.errors import DomainError
from zemstvo.core.permissions import require
from zemstvo.voting import eligibility
from zemstvo.voting.ballots import (
    AlreadyVoted,
    OutsideWindow,
    check_window,
    poll_is_open,
    register_row,
)
from zemstvo.voting.models import PaperResult, Poll, PollStatus, VoteChannel, VoterRegister

ROLL_LIMIT = 30
QUERY_MIN = 2
QUERY_MAX = 100
POINT_NAME_MAX = 200
NAME_FIELDS = ("last_name", "first_name", "patronymic")


@dataclass(frozen=True)
class RollEntry:
    """A resident of the eligible roll and whether (and how) they have voted."""

    person: User
    channel: str = ""  # "" — not voted yet; else VoteChannel
    point_name: str = ""
    voted_on: date | None = None

    @property
    def voted(self) -> bool:
        return bool(self.channel)

    @property
    def voted_online(self) -> bool:
        return self.channel == VoteChannel.ONLINE


def _error(field: str, message: str) -> DomainError:
    return DomainError(message, field_errors={field: [message]})


def clean_birth_date(value: Any) -> date | None:
    """A birth date typed as ГГГГ-ММ-ДД (the date input) or ДД.ММ.ГГГГ; empty is None."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    day = parse_date(str(value))
    if day is None:
        raise _error("birth_date", "Дата рождения — в виде ДД.ММ.ГГГГ.")
    return day


def clean_point_name(value: Any) -> str:
    name = " ".join(str(value or "").split())
    if not 1 <= len(name) <= POINT_NAME_MAX:
        raise _error("point", f"Укажите участок (пункт голосования), до {POINT_NAME_MAX} "
                              f"символов.")
    return name


def _roll_query(poll: Poll, query: str, day: date | None) -> QuerySet[User]:
    people = eligibility.eligible_roll(poll)
    for word in query.split():
        people = people.filter(text_filter(NAME_FIELDS, word))
    if day is not None:
        people = people.filter(birth_date=day)
    return people.select_related("residence_settlement").order_by(
        "last_name", "first_name", "patronymic", "pk")


def roll_search(*, actor: Any, poll: Poll, query: Any = "", birth_date: Any = None,
                limit: int = ROLL_LIMIT) -> list[RollEntry]:
    """Eligible residents of the poll's territory matching a name (every word in the
    surname, name or patronymic) and/or a birth date, with their mark in the register.
    At least one criterion: the roll is never listed whole. The read is audited."""
    require(actor, "voting.paper_roll", poll)
    if poll.status == PollStatus.DRAFT:
        raise DomainError("У черновика нет списка участников: голосование ещё не открыто.")
    query = " ".join(str(query or "").split())
    if len(query) > QUERY_MAX:
        raise _error("q", f"Запрос слишком длинный: не больше {QUERY_MAX} символов.")
    day = clean_birth_date(birth_date)
    if len(query.replace(" ", "")) < QUERY_MIN and day is None:
        raise _error("q", "Укажите фамилию или имя (не меньше двух букв) или дату рождения.")
    found = list(_roll_query(poll, query, day)[:limit])
    marks = {
        row.user_id: row for row in VoterRegister.objects.filter(
            poll=poll, user_id__in=[p.pk for p in found]).select_related("polling_point")
    }
    entries = []
    for person in found:
        row = marks.get(person.pk)
        if row is None:
            entries.append(RollEntry(person))
            continue
        entries.append(RollEntry(person, row.channel,
                                 row.polling_point.point_name if row.polling_point else "",
                                 row.voted_on))
    audit_record(actor=actor, action="voting.view_roll", obj=poll,
                 after={"query": query, "birth_date": day.isoformat() if day else None,
                        "shown": [p.pk for p in found]})
    return entries


def _point(poll: Poll, name: str) -> PaperResult:
    """The polling point's protocol row, opened empty (no ballots counted yet) when
    this is the point's first paper ballot."""
    found = PaperResult.objects.filter(poll=poll, point_name=name).first()
    if found is not None:
        return found
    zero = {str(o.pk): 0 for o in poll.options.all()}
    try:
        with transaction.atomic():
            return PaperResult.objects.create(poll=poll, point_name=name, ballots_count=0,
                                              counts=zero)
    except IntegrityError:  # opened by a colleague a moment ago
        return PaperResult.objects.get(poll=poll, point_name=name)


def _already(poll: Poll, resident_id: int) -> AlreadyVoted:
    row = register_row(poll, resident_id)
    if row is None or row.channel == VoteChannel.ONLINE:
        day = f" ({row.voted_on:%d.%m.%Y})" if row is not None else ""
        return AlreadyVoted(f"Житель уже проголосовал электронно{day}: бумажный бюллетень "
                            f"не выдаётся.")
    return AlreadyVoted(f"Житель уже получил бумажный бюллетень ({row.voted_on:%d.%m.%Y}) "
                        f"на участке «{row.polling_point.point_name}»: второй бюллетень "
                        f"не выдаётся.")


def _resident_id(value: Any) -> int:
    if isinstance(value, User):
        return value.pk
    if isinstance(value, bool):
        raise _error("resident", "Житель указывается номером.")
    try:
        return int(value)
    except (TypeError, ValueError):
        raise _error("resident", "Житель указывается номером.") from None


def paper_ballot_issue(*, actor: Any, poll: Poll, resident: Any, point: Any,
                       now: datetime | None = None) -> VoterRegister:
    """Mark ``resident`` (a User or its number) as given a paper ballot at the
    polling point ``point`` (its name, as on the protocol). Errors, and then nothing
    is written: NotAllowed; OutsideWindow; DomainError when the resident is not on
    the roll; AlreadyVoted when the register already has the resident (online or on
    paper) — the unique constraint decides, also under concurrent requests."""
    require(actor, "voting.paper_roll", poll)
    now = now or timezone.now()
    point_name = clean_point_name(point)
    resident_id = _resident_id(resident)
    check_window(poll, now)
    if not eligibility.eligible_roll(poll).filter(pk=resident_id).exists():
        raise _error("resident", "Этого жителя нет в списке участников голосования "
                                 "(территория, возраст, подтверждённая личность): бюллетень "
                                 "не выдаётся.")
    day = eligibility.local_date(poll, now)
    with transaction.atomic():
        if not poll_is_open(poll):
            raise OutsideWindow("Голосование завершено: бюллетени больше не выдаются.")
        polling_point = _point(poll, point_name)
        try:
            with transaction.atomic():
                row = VoterRegister.objects.create(
                    poll=poll, user_id=resident_id, voted_on=day, channel=VoteChannel.PAPER,
                    polling_point=polling_point)
        except IntegrityError:
            raise _already(poll, resident_id) from None
        audit_record(actor=actor, action="voting.paper_ballot", obj=poll,
                     municipality=poll.municipality,
                     after={"resident": resident_id, "point": point_name,
                            "channel": VoteChannel.PAPER, "voted_on": day.isoformat()})
    return row

