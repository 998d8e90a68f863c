"""What the public pages show, put together from the selectors: a municipality's
scorecard, the regional comparison and an опорный населённый пункт's dynamics.
Each is a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext as _

from zemstvo.core.rules.services import rule_value
from zemstvo.core.territory.models import Municipality, Region, Settlement
from zemstvo.effectiveness import charts, selectors
from zemstvo.effectiveness.models import IndicatorValue, Level, MeasureStatus, ValueKind
from zemstvo.effectiveness.priorities import priority_areas

YEARS_SHOWN = 5


def _fmt(value: Decimal | None) -> str:
    if value is None:
        return "—"
    return f"{value.normalize():f}"


def _trend(indicator: Any, previous: Decimal | None, value: Decimal | None) -> str:
    if previous is None or value is None or previous == value or indicator.direction == "neutral":
        return "="
    better = value < previous if indicator.direction == "lower" else value > previous
    return "лучше" if better else "хуже"


def latest_year(municipalities: list[int] | None = None, region: Region | None = None) -> int:
    rows = selectors.accepted_values(municipalities=municipalities, region=region)
    found = rows.order_by("-year").values_list("year", flat=True).first()
    return found or date.today().year - 1


def scorecard(municipality: Municipality, year: int | None = None) -> dict[str, Any]:
    year = year or latest_year([municipality.pk])
    years = list(range(year - YEARS_SHOWN + 1, year + 1))
    indicators = selectors.leaf_indicators(municipality.region, level=Level.MUNICIPALITY)
    table = selectors.value_table(selectors.accepted_values(
        municipalities=[municipality.pk], years=(years[0], year)))[municipality.pk]
    plans = dict(IndicatorValue.objects.filter(
        municipality=municipality, kind=ValueKind.PLAN, year=year + 1, is_accepted=True,
        settlement__isnull=True).values_list("indicator_id", "value"))
    rating, standing = selectors.latest_rating_standing(municipality, year)
    rows = []
    for indicator in indicators:
        by_year = table.get(indicator.pk, {})
        value, previous = by_year.get(year), by_year.get(year - 1)
        index = (standing or {}).get("indices", {}).get(indicator.code, {}).get("index")
        rows.append({"indicator": indicator, "values": [_fmt(by_year.get(y)) for y in years],
                     "plan": _fmt(plans.get(indicator.pk)),
                     "trend": _trend(indicator, previous, value), "index": index or "—"})
    measures = selectors.measures(municipality)
    done = sum(1 for m in measures if m.status == MeasureStatus.DONE)
    history = [(y, sum(1 for r in rows if r["values"][years.index(y)] != "—")) for y in years]
    return {
        "year": year, "years": years, "rows": rows, "rating": rating, "standing": standing,
        "priorities": priority_areas(municipality, year),
        "measures": measures, "measures_done": done,
        "measure_rows": selectors.measures_with_outcomes(measures),
        "chart": charts.bars("Число принятых значений по годам",
                             [(str(y), n) for y, n in history]),
        "chart_rows": history,
    }


def comparison(region: Region, year: int | None, group: str, code: str = "") -> dict[str, Any]:
    """Municipalities side by side, with the region's average and average dynamics, and
    a chart of one indicator (``code``, else the first with values) across them."""
    municipalities = selectors.rated_municipalities(region, group)
    ids = [m.pk for m in municipalities]
    year = year or latest_year(ids)
    indicators = selectors.rated_indicators(region)
    table = selectors.value_table(selectors.accepted_values(municipalities=ids,
                                                            years=(year - 1, year)))
    rows = []
    for m in municipalities:
        rows.append({"municipality": m, "values": [
            _fmt(table.get(m.pk, {}).get(i.pk, {}).get(year)) for i in indicators]})
    averages, dynamics = [], []
    for indicator in indicators:
        now = [t[indicator.pk][year] for t in table.values() if year in t.get(indicator.pk, {})]
        before = [t[indicator.pk][year - 1] for t in table.values()
                  if year - 1 in t.get(indicator.pk, {})]
        avg_now = _mean(now)
        avg_before = _mean(before)
        averages.append(_fmt(avg_now))
        if avg_now is not None and avg_before:
            change = ((avg_now - avg_before) / abs(avg_before) * 100).quantize(Decimal("0.1"))
            dynamics.append(f"{change:+f} %")
        else:
            dynamics.append("—")
    return {"year": year, "indicators": indicators, "rows": rows, "averages": averages,
            "dynamics": dynamics,
            **_comparison_chart(indicators, municipalities, table, averages, year, code)}


def _comparison_chart(indicators: list[Any], municipalities: list[Municipality],
                      table: Any, averages: list[str], year: int, code: str
                      ) -> dict[str, Any]:
    """Bars of one indicator's values by municipality and the region's average."""
    present = [i for i in indicators
               if any(year in table.get(m.pk, {}).get(i.pk, {}) for m in municipalities)]
    chosen = next((i for i in present if i.code == code), present[0] if present else None)
    if chosen is None:
        return {"chart": "", "chart_indicator": None, "chart_indicators": [], "chart_rows": []}
    average_label = str(_("Среднее по региону"))
    items = [(m.name, table[m.pk][chosen.pk][year]) for m in municipalities
             if year in table.get(m.pk, {}).get(chosen.pk, {})]
    average = averages[indicators.index(chosen)]
    if average != "—":
        items.append((average_label, Decimal(average)))
    title = f"{chosen.code}. {chosen.name[:80]}, {year}"
    return {"chart": charts.bars(title, items, highlight=average_label),
            "chart_indicator": chosen, "chart_indicators": present,
            "chart_rows": [(label, _fmt(value)) for label, value in items]}


def _mean(values: list[Decimal]) -> Decimal | None:
    if not values:
        return None
    return (sum(values) / len(values)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def support_page(settlement: Settlement) -> dict[str, Any]:
    """Dynamics of the settlement's indicators against the targets (+30 % by 2030,
    +60 % by 2036 from the base year: rules of распоряжение № 4132-р)."""
    municipality = settlement.municipality
    on = date.today()
    base_year = int(rule_value("effectiveness.support_base_year", municipality=municipality,
                               on=on))
    targets = [(2030, Decimal(str(rule_value("effectiveness.support_target_2030",
                                             municipality=municipality, on=on)))),
               (2036, Decimal(str(rule_value("effectiveness.support_target_2036",
                                             municipality=municipality, on=on))))]
    values = IndicatorValue.objects.filter(settlement=settlement, kind=ValueKind.ACTUAL,
                                           is_accepted=True).select_related("indicator")
    by_indicator: dict[Any, dict[int, Decimal]] = defaultdict(dict)
    for value in values:
        by_indicator[value.indicator][value.year] = value.value
    blocks = []
    for indicator, series in sorted(by_indicator.items(), key=lambda kv: kv[0].position):
        years = sorted(series)
        base = series.get(base_year, series[years[0]])
        sign = -1 if indicator.direction == "lower" else 1
        goal = [(y, base * (1 + sign * pct / 100)) for y, pct in targets]
        last = series[years[-1]]
        progress = None
        if goal[0][1] != base:
            progress = ((last - base) / (goal[0][1] - base) * 100).quantize(Decimal("1"))
        chart = charts.lines(indicator.name, years, [
            (indicator.name, [series.get(y) for y in years])])
        blocks.append({"indicator": indicator, "rows": [(y, _fmt(series[y])) for y in years],
                       "base": _fmt(base), "base_year": base_year if base_year in series
                       else years[0],
                       "goals": [(y, _fmt(v.quantize(Decimal("0.01")))) for y, v in goal],
                       "progress": progress, "chart": chart})
    return {"settlement": settlement, "blocks": blocks, "targets": targets,
            "adjacent": list(settlement.adjacent.all())}
