"""A small region: a municipal district with two поселения, a городской округ, and
their settlements; ``grow`` adds more of everything (for query-count tests)."""

from __future__ import annotations

import pytest

from tests.factories import MunicipalityFactory, RegionFactory, SettlementFactory
from zemstvo.core.territory.models import MunicipalityType

T = MunicipalityType


class Territory:
    def __init__(self):
        self.region = RegionFactory(name="Вологодская", kind="обл", code="19",
                                    slug="vologodskaya-oblast", federal_district="Северо-Западный")
        self.district = MunicipalityFactory(
            region=self.region, type=T.MUNICIPAL_DISTRICT, name="Кирилловский муниципальный район",
            slug="kirillovskiy-rn", oktmo="19628000", population=None,
        )
        self.town = MunicipalityFactory(
            region=self.region, type=T.URBAN_SETTLEMENT, parent=self.district,
            name="городское поселение город Кириллов", slug="kirillov", oktmo="19628101",
            population=7735,
        )
        self.rural = MunicipalityFactory(
            region=self.region, type=T.RURAL_SETTLEMENT, parent=self.district,
            name="сельское поселение Ферапонтовское", slug="ferapontovskoe-sp",
            oktmo="19628448", population=1500,
        )
        self.okrug = MunicipalityFactory(
            region=self.region, type=T.URBAN_OKRUG, name="городской округ город Вологда",
            slug="vologda", oktmo="19701000", population=301642,
        )
        self.kirillov = SettlementFactory(municipality=self.town, kind="г", name="Кириллов",
                                          oktmo="19628101001", population=7735)
        self.ferapontovo = SettlementFactory(municipality=self.rural, kind="д",
                                             name="Ферапонтово", oktmo="19628448101",
                                             population=300)
        self.ivanovka = SettlementFactory(municipality=self.rural, kind="д", name="Ивановка",
                                          oktmo="19628448106", population=40)
        self.vologda = SettlementFactory(municipality=self.okrug, kind="г", name="Вологда",
                                         oktmo="19701000001", population=301642)
        for municipality, centre in ((self.town, self.kirillov), (self.district, self.kirillov),
                                     (self.rural, self.ferapontovo), (self.okrug, self.vologda)):
            municipality.centre = centre
            municipality.save(update_fields=["centre"])

    def grow(self, n: int = 5) -> None:
        """More municipalities of every kind and more settlements everywhere."""
        for i in range(n):
            okrug = MunicipalityFactory(region=self.region, type=T.URBAN_OKRUG)
            district = MunicipalityFactory(region=self.region, type=T.MUNICIPAL_DISTRICT)
            settlement = MunicipalityFactory(region=self.region, type=T.RURAL_SETTLEMENT,
                                             parent=self.district)
            for municipality in (okrug, district, settlement, self.rural, self.okrug):
                SettlementFactory(municipality=municipality, is_support=i % 2 == 0)


@pytest.fixture
def territory(db) -> Territory:
    return Territory()
