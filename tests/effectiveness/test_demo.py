"""The demo generator: 30 rated municipalities of three types, five years of accepted
values, опорные населённые пункты with their indicator, one rating per method and an
improvement plan, all through the services (the audit log is filled)."""

from __future__ import annotations

import random

import pytest
from django.utils import timezone

from tests.factories import MembershipFactory, SettlementFactory, UserFactory
from zemstvo.core.registry import DemoContext

pytestmark = pytest.mark.django_db


def test_demo_builds_a_rated_region(municipality, regional_curator, operator):
    from zemstvo.core.audit.models import AuditEvent
    from zemstvo.core.territory.models import Municipality
    from zemstvo.effectiveness.demo import generate_demo
    from zemstvo.effectiveness.models import IndicatorValue, Measure, Rating

    analyst = UserFactory(username="demo_analyst")
    MembershipFactory(user=analyst, role="analyst", municipality=municipality)
    for n in range(3):
        SettlementFactory(municipality=municipality, population=1000 * (n + 1))
    ctx = DemoContext(
        region=municipality.region, municipalities=[municipality],
        staff={"region": {"regional_curator": regional_curator, "operator": operator},
               municipality.slug: {"analyst": analyst}},
        residents=[], rng=random.Random(7), now=timezone.now(), log=lambda _m: None)
    generate_demo(ctx)
    rated = Municipality.objects.filter(region=municipality.region)
    assert rated.count() == 30
    assert set(rated.values_list("type", flat=True)) == {
        "urban_okrug", "municipal_okrug", "municipal_district"}
    years = set(IndicatorValue.objects.filter(kind="actual").values_list("year", flat=True))
    assert len(years) == 5
    assert not IndicatorValue.objects.filter(is_accepted=False).exists()
    assert IndicatorValue.objects.filter(settlement__isnull=False).count() == 5
    assert sorted(Rating.objects.values_list("method_kind", flat=True)) == [
        "minmax", "pp1317", "weighted"]
    assert all(len(r.results["groups"]) == 3 for r in Rating.objects.all())
    assert Measure.objects.count() == 3
    assert AuditEvent.objects.filter(action="effectiveness.accept").count() == 150
    generate_demo(ctx)  # a second run adds nothing
    assert Rating.objects.count() == 3
