"""Votes in the API: public reads, casting with its status codes (201, 409 twice or
outside the window, 403 with the reason, 422 with the reason), results, and staff
creating, opening, closing and publishing a vote."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.voting.conftest import option_ids
from tests.voting.factories import PollFactory
from zemstvo.core.accounts.token_services import api_token_issue
from zemstvo.voting.models import Ballot, Poll, PollStatus, VoterRegister

pytestmark = pytest.mark.django_db


def bearer(user) -> dict:
    _token, secret = api_token_issue(actor=user)
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def post(client, path, payload=None, **headers):
    return client.post(f"/api/v1/polls{path}", payload or {}, content_type="application/json",
                       **headers)


def test_list_and_detail(client, poll, other_municipality, municipality):
    PollFactory(municipality=other_municipality)
    PollFactory(municipality=municipality, status=PollStatus.DRAFT)
    body = client.get("/api/v1/polls", {"municipality": municipality.slug}).json()
    assert body["count"] == 1 and body["items"][0]["id"] == poll.pk
    detail = client.get(f"/api/v1/polls/{poll.pk}").json()
    assert [o["id"] for o in detail["options"]] == option_ids(poll)
    assert detail["min_age"] == 18 and detail["settlements"] == []
    assert client.get("/api/v1/polls", {"municipality": "nowhere"}).status_code == 422


def test_cast_201_then_409(client, poll, verified_resident):
    headers = bearer(verified_resident)
    first = post(client, f"/{poll.pk}/ballots", {"choices": option_ids(poll)[:1]}, **headers)
    assert first.status_code == 201 and len(first.json()["receipt"]) == 19
    again = post(client, f"/{poll.pk}/ballots", {"choices": option_ids(poll)[1:2]}, **headers)
    assert again.status_code == 409
    assert again.json()["detail"] == "Вы уже проголосовали в этом голосовании."
    assert Ballot.objects.count() == 1


def test_cast_without_credentials_is_401(client, poll):
    assert post(client, f"/{poll.pk}/ballots", {"choices": [1]}).status_code == 401


def test_cast_by_an_ineligible_person_is_403_with_the_reason(client, poll, resident):
    response = post(client, f"/{poll.pk}/ballots", {"choices": option_ids(poll)[:1]},
                    **bearer(resident))
    assert response.status_code == 403
    assert "подтверждённой личностью" in response.json()["detail"]
    assert not VoterRegister.objects.exists()


def test_cast_outside_the_window_is_409(client, poll, verified_resident):
    poll.opens_at = timezone.now() + timedelta(days=1)
    poll.save()
    response = post(client, f"/{poll.pk}/ballots", {"choices": option_ids(poll)[:1]},
                    **bearer(verified_resident))
    assert response.status_code == 409 and "ещё не началось" in response.json()["detail"]


@pytest.mark.parametrize("payload", [
    {"choices": []}, {"choices": "all"}, {"choices": [999999]}, {},
])
def test_an_invalid_ballot_is_422_and_writes_nothing(client, poll, verified_resident,
                                                     payload):
    response = post(client, f"/{poll.pk}/ballots", payload, **bearer(verified_resident))
    assert response.status_code == 422
    assert response.json()["detail"]
    assert not Ballot.objects.exists() and not VoterRegister.objects.exists()


def test_an_over_budget_ballot_is_422_with_the_reason(client, budget, verified_resident):
    response = post(client, f"/{budget.pk}/ballots", {"choices": option_ids(budget)[:2]},
                    **bearer(verified_resident))
    assert response.status_code == 422
    assert "больше бюджета" in response.json()["errors"]["choices"][0]


def test_cumulative_points_through_the_api(client, cumulative_poll, verified_resident):
    park, school, _road = option_ids(cumulative_poll)
    response = post(client, f"/{cumulative_poll.pk}/ballots",
                    {"points": {str(park): 5, str(school): 5}}, **bearer(verified_resident))
    assert response.status_code == 201


def test_results_403_until_published_then_counts(client, poll, verified_resident):
    assert client.get(f"/api/v1/polls/{poll.pk}/results").status_code == 403
    post(client, f"/{poll.pk}/ballots", {"choices": option_ids(poll)[1:2]},
         **bearer(verified_resident))
    Poll.objects.filter(pk=poll.pk).update(status=PollStatus.PUBLISHED, eligible_count=10)
    body = client.get(f"/api/v1/polls/{poll.pk}/results").json()
    assert body["ballots"] == 1 and body["turnout"] == 10.0
    assert {o["id"]: o["total"] for o in body["options"]}[option_ids(poll)[1]] == 1


def test_unknown_or_draft_poll_is_404(client, municipality):
    draft = PollFactory(municipality=municipality, status=PollStatus.DRAFT)
    for path in (f"/api/v1/polls/{draft.pk}", "/api/v1/polls/999999",
                 f"/api/v1/polls/{draft.pk}/results"):
        assert client.get(path).status_code == 404


NEW = {
    "title": "Где поставить детскую площадку?", "kind": "advisory", "ballot_type": "single",
    "options": [{"title": "Двор на Лесной"}, {"title": "Двор на Садовой"}],
}


def new_poll(municipality) -> dict:
    start = timezone.now() - timedelta(minutes=5)
    return NEW | {"municipality": municipality.slug, "opens_at": start.isoformat(),
                  "closes_at": (start + timedelta(days=7)).isoformat()}


def test_staff_create_open_close_and_publish_through_the_api(client, municipality,
                                                             municipal_admin):
    headers = bearer(municipal_admin)
    created = post(client, "", new_poll(municipality), **headers)
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert created.json()["status"] == "draft" and len(created.json()["options"]) == 2
    assert post(client, f"/{pk}/open", **headers).json()["status"] == "open"
    assert post(client, f"/{pk}/close", **headers).json()["status"] == "closed"
    assert post(client, f"/{pk}/publish", **headers).json()["status"] == "published"


@pytest.mark.parametrize("role", ["verified_resident", "clerk", "analyst", "other_admin"])
def test_others_may_not_create_or_open_through_the_api(client, municipality, person, role,
                                                       municipal_admin):
    headers = bearer(person(role))
    assert post(client, "", new_poll(municipality), **headers).status_code == 403
    draft = PollFactory(municipality=municipality, status=PollStatus.DRAFT)
    assert post(client, f"/{draft.pk}/open", **headers).status_code == 403
    assert Poll.objects.get(pk=draft.pk).status == PollStatus.DRAFT


def test_bad_poll_input_through_the_api_is_422_and_writes_nothing(client, municipality,
                                                                  municipal_admin):
    bad = new_poll(municipality) | {"ballot_type": "budget"}
    response = post(client, "", bad, **bearer(municipal_admin))
    assert response.status_code == 422 and "budget" in response.json()["errors"]
    bad_option = new_poll(municipality) | {"options": [{"title": "A"}, {"title": "A"}]}
    assert post(client, "", bad_option, **bearer(municipal_admin)).status_code == 422
    assert not Poll.objects.exists()
