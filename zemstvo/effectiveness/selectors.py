"""Reads of the effectiveness evaluation for pages, the API, ratings and open data.
Each costs a fixed number of queries whatever the number of municipalities."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import (
    Count,
    IntegerField,
    JSONField,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Concat
from django.utils.translation import gettext_lazy as _

from zemstvo.core.errors import NotFound
from zemstvo.core.territory.models import Municipality, MunicipalityType, Region, Settlement
from zemstvo.effectiveness.models import (
    Campaign,
    Direction,
    Indicator,
    IndicatorValue,
    Level,
    Measure,
    MeasureStatus,
    Rating,
    Report,
    ValueKind,
    ValueType,
)
from zemstvo.effectiveness.scoring import recode_yes_no

# Указ № 607 п. 1: the heads of городские округа, муниципальные округа and
# муниципальные районы report; these types are rated, each type its own peer group.
RATED_TYPES = (
    MunicipalityType.URBAN_OKRUG, MunicipalityType.URBAN_OKRUG_WITH_DIVISION,
    MunicipalityType.MUNICIPAL_OKRUG, MunicipalityType.MUNICIPAL_DISTRICT,
)


def catalogue(region: Region | None) -> QuerySet[Indicator]:
    """The federal list and the region's own indicators, in order."""
    scope = Q(region__isnull=True) if region is None else Q(region__isnull=True) | Q(
        region=region)
    return (Indicator.objects.filter(scope).select_related("parent")
            .annotate(children_count=Count("children")).order_by("position", "id"))


def leaf_indicators(region: Region | None, *, with_inactive: bool = False,
                    level: str | None = None) -> list[Indicator]:
    """Indicators that take values (an item with parts takes them on its parts)."""
    rows = catalogue(region).filter(children_count=0)
    if not with_inactive:
        rows = rows.filter(is_active=True)
    if level:
        rows = rows.filter(level=level)
    return list(rows)


def rated_indicators(region: Region | None) -> list[Indicator]:
    return [i for i in leaf_indicators(region, level=Level.MUNICIPALITY) if i.is_rated]


def survey_indicator(region: Region | None) -> Indicator | None:
    return Indicator.objects.filter(region=None, is_survey=True, is_active=True).first()


def support_settlements(municipality: Municipality) -> list[Settlement]:
    return list(Settlement.objects.filter(municipality=municipality, is_support=True)
                .order_by("name"))


def report_value_map(report: Report) -> dict[tuple, IndicatorValue]:
    """(code, settlement oktmo or "", year, kind) -> value, of the report's years."""
    year = report.campaign.year
    rows = IndicatorValue.objects.filter(
        municipality=report.municipality, year__gte=year, year__lte=year + 3,
    ).select_related("indicator", "settlement")
    return {(v.indicator.code, v.settlement.oktmo if v.settlement else "", v.year, v.kind): v
            for v in rows}


def report_for_office(pk: int) -> Report:
    report = (Report.objects.select_related("campaign__region", "municipality__region")
              .filter(pk=pk).first())
    if report is None:
        raise NotFound("Отчёт не найден.")
    return report


def campaigns(region_ids: set[int] | None) -> QuerySet[Campaign]:
    rows = Campaign.objects.select_related("region")
    if region_ids is not None:
        rows = rows.filter(region_id__in=region_ids)
    return rows.order_by("-year", "region__name")


def reports_of(campaign: Campaign) -> list[dict[str, Any]]:
    """Every rated municipality of the campaign's region with its report (2 queries)."""
    reports = {r.municipality_id: r for r in Report.objects.filter(campaign=campaign)}
    return [{"municipality": m, "report": reports.get(m.pk)}
            for m in Municipality.objects.filter(region=campaign.region, is_active=True,
                                                 type__in=RATED_TYPES).order_by("name")]


def value_history(pk: int) -> IndicatorValue:
    value = (IndicatorValue.objects.select_related("indicator", "municipality", "settlement",
                                                   "report__campaign")
             .prefetch_related("revisions__changed_by").filter(pk=pk).first())
    if value is None:
        raise NotFound("Значение не найдено.")
    return value


