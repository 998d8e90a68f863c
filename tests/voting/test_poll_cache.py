"""The worker's short-lived copy of an open poll (zemstvo.voting.ballots.poll_for_ballot):
it saves the poll's queries on every ballot, and closing the poll still stops ballots at
once, because the cast re-reads the status inside its transaction."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.voting.conftest import option_ids
from tests.voting.factories import poll_with_options
from zemstvo.core.errors import NotFound
from zemstvo.voting import ballots
from zemstvo.voting.models import Ballot, PollStatus, VoterRegister
from zemstvo.voting.services import OutsideWindow, ballot_cast, poll_close

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def cache_on(settings):
    settings.ZEMSTVO_OPEN_POLL_CACHE_SECONDS = 60
    ballots._open_polls.clear()
    yield
    ballots._open_polls.clear()


def test_an_open_poll_is_read_once_and_then_served_without_queries(poll):
    first = ballots.poll_for_ballot(poll.pk)
    with CaptureQueriesContext(connection) as queries:
        again = ballots.poll_for_ballot(poll.pk)
    assert again is first
    assert len(queries) == 0
    assert [o.pk for o in again.options.all()] == option_ids(poll)


def test_closing_stops_ballots_at_once_even_with_the_poll_kept(poll, verified_resident,
                                                               municipal_admin):
    kept = ballots.poll_for_ballot(poll.pk)
    poll_close(actor=municipal_admin, poll=poll)
    assert ballots.poll_for_ballot(poll.pk).status == PollStatus.OPEN  # the stale copy
    with pytest.raises(OutsideWindow):
        ballot_cast(actor=verified_resident, poll=kept, choices=[option_ids(poll)[0]])
    assert not VoterRegister.objects.filter(poll=poll).exists()
    assert not Ballot.objects.filter(poll=poll).exists()


def test_the_api_refuses_a_ballot_in_a_closed_poll_with_409_while_the_copy_is_kept(
        client, poll, verified_resident, municipal_admin):
    ballots.poll_for_ballot(poll.pk)
    poll_close(actor=municipal_admin, poll=poll)
    client.force_login(verified_resident)
    response = client.post(f"/api/v1/polls/{poll.pk}/ballots", content_type="application/json",
                           data=json.dumps({"choices": [option_ids(poll)[0]]}))
    assert response.status_code == 409
    assert "завершено" in response.json()["detail"]
    assert not Ballot.objects.filter(poll=poll).exists()


def test_drafts_are_not_found_and_closed_polls_are_not_kept(municipality, municipal_admin):
    draft = poll_with_options(municipality, status=PollStatus.DRAFT)
    with pytest.raises(NotFound):
        ballots.poll_for_ballot(draft.pk)
    closed = poll_with_options(municipality, status=PollStatus.CLOSED)
    ballots.poll_for_ballot(closed.pk)
    assert closed.pk not in ballots._open_polls


def test_with_the_lifetime_zero_every_call_reads_the_database(poll, settings):
    settings.ZEMSTVO_OPEN_POLL_CACHE_SECONDS = 0
    ballots.poll_for_ballot(poll.pk)
    with CaptureQueriesContext(connection) as queries:
        ballots.poll_for_ballot(poll.pk)
    assert len(queries) >= 1
