"""Who may do what in the community module (one predicate per action).

``obj`` is a record with a ``municipality``, a Municipality, or None ("anywhere", for
the office menu). The municipality's administrator and clerk keep the rolls, run the
сход at the door and keep the ТОС and starosta registries (community.manage); they
alone see the personal data of a roll (community.view_personal_data). The editor reads
the office pages (community.view_office) to publish news about them, without the roll.
"""

from __future__ import annotations

from typing import Any

from zemstvo.core.accounts.models import Role
from zemstvo.core.accounts.roles import has_role, is_operator, memberships
from zemstvo.core.territory.models import Municipality

MANAGERS = (Role.ADMINISTRATOR, Role.CLERK)
READERS = (Role.ADMINISTRATOR, Role.CLERK, Role.EDITOR)


def _municipality(obj: Any) -> Municipality | None:
    if obj is None or isinstance(obj, Municipality):
        return obj
    return getattr(obj, "municipality", None)


def _holds(user: Any, obj: Any, roles: tuple[str, ...]) -> bool:
    if user is None:
        return False
    if obj is None:
        return is_operator(user) or any(role in roles for role, _m, _r in memberships(user))
    municipality = _municipality(obj)
    return municipality is not None and has_role(user, municipality, *roles)


def view_office(user: Any, obj: Any) -> bool:
    """Open the office pages (registries, сходы without the roll)."""
    return _holds(user, obj, READERS)


def manage(user: Any, obj: Any) -> bool:
    """Rolls, сходы (stages, registration, votes, protocol), ТОС and starostas."""
    return _holds(user, obj, MANAGERS)


def view_personal_data(user: Any, obj: Any) -> bool:
    """Names, birth dates and addresses of a roll and of ТОС members (152-ФЗ)."""
    return _holds(user, obj, MANAGERS)


def attach(user: Any, obj: Any) -> bool:
    """Files of yearly reports, charters and protocols."""
    return _holds(user, obj, MANAGERS)


RULES = {
    "community.view_office": view_office,
    "community.manage": manage,
    "community.view_personal_data": view_personal_data,
    "community.attach": attach,
}
