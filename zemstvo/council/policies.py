"""Who may do what in the council module: one predicate per action.

``obj`` is a Municipality, any council record with a ``municipality`` attribute, or
None ("in any municipality", for the office menu).

- council.manage: the administrator and the clerk of the municipality keep the body,
  plan sessions, record votes and decisions and run meetings (the clerk is the
  apparatus of the body).
- council.moderate_questions: the moderator and the administrator.
- council.view_office: anyone of the three above.
- council.ask / council.register: any signed-in, active user (a registered resident).
- council.attach: as council.manage (draft documents, minutes).
"""

from __future__ import annotations

from typing import Any

from zemstvo.core.accounts.models import Role
from zemstvo.core.accounts.roles import has_role, is_operator, memberships
from zemstvo.core.territory.models import Municipality

MANAGERS = (Role.ADMINISTRATOR, Role.CLERK)
MODERATORS = (Role.ADMINISTRATOR, Role.MODERATOR)
OFFICE = (Role.ADMINISTRATOR, Role.CLERK, Role.MODERATOR)


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
    return _has(user, obj, MANAGERS)


def moderate_questions(user: Any, obj: Any) -> bool:
    return _has(user, obj, MODERATORS)


def view_office(user: Any, obj: Any) -> bool:
    return _has(user, obj, OFFICE)


def attach(user: Any, obj: Any) -> bool:
    return _has(user, obj, MANAGERS)


def ask(user: Any, obj: Any) -> bool:
    """Send a question on an agenda item: a signed-in resident."""
    return user is not None and user.is_authenticated


def register(user: Any, obj: Any) -> bool:
    """Register for a meeting with limited places: a signed-in resident."""
    return user is not None and user.is_authenticated


RULES = {
    "council.manage": manage,
    "council.moderate_questions": moderate_questions,
    "council.view_office": view_office,
    "council.attach": attach,
    "council.ask": ask,
    "council.register": register,
}
