"""Who may do what with the production calendar: one predicate per action."""

from __future__ import annotations

from typing import Any

from zemstvo.core.accounts.models import Role
from zemstvo.core.accounts.roles import is_operator, memberships


def view(user: Any, obj: Any = None) -> bool:
    """See which calendars and years are loaded (the office page): a municipality's
    administrator, whose deadlines depend on them, and the operator."""
    if user is None:
        return False
    if is_operator(user):
        return True
    municipality_id = getattr(obj, "pk", None) if obj is not None else None
    return any(
        role == Role.ADMINISTRATOR and (municipality_id is None or m == municipality_id)
        for role, m, _region in memberships(user)
    )


def manage(user: Any, obj: Any = None) -> bool:
    """Load or edit the calendar: the operator (also through the Django admin)."""
    return is_operator(user)


RULES = {
    "workdays.view": view,
    "workdays.manage": manage,
}
