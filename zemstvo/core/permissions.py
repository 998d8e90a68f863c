"""One entry point for every permission question: ``can(user, action, obj)``.

Each module declares its actions in its policies.py (one predicate per action) and
hands them to the registry through its manifest. Action names are
``"<module>.<verb>"``, e.g. ``"news.publish"``.
"""

from __future__ import annotations

from typing import Any

from zemstvo.core import registry
from zemstvo.core.errors import NotAllowed

_cache: dict[str, registry.Predicate] | None = None


def _policies() -> dict[str, registry.Predicate]:
    global _cache
    if _cache is None:
        _cache = registry.policies()
    return _cache


def actions() -> list[str]:
    """Every declared action (the role-by-action tests walk this list)."""
    return sorted(_policies())


def can(user: Any, action: str, obj: Any = None) -> bool:
    """Whether ``user`` may perform ``action`` on ``obj``. Unknown actions are a bug."""
    try:
        predicate = _policies()[action]
    except KeyError:
        raise LookupError(f"Unknown action {action!r}: declare it in a policies.py") from None
    if user is None or not getattr(user, "is_active", False):
        user = None
    return bool(predicate(user, obj))


def require(user: Any, action: str, obj: Any = None) -> None:
    """Raise NotAllowed unless ``can``; services call this first."""
    if not can(user, action, obj):
        raise NotAllowed("Недостаточно прав для этого действия.")
