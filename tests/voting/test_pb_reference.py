"""The winners of our greedy rule and Method of Equal Shares equal those of `pabutools`.

Six real Pabulib elections (tests/voting/data/pabulib, one of each vote type). pabutools
1.2.3 reads each file itself; our side reads it with zemstvo.voting.pb.pabulib.

The reference calls (pabutools' own documentation, "MES iterated and completed"):
  greedy      greedy_utilitarian_welfare(sat_class=Cost_Sat)        # score = approvals
  MES         method_of_equal_shares(sat_class=Cost_Sat)            # cost utilities
  MES + add1u completion_by_rule_combination([method_of_equal_shares,
              greedy_utilitarian_welfare], [{"sat_class": Cost_Sat,
              "voter_budget_increment": 1}, {"sat_class": Cost_Sat}])
For cumulative ballots the satisfaction is points x cost (so the greedy score is the sum of
points, as Pabulib's "greedy" rule counts them); for cardinality utilities Cardinality_Sat /
Additive_Cardinal_Sat.

Budapest's budget is 122.6 million forints: pabutools raises the voters' shares one forint at
a time, 153,145 runs of MES (about 50 minutes, and its cache outgrows memory). There the
add1 outcome is certified with pabutools instead: its MES at our final share gives our
outcome and one forint more overspends, and at shares we skipped its outcome is the one of
the run we computed before them (feasible and not exhaustive, so add1 would go on).
"""

from __future__ import annotations

import copy
import random
from pathlib import Path

import pytest
from pabutools.election import (
    Additive_Cardinal_Sat,
    AdditiveSatisfaction,
    Cardinality_Sat,
    Cost_Sat,
    CumulativeProfile,
    parse_pabulib,
)
from pabutools.fractions import frac
from pabutools.rules import (
    completion_by_rule_combination,
    greedy_utilitarian_welfare,
    method_of_equal_shares,
)

from zemstvo.voting.pb import load
from zemstvo.voting.pb.rules import greedy_winners, mes_outcome, mes_winners

DATA = Path(__file__).parent / "data" / "pabulib"
FILES = sorted(DATA.glob("*.pb"))
BUDAPEST = "Hungary_Budapest_2022_VIII_Jozsefvaros.pb"


def _points_cost(instance, profile, ballot, project, precomputed):
    return ballot.get(project, 0) * project.cost


class PointsCostSat(AdditiveSatisfaction):
    """Cost utilities for cumulative ballots: points x cost (Cost_Sat when points are 1)."""

    def __init__(self, instance, profile, ballot):
        super().__init__(instance, profile, ballot, _points_cost)


def reference(path: Path, utilities: str = "cost"):
    instance, profile = parse_pabulib(str(path))
    cumulative = isinstance(profile, CumulativeProfile)
    score_sat = PointsCostSat if cumulative else Cost_Sat
    if utilities == "cost":
        return instance, profile, score_sat, score_sat
    return instance, profile, (Additive_Cardinal_Sat if cumulative else Cardinality_Sat), score_sat


def ours(path: Path):
    election = load(path)
    return election.pb_projects(), election.ballots(), election.budget


def names(allocation) -> list[str]:
    return [project.name for project in allocation]


def test_the_six_elections_cover_every_vote_type():
    assert len(FILES) == 6
    assert {load(f).vote_type for f in FILES} == {"approval", "cumulative", "ordinal", "choose-1"}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem[:30])
def test_greedy_winners_equal_pabutools(path):
    instance, profile, _, score_sat = reference(path)
    expected = greedy_utilitarian_welfare(instance, profile, sat_class=score_sat)
    assert greedy_winners(*ours(path)) == names(expected)


@pytest.mark.parametrize("utilities", ["cost", "cardinality"])
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem[:30])
def test_plain_mes_and_mes_with_greedy_completion_equal_pabutools(path, utilities):
    instance, profile, mes_sat, score_sat = reference(path, utilities)
    plain = method_of_equal_shares(instance, profile, sat_class=mes_sat)
    completed = completion_by_rule_combination(
        instance,
        profile,
        [method_of_equal_shares, greedy_utilitarian_welfare],
        [{"sat_class": mes_sat}, {"sat_class": score_sat}],
    )
    projects, ballots, budget = ours(path)
    kwargs = {"utilities": utilities}
    assert mes_winners(projects, ballots, budget, completion="none", **kwargs) == names(plain)
    assert mes_winners(projects, ballots, budget, completion="greedy", **kwargs) == names(
        completed
    )


@pytest.mark.parametrize(
    "path", [f for f in FILES if f.name != BUDAPEST], ids=lambda p: p.stem[:30]
)
def test_mes_with_add1u_completion_equals_pabutools(path):
    instance, profile, mes_sat, score_sat = reference(path)
    expected = completion_by_rule_combination(
        instance,
        profile,
        [method_of_equal_shares, greedy_utilitarian_welfare],
        [{"sat_class": mes_sat, "voter_budget_increment": 1}, {"sat_class": score_sat}],
    )
    assert mes_winners(*ours(path)) == names(expected)


def _reference_mes_at(instance, profile, share):
    """pabutools' MES when every voter starts with `share` (budget limit = share x voters)."""
    scaled = copy.deepcopy(instance)
    scaled.budget_limit = share * profile.num_ballots()
    return method_of_equal_shares(scaled, profile, sat_class=Cost_Sat)


def test_mes_with_add1u_on_budapest_is_certified_by_pabutools():
    instance, profile, _, _ = reference(DATA / BUDAPEST)
    outcome = mes_outcome(*ours(DATA / BUDAPEST))
    start = frac(instance.budget_limit, profile.num_ballots())

    at_final = _reference_mes_at(instance, profile, start + outcome.steps)
    assert names(at_final) == outcome.equal_shares
    assert instance.is_feasible(at_final) and not instance.is_exhaustive(at_final)
    one_more = _reference_mes_at(instance, profile, start + outcome.steps + 1)
    assert not instance.is_feasible(one_more)

    rng = random.Random(3)
    runs = sorted(outcome.runs)
    for step in sorted(rng.sample(range(1, outcome.steps), 25)):
        computed = max(r for r in runs if r <= step)
        skipped = _reference_mes_at(instance, profile, start + step)
        assert names(skipped) == names(_reference_mes_at(instance, profile, start + computed))
        assert instance.is_feasible(skipped) and not instance.is_exhaustive(skipped)

    completed = greedy_utilitarian_welfare(
        instance, profile, sat_class=Cost_Sat, initial_budget_allocation=at_final
    )
    assert outcome.winners == names(completed)