def accepted_values(*, municipalities: list[int] | None = None, region: Region | None = None,
                    years: tuple[int, int] | None = None, kind: str = ValueKind.ACTUAL,
                    settlement_level: bool = False) -> QuerySet[IndicatorValue]:
    rows = IndicatorValue.objects.filter(is_accepted=True, kind=kind,
                                         settlement__isnull=not settlement_level)
    if municipalities is not None:
        rows = rows.filter(municipality_id__in=municipalities)
    if region is not None:
        rows = rows.filter(municipality__region=region)
    if years is not None:
        rows = rows.filter(year__gte=years[0], year__lte=years[1])
    return rows


def value_table(rows: QuerySet[IndicatorValue]) -> dict[int, dict[int, dict[int, Decimal]]]:
    """municipality id -> indicator id -> year -> value (one query)."""
    table: dict[int, dict[int, dict[int, Decimal]]] = defaultdict(lambda: defaultdict(dict))
    for municipality_id, indicator_id, year, value in rows.values_list(
        "municipality_id", "indicator_id", "year", "value"
    ):
        table[municipality_id][indicator_id][year] = value
    return table


def value_cells(municipalities: Any, indicators: list[int], years: tuple[int, int]
                ) -> Iterator[tuple[int, int, Iterator[tuple[int, str]]]]:
    """Accepted actual values as (indicator id, year, (municipality id, value text) pairs),
    the text as ``str(Decimal)`` writes it (one query). On PostgreSQL each (indicator,
    year) is one row of "id:value" cells aggregated in SQL rather than a row per value.
    ``municipalities``: ids, or a query of their ids."""
    rows = accepted_values(municipalities=municipalities, years=years).filter(
        indicator_id__in=indicators).order_by()
    if connection.vendor == "postgresql":
        from django.contrib.postgres.aggregates import StringAgg

        cell = Concat(Cast("municipality_id", TextField()), Value(":"),
                      Cast("value", TextField()), output_field=TextField())
        grouped = rows.values("indicator_id", "year").annotate(
            cells=StringAgg(cell, ",")).values_list("indicator_id", "year", "cells")
        for indicator_id, year, cells in grouped:
            yield indicator_id, year, _split_cells(cells)
        return
    cells: dict[tuple[int, int], list[tuple[int, str]]] = defaultdict(list)
    for municipality_id, indicator_id, year, value in rows.values_list(
        "municipality_id", "indicator_id", "year", "value"
    ):
        cells[indicator_id, year].append((municipality_id, str(value)))
    for (indicator_id, year), pairs in cells.items():
        yield indicator_id, year, iter(pairs)


def _split_cells(cells: str) -> Iterator[tuple[int, str]]:
    flat = cells.replace(":", ",").split(",")  # id, value, id, value, ...
    return zip(map(int, flat[0::2]), flat[1::2], strict=True)


def peers(municipality: Municipality) -> list[Municipality]:
    return list(Municipality.objects.filter(region_id=municipality.region_id,
                                            type=municipality.type, is_active=True)
                .order_by("name"))


def rated_municipalities_query(region: Region, group: str = "") -> QuerySet[Municipality]:
    types = [group] if group else list(RATED_TYPES)
    return Municipality.objects.filter(region=region, is_active=True, type__in=types)


def rated_municipalities(region: Region, group: str = "") -> list[Municipality]:
    return list(rated_municipalities_query(region, group).order_by("name"))


def latest_ratings(region: Region, limit: int = 20) -> list[Rating]:
    return list(Rating.objects.filter(region=region).defer("inputs")
                .order_by("-year", "-created_at")[:limit])


def rating(pk: int) -> Rating:
    found = Rating.objects.select_related("region").filter(pk=pk).first()
    if found is None:
        raise NotFound("Рейтинг не найден.")
    return found


