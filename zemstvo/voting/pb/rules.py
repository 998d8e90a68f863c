"""Winners of a budget vote: the greedy rule and the Method of Equal Shares.

Pure Python, exact arithmetic (fractions.Fraction), no Django: the same functions serve
the poll results page, `zemstvo pb-import` and the equality test against the reference
implementation (PyPI `pabutools` 1.2.3). Every choice below mirrors that reference so that
the winners agree on real Pabulib elections:

* ballots are approval ballots (a frozenset of project ids) or cumulative ballots (a
  mapping id -> points). A voter's weight for a project is 1 (approved) or its points;
* the greedy rule orders projects by score (approvals or the sum of points), highest
  first, and funds each one that still fits, skipping those that do not — pabutools'
  `greedy_utilitarian_welfare` with `Cost_Sat` (its score per rouble equals the number
  of approvals). Projects nobody chose are funded last if money is left, as there;
* ties are broken lexicographically by the project id as text (pabutools'
  `lexico_tie_breaking`, which compares project names; a Pabulib project's name is its id);
* the Method of Equal Shares (equalshares.net) gives each voter an equal share of the
  budget; a project is bought when its supporters can pay for it, each paying in
  proportion to their utility, the project with the lowest price per unit of utility
  first. Utilities are "cost" (weight x cost: pabutools' `Cost_Sat`, the equalshares.net
  default) or "cardinality" (the weight itself: `Cardinality_Sat` / `Additive_Cardinal_Sat`);
* completion "add1u" is the one pabutools' documentation uses ("MES iterated and
  completed"): `completion_by_rule_combination([method_of_equal_shares,
  greedy_utilitarian_welfare], [{"sat_class": Cost_Sat, "voter_budget_increment": 1},
  {"sat_class": Cost_Sat}])` — the voters' shares grow by one currency unit each as long
  as the outcome stays within the budget and is not exhaustive; what is left is filled by
  the greedy rule. "greedy" skips the increments, "none" is plain MES.

Raising the shares one unit at a time is what makes add1 slow on budgets in forints or
roubles (hundreds of thousands of steps). Here a run of MES is computed as a function of
the share x: every budget, price and payment is affine in x as long as every comparison the
run makes keeps its sign, so one run also yields the next share at which the outcome can
change, and the integer steps in between (whose outcome is provably the same) are skipped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

ProjectId = str | int
Ballot = frozenset | Mapping

COMPLETIONS = ("add1u", "greedy", "none")
UTILITIES = ("cost", "cardinality")


@dataclass(frozen=True)
class PBProject:
    id: ProjectId
    cost: Decimal | int


def _exact(value: Decimal | int | Fraction) -> Fraction:
    return Fraction(value)


def _weights(ballot: Ballot) -> dict[ProjectId, Fraction]:
    """A ballot as weights per project: 1 for an approval, the points for cumulative."""
    if isinstance(ballot, Mapping):
        return {pid: Fraction(points) for pid, points in ballot.items() if points}
    return {pid: Fraction(1) for pid in ballot}


def _check_inputs(projects: Sequence[PBProject], budget) -> dict[ProjectId, Fraction]:
    costs = {p.id: _exact(p.cost) for p in projects}
    if len(costs) != len(projects):
        raise ValueError("Идентификаторы проектов повторяются.")
    if any(c < 0 for c in costs.values()) or _exact(budget) < 0:
        raise ValueError("Стоимость проекта и бюджет не могут быть отрицательными.")
    return costs


def project_scores(projects: Sequence[PBProject], ballots: Iterable[Ballot]) -> dict:
    """Approvals (or points) each project received."""
    scores: dict[ProjectId, Fraction] = {p.id: Fraction(0) for p in projects}
    for ballot in ballots:
        for pid, weight in _weights(ballot).items():
            if pid in scores:
                scores[pid] += weight
    return scores


def _greedy_fill(costs, scores, budget: Fraction, chosen: list) -> list:
    """Fund projects by score, highest first, skipping those that no longer fit."""
    chosen = list(chosen)
    left = budget - sum((costs[pid] for pid in chosen), Fraction(0))
    taken = set(chosen)
    # pabutools orders by score per unit of cost under Cost_Sat, i.e. by the score itself;
    # a project with a score of 0 keeps density 0 and comes last; ties by id as text.
    order = sorted((pid for pid in costs if pid not in taken), key=lambda p: (-scores[p], str(p)))
    for pid in order:
        if costs[pid] <= left:
            chosen.append(pid)
            left -= costs[pid]
    return chosen


def greedy_winners(projects: Sequence[PBProject], ballots: Iterable[Ballot], budget) -> list:
    """Winners by the greedy rule, in the order they were funded."""
    costs = _check_inputs(projects, budget)
    return _greedy_fill(costs, project_scores(projects, ballots), _exact(budget), [])


# --- Method of Equal Shares -------------------------------------------------------------

try:  # the same exact rationals, ten times faster, when gmpy2 is installed (pabutools needs it)
    from gmpy2 import mpq as _rational
except ImportError:  # pragma: no cover - depends on the environment
    _rational = Fraction


def _q(value) -> Fraction:
    value = Fraction(value)
    return _rational(value.numerator, value.denominator)


ZERO_LIN = (_q(0), _q(0))


class _Tracker:
    """Evaluates comparisons at x and remembers the nearest x' > x where one may flip.

    A quantity of the run is a pair (a, c) meaning a + c·x, x being the voter's share.
    """

    def __init__(self, x):
        self.x = x
        self.next_change = None
        self.immediate = False

    def compare(self, f: tuple, fx, g: tuple, gx) -> int:
        """Sign of f(x) - g(x) (given as fx, gx); records where f and g cross beyond x."""
        slope = f[1] - g[1]
        diff = fx - gx
        if slope:
            if not diff:
                self.immediate = True
            elif (diff > 0) != (slope > 0):
                crossing = self.x - diff / slope
                if self.next_change is None or crossing < self.next_change:
                    self.next_change = crossing
        return (diff > 0) - (diff < 0)


@dataclass(eq=False)
class _Group:
    """Voters with identical ballots: they always hold and pay the same amounts."""

    weights: dict
    count: int
    budget: tuple = ZERO_LIN
    value: object = 0  # the budget at the share of the current run


def _groups(ballots: Iterable[Ballot]) -> tuple[list[_Group], int]:
    by_key: dict = {}
    voters = 0
    for ballot in ballots:
        voters += 1
        weights = _weights(ballot)
        key = frozenset(weights.items())
        if key in by_key:
            by_key[key].count += 1
        else:
            by_key[key] = _Group(weights, 1)
    return list(by_key.values()), voters


def _price(cost, supporters, total_utility) -> tuple:
    """Lowest price ρ per unit of utility at which the supporters together pay `cost`.

    Those whose budget is below ρ·u pay everything they have; the rest pay ρ·u each.
    Returns ρ as (a, c) and its value at the share x.
    """
    order = sorted(supporters, key=lambda s: s[0].value / s[1])
    paid_a = paid_c = paid = 0
    denominator = total_utility
    for group, utility in order:
        value = (cost - paid) / denominator
        if value * utility <= group.value:
            break
        paid += group.count * group.value
        paid_a += group.count * group.budget[0]
        paid_c += group.count * group.budget[1]
        denominator -= group.count * utility
    return ((cost - paid_a) / denominator, -paid_c / denominator), value


def _track_payers(price: tuple, price_x, supporters, tracker: _Tracker) -> None:
    """Who pays all and who pays ρ·u for the bought project must not change before the
    next step: that keeps every budget affine in the share.

    A project not bought needs no such care: for ANY set S of its supporters,
    Σ min(b, ρu) ≤ Σ_S b + ρ·Σ_¬S u, so the formula of its price with today's S is a
    lower bound of its true price at every share; the winner stays ahead of it while it
    stays below that bound, which the round checks.
    """
    for group, utility in supporters:
        tracker.compare(group.budget, group.value, (price[0] * utility, price[1] * utility),
                        price_x * utility)


def _mes_run(costs, supporters, groups: list[_Group], share) -> tuple[list, _Tracker]:
    """One run of MES with the initial share `share`; returns winners and the tracker."""
    tracker = _Tracker(share)
    totals = {pid: sum(g.count * u for g, u in sup) for pid, sup in supporters.items()}
    for group in groups:
        group.budget, group.value = (_q(0), _q(1)), share
    remaining = sorted((pid for pid, sup in supporters.items() if sup and costs[pid] > 0), key=str)
    chosen: list = []
    while True:
        best = None
        prices: dict = {}
        for pid in list(remaining):
            sup = supporters[pid]
            money_a = money_c = money_x = 0
            for group, _ in sup:
                money_a += group.count * group.budget[0]
                money_c += group.count * group.budget[1]
                money_x += group.count * group.value
            if tracker.compare((money_a, money_c), money_x, (costs[pid], 0), costs[pid]) < 0:
                remaining.remove(pid)
                continue
            prices[pid] = _price(costs[pid], sup, totals[pid])
            if best is None or prices[pid][1] < prices[best][1]:
                best = pid
        if best is None:
            return chosen, tracker
        price, price_x = prices[best]
        _track_payers(price, price_x, supporters[best], tracker)
        for other in remaining:
            if other != best:
                # the winner of this round must stay the winner until the next step
                tracker.compare(prices[other][0], prices[other][1], price, price_x)
        chosen.append(best)
        remaining.remove(best)
        for group, utility in supporters[best]:
            owed_x = price_x * utility
            if owed_x >= group.value:
                group.budget, group.value = ZERO_LIN, _q(0)
            else:
                group.budget = (group.budget[0] - price[0] * utility,
                                group.budget[1] - price[1] * utility)
                group.value -= owed_x


def _is_exhaustive(costs, chosen, budget: Fraction, among) -> bool:
    spent = sum(costs[pid] for pid in chosen)
    return all(pid in chosen or costs[pid] + spent > budget for pid in among)


@dataclass(frozen=True)
class MESOutcome:
    """What the Method of Equal Shares did, for the results page and the reference test."""

    winners: list  # in the order funded, completion included
    equal_shares: list  # bought by MES itself (before the greedy completion)
    share: Fraction  # each voter's final share: budget / voters + steps
    steps: int  # one-unit raises of the share (add1)
    runs: tuple[int, ...]  # the steps at which MES was run; the skipped ones provably agree


def mes_winners(
    projects: Sequence[PBProject],
    ballots: Iterable[Ballot],
    budget,
    *,
    completion: str = "add1u",
    utilities: str = "cost",
) -> list:
    """Winners by the Method of Equal Shares, in the order they were funded."""
    outcome = mes_outcome(projects, ballots, budget, completion=completion, utilities=utilities)
    return outcome.winners


def mes_outcome(
    projects: Sequence[PBProject],
    ballots: Iterable[Ballot],
    budget,
    *,
    completion: str = "add1u",
    utilities: str = "cost",
) -> MESOutcome:
    """The Method of Equal Shares with its completion (see the module docstring)."""
    if completion not in COMPLETIONS or utilities not in UTILITIES:
        raise ValueError("Неизвестный вариант метода равных долей.")
    costs = {pid: _q(cost) for pid, cost in _check_inputs(projects, budget).items()}
    budget = _q(budget)
    ballots = list(ballots)
    groups, voters = _groups(ballots)
    if voters == 0:
        return MESOutcome([], [], Fraction(0), 0, ())
    supporters: dict = {pid: [] for pid in costs}
    for group in groups:
        for pid, weight in group.weights.items():
            if pid in supporters:
                utility = _q(weight) * costs[pid] if utilities == "cost" else _q(weight)
                if utility > 0:
                    supporters[pid].append((group, utility))
    # a project that costs nothing and has support is taken at once (as pabutools does)
    free = sorted((p for p, s in supporters.items() if s and costs[p] == 0), key=str)
    supported = [pid for pid, sup in supporters.items() if sup and costs[pid] > 0]
    share = budget / voters
    if completion == "add1u":
        chosen, steps, runs = _add1(costs, supporters, groups, budget, share, supported)
    else:
        (chosen, _), steps, runs = _mes_run(costs, supporters, groups, share), 0, (0,)
    chosen = free + chosen
    winners = chosen
    if completion != "none" and not _is_exhaustive(costs, chosen, budget, costs):
        winners = _greedy_fill(costs, project_scores(projects, ballots), budget, chosen)
    final_share = Fraction(int((share + steps).numerator), int((share + steps).denominator))
    return MESOutcome(winners, chosen, final_share, steps, runs)


def _add1(costs, supporters, groups, budget, share, supported) -> tuple[list, int, tuple]:
    """Raise every voter's share by one unit until MES overspends or becomes exhaustive.

    Returns the last outcome within the budget, its step and the steps actually computed.
    """
    previous: list = []
    previous_step = step = 0
    runs = []
    while True:
        runs.append(step)
        chosen, tracker = _mes_run(costs, supporters, groups, share + step)
        if sum(costs[pid] for pid in chosen) > budget:
            return previous, max(previous_step, step - 1), tuple(runs)
        if _is_exhaustive(costs, chosen, budget, supported):
            return chosen, step, tuple(runs)
        previous, previous_step = chosen, step
        if tracker.immediate:
            step += 1
        elif tracker.next_change is None:
            return chosen, step, tuple(runs)  # no comparison can flip: nothing more to buy
        else:
            # the outcome is the same for every share below tracker.next_change
            distance = tracker.next_change - share
            step = max(step + 1, -(-distance.numerator // distance.denominator))
