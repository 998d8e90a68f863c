"""Who may do what with people and roles: one predicate per action.

Each predicate gets ``user`` (None for anonymous or inactive users) and ``obj``;
``obj=None`` asks "anywhere" (whether to show an office menu entry).

Personal data (152-ФЗ ст. 5 ч. 5, ст. 7: processed only as far as the purpose needs,
not disclosed) is seen by the staff who keep the register of residents: the
administrator and the clerk (делопроизводитель) of the person's municipality, and
the platform operator.
"""

from __future__ import annotations

from typing import Any

from zemstvo.core.accounts.models import Membership, Role
from zemstvo.core.accounts.roles import is_operator, memberships
from zemstvo.core.territory.models import Municipality, Region

PEOPLE_STAFF = frozenset({Role.ADMINISTRATOR, Role.CLERK})
ROLE_ADMINS = frozenset({Role.ADMINISTRATOR})
REGIONAL_ROLE_ADMINS = frozenset({Role.REGIONAL_CURATOR})


def _holds_in_municipality(user: Any, municipality_id: int | None, roles: frozenset) -> bool:
    if municipality_id is None:
        return False
    return any(r in roles and m == municipality_id for r, m, _reg in memberships(user))


def _holds_in_region(user: Any, region_id: int | None, roles: frozenset) -> bool:
    if region_id is None:
        return False
    return any(r in roles and reg == region_id for r, _m, reg in memberships(user))


def _holds_anywhere(user: Any, roles: frozenset) -> bool:
    return any(r in roles for r, _m, _reg in memberships(user))


def _people_staff_of(user: Any, municipality_id: int | None) -> bool:
    return _holds_in_municipality(user, municipality_id, PEOPLE_STAFF)


def view_people(user: Any, municipality: Municipality | None) -> bool:
    if user is None:
        return False
    if is_operator(user):
        return True
    if municipality is None:
        return _holds_anywhere(user, PEOPLE_STAFF)
    return _people_staff_of(user, municipality.pk)


def _people_staff_for(user: Any, person: Any) -> bool:
    """Staff of the person's municipality of residence (anywhere, for person=None)."""
    if user is None:
        return False
    if is_operator(user):
        return True
    if person is None:
        return _holds_anywhere(user, PEOPLE_STAFF)
    return _people_staff_of(user, person.residence_municipality_id)


def view_personal_data(user: Any, person: Any) -> bool:
    """Open a person's card (every such read is audited)."""
    return _people_staff_for(user, person)


def verify_resident(user: Any, person: Any) -> bool:
    """Confirm identity and residence in person. Nobody verifies themselves."""
    if user is not None and person is not None and person.pk == user.pk:
        return False
    return _people_staff_for(user, person)


def revoke_verification(user: Any, person: Any) -> bool:
    return _people_staff_for(user, person)


def _role_scope(obj: Any) -> tuple[int | None, int | None]:
    """(municipality_id, region_id) a role change applies to."""
    if isinstance(obj, Membership):
        return obj.municipality_id, obj.region_id
    if isinstance(obj, Municipality):
        return obj.pk, None
    if isinstance(obj, Region):
        return None, obj.pk
    raise TypeError(f"accounts role policies expect a Membership, Municipality or Region: {obj!r}")


def _manage_roles(user: Any, obj: Any) -> bool:
    """Municipal roles are granted by the municipality's administrator; regional roles
    by the region's curator; the platform operator grants any."""
    if user is None:
        return False
    if is_operator(user):
        return True
    if obj is None:
        return _holds_anywhere(user, ROLE_ADMINS | REGIONAL_ROLE_ADMINS)
    municipality_id, region_id = _role_scope(obj)
    if region_id is not None:
        return _holds_in_region(user, region_id, REGIONAL_ROLE_ADMINS)
    return _holds_in_municipality(user, municipality_id, ROLE_ADMINS)


def grant_role(user: Any, obj: Any) -> bool:
    return _manage_roles(user, obj)


def revoke_role(user: Any, obj: Any) -> bool:
    return _manage_roles(user, obj)


def import_residents(user: Any, municipality: Municipality | None) -> bool:
    """Load a roll of already verified residents of a municipality."""
    if user is None:
        return False
    if is_operator(user):
        return True
    if municipality is None:
        return _holds_anywhere(user, ROLE_ADMINS)
    return _holds_in_municipality(user, municipality.pk, ROLE_ADMINS)


def manage_tokens(user: Any, token: Any) -> bool:
    """Each person manages their own API tokens, and only theirs."""
    if user is None:
        return False
    return token is None or token.user_id == user.pk


RULES = {
    "accounts.view_people": view_people,
    "accounts.view_personal_data": view_personal_data,
    "accounts.verify_resident": verify_resident,
    "accounts.revoke_verification": revoke_verification,
    "accounts.grant_role": grant_role,
    "accounts.revoke_role": revoke_role,
    "accounts.import_residents": import_residents,
    "accounts.manage_tokens": manage_tokens,
}
