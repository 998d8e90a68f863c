"""Casting a ballot: the integrity of the vote lives here and in the models.

``ballot_cast`` writes the register row (who voted) and the ballot (what was chosen)
in ONE transaction. The register's unique (poll, user) refuses a second ballot in
the database itself, whatever the number of concurrent requests. The ballot carries
no voter, no time finer than the day, a random key; the audit event names the poll
and the voter (the register, known to staff) and never the choices; nothing here
logs (see also zemstvo.voting.logfilter, which keeps ballot SQL out of the logs).
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Iterable, Mapping
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Prefetch
from django.utils import timezone

from zemstvo.core.audit.models import AuditEvent
from zemstvo.core.audit.services import (
    append_event,
    chain_append_postgresql,
    mark_appended,
    new_event,
)
from zemstvo.core.errors import DomainError, NotAllowed, NotFound
from zemstvo.core.permissions import can
from zemstvo.voting import eligibility
from zemstvo.voting.models import (
    Ballot,
    BallotChoice,
    BallotType,
    Poll,
    PollOption,
    PollStatus,
    VoteChannel,
    VoterRegister,
)

# Crockford-like alphabet without 0/O, 1/I/L: a code read aloud or typed from paper.
_RECEIPT_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
_RECEIPT_LENGTH = 16  # 16 × log2(31) ≈ 79 bits
FREE_TEXT_MAX = 2000
_CLOSED = "Голосование завершено: бюллетени больше не принимаются."


class AlreadyVoted(DomainError):
    """A second ballot of the same person (API: 409)."""


class OutsideWindow(DomainError):
    """The vote has not started or is over (API: 409)."""


class NotEligible(NotAllowed):
    """The person may not vote here; the message says why (API: 403)."""


@dataclass(frozen=True)
class CheckedBallot:
    """A valid ballot: option id -> points (1 for every ticked option)."""

    marks: dict[int, int]
    total_cost: Decimal | None = None


def new_receipt() -> str:
    raw = "".join(secrets.choice(_RECEIPT_ALPHABET) for _ in range(_RECEIPT_LENGTH))
    return "-".join(raw[i:i + 4] for i in range(0, _RECEIPT_LENGTH, 4))


def normalise_receipt(code: str) -> str:
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def receipt_hash(code: str) -> str:
    return hashlib.sha256(normalise_receipt(code).encode()).hexdigest()


def _invalid(message: str, field: str = "choices") -> DomainError:
    return DomainError(message, field_errors={field: [message]})


def _as_ids(values: Iterable[Any]) -> list[int]:
    ids = []
    for value in values:
        if isinstance(value, bool):
            raise _invalid("Варианты указываются номерами.")
        try:
            ids.append(int(value))
        except (TypeError, ValueError):
            raise _invalid("Варианты указываются номерами.") from None
    return ids


def check_choices(poll: Poll, options: list[PollOption], *, choices: Any = None,
                  points: Any = None) -> CheckedBallot:
    """Validate a ballot against the poll's type; raise DomainError with the reason."""
    by_id = {o.pk: o for o in options}
    if poll.uses_points:
        return _check_points(poll, by_id, points)
    if points:
        raise _invalid("В этом голосовании баллы не распределяются: отметьте варианты.")
    ids = _as_ids(choices or [])
    if len(set(ids)) != len(ids):
        raise _invalid("Каждый вариант можно отметить только один раз.")
    if any(i not in by_id for i in ids):
        raise _invalid("Отмечен вариант, которого нет в этом голосовании.")
    if not ids:
        raise _invalid("Отметьте хотя бы один вариант.")
    if poll.ballot_type == BallotType.SINGLE and len(ids) != 1:
        raise _invalid("Отметьте один вариант.")
    if poll.ballot_type == BallotType.MULTIPLE:
        if len(ids) < poll.min_choices:
            raise _invalid(f"Отметьте не меньше {poll.min_choices} вариантов.")
        if len(ids) > poll.max_choices:
            raise _invalid(f"Отметьте не больше {poll.max_choices} вариантов.")
    total = None
    if poll.ballot_type == BallotType.BUDGET:
        total = sum((by_id[i].cost or Decimal(0) for i in ids), Decimal(0))
        if poll.max_count and len(ids) > poll.max_count:
            raise _invalid(f"Можно выбрать не больше {poll.max_count} проектов.")
        if poll.budget is not None and total > poll.budget:
            raise _invalid(f"Выбранные проекты стоят {total:,.0f} ₽ — больше бюджета "
                           f"{poll.budget:,.0f} ₽. Снимите отметку с одного из них."
                           .replace(",", " "))
    return CheckedBallot({i: 1 for i in ids}, total)


