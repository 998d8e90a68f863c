"""Demo content: 10 programs with three years of plan and fact and a strategy with
four goals, made through the services, quickly, once."""

from __future__ import annotations

import random
import time
from datetime import UTC, datetime

import pytest

from zemstvo.core.audit.models import AuditEvent
from zemstvo.core.registry import DemoContext
from zemstvo.programs.demo import generate_demo
from zemstvo.programs.models import BudgetLine, Goal, Program

pytestmark = pytest.mark.django_db


def test_demo_makes_programs_and_strategy_fast_and_once(municipality, municipal_admin):
    ctx = DemoContext(region=municipality.region, municipalities=[municipality],
                      staff={municipality.slug: {"administrator": municipal_admin}},
                      residents=[], rng=random.Random(7),
                      now=datetime(2026, 11, 27, 9, tzinfo=UTC), log=lambda _m: None)
    started = time.monotonic()
    generate_demo(ctx)
    assert time.monotonic() - started < 3
    assert Program.objects.filter(municipality=municipality).count() == 10
    assert set(BudgetLine.objects.values_list("year", flat=True)) == {2024, 2025, 2026}
    assert BudgetLine.objects.filter(year=2025, fact__gt=0).exists()
    assert Goal.objects.filter(priority__strategy__municipality=municipality).count() == 4
    assert AuditEvent.objects.filter(action="programs.program_save").count() == 10
    generate_demo(ctx)
    assert Program.objects.count() == 10
