"""Every figure the platform computes about programs, in one place: progress of an
activity and of a program, budget execution, deviation of indicators from plan,
late and at-risk milestones. The functions take records already loaded (with their
prefetched relations) and make no queries, so pages cost a fixed number of queries.

Percentages are Decimal rounded to 0.1; None when the figure has no meaning (no plan,
no fact yet, no activities).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from zemstvo.programs.models import (
    Activity,
    ActivityStatus,
    BudgetLine,
    IndicatorValue,
    Milestone,
    Program,
)

HUNDRED = Decimal(100)
TENTH = Decimal("0.1")


def percent(part: Decimal | int, whole: Decimal | int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * HUNDRED / Decimal(whole)).quantize(TENTH, ROUND_HALF_UP)


def activity_progress(activity: Activity) -> Decimal | None:
    """Readiness of an activity, %: a done activity is 100; a cancelled one has none
    (it leaves the program's progress); with control points, the share of points
    reached; otherwise the readiness its unit reported last."""
    if activity.status == ActivityStatus.DONE:
        return HUNDRED.quantize(TENTH)
    if activity.status == ActivityStatus.CANCELLED:
        return None
    milestones = list(activity.milestones.all())
    if milestones:
        reached = sum(1 for m in milestones if m.actual_date is not None)
        return percent(reached, len(milestones))
    return Decimal(activity.reported_progress).quantize(TENTH)


def program_progress(activities: Iterable[Activity]) -> Decimal | None:
    """Weighted mean of the activities' progress (cancelled activities excluded)."""
    total = Decimal(0)
    weights = 0
    for activity in activities:
        progress = activity_progress(activity)
        if progress is None:
            continue
        total += progress * activity.weight
        weights += activity.weight
    if not weights:
        return None
    return (total / weights).quantize(TENTH, ROUND_HALF_UP)


@dataclass(frozen=True)
class Execution:
    plan: Decimal
    fact: Decimal

    @property
    def percent(self) -> Decimal | None:
        return percent(self.fact, self.plan)


def budget_execution(lines: Iterable[BudgetLine]) -> dict:
    """Budget execution (fact / plan) by year, by (year, source), by source and in
    total: {"by_year": {year: Execution}, "by_year_source": {(year, source):
    Execution}, "by_source": {source: Execution}, "total": Execution}."""
    by_year: dict[int, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    by_pair: dict[tuple[int, str], list[Decimal]] = defaultdict(
        lambda: [Decimal(0), Decimal(0)])
    by_source: dict[str, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    total = [Decimal(0), Decimal(0)]
    for line in lines:
        for bucket in (by_year[line.year], by_pair[(line.year, line.source)],
                       by_source[line.source], total):
            bucket[0] += line.plan
            bucket[1] += line.fact
    return {
        "by_year": {k: Execution(*v) for k, v in sorted(by_year.items())},
        "by_year_source": {k: Execution(*v) for k, v in sorted(by_pair.items())},
        "by_source": {k: Execution(*v) for k, v in sorted(by_source.items())},
        "total": Execution(*total),
    }


def program_budget_lines(program: Program) -> list[BudgetLine]:
    return [line for activity in program.activities.all() for line in activity.budget.all()]


def deviation(plan: Decimal | None, fact: Decimal | None, *,
              lower_is_better: bool = False) -> Decimal | None:
    """Deviation of a fact from plan, % of plan: positive is better than planned. For
    an indicator where less is better (e.g. accidents) the sign is mirrored."""
    if plan is None or fact is None or plan == 0:
        return None
    raw = (Decimal(fact) - Decimal(plan)) * HUNDRED / abs(Decimal(plan))
    if lower_is_better:
        raw = -raw
    return raw.quantize(TENTH, ROUND_HALF_UP)


def value_deviation(value: IndicatorValue, *, lower_is_better: bool) -> Decimal | None:
    return deviation(value.plan, value.fact, lower_is_better=lower_is_better)


def target_progress(baseline: Decimal, target: Decimal, fact: Decimal | None) -> Decimal | None:
    """How far a strategic target has moved from its baseline towards its target
    value, % (capped to 0..100 for display of the bar; either direction works)."""
    if fact is None or target == baseline:
        return None
    share = percent(Decimal(fact) - baseline, target - baseline)
    return max(Decimal(0), min(HUNDRED, share)) if share is not None else None


def is_late(milestone: Milestone, today: date) -> bool:
    """A control point past its planned date and not reached."""
    return milestone.actual_date is None and milestone.planned_date < today


def is_at_risk(milestone: Milestone, today: date, risk_days: int) -> bool:
    """A control point not reached and due within ``risk_days`` days from today."""
    return (milestone.actual_date is None
            and today <= milestone.planned_date <= today + timedelta(days=risk_days))


def milestone_state(milestone: Milestone, today: date, risk_days: int) -> str:
    if milestone.actual_date is not None:
        return "reached_late" if milestone.actual_date > milestone.planned_date else "reached"
    if is_late(milestone, today):
        return "late"
    if is_at_risk(milestone, today, risk_days):
        return "at_risk"
    return "planned"
