"""Ratings from the database: the snapshot, the bit-for-bit recompute, immutability,
and the priority areas on a constructed case."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.effectiveness.conftest import YEAR
from zemstvo.core.errors import DomainError, NotAllowed
from zemstvo.effectiveness import ratings
from zemstvo.effectiveness.models import Rating
from zemstvo.effectiveness.priorities import priority_areas

pytestmark = pytest.mark.django_db


@pytest.fixture
def methods(rated, regional_curator, municipality):
    return {m.kind: m for m in ratings.standard_methods(actor=regional_curator,
                                                       region=municipality.region)}


@pytest.mark.parametrize("kind", ["pp1317", "minmax", "weighted"])
def test_a_stored_rating_recomputes_to_identical_numbers(methods, regional_curator, kind):
    rating = ratings.rating_compute(actor=regional_curator, method=methods[kind], year=YEAR)
    stored = Rating.objects.get(pk=rating.pk)
    assert ratings.rating_recompute(stored) == stored.results
    assert len(stored.results["groups"]["urban_okrug"]) == 4
    assert stored.parameters == methods[kind].parameters


def test_changing_values_or_the_method_later_does_not_change_a_stored_rating(
    methods, regional_curator, municipality
):
    from zemstvo.effectiveness.models import IndicatorValue

    rating = ratings.rating_compute(actor=regional_curator, method=methods["pp1317"],
                                    year=YEAR)
    before = rating.results
    IndicatorValue.objects.filter(year=YEAR).update(value=1)
    ratings.method_save(actor=regional_curator, region=municipality.region, name="Иная",
                        kind="pp1317", parameters={"trend_weight": "0.9"},
                        method=methods["pp1317"])
    stored = Rating.objects.get(pk=rating.pk)
    assert ratings.rating_recompute(stored) == before
    with pytest.raises(ValueError):
        stored.save()


def test_the_pp1317_rating_uses_the_survey_and_ranks_in_the_group(methods, regional_curator):
    rating = ratings.rating_compute(actor=regional_curator, method=methods["pp1317"],
                                    year=YEAR)
    rows = rating.results["groups"]["urban_okrug"]
    assert [r["rank"] for r in rows] == [1, 2, 3, 4]
    assert {r["survey_index"] for r in rows} == {"0.5500", "0.6000", "0.4500", "0.7000"}
    assert rating.inputs["survey"] and set(rating.inputs["indicators"][0]) >= {"code", "sphere"}


def test_rating_without_accepted_values_is_refused(catalogue, municipality, regional_curator):
    method = ratings.standard_methods(actor=regional_curator, region=municipality.region)[0]
    with pytest.raises(DomainError, match="нет принятых"):
        ratings.rating_compute(actor=regional_curator, method=method, year=YEAR)


def test_analyst_cannot_compute_a_rating(methods, analyst):
    with pytest.raises(NotAllowed):
        ratings.rating_compute(actor=analyst, method=methods["minmax"], year=YEAR)


def test_bad_method_parameters_are_refused(rated, regional_curator, municipality):
    with pytest.raises(DomainError, match="отрицательным"):
        ratings.method_save(actor=regional_curator, region=municipality.region, name="Плохая",
                            kind="pp1317", parameters={"survey_weight": "-1"})


def test_priority_areas_rank_by_pull_with_the_explaining_numbers(rated, municipality):
    """Indicator 1: 80 against a group median of 107.5 (values 80, 100, 115, 130), worse
    than last year's 100, and 33.3 % short of the plan of 120; its level index is
    (80 − 80)/(130 − 80) = 0 and the pull 0.8·(1 − 0)/n. Indicator 6 (lower is better):
    25 against a median of 22.5, but better than last year's 30 and no plan: not a
    priority. Indicator 9: equal everywhere, not a priority."""
    found = priority_areas(municipality, YEAR)
    assert [p.indicator.code for p in found] == ["1"]
    top = found[0]
    assert (top.value, top.median, top.previous, top.plan) == (80, 107.5, 100, 120)
    assert top.level_index == 0
    assert len(top.reasons) == 2 and "33.3 %" in top.reasons[1]
    from zemstvo.effectiveness.selectors import rated_indicators

    n = len(rated_indicators(municipality.region))
    assert top.pull == (Decimal("0.8") / n).quantize(Decimal("0.0001"))


def test_priorities_rank_the_bigger_pull_first(rated, municipality):
    from tests.effectiveness.conftest import accepted

    # Indicator 2: the lowest in the group (level 0) and worse than last year, like 1;
    # indicator 6 (lower is better) misses its plan of 15 by 66.7 % but is mid-group.
    for m, (before, now) in zip(rated, [(50, 40), (60, 70), (45, 50), (55, 60)], strict=True):
        accepted(m, "2", YEAR - 1, before)
        accepted(m, "2", YEAR, now)
    accepted(rated[0], "6", YEAR, 15, kind="plan")
    codes = [p.indicator.code for p in priority_areas(municipality, YEAR)]
    assert sorted(codes[:2]) == ["1", "2"] and codes[2] == "6"
    pulls = [p.pull for p in priority_areas(municipality, YEAR)]
    assert pulls == sorted(pulls, reverse=True)
