"""Who may do what with programs and the strategy.

Decision (documented for the role table test): the strategy, programs, activities,
budget, indicators and control points are kept by the administrator and the analyst
of the municipality (``programs.manage``); progress updates with evidence are posted
by them and by clerks of the municipality, who work in the responsible units
(``programs.report``). The platform operator may do everything. Reading is public.
"""

from __future__ import annotations

from typing import Any

from zemstvo.core.accounts.models import Role
from zemstvo.core.accounts.roles import has_role, is_operator, memberships
from zemstvo.core.territory.models import Municipality

MANAGERS = (Role.ADMINISTRATOR, Role.ANALYST)
REPORTERS = (Role.ADMINISTRATOR, Role.ANALYST, Role.CLERK)


def _municipality(obj: Any) -> Municipality | None:
    if obj is None or isinstance(obj, Municipality):
        return obj
    return getattr(obj, "municipality", None)


def _has(user: Any, obj: Any, roles: tuple[str, ...]) -> bool:
    if user is None:
        return False
    if is_operator(user):
        return True
    if obj is None:
        return any(role in roles for role, _m, _r in memberships(user))
    municipality = _municipality(obj)
    return municipality is not None and has_role(user, municipality, *roles)


def manage(user: Any, obj: Any) -> bool:
    """Keep the strategy, programs, activities, budget, indicators, milestones."""
    return _has(user, obj, MANAGERS)


def report(user: Any, obj: Any) -> bool:
    """Post progress updates with evidence on activities."""
    return _has(user, obj, REPORTERS)


def view_office(user: Any, obj: Any) -> bool:
    return _has(user, obj, REPORTERS)


def attach(user: Any, obj: Any) -> bool:
    """Attach evidence to a progress update (the attachments module asks this)."""
    return _has(user, obj, REPORTERS)


RULES = {
    "programs.manage": manage,
    "programs.report": report,
    "programs.view_office": view_office,
    "programs.attach": attach,
}