def _check_points(poll: Poll, by_id: dict[int, PollOption], points: Any) -> CheckedBallot:
    if not isinstance(points, Mapping):
        raise _invalid("Распределите баллы между вариантами.", "points")
    marks: dict[int, int] = {}
    for key, value in points.items():
        (option_id,) = _as_ids([key])
        if option_id not in by_id:
            raise _invalid("Баллы отданы варианту, которого нет в этом голосовании.", "points")
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise _invalid("Баллы — целые числа не меньше нуля.", "points")
        try:
            amount = int(value)
        except ValueError:
            raise _invalid("Баллы — целые числа не меньше нуля.", "points") from None
        if amount < 0:
            raise _invalid("Баллы — целые числа не меньше нуля.", "points")
        if amount:
            marks[option_id] = amount
    given = sum(marks.values())
    if not given:
        raise _invalid("Отдайте хотя бы один балл.", "points")
    if given > (poll.points_total or 0):
        raise _invalid(f"Распределено {given} баллов, а у участника их {poll.points_total}.",
                       "points")
    return CheckedBallot(marks)


def check_window(poll: Poll, now: datetime) -> None:
    if poll.status == PollStatus.DRAFT:
        raise NotFound("Голосование не найдено.")
    if poll.status != PollStatus.OPEN or now >= poll.closes_at:
        raise OutsideWindow(_CLOSED)
    if now < poll.opens_at:
        start = timezone.localtime(poll.opens_at, poll.municipality.tz)
        raise OutsideWindow(f"Голосование ещё не началось: оно откроется {start:%d.%m.%Y} "
                            f"в {start:%H:%M} по местному времени.")


# An open poll's conditions (territory, options, ballot type, minimum age) are fixed
# when it opens (services._require_draft), so a worker may keep the poll a few seconds
# instead of reading it with its options for every ballot; ballot_cast re-reads the
# poll's status inside its transaction, which is what closing changes.
_open_polls: dict[int, tuple[float, Poll]] = {}


def poll_for_ballot(pk: int) -> Poll:
    """The open or closed (not draft) poll ``pk`` with its municipality, settlements
    and options, else NotFound; open polls come from the worker's short-lived copy
    (ZEMSTVO_OPEN_POLL_CACHE_SECONDS, 0 turns it off)."""
    lifetime = settings.ZEMSTVO_OPEN_POLL_CACHE_SECONDS
    kept = _open_polls.get(pk)
    if kept is not None and time.monotonic() - kept[0] < lifetime:
        return kept[1]
    poll = (Poll.objects.exclude(status=PollStatus.DRAFT).select_related("municipality")
            .prefetch_related("settlements", Prefetch(
                "options", queryset=PollOption.objects.order_by("position", "id")))
            .filter(pk=pk).first())
    if poll is None:
        raise NotFound("Голосование не найдено.")
    if lifetime and poll.status == PollStatus.OPEN:
        _open_polls[pk] = (time.monotonic(), poll)
    return poll


def ballot_cast(*, actor: Any, poll: Poll, choices: Any = None, points: Any = None,
                free_text: str = "", now: datetime | None = None) -> str:
    """Cast the actor's ballot; return the receipt code (shown once; only its hash is
    kept). Errors: NotEligible (with the reason), OutsideWindow, AlreadyVoted,
    DomainError for an invalid ballot — and then nothing is written."""
    now = now or timezone.now()
    reason = eligibility.refusal(actor, poll)
    if reason is None and not can(actor, "voting.vote", poll):
        reason = "Недостаточно прав для голосования."
    if reason is not None:
        raise NotEligible(reason)
    check_window(poll, now)
    options = list(poll.options.all())
    checked = check_choices(poll, options, choices=choices, points=points)
    free_text = (free_text or "").strip()
    if free_text and not poll.free_text_question:
        raise _invalid("В этом голосовании нет вопроса со свободным ответом.", "free_text")
    if len(free_text) > FREE_TEXT_MAX:
        raise _invalid(f"Ответ слишком длинный: не больше {FREE_TEXT_MAX} символов.",
                       "free_text")
    day = eligibility.local_date(poll, now)
    code = new_receipt()
    try:
        written = _write_ballot(poll, actor, day, receipt_hash(code), free_text,
                                checked.marks)
    except IntegrityError:
        # Read after the rollback: the register row that was there first.
        message = already_voted_message(poll, actor)
        if message is None:  # not the register's constraint
            raise
        raise AlreadyVoted(message) from None
    if not written:
        raise OutsideWindow(_CLOSED)
    return code


def already_voted_message(poll: Poll, person: Any) -> str | None:
    """Why a second ballot is refused, naming how the first was given; None when the
    person is not in the register."""
    first = register_row(poll, person.pk)
    if first is None:
        return None
    if first.channel == VoteChannel.PAPER:
        point = first.polling_point.point_name if first.polling_point else ""
        return (f"Вы уже проголосовали в этом голосовании бумажным бюллетенем на участке "
                f"«{point}» ({first.voted_on:%d.%m.%Y}).")
    return "Вы уже проголосовали в этом голосовании."


