"""Results: counts per option against an independent count of what was cast, paper
protocols shown apart and added to the totals, turnout against the eligible roll,
and a budget vote's winners (greedy by votes, and the Method of Equal Shares)."""

from __future__ import annotations

import random
from collections import Counter
from decimal import Decimal

import pytest

from tests.factories import VerifiedResidentFactory
from tests.voting.conftest import option_ids
from zemstvo.voting import selectors
from zemstvo.voting.services import ballot_cast, paper_result_save

pytestmark = pytest.mark.django_db


def voters(poll, count):
    return [VerifiedResidentFactory(residence_municipality=poll.municipality)
            for _ in range(count)]


def test_multiple_choice_counts_equal_an_independent_count(multiple_poll, clerk):
    rng = random.Random(7)
    ids = option_ids(multiple_poll)
    expected: Counter[int] = Counter()
    people = voters(multiple_poll, 30)
    for person in people:
        picks = rng.sample(ids, rng.randint(2, 3))
        expected.update(picks)
        ballot_cast(actor=person, poll=multiple_poll, choices=picks)
    paper = {ids[0]: 4, ids[3]: 2}
    paper_result_save(actor=clerk, poll=multiple_poll, point_name="Участок № 7",
                      ballots_count=5, counts=paper)
    found = selectors.results(selectors.public_poll(multiple_poll.pk))
    by_id = {row.option.pk: row for row in found.options}
    assert {pk: row.electronic for pk, row in by_id.items()} == {pk: expected[pk] for pk in ids}
    assert {pk: row.paper for pk, row in by_id.items()} == {pk: paper.get(pk, 0) for pk in ids}
    assert found.electronic_ballots == 30 and found.paper_ballots == 5 and found.ballots == 35
    assert found.eligible == 30 and found.turnout == 100.0
    assert [row.total for row in found.options] == sorted(
        (row.total for row in found.options), reverse=True)
    top = found.options[0]
    assert top.share == round(100 * top.total / 35, 1)


def test_cumulative_points_are_summed(cumulative_poll):
    park, school, road = option_ids(cumulative_poll)
    given = [{park: 10}, {park: 4, school: 6}, {road: 3, school: 2}]
    for person, points in zip(voters(cumulative_poll, 3), given, strict=True):
        ballot_cast(actor=person, poll=cumulative_poll,
                    points={str(k): v for k, v in points.items()})
    found = selectors.results(selectors.public_poll(cumulative_poll.pk))
    assert {r.option.pk: r.total for r in found.options} == {park: 14, school: 8, road: 3}
    assert found.options[0].share == 56.0  # 14 of 25 points


def test_turnout_uses_the_roll_fixed_at_close(poll):
    for person in voters(poll, 2):
        ballot_cast(actor=person, poll=poll, choices=option_ids(poll)[:1])
    poll.eligible_count = 8
    poll.save()
    assert selectors.results(selectors.public_poll(poll.pk)).turnout == 25.0


def test_budget_winners_greedy_skip_what_no_longer_fits_and_mes(budget, clerk):
    """Budget 1 000 000; А 600k, Б 500k, В 300k, Г 200k.
    Votes: А 5, Б 4 (+2 on paper = 6), В 3, Г 2. Greedy by votes: Б (500k), then А
    (600k) no longer fits, В (300k) fits, Г (200k) fits: Б, В, Г = 1 000 000."""
    a, b, c, d = option_ids(budget)
    budget.compute_mes = True
    budget.save()
    ballots = [[a]] * 5 + [[b]] * 4 + [[c, d]] * 2 + [[c]]
    for person, picks in zip(voters(budget, len(ballots)), ballots, strict=True):
        ballot_cast(actor=person, poll=budget, choices=picks)
    paper_result_save(actor=clerk, poll=budget, point_name="Участок № 1", ballots_count=2,
                      counts={b: 2})
    found = selectors.results(selectors.public_poll(budget.pk))
    assert {r.option.pk: r.total for r in found.options} == {a: 5, b: 6, c: 3, d: 2}
    assert sorted(found.greedy) == sorted([b, c, d])
    assert found.greedy_cost == Decimal("1000000")
    assert found.mes is not None and set(found.mes) <= {a, b, c, d}
