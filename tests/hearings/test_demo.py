"""The demo generator: a procedure at every stage and a completed one with 40
proposals, through the services (audit events), and nothing more on a second run."""

from __future__ import annotations

import random

from django.utils import timezone

from tests.factories import (
    MembershipFactory,
    SettlementFactory,
    UserFactory,
    VerifiedResidentFactory,
)
from zemstvo.core.audit.models import AuditEvent
from zemstvo.core.registry import DemoContext
from zemstvo.hearings.demo import generate_demo
from zemstvo.hearings.models import Procedure, Status


def test_demo_has_every_stage_and_a_completed_procedure_with_40_proposals(municipality):
    SettlementFactory(municipality=municipality)
    clerk = UserFactory()
    MembershipFactory(user=clerk, role="clerk", municipality=municipality)
    residents = [VerifiedResidentFactory(residence_municipality=municipality)
                 for _ in range(5)]
    ctx = DemoContext(region=municipality.region, municipalities=[municipality],
                      staff={municipality.slug: {"clerk": clerk}}, residents=residents,
                      rng=random.Random(1), now=timezone.now(), log=lambda message: None)
    generate_demo(ctx)
    statuses = set(Procedure.objects.values_list("status", flat=True))
    assert statuses == set(Status.values)
    closed = Procedure.objects.get(status=Status.CLOSED)
    assert closed.proposals.count() == 40
    assert not closed.proposals.filter(recommendation="").exists()
    assert closed.proposals.filter(is_local=False).exists()
    assert AuditEvent.objects.filter(action="hearings.advance").exists()
    generate_demo(ctx)
    assert Procedure.objects.count() == len(Status.values)
