"""Public pages: the region's ratings, a rating, the scorecard, the comparison and an
опорный населённый пункт page, each in a fixed number of queries at two sizes."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.effectiveness.conftest import YEAR, accepted, peers
from tests.factories import SettlementFactory
from zemstvo.effectiveness import ratings

pytestmark = pytest.mark.django_db


def _grow(municipality, extra: int) -> None:
    for m in peers(municipality.region, extra):
        for code, value in (("1", 90), ("6", 20), ("9", 60), ("37", 50)):
            accepted(m, code, YEAR - 1, value)
            accepted(m, code, YEAR, value if code == "9" else value + 1)


def _rating(curator, municipality):
    method = ratings.standard_methods(actor=curator, region=municipality.region)[0]
    return ratings.rating_compute(actor=curator, method=method, year=YEAR)


@pytest.mark.parametrize("extra", [0, 8])
def test_scorecard_shows_values_rank_priorities_in_fixed_queries(
    client, rated, municipality, regional_curator, django_assert_max_num_queries, extra
):
    _grow(municipality, extra)
    _rating(regional_curator, municipality)
    with django_assert_max_num_queries(18):
        response = client.get(reverse("effectiveness:scorecard",
                                      kwargs={"municipality": municipality.slug}))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Место" in text and "Приоритетные направления" in text
    assert "<svg" in text and "ниже медианы группы" in text


@pytest.mark.parametrize("extra", [0, 8])
def test_rating_page_explains_the_method_in_fixed_queries(
    client, rated, municipality, regional_curator, django_assert_max_num_queries, extra
):
    _grow(municipality, extra)
    rating = _rating(regional_curator, municipality)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("effectiveness:rating", kwargs={"pk": rating.pk}))
    text = response.content.decode()
    assert "Как считается рейтинг" in text and "равными минимумом и максимумом" in text
    assert municipality.name in text


@pytest.mark.parametrize("extra", [0, 8])
def test_region_and_comparison_pages_in_fixed_queries(
    client, rated, municipality, regional_curator, django_assert_max_num_queries, extra
):
    _grow(municipality, extra)
    _rating(regional_curator, municipality)
    with django_assert_max_num_queries(6):
        assert client.get(reverse("effectiveness:region",
                                  kwargs={"region": municipality.region.slug})).status_code == 200
    with django_assert_max_num_queries(8):
        response = client.get(reverse("effectiveness:compare",
                                      kwargs={"region": municipality.region.slug}))
    assert "Среднее по региону" in response.content.decode()


@pytest.mark.parametrize("years", [2, 6])
def test_support_settlement_page_shows_dynamics_against_targets(
    client, catalogue, municipality, regional_curator, django_assert_max_num_queries, years
):
    from zemstvo.core.territory.services import settlement_mark_support
    from zemstvo.effectiveness import services
    from zemstvo.effectiveness.models import IndicatorValue

    place = SettlementFactory(municipality=municipality, name="Опорное")
    near = SettlementFactory(municipality=municipality, name="Ближнее")
    settlement_mark_support(actor=regional_curator, settlement=place, adjacent=[near])
    living = services.indicator_save(
        actor=regional_curator, region=municipality.region, code="Р-1", sphere="living",
        name="Индекс качества среды", unit="баллов", direction="higher", value_type="number",
        level="settlement", min_value=None, max_value=None, bdpmo_code="",
        needs_confirmation=False, is_active=True, note="")
    for n in range(years):
        IndicatorValue.objects.create(municipality=municipality, settlement=place,
                                      indicator=living, year=2022 + n, value=100 + 10 * n,
                                      is_accepted=True)
    with django_assert_max_num_queries(9):
        response = client.get(reverse("effectiveness:support", kwargs={"pk": place.pk}))
    text = response.content.decode()
    assert "Ближнее" in text and "Цель 2030: 130" in text and "<svg" in text


def test_unknown_rating_and_plain_settlement_are_404(client, settlement):
    assert client.get(reverse("effectiveness:rating", kwargs={"pk": 999})).status_code == 404
    assert client.get(reverse("effectiveness:support",
                              kwargs={"pk": settlement.pk})).status_code == 404


def test_open_data_lists_accepted_values_only(rated, municipality):
    from zemstvo.effectiveness.models import IndicatorValue
    from zemstvo.effectiveness.selectors import opendata_rows

    IndicatorValue.objects.filter(indicator__code="9").update(is_accepted=False)
    rows = list(opendata_rows(municipality))
    assert rows and {r["indicator"] for r in rows} == {"1", "6", "37"}
    assert set(rows[0]) == {"municipality", "oktmo", "settlement_oktmo", "indicator",
                            "indicator_name", "unit", "year", "kind", "value", "source"}
