"""Writes to the territory.

The loaders of reference data live beside this module and are exported here, so
callers find every write in one place: ``load_city_dataset`` (the shipped city data)
and ``oktmo_import`` (Rosstat's ОКТМО file).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from zemstvo.core.audit.services import audit_record
from zemstvo.core.errors import DomainError
from zemstvo.core.permissions import require
from zemstvo.core.territory.citydata import load_city_dataset
from zemstvo.core.territory.loading import LoadReport
from zemstvo.core.territory.models import Settlement
from zemstvo.core.territory.oktmo_import import OktmoImportError, oktmo_import

__all__ = [
    "LoadReport",
    "OktmoImportError",
    "load_city_dataset",
    "oktmo_import",
    "settlement_mark_support",
    "settlement_unmark_support",
]


def _support_state(settlement: Settlement) -> dict[str, Any]:
    return {
        "is_support": settlement.is_support,
        "adjacent": sorted(settlement.adjacent.values_list("oktmo", flat=True)),
    }


def _root_municipality_id(settlement: Settlement) -> int:
    """The municipal district or okrug a settlement lies in (its поселение's parent)."""
    municipality = settlement.municipality
    return municipality.parent_id or municipality.pk


def _check_adjacent(settlement: Settlement, adjacent: list[Settlement]) -> list[Settlement]:
    ids = {s.pk for s in adjacent}
    found = list(
        Settlement.objects.select_related("municipality").filter(pk__in=ids).order_by("name")
    )
    errors: list[str] = []
    if len(found) != len(ids):
        errors.append("Некоторые населённые пункты не найдены.")
    taken = dict(
        Settlement.adjacent.through.objects.filter(to_settlement_id__in=ids)
        .exclude(from_settlement_id=settlement.pk)
        .values_list("to_settlement_id", "from_settlement__name")
    )
    root = _root_municipality_id(settlement)
    for other in found:
        if other.pk == settlement.pk:
            errors.append("Населённый пункт не может прилегать к самому себе.")
        elif other.is_support:
            errors.append(f"«{other}» — сам опорный населённый пункт.")
        elif other.pk in taken:
            errors.append(f"«{other}» уже прилегает к опорному пункту «{taken[other.pk]}».")
        elif _root_municipality_id(other) != root:
            errors.append(f"«{other}» находится в другом муниципальном районе или округе.")
    if errors:
        raise DomainError(
            "Проверьте прилегающие населённые пункты.", field_errors={"adjacent": errors}
        )
    return found


def settlement_mark_support(
    *, actor: Any, settlement: Settlement, adjacent: list[Settlement]
) -> Settlement:
    """Mark an опорный населённый пункт and set the прилегающие территории it serves.

    Распоряжение Правительства РФ № 4132-р от 23.12.2022: the region keeps the list of
    опорные населённые пункты, each with the settlements around it that rely on its
    services. A прилегающий settlement lies in the same municipal district or okrug,
    is not a support settlement itself and belongs to one support settlement only.
    """
    require(actor, "territory.mark_support_settlement", settlement)
    found = _check_adjacent(settlement, adjacent)
    with transaction.atomic():
        locked = (
            Settlement.objects.select_for_update()
            .select_related("municipality")
            .get(pk=settlement.pk)
        )
        before = _support_state(locked)
        locked.is_support = True
        locked.save(update_fields=["is_support"])
        locked.adjacent.set(found)
        audit_record(
            actor=actor, action="territory.mark_support_settlement", obj=locked,
            before=before, after=_support_state(locked), municipality=locked.municipality,
        )
    return locked


def settlement_unmark_support(*, actor: Any, settlement: Settlement) -> Settlement:
    """Take a settlement off the list of опорные населённые пункты."""
    require(actor, "territory.mark_support_settlement", settlement)
    with transaction.atomic():
        locked = (
            Settlement.objects.select_for_update()
            .select_related("municipality")
            .get(pk=settlement.pk)
        )
        before = _support_state(locked)
        locked.is_support = False
        locked.save(update_fields=["is_support"])
        locked.adjacent.clear()
        audit_record(
            actor=actor, action="territory.mark_support_settlement", obj=locked,
            before=before, after=_support_state(locked), municipality=locked.municipality,
        )
    return locked
