"""Public pages of the effectiveness module for the axe-core test: the region's
ratings, a rating, a scorecard, the comparison and an опорный населённый пункт."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tests.e2e.public_pages import PublicPage, World
from tests.factories import MembershipFactory, MunicipalityFactory, SettlementFactory, UserFactory

YEAR = 2024


def build(world: World) -> None:
    from zemstvo.core.territory.services import settlement_mark_support
    from zemstvo.effectiveness import ratings, services
    from zemstvo.effectiveness.catalogue import load_decree_607
    from zemstvo.effectiveness.models import Indicator, IndicatorValue

    load_decree_607()
    curator = UserFactory(username="eff_curator")
    MembershipFactory(user=curator, role="regional_curator", municipality=None,
                      region=world.region)
    group = [world.municipality] + [
        MunicipalityFactory(region=world.region, name=f"Городской округ Сравнения-{n}")
        for n in range(3)]
    codes = {"1": 100, "6": 20, "9": 60, "37": 50}
    indicators = {i.code: i for i in Indicator.objects.filter(region=None, code__in=codes)}
    for number, municipality in enumerate(group):
        for code, base in codes.items():
            for year in (YEAR - 1, YEAR):
                IndicatorValue.objects.create(
                    municipality=municipality, indicator=indicators[code], year=year,
                    value=Decimal(base + number * 3 + (year - YEAR)), is_accepted=True)
    methods = ratings.standard_methods(actor=curator, region=world.region)
    world.records["eff_rating"] = ratings.rating_compute(actor=curator, method=methods[0],
                                                         year=YEAR)
    near = SettlementFactory(municipality=world.municipality, name="Ближнее", kind="д")
    place = settlement_mark_support(actor=curator, settlement=world.settlement, adjacent=[near])
    living = services.indicator_save(
        actor=curator, region=world.region, code="Р-1", sphere="living",
        name="Индекс качества среды опорного пункта", unit="баллов", direction="higher",
        value_type="number", level="settlement", min_value=None, max_value=None,
        bdpmo_code="", needs_confirmation=False, is_active=True, note="")
    for n in range(3):
        IndicatorValue.objects.create(municipality=world.municipality, settlement=place,
                                      indicator=living, year=2022 + n, value=150 + 10 * n,
                                      is_accepted=True)
    world.records["eff_support"] = place
    from datetime import date

    from zemstvo.effectiveness.models import Measure

    Measure.objects.create(  # its verdict (next year's value) shows on the scorecard
        municipality=world.municipality, year=YEAR - 1, title="Ремонт дорог по программе",
        owner="Заместитель главы", deadline=date(YEAR - 1, 10, 1), indicator=indicators["1"],
        expected_change=Decimal("0.5"), status="done", result="Выполнено.")


def _region(world: World) -> dict[str, Any]:
    return {"region": world.region.slug}


PAGES: list[PublicPage] = [
    PublicPage("effectiveness-region", "effectiveness:region", _region,
               shows=lambda w: "Типовая методика"),
    PublicPage("effectiveness-rating", "effectiveness:rating",
               lambda w: {"pk": w.records["eff_rating"].pk},
               shows=lambda w: w.municipality.name),
    PublicPage("effectiveness-scorecard", "effectiveness:scorecard",
               lambda w: {"municipality": w.municipality.slug},
               shows=lambda w: "достигнуто"),
    PublicPage("effectiveness-compare", "effectiveness:compare", _region,
               shows=lambda w: "Данные графика"),
    PublicPage("effectiveness-support", "effectiveness:support",
               lambda w: {"pk": w.records["eff_support"].pk}, shows=lambda w: "Ближнее"),
]
