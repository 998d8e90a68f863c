"""The life of a vote: create (with every bad input refused and nothing written),
options, open (rules of the opening date fixed), close (the roll fixed), publish;
the protocols of polling points."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from tests.factories import SettlementFactory, VerifiedResidentFactory
from tests.voting.conftest import option_ids
from zemstvo.core.audit.models import AuditEvent
from zemstvo.core.errors import DomainError, NotAllowed
from zemstvo.core.rules.services import rule_override_set
from zemstvo.voting import services
from zemstvo.voting.models import PaperResult, Poll, PollOption, PollStatus
from zemstvo.voting.services import PollInput

pytestmark = pytest.mark.django_db


def window(days_from_now: int = 1, length: int = 7) -> tuple[datetime, datetime]:
    start = timezone.now() + timedelta(days=days_from_now)
    return start, start + timedelta(days=length)


def data(**changes) -> PollInput:
    opens_at, closes_at = window()
    fields = {"title": "Какой двор благоустроить первым?", "opens_at": opens_at,
              "closes_at": closes_at}
    return PollInput(**(fields | changes))


def draft_with_options(admin, municipality, **changes) -> Poll:
    poll = services.poll_create(actor=admin, municipality=municipality, data=data(**changes))
    for title, cost in (("Двор на Лесной", 400_000), ("Двор на Садовой", 300_000)):
        services.option_add(actor=admin, poll=poll, title=title, cost=cost)
    return poll


def test_an_administrator_creates_a_draft_with_an_audit_event(municipal_admin, municipality):
    poll = services.poll_create(actor=municipal_admin, municipality=municipality, data=data())
    assert poll.status == PollStatus.DRAFT
    event = AuditEvent.objects.get(action="voting.create")
    assert event.object_id == str(poll.pk) and event.actor == municipal_admin


@pytest.mark.parametrize("changes, field", [
    ({"title": "abc"}, "title"),
    ({"kind": "referendum"}, "kind"),
    ({"ballot_type": "ranked"}, "ballot_type"),
    ({"closes_at": timezone.now() - timedelta(days=30)}, "closes_at"),
    ({"opens_at": datetime(2026, 1, 1, 10, 0)}, "closes_at"),
    ({"ballot_type": "multiple", "min_choices": 3, "max_choices": 2}, "max_choices"),
    ({"ballot_type": "budget", "budget": None}, "budget"),
    ({"ballot_type": "budget", "budget": Decimal("-5")}, "budget"),
    ({"ballot_type": "budget", "budget": Decimal("100"), "max_count": 0}, "max_count"),
    ({"ballot_type": "cumulative", "points_total": 0}, "points_total"),
    ({"free_text_question": "Что ещё?"}, "free_text_question"),
    ({"kind": "survey", "for_initiative_project": True}, "for_initiative_project"),
])
def test_bad_poll_input_is_refused_with_a_message_and_nothing_is_written(
        municipal_admin, municipality, changes, field):
    with pytest.raises(DomainError) as caught:
        services.poll_create(actor=municipal_admin, municipality=municipality,
                             data=data(**changes))
    assert caught.value.field_errors[field][0]
    assert not Poll.objects.exists() and not AuditEvent.objects.exists()


def test_settlements_of_another_municipality_are_refused(municipal_admin, municipality,
                                                         other_municipality):
    foreign = SettlementFactory(municipality=other_municipality)
    with pytest.raises(DomainError, match="этому муниципальному"):
        services.settlements_of(municipality, [foreign.pk])
    with pytest.raises(DomainError):
        services.poll_create(actor=municipal_admin, municipality=municipality,
                             data=data(settlements=[foreign]))
    assert not Poll.objects.exists()


@pytest.mark.parametrize("role", ["clerk", "analyst", "verified_resident", "other_admin"])
def test_only_the_administration_creates_votes(person, municipality, role):
    with pytest.raises(NotAllowed):
        services.poll_create(actor=person(role), municipality=municipality, data=data())
    assert not Poll.objects.exists()


def test_a_budget_option_needs_a_cost_and_titles_are_unique(municipal_admin, municipality):
    poll = services.poll_create(actor=municipal_admin, municipality=municipality,
                                data=data(ballot_type="budget", budget=Decimal(1_000_000)))
    with pytest.raises(DomainError, match="стоимость"):
        services.option_add(actor=municipal_admin, poll=poll, title="Сквер")
    with pytest.raises(DomainError, match="больше нуля"):
        services.option_add(actor=municipal_admin, poll=poll, title="Сквер", cost="-1")
    services.option_add(actor=municipal_admin, poll=poll, title="Сквер", cost="250 000")
    with pytest.raises(DomainError, match="уже есть"):
        services.option_add(actor=municipal_admin, poll=poll, title="Сквер", cost=1)
    assert list(PollOption.objects.values_list("cost", flat=True)) == [Decimal("250000")]


def test_opening_fixes_the_rules_of_the_opening_date(municipal_admin, municipality):
    """An initiative-project poll opening after 19.06.2025 follows 33-ФЗ (18 years)."""
    poll = draft_with_options(municipal_admin, municipality, for_initiative_project=True)
    poll = services.poll_open(actor=municipal_admin, poll=poll)
    assert poll.status == PollStatus.OPEN
    assert poll.min_age == 18
    assert poll.rules["voting.min_age"]["source"].startswith("33-ФЗ")
    assert AuditEvent.objects.filter(action="voting.open").count() == 1


def test_a_municipal_act_lowering_the_age_is_followed_and_frozen_at_opening(
        municipal_admin, municipality, operator):
    rule_override_set(actor=operator, key="voting.min_age", value=16,
                      effective_from=date(2025, 7, 1), source="Решение Думы № 12",
                      municipality=municipality)
    poll = draft_with_options(municipal_admin, municipality, for_initiative_project=True)
    poll = services.poll_open(actor=municipal_admin, poll=poll)
    assert poll.min_age == 16 and poll.rules["voting.min_age"]["source"] == "Решение Думы № 12"
    rule_override_set(actor=operator, key="voting.min_age", value=18,
                      effective_from=date(2025, 8, 1), source="Решение Думы № 20",
                      municipality=municipality)
    poll.refresh_from_db()
    assert poll.min_age == 16  # the vote keeps the rules of its start


def test_a_poll_opened_before_33_fz_followed_the_age_of_16(municipal_admin, municipality):
    opens_at = datetime(2025, 5, 10, 9, 0, tzinfo=ZoneInfo("Europe/Moscow"))
    poll = draft_with_options(municipal_admin, municipality, for_initiative_project=True,
                              opens_at=opens_at, closes_at=opens_at + timedelta(days=10))
    poll = services.poll_open(actor=municipal_admin, poll=poll, now=opens_at)
    assert poll.min_age == 16


@pytest.mark.parametrize("problem, message", [
    ("one_option", "хотя бы два"),
    ("too_many", "отметить можно до 5"),
    ("past", "уже прошло"),
])
def test_a_poll_that_is_not_ready_does_not_open(municipal_admin, municipality, problem,
                                                message):
    changes = {"too_many": {"ballot_type": "multiple", "min_choices": 1, "max_choices": 5}}
    poll = draft_with_options(municipal_admin, municipality, **changes.get(problem, {}))
    if problem == "one_option":
        poll.options.first().delete()
    now = poll.closes_at + timedelta(hours=1) if problem == "past" else None
    with pytest.raises(DomainError, match=message):
        services.poll_open(actor=municipal_admin, poll=poll, now=now)
    poll.refresh_from_db()
    assert poll.status == PollStatus.DRAFT and poll.rules == {}


def test_a_budget_project_dearer_than_the_budget_blocks_opening(municipal_admin,
                                                                municipality):
    poll = draft_with_options(municipal_admin, municipality, ballot_type="budget",
                              budget=Decimal(350_000))
    with pytest.raises(DomainError, match="дороже всего бюджета: Двор на Лесной"):
        services.poll_open(actor=municipal_admin, poll=poll)


def test_an_open_poll_can_no_longer_be_edited(municipal_admin, municipality):
    poll = services.poll_open(actor=municipal_admin,
                              poll=draft_with_options(municipal_admin, municipality))
    with pytest.raises(DomainError, match="только черновик"):
        services.poll_update(actor=municipal_admin, poll=poll, data=data(title="Новое имя"))
    with pytest.raises(DomainError, match="только черновик"):
        services.option_add(actor=municipal_admin, poll=poll, title="Ещё вариант")
    assert Poll.objects.get().title == "Какой двор благоустроить первым?"


def test_close_fixes_the_eligible_roll_and_publish_follows(municipal_admin, municipality,
                                                           verified_resident, voters):
    poll = draft_with_options(municipal_admin, municipality)
    poll.opens_at = timezone.now() - timedelta(hours=1)
    poll.save()
    poll = services.poll_open(actor=municipal_admin, poll=poll)
    with pytest.raises(DomainError, match="после завершения"):
        services.poll_publish(actor=municipal_admin, poll=poll)
    poll = services.poll_close(actor=municipal_admin, poll=poll)
    assert poll.status == PollStatus.CLOSED
    assert poll.eligible_count == 6  # verified_resident and five voters
    assert poll.closes_at <= timezone.now()
    VerifiedResidentFactory(residence_municipality=municipality)
    poll.refresh_from_db()
    assert poll.eligible_count == 6
    poll = services.poll_publish(actor=municipal_admin, poll=poll)
    assert poll.status == PollStatus.PUBLISHED
    with pytest.raises(DomainError, match="только идущее"):
        services.poll_close(actor=municipal_admin, poll=poll)


def test_a_poll_cannot_close_before_it_starts(municipal_admin, municipality):
    poll = services.poll_open(actor=municipal_admin,
                              poll=draft_with_options(municipal_admin, municipality))
    with pytest.raises(DomainError, match="ещё не началось"):
        services.poll_close(actor=municipal_admin, poll=poll)


def test_a_clerk_enters_and_corrects_a_protocol_with_audit(clerk, poll):
    a, b, c = option_ids(poll)
    services.paper_result_save(actor=clerk, poll=poll, point_name="Участок № 1",
                               ballots_count=10, counts={a: 6, b: 3})
    services.paper_result_save(actor=clerk, poll=poll, point_name="Участок № 1",
                               ballots_count=10, counts={a: 5, b: 4, c: 1})
    result = PaperResult.objects.get()
    assert result.counts == {str(a): 5, str(b): 4, str(c): 1}
    events = AuditEvent.objects.filter(action="voting.paper_result").order_by("id")
    assert [e.before for e in events][1]["counts"] == {str(a): 6, str(b): 3, str(c): 0}


@pytest.mark.parametrize("ballots, counts, field", [
    (-1, {}, "ballots_count"),
    ("много", {}, "ballots_count"),
    (10, {"first": -2}, "counts"),
    (10, {"first": 8, "second": 5}, "counts"),
    (10, {"999999": 1}, "counts"),
    (10, {"first": "x"}, "counts"),
])
def test_a_bad_protocol_is_refused_and_nothing_written(clerk, poll, ballots, counts, field):
    ids = dict(zip(["first", "second"], option_ids(poll), strict=False))
    given = {ids.get(k, k): v for k, v in counts.items()}
    with pytest.raises(DomainError) as caught:
        services.paper_result_save(actor=clerk, poll=poll, point_name="Участок № 1",
                                   ballots_count=ballots, counts=given)
    assert field in caught.value.field_errors
    assert not PaperResult.objects.exists() and not AuditEvent.objects.exists()


def test_an_analyst_may_not_enter_a_protocol(analyst, poll):
    with pytest.raises(NotAllowed):
        services.paper_result_save(actor=analyst, poll=poll, point_name="Участок № 1",
                                   ballots_count=1, counts={})
