"""Winners of a vote of points with costs (an imported Pabulib cumulative election, or
one set up so): the greedy rule orders projects by the SUM OF POINTS, not by how many
ballots named them; and `pb-export` writes the points of each ballot."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.voting.factories import poll_with_options
from zemstvo.voting import selectors
from zemstvo.voting.models import BallotType, Poll, PollKind, PollStatus
from zemstvo.voting.pb import parse
from zemstvo.voting.services import ballot_cast, paper_result_save

pytestmark = pytest.mark.django_db

# Hand-computed example. Budget 1000; A costs 600, B 500, C 300. Five ballots of 10 points:
#   A 10 | A 10 | B 1, C 9 | B 1, C 9 | B 1, C 1
# Sums of points: A 20, C 19, B 3 -> greedy funds A (400 left), then C (100 left); B no
# longer fits. Winners: A, C.
# Counting ballots instead (A 2, B 3, C 3) would fund B and C and leave A out.
BALLOTS = [{"A": 10}, {"A": 10}, {"B": 1, "C": 9}, {"B": 1, "C": 9}, {"B": 1, "C": 1}]


@pytest.fixture
def points_poll(municipality):
    return poll_with_options(municipality, titles=("A", "B", "C"),
                             costs=("600", "500", "300"), ballot_type=BallotType.CUMULATIVE,
                             kind=PollKind.POPULAR, points_total=10, budget=Decimal("1000"))


def _ids(poll: Poll) -> dict[str, int]:
    return {o.title: o.pk for o in poll.options.all()}


def _cast_all(poll: Poll, voters) -> None:
    ids = _ids(poll)
    for voter, marks in zip(voters, BALLOTS, strict=True):
        ballot_cast(actor=voter, poll=poll, points={str(ids[k]): v for k, v in marks.items()})


def _winners(poll: Poll, clerk) -> tuple[list[str], list[str] | None]:
    found = selectors.results(selectors.office_poll(clerk, poll.pk))
    titles = {o.pk: o.title for o in poll.options.all()}
    mes = [titles[i] for i in found.mes] if found.mes is not None else None
    return [titles[i] for i in found.greedy], mes


def test_greedy_winners_of_a_vote_of_points_follow_the_sum_of_points(points_poll, voters,
                                                                     clerk):
    _cast_all(points_poll, voters)
    greedy, _mes = _winners(points_poll, clerk)
    assert greedy == ["A", "C"]


def test_a_paper_protocol_adds_its_points_to_the_greedy_order(points_poll, voters, clerk):
    """A polling point's 30 points for B make B 33: B (500 left), A no longer fits,
    C (200 left). Winners: B, C."""
    _cast_all(points_poll, voters)
    paper_result_save(actor=clerk, poll=points_poll, point_name="Участок № 1",
                      ballots_count=3, counts={_ids(points_poll)["B"]: 30})
    greedy, _mes = _winners(points_poll, clerk)
    assert greedy == ["B", "C"]


def test_mes_of_a_vote_of_points_weighs_the_points(points_poll, voters, clerk):
    """MES with cost utilities: each of the 5 voters holds 200; C's three supporters
    can pay for it (600 >= 300), A's two cannot (400 < 600). The page's MES equals the
    rules module's on the same weighted ballots (not on sets of options)."""
    Poll.objects.filter(pk=points_poll.pk).update(compute_mes=True)
    points_poll.refresh_from_db()
    _cast_all(points_poll, voters)
    _greedy, mes = _winners(points_poll, clerk)
    from zemstvo.voting.pb.rules import PBProject, mes_winners

    ids = _ids(points_poll)
    projects = [PBProject(ids[t], Decimal(c)) for t, c in (("A", 600), ("B", 500), ("C", 300))]
    ballots = [{ids[k]: v for k, v in marks.items()} for marks in BALLOTS]
    titles = {v: k for k, v in ids.items()}
    assert mes == [titles[i] for i in mes_winners(projects, ballots, Decimal(1000))]
    assert "C" in mes


def test_the_results_page_names_the_winners_by_points(client, points_poll, voters, clerk):
    _cast_all(points_poll, voters)
    client.force_login(clerk)
    page = client.get(reverse("office_voting:results", args=[points_poll.pk])).content.decode()
    assert "По сумме баллов" in page and "Проекты-победители" in page


def test_a_vote_of_points_without_costs_has_no_winners(cumulative_poll, voters, clerk):
    ballot_cast(actor=voters[0], poll=cumulative_poll,
                points={str(cumulative_poll.options.first().pk): 10})
    found = selectors.results(selectors.office_poll(clerk, cumulative_poll.pk))
    assert found.greedy is None and found.mes is None


def test_pb_export_of_a_vote_of_points_writes_each_ballots_points(points_poll, voters):
    _cast_all(points_poll, voters)
    Poll.objects.filter(pk=points_poll.pk).update(status=PollStatus.CLOSED)
    out = StringIO()
    call_command("pb_export", str(points_poll.pk), stdout=out)
    election = parse(out.getvalue())
    assert election.vote_type == "cumulative" and election.meta["max_sum_points"] == "10"
    assert "points" in election.vote_columns
    titles = {row["project_id"]: row["name"] for row in election.projects}
    exported = sorted(sorted((titles[p], n) for p, n in zip(v.projects, v.points, strict=True))
                      for v in election.votes)
    assert exported == sorted(sorted(b.items()) for b in BALLOTS)
    # The exported file gives the same greedy winners as the platform.
    from zemstvo.voting.pb import greedy_winners

    winners = greedy_winners(election.pb_projects(), election.ballots(), election.budget)
    assert [titles[p] for p in winners] == ["A", "C"]
