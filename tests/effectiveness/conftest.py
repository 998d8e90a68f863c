"""Fixtures of the effectiveness tests: the catalogue, analysts, a campaign, a report."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.factories import MembershipFactory, MunicipalityFactory, UserFactory
from zemstvo.effectiveness import services
from zemstvo.effectiveness.catalogue import load_decree_607
from zemstvo.effectiveness.checks import Entry
from zemstvo.effectiveness.models import Indicator, ValueKind

YEAR = 2024
ROLES = (
    "anonymous", "resident", "clerk", "editor", "analyst", "other_analyst",
    "municipal_admin", "regional_curator", "other_curator", "operator",
)


@pytest.fixture
def catalogue(db):
    load_decree_607()


@pytest.fixture
def analyst(municipality):
    user = UserFactory(username="analyst")
    MembershipFactory(user=user, role="analyst", municipality=municipality)
    return user


@pytest.fixture
def other_analyst(other_municipality):
    user = UserFactory(username="other_analyst")
    MembershipFactory(user=user, role="analyst", municipality=other_municipality)
    return user


@pytest.fixture
def other_curator(other_municipality):
    user = UserFactory(username="other_curator")
    MembershipFactory(user=user, role="regional_curator", municipality=None,
                      region=other_municipality.region)
    return user


@pytest.fixture
def person(request):
    def get(role: str):
        return None if role == "anonymous" else request.getfixturevalue(role)

    return get


@pytest.fixture
def campaign(catalogue, municipality, regional_curator):
    return services.campaign_open(actor=regional_curator, region=municipality.region,
                                  year=YEAR, deadline=date(YEAR + 1, 5, 1))


@pytest.fixture
def report(campaign, municipality):
    return services.report_get_or_create(campaign, municipality)


def indicator(code: str) -> Indicator:
    return Indicator.objects.get(region=None, code=code)


def entry(code: str, value, *, year: int = YEAR, kind: str = ValueKind.ACTUAL,
          comment: str = "", settlement=None) -> Entry:
    return Entry(indicator=indicator(code), year=year, kind=kind, raw=value, comment=comment,
                 source="Росстат", settlement=settlement)


def peers(region, count: int, type_: str = "urban_okrug") -> list:
    return [MunicipalityFactory(region=region, type=type_, name=f"Округ {n}")
            for n in range(count)]


def accepted(municipality, code: str, year: int, value, kind: str = ValueKind.ACTUAL):
    """An accepted value written directly (for reads: ratings, pages, priorities)."""
    from zemstvo.effectiveness.models import IndicatorValue

    return IndicatorValue.objects.create(municipality=municipality, indicator=indicator(code),
                                         year=year, kind=kind, value=Decimal(str(value)),
                                         is_accepted=True)


@pytest.fixture
def rated(catalogue, municipality):
    """The test municipality and 3 peers with accepted values of 3 indicators over two
    years and the survey; the test municipality is below the median and getting worse
    on indicator 1."""
    group = [municipality, *peers(municipality.region, 3)]
    data = {"1": [(100, 80), (120, 130), (90, 100), (110, 115)],
            "6": [(30, 25), (20, 20), (40, 35), (10, 12)],
            "9": [(60, 60), (60, 60), (60, 60), (60, 60)]}
    for code, pairs in data.items():
        for m, (before, now) in zip(group, pairs, strict=True):
            accepted(m, code, YEAR - 1, before)
            accepted(m, code, YEAR, now)
    for m, share in zip(group, (55, 60, 45, 70), strict=True):
        accepted(m, "37", YEAR, share)
    accepted(municipality, "1", YEAR, 120, kind=ValueKind.PLAN)
    return group
