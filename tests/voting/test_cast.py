"""Casting a ballot: eligibility with its reason, the window, the validity of each
ballot type, one ballot per person (also under concurrent requests), the receipt.
Every refused ballot writes nothing."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from tests.factories import SettlementFactory, UserFactory, VerifiedResidentFactory
from tests.voting.conftest import option_ids
from tests.voting.factories import poll_with_options
from zemstvo.core.audit.models import AuditEvent
from zemstvo.core.audit.selectors import verify_chain
from zemstvo.core.errors import DomainError
from zemstvo.voting import services
from zemstvo.voting.ballots import receipt_hash
from zemstvo.voting.models import Ballot, BallotChoice, Poll, PollStatus, VoterRegister
from zemstvo.voting.services import AlreadyVoted, NotEligible, OutsideWindow, ballot_cast

pytestmark = pytest.mark.django_db


def nothing_written(poll) -> bool:
    return not (VoterRegister.objects.filter(poll=poll).exists()
                or Ballot.objects.filter(poll=poll).exists()
                or BallotChoice.objects.filter(poll=poll).exists()
                or AuditEvent.objects.filter(action="voting.voted").exists())


def test_a_verified_resident_votes_and_gets_a_receipt_whose_hash_is_kept(
        poll, verified_resident):
    first = option_ids(poll)[0]
    code = ballot_cast(actor=verified_resident, poll=poll, choices=[first])
    assert len(code) == 19 and code.count("-") == 3
    ballot = Ballot.objects.get(poll=poll)
    assert ballot.receipt_hash == receipt_hash(code)
    assert code not in str(Ballot.objects.filter(poll=poll).values().first())
    assert list(ballot.choices.values_list("option_id", flat=True)) == [first]
    assert VoterRegister.objects.get(poll=poll).user == verified_resident
    assert ballot.cast_on == timezone.localdate()


def test_a_second_ballot_is_refused_and_changes_nothing(poll, verified_resident):
    first, second = option_ids(poll)[:2]
    ballot_cast(actor=verified_resident, poll=poll, choices=[first])
    with pytest.raises(AlreadyVoted, match="Вы уже проголосовали"):
        ballot_cast(actor=verified_resident, poll=poll, choices=[second])
    assert Ballot.objects.filter(poll=poll).count() == 1
    assert BallotChoice.objects.get(poll=poll).option_id == first
    assert AuditEvent.objects.filter(action="voting.voted").count() == 1


@pytest.mark.parametrize("who, reason", [
    ("registered", "подтверждённой личностью"),
    ("elsewhere", "участвуют жители: Городской округ Тестоград"),
    ("no_birth_date", "нет даты рождения"),
    ("too_young", "исполнилось 18 лет"),
])
def test_an_ineligible_person_is_refused_with_the_reason(poll, municipality, settlement,
                                                         other_municipality, who, reason):
    people = {
        "registered": lambda: UserFactory(residence_municipality=municipality),
        "elsewhere": lambda: VerifiedResidentFactory(residence_municipality=other_municipality),
        "no_birth_date": lambda: VerifiedResidentFactory(residence_municipality=municipality,
                                                         birth_date=None),
        "too_young": lambda: VerifiedResidentFactory(
            residence_municipality=municipality,
            birth_date=timezone.localdate() - timedelta(days=365 * 17)),
    }
    with pytest.raises(NotEligible, match=reason):
        ballot_cast(actor=people[who](), poll=poll, choices=option_ids(poll)[:1])
    assert nothing_written(poll)


def test_age_is_counted_on_the_opening_day_in_local_time(municipality, settlement):
    """Eighteen on the first day of the vote: may vote; eighteen the day after: may not."""
    poll = poll_with_options(municipality)
    opening = timezone.localtime(poll.opens_at, municipality.tz).date()
    of_age = VerifiedResidentFactory(residence_municipality=municipality,
                                     birth_date=opening.replace(year=opening.year - 18))
    day_late = VerifiedResidentFactory(
        residence_municipality=municipality,
        birth_date=opening.replace(year=opening.year - 18) + timedelta(days=1))
    ballot_cast(actor=of_age, poll=poll, choices=option_ids(poll)[:1])
    with pytest.raises(NotEligible):
        ballot_cast(actor=day_late, poll=poll, choices=option_ids(poll)[:1])


def test_a_poll_of_some_settlements_refuses_residents_of_others(municipality, settlement,
                                                                 verified_resident):
    village = SettlementFactory(municipality=municipality, name="Заречье", kind="д")
    poll = poll_with_options(municipality)
    poll.settlements.set([village])
    with pytest.raises(NotEligible, match="населённых пунктов: д Заречье"):
        ballot_cast(actor=verified_resident, poll=poll, choices=option_ids(poll)[:1])
    villager = VerifiedResidentFactory(residence_municipality=municipality,
                                       residence_settlement=village)
    ballot_cast(actor=villager, poll=poll, choices=option_ids(poll)[:1])


@pytest.mark.parametrize("moment, message", [
    (-2, "ещё не началось"), (8, "завершено"),
])
def test_outside_the_window_nothing_is_accepted(poll, verified_resident, moment, message):
    poll.opens_at = timezone.now() + timedelta(days=1) if moment < 0 else poll.opens_at
    poll.save()
    now = timezone.now() + timedelta(days=max(moment, 0))
    with pytest.raises(OutsideWindow, match=message):
        ballot_cast(actor=verified_resident, poll=poll, choices=option_ids(poll)[:1], now=now)
    assert nothing_written(poll)


def test_a_closed_poll_accepts_nothing_even_inside_its_old_window(poll, verified_resident):
    Poll.objects.filter(pk=poll.pk).update(status=PollStatus.CLOSED)
    poll.refresh_from_db()
    with pytest.raises(OutsideWindow):
        ballot_cast(actor=verified_resident, poll=poll, choices=option_ids(poll)[:1])
    assert nothing_written(poll)


@pytest.mark.parametrize("choices, message", [
    ([], "хотя бы один"),
    (["first", "second"], "Отметьте один вариант"),
    ([999999], "которого нет"),
    (["x"], "номерами"),
    (["first", "first"], "только один раз"),
])
def test_an_invalid_single_choice_ballot_is_refused(poll, verified_resident, choices, message):
    ids = dict(zip(["first", "second"], option_ids(poll), strict=False))
    given = [ids.get(c, c) for c in choices]
    with pytest.raises(DomainError, match=message) as caught:
        ballot_cast(actor=verified_resident, poll=poll, choices=given)
    assert caught.value.field_errors["choices"]
    assert nothing_written(poll)


@pytest.mark.parametrize("count, ok", [(1, False), (2, True), (3, True), (4, False)])
def test_multiple_choice_respects_its_minimum_and_maximum(multiple_poll, verified_resident,
                                                          count, ok):
    choices = option_ids(multiple_poll)[:count]
    if ok:
        ballot_cast(actor=verified_resident, poll=multiple_poll, choices=choices)
        assert BallotChoice.objects.filter(poll=multiple_poll).count() == count
    else:
        with pytest.raises(DomainError, match="не меньше 2|не больше 3"):
            ballot_cast(actor=verified_resident, poll=multiple_poll, choices=choices)
        assert nothing_written(multiple_poll)


def test_a_budget_ballot_must_fit_the_budget(budget, verified_resident):
    a, b, c, d = option_ids(budget)
    with pytest.raises(DomainError, match="1 100 000 ₽ — больше бюджета 1 000 000 ₽"):
        ballot_cast(actor=verified_resident, poll=budget, choices=[a, b])
    assert nothing_written(budget)
    ballot_cast(actor=verified_resident, poll=budget, choices=[b, c, d])
    assert BallotChoice.objects.filter(poll=budget).count() == 3


def test_a_budget_ballot_respects_the_maximum_count(budget, verified_resident):
    budget.max_count = 2
    budget.save()
    with pytest.raises(DomainError, match="не больше 2 проектов"):
        ballot_cast(actor=verified_resident, poll=budget, choices=option_ids(budget)[1:])
    assert nothing_written(budget)


@pytest.mark.parametrize("points, message", [
    ({}, "хотя бы один балл"),
    ({"first": 8, "second": 3}, "Распределено 11 баллов"),
    ({"first": -1}, "не меньше нуля"),
    ({"first": "два"}, "не меньше нуля"),
    ({"999999": 1}, "которого нет"),
])
def test_an_invalid_cumulative_ballot_is_refused(cumulative_poll, verified_resident, points,
                                                 message):
    ids = dict(zip(["first", "second"], option_ids(cumulative_poll), strict=False))
    given = {str(ids.get(k, k)): v for k, v in points.items()}
    with pytest.raises(DomainError, match=message):
        ballot_cast(actor=verified_resident, poll=cumulative_poll, points=given)
    assert nothing_written(cumulative_poll)


def test_a_cumulative_ballot_keeps_the_points(cumulative_poll, verified_resident):
    park, school, road = option_ids(cumulative_poll)
    ballot_cast(actor=verified_resident, poll=cumulative_poll,
                points={str(park): 6, str(school): 4, str(road): 0})
    assert dict(BallotChoice.objects.values_list("option_id", "points")) == {park: 6, school: 4}


def test_free_text_is_only_for_a_survey_question(poll, verified_resident):
    with pytest.raises(DomainError, match="нет вопроса"):
        ballot_cast(actor=verified_resident, poll=poll, choices=option_ids(poll)[:1],
                    free_text="Сделайте тротуар")
    assert nothing_written(poll)


@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_ballots_of_one_voter_make_one_ballot(municipality, settlement):
    """GIVEN one voter WHEN 50 requests cast at once (threads with their own database
    connections on PostgreSQL; SQLite writes one at a time, so there they run in turn)
    THEN exactly one ballot, one register row and one audit event exist."""
    voter = VerifiedResidentFactory(residence_municipality=municipality,
                                    residence_settlement=settlement)
    poll = poll_with_options(municipality)
    choice = option_ids(poll)[:1]
    results: list[str] = []
    lock = threading.Lock()

    def attempt(_n: int) -> None:
        try:
            ballot_cast(actor=voter, poll=poll, choices=choice)
            outcome = "ok"
        except AlreadyVoted:
            outcome = "again"
        finally:
            if connection.vendor == "postgresql":
                connections.close_all()
        with lock:
            results.append(outcome)

    if connection.vendor == "postgresql":
        with ThreadPoolExecutor(max_workers=50) as pool:
            list(pool.map(attempt, range(50)))
    else:
        for n in range(50):
            attempt(n)
    assert sorted(set(results)) == ["again", "ok"]
    assert results.count("ok") == 1 and results.count("again") == 49
    assert VoterRegister.objects.filter(poll=poll).count() == 1
    assert Ballot.objects.filter(poll=poll).count() == 1
    assert BallotChoice.objects.filter(poll=poll).count() == 1
    assert AuditEvent.objects.filter(action="voting.voted").count() == 1


def _at_once(work, count: int) -> None:
    """Run work(0..count-1) in threads with their own connections on PostgreSQL; in
    turn on SQLite, which writes one transaction at a time."""
    def run(n: int) -> None:
        try:
            work(n)
        finally:
            if connection.vendor == "postgresql":
                connections.close_all()

    if connection.vendor == "postgresql":
        with ThreadPoolExecutor(max_workers=count) as pool:
            list(pool.map(run, range(count)))
    else:
        for n in range(count):
            run(n)


@pytest.mark.django_db(transaction=True)
def test_concurrent_ballots_of_many_voters_each_append_one_linked_audit_event(
        municipality, settlement):
    """GIVEN 30 voters casting at once WHEN they are done THEN 30 ballots, 30 register
    rows and 30 audit events, and the audit chain holds (each event links to the one
    committed before it, though the database computed the hashes)."""
    voters = [VerifiedResidentFactory(residence_municipality=municipality,
                                      residence_settlement=settlement) for _ in range(30)]
    poll = poll_with_options(municipality)
    choice = option_ids(poll)[:1]
    _at_once(lambda n: ballot_cast(actor=voters[n], poll=poll, choices=choice), 30)
    assert Ballot.objects.filter(poll=poll).count() == 30
    assert VoterRegister.objects.filter(poll=poll).count() == 30
    events = AuditEvent.objects.filter(action="voting.voted")
    assert sorted(events.values_list("actor_id", flat=True)) == sorted(v.pk for v in voters)
    assert verify_chain().ok


@pytest.mark.django_db(transaction=True)
def test_a_poll_closed_while_ballots_are_cast_counts_exactly_the_ballots_answered(
        municipality, settlement, municipal_admin):
    """GIVEN 20 voters casting while staff close the vote WHEN all are done THEN no
    deadlock (the cast takes the poll's lock before the audit chain's, as the close
    does), every ballot that got a receipt is counted, every other was refused as
    outside the window, and the chain holds."""
    voters = [VerifiedResidentFactory(residence_municipality=municipality,
                                      residence_settlement=settlement) for _ in range(20)]
    poll = poll_with_options(municipality)
    choice = option_ids(poll)[:1]
    outcomes: list[str] = []

    def work(n: int) -> None:
        if n == 10:
            services.poll_close(actor=municipal_admin, poll=Poll.objects.get(pk=poll.pk))
            outcomes.append("closed")
            return
        try:
            ballot_cast(actor=voters[n if n < 10 else n - 1], poll=poll, choices=choice)
            outcomes.append("ok")
        except OutsideWindow:
            outcomes.append("refused")

    _at_once(work, 21)
    assert outcomes.count("closed") == 1
    assert outcomes.count("ok") + outcomes.count("refused") == 20
    assert Ballot.objects.filter(poll=poll).count() == outcomes.count("ok")
    assert AuditEvent.objects.filter(action="voting.voted").count() == outcomes.count("ok")
    assert verify_chain().ok


def _rows_read_by_scans(table: str) -> int:
    """Rows of ``table`` read by sequential scans so far (every backend's statistics,
    this one's flushed first)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_force_next_flush()")
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute("SELECT coalesce(seq_tup_read, 0) FROM pg_stat_user_tables "
                       "WHERE relname = %s", [table])
        return cursor.fetchone()[0]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner")
@pytest.mark.django_db(transaction=True)
def test_casting_never_reads_the_ballot_table_even_when_planned_nearly_empty(
        municipality, settlement):
    """GIVEN statistics taken while the ballot table was empty (a vote's opening after
    a routine VACUUM ANALYZE) WHEN 40 ballots are cast, each committed, on one
    connection THEN no row of the ballot table is read: a foreign-key check of each
    mark, planned once for the empty table, would scan all the ballots before it."""
    voters = [VerifiedResidentFactory(residence_municipality=municipality,
                                      residence_settlement=settlement) for _ in range(40)]
    poll = poll_with_options(municipality)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE voting_ballot")
    before = _rows_read_by_scans("voting_ballot")
    for voter in voters:
        ballot_cast(actor=voter, poll=poll, choices=option_ids(poll)[:1])
    assert _rows_read_by_scans("voting_ballot") == before
    assert Ballot.objects.filter(poll=poll).count() == 40


def test_age_helper_counts_birthdays():
    from zemstvo.voting.eligibility import age_on

    assert age_on(date(2008, 3, 1), date(2026, 2, 28)) == 17
    assert age_on(date(2008, 3, 1), date(2026, 3, 1)) == 18
