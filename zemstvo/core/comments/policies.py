"""Who may comment, report and moderate. ``obj`` is the commented record (post), a
Comment (report, moderate) or a Municipality (moderate: blocks); None means
"anywhere"."""

from __future__ import annotations

from typing import Any

from zemstvo.core.accounts.roles import has_role, is_operator, memberships
from zemstvo.core.comments.models import Comment
from zemstvo.core.comments.selectors import MODERATOR_ROLES, block_in_force
from zemstvo.core.territory.models import Municipality


def post(user: Any, target: Any = None) -> bool:
    """A registered, active person not blocked in the record's municipality."""
    if user is None:
        return False
    if target is None:
        return True
    return block_in_force(user, getattr(target, "municipality", None)) is None


def report(user: Any, comment: Any = None) -> bool:
    """Any registered, active person (the service refuses reports on one's own)."""
    return user is not None


def _municipality_of(obj: Any) -> Municipality | None:
    if isinstance(obj, Municipality):
        return obj
    if isinstance(obj, Comment):
        return obj.municipality
    return getattr(obj, "municipality", None)


def moderate(user: Any, obj: Any = None) -> bool:
    """A moderator or administrator of the municipality, or the platform operator."""
    if user is None:
        return False
    if is_operator(user):
        return True
    if obj is None:
        return any(role in MODERATOR_ROLES for role, _m, _r in memberships(user))
    municipality = _municipality_of(obj)
    return municipality is not None and has_role(user, municipality, *MODERATOR_ROLES)


RULES = {
    "comments.post": post,
    "comments.report": report,
    "comments.moderate": moderate,
}
