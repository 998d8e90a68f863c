"""Template context every page gets: menus from the module registry, the current
municipality portal, the accessibility switch."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from zemstvo.core import registry
from zemstvo.core.accounts.roles import is_staff_anywhere
from zemstvo.core.permissions import can


@lru_cache(maxsize=1)
def htmx_available() -> bool:
    # htmx comes from npm at set-up; pages work the same without it.
    return any((d / "htmx.min.js").exists() for d in settings.STATICFILES_DIRS)


def _reverse(item: registry.NavItem, municipality: Any) -> str | None:
    try:
        if item.scope == "municipality":
            if municipality is None:
                return None
            return reverse(item.url_name, kwargs={"municipality": municipality.slug})
        return reverse(item.url_name)
    except NoReverseMatch:
        return None


def public_nav(municipality: Any) -> list[dict[str, str]]:
    items = []
    for manifest in registry.modules():
        for item in manifest.public_nav:
            url = _reverse(item, municipality)
            if url:
                items.append({"title": str(item.title), "url": url})
    return items


def office_nav(user: Any) -> list[dict[str, str]]:
    items = []
    for manifest in registry.modules():
        for item in manifest.office_nav:
            if item.action and not can(user, item.action, None):
                continue
            url = _reverse(item, None)
            if url:
                items.append({"title": str(item.title), "url": url})
    return items


def shell(request: HttpRequest) -> dict[str, Any]:
    municipality = getattr(request, "municipality", None)
    user = getattr(request, "user", None)
    in_office = request.path.startswith("/office/")
    return {
        "a11y": getattr(request, "a11y", False),
        "current_municipality": municipality,
        "public_nav": public_nav(municipality),
        "office_nav": office_nav(user) if in_office and user and user.is_authenticated else [],
        "is_office": in_office,
        "user_is_staff": bool(user and user.is_authenticated and is_staff_anywhere(user)),
        "htmx_available": htmx_available(),
    }
