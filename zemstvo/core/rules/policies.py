"""Who may see and set rule values: one predicate per action."""

from __future__ import annotations

from typing import Any

from zemstvo.core.accounts.models import Role
from zemstvo.core.accounts.roles import is_operator, memberships, regional_roles, roles_in


def view(user: Any, obj: Any = None) -> bool:
    """Any staff member sees the rules their municipality's processes follow."""
    if user is None:
        return False
    if obj is None:
        return is_operator(user) or bool(memberships(user))
    return is_operator(user) or bool(roles_in(user, obj))


def override_municipal(user: Any, obj: Any = None) -> bool:
    """A municipality's administrator records its acts (obj: the Municipality)."""
    if user is None:
        return False
    if is_operator(user):
        return True
    if obj is None:
        return any(role == Role.ADMINISTRATOR and m for role, m, _r in memberships(user))
    return any(role == Role.ADMINISTRATOR and m == obj.pk for role, m, _r in memberships(user))


def override_regional(user: Any, obj: Any = None) -> bool:
    """The regional curator records the region's acts (obj: the Region)."""
    if user is None:
        return False
    if is_operator(user):
        return True
    if obj is None:
        return any(role == Role.REGIONAL_CURATOR for role, _m, r in memberships(user) if r)
    return Role.REGIONAL_CURATOR in regional_roles(user, obj)


RULES = {
    "rules.view": view,
    "rules.override_municipal": override_municipal,
    "rules.override_regional": override_regional,
}
