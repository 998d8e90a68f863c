"""Public vote pages: list, vote page with the ballot form (no JavaScript needed),
results with the SVG chart and its table, ballot list, receipt check. Each costs a
fixed number of queries whatever the number of polls, options and ballots."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import VerifiedResidentFactory
from tests.voting.conftest import option_ids
from tests.voting.factories import OptionFactory, PollFactory, poll_with_options
from zemstvo.voting.models import Ballot, PollStatus, VoterRegister
from zemstvo.voting.services import ballot_cast

pytestmark = pytest.mark.django_db


def url(name, poll=None, municipality=None) -> str:
    kwargs = {"municipality": (municipality or poll.municipality).slug}
    if poll is not None:
        kwargs["pk"] = poll.pk
    return reverse(f"voting:{name}", kwargs=kwargs)


def cast_many(poll, count, settlement=None) -> list[str]:
    codes = []
    for n in range(count):
        voter = VerifiedResidentFactory(residence_municipality=poll.municipality,
                                        residence_settlement=settlement)
        ids = option_ids(poll)
        codes.append(ballot_cast(actor=voter, poll=poll, choices=[ids[n % len(ids)]]))
    return codes


@pytest.mark.parametrize("count", [2, 15])
def test_list_costs_a_fixed_number_of_queries(client, municipality, count,
                                              django_assert_max_num_queries):
    for _ in range(count):
        PollFactory(municipality=municipality)
    PollFactory(municipality=municipality, title="Черновик опроса", status=PollStatus.DRAFT)
    # municipality + count + page
    with django_assert_max_num_queries(3):
        response = client.get(url("list", municipality=municipality))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Черновик опроса" not in html
    assert html.count("voting-summary") == count


@pytest.mark.parametrize("options", [3, 12])
def test_poll_page_costs_a_fixed_number_of_queries_for_a_voter(
        client, municipality, verified_resident, options, django_assert_max_num_queries):
    poll = PollFactory(municipality=municipality)
    for _ in range(options):
        OptionFactory(poll=poll)
    client.force_login(verified_resident)
    # session, user, memberships, municipality, poll, settlements, options, register,
    # unread notifications
    with django_assert_max_num_queries(10):
        response = client.get(url("detail", poll))
    html = response.content.decode()
    assert html.count('name="choices"') == options
    assert 'type="radio"' in html


def test_poll_page_explains_the_terms_in_local_time(client, municipality):
    municipality.time_zone = "Asia/Yekaterinburg"
    municipality.save()
    poll = poll_with_options(municipality)
    html = client.get(url("detail", poll)).content.decode()
    local = timezone.localtime(poll.opens_at, municipality.tz)
    assert local.strftime("%H:%M") in html and "Asia/Yekaterinburg" in html
    assert "исполнилось 18 лет" in html
    assert "Чтобы проголосовать, войдите" in html


def test_an_anonymous_post_casts_nothing(client, poll):
    client.post(url("detail", poll), {"choices": option_ids(poll)[:1]})
    assert not Ballot.objects.exists()


def test_a_voter_votes_with_the_form_and_sees_the_receipt_once(client, poll,
                                                               verified_resident):
    client.force_login(verified_resident)
    response = client.post(url("detail", poll), {"choices": option_ids(poll)[:1],
                                                  "action": "cast"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ваш голос учтён" in html and "no-store" in response["Cache-Control"]
    assert VoterRegister.objects.filter(poll=poll, user=verified_resident).exists()
    again = client.get(url("detail", poll)).content.decode()
    assert "Вы уже проголосовали" in again and 'name="choices"' not in again


def test_a_budget_ballot_shows_the_running_total_and_a_clear_error(client, budget,
                                                                   verified_resident):
    a, b, c, _d = option_ids(budget)
    client.force_login(verified_resident)
    total = client.post(url("detail", budget), {"choices": [b, c], "action": "total"})
    assert "Выбрано на 800 000 ₽ из 1 000 000 ₽" in total.content.decode().replace("\xa0", " ")
    assert not Ballot.objects.exists()
    over = client.post(url("detail", budget), {"choices": [a, b], "action": "cast"})
    html = over.content.decode().replace("\xa0", " ")
    assert over.status_code == 422
    assert "больше бюджета 1 000 000 ₽" in html
    assert "Выбрано на 1 100 000 ₽" in html
    assert html.count("checked") == 2  # the marks stay as they were
    assert not Ballot.objects.exists()


def test_a_cumulative_ballot_through_the_form(client, cumulative_poll, verified_resident):
    park, school, road = option_ids(cumulative_poll)
    client.force_login(verified_resident)
    response = client.post(url("detail", cumulative_poll),
                           {f"points-{park}": "7", f"points-{school}": "3",
                            f"points-{road}": ""})
    assert "Ваш голос учтён" in response.content.decode()


def test_an_ineligible_person_sees_why(client, poll, resident):
    client.force_login(resident)
    html = client.get(url("detail", poll)).content.decode()
    assert "подтверждённой личностью" in html and 'name="choices"' not in html


def test_a_draft_is_not_public(client, municipality):
    draft = PollFactory(municipality=municipality, status=PollStatus.DRAFT)
    assert client.get(url("detail", draft)).status_code == 404


def published(poll, publish_ballots=True):
    poll.status = PollStatus.PUBLISHED
    poll.publish_ballots = publish_ballots
    poll.closes_at = timezone.now() - timedelta(minutes=1)
    poll.eligible_count = 40
    poll.save()
    return poll


@pytest.mark.parametrize("ballots", [3, 25])
def test_results_cost_a_fixed_number_of_queries(client, poll, ballots,
                                                django_assert_max_num_queries):
    cast_many(poll, ballots)
    published(poll)
    # municipality, poll, settlements, options, counts, ballots, paper protocols
    with django_assert_max_num_queries(7):
        response = client.get(url("results", poll))
    html = response.content.decode()
    assert "<svg" in html and "<table>" in html
    assert f"{ballots}: электронных — {ballots}" in html


def test_results_are_hidden_until_published_unless_live(client, poll):
    assert client.get(url("results", poll)).status_code == 404
    poll.results_live = True
    poll.save()
    assert "Предварительные итоги" in client.get(url("results", poll)).content.decode()


@pytest.mark.parametrize("ballots", [3, 25])
def test_ballot_list_costs_a_fixed_number_of_queries(client, poll, ballots,
                                                     django_assert_max_num_queries):
    cast_many(poll, ballots)
    published(poll)
    # municipality, poll, settlements, options, count, page, marks with their options
    with django_assert_max_num_queries(7):
        response = client.get(url("ballots", poll))
    assert response.content.decode().count("<code>") == ballots


def test_receipt_check_finds_the_ballot_after_publication(client, poll):
    (code,) = cast_many(poll, 1)
    page = client.get(url("receipt", poll)).content.decode()
    assert "станет доступна" in page
    published(poll)
    found = client.post(url("receipt", poll), {"code": code.lower().replace("-", " ")})
    assert "есть в опубликованном списке" in found.content.decode()
    assert poll.options.order_by("position").first().title in found.content.decode()
    missing = client.post(url("receipt", poll), {"code": "AAAA-BBBB-CCCC-DDDD"})
    assert "Бюллетеня с таким кодом" in missing.content.decode()


def test_without_publish_ballots_there_is_no_list_and_no_check(client, poll):
    cast_many(poll, 2)
    published(poll, publish_ballots=False)
    assert client.get(url("ballots", poll)).status_code == 404
    response = client.post(url("receipt", poll), {"code": "AAAA-BBBB-CCCC-DDDD"})
    assert "станет доступна" in response.content.decode()


def test_home_block_lists_running_votes(client, poll):
    html = client.get(reverse("territory:municipality",
                              kwargs={"slug": poll.municipality.slug})).content.decode()
    assert poll.title in html


@pytest.mark.parametrize("ballots", [2, 20])
def test_budget_results_with_winners_cost_a_fixed_number_of_queries(
        client, budget, ballots, django_assert_max_num_queries):
    cast_many(budget, ballots)
    published(budget)
    # + the ballots' marks for the winners
    with django_assert_max_num_queries(8):
        response = client.get(url("results", budget))
    assert "Проекты-победители" in response.content.decode()
