"""Reads for the rules office page: every rule with its value in force, in two queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Q

from zemstvo.core import registry
from zemstvo.core.rules.models import RuleOverride


@dataclass
class RuleRow:
    key: str
    title: str
    kind: str
    value: Any
    source: str
    effective_from: date
    set_by: str
    defaults: list[registry.RuleDefault]
    overrides: list[RuleOverride] = field(default_factory=list)


def rules_table(municipality: Any, on: date) -> list[RuleRow]:
    """Every declared rule as it stands for ``municipality`` on ``on`` (same precedence
    as services.rule_in_force), with the acts recorded for it."""
    overrides = list(
        RuleOverride.objects.filter(
            Q(municipality=municipality) | Q(region_id=municipality.region_id)
        ).order_by("key", "-effective_from")
    )
    rows = []
    for key, defaults in sorted(registry.rule_defaults().items()):
        own = [o for o in overrides if o.key == key]
        rows.append(_row(key, defaults, own, on))
    return rows


def _row(key: str, defaults: list[registry.RuleDefault], own: list[RuleOverride],
         on: date) -> RuleRow:
    for scope, attr in (("municipality", "municipality_id"), ("region", "region_id")):
        current = [o for o in own if getattr(o, attr) and o.effective_from <= on]
        if current:
            chosen = current[0]
            return RuleRow(key, defaults[0].title, defaults[0].kind, chosen.value, chosen.source,
                           chosen.effective_from, scope, defaults, own)
    in_force = [d for d in defaults if d.effective_from <= on] or defaults[:1]
    latest = in_force[-1]
    return RuleRow(key, latest.title, latest.kind, latest.value, latest.source,
                   latest.effective_from, "default", defaults, own)