def latest_rating_standing(municipality: Municipality, year: int | None = None
                           ) -> tuple[Rating | None, dict[str, Any] | None]:
    """The latest rating of the municipality's region (of ``year``) and the
    municipality's row in it with the size of its group, or None (one query). On
    PostgreSQL the row is picked out of the stored results in SQL, so the page does not
    load a country-sized rating to show one row."""
    rows = Rating.objects.filter(region_id=municipality.region_id)
    if year:
        rows = rows.filter(year=year)
    rows = rows.order_by("-year", "-created_at")
    if connection.vendor != "postgresql":
        found = rows.defer("inputs").first()
        return found, standing_in(found, municipality)
    # The row is picked out of the latest rating only (not of every rating then sorted).
    latest = Rating.objects.filter(pk=Subquery(rows.values("pk")[:1]))
    found = latest.defer("inputs", "results").annotate(
        standing_row=RawSQL(
            "jsonb_path_query_first(results -> 'groups' -> %s, '$[*] ? (@.slug == $slug)', "
            "jsonb_build_object('slug', %s::text))", (municipality.type, municipality.slug),
            output_field=JSONField()),
        standing_size=RawSQL("COALESCE(jsonb_array_length(results -> 'groups' -> %s), 0)",
                             (municipality.type,), output_field=IntegerField()),
    ).first()
    if found is None or found.standing_row is None:
        return found, None
    return found, {**found.standing_row, "group_size": found.standing_size}


def standing_in(found: Rating | None, municipality: Municipality) -> dict[str, Any] | None:
    """The municipality's row of a rating's results, with the size of its group."""
    if found is None:
        return None
    members = found.results["groups"].get(municipality.type, [])
    for row in members:
        if row["slug"] == municipality.slug:
            return {**row, "group_size": len(members)}
    return None


GroupStats = dict[int, tuple[int, Decimal, Decimal, Decimal, Decimal]]


