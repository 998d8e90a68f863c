"""Priority areas of a municipality: the indicators where it is below its peer group's
median and getting worse, or far from its own plan, ranked by how much they pull its
score down (ПП № 1317: the level index and the weight of the indicator mean, 0.8).

The pull of an indicator is what the municipality's score would gain if it reached
the best value of its group: ``0.8 × (1 − level index) / number of indicators``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from zemstvo.core.rules.services import rule_value
from zemstvo.core.territory.models import Municipality
from zemstvo.effectiveness import selectors
from zemstvo.effectiveness.models import Indicator, IndicatorValue, ValueKind, ValueType

MEAN_WEIGHT = Decimal("0.8")
PLACES = Decimal("0.0001")


@dataclass
class Priority:
    indicator: Indicator
    value: Decimal
    previous: Decimal | None
    median: Decimal
    plan: Decimal | None
    level_index: Decimal
    pull: Decimal
    reasons: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        def text(v: Decimal | None) -> str | None:
            return None if v is None else str(v.normalize())

        return {"indicator": self.indicator.code, "name": self.indicator.name,
                "sphere": self.indicator.get_sphere_display(), "unit": self.indicator.unit,
                "value": text(self.value), "previous": text(self.previous),
                "median": text(self.median), "plan": text(self.plan),
                "level_index": str(self.level_index), "pull": str(self.pull),
                "reasons": self.reasons}


def _better(indicator: Indicator, a: Decimal, b: Decimal) -> bool:
    """Whether ``a`` is better than ``b`` for the indicator."""
    if indicator.value_type == ValueType.YES_NO:
        return a < b  # 1 = yes is better than 2 = no
    return a < b if indicator.direction == "lower" else a > b


def _level(indicator: Indicator, value: Decimal, low: Decimal, high: Decimal) -> Decimal:
    if low == high:
        return Decimal(1)
    lower_better = indicator.direction == "lower" or indicator.value_type == ValueType.YES_NO
    share = (high - value) / (high - low) if lower_better else (value - low) / (high - low)
    return share.quantize(PLACES, rounding=ROUND_HALF_UP)


def priority_areas(municipality: Municipality, year: int) -> list[Priority]:
    """The ranked priority areas (5 queries whatever the size of the group). The group's
    median, minimum and maximum come from ``selectors.peer_group_stats`` (reduced in SQL
    on PostgreSQL); the median is that of ``statistics.median``: the middle value, or
    the mean of the two middle values."""
    indicators = selectors.rated_indicators(municipality.region)
    stats = selectors.peer_group_stats(municipality, year)
    own = selectors.value_table(selectors.accepted_values(
        municipalities=[municipality.pk], years=(year - 1, year))).get(municipality.pk, {})
    plans = dict(IndicatorValue.objects.filter(
        municipality=municipality, year=year, kind=ValueKind.PLAN, settlement__isnull=True,
    ).values_list("indicator_id", "value"))
    gap_limit = Decimal(str(rule_value("effectiveness.plan_gap", municipality=municipality,
                                       on=date(year + 1, 1, 1))))
    found: list[Priority] = []
    count = max(len(indicators), 1)
    for indicator in indicators:
        value = own.get(indicator.pk, {}).get(year)
        if value is None or indicator.pk not in stats:
            continue
        size, low, high, lower_middle, upper_middle = stats[indicator.pk]
        middle = lower_middle if size % 2 else (lower_middle + upper_middle) / 2
        mid = Decimal(str(middle))
        previous = own.get(indicator.pk, {}).get(year - 1)
        plan = plans.get(indicator.pk)
        reasons = _reasons(indicator, value, previous, mid, plan, gap_limit)
        if not reasons:
            continue
        level = _level(indicator, value, low, high)
        pull = (MEAN_WEIGHT * (1 - level) / count).quantize(PLACES, rounding=ROUND_HALF_UP)
        found.append(Priority(indicator, value, previous, mid, plan, level, pull, reasons))
    found.sort(key=lambda p: (-p.pull, p.indicator.position, p.indicator.pk))
    return found


def _reasons(indicator: Indicator, value: Decimal, previous: Decimal | None, mid: Decimal,
             plan: Decimal | None, gap_limit: Decimal) -> list[str]:
    reasons = []
    if _better(indicator, mid, value) and previous is not None and _better(
        indicator, previous, value
    ):
        reasons.append(f"ниже медианы группы ({mid.normalize()}) и хуже прошлого года "
                       f"({previous.normalize()})")
    if plan is not None and plan != 0 and _better(indicator, plan, value):
        gap = (abs(value - plan) / abs(plan) * 100).quantize(Decimal("0.1"))
        if gap > gap_limit:
            reasons.append(f"отстаёт от собственного плана ({plan.normalize()}) на {gap} %")
    return reasons
