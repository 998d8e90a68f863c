"""Role lookups that every module's policies.py uses.

A user's memberships are read once per request and kept on the user object, so a
page that asks many permission questions costs one query for them.
"""

from __future__ import annotations

from typing import Any

from zemstvo.core.accounts.models import Membership, Role

_CACHE_ATTR = "_zemstvo_memberships"


def memberships(user: Any) -> list[tuple[str, int | None, int | None]]:
    """(role, municipality_id, region_id) of each of the user's memberships."""
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user_id=user.pk).values_list(
                "role", "municipality_id", "region_id"
            )
        )
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget(user: Any) -> None:
    """Drop the cached memberships after they change."""
    if user is not None and hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def is_operator(user: Any) -> bool:
    """The platform operator (Django superuser)."""
    return bool(user is not None and getattr(user, "is_superuser", False) and user.is_active)


def roles_in(user: Any, municipality: Any) -> frozenset[str]:
    """Roles the user holds in a municipality, counting roles held in its region."""
    if municipality is None:
        return frozenset()
    return frozenset(
        role
        for role, municipality_id, region_id in memberships(user)
        if municipality_id == municipality.pk or region_id == municipality.region_id
    )


def regional_roles(user: Any, region: Any) -> frozenset[str]:
    if region is None:
        return frozenset()
    return frozenset(role for role, _m, region_id in memberships(user) if region_id == region.pk)


def has_role(user: Any, municipality: Any, *roles: str) -> bool:
    """Whether the user holds any of ``roles`` in the municipality (or is the operator)."""
    return is_operator(user) or bool(roles_in(user, municipality) & set(roles))


def is_staff_anywhere(user: Any) -> bool:
    """Whether the user may open the office at all."""
    return is_operator(user) or bool(memberships(user))


def staff_municipality_ids(user: Any) -> set[int]:
    return {m for _role, m, _r in memberships(user) if m is not None}


def staff_region_ids(user: Any) -> set[int]:
    return {r for _role, _m, r in memberships(user) if r is not None}


ALL_ROLES = tuple(Role)


def card_municipality_ids(user: Any, municipality: Any) -> list[int] | None:
    """Which municipalities a dashboard card counts: the one the office shows, else
    every municipality the user works in; None means all (the platform operator)."""
    if municipality is not None:
        return [municipality.pk]
    return None if is_operator(user) else sorted(staff_municipality_ids(user))
