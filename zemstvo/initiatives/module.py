"""The initiatives module declares itself: menus, pages, API, home block, dashboard
card with overdue deadlines, search, the open data set of projects, rule defaults,
policies and demo content."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zemstvo.core.accounts.roles import card_municipality_ids
from zemstvo.core.registry import (
    CardLine,
    DashboardCard,
    HomeBlock,
    ModuleManifest,
    NavItem,
    SearchProvider,
)
from zemstvo.initiatives import selectors
from zemstvo.initiatives.demo import generate_demo
from zemstvo.initiatives.legal import RULE_DEFAULTS
from zemstvo.initiatives.opendata import PROJECTS_DATASET
from zemstvo.initiatives.policies import RULES


def _home_context(municipality: Any) -> dict[str, Any]:
    return {"municipality": municipality,
            "initiative_projects": selectors.home_projects(municipality)}


def _card_lines(user: Any, municipality: Any) -> list[CardLine]:
    ids = card_municipality_ids(user, municipality)
    if municipality is not None:
        today = selectors.today_in(municipality)
        query = f"?m={municipality.slug}&"
    else:
        today = timezone.localdate()
        query = "?"
    counts = selectors.dashboard_counts(ids, today)
    url = reverse("office_initiatives:queue") + query
    return [
        CardLine(_("Ждут опубликования"), counts["to_publish"], f"{url}status=submitted"),
        CardLine(_("Ждут решения"), counts["to_decide"], f"{url}status=published"),
        CardLine(_("Просрочены сроки"), counts["overdue"], f"{url}overdue=1",
                 alert=counts["overdue"] > 0),
    ]


manifest = ModuleManifest(
    label="initiatives",
    title=_("Инициативные проекты"),
    public_nav=(NavItem(_("Инициативные проекты"), "initiatives:list"),),
    office_nav=(NavItem(_("Инициативные проекты"), "office_initiatives:queue", scope="office",
                        action="initiatives.view_office"),),
    public_urls="zemstvo.initiatives.urls",
    office_urls="zemstvo.initiatives.office_urls",
    api_routers=(("initiatives", "zemstvo.initiatives.api:router"),),
    dashboard_cards=(
        DashboardCard(title=_("Инициативные проекты"), lines=_card_lines,
                      action="initiatives.view_office"),
    ),
    home_blocks=(
        HomeBlock(title=_("Инициативные проекты"), template="initiatives/home_block.html",
                  context=_home_context, order=30),
    ),
    search_providers=(
        SearchProvider(kind="initiatives", title=_("Инициативные проекты"),
                       documents=selectors.search_documents),
    ),
    opendata_sets=(PROJECTS_DATASET,),
    policies=RULES,
    rule_defaults=RULE_DEFAULTS,
    demo=generate_demo,
    demo_order=40,
)
