"""Who may read the audit log. One predicate per action; ``obj`` is a Municipality,
an AuditEvent, or None ("anywhere": does the user have the right somewhere)."""

from __future__ import annotations

from typing import Any

from zemstvo.core.accounts.roles import has_role, is_operator, memberships
from zemstvo.core.audit.models import AuditEvent
from zemstvo.core.audit.selectors import BROWSE_ROLES
from zemstvo.core.territory.models import Municipality


def _municipality_of(obj: Any) -> Municipality | None:
    if isinstance(obj, Municipality):
        return obj
    if isinstance(obj, AuditEvent):
        return obj.municipality
    return getattr(obj, "municipality", None)


def browse(user: Any, obj: Any = None) -> bool:
    """A municipal administrator reads the events of their municipality, a regional
    curator those of their region, the platform operator everything (also the
    events that belong to no municipality)."""
    if user is None:
        return False
    if is_operator(user):
        return True
    if obj is None:
        return any(role in BROWSE_ROLES for role, _m, _r in memberships(user))
    municipality = _municipality_of(obj)
    if municipality is None:
        return False
    return has_role(user, municipality, *BROWSE_ROLES)


def verify(user: Any, obj: Any = None) -> bool:
    """Checking the whole chain is the platform operator's job."""
    return user is not None and is_operator(user)


RULES = {
    "audit.browse": browse,
    "audit.verify": verify,
}
