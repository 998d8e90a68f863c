"""The accounts module: people, verification and roles."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from zemstvo.core.accounts import selectors
from zemstvo.core.accounts.policies import RULES
from zemstvo.core.registry import CardLine, DashboardCard, ModuleManifest, NavItem


def resident_card(user: Any, municipality: Any) -> list[CardLine]:
    """Residents of the municipality: registered, verified, awaiting verification."""
    if municipality is None:
        return []
    counts = selectors.resident_counts(municipality)
    people = reverse("office_accounts:people")

    def url(**params: str) -> str:
        return f"{people}?{urlencode({'m': municipality.slug, **params})}"

    return [
        CardLine(str(_("Зарегистрировано жителей")), counts["registered"], url()),
        CardLine(str(_("Личность подтверждена")), counts["verified"], url(verified="yes")),
        CardLine(str(_("Ждут подтверждения")), counts["awaiting"], url(verified="no"),
                 alert=counts["awaiting"] > 0),
    ]


manifest = ModuleManifest(
    label="accounts",
    title=_("Люди и роли"),
    site_urls="zemstvo.core.accounts.urls",
    office_urls="zemstvo.core.accounts.office_urls",
    office_nav=(
        NavItem(title=_("Люди и роли"), url_name="office_accounts:people", scope="office",
                action="accounts.view_people"),
    ),
    api_routers=(
        ("auth", "zemstvo.core.accounts.api:auth_router"),
        ("", "zemstvo.core.accounts.api:me_router"),
    ),
    dashboard_cards=(
        DashboardCard(title=_("Жители"), lines=resident_card, action="accounts.view_people"),
    ),
    policies=RULES,
)
