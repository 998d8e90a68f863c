"""How a rating is read and stored: the compact snapshot (values by indicator), ratings
stored with the older snapshot shape, the scorecard's row read out of a stored rating,
and the peer group's medians for the priority areas (in SQL on PostgreSQL)."""

from __future__ import annotations

import statistics
from decimal import Decimal

import pytest

from tests.effectiveness.conftest import YEAR, accepted, peers
from zemstvo.effectiveness import ratings, scoring, selectors
from zemstvo.effectiveness.models import IndicatorValue, Rating

pytestmark = pytest.mark.django_db


@pytest.fixture
def method(rated, regional_curator, municipality):
    return ratings.standard_methods(actor=regional_curator, region=municipality.region)[0]


def test_the_snapshot_keeps_each_value_as_its_decimal_text_by_indicator(
    method, regional_curator
):
    rating = ratings.rating_compute(actor=regional_curator, method=method, year=YEAR)
    inputs = Rating.objects.get(pk=rating.pk).inputs
    assert "values" not in inputs
    slugs = [m["slug"] for m in inputs["municipalities"]]
    stored = {(v.municipality.slug, v.indicator.code, v.year): str(v.value)
              for v in IndicatorValue.objects.filter(is_accepted=True, kind="actual")
              .select_related("municipality", "indicator")}
    compared = 0
    for code, (previous, current) in inputs["series"].items():
        assert len(previous) == len(current) == len(slugs)
        for slug, before, now in zip(slugs, previous, current, strict=True):
            assert before == stored.get((slug, code, YEAR - 1))
            assert now == stored.get((slug, code, YEAR))
            compared += 1
    assert compared >= 12 and inputs["series"]["1"][1][0] is not None


def test_a_rating_stored_with_the_older_snapshot_shape_recomputes_identically(
    method, regional_curator
):
    rating = ratings.rating_compute(actor=regional_curator, method=method, year=YEAR)
    inputs = dict(rating.inputs)
    series = inputs.pop("series")
    inputs["values"] = {}
    for position, m in enumerate(inputs["municipalities"]):
        for code, (previous, current) in series.items():
            if previous[position] is not None or current[position] is not None:
                inputs["values"].setdefault(m["slug"], {})[code] = [previous[position],
                                                                    current[position]]
    old = Rating.objects.create(
        region=rating.region, method=method, method_name=rating.method_name,
        method_kind=rating.method_kind, parameters=rating.parameters, year=YEAR,
        inputs=inputs, results=scoring.compute_exact(inputs, rating.parameters))
    stored = Rating.objects.get(pk=old.pk)
    assert ratings.rating_recompute(stored) == stored.results == rating.results


def test_the_scorecard_reads_its_row_of_the_latest_rating(
    method, regional_curator, municipality, rated
):
    assert selectors.latest_rating_standing(municipality, YEAR) == (None, None)
    ratings.rating_compute(actor=regional_curator, method=method, year=YEAR)
    latest = ratings.rating_compute(actor=regional_curator, method=method, year=YEAR)
    found, standing = selectors.latest_rating_standing(municipality, YEAR)
    assert found.pk == latest.pk
    assert standing == selectors.standing_in(Rating.objects.get(pk=latest.pk), municipality)
    assert standing["group_size"] == 4 and standing["slug"] == municipality.slug
    assert standing["indices"]["1"]["index"] is not None
    assert selectors.latest_rating_standing(municipality, YEAR + 1) == (None, None)


@pytest.mark.parametrize("extra", [0, 1])
def test_peer_group_medians_are_those_of_statistics_median(rated, municipality, extra):
    """4 members (the mean of the two middle values) and 5 (the middle one); values of
    another type or region, of settlements, plans and unaccepted ones do not count."""
    for m in peers(municipality.region, extra):
        accepted(m, "1", YEAR, "101.5")
        accepted(m, "6", YEAR, "7.25")
    accepted(peers(municipality.region, 1, "municipal_district")[0], "1", YEAR, 1000)
    accepted(municipality, "1", YEAR + 1, 5, kind="plan")
    stats = selectors.peer_group_stats(municipality, YEAR)
    group = {m.pk for m in selectors.peers(municipality)}
    for indicator_id, (count, low, high, lower, upper) in stats.items():
        values = [v for m, v in IndicatorValue.objects.filter(
            indicator_id=indicator_id, year=YEAR, kind="actual", is_accepted=True,
            settlement__isnull=True).values_list("municipality_id", "value") if m in group]
        assert count == len(values) and (low, high) == (min(values), max(values))
        middle = lower if count % 2 else (lower + upper) / 2
        assert Decimal(str(middle)) == Decimal(str(statistics.median(values)))
    one = next(i for i in stats if i == selectors.rated_indicators(municipality.region)[0].pk)
    assert stats[one][0] == 4 + extra
