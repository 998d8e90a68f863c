"""Reads for the shell's pages."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q

from zemstvo.core import registry
from zemstvo.core.accounts.roles import is_operator, staff_municipality_ids, staff_region_ids
from zemstvo.core.permissions import can
from zemstvo.core.territory.models import Municipality, Region


def regions_with_portals() -> list[Region]:
    """Regions that have active municipalities, each with them (two queries)."""
    portals = Municipality.objects.filter(is_active=True).order_by("name")
    return list(
        Region.objects.annotate(n=Count("municipalities", filter=Q(municipalities__is_active=True)))
        .filter(n__gt=0)
        .prefetch_related(Prefetch("municipalities", queryset=portals, to_attr="portals"))
        .order_by("name")
    )


def office_municipality_choices(user: Any) -> list[Municipality]:
    if is_operator(user):
        return list(Municipality.objects.filter(is_active=True).order_by("name")[:500])
    return list(
        Municipality.objects.filter(
            Q(pk__in=staff_municipality_ids(user)) | Q(region_id__in=staff_region_ids(user))
        ).order_by("name")
    )


def office_municipality(user: Any, slug: str | None) -> Municipality | None:
    """The municipality the office works on: the one chosen, else the user's first."""
    choices = office_municipality_choices(user)
    for municipality in choices:
        if municipality.slug == slug:
            return municipality
    direct = staff_municipality_ids(user)
    for municipality in choices:
        if municipality.pk in direct:
            return municipality
    return choices[0] if choices else None


def dashboard_cards(user: Any, municipality: Municipality | None) -> list[dict[str, Any]]:
    cards = []
    for manifest in registry.modules():
        for card in manifest.dashboard_cards:
            if card.action and not can(user, card.action, municipality):
                continue
            cards.append({"title": card.title, "module": manifest.title,
                          "lines": card.lines(user, municipality)})
    return cards
