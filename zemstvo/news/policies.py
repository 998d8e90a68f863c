"""Who may do what with news: one predicate per action.

Each predicate gets ``user`` (None for anonymous or inactive users) and ``obj``: a
NewsItem, a Municipality, or None ("in any municipality", for the office menu).
News are written and published by the editor and the administrator of the
municipality (and the platform operator). Commenting on news follows the comments
module's own policy.
"""

from __future__ import annotations

from typing import Any

from zemstvo.core.accounts.models import Role
from zemstvo.core.accounts.roles import has_role, is_operator, memberships
from zemstvo.core.territory.models import Municipality

NEWS_STAFF = (Role.ADMINISTRATOR, Role.EDITOR)


def _municipality(obj: Any) -> Municipality | None:
    if obj is None or isinstance(obj, Municipality):
        return obj
    return getattr(obj, "municipality", None)


def _news_staff(user: Any, obj: Any) -> bool:
    if user is None:
        return False
    if obj is None:
        return is_operator(user) or any(role in NEWS_STAFF for role, _m, _r in memberships(user))
    municipality = _municipality(obj)
    return municipality is not None and has_role(user, municipality, *NEWS_STAFF)


def view_office(user: Any, obj: Any) -> bool:
    """Open the office news list (drafts included)."""
    return _news_staff(user, obj)


def create(user: Any, obj: Any) -> bool:
    return _news_staff(user, obj)


def edit(user: Any, obj: Any) -> bool:
    return _news_staff(user, obj)


def publish(user: Any, obj: Any) -> bool:
    """Publish, withdraw to drafts, or archive."""
    return _news_staff(user, obj)


def attach(user: Any, obj: Any) -> bool:
    """Attach files to a news item or remove them (the attachments module asks this)."""
    return _news_staff(user, obj)


RULES = {
    "news.attach": attach,
    "news.view_office": view_office,
    "news.create": create,
    "news.edit": edit,
    "news.publish": publish,
}
