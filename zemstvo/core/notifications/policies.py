"""Who may follow records."""

from __future__ import annotations

from typing import Any


def subscribe(user: Any, obj: Any = None) -> bool:
    """Any registered, active person may follow a record."""
    return user is not None


RULES = {
    "notifications.subscribe": subscribe,
}
