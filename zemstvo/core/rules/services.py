"""Rule values in force: a municipality's override, else its region's, else the
latest default whose date has come (LAW.md: numbers are dated, overridable defaults).

Precedence is by who set the rule, then by date: a municipality's own act stands
until it sets another value, even when a newer federal default appears (the act
itself must then be changed — that is how a municipal act works); where no act of the
municipality or region exists, the federal default in force on the date applies.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction

from zemstvo.core import registry
from zemstvo.core.audit.services import audit_record
from zemstvo.core.errors import DomainError
from zemstvo.core.permissions import require
from zemstvo.core.rules.models import RuleOverride


@dataclass(frozen=True)
class RuleInForce:
    key: str
    value: Any
    effective_from: date
    source: str
    # "municipality" | "region" | "default"
    set_by: str


def _defaults(key: str) -> list[registry.RuleDefault]:
    try:
        return registry.rule_defaults()[key]
    except KeyError:
        raise LookupError(f"Unknown rule {key!r}: declare it in a manifest") from None


def rule_in_force(key: str, *, municipality: Any, on: date) -> RuleInForce:
    defaults = _defaults(key)
    overrides = (
        RuleOverride.objects.filter(key=key, effective_from__lte=on)
        .filter(_scope(municipality))
        .order_by("-effective_from")
    )
    by_scope: dict[str, RuleOverride] = {}
    for override in overrides:
        scope = "municipality" if override.municipality_id else "region"
        by_scope.setdefault(scope, override)
    for scope in ("municipality", "region"):
        if scope in by_scope:
            found = by_scope[scope]
            return RuleInForce(key, _typed(defaults[0].kind, found.value),
                               found.effective_from, found.source, scope)
    in_force = [d for d in defaults if d.effective_from <= on]
    if not in_force:
        raise DomainError(
            f"Правило «{defaults[0].title}» не действовало на {on:%d.%m.%Y}."
        )
    latest = in_force[-1]
    return RuleInForce(key, _typed(latest.kind, latest.value), latest.effective_from,
                       latest.source, "default")


def rule_value(key: str, *, municipality: Any, on: date) -> Any:
    """The value of a rule in force for ``municipality`` on ``on``."""
    return rule_in_force(key, municipality=municipality, on=on).value


def rule_snapshot(keys: list[str], *, municipality: Any, on: date) -> dict[str, dict]:
    """The rules a process follows, frozen when it starts (JSON-safe)."""
    snapshot = {}
    for key in keys:
        rule = rule_in_force(key, municipality=municipality, on=on)
        value = str(rule.value) if isinstance(rule.value, Decimal) else rule.value
        snapshot[key] = {"value": value, "source": rule.source,
                         "effective_from": rule.effective_from.isoformat(),
                         "set_by": rule.set_by}
    return snapshot


def _scope(municipality: Any):
    from django.db.models import Q

    if municipality is None:
        return Q(pk__in=[])
    return Q(municipality_id=municipality.pk) | Q(region_id=municipality.region_id)


def parse_rule_value(kind: str, raw: Any) -> Any:
    """A value typed by a person, checked against the rule's kind (Russian errors)."""
    text = str(raw).strip()
    if text == "":
        raise DomainError("Укажите значение.", field_errors={"value": ["Укажите значение."]})
    try:
        if kind in {"int", "days", "working_days"}:
            value = int(text)
            if kind != "int" and value < 0:
                raise ValueError
            return value
        if kind == "decimal":
            return Decimal(text.replace(",", "."))
        if kind == "bool":
            if text.lower() in {"да", "true", "1", "yes"}:
                return True
            if text.lower() in {"нет", "false", "0", "no"}:
                return False
            raise ValueError
    except (ValueError, InvalidOperation):
        message = {
            "int": "Введите целое число.",
            "days": "Введите число дней (целое, не меньше нуля).",
            "working_days": "Введите число рабочих дней (целое, не меньше нуля).",
            "decimal": "Введите число.",
            "bool": "Введите «да» или «нет».",
        }[kind]
        raise DomainError(message, field_errors={"value": [message]}) from None
    return text


def _typed(kind: str, stored: Any) -> Any:
    return Decimal(str(stored)) if kind == "decimal" else stored


def rule_override_set(
    *, actor: Any, key: str, value: Any, effective_from: date, source: str,
    municipality: Any = None, region: Any = None,
) -> RuleOverride:
    """Record a municipality's (or a region's) act setting a rule from a date."""
    default = _defaults(key)[0]
    if (municipality is None) == (region is None):
        raise DomainError("Укажите муниципальное образование или субъект РФ.")
    if municipality is not None:
        require(actor, "rules.override_municipal", municipality)
    else:
        require(actor, "rules.override_regional", region)
    if not source.strip():
        raise DomainError("Укажите акт, которым установлено значение.",
                          field_errors={"source": ["Укажите реквизиты акта."]})
    typed = parse_rule_value(default.kind, value)
    stored = str(typed) if isinstance(typed, Decimal) else typed
    with transaction.atomic():
        override, _created = RuleOverride.objects.update_or_create(
            key=key, municipality=municipality, region=region, effective_from=effective_from,
            defaults={"value": stored, "source": source.strip()[:255], "created_by": actor},
        )
        audit_record(actor=actor, action="rules.override", obj=override,
                     municipality=municipality,
                     after={"key": key, "value": stored, "effective_from": effective_from,
                            "source": override.source,
                            "region": getattr(region, "pk", None)})
    return override


def rule_override_remove(*, actor: Any, override: RuleOverride) -> None:
    if override.municipality_id:
        require(actor, "rules.override_municipal", override.municipality)
    else:
        require(actor, "rules.override_regional", override.region)
    with transaction.atomic():
        audit_record(actor=actor, action="rules.override_remove", obj=override,
                     municipality=override.municipality,
                     before={"key": override.key, "value": override.value,
                             "effective_from": override.effective_from})
        override.delete()