def register_row(poll: Poll, user_id: int) -> VoterRegister | None:
    """The person's row of the register of who voted (with its polling point)."""
    return (VoterRegister.objects.filter(poll=poll, user_id=user_id)
            .select_related("polling_point").first())


def poll_is_open(poll: Poll) -> bool:
    """Inside a transaction that writes to the register: whether the poll is still
    open. On PostgreSQL the row stays share-locked to commit, so poll_close's FOR
    UPDATE waits for the write (many writers share the lock); SQLite writes one
    transaction at a time."""
    sql = "SELECT status FROM voting_poll WHERE id = %s"
    if connection.vendor == "postgresql":
        sql += " FOR SHARE"
    with connection.cursor() as cursor:
        cursor.execute(sql, [poll.pk])
        row = cursor.fetchone()
    return row is not None and row[0] == PollStatus.OPEN


def _write_ballot(poll: Poll, actor: Any, day: Any, receipt: str, free_text: str,
                  marks: dict[int, int]) -> bool:
    """In one transaction: the register row, the ballot, its marks and the audit event,
    if the poll is still open; False (nothing written) when it is closed. IntegrityError
    when the register already has the person (and then nothing is written either)."""
    # Who voted (the register) — never what, never the ballot's key.
    event = new_event(actor=actor, action="voting.voted", obj=poll,
                      municipality=poll.municipality)
    if connection.vendor == "postgresql":
        # In autocommit the one message is its own transaction; inside the caller's, a
        # savepoint, so that a refused ballot leaves the caller's transaction usable.
        with transaction.atomic() if connection.in_atomic_block else nullcontext():
            return _write_ballot_postgresql(poll, actor, day, receipt, free_text, marks,
                                            event)
    with transaction.atomic():
        if not poll_is_open(poll):
            return False
        VoterRegister.objects.create(poll=poll, user=actor, voted_on=day)
        ballot = Ballot.objects.create(poll=poll, receipt_hash=receipt, cast_on=day,
                                       free_text=free_text)
        BallotChoice.objects.bulk_create(
            BallotChoice(ballot=ballot, poll=poll, option_id=option_id, points=amount)
            for option_id, amount in marks.items()
        )
        append_event(event)
    return True


# One message, one round trip, one transaction: the casting statement, then the audit
# event. In the casting statement each part reads the one before it: no open poll, no
# register row; no register row, no ballot; so a closed poll writes nothing, and a
# second ballot of the person fails as a whole on the register's unique (poll, user),
# which ends the message before the audit. After waiting for a concurrent poll_close,
# FOR SHARE re-reads the row and sees it closed. The poll's share lock comes before
# the audit chain's lock, in the order poll_close takes them.
_CAST_SQL = """
WITH poll AS (
    SELECT id FROM voting_poll WHERE id = %(poll)s AND status = 'open' FOR SHARE
), voter AS (
    INSERT INTO voting_voterregister (poll_id, user_id, voted_on, channel)
    SELECT id, %(user)s, %(day)s, 'online' FROM poll
    RETURNING poll_id
), ballot AS (
    INSERT INTO voting_ballot (id, poll_id, receipt_hash, cast_on, free_text)
    SELECT gen_random_uuid(), poll_id, %(receipt)s, %(day)s, %(free_text)s FROM voter
    RETURNING id
)
INSERT INTO voting_ballotchoice (id, ballot_id, poll_id, option_id, points)
SELECT gen_random_uuid(), ballot.id, %(poll)s, mark.option_id, mark.points
FROM ballot, unnest(%(options)s::bigint[], %(points)s::integer[]) AS mark(option_id, points);
"""
# The audit statement sees what the casting statement wrote. The ballot was written
# exactly when the poll is open (our share lock keeps it so) and the person is in the
# register: had the person been there before, the casting statement would have failed.
_WRITTEN = """EXISTS (
    SELECT 1 FROM voting_poll p JOIN voting_voterregister r ON r.poll_id = p.id
    WHERE p.id = %(poll)s AND p.status = 'open' AND r.user_id = %(user)s
)"""


def _write_ballot_postgresql(poll: Poll, actor: Any, day: Any, receipt: str, free_text: str,
                             marks: dict[int, int], event: AuditEvent) -> bool:
    audit_sql, audit_params = chain_append_postgresql(event, condition=_WRITTEN)
    with connection.cursor() as cursor:
        cursor.execute(_CAST_SQL + audit_sql, {
            "poll": poll.pk, "user": actor.pk, "day": day, "receipt": receipt,
            "free_text": free_text, "options": list(marks), "points": list(marks.values()),
            **audit_params,
        })
        cursor.nextset()  # the chain's lock
        cursor.nextset()  # the audit event, when the ballot was written
        row = cursor.fetchone()
    if row is None:
        return False
    mark_appended(event, row)
    return True


def has_voted(user: Any, poll: Poll) -> bool:
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return VoterRegister.objects.filter(poll=poll, user=user).exists()
