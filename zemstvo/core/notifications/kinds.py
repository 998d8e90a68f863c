"""Names of notification kinds for the settings page. A kind is "<module>.<event>";
kinds not listed here are named after their module."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from zemstvo.core import registry
from zemstvo.core.notifications.models import ALL_KINDS

TITLES = {
    ALL_KINDS: _("Все уведомления"),
    "comments.reply": _("Ответы на мои комментарии"),
    "comments.hidden": _("Модерация моих комментариев"),
    "comments.blocked": _("Ограничение комментирования"),
    "notifications.subscription": _("Новости того, на что я подписан"),
}


def kind_title(kind: str) -> str:
    if kind in TITLES:
        return str(TITLES[kind])
    label, _dot, event = kind.partition(".")
    try:
        module = str(registry.get(label).title)
    except LookupError:
        return kind
    return f"{module}: {event}" if event else module
