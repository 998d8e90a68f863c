"""The paper roll: a resident given a paper ballot at a polling point is written in the
same register of who voted as an online voter, so neither can vote twice; the roll's
search shows personal data to the protocol staff only and is audited; the protocols'
counts stay the paper count and the roll is the check beside them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory, VerifiedResidentFactory
from tests.voting.conftest import ROLES, option_ids
from tests.voting.factories import PollFactory
from zemstvo.core.accounts.token_services import api_token_issue
from zemstvo.core.audit.models import AuditEvent
from zemstvo.core.errors import DomainError, NotAllowed, NotFound
from zemstvo.voting import selectors
from zemstvo.voting.models import Ballot, PaperResult, PollStatus, VoteChannel, VoterRegister
from zemstvo.voting.paper_roll import paper_ballot_issue, roll_search
from zemstvo.voting.services import AlreadyVoted, OutsideWindow, ballot_cast, paper_result_save

pytestmark = pytest.mark.django_db

STAFF = {"clerk", "municipal_admin", "operator"}
POINT = "Участок № 1 (школа)"


def _written(poll) -> tuple[int, int, int, int]:
    return (VoterRegister.objects.filter(poll=poll).count(),
            PaperResult.objects.filter(poll=poll).count(), Ballot.objects.count(),
            AuditEvent.objects.filter(action="voting.paper_ballot").count())


@pytest.fixture
def anna(municipality, settlement):
    return VerifiedResidentFactory(last_name="Смирнова", first_name="Анна",
                                   patronymic="Петровна", birth_date=date(1990, 3, 8),
                                   residence_municipality=municipality,
                                   residence_settlement=settlement)


# --- the register: one row per person whatever the channel ---------------------------

def test_a_paper_ballot_writes_the_register_row_with_the_point_and_no_ballot(poll, clerk,
                                                                            anna):
    row = paper_ballot_issue(actor=clerk, poll=poll, resident=anna.pk, point=f"  {POINT} ")
    row.refresh_from_db()
    assert (row.channel, row.user, row.polling_point.point_name) == (
        VoteChannel.PAPER, anna, POINT)
    point = PaperResult.objects.get(poll=poll)
    # The point's protocol is opened empty: the paper count is what staff enter later.
    assert point.ballots_count == 0 and set(point.counts.values()) == {0}
    assert not Ballot.objects.exists()
    (event,) = AuditEvent.objects.filter(action="voting.paper_ballot")
    assert event.actor == clerk and event.after["resident"] == anna.pk
    assert event.after["point"] == POINT and event.after["channel"] == "paper"


def test_a_resident_given_a_paper_ballot_cannot_vote_online(poll, clerk, anna):
    paper_ballot_issue(actor=clerk, poll=poll, resident=anna, point=POINT)
    with pytest.raises(AlreadyVoted):
        ballot_cast(actor=anna, poll=poll, choices=[option_ids(poll)[0]])
    assert VoterRegister.objects.filter(poll=poll).count() == 1
    assert not Ballot.objects.exists()


def test_a_resident_who_voted_online_gets_no_paper_ballot_and_nothing_is_written(poll, clerk,
                                                                               anna):
    ballot_cast(actor=anna, poll=poll, choices=[option_ids(poll)[0]])
    before = _written(poll)
    with pytest.raises(AlreadyVoted) as caught:
        paper_ballot_issue(actor=clerk, poll=poll, resident=anna.pk, point=POINT)
    assert caught.value.message.startswith("Житель уже проголосовал электронно")
    assert "бумажный бюллетень не выдаётся" in caught.value.message
    assert _written(poll) == before  # and the point was not opened either
    assert VoterRegister.objects.get(poll=poll).channel == VoteChannel.ONLINE


def test_a_second_paper_ballot_is_refused_naming_the_first_point(poll, clerk, municipal_admin,
                                                                 anna):
    paper_ballot_issue(actor=clerk, poll=poll, resident=anna.pk, point=POINT)
    before = _written(poll)
    with pytest.raises(AlreadyVoted) as caught:
        paper_ballot_issue(actor=municipal_admin, poll=poll, resident=anna.pk,
                           point="Участок № 2")
    assert "уже получил бумажный бюллетень" in caught.value.message
    assert POINT in caught.value.message
    assert _written(poll) == before


def test_a_raw_insert_without_the_channel_is_an_online_row(poll, anna):
    """The casting fast path and the bench insert without the column (db_default)."""
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO voting_voterregister (poll_id, user_id, voted_on) "
                       "VALUES (%s, %s, %s)", [poll.pk, anna.pk, date(2030, 1, 1)])
    row = VoterRegister.objects.get(poll=poll)
    assert row.channel == VoteChannel.ONLINE and row.polling_point is None


def test_the_database_refuses_a_paper_row_without_a_point_and_an_online_row_with_one(
        poll, anna, voters):
    point = PaperResult.objects.create(poll=poll, point_name=POINT, ballots_count=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        VoterRegister.objects.create(poll=poll, user=anna, voted_on=date(2030, 1, 1),
                                     channel=VoteChannel.PAPER)
    with pytest.raises(IntegrityError), transaction.atomic():
        VoterRegister.objects.create(poll=poll, user=voters[0], voted_on=date(2030, 1, 1),
                                     polling_point=point)


# --- bad input: a clear message, nothing written --------------------------------------

@pytest.mark.parametrize("point, resident, message", [
    ("", "anna", "Укажите участок"),
    ("x" * 201, "anna", "Укажите участок"),
    (POINT, "abc", "Житель указывается номером."),
    (POINT, "stranger", "нет в списке участников"),
    (POINT, "young", "нет в списке участников"),
    (POINT, "unverified", "нет в списке участников"),
])
def test_bad_input_is_refused_with_a_message_and_writes_nothing(
        poll, clerk, anna, other_municipality, municipality, point, resident, message):
    people = {
        "anna": anna.pk, "abc": "abc",
        "stranger": VerifiedResidentFactory(residence_municipality=other_municipality).pk,
        "young": VerifiedResidentFactory(residence_municipality=municipality,
                                         birth_date=timezone.localdate()
                                         - timedelta(days=365 * 10)).pk,
        "unverified": UserFactory(residence_municipality=municipality).pk,
    }
    with pytest.raises(DomainError) as caught:
        paper_ballot_issue(actor=clerk, poll=poll, resident=people[resident], point=point)
    assert message in caught.value.message
    assert _written(poll) == (0, 0, 0, 0)


@pytest.mark.parametrize("status", [PollStatus.CLOSED, PollStatus.PUBLISHED])
def test_no_paper_ballot_after_the_vote(municipality, clerk, anna, status):
    poll = PollFactory(municipality=municipality, status=status)
    with pytest.raises(OutsideWindow):
        paper_ballot_issue(actor=clerk, poll=poll, resident=anna.pk, point=POINT)
    assert _written(poll) == (0, 0, 0, 0)


def test_no_paper_ballot_before_the_window_or_in_a_draft(municipality, clerk, anna):
    early = PollFactory(municipality=municipality,
                        opens_at=timezone.now() + timedelta(days=1),
                        closes_at=timezone.now() + timedelta(days=3))
    with pytest.raises(OutsideWindow, match="ещё не началось"):
        paper_ballot_issue(actor=clerk, poll=early, resident=anna.pk, point=POINT)
    draft = PollFactory(municipality=municipality, status=PollStatus.DRAFT)
    with pytest.raises(NotFound):
        paper_ballot_issue(actor=clerk, poll=draft, resident=anna.pk, point=POINT)
    with pytest.raises(DomainError, match="черновика"):
        roll_search(actor=clerk, poll=draft, query="Смирнова")
    assert not VoterRegister.objects.exists() and not PaperResult.objects.exists()


# --- roles ------------------------------------------------------------------------------

@pytest.mark.parametrize("role", ROLES)
def test_role_against_issuing_a_paper_ballot(role, person, poll, anna):
    if role in STAFF:
        paper_ballot_issue(actor=person(role), poll=poll, resident=anna.pk, point=POINT)
        assert VoterRegister.objects.filter(poll=poll, user=anna).exists()
    else:
        with pytest.raises(NotAllowed):
            paper_ballot_issue(actor=person(role), poll=poll, resident=anna.pk, point=POINT)
        assert _written(poll) == (0, 0, 0, 0)


@pytest.mark.parametrize("role", ROLES)
def test_role_against_reading_the_roll(role, person, poll, anna):
    if role in STAFF:
        assert [e.person for e in roll_search(actor=person(role), poll=poll,
                                              query="Смирнова")] == [anna]
    else:
        with pytest.raises(NotAllowed):
            roll_search(actor=person(role), poll=poll, query="Смирнова")
        assert not AuditEvent.objects.filter(action="voting.view_roll").exists()


# --- the roll's search ------------------------------------------------------------------

def test_the_roll_is_searched_by_name_in_any_case_and_by_birth_date(poll, clerk, anna,
                                                                    other_municipality):
    VerifiedResidentFactory(last_name="Смирнова", residence_municipality=other_municipality)
    UserFactory(last_name="Смирнова", residence_municipality=poll.municipality)  # unverified
    assert [e.person for e in roll_search(actor=clerk, poll=poll, query="смирнова анна")] == [
        anna]
    assert [e.person for e in roll_search(actor=clerk, poll=poll, query="",
                                          birth_date="08.03.1990")] == [anna]
    assert [e.person for e in roll_search(actor=clerk, poll=poll, query="Смирн",
                                          birth_date=date(1990, 3, 8))] == [anna]
    assert roll_search(actor=clerk, poll=poll, query="Смирнова",
                       birth_date="1991-03-08") == []


def test_the_roll_shows_who_has_voted_and_how(poll, clerk, anna, voters):
    ballot_cast(actor=voters[0], poll=poll, choices=[option_ids(poll)[0]])
    paper_ballot_issue(actor=clerk, poll=poll, resident=anna.pk, point=POINT)
    found = {e.person: e for e in roll_search(actor=clerk, poll=poll, query="",
                                              birth_date=date(1985, 5, 17))}
    assert found[voters[0]].voted_online and not found[voters[1]].voted
    mine = roll_search(actor=clerk, poll=poll, query="Смирнова")[0]
    assert (mine.channel, mine.point_name) == (VoteChannel.PAPER, POINT)


@pytest.mark.parametrize("query, birth_date, message", [
    ("", None, "Укажите фамилию или имя"),
    ("я", "", "Укажите фамилию или имя"),
    ("Смирнова", "31.02.1990", "Дата рождения — в виде ДД.ММ.ГГГГ."),
    ("ы" * 101, None, "Запрос слишком длинный"),
])
def test_a_search_without_a_criterion_is_refused_and_not_audited(poll, clerk, anna, query,
                                                                 birth_date, message):
    with pytest.raises(DomainError) as caught:
        roll_search(actor=clerk, poll=poll, query=query, birth_date=birth_date)
    assert message in caught.value.message
    assert not AuditEvent.objects.filter(action="voting.view_roll").exists()


def test_each_read_of_the_roll_is_audited_with_who_was_shown(poll, clerk, anna):
    roll_search(actor=clerk, poll=poll, query="Смирнова")
    (event,) = AuditEvent.objects.filter(action="voting.view_roll")
    assert event.actor == clerk and event.object_id == str(poll.pk)
    assert event.after["shown"] == [anna.pk] and event.after["query"] == "Смирнова"


# --- results: protocols count, the roll checks -------------------------------------------

def test_totals_count_protocols_not_the_roll_and_warn_when_a_protocol_exceeds_it(
        poll, clerk, anna, voters):
    first, second = option_ids(poll)[:2]
    ballot_cast(actor=voters[0], poll=poll, choices=[first])
    for resident in (anna, voters[1]):
        paper_ballot_issue(actor=clerk, poll=poll, resident=resident.pk, point=POINT)
    paper_ballot_issue(actor=clerk, poll=poll, resident=voters[2].pk, point="Участок № 2")
    paper_result_save(actor=clerk, poll=poll, point_name=POINT, ballots_count=2,
                      counts={first: 1, second: 1})
    paper_result_save(actor=clerk, poll=poll, point_name="Участок № 2", ballots_count=3,
                      counts={second: 3})
    found = selectors.results(selectors.office_poll(clerk, poll.pk))
    # 1 electronic + 2 + 3 on paper by the protocols; the 3 roll marks are not added.
    assert (found.electronic_ballots, found.paper_ballots, found.ballots) == (1, 5, 6)
    assert {r.option.pk: r.total for r in found.options}[second] == 4
    assert {p.point_name: p.issued for p in found.paper_points} == {POINT: 2,
                                                                    "Участок № 2": 1}
    assert found.issued_by_roll == 3
    assert [p.point_name for p in found.over_issued_points] == ["Участок № 2"]
    # Each point's count equals its paper rows of the register, counted apart.
    issued = {p.pk: VoterRegister.objects.filter(poll=poll, channel=VoteChannel.PAPER,
                                                 polling_point=p).count()
              for p in found.paper_points}
    assert issued == {p.pk: p.issued for p in found.paper_points}
    # The office list and the dashboard count online voters only (as before).
    assert selectors.office_polls(poll.municipality).get(pk=poll.pk).voted == 1
    assert selectors.dashboard_polls(None)[0].voted == 1


# --- office pages -----------------------------------------------------------------------

def _roll_url(poll, **params):
    from urllib.parse import urlencode

    url = reverse("office_voting:roll", args=[poll.pk])
    return url + (f"?{urlencode(params)}" if params else "")


def test_the_clerk_finds_a_resident_and_gives_a_paper_ballot(client, clerk, poll, anna):
    client.force_login(clerk)
    url = _roll_url(poll, point=POINT, q="смирнова")
    page = client.get(url).content.decode()
    assert "Смирнова Анна Петровна" in page and "08.03.1990" in page
    assert "Выдать бюллетень" in page
    assert AuditEvent.objects.filter(action="voting.view_roll").count() == 1
    response = client.post(url, {"resident": anna.pk, "point": POINT})
    assert response.status_code == 302 and response.url == url
    assert VoterRegister.objects.get(poll=poll).channel == VoteChannel.PAPER
    after = client.get(url).content.decode()
    assert "получил бумажный бюллетень" in after and "Выдать бюллетень" not in after


def test_the_page_refuses_a_ballot_to_an_online_voter_with_the_message(client, clerk, poll,
                                                                       anna):
    ballot_cast(actor=anna, poll=poll, choices=[option_ids(poll)[0]])
    client.force_login(clerk)
    response = client.post(_roll_url(poll, point=POINT, q="Смирнова"),
                           {"resident": anna.pk, "point": POINT})
    assert response.status_code == 200
    assert "Житель уже проголосовал электронно" in response.content.decode()
    assert _written(poll) == (1, 0, 1, 0)


def test_the_page_refuses_a_post_without_a_resident(client, clerk, poll):
    client.force_login(clerk)
    response = client.post(_roll_url(poll), {"point": POINT})
    assert "Не указан житель или участок" in response.content.decode()
    assert _written(poll) == (0, 0, 0, 0)


def test_an_empty_search_asks_for_a_criterion_and_shows_nobody(client, clerk, poll, anna):
    client.force_login(clerk)
    page = client.get(_roll_url(poll, q="я")).content.decode()
    assert "Укажите фамилию или имя" in page and "Смирнова" not in page
    assert not AuditEvent.objects.filter(action="voting.view_roll").exists()


@pytest.mark.parametrize("role, status", [
    ("clerk", 200), ("municipal_admin", 200), ("operator", 200), ("analyst", 403),
    ("regional_curator", 403), ("verified_resident", 404), ("other_admin", 404),
])
def test_the_roll_page_by_role(client, person, poll, anna, role, status):
    client.force_login(person(role))
    response = client.get(_roll_url(poll, q="Смирнова", point=POINT))
    assert response.status_code == status
    assert ("Смирнова" in response.content.decode()) is (status == 200)
    posted = client.post(_roll_url(poll), {"resident": anna.pk, "point": POINT})
    assert (posted.status_code == 302) is (status == 200)
    assert VoterRegister.objects.filter(poll=poll).exists() is (status == 200)


def test_the_protocol_page_shows_ballots_issued_by_the_roll(client, clerk, poll, anna):
    paper_ballot_issue(actor=clerk, poll=poll, resident=anna.pk, point=POINT)
    paper_result_save(actor=clerk, poll=poll, point_name=POINT, ballots_count=3,
                      counts={option_ids(poll)[0]: 3})
    client.force_login(clerk)
    page = client.get(reverse("office_voting:paper", args=[poll.pk])).content.decode()
    assert "Выдано бюллетеней по списку" in page
    assert "в протоколе больше, чем выдано по списку" in page
    results = client.get(reverse("office_voting:results", args=[poll.pk])).content.decode()
    assert "Выдано бюллетеней по списку" in results and "нужно проверить" in results


def test_the_roll_page_keeps_a_fixed_number_of_queries(client, clerk, poll, municipality,
                                                       settlement, django_assert_max_num_queries):
    client.force_login(clerk)
    url = _roll_url(poll, point=POINT, q="Петров")
    client.get(url)
    with django_assert_max_num_queries(16):
        client.get(url)
    for _ in range(8):
        VerifiedResidentFactory(residence_municipality=municipality,
                                residence_settlement=settlement)
    with django_assert_max_num_queries(16):
        assert client.get(url).content.decode().count("Выдать бюллетень") == 8


# --- API ---------------------------------------------------------------------------------

def _bearer(user) -> dict:
    _token, secret = api_token_issue(actor=user)
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_the_api_searches_the_roll_and_issues_a_paper_ballot(client, clerk, poll, anna):
    auth = _bearer(clerk)
    found = client.get(f"/api/v1/polls/{poll.pk}/roll", {"q": "Смирнова"}, **auth)
    assert found.status_code == 200
    assert found.json() == [{"id": anna.pk, "full_name": "Смирнова Анна Петровна",
                             "birth_date": "1990-03-08", "settlement": str(anna
                                                                           .residence_settlement),
                             "channel": "", "point": "", "voted_on": None}]
    path = f"/api/v1/polls/{poll.pk}/paper-ballots"
    made = client.post(path, {"resident": anna.pk, "point": POINT},
                       content_type="application/json", **auth)
    assert made.status_code == 201 and made.json()["channel"] == "paper"
    again = client.post(path, {"resident": anna.pk, "point": POINT},
                        content_type="application/json", **auth)
    assert again.status_code == 409 and "уже получил" in again.json()["detail"]
    assert VoterRegister.objects.filter(poll=poll).count() == 1


def test_the_api_refuses_bad_input_and_other_roles(client, clerk, analyst, verified_resident,
                                                   poll, anna):
    path = f"/api/v1/polls/{poll.pk}/paper-ballots"
    empty = client.post(path, {"resident": anna.pk, "point": " "},
                        content_type="application/json", **_bearer(clerk))
    assert empty.status_code == 422 and "point" in empty.json()["errors"]
    search = client.get(f"/api/v1/polls/{poll.pk}/roll", {"q": ""}, **_bearer(clerk))
    assert search.status_code == 422
    denied = client.post(path, {"resident": anna.pk, "point": POINT},
                         content_type="application/json", **_bearer(analyst))
    assert denied.status_code == 403
    assert client.get(f"/api/v1/polls/{poll.pk}/roll", {"q": "Смирнова"},
                      **_bearer(verified_resident)).status_code == 404
    assert client.get(f"/api/v1/polls/{poll.pk}/roll", {"q": "Смирнова"}).status_code == 401
    assert _written(poll) == (0, 0, 0, 0)


def test_online_ballot_after_a_paper_one_names_the_point(poll, verified_resident, clerk):
    paper_ballot_issue(actor=clerk, poll=poll, resident=verified_resident,
                       point="Участок № 3")
    with pytest.raises(AlreadyVoted) as refused:
        ballot_cast(actor=verified_resident, poll=poll, choices=[option_ids(poll)[0]])
    assert "бумажным бюллетенем" in refused.value.message
    assert "Участок № 3" in refused.value.message
    assert not Ballot.objects.filter(poll=poll).exists()
