"""Whether a measure of the improvement plan moved its indicator: the accepted values of
the measure's year and the next, the expected and the actual change, a verdict aware
of the indicator's direction; shown on the public scorecard (fixed queries) and in the
office plan."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.effectiveness.conftest import YEAR, accepted, indicator
from zemstvo.effectiveness.models import Measure
from zemstvo.effectiveness.selectors import Verdict, measure_outcomes

pytestmark = pytest.mark.django_db


def _measure(municipality, code: str, expected, year: int = YEAR - 1) -> Measure:
    return Measure.objects.create(
        municipality=municipality, year=year, title=f"Мероприятие по показателю {code}",
        owner="Заместитель главы", deadline=date(year, 12, 1), indicator=indicator(code),
        expected_change=Decimal(str(expected)))


def test_outcomes_against_hand_computed_numbers(rated, municipality):
    """GIVEN the test municipality: indicator 1 (higher is better) 100 in 2023 -> 80 in
    2024, indicator 6 (lower is better) 30 -> 25, indicator 9 60 -> 60."""
    worse = _measure(municipality, "1", 5)         # -20: missed
    better = _measure(municipality, "6", 4)        # -5 is an improvement of 5 >= 4
    typed_minus = _measure(municipality, "6", -5)  # same, the sign typed does not matter
    too_little = _measure(municipality, "6", 6)    # improvement 5 < 6
    flat = _measure(municipality, "9", 1)          # no change: missed
    no_next = _measure(municipality, "1", 5, year=YEAR)       # no 2025 value
    no_base = _measure(municipality, "1", 5, year=YEAR - 5)   # no 2019 value
    found = measure_outcomes(list(Measure.objects.select_related("indicator")))
    assert (found[worse.pk].base, found[worse.pk].next) == (Decimal(100), Decimal(80))
    assert found[worse.pk].actual == Decimal(-20)
    assert found[worse.pk].verdict == Verdict.MISSED
    assert found[better.pk].actual == Decimal(-5) and found[better.pk].achieved
    assert found[typed_minus.pk].achieved
    assert found[too_little.pk].verdict == Verdict.MISSED
    assert found[flat.pk].actual == 0 and found[flat.pk].verdict == Verdict.MISSED
    assert found[no_next.pk].verdict == Verdict.NO_NEXT
    assert found[no_next.pk].label == "нет данных за следующий год"
    assert found[no_next.pk].base == Decimal(80) and found[no_next.pk].actual is None
    assert found[no_base.pk].verdict == Verdict.NO_BASE
    assert found[better.pk].label == "достигнуто"
    assert found[worse.pk].label == "не достигнуто"


def test_a_higher_is_better_indicator_that_grew_enough_is_achieved(rated):
    peer = rated[1]  # indicator 1: 120 -> 130
    measure = _measure(peer, "1", 10)
    assert measure_outcomes([measure])[measure.pk].achieved
    measure.expected_change = Decimal("10.5")
    assert not measure_outcomes([measure])[measure.pk].achieved


def test_a_yes_no_indicator_moves_from_no_to_yes(catalogue, municipality):
    from zemstvo.effectiveness.models import Indicator

    yes_no = Indicator.objects.filter(region=None, value_type="yes_no").first()
    accepted(municipality, yes_no.code, YEAR - 1, 2)  # no
    accepted(municipality, yes_no.code, YEAR, 1)      # yes
    measure = _measure(municipality, yes_no.code, 1)
    outcome = measure_outcomes([measure])[measure.pk]
    assert outcome.achieved and outcome.actual == Decimal(-1)


def test_not_accepted_next_values_do_not_count(rated, municipality):
    from zemstvo.effectiveness.models import IndicatorValue

    IndicatorValue.objects.filter(municipality=municipality, indicator__code="6",
                                  year=YEAR).update(is_accepted=False)
    measure = _measure(municipality, "6", 4)
    assert measure_outcomes([measure])[measure.pk].verdict == Verdict.NO_NEXT


@pytest.mark.parametrize("count", [1, 6])
def test_scorecard_shows_the_verdicts_in_fixed_queries(
    client, rated, municipality, regional_curator, django_assert_num_queries, count
):
    from zemstvo.effectiveness import ratings

    method = ratings.standard_methods(actor=regional_curator, region=municipality.region)[0]
    ratings.rating_compute(actor=regional_curator, method=method, year=YEAR)
    for n in range(count):
        _measure(municipality, "6" if n % 2 else "1", 4)
    with django_assert_num_queries(13):
        response = client.get(reverse("effectiveness:scorecard",
                                      kwargs={"municipality": municipality.slug}))
    text = response.content.decode()
    assert "Фактическое изменение" in text and "не достигнуто" in text
    if count > 1:
        assert ">достигнуто<" in text


def test_office_plan_shows_the_verdicts(client, rated, analyst, municipality):
    _measure(municipality, "6", 4)
    _measure(municipality, "1", 5, year=YEAR)
    client.force_login(analyst)
    response = client.get(reverse("office_effectiveness:plan") + f"?m={municipality.slug}")
    text = response.content.decode()
    assert ">достигнуто<" in text and "нет данных за следующий год" in text
    assert "-5" in text