def peer_group_stats(municipality: Municipality, year: int) -> GroupStats:
    """indicator id -> (count, minimum, maximum, lower middle, upper middle) of the
    accepted actual values of ``year`` in the municipality's peer group (active
    municipalities of its region and type), for the median: one query. On PostgreSQL
    they are reduced in SQL; elsewhere the values are read and sorted here."""
    rows = accepted_values(years=(year, year)).filter(
        municipality__region_id=municipality.region_id, municipality__type=municipality.type,
        municipality__is_active=True)
    if connection.vendor == "postgresql":
        # percentile_disc picks a value (exact numeric, unlike percentile_cont's float):
        # at 0.5 the lower middle one; over the values negated, the upper middle one.
        inner, params = rows.values("indicator_id", "value").order_by().query.sql_with_params()
        sql = ("SELECT t.indicator_id, COUNT(*), MIN(t.value), MAX(t.value), "
               "percentile_disc(0.5) WITHIN GROUP (ORDER BY t.value), "
               "-percentile_disc(0.5) WITHIN GROUP (ORDER BY -t.value) "
               f"FROM ({inner}) t GROUP BY t.indicator_id")
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return {row[0]: tuple(row[1:]) for row in cursor.fetchall()}
    by_indicator: dict[int, list[Decimal]] = defaultdict(list)
    for indicator_id, value in rows.values_list("indicator_id", "value"):
        by_indicator[indicator_id].append(value)
    stats: GroupStats = {}
    for indicator_id, values in by_indicator.items():
        values.sort()
        count = len(values)
        stats[indicator_id] = (count, values[0], values[-1], values[(count - 1) // 2],
                               values[count // 2])
    return stats


def measures(municipality: Municipality) -> list[Measure]:
    return list(Measure.objects.filter(municipality=municipality).select_related("indicator")
                .order_by("deadline", "id"))


class Verdict:
    ACHIEVED = "achieved"
    MISSED = "missed"
    NO_NEXT = "no_next"
    NO_BASE = "no_base"


VERDICT_LABELS = {
    Verdict.ACHIEVED: _("достигнуто"),
    Verdict.MISSED: _("не достигнуто"),
    Verdict.NO_NEXT: _("нет данных за следующий год"),
    Verdict.NO_BASE: _("нет данных за год мероприятия"),
}


@dataclass(frozen=True)
class MeasureOutcome:
    """Did the measure's indicator move: its accepted actual value in the measure's year
    and in the next one, the change expected and the change that happened."""

    base: Decimal | None
    next: Decimal | None
    expected: Decimal
    actual: Decimal | None
    verdict: str

    @property
    def label(self) -> str:
        return str(VERDICT_LABELS[self.verdict])

    @property
    def achieved(self) -> bool:
        return self.verdict == Verdict.ACHIEVED


def measure_outcome(measure: Measure, base: Decimal | None, after: Decimal | None
                    ) -> MeasureOutcome:
    """The verdict, aware of the indicator's direction. ``expected_change`` is the
    improvement promised (its size counts; for a "lower is better" indicator an
    improvement is a decrease, whatever sign was typed). The measure is achieved when
    the indicator improved by at least that much; for an indicator that is not rated
    (neutral) the change must go the typed way by at least its size."""
    expected = measure.expected_change
    if base is None:
        return MeasureOutcome(None, after, expected, None, Verdict.NO_BASE)
    if after is None:
        return MeasureOutcome(base, None, expected, None, Verdict.NO_NEXT)
    actual = after - base
    indicator = measure.indicator
    yes_no = indicator.value_type == ValueType.YES_NO
    change = recode_yes_no(after, yes_no) - recode_yes_no(base, yes_no)
    if indicator.direction == Direction.NEUTRAL:
        achieved = change * (1 if expected >= 0 else -1) >= abs(expected)
    else:
        improvement = -change if indicator.direction == Direction.LOWER else change
        achieved = improvement >= abs(expected)
    return MeasureOutcome(base, after, expected, actual,
                          Verdict.ACHIEVED if achieved else Verdict.MISSED)


def measure_outcomes(measures: Sequence[Measure]) -> dict[int, MeasureOutcome]:
    """measure id -> outcome, from the accepted actual values of the measures' year and
    the next (one query for any number of measures; the measures come with their
    indicator)."""
    if not measures:
        return {}
    years = {m.year for m in measures} | {m.year + 1 for m in measures}
    rows = accepted_values(
        municipalities=list({m.municipality_id for m in measures}),
        years=(min(years), max(years)),
    ).filter(indicator_id__in={m.indicator_id for m in measures}).values_list(
        "municipality_id", "indicator_id", "year", "value")
    found = {(m, i, y): v for m, i, y, v in rows}
    return {m.pk: measure_outcome(m, found.get((m.municipality_id, m.indicator_id, m.year)),
                                  found.get((m.municipality_id, m.indicator_id, m.year + 1)))
            for m in measures}


def measures_with_outcomes(measures: Sequence[Measure]) -> list[tuple[Measure, MeasureOutcome]]:
    """Each measure beside its outcome, in the measures' order (one query)."""
    outcomes = measure_outcomes(measures)
    return [(m, outcomes[m.pk]) for m in measures]


def overdue_measures(municipality_ids: list[int] | None, today) -> int:
    rows = Measure.objects.filter(deadline__lt=today, status__in=[
        MeasureStatus.PLANNED, MeasureStatus.IN_PROGRESS])
    if municipality_ids is not None:
        rows = rows.filter(municipality_id__in=municipality_ids)
    return rows.count()


def reports_waiting(region_ids: list[int] | None) -> int:
    rows = Report.objects.filter(status="submitted")
    if region_ids is not None:
        rows = rows.filter(campaign__region_id__in=region_ids)
    return rows.count()


def opendata_rows(municipality: Municipality | None) -> Iterator[dict[str, Any]]:
    """Accepted values (open data): no personal data, only the figures and sources."""
    rows = (IndicatorValue.objects.filter(is_accepted=True)
            .select_related("indicator", "municipality", "settlement")
            .order_by("municipality_id", "indicator__position", "year", "kind", "id"))
    if municipality is not None:
        rows = rows.filter(municipality=municipality)
    for value in rows.iterator(chunk_size=2000):
        yield {
            "municipality": value.municipality.name,
            "oktmo": value.municipality.oktmo,
            "settlement_oktmo": value.settlement.oktmo if value.settlement else "",
            "indicator": value.indicator.code,
            "indicator_name": value.indicator.name,
            "unit": value.indicator.unit,
            "year": value.year,
            "kind": value.kind,
            "value": str(value.value.normalize()),
            "source": value.source,
        }


def support_settlement(pk: int) -> Settlement:
    found = (Settlement.objects.select_related("municipality__region")
             .prefetch_related("adjacent").filter(pk=pk, is_support=True).first())
    if found is None:
        raise NotFound("Опорный населённый пункт не найден.")
    return found


def region_support_settlements(region: Region) -> list[Settlement]:
    return list(Settlement.objects.filter(municipality__region=region, is_support=True)
                .select_related("municipality").annotate(n_adjacent=Count("adjacent"))
                .order_by("municipality__name", "name"))
