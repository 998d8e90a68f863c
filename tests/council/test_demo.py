"""Demo council: 25 deputies, two years of sessions with roll-call votes, through
the services (audited), fast, and not duplicated on a second run."""

from __future__ import annotations

import random
import time

import pytest
from django.utils import timezone

from zemstvo.core.audit.models import AuditEvent
from zemstvo.core.registry import DemoContext
from zemstvo.council.demo import generate_demo
from zemstvo.council.models import Deputy, RollCallVote, Session, VoteEvent
from zemstvo.council.services import vote_counts

pytestmark = pytest.mark.django_db


def test_demo_builds_a_council_quickly_and_once(municipality, clerk, resident):
    ctx = DemoContext(region=municipality.region, municipalities=[municipality],
                      staff={municipality.slug: {"clerk": clerk}}, residents=[resident],
                      rng=random.Random(7), now=timezone.now(), log=lambda message: None)
    started = time.perf_counter()
    generate_demo(ctx)
    elapsed = time.perf_counter() - started
    assert elapsed < 3, f"demo took {elapsed:.1f} s"
    assert Deputy.objects.count() == 25
    held = Session.objects.filter(status="held")
    assert held.count() == 24
    first, last = held.order_by("starts_at")[0], held.order_by("-starts_at")[0]
    assert (last.starts_at - first.starts_at).days >= 680
    assert VoteEvent.objects.count() == 72
    assert RollCallVote.objects.count() == 72 * 25
    event = VoteEvent.objects.prefetch_related("votes").first()
    assert sum(vote_counts(event).values()) == 25
    assert AuditEvent.objects.filter(action="council.vote_record").count() == 72
    generate_demo(ctx)
    assert Deputy.objects.count() == 25
