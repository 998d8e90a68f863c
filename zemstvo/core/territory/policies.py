"""Who may do what with the territory: one predicate per action.

Each predicate gets ``user`` (None for anonymous or inactive users) and ``obj``;
``obj=None`` asks "anywhere" (whether to show an office menu entry).
"""

from __future__ import annotations

from typing import Any

from zemstvo.core.accounts.models import Role
from zemstvo.core.accounts.roles import is_operator, memberships
from zemstvo.core.territory.models import Municipality, Region, Settlement


def _region_id(obj: Any) -> int | None:
    if isinstance(obj, Region):
        return obj.pk
    if isinstance(obj, Municipality):
        return obj.region_id
    if isinstance(obj, Settlement):
        return obj.municipality.region_id
    return None


def curated_region_ids(user: Any) -> set[int]:
    return {
        region_id
        for role, _municipality_id, region_id in memberships(user)
        if role == Role.REGIONAL_CURATOR and region_id is not None
    }


def manage(user: Any, obj: Any = None) -> bool:
    """Load and edit the territory (regions, municipalities, settlements): the
    platform operator, who runs the installation."""
    return is_operator(user)


def mark_support_settlement(user: Any, obj: Any = None) -> bool:
    """Mark an опорный населённый пункт and its прилегающие территории (распоряжение
    Правительства РФ № 4132-р от 23.12.2022: the list is kept by the region): the
    regional curator of the settlement's region, and the operator."""
    if user is None:
        return False
    if is_operator(user):
        return True
    regions = curated_region_ids(user)
    if obj is None:
        return bool(regions)
    return _region_id(obj) in regions


RULES = {
    "territory.manage": manage,
    "territory.mark_support_settlement": mark_support_settlement,
}
