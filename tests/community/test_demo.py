"""The demo content: a сход that reached quorum and nominated, 5 ТОС and 3 starostas,
made through the services (the audit log has them), quickly."""

from __future__ import annotations

import random
import time
from datetime import UTC, datetime

import pytest

from tests.factories import MembershipFactory, SettlementFactory, UserFactory
from zemstvo.community.demo import generate_demo
from zemstvo.community.models import Gathering, GatheringStatus, Starosta, Tos
from zemstvo.community.services import gathering_quorum
from zemstvo.core.audit.models import AuditEvent
from zemstvo.core.registry import DemoContext

pytestmark = pytest.mark.django_db


def test_the_demo_makes_a_gathering_five_tos_and_three_starostas(municipality,
                                                                 other_municipality):
    staff = {}
    for m in (municipality, other_municipality):
        for n in range(3):
            SettlementFactory(municipality=m, name=f"Деревня {m.slug} {n}")
        clerk = UserFactory(username=f"{m.slug}-clerk")
        MembershipFactory(user=clerk, role="clerk", municipality=m)
        staff[m.slug] = {"clerk": clerk}
    ctx = DemoContext(region=municipality.region,
                      municipalities=[municipality, other_municipality], staff=staff,
                      residents=[], rng=random.Random(1),
                      now=datetime(2026, 11, 20, 9, tzinfo=UTC), log=lambda _m: None)
    started = time.monotonic()
    generate_demo(ctx)
    assert time.monotonic() - started < 3
    assert Tos.objects.count() == 5 and Starosta.objects.count() == 3
    gathering = Gathering.objects.filter(status=GatheringStatus.CLOSED).first()
    assert gathering_quorum(gathering).reached
    assert AuditEvent.objects.filter(action="community.manage").count() > 50
    generate_demo(ctx)  # a second run adds nothing
    assert Tos.objects.count() == 5
